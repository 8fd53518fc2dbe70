import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportProgress } from '@regionlink/shared';
import type { Database } from '../../db/client';
import { FileProblem, readCsv } from './csv-stream';
import { ImportRejected, importObservations } from './import.service';
import { inspectXlsx, readXlsx } from './xlsx-read';

const USAGE = `FILE [--dataset CODE [--title T --publisher P --source S --licence L]] [--at YYYY-MM-DD] [--dry-run] [--decimal comma] [--sheet NAME] [--note TEXT]`;

/**
 * `npm run cli -- import FILE …`: import a CSV or XLSX file of statistics as a new release, streaming it (files of
 * millions of rows need little memory), with the same checks as uploads. Runs with administrator rights: whoever can
 * run commands on the server machine can already change its database. Exit code 0 = imported (or dry run passed),
 * 2 = refused (every problem printed with its row and column), 1 = failed.
 */
export const importFileCommand = {
  summary:
    'Import statistics from a CSV/XLSX file as a new release (all-or-nothing; --dry-run only checks). / Nhập số liệu từ tệp CSV/XLSX thành một bản phát hành mới.',
  usage: USAGE,
  async run(ctx: { database: Database; args: string[]; log: (l: string) => void }): Promise<number> {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      allowPositionals: true,
      options: {
        dataset: { type: 'string' },
        at: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        decimal: { type: 'string', default: 'dot' },
        sheet: { type: 'string' },
        note: { type: 'string' },
        title: { type: 'string' },
        publisher: { type: 'string' },
        source: { type: 'string' },
        licence: { type: 'string' },
      },
    });
    const file = positionals[0];
    if (!file || !fs.existsSync(file)) {
      console.error(`Usage: npm run cli -- import ${USAGE}\n${file ? `No such file: ${file}` : 'FILE is required.'}`);
      return 1;
    }
    if (values.at && !/^\d{4}-\d{2}-\d{2}$/.test(values.at)) {
      console.error('--at must be a date YYYY-MM-DD.');
      return 1;
    }
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    const isXlsx = head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    let user = 'unknown';
    try {
      user = os.userInfo().username;
    } catch {
      /* no passwd entry */
    }
    const started = Date.now();
    let last = 0;
    const onProgress = (p: ImportProgress) => {
      if (p.rowsRead - last >= 100_000 || p.phase !== 'reading') {
        last = p.rowsRead;
        console.error(
          `[import] ${p.phase}: ${p.rowsRead.toLocaleString('vi-VN')} rows read, ${p.rowsValid.toLocaleString('vi-VN')} valid, ${p.rowsWritten.toLocaleString('vi-VN')} written, ${p.errors} problem(s)`,
        );
      }
    };
    try {
      const records = isXlsx
        ? (async function* () {
            await inspectXlsx(file);
            yield* readXlsx(file, { sheet: values.sheet });
          })()
        : readCsv(fs.createReadStream(file, { highWaterMark: 1 << 20 }));
      const res = await importObservations(
        ctx.database.db,
        { userId: null, label: `cli:${user}`, role: 'system', organisation: null },
        records,
        {
          dryRun: values['dry-run'] ?? false,
          dataset: values.dataset,
          at: values.at,
          decimal: values.decimal === 'comma' ? 'comma' : 'dot',
          note: values.note,
          fileName: path.basename(file),
          fileType: isXlsx ? 'xlsx' : 'csv',
          onProgress,
          newDataset: {
            titleVi: values.title,
            publisher: values.publisher,
            source: values.source,
            licence: values.licence,
          },
        },
      );
      const mem = Math.round(process.resourceUsage().maxRSS / 1024);
      ctx.log(
        `${res.dryRun ? 'Dry run passed (nothing saved)' : `Imported release #${res.releaseNumber} (id ${res.releaseId})`} of dataset "${res.dataset}": ` +
          `${res.observations} observations (${res.added} added, ${res.changed} changed, ${res.unchanged} unchanged) ` +
          `from ${res.rowsRead} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; peak memory ${mem} MB.`,
      );
      return 0;
    } catch (e) {
      const rejected =
        e instanceof FileProblem
          ? new ImportRejected(
              422,
              [{ row: e.row, column: null, value: null, code: e.code, message: e.message, messageVi: e.messageVi }],
              1,
              0,
            )
          : e;
      if (rejected instanceof ImportRejected) {
        console.error(
          `✖ Not imported: ${rejected.errorCount} problem(s); nothing was saved. / Chưa nhập: ${rejected.errorCount} lỗi; chưa lưu gì.`,
        );
        for (const er of rejected.errors.slice(0, 50))
          console.error(`  row ${er.row}${er.column ? `, ${er.column}` : ''}: ${er.message} / ${er.messageVi}`);
        if (rejected.errorCount > 50) console.error(`  … and ${rejected.errorCount - 50} more`);
        return 2;
      }
      throw e;
    }
  },
};
