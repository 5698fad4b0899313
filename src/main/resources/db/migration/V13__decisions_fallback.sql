-- Issue 12 item 3: a decision made while an earlier rule-set version serves because the live one
-- failed at run time says so: fallback_from names the version it stands in for (NULL: the version
-- served because someone put it live).
ALTER TABLE decision_records ADD COLUMN fallback_from VARCHAR(64);
