-- Rule sets as versions (issue 12 items 1, 2, 5): every published rule set is kept whole, each file
-- of the project as exported (rules/..., playbooks/...), so every node and every restart serves
-- exactly the published version. A version's id is the hash of exactly the content compiled.
CREATE TABLE rule_versions (
    id          VARCHAR(64) PRIMARY KEY,
    seq         BIGINT NOT NULL UNIQUE,
    author      VARCHAR(200) NOT NULL,
    note        VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    parent_id   VARCHAR(64),
    rules       INTEGER NOT NULL
);

CREATE TABLE rule_version_files (
    version_id  VARCHAR(64) NOT NULL REFERENCES rule_versions (id),
    path        VARCHAR(500) NOT NULL,
    content     BYTEA NOT NULL,
    PRIMARY KEY (version_id, path)
);

-- The one live-version pointer every node polls; a publish or a rollback moves it.
CREATE TABLE rule_live (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    version_id  VARCHAR(64) NOT NULL REFERENCES rule_versions (id),
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(200) NOT NULL
);

-- A draft is its base version plus its changes: a changed file's new bytes, or a removal (NULL).
CREATE TABLE rule_drafts (
    id            VARCHAR(64) PRIMARY KEY,
    base_version  VARCHAR(64) NOT NULL REFERENCES rule_versions (id),
    author        VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE rule_draft_files (
    draft_id  VARCHAR(64) NOT NULL REFERENCES rule_drafts (id) ON DELETE CASCADE,
    path      VARCHAR(500) NOT NULL,
    content   BYTEA,
    PRIMARY KEY (draft_id, path)
);
