-- Audit trail, faster: one trigger call per statement instead of per row.
--
-- Measured on a 50,000-row statistics import (bench/audit.ts), the row triggers of 0900 made the import 6× (PostgreSQL)
-- to 9× (PGlite) slower: one PL/pgSQL call, one redaction over every column and one insert per row. These statement
-- triggers see the statement's rows as transition tables and write the trail with one set-based insert; secrets and
-- possibly large columns are found once per table (by column name and type when the trigger is attached), not for
-- every value of every row. The row contents, attribution, redaction and the chain are the same as before.

-- Redact `secret` columns and keep long values of `big` columns as their MD5 and length.
create function audit_clean(j jsonb, secret text[], big text[]) returns jsonb language plpgsql immutable as $$
declare
  k text;
begin
  foreach k in array secret loop
    if j ? k and j -> k <> 'null'::jsonb then j := jsonb_set(j, array[k], to_jsonb('[redacted]'::text)); end if;
  end loop;
  foreach k in array big loop
    if length(j ->> k) > 20000 then
      j := jsonb_set(j, array[k], jsonb_build_object('md5', md5(j ->> k), 'length', length(j ->> k)));
    end if;
  end loop;
  return j;
end
$$;

-- The row as the trail keeps it. Inlined by the planner (a single SQL expression): rows of tables without secret
-- columns whose datum is under 20,000 bytes (so no value can be long) are kept as they are, without a function call.
create function audit_prepare(j jsonb, secret text[], big text[]) returns jsonb language sql immutable as $$
  select case when cardinality(secret) = 0 and (cardinality(big) = 0 or pg_column_size(j) <= 20000) then j
              else audit_clean(j, secret, big) end
$$;

-- tg_argv: 0 primary key columns, 1 secret columns, 2 large-capable columns (all comma-separated).
create function audit_record_statement() returns trigger language plpgsql as $$
declare
  tag text := substring(current_query() from '^/\*rl:([^*]*)\*/');
  pk text[] := string_to_array(tg_argv[0], ',');
  secret text[] := coalesce(string_to_array(nullif(tg_argv[1], ''), ','), '{}');
  big text[] := coalesce(string_to_array(nullif(tg_argv[2], ''), ','), '{}');
  actor integer := nullif(substring(tag from 'u=([0-9]+)'), '')::integer;
  org integer := nullif(substring(tag from 'o=([0-9]+)'), '')::integer;
  req text := nullif(substring(tag from 'r=([A-Za-z0-9_.:-]+)'), '');
  src text := coalesce(nullif(substring(tag from 's=([a-z]+)'), ''), 'sql');
begin
  if current_setting('regionlink.audit', true) = 'off' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    insert into audit_trail (actor_id, organisation_id, request_id, source, table_name, operation, object_id, before, after)
    select actor, org, req, src, tg_table_name, 'INSERT',
           (select string_agg(x.j ->> k, ',' order by o) from unnest(pk) with ordinality as p(k, o)),
           null, audit_prepare(x.j, secret, big)
    from (select to_jsonb(n) as j from new_rows n) x;
  elsif tg_op = 'DELETE' then
    insert into audit_trail (actor_id, organisation_id, request_id, source, table_name, operation, object_id, before, after)
    select actor, org, req, src, tg_table_name, 'DELETE',
           (select string_agg(x.j ->> k, ',' order by o) from unnest(pk) with ordinality as p(k, o)),
           audit_prepare(x.j, secret, big), null
    from (select to_jsonb(d) as j from old_rows d) x;
  elsif cardinality(pk) > 0 then
    -- An update: old and new rows paired by primary key; only what changed, before and after.
    insert into audit_trail (actor_id, organisation_id, request_id, source, table_name, operation, object_id, before, after)
    select actor, org, req, src, tg_table_name, 'UPDATE', c.obj,
           (select jsonb_object_agg(e.key, c.o -> e.key) from jsonb_each(c.a) e), c.a
    from (
      select p.obj, p.o,
             (select jsonb_object_agg(e.key, e.value) from jsonb_each(p.n) e where p.o -> e.key is distinct from e.value) as a
      from (
        select oo.obj, audit_prepare(oo.j, secret, big) as o, audit_prepare(nn.j, secret, big) as n
        from (select y.j, (select string_agg(y.j ->> k, ',' order by o) from unnest(pk) with ordinality as p(k, o)) as obj
              from (select to_jsonb(r) as j from old_rows r) y) oo
        join (select y.j, (select string_agg(y.j ->> k, ',' order by o) from unnest(pk) with ordinality as p(k, o)) as obj
              from (select to_jsonb(r) as j from new_rows r) y) nn
          on nn.obj = oo.obj
      ) p
    ) c
    where c.a is not null;
  else
    -- No primary key to pair rows by: the rows before and the rows after, each as its own entry.
    insert into audit_trail (actor_id, organisation_id, request_id, source, table_name, operation, object_id, before, after)
    select actor, org, req, src, tg_table_name, 'UPDATE', null, audit_prepare(to_jsonb(r), secret, big), null from old_rows r
    union all
    select actor, org, req, src, tg_table_name, 'UPDATE', null, null, audit_prepare(to_jsonb(r), secret, big) from new_rows r;
  end if;
  return null;
end
$$;

-- Attach the three statement triggers to every table that has none (replacing 0900's row trigger where present).
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
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
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
