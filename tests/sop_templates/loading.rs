//! Loading templates: the named built-ins, one by its id, a spec with a slash as a path, the size limit, and which files count. Part of `sop_templates.rs`, whose helpers it uses.

use super::*;

#[test]
fn load_for_parses_the_named_built_ins_and_the_default_only() {
    let ids = |lib: &Library| {
        lib.templates()
            .iter()
            .map(|t| t.template.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&Library::load_for(None, &[])), ["default"]);
    assert_eq!(
        ids(&Library::load_for(None, &["education", "no-such"])),
        ["default", "education"]
    );
}

#[test]
fn builtin_finds_one_template_by_its_id() {
    for id in BUILT_INS {
        let t = Library::builtin(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(t.template.id, id);
        assert_eq!(t.origin, Origin::BuiltIn);
        // The id alone says it is built in, before any parse.
        assert!(Library::is_builtin_id(id), "{id}");
    }
    assert!(Library::builtin("no-such").is_none());
    for id in ["no-such", "default.toml", "", "Default"] {
        assert!(!Library::is_builtin_id(id), "{id}");
    }
}

#[test]
fn resolve_reads_a_spec_with_a_slash_as_a_path() {
    let lib = Library::load(None);
    let problems = lib.resolve("no-such-dir/default").unwrap_err();
    let problems = problems.expect("a path's problems");
    assert_eq!(problems.len(), 1);
    assert!(
        matches!(problems[0].problem, Problem::Unreadable { .. }),
        "{problems:?}"
    );
    assert!(problems[0].to_string().contains("cannot read the file"));
    assert!(
        problems[0]
            .render(Lang::Zh)
            .ends_with("读不了这个文件：文件或文件夹不存在"),
        "{problems:?}"
    );
    assert!(lib.resolve("no-such").unwrap_err().is_none());
}

#[test]
fn a_template_file_of_exactly_the_limit_is_read_one_byte_more_is_not() {
    const MAX: usize = 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let base = read_fixture("templates/valid-minimal.toml");
    // Padded with a comment to exactly the limit: read whole, not cut short.
    let body = format!("{base}\n#");
    let pad = MAX - body.len() - 1;
    let text = format!("{body}{}\n", "x".repeat(pad));
    assert_eq!(text.len(), MAX);
    let at_limit = dir.path().join("at-limit.toml");
    std::fs::write(&at_limit, &text).unwrap();
    let t = salesbook::sop::check_file(&at_limit).unwrap();
    assert_eq!(t.source.len(), MAX);
    for extra in [1, 2] {
        let over = dir.path().join(format!("over-{extra}.toml"));
        std::fs::write(&over, format!("{text}{}", "#".repeat(extra))).unwrap();
        let d = salesbook::sop::check_file(&over).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::En),
            format!(
                "the file is {} bytes; a template is at most {MAX} bytes",
                MAX + extra
            )
        );
    }
}

#[test]
fn only_a_toml_file_counts_as_a_user_template() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!Library::has_user_templates(&dir.path().join("missing")));
    assert!(!Library::has_user_templates(dir.path()));
    std::fs::write(dir.path().join("notes.txt"), "not a template").unwrap();
    std::fs::create_dir(dir.path().join("old.toml.d")).unwrap();
    assert!(!Library::has_user_templates(dir.path()));
    std::fs::write(dir.path().join("mine.toml"), "id = \"mine\"").unwrap();
    assert!(Library::has_user_templates(dir.path()));
}
