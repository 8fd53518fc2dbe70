import type { Dataset } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { type Actor, currentActor } from '../../db/actor';
import { AppError, notFound } from '../../lib/errors';
import { todayVn } from '../geo/geo.service';
import { rawSql } from './raw-sql';

/**
 * Access levels of datasets (issue 15), decided by ONE predicate: `DATASET_READABLE`. Every statistics and analytics
 * read goes through it: the catalogue, the data engine (`queryObservations`, hence maps, analytics aggregates and
 * ranks, report statistics tables, council and plan figures), the commune streams, datasets, releases, diffs and
 * exports, and the coverage page.
 *
 * A dataset is readable by a caller when it is public; or, for a signed-in caller whose credentials are not limited
 * to public data (a `read_public` API token), when the caller is an administrator (MoF), belongs to the owner
 * organisation, to a government body for a `government` dataset, to an organisation named on the dataset, or to an
 * organisation holding a grant (agreement or granted request) in force today.
 *
 * Observations carry no dataset of their own (the latest release of any dataset holds the current value), so the
 * level reaches them through indicators: an indicator any of whose releases belongs to a dataset the caller may not
 * read is hidden from that caller entirely — absent from the catalogue, and a 404 `unknown_indicator` in every query,
 * as if it did not exist. The most restrictive level wins: a restricted value can never leak through an aggregate,
 * a regional total, a rank or a composite index, because the indicator cannot be asked for at all.
 */

/** Who reads: the request's actor (user id) and whether their credentials allow public data only. */
export interface Reader {
  userId: number | null;
  publicOnly: boolean;
}

const publicOnlyActors = new WeakSet<Actor>();

/** Limit the current request to public data (a `read_public` API token). */
export function limitToPublic(actor: Actor | undefined) {
  if (actor) publicOnlyActors.add(actor);
}

/** The caller of the current request (or job); outside any request, an anonymous reader (public data only). */
export function currentReader(): Reader {
  const a = currentActor();
  if (!a || a.userId === null) return { userId: null, publicOnly: true };
  return { userId: a.userId, publicOnly: publicOnlyActors.has(a) };
}

/**
 * THE predicate: SQL true when dataset `d` may be read by user `$user` (null: anonymous) with `$publicOnly`, on
 * `$today` (grants are inclusive of both dates). The three placeholders are the caller's parameter numbers.
 */
export function DATASET_READABLE(d: string, user: string, publicOnly: string, today: string): string {
  return `(${d}.access_level = 'public' or (not ${publicOnly}::boolean and exists (
    select 1 from users ru join organisations ro on ro.id = ru.organisation_id
    where ru.id = ${user}::int and ru.disabled_at is null and ro.disabled_at is null and (
      ru.role = 'admin'
      or ro.id = ${d}.owner_organisation_id
      or (${d}.access_level = 'government' and ro.kind <> 'other')
      or exists (select 1 from dataset_access_orgs ra where ra.dataset_id = ${d}.id and ra.organisation_id = ro.id)
      or exists (select 1 from dataset_grants rg where rg.dataset_id = ${d}.id and rg.organisation_id = ro.id
                 and ${today}::date between rg.valid_from and rg.valid_to)))))`;
}

interface Visibility {
  readable: Set<number>;
  hiddenCodes: Set<string>;
}

const perActor = new WeakMap<Actor, Promise<Visibility>>();

async function computeVisibility(db: Db, r: Reader): Promise<Visibility> {
  const raw = rawSql(db);
  const params = [r.userId, r.publicOnly, todayVn()];
  const rows = await raw.query<{ id: number; readable: boolean }>(
    `select d.id, ${DATASET_READABLE('d', '$1', '$2', '$3')} as readable from datasets d`,
    params,
  );
  const readable = new Set(rows.filter((x) => x.readable).map((x) => x.id));
  const hiddenIds = rows.filter((x) => !x.readable).map((x) => x.id);
  const hiddenCodes = new Set<string>();
  if (hiddenIds.length) {
    const codes = await raw.query<{ code: string }>(
      'select distinct unnest(indicators) as code from releases where dataset_id = any($1::int[])',
      [hiddenIds],
    );
    for (const c of codes) hiddenCodes.add(c.code);
  }
  return { readable, hiddenCodes };
}

/** What the current caller may read (memoised for the request). */
export function visibility(db: Db, reader: Reader = currentReader()): Promise<Visibility> {
  const actor = currentActor();
  const same = actor && actor.userId === reader.userId && publicOnlyActors.has(actor) === reader.publicOnly;
  if (!same) return computeVisibility(db, reader);
  let p = perActor.get(actor);
  if (!p) {
    p = computeVisibility(db, reader);
    p.catch(() => perActor.delete(actor));
    perActor.set(actor, p);
  }
  return p;
}

/** Forget the memo of the current request (after a write that changes what it may read). */
export function forgetVisibility() {
  const a = currentActor();
  if (a) perActor.delete(a);
}

/** Indicator codes the current caller may not see. */
export async function hiddenIndicatorCodes(db: Db): Promise<Set<string>> {
  return (await visibility(db)).hiddenCodes;
}

/** 404 unknown_indicator (the same answer as for a code that does not exist) for an indicator the caller may not see. */
export async function assertIndicatorsReadable(db: Db, codes: Iterable<string>, path = 'query.indicator') {
  const hidden = await hiddenIndicatorCodes(db);
  if (hidden.size === 0) return;
  for (const code of codes)
    if (hidden.has(code))
      throw new AppError(
        404,
        'unknown_indicator',
        `Indicator "${code}" is not in the catalogue.`,
        `Không có chỉ tiêu "${code}" trong danh mục.`,
        [{ path, message: `unknown indicator ${code}`, messageVi: `không có chỉ tiêu ${code}` }],
      );
}

/** 404 for a dataset the caller may not read (its existence does not leak). */
export async function assertDatasetReadable(db: Db, id: number) {
  if (!(await visibility(db)).readable.has(id)) throw notFound(`Dataset ${id}`, `bộ dữ liệu ${id}`);
}

/**
 * Whether anyone, signed in or not, may read a dataset: its level is `public`. Exports that list datasets for the
 * public (the DCAT catalogue) ask this, on top of the caller's own visibility.
 */
export function isPublicDataset(dataset: Pick<Dataset, 'accessLevel'>): boolean {
  return dataset.accessLevel === 'public';
}
