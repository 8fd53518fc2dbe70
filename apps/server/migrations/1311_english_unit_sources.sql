-- English for the administrative units' source line where it cites Vietnamese documents by their Vietnamese type
-- ("Công văn 915/CTK-CSCL"), held in one language until now (issue 17, "complete English"). Null means "no English
-- yet": the pages then show the source as stored. The seed step `geo-english-v1` fills it from
-- apps/server/src/modules/geo/data/english-texts.json.
alter table admin_units add column source_en text;
