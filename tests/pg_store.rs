//! The PostgreSQL store opened as feedmill opens it: schema migrations at start (three
//! instances starting together take turns), a clear error when the server is not there.

mod common;

use common::postgres::PgCluster;
use feedmill::config::{Database, Settings};
use feedmill::store::StoreHandle;

fn settings_for(url: &str) -> Settings {
    let mut s = Settings::defaults(std::path::Path::new("/nonexistent"));
    s.database = Some(Database {
        url: url.to_string(),
        origin: "settings.database",
    });
    s
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn instances_starting_together_migrate_once() {
    let Some(pg) = PgCluster::start_or_skip("instances_starting_together_migrate_once") else {
        return;
    };
    let url = pg.create_database("migrate");
    let settings = settings_for(&url);
    runtime().block_on(async {
        let opened =
            futures_util::future::join_all((0..3).map(|_| StoreHandle::open(&settings))).await;
        for o in &opened {
            assert!(
                o.is_ok(),
                "open failed: {:?}",
                o.as_ref().err().map(|e| e.to_string())
            );
        }
        // Opened again: nothing to do, and the read-only opening accepts the schema.
        StoreHandle::open(&settings).await.unwrap();
        let ro = StoreHandle::open_read_only(&settings).await.unwrap();
        assert!(ro.is_some());
        assert!(ro.unwrap().round_trips().unwrap() > 0);
    });
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    // A port nobody listens on: the error names the URL, masks the password, says what to do.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let settings = settings_for(&format!(
        "postgresql://feedmill:secret@127.0.0.1:{port}/feeds"
    ));
    let err = match runtime().block_on(StoreHandle::open(&settings)) {
        Ok(_) => panic!("opened a database nobody serves"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("cannot reach the database"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(
        !err.contains("secret"),
        "the password must not be shown: {err}"
    );
    assert!(err.contains("****"), "{err}");
}
