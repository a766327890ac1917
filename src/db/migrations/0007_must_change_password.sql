-- An account whose password was set by someone else (opened or reset by
-- community staff) must choose its own at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
