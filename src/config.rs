//! Where the book and the config live, and what `config.toml` says.

use anyhow::{Context, Result, bail};
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
    /// The rep's name: fills `{me}` in scripts and signs every write in the activity log.
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ui {
    #[serde(default)]
    pub lang: Lang,
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
            anyhow::anyhow!(
                "{}: {}\naccepted keys: [me] name = \"…\"; [ui] lang = \"zh-CN\" | \"en\"; \
                 [clipboard] mode = \"auto\" | \"osc52\" | \"native\"; [backup] keep = 14",
                path.display(),
                e.to_string().trim_end()
            )
        })
    }

    /// Who is writing: the configured name, else the login name.
    pub fn actor(&self) -> String {
        self.me
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "me".to_string())
    }

    /// The platform data directory's `backups/` (created 0700 when first used).
    pub fn backups_dir(data_dir: &Path) -> PathBuf {
        data_dir.join("backups")
    }
}

/// The platform directories (XDG on Linux).
#[derive(Debug, Clone)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Dirs {
    pub fn discover() -> Result<Dirs> {
        let Some(p) = directories::ProjectDirs::from("", "", "salesbook") else {
            bail!("cannot find a home directory for the book; pass --db PATH or set SALESBOOK_DB");
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
