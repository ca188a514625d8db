//! Operator views of the leads: a table for the terminal, CSV and JSON for
//! spreadsheets and CRMs.

use crate::core::Questionnaire;
use crate::storage::{LeadExport, LeadRow};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use std::io::Write;

/// `leadbot leads`: id, channel, name, language, stage, temperature, met
/// criteria, updated.
pub fn leads_table(leads: &[LeadRow]) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header([
        "id",
        "channel",
        "name",
        "language",
        "stage",
        "temperature",
        "met",
        "updated",
    ]);
    for lead in leads {
        table.add_row([
            lead.id.to_string(),
            lead.channel.to_string(),
            lead.display_name.clone().unwrap_or_else(|| "-".into()),
            lead.language.map_or("-".into(), |l| l.code().to_owned()),
            lead.stage.map_or("-".into(), |s| s.as_str().to_owned()),
            lead.temperature.to_string(),
            met_list(lead),
            lead.updated_at.format("%Y-%m-%d %H:%M").to_string(),
        ]);
    }
    table
}

fn met_list(lead: &LeadRow) -> String {
    if lead.met_criteria.is_empty() {
        return "-".into();
    }
    lead.met_criteria
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Prospects type what they like; a cell starting with = + - @ would run as
/// a formula when the file is opened in a spreadsheet.
fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub fn write_json(leads: &[LeadExport], out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, leads)?;
    writeln!(out)?;
    Ok(())
}

/// One row per lead; for each question its raw answer and parsed value as
/// `<id>` and `<id>_value`, in questionnaire order (answers to questions no
/// longer in it come last), then the time each stage was reached.
pub fn write_csv(
    leads: &[LeadExport],
    questionnaire: &Questionnaire,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut question_ids: Vec<String> = Vec::new();
    let mut add = |id: &str| {
        if !question_ids.iter().any(|q| q == id) {
            question_ids.push(id.to_owned());
        }
    };
    for question in &questionnaire.questions {
        add(&question.id);
        for follow_up in question.options.iter().filter_map(|o| o.follow_up.as_ref()) {
            add(&follow_up.id);
        }
    }
    for lead in leads {
        for answer in &lead.answers {
            add(&answer.question_id);
        }
    }

    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<String> = [
        "id",
        "channel",
        "user_id",
        "name",
        "language",
        "source",
        "stage",
        "temperature",
        "met_criteria",
        "step",
        "consent_at",
        "created_at",
        "updated_at",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for id in &question_ids {
        header.push(id.clone());
        header.push(format!("{id}_value"));
    }
    for stage in crate::core::Stage::ALL {
        header.push(format!("{stage}_at"));
    }
    writer.write_record(&header)?;

    for export in leads {
        let lead = &export.lead;
        let mut record = vec![
            lead.id.to_string(),
            lead.channel.to_string(),
            lead.user_id.clone(),
            lead.display_name.clone().unwrap_or_default(),
            lead.language
                .map(|l| l.code().to_owned())
                .unwrap_or_default(),
            lead.source.clone().unwrap_or_default(),
            lead.stage
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            lead.temperature.to_string(),
            lead.met_criteria
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(","),
            lead.step.clone(),
            lead.consent_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            lead.created_at.to_rfc3339(),
            lead.updated_at.to_rfc3339(),
        ];
        for id in &question_ids {
            match export.answers.iter().find(|a| &a.question_id == id) {
                Some(answer) => {
                    record.push(answer.raw_text.clone());
                    record.push(answer.value.to_string());
                }
                None => record.extend([String::new(), String::new()]),
            }
        }
        for stage in crate::core::Stage::ALL {
            record.push(
                export
                    .stages
                    .iter()
                    .find(|s| s.stage == stage)
                    .map(|s| s.at.to_rfc3339())
                    .unwrap_or_default(),
            );
        }
        writer.write_record(record.iter().map(|cell| defuse_formula(cell).into_owned()))?;
    }
    writer.flush()?;
    Ok(())
}

/// `leadbot report`: the funnel with conversion between stages, where
/// questionnaires stop, and results per source.
pub fn funnel_tables(funnel: &crate::storage::Funnel) -> Vec<Table> {
    use crate::core::Stage;
    let percent = |part: i64, whole: i64| {
        if whole == 0 {
            "-".to_owned()
        } else {
            format!("{:.0}%", part as f64 * 100.0 / whole as f64)
        }
    };
    let count = |stage: Stage| funnel.count(stage);
    let mut stages = Table::new();
    stages
        .load_preset(UTF8_FULL_CONDENSED)
        .set_header(["stage", "leads", "conversion", "from"]);
    stages.add_row(["started", &funnel.leads.to_string(), "", ""].map(String::from));
    let previous = |stage: Stage| match stage {
        Stage::InformationQualified => None,
        Stage::MarketingQualified => Some(Stage::InformationQualified),
        Stage::SalesQualified => Some(Stage::MarketingQualified),
        Stage::SalesAccepted => Some(Stage::SalesQualified),
        Stage::Won | Stage::Lost => Some(Stage::SalesAccepted),
    };
    for stage in Stage::ALL {
        let (base, from) = match previous(stage) {
            Some(before) => (count(before), before.as_str().to_owned()),
            None => (funnel.leads, "started".to_owned()),
        };
        stages.add_row([
            stage.as_str().to_owned(),
            count(stage).to_string(),
            percent(count(stage), base),
            from,
        ]);
    }
    let mut drop_off = Table::new();
    drop_off
        .load_preset(UTF8_FULL_CONDENSED)
        .set_header(["stopped at question", "leads"]);
    for (question, leads) in &funnel.drop_off {
        drop_off.add_row([question.clone(), leads.to_string()]);
    }
    let mut sources = Table::new();
    sources.load_preset(UTF8_FULL_CONDENSED).set_header([
        "source",
        "leads",
        "marketing-qualified",
        "sales-qualified",
        "won",
        "sales-qualified rate",
    ]);
    for row in &funnel.sources {
        sources.add_row([
            row.source.clone().unwrap_or_else(|| "(none)".into()),
            row.leads.to_string(),
            row.marketing_qualified.to_string(),
            row.sales_qualified.to_string(),
            row.won.to_string(),
            percent(row.sales_qualified, row.leads),
        ]);
    }
    let mut claims = Table::new();
    claims.load_preset(UTF8_FULL_CONDENSED).set_header([
        "claimed by",
        "leads claimed",
        "median hot → claimed",
        "90% within",
    ]);
    let mut add = |who: String, times: &crate::storage::ClaimTimes| {
        let show = |secs: Option<i64>| secs.map_or_else(|| "-".to_owned(), wait_text);
        claims.add_row([
            who,
            times.claimed.to_string(),
            show(times.median_secs),
            show(times.p90_secs),
        ]);
    };
    add("(everyone)".into(), &funnel.claim_times());
    for (name, times) in funnel.claim_times_by_assignee() {
        add(name, &times);
    }
    vec![stages, drop_off, sources, claims]
}

/// A wait for a table: "45 min", "3 h 5 min", "2 d 4 h".
fn wait_text(secs: i64) -> String {
    let minutes = secs.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} min"),
        (0, _) => format!("{hours} h {minutes} min"),
        _ => format!("{days} d {hours} h"),
    }
}

/// "30d", "12h", "2w" as a duration.
pub fn parse_since(text: &str) -> Result<chrono::Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: i64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a span: write it like 30d, 12h or 2w"))?;
    match unit {
        "h" => Ok(chrono::Duration::hours(number)),
        "d" | "" => Ok(chrono::Duration::days(number)),
        "w" => Ok(chrono::Duration::weeks(number)),
        _ => Err(format!(
            "{text:?} is not a span: write it like 30d, 12h or 2w"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_in_hours_days_and_weeks() {
        assert_eq!(parse_since("30d"), Ok(chrono::Duration::days(30)));
        assert_eq!(parse_since("12h"), Ok(chrono::Duration::hours(12)));
        assert_eq!(parse_since("2w"), Ok(chrono::Duration::weeks(2)));
        assert!(parse_since("soon").is_err());
        assert!(parse_since("3y").is_err());
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_as_formulas_are_defused() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("+8801712345678"), "'+8801712345678");
        assert_eq!(defuse_formula("২ লাখ টাকা"), "২ লাখ টাকা");
        assert_eq!(defuse_formula(""), "");
    }
}
