use super::*;

#[test]
fn backoff_doubles_and_is_capped_at_a_minute() {
    assert_eq!(backoff(0), Duration::from_millis(500));
    assert_eq!(backoff(3), Duration::from_secs(4));
    assert_eq!(backoff(50), Duration::from_secs(60));
}
