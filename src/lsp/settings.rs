//! Settings: rule severities, from `initializationOptions` and
//! `workspace/didChangeConfiguration`.
//!
//! ```json
//! {"rules": {"missing-unit": "off", "unit-slip": "error"}}
//! ```
//! The same object may come wrapped in `{"gouji": …}`, as editors that keep
//! settings per server send it. Levels are `off`, `hint`, `info`,
//! `warning` and `error`; they replace the rule's default severity after
//! analysis, so changing them never re-reads a document.

use std::collections::HashMap;

use serde_json::Value;

use crate::checks;
use crate::diagnostic::Severity;

/// What the user set for a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// By rule id; rules not named keep their default severity.
    pub rules: HashMap<&'static str, Level>,
}

impl Settings {
    /// Reads settings from a JSON value, with a message for every key or
    /// value that was not understood (and ignored). `None` when the value
    /// holds no settings at all (null, or an object without our keys).
    pub fn from_json(value: &Value) -> Option<(Settings, Vec<String>)> {
        let value = match value.get("gouji") {
            Some(inner) if inner.is_object() => inner,
            _ => value,
        };
        let rules = value.get("rules")?;
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let Some(rules) = rules.as_object() else {
            problems.push(format!("`rules` should be an object of rule ids and levels, not {rules}"));
            return Some((settings, problems));
        };
        for (id, level) in rules {
            let Some(rule) = checks::rule(id) else {
                problems.push(format!("unknown rule `{id}` in settings (`gouji rules` lists them)"));
                continue;
            };
            match level.as_str().and_then(parse_level) {
                Some(level) => {
                    settings.rules.insert(rule.id, level);
                }
                None => problems.push(format!("rule `{id}`: level {level} is not one of off, hint, info, warning, error")),
            }
        }
        Some((settings, problems))
    }

    /// The severity a diagnostic of `rule` gets, `None` if the rule is off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(default),
        }
    }
}

fn parse_level(s: &str) -> Option<Level> {
    Some(match s.to_ascii_lowercase().as_str() {
        "off" | "none" | "ignore" => Level::Off,
        "hint" => Level::On(Severity::Hint),
        "info" | "information" => Level::On(Severity::Info),
        "warning" | "warn" => Level::On(Severity::Warning),
        "error" => Level::On(Severity::Error),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn levels_and_problems() {
        let (s, problems) = Settings::from_json(&json!({"gouji": {"rules": {"missing-unit": "off", "unit-slip": "Hint", "no-such-rule": "error", "share-mismatch": 3}}})).unwrap_or_default();
        assert_eq!(s.severity("missing-unit", Severity::Warning), None);
        assert_eq!(s.severity("unit-slip", Severity::Error), Some(Severity::Hint));
        assert_eq!(s.severity("share-mismatch", Severity::Error), Some(Severity::Error));
        assert_eq!(problems.len(), 2);
        assert!(Settings::from_json(&json!(null)).is_none());
        assert!(Settings::from_json(&json!({"other": 1})).is_none());
    }
}
