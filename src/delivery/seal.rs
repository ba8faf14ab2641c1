//! Sealing a finished draft for the survey's owner, straight into the outbox.

use lytt_core::outbox::OutboxEntry;
use lytt_core::seal::Sealer;
use lytt_core::{Completion, DeviceKind, Draft, DraftError, Response, Status, Survey};
use rand_core::OsRng;

use super::Outbox;
use crate::platform;
use crate::state::Notices;

/// Why a draft could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealProblem {
    /// A shown, required question has no answer (only for a complete record).
    Incomplete(String),
    /// No randomness, or the survey's key could not be used.
    Failed,
}

/// Finishes a draft into a record, seals it at once to the survey's owner and puts it in the
/// outbox. Records from a kiosk or interviews are `held` until delivery is asked for. The
/// plaintext record is returned for the screen; nothing readable is stored.
pub fn seal_into_outbox(
    outbox: Outbox,
    notices: Notices,
    survey: &Survey,
    draft: &Draft,
    (mode, status): (DeviceKind, Status),
    prepared: Option<Sealer>,
) -> Result<Response, SealProblem> {
    let response_id = platform::random_bytes::<16>().ok_or(SealProblem::Failed)?;
    let completion = Completion { response_id, date: platform::today(), mode, status };
    let response = draft.finish(survey, completion).map_err(|e| match e {
        DraftError::RequiredUnanswered(id) => SealProblem::Incomplete(id),
        _ => SealProblem::Failed,
    })?;
    // The marks time sealing in the release build (bench/seal-export.mjs).
    platform::mark("lytt-seal-start");
    let sealed = match prepared {
        Some(prepared) => prepared.seal(&response, &mut OsRng),
        None => lytt_core::seal::seal_record(&response, &survey.recipient),
    };
    platform::mark("lytt-seal-end");
    let (Ok(record), Some(local_id)) = (sealed, platform::random_bytes::<8>()) else {
        return Err(SealProblem::Failed);
    };
    let entry = OutboxEntry {
        id: lytt_core::draft::hex(&local_id),
        survey: survey.id.clone(),
        record,
        to: survey.submit_url.clone(),
        held: mode.holds_delivery(),
    };
    outbox.add(notices, entry);
    Ok(response)
}
