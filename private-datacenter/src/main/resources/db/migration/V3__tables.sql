-- Imported tables: each import's rows sealed with AES-GCM in chunks under a fresh import id. The import becomes
-- the dataset's table only when tabular_table points at it, in one transaction, so a refused or interrupted
-- import leaves nothing a reader can see (and its staged chunks are deleted).
CREATE TABLE tabular_chunk (
    import_id VARCHAR(64) NOT NULL,
    chunk_no  BIGINT      NOT NULL,
    row_count INTEGER     NOT NULL,
    sealed    BYTEA       NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
);

-- The manifest is canonical JSON: the UCL schema, the row count and the Merkle root over the rows.
CREATE TABLE tabular_table (
    dataset_id VARCHAR(64) PRIMARY KEY,
    import_id  VARCHAR(64) NOT NULL,
    manifest   TEXT        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
