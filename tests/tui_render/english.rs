//! The English screens in their own words and widths: the timeline's kinds whole, the log
//! form's channels and label in words, objection kinds named, hints wrapped between words.
//! Part of `tui_render.rs`.

use super::*;

/// A contact with a script sent (the longest kind in English), in an English app on its
/// card.
fn english_card(dir: &TempDir) -> App {
    let mut b = book(dir);
    let id = add(&mut b, "张三", None);
    b.execute(Command::ScriptSent {
        id,
        script_id: "welcome".into(),
        title: "欢迎语".into(),
    })
    .unwrap();
    let mut app = App::new(book(dir), Lang::En);
    app.open_card(id);
    app
}

#[test]
fn the_english_timeline_shows_each_kind_whole() {
    let dir = TempDir::new().unwrap();
    let mut app = english_card(&dir);
    let lines = run(&mut app, 120, 40, ScriptedEvents::default());
    assert!(contains(&lines, "script sent "), "{lines:#?}");
    assert!(!contains(&lines, "script s…"), "{lines:#?}");
    // Objection kinds are named in words, as the Chinese screen names them.
    assert!(contains(&lines, "Distrust · "), "{lines:#?}");
    assert!(contains(&lines, "Need unclear · "), "{lines:#?}");
    assert!(!contains(&lines, "distrust · "), "{lines:#?}");
}

#[test]
fn the_english_log_form_offers_channels_in_words_and_its_hint_whole() {
    let dir = TempDir::new().unwrap();
    let mut app = english_card(&dir);
    run(&mut app, 120, 40, ScriptedEvents::default());
    let lines = run(
        &mut app,
        120,
        40,
        keys(&[KeyCode::Char('l'), KeyCode::BackTab]),
    );
    assert!(contains(&lines, "Options "), "{lines:#?}");
    assert!(!contains(&lines, "Optio…"), "{lines:#?}");
    for word in ["WeChat", "Phone", "Meeting", "Note only", "They wrote"] {
        assert!(contains(&lines, word), "{word}: {lines:#?}");
    }
    assert!(!contains(&lines, "wechat"), "{lines:#?}");
    // The hint is wrapped between words, not cut: its last word is on screen.
    assert!(contains(&lines, "for a new "), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("│line ")), "{lines:#?}");
    assert!(!contains(&lines, "new li…"), "{lines:#?}");
    // The channel chosen in words is saved as the channel.
    let lines = run(
        &mut app,
        120,
        40,
        keys(&[KeyCode::Down, KeyCode::Tab])
            .then(text("called"))
            .then(ctrl('s')),
    );
    assert!(contains(&lines, "call "), "{lines:#?}");
    let id = app.view::<CardView>().unwrap().id;
    let last = book(&dir).view().timeline(id).unwrap().pop().unwrap();
    assert_eq!(last.channel, Some(Channel::Phone));
}
