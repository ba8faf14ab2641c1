//! Web Workers: work that would hold the page for long runs in a worker of its own, on another
//! core. A worker answers its messages one at a time, in order, each with `{ok}` or `{error}`
//! (see crates/lytt-worker/worker.js), so the answers are matched to the questions by order.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A worker could not answer: its script did not load, or it failed on the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerFailed(pub String);

type Pending = Rc<RefCell<VecDeque<(js_sys::Function, js_sys::Function)>>>;

/// A running worker. Dropping it ends the worker, and with it everything in its memory.
pub struct Worker {
    worker: web_sys::Worker,
    pending: Pending,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Worker {
    /// Starts the module worker whose script is at `url` (relative to the page).
    pub fn start(url: &str) -> Option<Worker> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(url, &options).ok()?;
        let pending: Pending = Rc::default();
        let answered = pending.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some((resolve, reject)) = answered.borrow_mut().pop_front() {
                let data = event.data();
                let ok = js_sys::Reflect::get(&data, &JsValue::from_str("ok")).unwrap_or(JsValue::UNDEFINED);
                if ok.is_undefined() {
                    let error = js_sys::Reflect::get(&data, &JsValue::from_str("error")).unwrap_or(JsValue::UNDEFINED);
                    let _ = reject.call1(&JsValue::NULL, &error);
                } else {
                    let _ = resolve.call1(&JsValue::NULL, &ok);
                }
            }
        });
        let failed = pending.clone();
        // The script could not be fetched or started: nothing will be answered.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            for (_, reject) in failed.borrow_mut().drain(..) {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the worker did not start"));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Worker { worker, pending, _on_message: on_message, _on_error: on_error })
    }

    /// Sends `[kind, request, beside]` and waits for the answer. Several may be asked at once;
    /// they are answered in order.
    pub async fn ask(&self, kind: &str, request: &JsValue, beside: &JsValue) -> Result<JsValue, WorkerFailed> {
        let pending = self.pending.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| pending.borrow_mut().push_back((resolve, reject)));
        let message = js_sys::Array::of3(&JsValue::from_str(kind), request, beside);
        if self.worker.post_message(&message).is_err() {
            self.pending.borrow_mut().pop_back();
            return Err(WorkerFailed("the message could not be sent".into()));
        }
        JsFuture::from(promise).await.map_err(|e| WorkerFailed(e.as_string().unwrap_or_default()))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.worker.terminate();
        for (_, reject) in self.pending.borrow_mut().drain(..) {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the worker was ended"));
        }
    }
}

/// How many workers to start for work that divides: one per core the browser reports, at least
/// one and at most eight.
pub fn cores() -> usize {
    web_sys::window().map_or(1, |w| w.navigator().hardware_concurrency() as usize).clamp(1, 8)
}
