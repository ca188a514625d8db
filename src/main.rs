use clap::Parser;
use leadbot::app::cli::{self, Cli};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    leadbot::telemetry::init(cli.default_log_filter());
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line for the operator: what failed and why, no backtrace.
            let line = leadbot::telemetry::redacted(&format!("{error:#}"));
            eprintln!("leadbot: {line}");
            ExitCode::FAILURE
        }
    }
}
