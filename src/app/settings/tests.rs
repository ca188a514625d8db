use super::*;
use figment::Jail;

#[test]
fn defaults_apply_without_a_file() {
    Jail::expect_with(|_jail| {
        let settings = load(None).unwrap();
        assert_eq!(settings.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(settings.scoring.max_timeframe_days, 90);
        assert!(!settings.telegram_configured());
        Ok(())
    });
}

#[test]
fn sqlite_durability_defaults_to_normal_and_takes_full() {
    Jail::expect_with(|jail| {
        assert_eq!(
            load(None).unwrap().sqlite.synchronous,
            crate::storage::Synchronous::Normal
        );
        jail.create_file("leadbot.toml", "[sqlite]\nsynchronous = \"full\"\n")?;
        assert_eq!(
            load(None).unwrap().sqlite.synchronous,
            crate::storage::Synchronous::Full
        );
        jail.create_file("leadbot.toml", "[sqlite]\nsynchronous = \"fast\"\n")?;
        let error = load(None).unwrap_err().to_string();
        assert!(error.contains("synchronous"), "{error}");
        Ok(())
    });
}

#[test]
fn the_environment_overrides_the_file() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "leadbot.toml",
            "database_url = \"sqlite://file.db\"\n[business]\nname = \"Acme\"\n",
        )?;
        assert_eq!(load(None).unwrap().database_url, "sqlite://file.db");
        jail.set_env("DATABASE_URL", "sqlite://env.db");
        jail.set_env("LEADBOT_BUSINESS__NAME", "Acme BD");
        let settings = load(None).unwrap();
        assert_eq!(settings.database_url, "sqlite://env.db");
        assert_eq!(settings.business.name.as_deref(), Some("Acme BD"));
        Ok(())
    });
}

#[test]
fn a_minimum_budget_from_the_environment_overrides_the_file() {
    Jail::expect_with(|jail| {
        jail.create_file("leadbot.toml", "[scoring.min_budget]\nBDT = 200000\n")?;
        let policy = load(None).unwrap().scoring_policy().clone();
        assert_eq!(policy.min_budget[&Currency::Bdt], 200_000);
        assert_eq!(policy.min_budget[&Currency::Inr], 75_000);
        jail.set_env("LEADBOT_SCORING__MIN_BUDGET__BDT", "50000");
        let policy = load(None).unwrap().scoring_policy().clone();
        assert_eq!(policy.min_budget[&Currency::Bdt], 50_000);
        Ok(())
    });
}

#[test]
fn debug_output_never_shows_a_token() {
    Jail::expect_with(|jail| {
        jail.set_env("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN-CANARY");
        let settings = load(None).unwrap();
        assert!(settings.telegram_configured());
        let debug = format!("{settings:?}");
        assert!(!debug.contains("SECRET-TOKEN-CANARY"), "{debug}");
        Ok(())
    });
}

#[test]
fn a_bad_value_names_its_key() {
    Jail::expect_with(|jail| {
        jail.create_file("leadbot.toml", "[scoring]\nmax_timeframe_days = \"soon\"\n")?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("max_timeframe_days"), "{err}");
        jail.create_file("leadbot.toml", "[scoring.min_budget]\nEUR = 5\n")?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("scoring.min_budget.EUR"), "{err}");
        assert!(err.contains("use BDT, INR or USD"), "{err}");
        jail.create_file("leadbot.toml", "colour = \"red\"\n")?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
        Ok(())
    });
}

#[test]
fn every_bad_key_is_named_at_once_one_line_each() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "leadbot.toml",
            "[sales]\nlocale = \"fr\"\n[business]\nutc_offset = \"Dhaka\"\n[retention]\ndays = 0\n",
        )?;
        let err = load(None).unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines.iter().any(|l| l.contains("sales.locale")), "{err}");
        assert!(
            lines.iter().any(|l| l.contains("business.utc_offset")),
            "{err}"
        );
        assert!(lines.iter().any(|l| l.contains("retention.days")), "{err}");
        Ok(())
    });
}

#[test]
fn settings_hold_their_values_as_types_once_loaded() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "leadbot.toml",
            "[sales]\nlocale = \"bn\"\n[business]\nutc_offset = \"+05:30\"\n",
        )?;
        let settings = load(None).unwrap();
        assert_eq!(settings.sales_language(), Language::Bn);
        assert_eq!(settings.scoring_policy().utc_offset_minutes, 330);
        Ok(())
    });
}

#[test]
fn a_bad_value_is_named_by_its_key_but_never_shown() {
    Jail::expect_with(|jail| {
        jail.create_file("leadbot.toml", "telegram = \"123456:SECRET-CANARY\"\n")?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("\"default.telegram\""), "{err}");
        assert!(!err.contains("SECRET-CANARY"), "{err}");
        jail.create_file("leadbot.toml", "[telegram]\nmode = \"SECRET-CANARY\"\n")?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("`polling` or `webhook`"), "{err}");
        assert!(!err.contains("SECRET-CANARY"), "{err}");
        Ok(())
    });
}

#[test]
fn a_file_that_does_not_parse_is_named_by_line_without_quoting_it() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "leadbot.toml",
            "[telegram]\ntoken = \"123456:SECRET-CANARY\n",
        )?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("leadbot.toml"), "{err}");
        assert!(!err.contains("SECRET-CANARY"), "{err}");
        Ok(())
    });
}

#[test]
fn the_secrets_are_listed_for_the_log_to_blank() {
    Jail::expect_with(|jail| {
        jail.set_env("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN-CANARY");
        jail.set_env("DATABASE_URL", "postgres://bot:pw-CANARY@db/leads");
        let secrets = load(None).unwrap().secrets();
        assert_eq!(
            secrets,
            [
                "123456:SECRET-TOKEN-CANARY",
                "SECRET-TOKEN-CANARY",
                "pw-CANARY"
            ]
        );
        Ok(())
    });
}

#[test]
fn an_explicit_config_file_must_exist() {
    Jail::expect_with(|_jail| {
        let err = load(Some(Path::new("nope.toml"))).unwrap_err().to_string();
        assert!(err.contains("nope.toml does not exist"), "{err}");
        Ok(())
    });
}

#[test]
fn authority_counts_must_name_options_of_the_authority_question() {
    Jail::expect_with(|jail| {
        jail.create_file(
            "leadbot.toml",
            "[scoring]\nauthority_counts = [\"self\", \"boss\"]\n",
        )?;
        let settings = load(None).unwrap();
        let err = settings
            .check_against(&Questionnaire::builtin())
            .unwrap_err()
            .to_string();
        assert!(err.contains("scoring.authority_counts"), "{err}");
        assert!(err.contains("\"boss\""), "{err}");
        assert!(err.contains("self, shared, other"), "{err}");
        jail.create_file("leadbot.toml", "[scoring]\nauthority_counts = [\"self\"]\n")?;
        let settings = load(None).unwrap();
        settings.check_against(&Questionnaire::builtin()).unwrap();
        assert_eq!(
            settings
                .scoring_policy()
                .authority_counts
                .clone()
                .unwrap()
                .len(),
            1
        );
        Ok(())
    });
}

#[test]
fn the_utc_offset_is_read_and_checked() {
    Jail::expect_with(|jail| {
        jail.create_file("leadbot.toml", "[business]\nutc_offset = \"+05:30\"\n")?;
        let policy = load(None).unwrap().scoring_policy().clone();
        assert_eq!(policy.utc_offset_minutes, 330);
        jail.create_file("leadbot.toml", "[business]\nutc_offset = \"Asia/Dhaka\"\n")?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("business.utc_offset"), "{err}");
        Ok(())
    });
}

#[test]
fn passwords_are_redacted_from_urls() {
    assert_eq!(
        redact_url("postgres://bot:pw@db/leads"),
        "postgres://bot:***@db/leads"
    );
    assert_eq!(redact_url("sqlite://leadbot.db"), "sqlite://leadbot.db");
}

#[test]
fn webhook_connections_default_to_telegrams_forty_and_stay_within_its_range() {
    Jail::expect_with(|jail| {
        let hook = "[telegram]\nmode = \"webhook\"\n[telegram.webhook]\nurl = \"https://bot.example.com/hook\"\nsecret = \"s3cret-Hook-0123456789abcdef\"\n";
        jail.create_file("leadbot.toml", hook)?;
        let settings = load(None).unwrap();
        let webhook = settings.telegram.unwrap().webhook.unwrap();
        assert_eq!(webhook.max_connections, 40);

        jail.create_file("leadbot.toml", &format!("{hook}max_connections = 0\n"))?;
        let err = load(None).unwrap_err().to_string();
        assert!(err.contains("telegram.webhook.max_connections"), "{err}");
        Ok(())
    });
}
