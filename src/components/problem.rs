//! Why something cannot be shown, and the ways on: one look for every failure a person meets
//! (a survey that cannot be opened, a part of the app that did not arrive, a list that did not
//! load).

use leptos::prelude::*;

use crate::focus;
use crate::i18n::Texts;
use crate::state::AppContext;

/// A piece of the app's text, picked when shown so that it follows the language.
pub type TextPick = fn(&Texts) -> &'static str;

/// A problem: a whole screen when it has a `heading` (the tab's title names it), else a
/// section of a screen. `details` are technical lines for a survey's owner (in English, as the
/// validator writes them). `children` are the ways on; a screen without them links back to the
/// start.
#[component]
pub fn Problem(
    /// The screen's heading, if the problem is the whole screen.
    #[prop(optional)]
    heading: Option<TextPick>,
    /// What went wrong, for the person.
    message: TextPick,
    /// Technical details for a survey's owner.
    #[prop(default = None)]
    details: Option<AnyView>,
    /// "Try again", if trying again may help.
    #[prop(default = None)]
    retry: Option<Callback<()>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    if let Some(heading) = heading {
        ctx.follow_app_language(heading);
    }
    let retry = retry.map(|retry| {
        view! { <button type="button" class="secondary" on:click=move |_| retry.run(())>{ctx.text(|t| t.retry)}</button> }
    });
    let way_on = match (children, heading) {
        (Some(way_on), _) => Some(way_on().into_any()),
        (None, Some(_)) => Some(
            view! { <p><a href=crate::route::Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a></p> }.into_any(),
        ),
        (None, None) => None,
    };
    view! {
        <div class="problem">
            {heading.map(|heading| view! { <h1 id=focus::HEADING tabindex="-1">{ctx.text(heading)}</h1> })}
            <p>{ctx.text(message)}</p>
            {details}
            {retry}
            {way_on}
        </div>
    }
}
