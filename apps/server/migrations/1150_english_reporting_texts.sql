-- English for the reference texts of policy documents and their tasks, held in Vietnamese only until now (issue 17,
-- "complete English"). Empty or null means "no English yet": the pages then show the Vietnamese text. The seed step
-- `reporting-english-v1` fills them for the reference data from
-- apps/server/src/modules/reporting/data/english-texts.json; MoF's task editor writes them from then on.
alter table policy_documents add column issuer_en text not null default '';
alter table policy_documents add column summary_en text;
alter table policy_documents add column source_en text;
alter table policy_tasks add column group_title_en text;
alter table policy_tasks add column deadline_note_en text;
alter table policy_tasks add column note_en text;
