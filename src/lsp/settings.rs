//! Settings: the client's (`initializationOptions`,
//! `workspace/didChangeConfiguration`) over the `gouji.toml` found above
//! each document, so that the server says what `gouji check` says.
//!
//! The client sends the keys of `gouji.toml` that make sense per editor:
//! ```json
//! {"rules": {"missing-unit": "off", "unit-slip": "error"}, "tolerance": "0.01"}
//! ```
//! possibly wrapped in `{"gouji": …}`, as editors that keep settings per
//! server send it. Levels are `off`, `hint`, `info`, `warning` and `error`.
//! They override the file's; the file's `exclude` and `[[ignore]]` apply as
//! they do for the command line. A setting that is not understood is
//! reported and ignored.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use rust_decimal::Decimal;
use serde_json::Value;

use super::documents::lock;
use crate::checks;
use crate::config::{Config, Level};
use crate::message::{IoCause, Message};

/// What the client set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// By rule id; rules not named keep the file's (or default) level.
    pub rules: BTreeMap<String, Level>,
    pub tolerance: Option<Decimal>,
}

/// Keys of `gouji.toml` that are read from the file only.
const FILE_ONLY: &[&str] = &["exclude", "ignore", "default-unit"];

impl Settings {
    /// Reads settings from a JSON value, with a message for every key or
    /// value that was not understood (and ignored). `None` when the value
    /// holds no settings at all (null, or an object without our keys).
    pub fn from_json(value: &Value) -> Option<(Settings, Vec<String>)> {
        let value = match value.get("gouji") {
            Some(inner) if inner.is_object() => inner,
            _ => value,
        };
        let (rules, tolerance) = (value.get("rules"), value.get("tolerance"));
        if rules.is_none() && tolerance.is_none() {
            return None;
        }
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        match rules {
            None | Some(Value::Null) => {}
            Some(Value::Object(rules)) => {
                for (id, level) in rules {
                    if checks::rule(id).is_none() {
                        problems.push(format!("unknown rule `{id}` in settings (`gouji rules` lists them)"));
                        continue;
                    }
                    match level.as_str().and_then(parse_level) {
                        Some(level) => {
                            settings.rules.insert(id.clone(), level);
                        }
                        None => problems.push(format!("rule `{id}`: level {level} is not one of off, hint, info, warning, error")),
                    }
                }
            }
            Some(other) => problems.push(format!("`rules` should be an object of rule ids and levels, not {other}")),
        }
        match tolerance {
            None | Some(Value::Null) => {}
            Some(t) => {
                let text = t.as_str().map_or_else(|| t.to_string(), str::to_owned);
                match Decimal::from_str(text.trim()).or_else(|_| Decimal::from_scientific(text.trim())) {
                    Ok(d) if !d.is_sign_negative() => settings.tolerance = Some(d),
                    _ => problems.push(format!("`tolerance` should be a number not below 0, not {t}")),
                }
            }
        }
        for key in FILE_ONLY {
            if value.get(key).is_some_and(|v| !v.is_null()) {
                problems.push(format!("`{key}` is read from gouji.toml only"));
            }
        }
        Some((settings, problems))
    }

    /// A file's configuration with these settings over it.
    pub fn over(&self, file: &Config) -> Config {
        let mut config = file.clone();
        config.rules.extend(self.rules.iter().map(|(k, v)| (k.clone(), *v)));
        if self.tolerance.is_some() {
            config.tolerance = self.tolerance;
        }
        config
    }
}

fn parse_level(s: &str) -> Option<Level> {
    Some(match s.trim().to_ascii_lowercase().as_str() {
        "off" | "none" | "ignore" => Level::Off,
        "hint" => Level::Hint,
        "info" | "information" => Level::Info,
        "warning" | "warn" => Level::Warning,
        "error" => Level::Error,
        _ => return None,
    })
}

/// A `gouji.toml` and the folder its paths are relative to.
#[derive(Debug, Clone)]
pub struct FileConfig {
    pub config: Config,
    pub root: PathBuf,
}

impl FileConfig {
    /// `path` relative to the configuration, `/`-separated.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    /// Is `path` excluded from checking?
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(rel) = self.relative(path) else { return false };
        self.config.exclude.iter().any(|g| globset::Glob::new(g).is_ok_and(|g| g.compile_matcher().is_match(&rel)))
    }
}

/// The `gouji.toml` files found so far, by the folder of the documents
/// they apply to (the nearest one above it, as for `gouji check`).
#[derive(Debug, Default)]
pub struct FileConfigs {
    by_dir: Mutex<HashMap<PathBuf, Found>>,
}

/// The configuration found for a folder: none, or the error reading it.
type Found = Result<Option<Arc<FileConfig>>, Box<Message>>;

impl FileConfigs {
    /// The configuration for a document at `path` (none when the nearest
    /// `gouji.toml` cannot be read), and the error that makes it so the
    /// first time it is met.
    pub fn for_path(&self, path: &Path) -> (Option<Arc<FileConfig>>, Option<Box<Message>>) {
        let Some(dir) = path.parent() else { return (None, None) };
        if let Some(found) = lock(&self.by_dir).get(dir) {
            return (found.clone().ok().flatten(), None);
        }
        let found = self.read(dir);
        lock(&self.by_dir).insert(dir.to_path_buf(), found.clone());
        match found {
            Ok(config) => (config, None),
            Err(e) => (None, Some(e)),
        }
    }

    fn read(&self, dir: &Path) -> Found {
        let found = match dir.ancestors().map(|d| d.join("gouji.toml")).find(|p| p.is_file()) {
            None => Ok(None),
            Some(file) => std::fs::read_to_string(&file)
                .map_err(|e| Box::new(Message::CannotRead { path: file.display().to_string(), cause: IoCause::of(&e) }))
                .and_then(|text| Config::from_toml(&text).map_err(|e| Box::new(e.message(file.display().to_string()))))
                .map(|config| Some(Arc::new(FileConfig { config, root: file.parent().map(Path::to_path_buf).unwrap_or_default() }))),
        };
        found
    }

    /// Forgets every file read (one of them changed).
    pub fn clear(&self) {
        lock(&self.by_dir).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn levels_tolerance_and_problems() {
        let value = json!({"gouji": {"rules": {"missing-unit": "off", "unit-slip": "Hint", "no-such-rule": "error", "share-mismatch": 3}, "tolerance": 0.05, "exclude": ["x"]}});
        let (s, problems) = Settings::from_json(&value).unwrap_or_default();
        assert_eq!(s.rules.get("missing-unit"), Some(&Level::Off));
        assert_eq!(s.rules.get("unit-slip"), Some(&Level::Hint));
        assert_eq!(s.rules.get("share-mismatch"), None);
        assert_eq!(s.tolerance, Some(Decimal::new(5, 2)));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(Settings::from_json(&json!(null)).is_none());
        assert!(Settings::from_json(&json!({"other": 1})).is_none());
        let (s, problems) = Settings::from_json(&json!({"tolerance": "-1"})).unwrap_or_default();
        assert_eq!((s.tolerance, problems.len()), (None, 1));
    }

    #[test]
    fn settings_override_the_file() {
        let file = Config::from_toml("tolerance = \"0.1\"\n[rules]\nmissing-unit = \"off\"\nunit-slip = \"hint\"\n").unwrap_or_default();
        let settings = Settings { rules: BTreeMap::from([("unit-slip".to_owned(), Level::Error)]), tolerance: None };
        let config = settings.over(&file);
        assert_eq!(config.rules.get("missing-unit"), Some(&Level::Off));
        assert_eq!(config.rules.get("unit-slip"), Some(&Level::Error));
        assert_eq!(config.tolerance, Some(Decimal::new(1, 1)));
    }
}
