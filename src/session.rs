//! One answering session, whatever the device: a person's own phone, a shared computer, an
//! event kiosk or a peer interview. The session owns the draft and knows its `DeviceKind`,
//! which decides where the draft is kept, whether the sealed record waits to be delivered with
//! others, when an unattended screen is cleared and what the thank-you screen may show. The
//! survey, kiosk and interview pages are views over it: they say which screen is shown and how
//! one moves between screens, and leave every change of the answers to the session.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::pause::{PausedDraft, ResumeCode};
use lytt_core::seal::Sealer;
use lytt_core::{
    localized, Answer, AnswerError, DeviceKind, Draft, DraftError, IdleTiming, Place, Response, Status, Survey,
};
use rand_core::OsRng;

use crate::delivery::{seal_into_outbox, Outbox, SealProblem};
use crate::i18n::{is_rtl, SharedComputerTexts, Texts};
use crate::platform;
use crate::platform::storage::{self, DraftSlot, StoredDraft};
use crate::route::Route;
use crate::state::{AppContext, Notice, Notices};

/// Why a question or review screen cannot go on. It is held as what it is and translated when
/// shown, so a change of language mid-way changes the message too.
#[derive(Debug, Clone, PartialEq)]
pub enum StepProblem {
    /// The answer given does not fit the question.
    Answer(AnswerError),
    /// A required question has no answer.
    Required,
    /// The answers could not be sealed.
    FinishFailed,
}

impl StepProblem {
    /// The message, in the language of `t`.
    pub fn text(&self, t: &Texts) -> String {
        match self {
            StepProblem::Answer(AnswerError::TooManyChoices { max }) => (t.error_too_many)(*max),
            StepProblem::Answer(AnswerError::WrongCount { expected }) => (t.error_ranking)(*expected),
            StepProblem::Answer(AnswerError::OutOfRange { min, max }) => (t.error_range)(*min, *max),
            StepProblem::Answer(AnswerError::TooLong { max }) => (t.error_too_long)(*max),
            StepProblem::Answer(_) | StepProblem::Required => t.error_required.into(),
            StepProblem::FinishFailed => t.finish_failed.into(),
        }
    }
}

/// What the thank-you screen may show of the response just finished.
#[derive(Debug, Clone)]
pub enum Finished {
    /// On a personal device: the record as it was sealed, for the person to look at.
    Readable(Response),
    /// Elsewhere: only that it was sealed. The plaintext was dropped at once, so the next person
    /// at the screen finds nothing of it, not even in memory.
    Sealed,
}

/// Why answers paused on a shared computer could not be taken up again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeProblem {
    /// What was typed is not shaped like a resume code.
    BadFormat,
    /// No answers paused here open with that code.
    Wrong,
}

impl ResumeProblem {
    /// The message, in the language of `t`.
    pub fn text(self, t: &SharedComputerTexts) -> &'static str {
        match self {
            ResumeProblem::BadFormat => t.resume_bad_format,
            ResumeProblem::Wrong => t.resume_wrong,
        }
    }
}

/// The answers could not be locked away for a break (no randomness, or storage refused them);
/// they stay on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakFailed;

/// One person answering one survey. A `Copy` handle, made once per answering screen and
/// provided to its components.
#[derive(Clone, Copy)]
pub struct AnswerSession {
    survey: StoredValue<Arc<Survey>>,
    /// The kind of device the answers are given on (on a survey link it follows the
    /// shared-computer choice).
    pub kind: Signal<DeviceKind>,
    /// The answers so far: none before a start and after the end.
    pub draft: RwSignal<Option<Draft>>,
    /// The language the survey's own text is shown in.
    pub language: Memo<String>,
    /// Why the screen on show cannot go on, until the next move.
    pub problem: RwSignal<Option<StepProblem>>,
    ctx: AppContext,
    notices: Notices,
    outbox: Outbox,
}

impl AnswerSession {
    /// A session over `survey` on a device of `kind`, provided to the components below. Answers
    /// kept on this kind of device are taken up again; from then on every change of the draft
    /// is written where the kind says (or nowhere).
    pub fn start(survey: Arc<Survey>, kind: Signal<DeviceKind>) -> AnswerSession {
        let ctx = expect_context::<AppContext>();
        let notices = expect_context::<Notices>();
        let outbox = expect_context::<Outbox>();
        let restored = DraftSlot::for_device(kind.get_untracked()).and_then(|slot| restore(notices, slot, &survey));
        // A draft's language wins over the remembered one: it is what this person chose here.
        if let Some(tag) = restored.as_ref().map(|d| d.language.clone()) {
            if Route::parse(&platform::location_hash()).language.is_none() {
                ctx.set_language(&tag);
            }
        }
        let session = AnswerSession {
            language: content_language(ctx, &survey),
            survey: StoredValue::new(survey),
            kind,
            draft: RwSignal::new(restored),
            problem: RwSignal::new(None),
            ctx,
            notices,
            outbox,
        };
        session.keep_draft();
        session.follow_language();
        session.keep_media_for_offline();
        provide_context(session);
        session
    }

    /// A session that keeps nothing and seals nothing, for the survey builder's preview of
    /// the question screens, in the `language` chosen there.
    #[cfg(feature = "owner")]
    pub fn preview(survey: Arc<Survey>, language: Signal<String>) -> AnswerSession {
        let session = AnswerSession {
            language: Memo::new(move |_| language.get()),
            survey: StoredValue::new(survey),
            kind: Signal::stored(DeviceKind::Shared),
            draft: RwSignal::new(None),
            problem: RwSignal::new(None),
            ctx: expect_context::<AppContext>(),
            notices: expect_context::<Notices>(),
            outbox: expect_context::<Outbox>(),
        };
        provide_context(session);
        session
    }

    /// The survey answered.
    pub fn survey(&self) -> Arc<Survey> {
        self.survey.get_value()
    }

    /// The address of a recording or picture next to the survey's file; none for a survey kept
    /// from a link, which has no files beside it and which the site must never hear of.
    pub fn media(&self, name: &str) -> Option<String> {
        let id = self.survey.with_value(|s| s.id.clone());
        (!storage::is_linked(&id)).then(|| lytt_core::media_address(&crate::route::survey_file(&id), name))
    }

    /// Fetches the pictures and the recordings in the language shown, whenever it changes, so
    /// that they are there offline too (an interview in a place without a network).
    fn keep_media_for_offline(self) {
        let language = self.language;
        Effect::new(move |_| {
            let language = language.get();
            let urls: Vec<String> = self
                .survey
                .with_value(|s| s.media_files_in(&language).into_iter().map(String::from).collect::<Vec<_>>())
                .iter()
                .filter_map(|name| self.media(name))
                .collect();
            platform::keep_for_offline(&urls);
        });
    }

    /// The survey's title in the language it is shown in, with the tab's title following it
    /// (after `prefix`, the name of a mode, if given).
    pub fn title(
        &self,
        prefix: Option<fn(&Texts) -> &'static str>,
    ) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        let (survey, language, ctx) = (self.survey(), self.language, self.ctx);
        let title = move || localized(&survey.title, &language.get(), &survey.default_language).to_string();
        let tab_title = title.clone();
        Effect::new(move |_| {
            let t = ctx.texts();
            let title = &tab_title;
            let tab = match prefix {
                Some(prefix) => format!("{} – {} – {}", prefix(t), title(), t.app_name),
                None => format!("{} – {}", title(), t.app_name),
            };
            platform::set_title(&tab);
        });
        title
    }

    /// When an unattended screen of this session is cleared, if it is.
    pub fn idle_timing(&self) -> Option<IdleTiming> {
        self.kind.get().idle_timing(&self.survey())
    }

    /// Starts a fresh draft at the survey's first shown question, and says where that is.
    pub fn begin(&self) -> Place {
        self.problem.set(None);
        let survey = self.survey();
        let mut draft = Draft::new(&survey, &self.language.get_untracked(), platform::today_days());
        let first = draft.next_place(&survey, &Place::Intro).unwrap_or(Place::Review);
        draft.place = first.clone();
        self.draft.set(Some(draft));
        first
    }

    /// Moves the draft to `place`.
    pub fn go_to(&self, place: Place) {
        self.problem.set(None);
        self.draft.update(|d| {
            if let Some(d) = d {
                d.place = place;
                d.updated_day = platform::today_days();
            }
        });
    }

    /// The answer to question `qid` so far (tracked).
    pub fn answer_to(&self, qid: &str) -> Option<Answer> {
        self.draft.with(|d| d.as_ref().and_then(|d| d.answers.get(qid).cloned()))
    }

    /// Records an answer to question `qid` (`None` takes it away). An answer that does not fit
    /// is refused and the draft stays as it was.
    pub fn answer(&self, qid: &str, answer: Option<Answer>) -> Result<(), AnswerError> {
        let mut result = Ok(());
        let survey = self.survey();
        self.draft.update(|d| {
            let Some(d) = d else { return };
            match answer {
                None => d.clear_answer(&survey, qid),
                Some(answer) => {
                    result = d.set_answer(&survey, qid, answer).map_err(|e| match e {
                        DraftError::Answer(e) => e,
                        _ => AnswerError::WrongKind,
                    })
                }
            }
        });
        if result.is_ok() {
            self.problem.set(None);
        }
        result
    }

    /// The place after `from`, or the problem that keeps the person on it (a required
    /// question without an answer, which is then shown).
    pub fn next_from(&self, from: &Place) -> Result<Place, StepProblem> {
        let survey = self.survey();
        let next = self.draft.with_untracked(|d| d.as_ref().map(|d| d.next_place(&survey, from)));
        match next {
            Some(Ok(place)) => Ok(place),
            Some(Err(DraftError::RequiredUnanswered(_))) => {
                self.problem.set(Some(StepProblem::Required));
                Err(StepProblem::Required)
            }
            _ => Ok(Place::Intro),
        }
    }

    /// The place before `from`.
    pub fn previous_from(&self, from: &Place) -> Place {
        let survey = self.survey();
        self.draft.with_untracked(|d| d.as_ref().map(|d| d.previous_place(&survey, from))).unwrap_or(Place::Intro)
    }

    /// Seals the answers at once for the survey's owner and puts the record in the outbox
    /// (held there on a kiosk or interviewer's phone); only then is the plaintext dropped.
    /// `prepared` is the sealing work done ahead, if any. On failure the answers stay and the
    /// problem is shown.
    pub fn finish(&self, status: Status, prepared: Option<Sealer>) -> Result<Finished, SealProblem> {
        let kind = self.kind.get_untracked();
        let survey = self.survey();
        let sealed = self.draft.with_untracked(|d| match d {
            Some(d) => seal_into_outbox(self.outbox, self.notices, &survey, d, (kind, status), prepared),
            None => Err(SealProblem::Failed),
        });
        match sealed {
            Ok(response) => {
                self.discard();
                Ok(if kind.shows_finished_record() { Finished::Readable(response) } else { Finished::Sealed })
            }
            Err(problem) => {
                self.problem.set(Some(match problem {
                    SealProblem::Incomplete(_) => StepProblem::Required,
                    SealProblem::Failed => StepProblem::FinishFailed,
                }));
                Err(problem)
            }
        }
    }

    /// Throws the answers away.
    pub fn discard(&self) {
        self.problem.set(None);
        self.draft.set(None);
    }

    /// On a shared computer: locks the answers away under a new resume code, clears them from
    /// the screen, and gives the code to show.
    pub fn take_break(&self) -> Result<String, BreakFailed> {
        let json =
            self.draft.with_untracked(|d| d.as_ref().and_then(|d| serde_json::to_vec(d).ok())).ok_or(BreakFailed)?;
        let code = ResumeCode::generate(&mut OsRng);
        let survey_id = self.survey().id.clone();
        let paused =
            PausedDraft::seal(&survey_id, &json, &code, platform::now_hour(), &mut OsRng).map_err(|_| BreakFailed)?;
        let suffix = platform::random_bytes::<8>().ok_or(BreakFailed)?;
        storage::save_paused(&lytt_core::draft::hex(&suffix), &paused).map_err(|_| BreakFailed)?;
        self.discard();
        Ok(code.display())
    }

    /// Whether answers paused on this computer wait for a code.
    pub fn has_paused(&self) -> bool {
        !storage::load_paused(&self.survey().id, platform::now_hour()).is_empty()
    }

    /// Takes up answers paused on this computer with the code `typed`, and says where to go on.
    /// The person goes on in the language they answered in, which a link may have chosen and
    /// which a reload since the break has forgotten.
    pub fn resume_with_code(&self, typed: &str) -> Result<Place, ResumeProblem> {
        let code = ResumeCode::parse(typed).ok_or(ResumeProblem::BadFormat)?;
        let survey = self.survey();
        for (key, paused) in storage::load_paused(&survey.id, platform::now_hour()) {
            let Ok(bytes) = paused.open(&code) else { continue };
            let Ok(mut restored) = serde_json::from_slice::<Draft>(&bytes) else { continue };
            if restored.survey != survey.id {
                continue;
            }
            let dropped = restored.reconcile(&survey);
            if dropped > 0 {
                self.notices.notify(Notice::AnswersDropped(dropped));
            }
            storage::delete_paused(&key);
            if self.ctx.language.get_untracked() != restored.language {
                self.ctx.set_language(&restored.language);
            }
            let place = restored.resume_place(&survey);
            self.problem.set(None);
            self.draft.set(Some(restored));
            return Ok(place);
        }
        Err(ResumeProblem::Wrong)
    }

    /// The one place that writes the draft to storage: where the device's kind keeps drafts,
    /// on every change; elsewhere nowhere. A computer that became shared keeps nothing of
    /// what was kept before.
    fn keep_draft(self) {
        let (kind, draft, notices) = (self.kind, self.draft, self.notices);
        let survey_id = self.survey().id.clone();
        Effect::new(move |_| {
            let kind = kind.get();
            draft.with(|d| match (DraftSlot::for_device(kind), d) {
                (Some(slot), Some(d)) => {
                    if let Err(problem) = storage::save_draft_in(slot, d) {
                        notices.storage_failed(problem);
                    }
                }
                (Some(slot), None) => storage::delete_draft_in(slot, &survey_id),
                (None, _) if kind == DeviceKind::Shared => storage::delete_draft_in(DraftSlot::Own, &survey_id),
                (None, _) => {}
            })
        });
    }

    /// The draft records the language the survey is answered in, also after a change mid-way.
    fn follow_language(self) {
        let (draft, language) = (self.draft, self.language);
        Effect::new(move |_| {
            let language = language.get();
            draft.update(|d| {
                if let Some(d) = d.as_mut().filter(|d| d.language != language) {
                    d.language = language;
                }
            });
        });
    }
}

/// Reads a stored draft from a slot, fitting it to the survey as it is now, and tells the
/// person about anything set aside, expired or dropped.
fn restore(notices: Notices, slot: DraftSlot, survey: &Survey) -> Option<Draft> {
    let today = platform::today_days();
    match storage::load_draft_in(slot, &survey.id, today) {
        StoredDraft::None => None,
        StoredDraft::SetAside => {
            notices.notify(Notice::SetAside);
            None
        }
        StoredDraft::Found(draft) if draft.is_expired(today) => {
            storage::delete_draft_in(slot, &survey.id);
            notices.notify(Notice::DraftsExpired(1));
            None
        }
        StoredDraft::Found(mut draft) => {
            let dropped = draft.reconcile(survey);
            if dropped > 0 {
                notices.notify(Notice::AnswersDropped(dropped));
            }
            Some(draft)
        }
    }
}

/// The language the survey's own text is shown in (the person's choice where the survey has
/// it), with the page's `lang` and `dir` following it.
fn content_language(ctx: AppContext, survey: &Arc<Survey>) -> Memo<String> {
    let survey = survey.clone();
    let language = Memo::new(move |_| survey.content_language(&ctx.language.get()).to_string());
    Effect::new(move |_| {
        let tag = language.get();
        platform::set_document_language(&tag, is_rtl(&tag));
    });
    language
}
