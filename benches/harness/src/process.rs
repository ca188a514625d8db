//! The bot under test as a child process (its CPU time and memory read from
//! /proc), and the no-logic bot that measures the harness's own ceiling.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const TOKEN: &str = "123456:BENCH-TOKEN";

pub struct Bot {
    child: Child,
    metrics_url: Option<String>,
    _dir: PathBuf,
}

/// A fresh directory under the system's temp dir.
pub fn scratch_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("leadbot-bench-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Bot {
    pub fn spawn(kind: &str, api_url: &str, paced: bool) -> Bot {
        let dir = scratch_dir();
        let database = dir.join("bot.db");
        let mut bot = Bot::spawn_with_database(kind, api_url, paced, &database);
        bot._dir = dir;
        bot
    }

    pub fn spawn_with_database(kind: &str, api_url: &str, paced: bool, database: &Path) -> Bot {
        let dir = database.parent().unwrap().to_path_buf();
        let log = std::fs::File::create(dir.join(format!("{kind}.log"))).unwrap();
        let (binary, env): (String, Vec<(&str, String)>) = match kind {
            "leadbot" => {
                let port = free_port();
                let mut env = vec![
                    ("TELEGRAM_BOT_TOKEN", TOKEN.to_owned()),
                    ("DATABASE_URL", format!("sqlite://{}", database.display())),
                    ("LEADBOT_TELEGRAM__API_URL", api_url.to_owned()),
                    ("LEADBOT_TELEGRAM__POLL_TIMEOUT_SECS", "10".into()),
                    ("LEADBOT_HTTP__LISTEN", format!("127.0.0.1:{port}")),
                    ("RUST_LOG", "warn".into()),
                ];
                if !paced {
                    env.extend([
                        ("LEADBOT_TELEGRAM__PER_CHAT_INTERVAL_MS", "0".into()),
                        ("LEADBOT_TELEGRAM__GROUP_INTERVAL_MS", "0".into()),
                        ("LEADBOT_TELEGRAM__GLOBAL_PER_SECOND", "0".into()),
                    ]);
                }
                let binary =
                    std::env::var("LEADBOT_BIN").expect("LEADBOT_BIN names the leadbot binary");
                let metrics = format!("http://127.0.0.1:{port}/metrics");
                let bot = Bot::start(&binary, &env, log, &dir, Some(metrics));
                return bot;
            }
            "baseline" | "baseline-wal" => {
                let mut env = vec![
                    ("TELOXIDE_TOKEN", TOKEN.to_owned()),
                    ("TELEGRAM_API_URL", api_url.to_owned()),
                    ("BASELINE_DB", database.display().to_string()),
                    ("RUST_LOG", "warn".into()),
                ];
                if kind == "baseline-wal" {
                    env.push(("BASELINE_WAL", "1".into()));
                }
                (
                    std::env::var("BASELINE_BIN").expect("BASELINE_BIN names the baseline binary"),
                    env,
                )
            }
            other => panic!("unknown bot {other}"),
        };
        Bot::start(&binary, &env, log, &dir, None)
    }

    fn start(
        binary: &str,
        env: &[(&str, String)],
        log: std::fs::File,
        dir: &Path,
        metrics_url: Option<String>,
    ) -> Bot {
        let mut command = Command::new(binary);
        command
            .current_dir(dir)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        if binary.ends_with("leadbot") {
            command.arg("run");
        }
        Bot {
            child: command.spawn().expect("the bot starts"),
            metrics_url,
            _dir: dir.to_path_buf(),
        }
    }

    /// `leadbot run` for the chaos scenario: polling, pacing off, the log
    /// (RUST_LOG=info) in `log`, no HTTP listener, plus `env`.
    pub fn spawn_leadbot_logged(
        api_url: &str,
        database: &Path,
        log: &Path,
        env: &[(&str, String)],
    ) -> Bot {
        let dir = database.parent().unwrap().to_path_buf();
        let binary = std::env::var("LEADBOT_BIN").expect("LEADBOT_BIN names the leadbot binary");
        let mut all = vec![
            ("TELEGRAM_BOT_TOKEN", TOKEN.to_owned()),
            ("DATABASE_URL", format!("sqlite://{}", database.display())),
            ("LEADBOT_TELEGRAM__API_URL", api_url.to_owned()),
            ("LEADBOT_TELEGRAM__POLL_TIMEOUT_SECS", "10".into()),
            ("LEADBOT_TELEGRAM__PER_CHAT_INTERVAL_MS", "0".into()),
            ("LEADBOT_TELEGRAM__GROUP_INTERVAL_MS", "0".into()),
            ("LEADBOT_TELEGRAM__GLOBAL_PER_SECOND", "0".into()),
            ("RUST_LOG", "info".into()),
        ];
        all.extend(env.iter().cloned());
        let child = Command::new(binary)
            .arg("run")
            .current_dir(&dir)
            .env_clear()
            .envs(all.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .expect("the bot starts");
        Bot {
            child,
            metrics_url: None,
            _dir: dir,
        }
    }

    /// SIGKILL, and the exit status.
    pub fn sigkill(&mut self) -> std::process::ExitStatus {
        let _ = self.child.kill();
        self.child.wait().expect("the bot was started")
    }

    /// SIGTERM, and the exit status if it exits within `limit`.
    pub fn sigterm(&mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let started = std::time::Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }

    /// The exit status if the bot ended on its own.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    fn proc_file(&self, name: &str) -> String {
        std::fs::read_to_string(format!("/proc/{}/{name}", self.child.id())).unwrap_or_default()
    }

    /// User + system CPU time so far.
    pub fn cpu_seconds(&self) -> f64 {
        let stat = self.proc_file("stat");
        // Fields after the command name, which is in parentheses.
        let rest = stat.rsplit(')').next().unwrap_or_default();
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        // utime and stime are fields 14 and 15; `rest` starts at field 3.
        (ticks(11) + ticks(12)) / 100.0
    }

    fn status_kib(&self, key: &str) -> f64 {
        self.proc_file("status")
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    }

    pub fn rss_mib(&self) -> f64 {
        self.status_kib("VmRSS:") / 1024.0
    }

    pub fn peak_rss_mib(&self) -> f64 {
        self.status_kib("VmHWM:") / 1024.0
    }

    /// leadbot's own count of committed updates, from /metrics.
    pub async fn updates_handled(&self) -> Option<f64> {
        let url = self.metrics_url.as_ref()?;
        let text = reqwest::get(url).await.ok()?.text().await.ok()?;
        text.lines()
            .find(|l| l.starts_with("leadbot_updates_handled_total{channel=\"telegram\"}"))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Answers every update at once with one message, and does nothing else.
pub async fn echo_bot(api_url: String) {
    let client = reqwest::Client::new();
    let base = format!("{api_url}/bot{TOKEN}");
    let mut offset = 0i64;
    loop {
        let Ok(response) = client
            .post(format!("{base}/getUpdates"))
            .json(&json!({"offset": offset, "timeout": 10, "limit": 100}))
            .send()
            .await
        else {
            continue;
        };
        let Ok(body) = response.json::<Value>().await else {
            continue;
        };
        let updates = body["result"].as_array().cloned().unwrap_or_default();
        let sends = updates.iter().map(|update| {
            let client = client.clone();
            let url = format!("{base}/sendMessage");
            let chat = update["message"]["chat"]["id"].clone();
            async move {
                let _ = client
                    .post(url)
                    .json(&json!({"chat_id": chat, "text": "ok"}))
                    .send()
                    .await;
            }
        });
        let sends: Vec<_> = sends.collect();
        for send in sends {
            tokio::spawn(send);
        }
        if let Some(last) = updates.iter().filter_map(|u| u["update_id"].as_i64()).max() {
            offset = last + 1;
        }
    }
}
