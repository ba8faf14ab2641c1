use leptos::prelude::*;

use crate::i18n::language_name;
use crate::state::AppContext;

/// A labelled menu of languages; choosing one changes the app at once.
#[component]
pub fn LanguagePicker(
    /// BCP 47 tags to offer.
    languages: Vec<String>,
    /// Called with the chosen tag after the app language was changed.
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    view! {
        <div class="language">
            <label for="language">{ctx.text(|t| t.language_label)}</label>
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
                                selected=move || ctx.language.with(|l| *l == selected_tag)
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
