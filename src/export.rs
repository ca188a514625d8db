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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_as_formulas_are_defused() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("+8801712345678"), "'+8801712345678");
        assert_eq!(defuse_formula("২ লাখ টাকা"), "২ লাখ টাকা");
        assert_eq!(defuse_formula(""), "");
    }
}
