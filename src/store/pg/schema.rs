//! The PostgreSQL schema, as numbered migrations; `feedmill_schema` holds how many are done.
//!
//! The item, validator, health and render tables mirror SQLite's (times are Unix
//! milliseconds, flags 0/1), so both backends share the code that decides what to write.
//! The fleet's own tables (`schedule`, `host_slots`, `files`) exist only here: with SQLite
//! one process does the work, and its schedule lives in memory.

pub(super) const MIGRATIONS: &[&str] = &[
    // 1: the state SQLite keeps, and the fleet's shared schedule, politeness and files
    "CREATE TABLE items (
        feed TEXT NOT NULL,
        link TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT,
        content TEXT,
        author TEXT,
        image TEXT,
        published BIGINT NOT NULL,
        published_printed BIGINT NOT NULL,
        updated BIGINT,
        first_seen BIGINT NOT NULL,
        last_seen BIGINT NOT NULL,
        page_order BIGINT NOT NULL,
        article_attempts BIGINT NOT NULL DEFAULT 0,
        article_done BIGINT NOT NULL DEFAULT 0,
        article_fields TEXT NOT NULL DEFAULT '',
        sources TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (feed, link)
    );
    CREATE INDEX items_by_time ON items (feed, published DESC, first_seen DESC, page_order);
    CREATE TABLE http_cache (
        feed TEXT NOT NULL,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        PRIMARY KEY (feed, url)
    );
    CREATE TABLE feed_health (
        feed TEXT PRIMARY KEY,
        last_attempt BIGINT,
        last_success BIGINT,
        last_error TEXT,
        consecutive_failures BIGINT NOT NULL DEFAULT 0,
        item_count BIGINT NOT NULL DEFAULT 0,
        next_attempt BIGINT,
        -- the instance that last built the feed, for `status`
        built_by TEXT
    );
    CREATE TABLE rendered (
        feed TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        extraction TEXT NOT NULL DEFAULT '',
        files TEXT NOT NULL DEFAULT ''
    );
    -- When each feed is next due, and which instance holds it. The lease token grows with
    -- every claim: a result is applied only while its claim's token is still the feed's.
    CREATE TABLE schedule (
        feed TEXT PRIMARY KEY,
        next_due TIMESTAMPTZ NOT NULL,
        failures BIGINT NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until TIMESTAMPTZ,
        lease_token BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX schedule_by_due ON schedule (next_due);
    -- When each host may next be asked, reserved by whichever instance asks (host_delay).
    CREATE TABLE host_slots (
        host TEXT PRIMARY KEY,
        next_allowed TIMESTAMPTZ NOT NULL
    );
    -- Each rendered feed file, so any instance serves the same bytes.
    CREATE TABLE files (
        name TEXT PRIMARY KEY,
        feed TEXT NOT NULL,
        body BYTEA NOT NULL,
        etag TEXT NOT NULL,
        modified BIGINT NOT NULL,
        built_by TEXT NOT NULL
    );
    CREATE INDEX files_by_feed ON files (feed);",
];
