-- Audit trail: also redact the short-lived secrets of single sign-on (PKCE verifiers, nonces) in the trail.
create or replace function audit_redact(t text, j jsonb) returns jsonb language sql immutable as $$
  select coalesce(jsonb_object_agg(key,
           case when key ~ '(password|secret|token_hash|code_hash|verifier|nonce)'
                  or (t = 'email_outbox' and key = 'body_text')
                then to_jsonb('[redacted]'::text)
                when jsonb_typeof(value) = 'string' and length(value #>> '{}') > 20000
                then jsonb_build_object('md5', md5(value #>> '{}'), 'length', length(value #>> '{}'))
                else value end), '{}'::jsonb)
  from jsonb_each(j)
$$;
