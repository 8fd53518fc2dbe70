-- English for reference texts that were held in Vietnamese only (issue 17, "complete English").
--
-- Dataset provenance (publisher, original source, licence, geography), release notes, indicator licences and the
-- cycle's note get an English column beside the Vietnamese one. Empty means "no English yet": the pages then show
-- the Vietnamese text. The seed step `english-texts-v1` fills them for the reference data from
-- apps/server/src/db/data/english-texts.json.
alter table datasets add column publisher_en text not null default '';
alter table datasets add column original_source_en text not null default '';
alter table datasets add column licence_en text not null default '';
alter table datasets add column geography_note_en text not null default '';
alter table releases add column note_en text not null default '';
alter table indicators add column licence_en text not null default '';
alter table reporting_cycles add column note_en text;
