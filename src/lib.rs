//! leadbot: a lead-qualification chat bot. See README.md for the map.

pub mod app;
pub mod channels;
pub mod core;
pub mod domain;
pub mod export;
pub mod health;
pub mod http_server;
pub mod i18n;
pub mod metrics;
pub mod parse;
pub mod service;
pub mod storage;
pub mod telemetry;
