-- Feedback that works (issue 10): a dismissal holds while the facts the rule read are unchanged
-- (a fingerprint of the facts in the recommendation's why), and expires after dismissalExpiryDays
-- of the pipeline calendar, counted from the as-of date it was given on. Rows from before have
-- neither and keep the old rule (they hold while the deal's or rep's version is unchanged).
ALTER TABLE action_feedback ADD COLUMN facts_fingerprint VARCHAR(64);
ALTER TABLE action_feedback ADD COLUMN as_of DATE;
