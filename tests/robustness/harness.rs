//! A fuzz loop on top of proptest: a modest number of cases from a fixed
//! seed in a normal `cargo test` (fresh ones with `LEADBOT_FUZZ_RANDOM=1`),
//! or fresh seeds until `LEADBOT_FUZZ_SECS` have passed. Every
//! input is timed; a slow one fails (and is shrunk), and a watchdog ends the
//! process if one never finishes, printing it. See FUZZING.md.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Debug;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::ThreadId;
use std::time::{Duration, Instant, SystemTime};

/// The longest one input may take. Every input takes micro- to milliseconds;
/// seconds mean a runaway loop or a quadratic blow-up, not a busy machine.
pub const SLOW: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(10)
} else {
    Duration::from_secs(2)
};

/// When the watchdog gives up on an input that has not returned (a real
/// hang: the timing check above only runs once it returns).
const HANG: Duration = Duration::from_secs(60);

/// Runs `test` on values of `strategy`: `cases` of them, or batches of
/// `cases` with fresh seeds until `LEADBOT_FUZZ_SECS` have passed. Panics
/// with the seed and the shrunk input if any case fails, panics or is slow.
pub fn fuzz<S>(name: &str, cases: u32, strategy: S, test: impl Fn(&S::Value) -> Result<(), String>)
where
    S: Strategy,
    S::Value: Debug,
{
    let budget = std::env::var("LEADBOT_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs);
    let fixed_seed = std::env::var("LEADBOT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok());
    // A plain `cargo test` is repeatable: each target's own fixed seed.
    // Fresh seeds only when asked for (a time budget or
    // LEADBOT_FUZZ_RANDOM=1), and every seed is printed for replay.
    let random = budget.is_some() || std::env::var_os("LEADBOT_FUZZ_RANDOM").is_some();
    let stats = Stats::default();
    let started = Instant::now();
    let mut seeds = Vec::new();
    loop {
        let seed = match fixed_seed {
            Some(seed) => seed,
            None if random => fresh_seed(),
            None => default_seed(name),
        };
        seeds.push(seed);
        run_batch(name, cases, seed, &strategy, &test, &stats);
        let more = budget.is_some_and(|b| started.elapsed() < b) && fixed_seed.is_none();
        if !more {
            break;
        }
    }
    let (slowest, input) = stats.slowest.lock().unwrap().clone();
    let shown_seeds = match seeds.as_slice() {
        [one] => format!("seed {one}"),
        many => format!("{} seeds", many.len()),
    };
    println!(
        "fuzz {name}: {} cases in {:.1} s ({shown_seeds}); slowest input {:.2} ms: {}",
        stats.cases.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1000.0,
        shorten(&input, 300),
    );
}

#[derive(Default)]
struct Stats {
    cases: AtomicU64,
    slowest: Mutex<(Duration, String)>,
}

fn run_batch<S>(
    name: &str,
    cases: u32,
    seed: u64,
    strategy: &S,
    test: &impl Fn(&S::Value) -> Result<(), String>,
    stats: &Stats,
) where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases,
        // Failures are reported with their seed and turned into named
        // regression tests by hand, not replayed from a file.
        failure_persistence: None,
        max_shrink_iters: 16_384,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, rng(seed));
    let result = runner.run(strategy, |value| {
        let shown = format!("{value:?}");
        let watch = Watch::start(name, seed, shown);
        let outcome = quietly(|| test(&value));
        let elapsed = watch.stop();
        stats.cases.fetch_add(1, Ordering::Relaxed);
        {
            let mut slowest = stats.slowest.lock().unwrap();
            if elapsed > slowest.0 {
                *slowest = (elapsed, format!("{value:?}"));
            }
        }
        outcome.map_err(TestCaseError::fail)?;
        if elapsed > SLOW {
            return Err(TestCaseError::fail(format!(
                "took {elapsed:?}, more than {SLOW:?}"
            )));
        }
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, value)) => panic!(
            "fuzz {name} failed (replay: LEADBOT_FUZZ_SEED={seed}): {reason}\nshrunk input: {value:#?}"
        ),
        Err(TestError::Abort(reason)) => {
            panic!("fuzz {name} aborted (LEADBOT_FUZZ_SEED={seed}): {reason}")
        }
    }
}

thread_local! {
    /// Whether this thread runs a fuzz input: its panics are failures to
    /// shrink, not messages to print at every shrinking step.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `test`, turning a panic into an `Err` with its message and place.
pub fn quietly(test: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.get() {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let place = info.location().map(|l| l.to_string()).unwrap_or_default();
                LAST_PANIC.set(format!("panicked at {place}: {message}"));
            } else {
                default(info);
            }
        }));
    });
    let was_quiet = QUIET.replace(true);
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(test));
    QUIET.set(was_quiet);
    outcome.unwrap_or_else(|_| Err(LAST_PANIC.take()))
}

/// A 32-byte ChaCha seed from one number, so that a failure can be replayed
/// from the number it prints.
fn rng(seed: u64) -> TestRng {
    let mut state = seed;
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&splitmix(&mut state).to_le_bytes());
    }
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// The seed a plain `cargo test` uses for a target: from its name, so that
/// targets differ from each other but not from run to run.
fn default_seed(name: &str) -> u64 {
    // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn fresh_seed() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut state = nanos ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32);
    splitmix(&mut state)
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The input each test thread is working on, for the watchdog.
type Running = HashMap<ThreadId, (Instant, String, u64, String)>;

fn running() -> &'static Mutex<Running> {
    static RUNNING: OnceLock<Mutex<Running>> = OnceLock::new();
    static WATCHDOG: OnceLock<()> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        std::thread::spawn(watchdog);
    });
    RUNNING.get_or_init(Mutex::default)
}

struct Watch {
    started: Instant,
}

impl Watch {
    fn start(name: &str, seed: u64, input: String) -> Watch {
        let started = Instant::now();
        running().lock().unwrap_or_else(|e| e.into_inner()).insert(
            std::thread::current().id(),
            (started, name.to_owned(), seed, input),
        );
        Watch { started }
    }

    fn stop(self) -> Duration {
        self.started.elapsed()
    }
}

impl Drop for Watch {
    /// Also when the test panics: an input that unwound is no hang.
    fn drop(&mut self) {
        running()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&std::thread::current().id());
    }
}

/// Ends the process when an input has run for `HANG`: the test harness
/// cannot stop a thread, and a hung CI job says nothing about the input.
fn watchdog() {
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let running = running().lock().unwrap_or_else(|e| e.into_inner());
        if let Some((started, name, seed, input)) = running
            .values()
            .find(|(started, ..)| started.elapsed() > HANG)
        {
            // Straight to stderr: the harness captures `eprintln!`.
            let _ = writeln!(
                std::io::stderr(),
                "fuzz {name}: HANG, one input has run for {:?} (LEADBOT_FUZZ_SEED={seed}); input: {input}",
                started.elapsed()
            );
            std::process::exit(101);
        }
    }
}

/// At most `max` characters of `text`, for a readable report line.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}… ({} chars)", &text[..end], text.chars().count()),
        None => text.to_owned(),
    }
}
