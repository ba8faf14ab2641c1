//! Reads a survey from JSON by hand, so that every structural problem is reported with its full
//! path (serde stops at the first, and loses the path inside flattened and untagged types), and
//! so that the web app carries no generated deserialiser for these types.

use serde_json::{Map, Value};

use crate::condition::{Condition, Literal};
use crate::survey::{
    ChoiceOption, DatePrecision, Indicator, KioskSettings, LocalizedText, OnIdle, Picture, Privacy, Question,
    QuestionKind, SharedSettings, Survey,
};
use crate::validate::Problem;

/// Collects problems while reading.
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

type Obj = Map<String, Value>;

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    fn wrong(&mut self, path: &str, expected: &str, value: &Value) {
        self.problem(path, format!("must be {expected}, not {}", kind_of(value)));
    }

    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Obj> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.wrong(path, "an object", other);
                None
            }
        }
    }

    fn required<'v>(&mut self, obj: &'v Obj, key: &str, path: &str) -> Option<&'v Value> {
        let found = obj.get(key);
        if found.is_none() {
            let message = format!("the field \"{key}\" is missing");
            self.problem(path, message);
        }
        found
    }

    fn string(&mut self, value: &Value, path: &str) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong(path, "a text in quotes", other);
                None
            }
        }
    }

    fn integer(&mut self, value: &Value, path: &str) -> Option<i64> {
        match value.as_i64() {
            Some(n) => Some(n),
            None => {
                self.wrong(path, "a whole number", value);
                None
            }
        }
    }

    fn count<T: TryFrom<u64>>(&mut self, value: &Value, path: &str) -> Option<T> {
        match value.as_u64().and_then(|n| T::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.wrong(path, "a whole number of 0 or more (not too large)", value);
                None
            }
        }
    }

    fn text(&mut self, value: &Value, path: &str) -> Option<LocalizedText> {
        let map = self.object(value, path)?;
        let mut text = LocalizedText::new();
        let mut ok = true;
        for (language, t) in map {
            match self.string(t, &join(path, language)) {
                Some(t) => {
                    text.insert(language.clone(), t);
                }
                None => ok = false,
            }
        }
        ok.then_some(text)
    }

    fn list<T>(
        &mut self,
        value: &Value,
        path: &str,
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(values) = value else {
            self.wrong(path, "a list", value);
            return None;
        };
        let mut items = Vec::with_capacity(values.len());
        let mut ok = true;
        for (i, v) in values.iter().enumerate() {
            match item(self, v, &format!("{path}[{i}]")) {
                Some(x) => items.push(x),
                None => ok = false,
            }
        }
        ok.then_some(items)
    }

    /// Reads an optional field with `read`; a field that is present but wrong is a problem.
    fn optional<T>(
        &mut self,
        obj: &Obj,
        key: &str,
        path: &str,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(self, v, &join(path, key)).map(Some).ok_or(()),
        }
    }

    fn required_with<T>(
        &mut self,
        obj: &Obj,
        key: &str,
        path: &str,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let v = self.required(obj, key, path)?;
        read(self, v, &join(path, key))
    }

    /// Reads a whole survey; `None` when anything structural is wrong (see `problems`).
    pub fn survey(&mut self, value: &Value) -> Option<Survey> {
        let obj = self.object(value, "")?;
        let format = self.required_with(obj, "format", "", Self::string);
        let id = self.required_with(obj, "id", "", Self::string);
        let version = self.required_with(obj, "version", "", Self::string);
        let languages = self.required_with(obj, "languages", "", |r, v, p| r.list(v, p, Self::string));
        let default_language = self.required_with(obj, "default_language", "", Self::string);
        let title = self.required_with(obj, "title", "", Self::text);
        let intro = self.optional(obj, "intro", "", Self::text);
        let recipient = self.required_with(obj, "recipient", "", Self::string);
        let privacy = self.optional(obj, "privacy", "", Self::privacy);
        let kiosk = self.optional(obj, "kiosk", "", Self::kiosk);
        let shared = self.optional(obj, "shared", "", Self::shared);
        let indicator = self.optional(obj, "indicator", "", Self::indicator);
        let submit_url = self.optional(obj, "submit_url", "", Self::string);
        let questions = self.required_with(obj, "questions", "", |r, v, p| r.list(v, p, Self::question));
        Some(Survey {
            format: format?,
            id: id?,
            version: version?,
            languages: languages?,
            default_language: default_language?,
            title: title?,
            intro: intro.ok()?,
            recipient: recipient?,
            privacy: privacy.ok()?.unwrap_or_default(),
            kiosk: kiosk.ok()?.unwrap_or_default(),
            shared: shared.ok()?.unwrap_or_default(),
            indicator: indicator.ok()?,
            submit_url: submit_url.ok()?,
            questions: questions?,
        })
    }

    fn privacy(&mut self, value: &Value, path: &str) -> Option<Privacy> {
        let obj = self.object(value, path)?;
        let defaults = Privacy::default();
        let min_group_size = self.optional(obj, "min_group_size", path, Self::count);
        let date_precision = self.optional(obj, "date_precision", path, |r, v, p| match r.string(v, p)?.as_str() {
            "day" => Some(DatePrecision::Day),
            "week" => Some(DatePrecision::Week),
            other => {
                r.problem(p, format!("\"{other}\" is not a precision: use \"day\" or \"week\""));
                None
            }
        });
        Some(Privacy {
            min_group_size: min_group_size.ok()?.unwrap_or(defaults.min_group_size),
            date_precision: date_precision.ok()?.unwrap_or(defaults.date_precision),
        })
    }

    fn kiosk(&mut self, value: &Value, path: &str) -> Option<KioskSettings> {
        let obj = self.object(value, path)?;
        let d = KioskSettings::default();
        let idle = self.optional(obj, "idle_seconds", path, Self::count);
        let warning = self.optional(obj, "warning_seconds", path, Self::count);
        let thank_you = self.optional(obj, "thank_you_seconds", path, Self::count);
        let on_idle = self.optional(obj, "on_idle", path, |r, v, p| match r.string(v, p)?.as_str() {
            "discard" => Some(OnIdle::Discard),
            "keep" => Some(OnIdle::Keep),
            other => {
                r.problem(p, format!("\"{other}\" is not allowed: use \"discard\" or \"keep\""));
                None
            }
        });
        Some(KioskSettings {
            idle_seconds: idle.ok()?.unwrap_or(d.idle_seconds),
            warning_seconds: warning.ok()?.unwrap_or(d.warning_seconds),
            thank_you_seconds: thank_you.ok()?.unwrap_or(d.thank_you_seconds),
            on_idle: on_idle.ok()?.unwrap_or(d.on_idle),
        })
    }

    fn shared(&mut self, value: &Value, path: &str) -> Option<SharedSettings> {
        let obj = self.object(value, path)?;
        let d = SharedSettings::default();
        let idle = self.optional(obj, "idle_seconds", path, Self::count);
        let warning = self.optional(obj, "warning_seconds", path, Self::count);
        Some(SharedSettings {
            idle_seconds: idle.ok()?.unwrap_or(d.idle_seconds),
            warning_seconds: warning.ok()?.unwrap_or(d.warning_seconds),
        })
    }

    fn indicator(&mut self, value: &Value, path: &str) -> Option<Indicator> {
        let obj = self.object(value, path)?;
        let question = self.required_with(obj, "question", path, Self::string);
        let positive = self.required_with(obj, "positive", path, |r, v, p| r.list(v, p, Self::string));
        let target = self.required_with(obj, "target", path, |r, v, p| match v.as_f64() {
            Some(x) => Some(x),
            None => {
                r.wrong(p, "a number", v);
                None
            }
        });
        let label = self.required_with(obj, "label", path, Self::text);
        Some(Indicator { question: question?, positive: positive?, target: target?, label: label? })
    }

    fn options(&mut self, obj: &Obj, path: &str) -> Option<Vec<ChoiceOption>> {
        self.required_with(obj, "options", path, |r, v, p| {
            r.list(v, p, |r, v, p| {
                let o = r.object(v, p)?;
                let id = r.required_with(o, "id", p, Self::string);
                let label = r.required_with(o, "label", p, Self::text);
                let audio = r.optional(o, "audio", p, Self::text);
                let image = r.optional(o, "image", p, Self::picture);
                Some(ChoiceOption { id: id?, label: label?, audio: audio.ok()?, image: image.ok()? })
            })
        })
    }

    fn picture(&mut self, value: &Value, path: &str) -> Option<Picture> {
        let obj = self.object(value, path)?;
        let src = self.required_with(obj, "src", path, Self::string);
        let alt = self.required_with(obj, "alt", path, Self::text);
        Some(Picture { src: src?, alt: alt? })
    }

    fn question(&mut self, value: &Value, path: &str) -> Option<Question> {
        let obj = self.object(value, path)?;
        let id = self.required_with(obj, "id", path, Self::string);
        let prompt = self.required_with(obj, "prompt", path, Self::text);
        let help = self.optional(obj, "help", path, Self::text);
        let required = self.optional(obj, "required", path, |r, v, p| match v {
            Value::Bool(b) => Some(*b),
            other => {
                r.wrong(p, "true or false", other);
                None
            }
        });
        let show_if = self.optional(obj, "show_if", path, Self::condition);
        let audio = self.optional(obj, "audio", path, Self::text);
        let type_name = self.required_with(obj, "type", path, Self::string);
        let kind = match type_name.as_deref() {
            None => None,
            Some("single") => self.options(obj, path).map(|options| QuestionKind::Single { options }),
            Some("multi") => {
                let options = self.options(obj, path);
                let max_choices = self.optional(obj, "max_choices", path, Self::count);
                Some(QuestionKind::Multi { options: options?, max_choices: max_choices.ok()? })
            }
            Some("ranking") => {
                let options = self.options(obj, path);
                let pick = self.required_with(obj, "pick", path, Self::count);
                Some(QuestionKind::Ranking { options: options?, pick: pick? })
            }
            Some("scale") => {
                let min = self.required_with(obj, "min", path, Self::integer);
                let max = self.required_with(obj, "max", path, Self::integer);
                let min_label = self.optional(obj, "min_label", path, Self::text);
                let max_label = self.optional(obj, "max_label", path, Self::text);
                Some(QuestionKind::Scale {
                    min: min?,
                    max: max?,
                    min_label: min_label.ok()?,
                    max_label: max_label.ok()?,
                })
            }
            Some("smiley") => {
                self.required_with(obj, "points", path, Self::count).map(|points| QuestionKind::Smiley { points })
            }
            Some("number") => {
                let min = self.required_with(obj, "min", path, Self::integer);
                let max = self.required_with(obj, "max", path, Self::integer);
                Some(QuestionKind::Number { min: min?, max: max? })
            }
            Some("text") => self
                .optional(obj, "max_length", path, Self::count)
                .ok()
                .map(|max_length| QuestionKind::Text { max_length }),
            Some("info") => Some(QuestionKind::Info),
            Some(other) => {
                self.problem(
                    &join(path, "type"),
                    format!("\"{other}\" is not a question type: use single, multi, ranking, scale, smiley, number, text or info"),
                );
                None
            }
        };
        Some(Question {
            id: id?,
            kind: kind?,
            prompt: prompt?,
            help: help.ok()?,
            required: required.ok()?.unwrap_or(false),
            show_if: show_if.ok()?,
            audio: audio.ok()?,
        })
    }

    fn condition(&mut self, value: &Value, path: &str) -> Option<Condition> {
        let obj = self.object(value, path)?;
        let list = |r: &mut Self, key: &str| r.list(&obj[key], &join(path, key), Self::condition);
        if obj.contains_key("all") {
            return list(self, "all").map(|all| Condition::All { all });
        }
        if obj.contains_key("any") {
            return list(self, "any").map(|any| Condition::Any { any });
        }
        if let Some(inner) = obj.get("not") {
            return self.condition(inner, &join(path, "not")).map(|not| Condition::Not { not: Box::new(not) });
        }
        if let Some(v) = obj.get("answered") {
            return self.string(v, &join(path, "answered")).map(|answered| Condition::Answered { answered });
        }
        let Some(q) = obj.get("question") else {
            self.problem(path, "is not a condition; see the forms in docs/survey-format.md");
            return None;
        };
        let question = self.string(q, &join(path, "question"));
        if let Some(v) = obj.get("equals") {
            let equals = match v {
                Value::String(s) => Some(Literal::Text(s.clone())),
                Value::Number(n) if n.as_i64().is_some() => n.as_i64().map(Literal::Number),
                other => {
                    self.wrong(&join(path, "equals"), "a text or a whole number", other);
                    None
                }
            };
            return Some(Condition::Equals { question: question?, equals: equals? });
        }
        if let Some(v) = obj.get("includes") {
            let includes = self.string(v, &join(path, "includes"));
            return Some(Condition::Includes { question: question?, includes: includes? });
        }
        if let Some(v) = obj.get("at_least") {
            let at_least = self.integer(v, &join(path, "at_least"));
            return Some(Condition::AtLeast { question: question?, at_least: at_least? });
        }
        if let Some(v) = obj.get("at_most") {
            let at_most = self.integer(v, &join(path, "at_most"));
            return Some(Condition::AtMost { question: question?, at_most: at_most? });
        }
        self.problem(path, "names a question but no test: use \"equals\", \"includes\", \"at_least\" or \"at_most\"");
        None
    }
}
