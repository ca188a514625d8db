//! The real `leadbot run` as a child process for end-to-end tests, its log
//! (standard error and standard output) in a file, and a check that a canary
//! token never reaches that log.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct BotProcess {
    pub child: Child,
    pub log: PathBuf,
    /// A piece of the token that must never appear in the log.
    canary: &'static str,
}

impl BotProcess {
    /// Starts `leadbot run` in `dir` with only the given environment.
    pub fn spawn(dir: &Path, env: &[(&str, String)], canary: &'static str) -> BotProcess {
        let log = dir.join(format!("bot-{}.log", uuid::Uuid::new_v4()));
        // Standard output too: whatever the process prints is checked.
        let file = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_leadbot"));
        command
            .arg("run")
            .current_dir(dir)
            .env_clear()
            .env("RUST_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file);
        for (key, value) in env {
            command.env(key, value);
        }
        BotProcess {
            child: command.spawn().expect("leadbot starts"),
            log,
            canary,
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The address a listener bound, from the log line that contains
    /// `marker` (`listen=<address>`), once it is there.
    pub async fn listen_address(&self, marker: &str) -> String {
        for _ in 0..400 {
            if let Some(address) = self
                .log()
                .lines()
                .find(|l| l.contains(marker))
                .and_then(|l| l.split("listen=").nth(1))
                .and_then(|rest| rest.split_whitespace().next())
            {
                return address.to_owned();
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("nothing listens ({marker:?} not logged):\n{}", self.log());
    }

    /// kill -9.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("leadbot did not exit within 10 s of SIGTERM");
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Every test, error paths included: the token never reaches the logs.
        if !std::thread::panicking() {
            assert!(
                !self.log().contains(self.canary),
                "the bot token leaked into the log"
            );
        }
    }
}
