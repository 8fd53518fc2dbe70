-- English for the texts the reference import wrote on submissions in Vietnamese only (issue 17, "complete English"):
-- a submission's source line, and an event's actor and reason when the system (not a person) wrote them. Null means
-- "no English": the pages then show the Vietnamese text. The seed step `reporting-english-v2` fills them from
-- apps/server/src/modules/reporting/data/english-texts.json, and gives the figure definitions of the reference cycles
-- their English unit (FigureDef.unitEn, in cycle_tasks.figures).
alter table submissions add column source_en text;
alter table submission_events add column actor_name_en text;
alter table submission_events add column reason_en text;
