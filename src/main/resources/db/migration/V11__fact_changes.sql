-- A counter of changes to the stored facts: every write that changes a fact record (an import, an
-- upsert over the API or a command) adds one, in the same transaction. Caches of team fact sets and
-- of their evaluations are keyed by it (with the as-of date), so a change made by another node or a
-- command on the same store gives a fresh answer on the next request.
CREATE TABLE fact_changes (
    id       INTEGER PRIMARY KEY,
    counter  BIGINT NOT NULL
);
INSERT INTO fact_changes (id, counter) VALUES (1, 0);
