-- A reviewer may return a submitted post to its author (退回) with a reason
-- instead of publishing it: the post becomes a draft again and keeps who
-- returned it, when and why, for the author's draft page and workbench.
ALTER TABLE disclosure_post ADD COLUMN returned_by BIGINT REFERENCES users (id);
ALTER TABLE disclosure_post ADD COLUMN returned_at BIGINT;
ALTER TABLE disclosure_post ADD COLUMN return_reason TEXT;
