-- English for the plans' reference texts held in Vietnamese only until now (issue 17, "complete English"): a plan's
-- source and note, a task group's description, a project's location text, notes, scale and source, an indicator's
-- unit, source document and section. Null means "no English yet": the pages then show the Vietnamese text. The seed
-- step `plans-english-v2` fills them for the reference and demo data from apps/server/src/modules/plans/data/english-texts.json.
alter table regional_plans add column source_en text;
alter table regional_plans add column note_en text;
alter table plan_task_groups add column description_en text;
alter table projects add column location_text_en text;
alter table projects add column notes_en text;
alter table projects add column scale_en text;
alter table projects add column source_en text;
alter table rf_indicators add column unit_en text;
alter table rf_indicators add column source_document_en text;
alter table rf_indicators add column source_section_en text;
alter table project_unresolved_locations add column text_en text;
