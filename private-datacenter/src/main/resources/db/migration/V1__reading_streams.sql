-- Raw readings, sealed with AES-GCM in chunks; only what is needed to find and order chunks stays in clear.
-- Portable SQL: H2 (the embedded default) and PostgreSQL both accept BYTEA and TEXT.
CREATE TABLE reading_stream (
    stream_id    VARCHAR(64) PRIMARY KEY,
    sensor_model VARCHAR(32) NOT NULL,
    source       VARCHAR(16) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE reading_chunk (
    stream_id     VARCHAR(64) NOT NULL REFERENCES reading_stream (stream_id),
    chunk_no      BIGINT      NOT NULL,
    first_seq     BIGINT      NOT NULL,
    last_seq      BIGINT      NOT NULL,
    reading_count INTEGER     NOT NULL,
    sealed        BYTEA       NOT NULL,
    PRIMARY KEY (stream_id, chunk_no)
);

-- Sealed documents that belong to a stream: its activity log, its import report.
CREATE TABLE stream_attachment (
    stream_id VARCHAR(64) NOT NULL REFERENCES reading_stream (stream_id),
    kind      VARCHAR(32) NOT NULL,
    sealed    BYTEA       NOT NULL,
    PRIMARY KEY (stream_id, kind)
);
