//! The slash commands leadbot registers: /qualify for members, /leads,
//! /lead and /stats for staff, described (and /qualify named) in the
//! languages Discord offers from the same locale files as everything else.

use super::mapping::QUALIFY;
use crate::core::message::ids;
use crate::core::{Language, Msg};
use crate::i18n::Localizer;
use serenity::builder::{CreateCommand, CreateCommandOption};
use serenity::model::application::CommandOptionType;

pub fn all(localizer: &Localizer) -> Vec<CreateCommand> {
    let description =
        |language| localizer.render(language, &Msg::new(ids::DISCORD_QUALIFY_DESCRIPTION));
    // Discord has hi and en-* but no Bengali locale.
    let command = CreateCommand::new(QUALIFY)
        .description(description(Language::En))
        .name_localized(
            "hi",
            localizer.render(Language::Hi, &Msg::new(ids::DISCORD_QUALIFY_NAME)),
        )
        .description_localized("hi", description(Language::Hi))
        .description_localized("en-US", description(Language::En))
        .description_localized("en-GB", description(Language::En));
    let text = |id: &str| localizer.render(Language::En, &Msg::new(id));
    let hindi = |id: &str| localizer.render(Language::Hi, &Msg::new(id));
    let staff_command = |name: &str, id: &str| {
        CreateCommand::new(name)
            .description(text(id))
            .description_localized("hi", hindi(id))
    };
    let leads = staff_command("leads", ids::DISCORD_LEADS_DESCRIPTION)
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "temperature",
                text(ids::DISCORD_OPTION_TEMPERATURE),
            )
            .add_string_choice("hot", "hot")
            .add_string_choice("warm", "warm")
            .add_string_choice("cold", "cold"),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                "count",
                text(ids::DISCORD_OPTION_COUNT),
            )
            .min_int_value(1)
            .max_int_value(50),
        );
    let lead = staff_command("lead", ids::DISCORD_LEAD_DESCRIPTION).add_option(
        CreateCommandOption::new(
            CommandOptionType::Integer,
            "id",
            text(ids::DISCORD_OPTION_ID),
        )
        .required(true),
    );
    let stats = staff_command("stats", ids::DISCORD_STATS_DESCRIPTION);
    vec![command, leads, lead, stats]
}
