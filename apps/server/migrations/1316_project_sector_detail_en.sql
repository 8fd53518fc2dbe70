-- English of a project's sector detail (issue 17, clean Vietnamese): the reference list gave the detail in English,
-- which the Vietnamese pages showed. The seed step `plans-vietnamese-v1` moves that English here and writes the
-- Vietnamese into sector_detail (apps/server/src/modules/plans/data/vietnamese-texts.json). Null: no English.
alter table projects add column sector_detail_en text;
