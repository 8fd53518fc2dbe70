-- Folded (lower-case, no tone or vowel marks, đ→d) copy of each narrative's text, so search filters in SQL instead
-- of reading every narrative. The application writes it with foldVi(); existing rows are filled with unaccent().
alter table submission_tasks add column narrative_folded text not null default '';
update submission_tasks set narrative_folded = lower(unaccent(narrative_text));
