-- Alerts worth a manager's attention (issue 10): the money an alert is about, its severity as a
-- number to sort by, the pipeline date a manager resolved it on (the cool-off before a
-- still-holding alert re-opens counts from there), and the day it was surfaced in the inbox
-- (at most the daily budget of new alerts a day).
ALTER TABLE coaching_alerts ADD COLUMN value_at_stake NUMERIC(20, 2) DEFAULT 0 NOT NULL;
ALTER TABLE coaching_alerts ADD COLUMN severity_rank SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE coaching_alerts ADD COLUMN resolved_as_of DATE;
ALTER TABLE coaching_alerts ADD COLUMN surfaced_on DATE;
UPDATE coaching_alerts SET severity_rank = CASE severity
    WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END;
CREATE INDEX coaching_alerts_attention ON coaching_alerts (manager_id, status, severity_rank, value_at_stake, id);
