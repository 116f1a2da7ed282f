//! Where the book and the config live, and what `config.toml` says.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN", alias = "zh")]
    Zh,
    #[serde(rename = "en", alias = "en-US")]
    En,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub me: Me,
    #[serde(default)]
    pub ui: Ui,
    #[serde(default)]
    pub clipboard: ClipboardConfig,
    #[serde(default)]
    pub backup: BackupConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupConfig {
    /// Automatic backups kept per book (before upgrades, and the first write of each day).
    #[serde(default = "default_keep")]
    pub keep: usize,
}

impl Default for BackupConfig {
    fn default() -> Self {
        BackupConfig {
            keep: default_keep(),
        }
    }
}

fn default_keep() -> usize {
    14
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipboardConfig {
    #[serde(default)]
    pub mode: crate::clipboard::ClipboardMode,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Me {
    /// The rep's name: signs every write in the activity log (the lead's roll-up column),
    /// and fills `{me}` in scripts unless `call` says otherwise.
    pub name: Option<String>,
    /// How scripts call the rep (小王, 王老师): fills `{me}`.
    pub call: Option<String>,
}

impl Me {
    /// What `{me}` becomes: how the rep is called, else the name.
    pub fn in_scripts(&self) -> Option<String> {
        let set = |v: &Option<String>| v.clone().filter(|n| !n.trim().is_empty());
        set(&self.call).or_else(|| set(&self.name))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ui {
    #[serde(default)]
    pub lang: Lang,
    /// Clicks select and the wheel scrolls in the app (off by default: the terminal's own
    /// text selection keeps working).
    #[serde(default)]
    pub mouse: bool,
}

impl Config {
    /// Reads `config.toml` from the config directory; a missing file means the defaults.
    pub fn load(dir: &Path) -> Result<Config> {
        let path = dir.join("config.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        toml::from_str(&text).map_err(|e| {
            let lang = lang_in_text(&text);
            let (line, column) = e.span().map_or((0, 0), |span| {
                let before = text.get(..span.start).unwrap_or(&text);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                (line, column)
            });
            anyhow::anyhow!(
                "{}",
                crate::i18n::errors::config_error(lang, &path, line, column, e.message())
            )
        })
    }

    /// Who is writing: the configured name, else the login name.
    /// Who makes the book's changes: the rep's name, else the login name, else
    /// [`NO_NAME`].
    pub fn actor(&self) -> String {
        self.me
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| NO_NAME.to_string())
    }

    /// The platform data directory's `backups/` (created 0700 when first used).
    pub fn backups_dir(data_dir: &Path) -> PathBuf {
        data_dir.join("backups")
    }
}

/// Saves the rep's name as `[me] name` in `config.toml` (and how scripts call them as
/// `[me] call`, when that differs), keeping every other key and comment as the user wrote
/// them. The file is replaced whole (written beside it, then renamed), readable by the user
/// alone.
pub fn save_name(dir: &Path, name: &str, call: Option<&str>) -> Result<()> {
    use std::io::Write;
    let path = dir.join("config.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    if !doc.contains_table("me") {
        doc["me"] = toml_edit::table();
    }
    doc["me"]["name"] = toml_edit::value(name);
    match call.map(str::trim).filter(|c| !c.is_empty() && *c != name) {
        Some(c) => doc["me"]["call"] = toml_edit::value(c),
        None => {
            if let Some(me) = doc["me"].as_table_mut() {
                me.remove("call");
            }
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(doc.to_string().as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

/// The platform directories (XDG on Linux).
#[derive(Debug, Clone)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

/// The author of changes when neither a name nor a login name is known: shown nowhere as
/// a person (a report names the book's file instead).
pub const NO_NAME: &str = crate::domain::contact::UNNAMED_OWNER;

/// The UI's language as `config.toml` sets it, the default when it cannot be read (for a
/// message that comes before anything else is loaded).
pub fn configured_lang() -> Lang {
    let Ok(dirs) = Dirs::discover() else {
        return Lang::default();
    };
    match Config::load(&dirs.config) {
        Ok(c) => c.ui.lang,
        // A file that does not parse still says which language its reader wants.
        Err(_) => std::fs::read_to_string(dirs.config.join("config.toml"))
            .map(|t| lang_in_text(&t))
            .unwrap_or_default(),
    }
}

/// English when the text names it as a value (`lang = "en"`), else the default: for a
/// `config.toml` that does not parse, to word that very error.
fn lang_in_text(text: &str) -> Lang {
    if text.contains("\"en") || text.contains("'en") {
        Lang::En
    } else {
        Lang::default()
    }
}

/// The platform gives no home directory (no `HOME`, no account entry): there is no default
/// place for the book, its settings or its backups.
#[derive(Debug)]
pub struct NoHomeDir;

impl std::fmt::Display for NoHomeDir {
    /// For logs: the front ends word it through `i18n::errors::no_home_dir`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no home directory")
    }
}

impl std::error::Error for NoHomeDir {}

impl Dirs {
    pub fn discover() -> Result<Dirs> {
        let Some(p) = directories::ProjectDirs::from("", "", "salesbook") else {
            return Err(NoHomeDir.into());
        };
        Ok(Dirs {
            data: p.data_dir().to_path_buf(),
            config: p.config_dir().to_path_buf(),
        })
    }

    pub fn default_book(&self) -> PathBuf {
        self.data.join("book.sqlite")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_the_name_keeps_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let before = "# my settings\n[ui]\nlang = \"en\"  # English please\n\n[me]\nname = \"old\"\n\n[clipboard]\nmode = \"osc52\"\n";
        std::fs::write(&path, before).unwrap();
        save_name(dir.path(), "小王", None).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(after, before.replace("\"old\"", "\"小王\""));
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.me.name.as_deref(), Some("小王"));
        // The full name signs the log; scripts call the rep as chosen.
        save_name(dir.path(), "王芳", Some("小王")).unwrap();
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.me.name.as_deref(), Some("王芳"));
        assert_eq!(c.me.in_scripts().as_deref(), Some("小王"));
        assert_eq!(c.actor(), "王芳");
        // Called by the name itself: no second key.
        save_name(dir.path(), "王芳", Some("王芳")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("call"), "{text}");
        assert_eq!(
            Config::load(dir.path()).unwrap().me.in_scripts().as_deref(),
            Some("王芳")
        );
        assert_eq!(c.ui.lang, Lang::En);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn saving_the_name_makes_the_file_and_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("salesbook");
        save_name(&sub, "王芳", None).unwrap();
        let c = Config::load(&sub).unwrap();
        assert_eq!(c.me.name.as_deref(), Some("王芳"));
        assert!(!c.ui.mouse);
    }
}
