//! A private PostgreSQL cluster for the tests of one process, used when
//! `TEST_DATABASE_URL` is unset: `initdb` in a temporary directory, trust
//! authentication, a free port on 127.0.0.1 (and its unix socket in that
//! directory), started on first use and shared by every test of the binary.
//!
//! Statics have no destructors, so a watchdog shell holds the read end of a
//! pipe whose write end only this process has: when the process ends, however
//! it ends (even `kill -9`), the pipe closes, and the watchdog stops the
//! server (`pg_ctl stop -m immediate`) and removes the directory. On a normal
//! exit an `atexit` hook also waits for the watchdog, so nothing outlives the
//! test process.
//!
//! `initdb` refuses to run as root: as root, the server and the watchdog run
//! as the `postgres` system user, which owns the directory.
#![allow(dead_code)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const NO_SERVER: &str = "PostgreSQL tests need the server binaries (initdb, pg_ctl, on PATH or in \
    /usr/lib/postgresql/*/bin): apt install postgresql, or set TEST_DATABASE_URL to a server's database";

const NO_POSTGRES_USER: &str = "PostgreSQL tests run as root start their server as the `postgres` \
    system user (initdb refuses root), and there is none: apt install postgresql creates it, or \
    set TEST_DATABASE_URL to a server's database";

struct Cluster {
    url: String,
    /// The watchdog and the write end of its pipe; taken at exit.
    watchdog: Mutex<Option<(Child, ChildStdin)>>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The URL of this process's private cluster (`postgres://postgres@127.0.0.1:PORT/postgres`),
/// started on the first call; or the one line that says why there is none.
/// Blocks while the cluster starts; every caller gets the same answer.
pub fn url() -> Result<&'static str, &'static str> {
    match CLUSTER.get_or_init(start) {
        Ok(cluster) => Ok(&cluster.url),
        Err(reason) => Err(reason),
    }
}

/// The user the PostgreSQL programs run as: `None` for this process's own.
type RunAs = Option<(u32, u32)>;

fn start() -> Result<Cluster, String> {
    let began = Instant::now();
    let bin = server_binaries().ok_or_else(|| NO_SERVER.to_owned())?;
    let run_as = if effective_uid() == Some(0) {
        Some(postgres_user().ok_or_else(|| NO_POSTGRES_USER.to_owned())?)
    } else {
        None
    };
    let dir = tempfile::Builder::new()
        .prefix("leadbot-pg-")
        .tempdir()
        .map_err(|e| format!("cannot create a directory for the test PostgreSQL cluster: {e}"))?
        .keep();
    let dir = dir.canonicalize().unwrap_or(dir);
    if let Some((uid, gid)) = run_as {
        if let Err(e) = std::os::unix::fs::chown(&dir, Some(uid), Some(gid)) {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(format!(
                "cannot give {} to the postgres user: {e}",
                dir.display()
            ));
        }
    }
    // From here on the watchdog removes the directory, whatever happens.
    let watchdog = spawn_watchdog(&bin, &dir, run_as).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&dir);
    })?;
    let cluster = Cluster {
        url: String::new(),
        watchdog: Mutex::new(Some(watchdog)),
    };
    match initialize(&bin, &dir, run_as) {
        Ok(port) => {
            register_stop_at_exit();
            eprintln!(
                "private PostgreSQL cluster on 127.0.0.1:{port} in {} (started in {} ms)",
                dir.display(),
                began.elapsed().as_millis()
            );
            Ok(Cluster {
                url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
                ..cluster
            })
        }
        Err(reason) => {
            // Nothing to keep: the watchdog stops what started and cleans up.
            stop(&cluster);
            Err(reason)
        }
    }
}

/// `initdb`, the settings, then `pg_ctl start` on a free port (another
/// process may take the port first: a few tries). Returns the port.
fn initialize(bin: &Path, dir: &Path, run_as: RunAs) -> Result<u16, String> {
    let data = dir.join("data");
    let output = run(
        Command::new(bin.join("initdb")).arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "-N",
        ]),
        dir,
        run_as,
    )?;
    if !output.status.success() {
        return Err(format!(
            "initdb failed for the test PostgreSQL cluster: {}",
            summary(&output)
        ));
    }
    // Appended to the file initdb wrote, which keeps its owner.
    let settings = format!(
        "\n# leadbot tests: a private, disposable cluster\n\
         listen_addresses = '127.0.0.1'\n\
         unix_socket_directories = '{}'\n\
         fsync = off\n\
         full_page_writes = off\n",
        dir.display()
    );
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .open(data.join("postgresql.conf"))
        .and_then(|mut file| file.write_all(settings.as_bytes()))
        .map_err(|e| format!("cannot configure the test PostgreSQL cluster: {e}"))?;
    let log = dir.join("postgres.log");
    let mut last = String::new();
    for _ in 0..5 {
        let port = free_port()?;
        let output = run(
            Command::new(bin.join("pg_ctl"))
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(&log)
                .args(["-w", "-t", "60", "-o"])
                .arg(format!("-p {port}"))
                .arg("start"),
            dir,
            run_as,
        )?;
        if output.status.success() {
            return Ok(port);
        }
        let server_log = std::fs::read_to_string(&log).unwrap_or_default();
        last = server_log
            .lines()
            .rev()
            .find(|l| l.contains("FATAL") || l.contains("ERROR"))
            .map(str::to_owned)
            .unwrap_or_else(|| summary(&output));
        if !server_log.contains("could not bind") && !server_log.contains("already in use") {
            break;
        }
    }
    Err(format!(
        "the test PostgreSQL cluster did not start ({}): {last}",
        log.display()
    ))
}

/// Runs a PostgreSQL program in `dir` as `run_as`, in its own process group
/// (Ctrl-C in the terminal is the watchdog's business).
fn run(command: &mut Command, dir: &Path, run_as: RunAs) -> Result<Output, String> {
    as_user(command, dir, run_as)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))
}

fn as_user<'a>(command: &'a mut Command, dir: &Path, run_as: RunAs) -> &'a mut Command {
    command
        .current_dir(dir)
        .env_remove("PGDATA")
        .process_group(0);
    if let Some((uid, gid)) = run_as {
        // std also drops the supplementary groups.
        command.gid(gid).uid(uid);
    }
    command
}

/// Waits for the end of its standard input, that is for this process to
/// end, then stops the server and removes the directory. Ignores the
/// terminal's signals: it must outlive the tests to clean up after them.
/// A process killed while `pg_ctl start` ran leaves it running: the
/// watchdog stops again until nothing runs on the directory (for up to a
/// minute; without `pgrep`, it stops once).
fn spawn_watchdog(bin: &Path, dir: &Path, run_as: RunAs) -> Result<(Child, ChildStdin), String> {
    const SCRIPT: &str = r#"trap '' HUP INT QUIT TERM
cat >/dev/null
tries=0
while [ "$tries" -lt 60 ]; do
    "$1" -D "$2/data" -m immediate -w stop >/dev/null 2>&1
    pgrep -f -- "-D $2/data" >/dev/null 2>&1 || break
    tries=$((tries + 1))
    sleep 1
done
rm -rf "$2""#;
    let mut child = as_user(
        Command::new("sh")
            .args(["-c", SCRIPT, "leadbot-pg-watchdog"])
            .arg(bin.join("pg_ctl"))
            .arg(dir),
        dir,
        run_as,
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .map_err(|e| format!("cannot start the test PostgreSQL cluster's watchdog (sh): {e}"))?;
    let stdin = child.stdin.take().expect("piped stdin");
    Ok((child, stdin))
}

/// Closes the watchdog's pipe and waits (up to 30 s) for it to stop the
/// server and remove the directory.
fn stop(cluster: &Cluster) {
    let taken = match cluster.watchdog.try_lock() {
        Ok(mut guard) => guard.take(),
        Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner().take(),
        Err(std::sync::TryLockError::WouldBlock) => None,
    };
    let Some((mut child, stdin)) = taken else {
        return;
    };
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        match child.try_wait() {
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            _ => return,
        }
    }
}

extern "C" {
    fn atexit(callback: extern "C" fn()) -> std::os::raw::c_int;
}

extern "C" fn stop_at_exit() {
    if let Some(Ok(cluster)) = CLUSTER.get() {
        stop(cluster);
    }
}

fn register_stop_at_exit() {
    // SAFETY: `atexit` from the C library std links, with a function that
    // takes no arguments and does not unwind (`stop` does not panic).
    unsafe {
        atexit(stop_at_exit);
    }
}

/// The directory with both `initdb` and `pg_ctl`: the first on PATH, else
/// the highest version under /usr/lib/postgresql (Debian and Ubuntu keep
/// them there, off PATH).
fn server_binaries() -> Option<PathBuf> {
    let has_both = |dir: &Path| {
        ["initdb", "pg_ctl"].iter().all(|name| {
            dir.join(name).metadata().is_ok_and(|m| {
                m.is_file()
                    && std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o111 != 0
            })
        })
    };
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let version = entry
                .file_name()
                .to_string_lossy()
                .split('.')
                .map(|part| part.parse().unwrap_or(0))
                .collect();
            (version, entry.path().join("bin"))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    on_path
        .into_iter()
        .chain(versions.into_iter().map(|(_, bin)| bin))
        .find(|dir| dir.is_absolute() && has_both(dir))
}

fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok();
    status
        .as_deref()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Uid:")))
        .and_then(|ids| ids.split_whitespace().nth(1))
        .and_then(|id| id.parse().ok())
        .or_else(|| id(&["-u"]))
}

/// The `postgres` user's uid and primary gid.
fn postgres_user() -> Option<(u32, u32)> {
    Some((id(&["-u", "postgres"])?, id(&["-g", "postgres"])?))
}

fn id(args: &[&str]) -> Option<u32> {
    let output = Command::new("id")
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}

/// A port that was free a moment ago on 127.0.0.1.
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("cannot find a free port for the test PostgreSQL cluster: {e}"))
}

/// The line of a failed program's output that says why.
fn summary(output: &Output) -> String {
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines
        .iter()
        .find(|l| l.contains("error") || l.contains("FATAL"))
        .or(lines.first())
        .map(|l| (*l).to_owned())
        .unwrap_or_else(|| format!("exit status {}", output.status))
}
