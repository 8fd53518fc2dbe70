-- Audit trail (issue 14, mission row 14): every write of every table in one append-only table, chained by hash.
--
-- Rows are written by one trigger attached to every table (audit_attach_all(), run by this migration and again after
-- every later migration, so a module added later is covered). The actor is read from the comment the server puts at
-- the start of every statement (apps/server/src/db/actor.ts): /*rl:u=<user>;o=<organisation>;r=<request>;s=<source>*/.
-- Writers never wait for each other here: the hash chain is computed afterwards by audit_seal(), in the order rows are
-- sealed, under its own lock, so a changed or deleted sealed row breaks the chain (audit_verify in the CLI).

create table audit_trail (
  id bigserial primary key,
  at timestamptz not null default clock_timestamp(),
  actor_id integer,
  organisation_id integer,
  request_id text,
  source text not null,
  table_name text not null,
  operation text not null check (operation in ('INSERT', 'UPDATE', 'DELETE')),
  object_id text,
  before jsonb,
  after jsonb,
  chain_seq bigint unique,
  prev_hash text,
  hash text
);
create index audit_trail_unsealed_idx on audit_trail (id) where chain_seq is null;
create index audit_trail_object_idx on audit_trail (table_name, object_id);
create index audit_trail_actor_idx on audit_trail (actor_id);
create index audit_trail_at_idx on audit_trail (at);

-- Values never copied into the trail: secrets by column name, and e-mail bodies (they carry one-time links).
create function audit_redact(t text, j jsonb) returns jsonb language sql immutable as $$
  select coalesce(jsonb_object_agg(key,
           case when key ~ '(password|secret|token_hash|code_hash)'
                  or (t = 'email_outbox' and key = 'body_text')
                then to_jsonb('[redacted]'::text)
                when jsonb_typeof(value) = 'string' and length(value #>> '{}') > 20000
                then jsonb_build_object('md5', md5(value #>> '{}'), 'length', length(value #>> '{}'))
                else value end), '{}'::jsonb)
  from jsonb_each(j)
$$;

-- The text a row's hash covers: everything but the chain columns, in a fixed form (UTC, jsonb's canonical text).
create function audit_canonical(r audit_trail) returns text language sql immutable as $$
  select concat_ws('|', r.id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), r.actor_id,
                   r.organisation_id, r.request_id, r.source, r.table_name, r.operation, r.object_id,
                   coalesce(r.before::text, '-'), coalesce(r.after::text, '-'))
$$;

create function audit_record() returns trigger language plpgsql as $$
declare
  tag text := substring(current_query() from '^/\*rl:([^*]*)\*/');
  o jsonb;
  n jsonb;
  b jsonb;
  a jsonb;
  obj text;
begin
  if current_setting('regionlink.audit', true) = 'off' then
    return null;
  end if;
  if tg_op <> 'INSERT' then o := audit_redact(tg_table_name, to_jsonb(old)); end if;
  if tg_op <> 'DELETE' then n := audit_redact(tg_table_name, to_jsonb(new)); end if;
  if tg_op = 'UPDATE' then
    -- Only what changed, before and after.
    select jsonb_object_agg(key, value) into a from jsonb_each(n) where o -> key is distinct from value;
    if a is null then return null; end if;
    select jsonb_object_agg(key, o -> key) into b from jsonb_each(a);
  else
    b := o;
    a := n;
  end if;
  select string_agg(coalesce(coalesce(n, o) ->> k, ''), ',') into obj
    from unnest(string_to_array(tg_argv[0], ',')) k;
  insert into audit_trail (actor_id, organisation_id, request_id, source, table_name, operation, object_id, before, after)
  values (nullif(substring(tag from 'u=([0-9]+)'), '')::integer,
          nullif(substring(tag from 'o=([0-9]+)'), '')::integer,
          nullif(substring(tag from 'r=([A-Za-z0-9_.:-]+)'), ''),
          coalesce(nullif(substring(tag from 's=([a-z]+)'), ''), 'sql'),
          tg_table_name, tg_op, obj, b, a);
  return null;
end
$$;

-- The trail is append-only: a row may only receive its chain values once; nothing is ever deleted.
create function audit_trail_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'audit_trail is append-only' using errcode = 'insufficient_privilege';
  end if;
  if old.chain_seq is not null or (to_jsonb(old) - array['chain_seq', 'prev_hash', 'hash'])
                                   is distinct from (to_jsonb(new) - array['chain_seq', 'prev_hash', 'hash']) then
    raise exception 'audit_trail is append-only' using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
create trigger audit_trail_append_only before update or delete on audit_trail
  for each row execute function audit_trail_guard();

-- Attach the trigger to every table of the schema that has none, except the trail and high-churn bookkeeping
-- (sessions and sign-in counters: sign-in and sign-out events are rows of audit_log, which is audited).
create function audit_attach_all() returns integer language plpgsql as $$
declare
  t record;
  pk text;
  n integer := 0;
begin
  for t in
    select c.oid, c.relname from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and c.relname not in ('audit_trail', 'sessions', 'login_attempts', 'schema_migrations')
      and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'audit_trail_row')
  loop
    select string_agg(a.attname, ',' order by array_position(i.indkey::int2[], a.attnum)) into pk
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
      where i.indrelid = t.oid and i.indisprimary;
    execute format('create trigger audit_trail_row after insert or update or delete on %I '
                   'for each row execute function audit_record(%L)', t.relname, coalesce(pk, ''));
    n := n + 1;
  end loop;
  return n;
end
$$;

-- Seal: give unsealed rows of committed transactions their place in the chain, oldest first, one sealer at a time.
create function audit_seal(batch integer default 20000) returns integer language plpgsql as $$
declare
  r audit_trail;
  prev text;
  seq bigint;
  n integer := 0;
begin
  perform pg_advisory_xact_lock(7201401);
  select hash, chain_seq into prev, seq from audit_trail where chain_seq is not null order by chain_seq desc limit 1;
  prev := coalesce(prev, 'genesis');
  seq := coalesce(seq, 0);
  for r in select * from audit_trail where chain_seq is null order by id limit batch loop
    seq := seq + 1;
    update audit_trail
       set chain_seq = seq, prev_hash = prev,
           hash = encode(sha256(convert_to(prev || '|' || seq || '|' || audit_canonical(r), 'UTF8')), 'hex')
     where id = r.id
     returning hash into prev;
    n := n + 1;
  end loop;
  return n;
end
$$;

select audit_attach_all();
