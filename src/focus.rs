//! The elements that screens move focus to, or that others point at, by the id they carry: one
//! name for the markup (`id=`, `for=`, `aria-*`) and for `platform::focus_soon`, so that the two
//! cannot drift apart.

/// Every screen's heading: each new screen moves focus there.
pub const HEADING: &str = "screen-heading";
/// A question screen's message (an answer that does not fit, a required question).
pub const QUESTION_ERROR: &str = "error";
/// "Continue" in the idle warning.
pub const IDLE_CONTINUE: &str = "idle-continue";
/// "Discard my answers?", asked before they go.
pub const DISCARD_QUESTION: &str = "discard-question";
/// Why finishing failed, on the review screen.
pub const FINISH_ERROR: &str = "finish-error";
/// The box for a resume code on a shared computer.
pub const RESUME_CODE: &str = "resume-code-input";
/// "What should happen to the answers given so far?" when an interview is stopped.
pub const STOP_QUESTION: &str = "stop-question";
/// The interview's consent box.
pub const CONSENT_GIVEN: &str = "consent-given";
/// The recipient of a key pair made on the owner page.
pub const RECIPIENT: &str = "recipient";
/// The PIN at the kiosk's staff door.
pub const STAFF_PIN: &str = "staff-pin";
/// The new staff PIN when a kiosk is set up, and the same again.
pub const KIOSK_PIN: &str = "kiosk-pin";
/// The new staff PIN typed again.
pub const KIOSK_PIN_AGAIN: &str = "kiosk-pin-again";
/// Why the owner's answers cannot be opened.
pub const RESULTS_ERROR: &str = "results-error";
/// The title of the answers just opened.
pub const RESULTS_TITLE: &str = "results-title";
/// The comparison with an earlier round.
pub const RESULTS_COMPARED: &str = "results-compared";
/// What is wrong with a kiosk's set-up.
pub const KIOSK_ERROR: &str = "kiosk-error";

/// "I have saved the file" in the delivery panel of a survey (the start page shows one panel per
/// survey).
pub fn confirm_saved(survey: &str) -> String {
    format!("confirm-saved-{survey}")
}
