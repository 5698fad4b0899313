-- My day's attention budget: the first day (of the pipeline calendar) a rep was shown each item
-- (an action, or an alert about their deals). Items seen before stay; new ones are admitted up to
-- the daily budget.
CREATE TABLE attention_seen (
    rep_id      VARCHAR(200) NOT NULL,
    item_key    VARCHAR(200) NOT NULL,
    first_seen  DATE NOT NULL,
    PRIMARY KEY (rep_id, item_key)
);
