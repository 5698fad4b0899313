-- Point-in-time history of deals: one row per period a deal was in one state. A deal existed on
-- date D when one of its rows has valid_from <= D (or no valid_from: known since ever) and
-- valid_to > D (or no valid_to: still so). `doc` is the deal as it was; the columns beside it are
-- what the as-of lists filter on. `source` says how the row came to be: 'derived' from the deal's
-- own dates (engage and close) where the source keeps no history, 'recorded' by an import or edit.
CREATE TABLE deal_history (
    deal_id        VARCHAR(200) NOT NULL,
    valid_from     DATE,
    valid_to       DATE,
    owner_id       VARCHAR(200),
    account_id     VARCHAR(200),
    product        VARCHAR(200),
    stage          VARCHAR(200),
    amount         NUMERIC(20, 2),
    expected_close DATE,
    doc            VARCHAR(1000000) NOT NULL,
    version        INTEGER NOT NULL,
    source         VARCHAR(20) NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX deal_history_deal ON deal_history (deal_id, valid_to);
CREATE INDEX deal_history_dates ON deal_history (valid_from, valid_to);
