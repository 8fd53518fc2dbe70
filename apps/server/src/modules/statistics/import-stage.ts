import type { ImportResult, ObservationStatus } from '@regionlink/shared';
import type { IndicatorDef } from './catalogue.service';
import type { AggRow } from './derived';
import type { UnitInfo } from './import-check';
import type { StagedCells } from './import-commit';
import type { RawSql } from './raw-sql';

/**
 * Stage 3 of an import, **stage**: valid observations are written with COPY in batches, inside the import's
 * transaction. A first load into an empty table (`bulk`) writes straight into `observations` with its indexes
 * dropped (built again by the commit stage, as a bare COPY would); any other import writes into the temporary table
 * `stat_stage`, which the commit stage merges. While writing, the stager collects what the commit stage needs: the
 * indicators, periods and units seen, the touched (indicator, period) pairs and, for a bulk load, the period counts and
 * the province pre-aggregate summed on the way.
 */

/** Rows written per COPY batch. */
export const BATCH_ROWS = 50_000;

const BULK_COLUMNS = ['indicator_id', 'unit_code', 'geo_date', 'period', 'value', 'status', 'release_id', 'note'];
const STAGE_COLUMNS = ['line', 'indicator_id', 'unit_code', 'geo_date', 'period', 'value', 'status', 'note'];

/** Quote a CSV field for COPY (`format csv`). */
const csvQ = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Prepare the target of the rows: indexes dropped for a bulk load, else an empty `stat_stage` for this transaction. */
export async function openStage(raw: RawSql, bulk: boolean): Promise<void> {
  if (bulk) {
    // First load into an empty table: write without indexes, build them once at the end (as a bare COPY would).
    await raw.query('alter table observations drop constraint observations_pkey');
    await raw.query('drop index observations_indicator_period_idx');
    return;
  }
  await raw.query('drop table if exists stat_stage');
  await raw.query(
    `create temp table stat_stage (line integer, indicator_id integer, unit_code text, geo_date date,
       period integer, value double precision, status text, note text) on commit drop`,
  );
}

export class ObservationStager {
  written = 0;
  readonly indicatorsSeen = new Set<string>();
  readonly periodsSeen = new Set<number>();
  readonly unitsSeen = new Set<number>();
  /** The codes of the provinces whose communes were written. */
  readonly provincesSeen = new Set<string>();
  /** The (indicator, period) pairs written, keyed by a small integer. */
  readonly pairs = new Map<number, { ind: number; period: number }>();
  /** Bulk loads count observations per (indicator, period, unit geography) here instead of re-reading them. */
  readonly periodCounts = new Map<number, { ind: number; period: number; unit: UnitInfo; n: number }>();
  /**
   * Bulk loads also sum the province pre-aggregate here. Weighted means need the weight of the same commune and year;
   * when a weighted value arrives before its weight, that indicator is summed in SQL afterwards instead (`aggBySql`).
   */
  readonly aggAcc = new Map<number, AggRow>();
  readonly aggBySql = new Set<number>();
  /** The first rows of a bulk load, for the result (an incremental import previews what changed instead). */
  readonly preview: ImportResult['preview'] = [];
  private readonly weightValues = new Map<number, Map<number, number>>();
  private buffer: string[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly raw: RawSql,
    readonly bulk: boolean,
    private readonly releaseId: number,
    /** Indicators that weight others (their values are kept during a bulk load). */
    private readonly weightIds: Set<number>,
    /** Called when a batch starts being written (progress). */
    private readonly onBatch?: (written: number) => void,
  ) {}

  /** The indicators and periods written (what an incremental import's merge reads of the current values). */
  cells(): StagedCells {
    const vals = [...this.pairs.values()];
    return { indicators: [...new Set(vals.map((p) => p.ind))], periods: [...this.periodsSeen], rows: this.written };
  }

  /** A full batch is waiting: call `flush`. */
  get full(): boolean {
    return this.buffer.length >= BATCH_ROWS;
  }

  /** Take one valid observation. */
  add(
    line: number,
    ind: IndicatorDef,
    unit: UnitInfo,
    period: number,
    value: number,
    status: ObservationStatus,
    note: string | null,
  ) {
    this.indicatorsSeen.add(ind.code);
    this.periodsSeen.add(period);
    this.unitsSeen.add(unit.idx);
    if (unit.parentCode !== null) this.provincesSeen.add(unit.parentCode);
    const pk = ind.id * 1000 + (period - 1900);
    if (!this.pairs.has(pk)) this.pairs.set(pk, { ind: ind.id, period });
    const noteCsv = note === null ? '' : csvQ(note);
    if (this.bulk) {
      this.countBulk(pk, ind, unit, period, value, status);
      this.buffer.push(
        `${ind.id},${unit.code},${unit.geoDate},${period},${value},${status},${this.releaseId},${noteCsv}`,
      );
      if (this.preview.length < 50)
        this.preview.push({
          row: line,
          indicator: ind.code,
          unitCode: unit.code,
          unitName: unit.nameVi,
          geoDate: unit.geoDate,
          period,
          value,
          before: null,
          status,
        });
    } else this.buffer.push(`${line},${ind.id},${unit.code},${unit.geoDate},${period},${value},${status},${noteCsv}`);
    this.written++;
  }

  /** Bulk load: period counts and the province pre-aggregate, summed while reading. */
  private countBulk(
    pk: number,
    ind: IndicatorDef,
    unit: UnitInfo,
    period: number,
    value: number,
    status: ObservationStatus,
  ) {
    // Units of one geography and level share the counter of their first unit (geoKey).
    const k = pk * 64 + unit.geoKey;
    const c = this.periodCounts.get(k);
    if (c) c.n++;
    else this.periodCounts.set(k, { ind: ind.id, period, unit, n: 1 });
    if (unit.level !== 'commune' || unit.parentIdx < 0) return;
    const uk = (period - 1900) * 131_072 + unit.idx;
    if (this.weightIds.has(ind.id)) {
      let wv = this.weightValues.get(ind.id);
      if (!wv) {
        wv = new Map();
        this.weightValues.set(ind.id, wv);
      }
      wv.set(uk, value);
    }
    const ak = pk * 512 + unit.parentIdx;
    let a = this.aggAcc.get(ak);
    if (!a) {
      a = {
        ind: ind.id,
        period,
        province: unit.parentCode as string,
        geoDate: unit.parentGeoDate as string,
        n: 0,
        sv: 0,
        svw: null,
        sw: null,
        nw: 0,
        np: 0,
        release: this.releaseId,
      };
      this.aggAcc.set(ak, a);
    }
    a.n++;
    a.sv += value;
    if (status === 'provisional') a.np++;
    if (ind.weightId !== null && !this.aggBySql.has(ind.id)) {
      const w = this.weightValues.get(ind.weightId)?.get(uk);
      if (w === undefined) this.aggBySql.add(ind.id);
      else {
        a.svw = (a.svw ?? 0) + value * w;
        a.sw = (a.sw ?? 0) + w;
        a.nw++;
      }
    }
  }

  /**
   * Write the waiting rows. One COPY batch may be in flight while the next batch is read and checked: on PostgreSQL
   * the server writes while Node parses. Anything else on the connection waits for it (`drain`).
   */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const csv = this.buffer.join('\n');
    this.buffer = [];
    await this.drain();
    const p = this.bulk
      ? this.raw.copyInCsv('observations', BULK_COLUMNS, csv)
      : this.raw.copyInCsv('stat_stage', STAGE_COLUMNS, csv);
    p.catch(() => undefined);
    this.inFlight = p;
    this.onBatch?.(this.written);
  }

  /** Wait for the batch in flight, if any. */
  async drain(): Promise<void> {
    if (this.inFlight) {
      const p = this.inFlight;
      this.inFlight = null;
      await p;
    }
  }

  /** Write what is left and wait for it. */
  async finish(): Promise<void> {
    await this.flush();
    await this.drain();
  }
}
