//! Starts the app: a readable panic message in the console, then `lytt::start`. The app's
//! screens are a part of their own (`lytt::parts`), so this module holds only what comes first.

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(lytt::start());
}
