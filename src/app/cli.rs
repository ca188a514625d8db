//! The command line: `leadbot chat | leads | export | migrate | run`.

use crate::app::settings::{self, redact_url};
use crate::app::startup::App;
use crate::channels::console::ConsoleChat;
use crate::core::questionnaire::Questionnaire;
use crate::core::report::{report_with, Kind};
use crate::core::{Language, Temperature};
use crate::export;
use crate::storage::LeadFilter;
use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "leadbot",
    version,
    about = "Qualifies leads in Bengali, Hindi and English with a BANT questionnaire",
    long_about = "leadbot talks to prospects in Bengali, Hindi or English, asks the BANT questions \
(budget, authority, need, timeframe), stores every answer and grades each lead hot, warm or cold.\n\n\
Settings come from leadbot.toml (or --config), then LEADBOT_* environment variables, then \
DATABASE_URL / TELEGRAM_BOT_TOKEN / DISCORD_BOT_TOKEN, then these options."
)]
pub struct Cli {
    /// Database URL [default: sqlite://leadbot.db]; overrides DATABASE_URL and the config file
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,

    /// Configuration file [default: ./leadbot.toml when it exists]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Commands,
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Chat with the bot in this terminal, as a prospect would
    Chat {
        /// Language to talk in; skips the language question
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Your name in the chat; the same name continues that conversation
        /// later [default: an anonymous "console-user"]
        #[arg(long)]
        user: Option<String>,
        /// Where the lead came from, as a deep link would say (e.g. fb_ad_nov)
        #[arg(long)]
        source: Option<String>,
    },
    /// Print a table of leads, most recently updated first
    Leads {
        /// Only leads of this temperature
        #[arg(long, value_enum)]
        temperature: Option<TemperatureArg>,
        /// At most this many leads
        #[arg(long)]
        limit: Option<i64>,
    },
    /// Write every lead with every current answer and stage event
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Create or upgrade the database schema
    Migrate,
    /// Copy the SQLite database, consistent and while the bot runs, into
    /// FILE (PostgreSQL: use pg_dump)
    Backup {
        /// The copy to write; must not exist yet
        file: std::path::PathBuf,
    },
    /// Print the updates that could never be applied (unreadable, or refused
    /// by the database for their own data), newest first, one JSON per line
    DeadLetters {
        /// At most this many
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Erase leads untouched for longer than retention.days now (`run` does
    /// this daily); won and lost leads keep only non-personal aggregates
    Retention,
    /// Print the funnel: leads per stage with conversion, where questionnaires
    /// stop, and results per source
    Report {
        /// Leads created within this span: 30d, 12h, 2w
        #[arg(long, default_value = "30d", value_parser = export::parse_since)]
        since: chrono::Duration,
    },
    /// Show what the bot understands of an answer, as one JSON object
    #[command(
        after_help = "Examples:\n  leadbot parse --kind money --lang bn \"২-৩ লাখ টাকা\"\n  leadbot parse --kind timeframe --lang hi --now 2026-11-22 \"मार्च तक\""
    )]
    Parse {
        /// What kind of answer the text is
        #[arg(long, value_enum)]
        kind: KindArg,
        /// The conversation's language (the parsers read all three in any
        /// conversation; it is recorded for bug reports)
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// The day the answer was given, for relative timeframes [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        now: Option<chrono::NaiveDate>,
        /// The answer as the prospect typed it (put `--` before text that
        /// starts with "-")
        text: String,
    },
    /// Serve the configured chat channels
    Run,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Bn,
    Hi,
}

impl From<LangArg> for Language {
    fn from(value: LangArg) -> Self {
        match value {
            LangArg::En => Language::En,
            LangArg::Bn => Language::Bn,
            LangArg::Hi => Language::Hi,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Money,
    Timeframe,
    Yesno,
    Authority,
    Need,
    Phone,
    Email,
}

impl From<KindArg> for Kind {
    fn from(value: KindArg) -> Self {
        match value {
            KindArg::Money => Kind::Money,
            KindArg::Timeframe => Kind::Timeframe,
            KindArg::Yesno => Kind::YesNo,
            KindArg::Authority => Kind::Authority,
            KindArg::Need => Kind::Need,
            KindArg::Phone => Kind::Phone,
            KindArg::Email => Kind::Email,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TemperatureArg {
    Hot,
    Warm,
    Cold,
}

impl From<TemperatureArg> for Temperature {
    fn from(value: TemperatureArg) -> Self {
        match value {
            TemperatureArg::Hot => Temperature::Hot,
            TemperatureArg::Warm => Temperature::Warm,
            TemperatureArg::Cold => Temperature::Cold,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl Cli {
    /// The log filter when RUST_LOG is unset: quiet in the chat, where logs
    /// would interleave with the conversation.
    pub fn default_log_filter(&self) -> &'static str {
        match self.command {
            Commands::Chat { .. } => "warn",
            _ => "info",
        }
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Read only by the commands that need them: `parse` works anywhere.
    let settings = || -> anyhow::Result<settings::Settings> {
        let mut settings = settings::load(cli.config.as_deref())?;
        if let Some(url) = &cli.database_url {
            settings.database_url = url.clone();
        }
        crate::telemetry::redact(settings.secrets());
        Ok(settings)
    };
    match cli.command {
        Commands::Parse {
            kind, now, text, ..
        } => {
            let today = now.unwrap_or_else(|| chrono::Local::now().date_naive());
            let localizer = crate::i18n::Localizer::embedded();
            let questionnaire =
                crate::app::startup::with_label_keywords(Questionnaire::builtin(), &localizer);
            println!(
                "{}",
                report_with(&questionnaire, Kind::from(kind), &text, today)
            );
        }
        Commands::Report { since } => {
            let app = App::build(settings()?).await?;
            let from = chrono::Utc::now() - since;
            let funnel = app.store().funnel(from).await?;
            println!("Leads created since {}", from.format("%Y-%m-%d %H:%M UTC"));
            let titles = [
                "Funnel",
                "Where unfinished questionnaires stopped",
                "Per source",
                "Time from sales-qualified to claimed",
            ];
            for (title, table) in titles.iter().zip(export::funnel_tables(&funnel)) {
                println!("\n{title}\n{table}");
            }
            println!("Hot leads unclaimed now: {}", funnel.unclaimed());
            // Counted, never stored as leads: nothing identifies them.
            println!(
                "\nDeclined the privacy notice: {} (not stored as leads)",
                funnel.declined
            );
        }
        Commands::Migrate => {
            let settings = settings()?;
            let url = settings.database_url.clone();
            App::build(settings).await?;
            println!("Database {} is up to date.", redact_url(&url));
        }
        Commands::Run => crate::app::startup::run(settings()?).await?,
        Commands::Backup { file } => {
            let settings = settings()?;
            anyhow::ensure!(
                settings.database_url.starts_with("sqlite:"),
                "leadbot backup copies a SQLite database; for PostgreSQL use pg_dump"
            );
            anyhow::ensure!(
                !file.exists(),
                "{} exists already: choose a new file for the backup",
                file.display()
            );
            let target = file
                .to_str()
                .context("the backup file's path must be valid UTF-8")?;
            let store =
                crate::storage::sqlite::SqliteStore::connect(&settings.database_url).await?;
            // VACUUM INTO writes one consistent snapshot while writers go on.
            sqlx::query("VACUUM INTO ?")
                .bind(target)
                .execute(store.pool())
                .await
                .with_context(|| format!("cannot write the backup to {}", file.display()))?;
            println!("Backed up to {}.", file.display());
        }
        Commands::DeadLetters { limit } => {
            let app = App::build(settings()?).await?;
            let letters = app.store().dead_letters(limit).await?;
            if letters.is_empty() {
                eprintln!("No dead letters: every update was applied.");
            }
            for letter in letters {
                println!("{}", serde_json::to_string(&letter)?);
            }
        }
        Commands::Retention => {
            let settings = settings()?;
            let days = settings.retention.days;
            let language = settings.sales_language();
            let app = App::build(settings).await?;
            let report = crate::service::retention::erase_expired(
                app.store().as_ref(),
                days,
                language,
                chrono::Utc::now(),
            )
            .await?;
            println!(
                "Erased {} leads untouched for more than {days} days; reduced {} won or lost leads to aggregates.",
                report.erased, report.anonymized
            );
        }
        Commands::Chat { lang, user, source } => {
            let app = App::build(settings()?).await?;
            let chat = ConsoleChat {
                qualifier: app.qualifier.clone(),
                localizer: app.localizer.clone(),
                user: user.clone().unwrap_or_else(|| "console-user".to_owned()),
                display_name: user,
                language: lang.map(Language::from),
                source,
            };
            let stdin = tokio::io::BufReader::new(tokio::io::stdin());
            chat.run(stdin, tokio::io::stdout()).await?;
        }
        Commands::Leads { temperature, limit } => {
            let app = App::build(settings()?).await?;
            let filter = LeadFilter {
                temperature: temperature.map(Temperature::from),
                limit,
            };
            let leads = app.store().list_leads(&filter).await?;
            if leads.is_empty() {
                println!("No leads yet. Try `leadbot chat` to create one.");
            } else {
                println!("{}", export::leads_table(&leads));
            }
        }
        Commands::Export { format, out } => {
            let app = App::build(settings()?).await?;
            let leads = app.store().export().await?;
            let mut writer: Box<dyn Write> = match &out {
                Some(path) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                )),
                None => Box::new(std::io::stdout().lock()),
            };
            match format {
                ExportFormat::Json => export::write_json(&leads, &mut writer)?,
                ExportFormat::Csv => {
                    export::write_csv(&leads, app.qualifier.questionnaire(), &mut writer)?
                }
            }
            writer.flush()?;
            if let Some(path) = out {
                eprintln!("Wrote {} leads to {}.", leads.len(), path.display());
            }
        }
    }
    Ok(())
}
