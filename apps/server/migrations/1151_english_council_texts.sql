-- English for the councils' reference texts, held in Vietnamese only until now (issue 17, "complete English").
-- Null means "no English yet": the pages then show the Vietnamese text. The seed step `councils-english-v1` fills
-- them for the reference data from apps/server/src/modules/councils/data/english-texts.json.
alter table councils add column founding_decision_en text;
alter table councils add column note_en text;
alter table councils add column source_en text;
alter table council_changes add column basis_en text;
alter table council_changes add column note_en text;
alter table council_members add column source_en text;
alter table coordination_teams add column source_en text;
alter table coordination_teams add column name_en text;
