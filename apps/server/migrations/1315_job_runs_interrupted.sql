-- A job attempt whose server died (or that ran past its expiry) is handed out again by pg-boss; the earlier attempt's
-- row, left "running", is then marked 'interrupted' by the next attempt (modules/jobs/queue.ts), so that "each job ran
-- once" counts completed runs (docs/jobs.md). The constraint is unnamed in 1000_jobs.sql: drop whichever check it is.
do $$
declare c text;
begin
  select conname into c from pg_constraint
   where conrelid = 'job_runs'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%state%';
  if c is not null then execute format('alter table job_runs drop constraint %I', c); end if;
end $$;
alter table job_runs add constraint job_runs_state_check
  check (state in ('running', 'completed', 'failed', 'interrupted'));
