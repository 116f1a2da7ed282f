//! The templates a rep can use: the built-ins, then the user's files, which override a
//! built-in of the same id. A broken user file is reported and skipped, never fatal.

use super::check::{parse_template, parse_template_full};
use super::diagnostic::Diagnostic;
use super::problem::Problem;
use crate::domain::sop::Template;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The built-in templates, embedded in the binary.
pub(super) const BUILTINS: &[(&str, &str)] = &[
    (
        "default.toml",
        include_str!("../../sop-templates/default.toml"),
    ),
    (
        "medical-aesthetics.toml",
        include_str!("../../sop-templates/medical-aesthetics.toml"),
    ),
    (
        "education.toml",
        include_str!("../../sop-templates/education.toml"),
    ),
    (
        "ecommerce.toml",
        include_str!("../../sop-templates/ecommerce.toml"),
    ),
];

pub const DEFAULT_ID: &str = "default";

#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn => "built-in".into(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadedTemplate {
    pub template: Template,
    pub origin: Origin,
    /// The TOML as written, for `template show --format toml`.
    pub source: String,
    /// What `template check` warns about (the template works regardless).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct Library {
    templates: Vec<LoadedTemplate>,
    /// Problems found while loading (broken user files); shown, not fatal.
    pub problems: Vec<Diagnostic>,
}

impl Library {
    /// The built-ins plus every `*.toml` in `user_dir` (if given and present).
    pub fn load(user_dir: Option<&Path>) -> Library {
        Library::load_filtered(user_dir, |_| true)
    }

    /// Like [`Library::load`], but parses only the built-ins among `ids` (and the default,
    /// the fallback): opening a book should not cost parsing templates it does not use.
    pub fn load_for(user_dir: Option<&Path>, ids: &[&str]) -> Library {
        Library::load_filtered(user_dir, |file| {
            ids.iter()
                .chain(std::iter::once(&DEFAULT_ID))
                .any(|id| file == format!("{id}.toml"))
        })
    }

    fn load_filtered(user_dir: Option<&Path>, builtin_wanted: impl Fn(&str) -> bool) -> Library {
        let mut lib = Library::default();
        for (name, source) in BUILTINS.iter().filter(|(name, _)| builtin_wanted(name)) {
            // A built-in has no warnings (`snapshot` checks): its snapshot is the whole of it.
            let snapshot = name
                .strip_suffix(".toml")
                .and_then(|file_id| super::snapshot::builtin(file_id, source));
            let checked = match snapshot {
                Some(template) => Ok((template, Vec::new())),
                None => parse_template_full(&format!("sop-templates/{name}"), source),
            };
            match checked {
                Ok((template, warnings)) => lib.templates.push(LoadedTemplate {
                    template,
                    origin: Origin::BuiltIn,
                    source: source.to_string(),
                    warnings,
                }),
                Err(d) => lib.problems.extend(d),
            }
        }
        let Some(dir) = user_dir else {
            return lib;
        };
        let mut files = template_files(dir);
        files.sort();
        let mut user_ids: Vec<(String, PathBuf)> = Vec::new();
        for path in files {
            match check_file(&path) {
                Ok(t) => {
                    let id = t.template.id.clone();
                    if let Some((_, first)) = user_ids.iter().find(|(u, _)| *u == id).cloned() {
                        // Two files, one id: the one named after the id is the template (a
                        // copy kept as `team-copy.toml` must not take the team's place);
                        // else the first by name. Both files are named.
                        let named = |p: &Path| p.file_stem().is_some_and(|s| *s == *id);
                        let (kept, skipped) = if named(&path) && !named(&first) {
                            (path.clone(), first.clone())
                        } else {
                            (first.clone(), path.clone())
                        };
                        lib.problems.push(Diagnostic::of_file(
                            skipped.display().to_string(),
                            Problem::SameId {
                                id: id.clone(),
                                kept: kept.display().to_string(),
                            },
                        ));
                        if kept == path {
                            lib.templates.retain(|x| x.template.id != id);
                            lib.templates.push(t);
                            for (u, p) in user_ids.iter_mut() {
                                if *u == id {
                                    *p = path.clone();
                                }
                            }
                        }
                        continue;
                    }
                    user_ids.push((id.clone(), path.clone()));
                    lib.templates.retain(|x| x.template.id != id);
                    lib.templates.push(t);
                }
                Err(d) => lib.problems.extend(d),
            }
        }
        lib
    }

    /// Whether a built-in template has this id (its file is named after it).
    pub fn is_builtin_id(id: &str) -> bool {
        BUILTINS
            .iter()
            .any(|(name, _)| name.strip_suffix(".toml") == Some(id))
    }

    /// One built-in template by id: the file named after it (every built-in's id is its
    /// file's name; `snapshot`'s test checks), read from its checked snapshot.
    pub fn builtin(id: &str) -> Option<LoadedTemplate> {
        let (name, source) = BUILTINS
            .iter()
            .find(|(name, _)| name.strip_suffix(".toml") == Some(id))?;
        let template = super::snapshot::builtin(id, source)
            .or_else(|| parse_template(&format!("sop-templates/{name}"), source).ok())?;
        Some(LoadedTemplate {
            template,
            origin: Origin::BuiltIn,
            source: source.to_string(),
            warnings: Vec::new(),
        })
    }

    /// Whether the user's directory holds any template file: one may override a built-in
    /// by its id. A directory that cannot be read holds none.
    pub fn has_user_templates(dir: &Path) -> bool {
        !template_files(dir).is_empty()
    }

    pub fn templates(&self) -> &[LoadedTemplate] {
        &self.templates
    }

    pub fn get(&self, id: &str) -> Option<&LoadedTemplate> {
        self.templates.iter().find(|t| t.template.id == id)
    }

    /// A template by id, or by path when `spec` names a file: `Err(None)` when there is
    /// no such template, `Err(Some(problems))` when the file has errors — also the user's
    /// file named after the id (`mine` for `templates/mine.toml`), which a broken file
    /// never joins the library under.
    pub fn resolve(&self, spec: &str) -> Result<LoadedTemplate, Option<Vec<Diagnostic>>> {
        if names_a_file(spec) {
            return check_file(Path::new(spec)).map_err(Some);
        }
        self.get(spec).cloned().ok_or_else(|| {
            let named = |d: &&Diagnostic| Path::new(&d.file).file_stem().is_some_and(|s| s == spec);
            let broken: Vec<Diagnostic> = self.problems.iter().filter(named).cloned().collect();
            (!broken.is_empty()).then_some(broken)
        })
    }
}

/// Whether `--template` names a file (else a template's id).
fn names_a_file(spec: &str) -> bool {
    spec.ends_with(".toml") || spec.contains('/')
}

/// The largest template file read: real templates are a few tens of kilobytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Reads a template file: a regular file (never a FIFO or device that could block or never
/// end) of at most [`MAX_TEMPLATE_BYTES`].
fn read_template(path: &Path) -> Result<String, Problem> {
    let unreadable = |e: std::io::Error| Problem::unreadable(&e);
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Problem::NotAFile);
    }
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(Problem::TooLarge {
            bytes: Some(meta.len()),
            max: MAX_TEMPLATE_BYTES,
        });
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    read_capped(file)
}

/// Reads a template's text, at most [`MAX_TEMPLATE_BYTES`]: a file can grow between the
/// size check and the read, and is then refused rather than cut short.
fn read_capped(r: impl std::io::Read) -> Result<String, Problem> {
    use std::io::Read;
    let mut text = String::new();
    r.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Problem::unreadable(&e))?;
    if text.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(Problem::TooLarge {
            bytes: None,
            max: MAX_TEMPLATE_BYTES,
        });
    }
    Ok(text)
}

/// Reads and checks one template file.
pub fn check_file(path: &Path) -> Result<LoadedTemplate, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let source =
        read_template(path).map_err(|problem| vec![Diagnostic::of_file(name.clone(), problem)])?;
    let (template, warnings) = parse_template_full(&name, &source)?;
    Ok(LoadedTemplate {
        template,
        origin: Origin::File(path.to_path_buf()),
        source,
        warnings,
    })
}

/// The `.toml` files of a user's templates directory, in no order (none if unreadable).
fn template_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_file_that_grew_past_the_limit_after_its_size_was_checked_is_refused() {
        let max = MAX_TEMPLATE_BYTES;
        // What the file holds by the time it is read: its size was within the limit when
        // checked, but it is a byte or more over it now.
        for extra in [1, 100] {
            let grown = std::io::repeat(b'#').take(max + extra);
            assert_eq!(
                read_capped(grown),
                Err(Problem::TooLarge { bytes: None, max })
            );
        }
        // At the limit it is read whole.
        let text = read_capped(std::io::repeat(b'#').take(max)).expect("read");
        assert_eq!(text.len() as u64, max);
    }
}
