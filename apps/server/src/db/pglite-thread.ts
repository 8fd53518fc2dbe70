import { Worker } from 'node:worker_threads';
import { tagSql } from './actor';
import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';

/**
 * PGlite running in a worker thread (`pglite-worker.mjs`), behind the part of PGlite's interface the application,
 * drizzle and the benchmark use: `query` (row modes, raw-string parsers, COPY blobs in and out), `exec`,
 * `transaction`, `dumpDataDir`, `close`, `closed`. Queries run off the main thread, so a long import or scan no
 * longer stops every other request; PGlite still runs one statement at a time, in the order they arrive, and a
 * transaction holds the engine until it ends, as before.
 */
export interface PgliteClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<File | Blob>;
  close(): Promise<void>;
  readonly closed: boolean;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerError };
type WorkerError = { message: string; name: string; stack?: string; props: Record<string, unknown> };
type Request = { op: string; tx?: number; [k: string]: unknown };

const workerUrl = new URL('./pglite-worker.mjs', import.meta.url);

/** Start a worker owning PGlite on `dataDir` (in memory when null), optionally loaded from a dump, with `startParams`. */
export async function startPgliteThread(
  dataDir: string | null,
  loadDataDir: Blob | undefined,
  startParams: string[],
): Promise<PgliteClient> {
  const dump = loadDataDir ? await loadDataDir.arrayBuffer() : undefined;
  const worker = new Worker(workerUrl, {
    workerData: { dataDir, loadDataDir: dump, startParams },
    transferList: dump ? [dump] : [],
  });
  const client = new ThreadClient(worker);
  await client.ready;
  return client;
}

function toError(e: WorkerError, callerStack?: string): Error {
  const err = new Error(e.message) as Error & Record<string, unknown>;
  Object.assign(err, e.props);
  err.name = e.name;
  // Where the query was issued on the main thread, then where it failed in the worker.
  err.stack = `${e.name}: ${e.message}\n${(callerStack ?? '').split('\n').slice(1).join('\n')}\n    --- in the PGlite worker ---\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
  return err;
}

/** Query options that can cross to the worker: drizzle's parsers all return the raw text, sent as type ids. */
function wireOptions(options?: QueryOptions): { wire?: Record<string, unknown>; blob?: Blob } {
  if (!options) return {};
  const wire: Record<string, unknown> = {};
  if (options.rowMode) wire.rowMode = options.rowMode;
  if (options.paramTypes) wire.paramTypes = options.paramTypes;
  if (options.parsers) {
    const raw: number[] = [];
    for (const [oid, parse] of Object.entries(options.parsers)) {
      if (parse('\u0001probe', Number(oid)) !== '\u0001probe')
        throw new Error(`PGlite worker: only pass-through parsers can be sent to the worker (type ${oid})`);
      raw.push(Number(oid));
    }
    wire.rawTypes = raw;
  }
  if (options.serializers || options.onNotice)
    throw new Error('PGlite worker: serializers and onNotice are not supported across threads');
  return { wire, blob: options.blob };
}

class ThreadClient implements PgliteClient {
  readonly ready: Promise<void>;
  #worker: Worker;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; stack?: string }>();
  #closed = false;
  #dead: Error | null = null;

  constructor(worker: Worker) {
    this.#worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      // Id 0 is the start-up: `ready`, or the error PGlite.create threw.
      this.#pending.set(0, { resolve: () => resolve(), reject });
    });
    worker.on('message', (m: Reply | { ready: true }) => {
      if ('ready' in m) {
        this.#settle(0, { id: 0, ok: true, value: null });
        return;
      }
      this.#settle(m.id, m);
    });
    worker.on('error', (e) => this.#fail(e));
    worker.on('exit', (code) => {
      this.#closed = true;
      this.#fail(new Error(`PGlite worker exited (code ${code})`));
    });
    this.#idle();
  }

  get closed() {
    return this.#closed;
  }

  /** Keep the process alive only while a request is in flight, as an in-process PGlite would. */
  #idle() {
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #settle(id: number, m: Reply) {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    if (m.ok) p.resolve(m.value);
    else p.reject(toError(m.error, p.stack));
    this.#idle();
  }

  #fail(e: Error) {
    this.#dead ??= e;
    for (const [id, p] of this.#pending) {
      this.#pending.delete(id);
      p.reject(e);
    }
  }

  request<T>(msg: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#next++;
    const stack = new Error().stack;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, stack });
      this.#worker.ref();
      this.#worker.postMessage({ ...msg, id }, transfer);
    });
  }

  async runQuery<T>(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx?: number) {
    const { wire, blob } = wireOptions(options);
    const transfer: ArrayBuffer[] = [];
    if (blob && wire) {
      const buf = await blob.arrayBuffer();
      wire.blob = buf;
      transfer.push(buf);
    }
    const res = await this.request<Results<T> & { blobBuffer?: ArrayBuffer }>(
      { op: 'query', sql: tagSql(sql), params, options: wire, tx },
      transfer,
    );
    if (res.blobBuffer) {
      res.blob = new Blob([res.blobBuffer]);
      delete res.blobBuffer;
    }
    return res as Results<T>;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery<T>(sql, params, options);
  }

  exec(sql: string): Promise<Results[]> {
    return this.request<Results[]>({ op: 'exec', sql: tagSql(sql) });
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const id = await this.request<number>({ op: 'begin' });
    const tx = new ThreadTransaction(this, id);
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      if (!tx.closed) {
        tx.markClosed();
        await this.request({ op: 'end', tx: id, commit: false }).catch(() => undefined);
      }
      throw e;
    }
    if (!tx.closed) {
      tx.markClosed();
      await this.request({ op: 'end', tx: id, commit: true });
    }
    return result;
  }

  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'auto'): Promise<File | Blob> {
    const d = await this.request<{ buffer: ArrayBuffer; name: string; type: string }>({ op: 'dump', compression });
    return new File([d.buffer], d.name, { type: d.type });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.request({ op: 'close' });
    this.#closed = true;
    await this.#worker.terminate();
  }
}

/** The transaction handle given to `transaction()` callbacks; its statements run inside that transaction. */
class ThreadTransaction implements Transaction {
  #client: ThreadClient;
  #id: number;
  #closed = false;

  constructor(client: ThreadClient, id: number) {
    this.#client = client;
    this.#id = id;
  }

  get closed() {
    return this.#closed;
  }

  markClosed() {
    this.#closed = true;
  }

  #check() {
    if (this.#closed) throw new Error('Transaction is closed');
  }

  async query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    this.#check();
    return this.#client.runQuery<T>(sql, params, options, this.#id);
  }

  async sql<T>(strings: TemplateStringsArray, ...params: unknown[]): Promise<Results<T>> {
    let text = strings[0] ?? '';
    for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
    return this.query<T>(text, params);
  }

  async exec(sql: string): Promise<Results[]> {
    this.#check();
    return this.#client.request<Results[]>({ op: 'exec', sql: tagSql(sql), tx: this.#id });
  }

  async rollback(): Promise<void> {
    this.#check();
    this.#closed = true;
    await this.#client.request({ op: 'end', tx: this.#id, commit: false });
  }

  listen(): Promise<never> {
    return Promise.reject(new Error('PGlite worker: LISTEN is not supported'));
  }
}
