-- Governed datasets: a canonical-JSON manifest (schema, standardization, governance report, Merkle root) and
-- the canonical records the Merkle tree is built over, in leaf order. Records are pseudonymized.
CREATE TABLE dataset (
    dataset_id VARCHAR(64) PRIMARY KEY,
    manifest   TEXT        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE dataset_record (
    dataset_id   VARCHAR(64) NOT NULL REFERENCES dataset (dataset_id) ON DELETE CASCADE,
    record_index INTEGER     NOT NULL,
    canonical    BYTEA       NOT NULL,
    PRIMARY KEY (dataset_id, record_index)
);
