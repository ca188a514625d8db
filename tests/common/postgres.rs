//! A throwaway PostgreSQL schema per test, on the server `TEST_DATABASE_URL`
//! names (`.ci/run` creates a database per run and sets it) or, when it is
//! unset, on a private cluster this test process starts from the installed
//! server binaries (`pg_cluster.rs`). The tests fail, not skip, without a
//! server: a green run must mean PostgreSQL was tested.
#![allow(dead_code)]

// A path from this file's directory: this file is `common::postgres` in some
// test binaries and a `#[path]` module of their own in others.
#[path = "pg_cluster.rs"]
mod pg_cluster;

use sqlx::Connection;

pub struct TestSchema {
    /// The server URL with this schema as the search path: what a store or a
    /// `leadbot run` connects to.
    pub url: String,
    base: String,
    name: String,
}

/// Creates a fresh schema and returns the URL that selects it.
pub async fn fresh_schema() -> TestSchema {
    let (base, server) = match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => (url, "TEST_DATABASE_URL's server"),
        Err(std::env::VarError::NotUnicode(_)) => panic!("TEST_DATABASE_URL is not UTF-8"),
        // Unset (or empty): this process's own cluster, started by the first
        // test that asks (off the runtime's threads: it takes about a second).
        _ => match tokio::task::spawn_blocking(pg_cluster::url)
            .await
            .expect("the test PostgreSQL cluster starts")
        {
            Ok(url) => (url.to_owned(), "the private test PostgreSQL cluster"),
            Err(reason) => panic!("{reason}"),
        },
    };
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut connection = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("cannot reach {server}: {e}"));
    sqlx::query(&format!("CREATE SCHEMA {name}"))
        .execute(&mut connection)
        .await
        .expect("create a test schema");
    let _ = connection.close().await;
    let separator = if base.contains('?') { '&' } else { '?' };
    TestSchema {
        url: format!("{base}{separator}options[search_path]={name}"),
        base,
        name,
    }
}

impl TestSchema {
    /// Runs SQL on the schema (for checks the store's API does not offer).
    pub async fn connect(&self) -> sqlx::PgConnection {
        sqlx::PgConnection::connect(&self.url)
            .await
            .expect("connect to the test schema")
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        // Drop runs outside async: a thread with its own runtime cleans up.
        let (base, name) = (self.base.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                if let Ok(mut connection) = sqlx::PgConnection::connect(&base).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
                        .execute(&mut connection)
                        .await;
                }
            });
        })
        .join();
    }
}
