//! A throwaway PostgreSQL schema per test, on the server `TEST_DATABASE_URL`
//! names (`.ci/run` creates a database per run and sets it). The tests fail,
//! not skip, without one: a green run must mean PostgreSQL was tested.
#![allow(dead_code)]

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
    let base = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "TEST_DATABASE_URL is not set: the PostgreSQL tests need a server, e.g. \
             TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (bash .ci/run sets it up)"
        )
    });
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut connection = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL's server: {e}"));
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
