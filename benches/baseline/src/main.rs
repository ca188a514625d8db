// leadbot-baseline: the baseline bot for BENCHMARKS.md.
//
// A lead-qualification dialogue written exactly the way teloxide's own
// examples write one (`examples/dialogue.rs`, `examples/purchase.rs` and
// `examples/db_remember.rs` of teloxide 0.17): a `Dispatcher` with the default
// long-polling update listener, `dialogue` state kept in `SqliteStorage` with
// the JSON serializer, and four questions (need, budget, authority,
// timeframe), nothing else. No tuning of concurrency, timeouts or limits.
//
// Configuration, from the environment only:
//  - `TELOXIDE_TOKEN`   the bot token (read by `Bot::from_env()`);
//  - `TELEGRAM_API_URL` if set, the Bot API base URL (`Bot::set_api_url`), e.g.
//                       a fake Bot API server on 127.0.0.1 for the benchmark;
//  - `BASELINE_DB`      the SQLite file (default `baseline.sqlite`);
//  - `BASELINE_WAL=1`   switch that file to WAL before opening the storage
//                       (otherwise SQLite's default rollback journal, as in
//                       the examples).
// Logging is `pretty_env_logger`, as in the examples (`RUST_LOG=info`).
//
// # Example
// ```
//  - Hello
//  - Hi! What do you need? (website, app, marketing)
//  - website
//  - What is your budget?
//  - 5000 USD
//  - Do you decide on the purchase yourself?
//  - yes
//  - When do you want to start?
//  - next month
//  - Need: website
//    Budget: 5000 USD
//    Authority: yes
//    Timeframe: next month
// ```

use teloxide::{
    dispatching::{
        dialogue::{serializer::Json, SqliteStorage},
        UpdateHandler,
    },
    prelude::*,
};

type MyStorage = SqliteStorage<Json>;
type MyDialogue = Dialogue<State, MyStorage>;
type HandlerResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub enum State {
    #[default]
    Start,
    ReceiveNeed,
    ReceiveBudget {
        need: String,
    },
    ReceiveAuthority {
        need: String,
        budget: String,
    },
    ReceiveTimeframe {
        need: String,
        budget: String,
        authority: String,
    },
}

#[tokio::main]
async fn main() {
    pretty_env_logger::init();
    log::info!("Starting baseline lead bot...");

    let mut bot = Bot::from_env();
    if let Ok(url) = std::env::var("TELEGRAM_API_URL") {
        bot = bot.set_api_url(url.parse().expect("TELEGRAM_API_URL is not a valid URL"));
    }

    let db = std::env::var("BASELINE_DB").unwrap_or_else(|_| "baseline.sqlite".to_owned());
    if std::env::var("BASELINE_WAL").is_ok_and(|v| v == "1") {
        enable_wal(&db).await;
    }
    let storage = MyStorage::open(&db, Json).await.unwrap();

    Dispatcher::builder(bot, schema())
        .dependencies(dptree::deps![storage])
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
}

/// `PRAGMA journal_mode=WAL` on a one-off connection; the mode persists in the
/// file, so the pool that `SqliteStorage::open` creates afterwards uses it.
async fn enable_wal(path: &str) {
    use sqlx::{sqlite::SqliteConnection, Connection};

    let mut conn = SqliteConnection::connect(&format!("sqlite:{path}?mode=rwc"))
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode=WAL")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    log::info!("SQLite journal_mode of {path}: {mode}");
}

fn schema() -> UpdateHandler<Box<dyn std::error::Error + Send + Sync + 'static>> {
    use dptree::case;

    Update::filter_message()
        .enter_dialogue::<Message, MyStorage, State>()
        .branch(case![State::Start].endpoint(start))
        .branch(case![State::ReceiveNeed].endpoint(receive_need))
        .branch(case![State::ReceiveBudget { need }].endpoint(receive_budget))
        .branch(case![State::ReceiveAuthority { need, budget }].endpoint(receive_authority))
        .branch(
            case![State::ReceiveTimeframe {
                need,
                budget,
                authority
            }]
            .endpoint(receive_timeframe),
        )
}

async fn start(bot: Bot, dialogue: MyDialogue, msg: Message) -> HandlerResult {
    bot.send_message(
        msg.chat.id,
        "Hi! What do you need? (website, app, marketing)",
    )
    .await?;
    dialogue.update(State::ReceiveNeed).await?;
    Ok(())
}

async fn receive_need(bot: Bot, dialogue: MyDialogue, msg: Message) -> HandlerResult {
    match msg.text() {
        Some(need) => {
            bot.send_message(msg.chat.id, "What is your budget?")
                .await?;
            dialogue
                .update(State::ReceiveBudget { need: need.into() })
                .await?;
        }
        None => {
            bot.send_message(msg.chat.id, "Please send text.").await?;
        }
    }
    Ok(())
}

async fn receive_budget(
    bot: Bot,
    dialogue: MyDialogue,
    need: String, // Available from `State::ReceiveBudget`.
    msg: Message,
) -> HandlerResult {
    match msg.text() {
        Some(budget) => {
            bot.send_message(msg.chat.id, "Do you decide on the purchase yourself?")
                .await?;
            dialogue
                .update(State::ReceiveAuthority {
                    need,
                    budget: budget.into(),
                })
                .await?;
        }
        None => {
            bot.send_message(msg.chat.id, "Please send text.").await?;
        }
    }
    Ok(())
}

async fn receive_authority(
    bot: Bot,
    dialogue: MyDialogue,
    (need, budget): (String, String), // Available from `State::ReceiveAuthority`.
    msg: Message,
) -> HandlerResult {
    match msg.text() {
        Some(authority) => {
            bot.send_message(msg.chat.id, "When do you want to start?")
                .await?;
            dialogue
                .update(State::ReceiveTimeframe {
                    need,
                    budget,
                    authority: authority.into(),
                })
                .await?;
        }
        None => {
            bot.send_message(msg.chat.id, "Please send text.").await?;
        }
    }
    Ok(())
}

async fn receive_timeframe(
    bot: Bot,
    dialogue: MyDialogue,
    (need, budget, authority): (String, String, String), // From `State::ReceiveTimeframe`.
    msg: Message,
) -> HandlerResult {
    match msg.text() {
        Some(timeframe) => {
            let summary = format!(
                "Need: {need}\nBudget: {budget}\nAuthority: {authority}\nTimeframe: {timeframe}"
            );
            bot.send_message(msg.chat.id, summary).await?;
            dialogue.exit().await?;
        }
        None => {
            bot.send_message(msg.chat.id, "Please send text.").await?;
        }
    }
    Ok(())
}
