//! Answers to the sales team's commands, from the store: the leads, one
//! lead's answers and stages, and the funnel of the last 7 and 30 days.

use crate::core::message::{ids, Arg, Msg, Outbound};
use crate::core::staff::{stage_label, temperature_label, StaffCommand};
use crate::core::{Criterion, Language, Questionnaire, Stage};
use crate::storage::{LeadFilter, Store, StoreError};
use chrono::Utc;

pub async fn answer(
    store: &dyn Store,
    questionnaire: &Questionnaire,
    command: &StaffCommand,
    language: Language,
) -> Result<Outbound, StoreError> {
    let mut paragraphs = Vec::new();
    match command {
        StaffCommand::Leads { temperature, limit } => {
            let filter = LeadFilter {
                temperature: *temperature,
                limit: Some(*limit),
            };
            for lead in store.list_leads(&filter).await? {
                paragraphs.push(
                    Msg::new(ids::STAFF_LEAD_LINE)
                        .int("id", lead.id)
                        .text("name", lead.display_name.unwrap_or_else(|| "?".into()))
                        .msg("temperature", Msg::new(temperature_label(lead.temperature)))
                        .arg("stage", stage_arg(lead.stage)),
                );
            }
            if paragraphs.is_empty() {
                paragraphs.push(Msg::new(ids::STAFF_NO_LEADS));
            }
        }
        StaffCommand::Lead { id } => {
            let leads = store.export().await?;
            match leads.into_iter().find(|l| l.lead.id == *id) {
                None => paragraphs.push(Msg::new(ids::STAFF_NO_SUCH_LEAD).int("id", *id)),
                Some(lead) => {
                    paragraphs.push(
                        Msg::new(ids::STAFF_LEAD_LINE)
                            .int("id", lead.lead.id)
                            .text(
                                "name",
                                lead.lead.display_name.clone().unwrap_or_else(|| "?".into()),
                            )
                            .msg(
                                "temperature",
                                Msg::new(temperature_label(lead.lead.temperature)),
                            )
                            .arg("stage", stage_arg(lead.lead.stage)),
                    );
                    for answer in &lead.answers {
                        // The question's short label where its criterion has
                        // one; a profile question by its id.
                        let label = match answer.criterion {
                            Criterion::Contact => Some(ids::CRITERION_CONTACT),
                            criterion => crate::core::engine::criterion_label(criterion),
                        };
                        let label = match label {
                            Some(id) => Arg::Msg(Box::new(Msg::new(id))),
                            None => Arg::Text(answer.question_id.clone()),
                        };
                        let question = questionnaire.question(&answer.question_id);
                        paragraphs.push(
                            Msg::new(ids::STAFF_LEAD_ANSWER).arg("question", label).arg(
                                "words",
                                crate::core::alert::said(question, &answer.raw_text),
                            ),
                        );
                    }
                    for stage in &lead.stages {
                        paragraphs.push(
                            Msg::new(ids::STAFF_LEAD_STAGE)
                                .arg("stage", stage_arg(Some(stage.stage)))
                                .arg("date", Arg::Date(stage.at.date_naive())),
                        );
                    }
                }
            }
        }
        StaffCommand::Stats => {
            for days in [7, 30] {
                let funnel = store
                    .funnel(Utc::now() - chrono::Duration::days(days))
                    .await?;
                let count = |stage: Stage| funnel.count(stage);
                paragraphs.push(
                    Msg::new(ids::STAFF_STATS)
                        .int("days", days)
                        .int("leads", funnel.leads)
                        .int("iq", count(Stage::InformationQualified))
                        .int("mq", count(Stage::MarketingQualified))
                        .int("sq", count(Stage::SalesQualified))
                        .int("sa", count(Stage::SalesAccepted))
                        .int("won", count(Stage::Won))
                        .int("lost", count(Stage::Lost)),
                );
                let times = funnel.claim_times();
                let unclaimed = funnel.unclaimed() as i64;
                paragraphs.push(match (times.median_secs, times.p90_secs) {
                    (Some(median), Some(p90)) => Msg::new(ids::STAFF_STATS_CLAIMS)
                        .msg("median", duration(median))
                        .msg("p90", duration(p90))
                        .int("claimed", times.claimed as i64)
                        .int("unclaimed", unclaimed),
                    _ => Msg::new(ids::STAFF_STATS_CLAIMS_NONE).int("unclaimed", unclaimed),
                });
            }
        }
    }
    Ok(Outbound {
        language: Some(language),
        paragraphs,
        choices: Vec::new(),
        expect: Default::default(),
        link: None,
        ..Default::default()
    })
}

/// A wait in whole minutes, as days, hours and minutes.
fn duration(secs: i64) -> Msg {
    let minutes = secs.max(0) / 60;
    Msg::new(ids::DURATION)
        .int("days", minutes / (24 * 60))
        .int("hours", minutes / 60 % 24)
        .int("minutes", minutes % 60)
}

/// A lead's stage for staff; "-" before any.
fn stage_arg(stage: Option<Stage>) -> Arg {
    match stage {
        Some(stage) => Arg::Msg(Box::new(Msg::new(stage_label(stage)))),
        None => Arg::Text("-".into()),
    }
}
