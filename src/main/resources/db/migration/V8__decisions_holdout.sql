-- Decision records (issue 12 item 7): every guidance item Pandu computed for a deal or a rep, shown
-- to the rep or held out (a stable share of (deal, code) pairs computed but not shown, to measure
-- whether a play changes outcomes). One row per subject, code and rule-set version: a later
-- computation updates last_computed_at / last_as_of. subject_key is the deal id, or "rep:" + the
-- rep id for advice about no deal.
CREATE TABLE decision_records (
    subject_key       VARCHAR(210) NOT NULL,
    code              VARCHAR(200) NOT NULL,
    rule_set_version  VARCHAR(100) NOT NULL,
    deal_id           VARCHAR(200),
    rep_id            VARCHAR(200) NOT NULL,
    rule_name         VARCHAR(500),
    playbook          VARCHAR(200),
    held_out          BOOLEAN NOT NULL,
    first_as_of       DATE NOT NULL,
    last_as_of        DATE NOT NULL,
    first_computed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_computed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subject_key, code, rule_set_version)
);
CREATE INDEX decision_records_as_of ON decision_records (last_as_of);
CREATE INDEX decision_records_rep ON decision_records (rep_id);
