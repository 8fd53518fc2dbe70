-- Issue 18: observations partitioned by hash of the indicator (declarative partitioning, 16 partitions).
--
-- Why by indicator and by hash (measured in docs/benchmarks.md, "Partitioned observations"): every statement the
-- product runs on observations names its indicators (queries, exports, incremental imports, the pre-aggregate
-- refresh), so `indicator_id = X` or `= any(...)` prunes to one partition per indicator; a range on the period would
-- make every one-indicator series read all period partitions. Hash rather than one list partition per indicator: a
-- new indicator lands in a partition without any DDL (no default partition to fill up and split), and the partitions
-- stay of similar size. Vacuum, analyze and index rebuilds then run per partition (a sixteenth of the table).
--
-- The primary key keeps its columns: indicator_id, the partition key, is its first column. Existing rows are moved
-- within this migration's transaction. observation_revisions stays one table: it is read by release and superseding
-- release, without an indicator to prune by.

alter table observations rename to observations_unpartitioned;
alter table observations_unpartitioned rename constraint observations_pkey to observations_unpartitioned_pkey;
alter index observations_indicator_period_idx rename to observations_unpartitioned_ip_idx;

create table observations (
  indicator_id integer not null,
  unit_code text not null,
  geo_date date not null,
  period integer not null,
  value double precision not null,
  status text not null default 'final' check (status in ('final', 'provisional', 'estimate')),
  release_id integer not null,
  note text
) partition by hash (indicator_id);

do $$
begin
  for r in 0..15 loop
    execute format('create table observations_p%s partition of observations for values with (modulus 16, remainder %s)',
                   lpad(r::text, 2, '0'), r);
  end loop;
end
$$;

-- Rows first, keys after (as a bulk load does): one index build per partition instead of a row-by-row insert.
insert into observations (indicator_id, unit_code, geo_date, period, value, status, release_id, note)
  select indicator_id, unit_code, geo_date, period, value, status, release_id, note from observations_unpartitioned
  order by indicator_id, period, unit_code;
drop table observations_unpartitioned;

alter table observations add constraint observations_pkey primary key (indicator_id, unit_code, geo_date, period);
create index observations_indicator_period_idx on observations (indicator_id, period);

-- The audit trail's statement triggers belong on the partitioned table (they fire for statements that name it, and
-- their transition tables hold the rows of every partition), not on its partitions, which no statement names.
create or replace function audit_attach_all() returns integer language plpgsql as $$
declare
  t record;
  pk text;
  secret text;
  big text;
  args text;
  n integer := 0;
begin
  for t in
    select c.oid, c.relname from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname not in ('audit_trail', 'sessions', 'login_attempts', 'schema_migrations')
      and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'audit_trail_ins')
  loop
    execute format('drop trigger if exists audit_trail_row on %I', t.relname);
    select string_agg(a.attname, ',' order by array_position(i.indkey::int2[], a.attnum)) into pk
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
      where i.indrelid = t.oid and i.indisprimary;
    select string_agg(a.attname, ',') filter (where a.attname ~ '(password|secret|token_hash|code_hash|verifier|nonce)'
                                              or (t.relname = 'email_outbox' and a.attname = 'body_text')),
           string_agg(a.attname, ',') filter (where a.atttypid in ('text'::regtype, 'bytea'::regtype, 'jsonb'::regtype,
                                                                    'json'::regtype, 'varchar'::regtype)
                                              and a.attname !~ '(password|secret|token_hash|code_hash|verifier|nonce)')
      into secret, big
      from pg_attribute a where a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped;
    args := format('%L, %L, %L', coalesce(pk, ''), coalesce(secret, ''), coalesce(big, ''));
    execute format('create trigger audit_trail_ins after insert on %I referencing new table as new_rows '
                   'for each statement execute function audit_record_statement(%s)', t.relname, args);
    execute format('create trigger audit_trail_upd after update on %I referencing old table as old_rows new table as new_rows '
                   'for each statement execute function audit_record_statement(%s)', t.relname, args);
    execute format('create trigger audit_trail_del after delete on %I referencing old table as old_rows '
                   'for each statement execute function audit_record_statement(%s)', t.relname, args);
    n := n + 1;
  end loop;
  return n;
end
$$;

select audit_attach_all();
