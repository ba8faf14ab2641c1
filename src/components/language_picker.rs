use leptos::prelude::*;

use crate::i18n::language_name;
use crate::state::AppContext;

/// A labelled menu of languages; choosing one changes the app at once. It always shows the
/// language in use: the chosen one when it is offered, else `fallback` (a survey's default
/// language, which its text is then shown in), else the first.
#[component]
pub fn LanguagePicker(
    /// BCP 47 tags to offer.
    languages: Vec<String>,
    /// The language used when the chosen one is not offered.
    #[prop(optional, into)]
    fallback: Option<String>,
    /// Called with the chosen tag after the app language was changed.
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let offered = languages.clone();
    let in_use = Memo::new(move |_| {
        let chosen = ctx.language.get();
        if offered.contains(&chosen) {
            return chosen;
        }
        fallback.clone().filter(|f| offered.contains(f)).or_else(|| offered.first().cloned()).unwrap_or_default()
    });
    view! {
        <div class="language">
            // "Language" is the app's word, the page may be in the survey's language.
            <label
                for="language"
                lang=move || crate::i18n::own_words_marks(ctx.texts(), &in_use.get()).0
                dir=move || crate::i18n::own_words_marks(ctx.texts(), &in_use.get()).1
            >
                {ctx.text(|t| t.language_label)}
            </label>
            <select
                id="language"
                on:change=move |ev| {
                    let tag = event_target_value(&ev);
                    ctx.set_language(&tag);
                    if let Some(callback) = on_change {
                        callback.run(tag);
                    }
                }
            >
                {languages
                    .into_iter()
                    .map(|tag| {
                        let selected_tag = tag.clone();
                        view! {
                            <option
                                value=tag.clone()
                                lang=tag.clone()
                                selected=move || in_use.with(|l| *l == selected_tag)
                            >
                                {language_name(&tag).to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
