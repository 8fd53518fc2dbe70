import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take an exclusive lock on the data folder, because PGlite takes none and two servers writing one folder corrupt it.
 * A lock left by a process that no longer runs on this host is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'regionlink.lock');
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, me, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8'));
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; host?: string; startedAt?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        /* unreadable lock: treat as stale */
      }
      const sameHost = holder.host === os.hostname();
      if (holder.pid && (!sameHost || processAlive(holder.pid))) {
        throw new DataDirLockedError(
          `The data folder ${dataDir} is in use by another RegionLink server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). ` +
            `Thư mục dữ liệu đang được một máy chủ RegionLink khác sử dụng. Stop that server, or set DATA_DIR to another folder.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}
