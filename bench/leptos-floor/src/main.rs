//! One signal, a text box, a button and a `Show`: the least a screen of Lytt's does.

use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let (count, set_count) = signal(0);
    let name = RwSignal::new(String::new());
    view! {
        <h1>"Hello"</h1>
        <input prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
        <button on:click=move |_| set_count.update(|c| *c += 1)>{move || count.get()}</button>
        <Show when=move || { count.get() > 2 } fallback=|| view! { <p>"few"</p> }>
            <p>"many"</p>
        </Show>
    }
}

fn main() {
    mount_to_body(App)
}
