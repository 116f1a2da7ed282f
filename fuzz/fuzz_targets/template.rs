//! Any text as an SOP template: the loader answers with a template or diagnostics that point
//! inside the text — never a panic, never a position past its end.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match salesbook::sop::parse_template("fuzz.toml", text) {
        Ok(t) => {
            // A template that loads renders every script without leaving a brace behind.
            for stage in &t.stages {
                for s in &stage.scripts {
                    let out = salesbook::domain::placeholder::render(&s.text, |_| None)
                        .expect("a loaded template's scripts parse");
                    assert!(!out.contains('{') || s.text.contains("{{"));
                }
            }
        }
        Err(diags) => {
            let lines = text.lines().count().max(1);
            for d in diags {
                assert!(d.line >= 1 && d.line <= lines + 1, "{d}");
                assert!(d.col >= 1, "{d}");
            }
        }
    }
});
