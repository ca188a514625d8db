use super::*;

#[test]
fn backoff_doubles_and_is_capped_at_a_minute() {
    assert_eq!(backoff(0), Duration::from_millis(500));
    assert_eq!(backoff(3), Duration::from_secs(4));
    assert_eq!(backoff(50), Duration::from_secs(60));
}

#[test]
fn a_sales_destinations_own_refusals_name_their_fix_and_a_bad_message_does_not() {
    let fix = |error: &str, unreachable: bool| destination_fix(error, unreachable).unwrap_or("");
    assert!(
        fix("Forbidden: bot was kicked from the supergroup chat", true)
            .contains("add the bot back")
    );
    assert!(fix("Bad Request: chat not found", true).contains("check the id"));
    assert!(fix("the group became a supergroup", true).contains("new id"));
    assert!(fix(
        "Bad Request: not enough rights to send text messages to the chat",
        false
    )
    .contains("let the bot post"));
    assert!(fix("403 50001 Missing Access", true).contains("let the bot post"));
    assert!(fix("404 10003 Unknown Channel", false).contains("check the id"));
    assert_eq!(
        destination_fix("Bad Request: message is too long", false),
        None
    );
}
