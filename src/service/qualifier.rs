//! Orchestration: one inbound event → load the conversation, run the pure
//! engine, commit the whole turn in one transaction. Channels call this and
//! deliver the outbox rows it returns only after the commit.

use crate::core::message::ids;
use crate::core::payload::{Button, YesNoButtons};
use crate::core::{
    engine, group_code, Channel, Command, ConversationKey, DataRequest, Document, Event, Inbound,
    Input, Language, Msg, Outbound, Questionnaire, ScoringPolicy, Step,
};
use crate::storage::group_commit::GroupCommit;
use crate::storage::{
    Alert, CommitOutcome, Declined, EraseOutcome, Erasure, Notice, OutboxMessage, Store,
    StoreError, StoredConversation, TurnRecord,
};
use std::collections::HashMap;
use std::sync::Arc;
use tracing::instrument;

/// How often a turn is retried when another turn of the same conversation
/// committed first.
const MAX_CONFLICT_RETRIES: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum HandleError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the conversation kept changing under this event ({MAX_CONFLICT_RETRIES} attempts)")]
    Contention,
}

impl HandleError {
    /// The database was away: the event is worth handling again later.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, HandleError::Store(error) if error.is_unreachable())
    }
}

/// What became of an inbound event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// Committed; these outbox rows are to be delivered. `lead_id` is
    /// `None` when no lead is stored (nothing was, or it was just erased).
    Committed {
        lead_id: Option<i64>,
        outbox: Vec<OutboxMessage>,
    },
    /// Seen before: nothing changed and nothing is to be sent again.
    Duplicate,
}

/// The business's settings the engine needs, besides the questionnaire.
#[derive(Debug, Clone)]
pub struct BusinessRules {
    pub business_name: Option<String>,
    pub retention_days: u32,
    pub policy: ScoringPolicy,
    pub sales: SalesRouting,
    /// What the summary promises, per language (`business.promise`).
    pub promise: std::collections::BTreeMap<Language, String>,
}

/// Where hot-lead alerts go: (channel, recipient) pairs — a Telegram chat id,
/// or "channel:<id>" on Discord — and the sales team's language.
#[derive(Debug, Clone)]
pub struct SalesRouting {
    pub destinations: Vec<(Channel, String)>,
    pub language: Language,
    /// Who may claim and close leads: (channel, numeric user id).
    pub staff: Vec<(Channel, String)>,
    /// Destinations that moved (a Telegram group upgraded to a supergroup):
    /// (channel, old id, new id), learnt from the platform and shared by
    /// every part of the process that routes or recognizes sales chats.
    pub moved: Arc<std::sync::RwLock<Vec<(Channel, String, String)>>>,
}

impl SalesRouting {
    /// Where a destination is now, after any moves.
    pub fn current(&self, channel: Channel, recipient: &str) -> String {
        self.moved_to(channel, recipient)
            .unwrap_or_else(|| recipient.to_owned())
    }

    /// Where a destination moved to, if it did (cheap when nothing moved:
    /// it is asked on every delivery).
    pub fn moved_to(&self, channel: Channel, recipient: &str) -> Option<String> {
        let moved = self.moved.read().unwrap_or_else(|e| e.into_inner());
        let mut now: Option<&str> = None;
        // A chain of moves is followed, at most once per move.
        for _ in 0..moved.len() {
            let from = now.unwrap_or(recipient);
            match moved
                .iter()
                .find(|(c, old, _)| *c == channel && old == from)
            {
                Some((_, _, new)) => now = Some(new),
                None => break,
            }
        }
        now.map(str::to_owned)
    }

    /// Learns that `old` is now `new`.
    pub fn add_move(&self, channel: Channel, old: &str, new: &str) {
        let mut moved = self.moved.write().unwrap_or_else(|e| e.into_inner());
        if !moved.iter().any(|(c, o, _)| *c == channel && o == old) {
            moved.push((channel, old.to_owned(), new.to_owned()));
        }
    }

    /// Staff are recognized by numeric platform id, never by username.
    pub fn is_staff(&self, channel: Channel, user: &str) -> bool {
        self.staff.iter().any(|(c, id)| *c == channel && id == user)
    }

    /// A chat the alerts go to (where it is now).
    pub fn is_sales_chat(&self, channel: Channel, chat: &str) -> bool {
        self.destinations.iter().any(|(c, id)| {
            *c == channel && (id == chat || self.moved_to(*c, id).as_deref() == Some(chat))
        })
    }
}

impl Default for SalesRouting {
    fn default() -> Self {
        SalesRouting {
            destinations: Vec::new(),
            language: Language::En,
            staff: Vec::new(),
            moved: Default::default(),
        }
    }
}

pub struct Qualifier {
    pub(super) store: Arc<dyn Store>,
    questionnaire: Arc<Questionnaire>,
    pub(super) rules: BusinessRules,
    committer: GroupCommit,
    /// Recently handled conversations, so that a turn need not read its
    /// state back. Only a hint: the version check at commit catches a stale
    /// entry (another replica or a salesperson moved the lead on), and the
    /// retry reads the database.
    cache: std::sync::Mutex<HashMap<ConversationKey, StoredConversation>>,
}

/// Conversations kept in the cache; past it, an eighth is dropped.
const CACHED_CONVERSATIONS: usize = 4096;

impl Qualifier {
    pub fn new(
        store: Arc<dyn Store>,
        questionnaire: Arc<Questionnaire>,
        rules: BusinessRules,
    ) -> Qualifier {
        Qualifier {
            committer: GroupCommit::start(store.clone()),
            store,
            questionnaire,
            rules,
            cache: Default::default(),
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire
    }

    pub fn rules(&self) -> &BusinessRules {
        &self.rules
    }

    /// A /start from a group's button carries the group's code: the lead
    /// records the group (its title, else its id) as its source instead.
    async fn with_group_source(&self, inbound: &Inbound) -> Result<Option<Inbound>, StoreError> {
        let Input::Command(Command::Start {
            payload: Some(payload),
        }) = &inbound.input
        else {
            return Ok(None);
        };
        let Some(code) = group_code::in_payload(payload) else {
            return Ok(None);
        };
        let source = match self.store.group_of_code(inbound.key.channel, code).await? {
            Some(group) => group_code::source(group.title.as_deref(), &group.chat_id),
            // A code this database never gave out (another deployment's).
            None => "group".to_owned(),
        };
        let mut resolved = inbound.clone();
        resolved.input = Input::Command(Command::Start {
            payload: Some(source),
        });
        Ok(Some(resolved))
    }

    #[instrument(skip_all, fields(channel = %inbound.key.channel, lead_id))]
    pub async fn handle(&self, inbound: &Inbound) -> Result<Handled, HandleError> {
        let from_group;
        let inbound = match self.with_group_source(inbound).await? {
            Some(resolved) => {
                from_group = resolved;
                &from_group
            }
            None => inbound,
        };
        // A duplicate is found by its key at commit, in the same transaction
        // as the effects it would have had.
        for attempt in 0..MAX_CONFLICT_RETRIES {
            let cached = if attempt == 0 {
                self.cached(&inbound.key)
            } else {
                None
            };
            let from_cache = cached.is_some();
            let stored = match cached {
                Some(cached) => Some(cached),
                None => self.store.load_conversation(&inbound.key).await?,
            };
            let (lead_id, version, state) = match stored {
                Some(stored) => (Some(stored.lead_id), Some(stored.version), stored.state),
                None => (None, None, Default::default()),
            };
            let ctx = engine::Context {
                questionnaire: &self.questionnaire,
                policy: &self.rules.policy,
                business_name: self.rules.business_name.as_deref(),
                retention_days: self.rules.retention_days,
                now: inbound.at,
                profile: &inbound.profile,
                key: &inbound.key,
                lead_id,
                sales_language: self.rules.sales.language,
                promise: &self.rules.promise,
            };
            let mut decision = engine::handle(&ctx, state, &inbound.input);
            if decision.request.is_some() && from_cache {
                // Erasing or copying acts on the database's state, never
                // on a cached one another replica may have moved on from.
                self.forget(&inbound.key);
                continue;
            }
            // A late press of "Yes, erase" (or of a /help button) after the
            // erasure must not start a new lead.
            let data_button = matches!(&inbound.input,
                Input::Choice { payload }
                    if matches!(Button::parse(payload), Button::YesNo(YesNoButtons::Forget, _)));
            let about_data = decision.request.is_some()
                || data_button
                || matches!(decision.state.step, Step::ConfirmingForget { .. });
            if decision.events.contains(&Event::ConsentDeclined) {
                // A "no" to the notice keeps nothing that identifies them.
                let expected = lead_id.zip(version);
                match self.decline(inbound, expected, decision).await? {
                    Some(handled) => return Ok(handled),
                    None => continue,
                }
            }
            match (lead_id, decision.request) {
                // Asking about data we do not hold must not start a lead.
                (None, _) if about_data => return self.nothing_stored(inbound, &decision).await,
                (Some(lead_id), Some(DataRequest::Erase)) => {
                    let expected = version.map(|v| (lead_id, v));
                    match self.erase(inbound, lead_id, expected, decision).await? {
                        Some(handled) => return Ok(handled),
                        None => continue,
                    }
                }
                (Some(_), Some(DataRequest::Export)) => {
                    let document = self.export_document(&inbound.key, inbound.at).await?;
                    if let Some(reply) = decision.reply.as_mut() {
                        reply.document = Some(document);
                    }
                }
                _ => {}
            }
            // Personal data is kept only with consent.
            let display_name = decision
                .state
                .consent
                .and(inbound.profile.display_name.clone());
            // The moment a lead turns sales-qualified, one alert per sales
            // destination, written with the stage change: exactly once.
            let alerts = decision
                .alert
                .map(|alert| self.route_alert(alert))
                .unwrap_or_default();
            let turn = TurnRecord {
                key: inbound.key.clone(),
                idempotency_key: inbound.idempotency_key.clone(),
                at: inbound.at,
                expected_version: version,
                lead_id,
                display_name,
                state: decision.state,
                view: decision.standing,
                events: decision.events,
                reply: decision.reply,
                alerts,
                alert_edit: decision.alert_update,
            };
            let key = turn.key.clone();
            let next = StoredConversation {
                lead_id: 0,
                version: turn.expected_version.unwrap_or(0) + 1,
                state: turn.state.clone(),
            };
            match self.committer.commit(turn).await? {
                CommitOutcome::Committed { lead_id, outbox } => {
                    tracing::Span::current().record("lead_id", lead_id);
                    tracing::debug!(step = next.state.step.name(), "turn committed");
                    self.remember(key, StoredConversation { lead_id, ..next });
                    return Ok(Handled::Committed {
                        lead_id: Some(lead_id),
                        outbox,
                    });
                }
                CommitOutcome::Duplicate => {
                    tracing::debug!("duplicate event ignored");
                    return Ok(Handled::Duplicate);
                }
                CommitOutcome::Conflict => {
                    tracing::debug!("conversation changed concurrently; retrying");
                    self.forget(&key);
                    continue;
                }
            }
        }
        Err(HandleError::Contention)
    }

    /// "We store nothing about you", as a notice: no lead is created.
    async fn nothing_stored(
        &self,
        inbound: &Inbound,
        decision: &engine::Decision,
    ) -> Result<Handled, HandleError> {
        let language = decision.state.language.or(inbound.profile.language_hint);
        let notice = Notice {
            group: None,
            channel: inbound.key.channel,
            idempotency_key: inbound.idempotency_key.clone(),
            recipient: inbound.key.user.clone(),
            at: inbound.at,
            reply: Outbound {
                language,
                paragraphs: vec![Msg::new(ids::NOTHING_STORED)],
                ..Default::default()
            },
        };
        Ok(match self.store.commit_notice(&notice).await? {
            Some(row) => Handled::Committed {
                lead_id: None,
                outbox: vec![row],
            },
            None => Handled::Duplicate,
        })
    }

    /// A confirmed /forget: every row about the prospect goes, in one
    /// transaction with the event's key; each sales alert about the lead is
    /// edited to say it withdrew. `None`: the conversation moved on since
    /// the decision (a conflict); handle the event again.
    #[instrument(skip_all)]
    async fn erase(
        &self,
        inbound: &Inbound,
        lead_id: i64,
        expected: Option<(i64, i64)>,
        decision: engine::Decision,
    ) -> Result<Option<Handled>, HandleError> {
        let erasure = Erasure {
            key: inbound.key.clone(),
            expected,
            idempotency_key: inbound.idempotency_key.clone(),
            at: inbound.at,
            farewell: decision.reply.unwrap_or_default(),
            withdrawal: crate::core::alert::withdrawn(lead_id, Some(self.rules.sales.language)),
            declined: None,
        };
        let outcome = self.store.erase(&erasure).await?;
        // A cached state must not outlive the data.
        self.forget(&inbound.key);
        Ok(Some(match outcome {
            EraseOutcome::Erased {
                lead_id: erased,
                outbox,
            } => {
                if erased != Some(lead_id) {
                    tracing::info!("the lead was already erased");
                } else {
                    tracing::info!(lead_id, "a prospect's data was erased at their request");
                }
                Handled::Committed {
                    lead_id: None,
                    outbox,
                }
            }
            EraseOutcome::Duplicate => Handled::Duplicate,
            EraseOutcome::Conflict => return Ok(None),
        }))
    }

    /// A declined privacy notice: everything the conversation stored so far
    /// (its language, its source, the platform user id) is erased with the
    /// event's key, the decline is counted without any of it but the day,
    /// source and language, and the reply goes out as a farewell (deleted
    /// once delivered). A later /start begins afresh and shows the notice
    /// again. `None`: the conversation moved on; handle the event again.
    #[instrument(skip_all)]
    async fn decline(
        &self,
        inbound: &Inbound,
        expected: Option<(i64, i64)>,
        decision: engine::Decision,
    ) -> Result<Option<Handled>, HandleError> {
        let declined = Declined {
            day: self.rules.policy.local_date(inbound.at),
            source: decision.state.source.clone(),
            language: decision.state.language,
        };
        let erasure = Erasure {
            key: inbound.key.clone(),
            expected,
            idempotency_key: inbound.idempotency_key.clone(),
            at: inbound.at,
            farewell: decision.reply.unwrap_or_default(),
            withdrawal: Outbound::default(),
            declined: Some(declined),
        };
        let outcome = self.store.erase(&erasure).await?;
        self.forget(&inbound.key);
        Ok(match outcome {
            EraseOutcome::Erased { outbox, .. } => {
                tracing::info!(
                    "a prospect declined the privacy notice; nothing about them is kept"
                );
                Some(Handled::Committed {
                    lead_id: None,
                    outbox,
                })
            }
            EraseOutcome::Duplicate => Some(Handled::Duplicate),
            EraseOutcome::Conflict => None,
        })
    }

    /// Everything stored about the prospect, as the JSON file /mydata sends.
    async fn export_document(
        &self,
        key: &ConversationKey,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Document, HandleError> {
        let data = self.store.subject_data(key).await?;
        let document = serde_json::json!({
            "exported_at": at,
            "controller": self.rules.business_name,
            "retention_days": self.rules.retention_days,
            "how_to_erase": "/forget",
            "data": data,
        });
        Ok(Document {
            file_name: "my-data.json".into(),
            content: serde_json::to_string_pretty(&document).unwrap_or_default(),
        })
    }

    fn cached(&self, key: &ConversationKey) -> Option<StoredConversation> {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    fn remember(&self, key: ConversationKey, conversation: StoredConversation) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHED_CONVERSATIONS && !cache.contains_key(&key) {
            // Bounded: drop an arbitrary eighth (a hash map's order).
            let drop: Vec<ConversationKey> = cache
                .keys()
                .take(CACHED_CONVERSATIONS / 8)
                .cloned()
                .collect();
            for old in drop {
                cache.remove(&old);
            }
        }
        cache.insert(key, conversation);
    }

    fn forget(&self, key: &ConversationKey) {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    /// One copy of the alert for each sales destination.
    fn route_alert(&self, payload: Outbound) -> Vec<Alert> {
        self.rules
            .sales
            .destinations
            .iter()
            .map(|(channel, recipient)| Alert {
                channel: *channel,
                recipient: self.rules.sales.current(*channel, recipient),
                payload: payload.clone(),
            })
            .collect()
    }
}
