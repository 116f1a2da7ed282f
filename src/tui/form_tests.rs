//! The form's own tests: picking, typing over a picked option, which options show.

mod pick {
    use super::super::Field;

    #[test]
    fn a_character_picks_an_option_of_a_choice_that_takes_no_typing() {
        let options = ["A 立即跟进", "B 持续培育", "C 潜在", "D 无效"].map(String::from);
        let mut f = Field::choice("等级", options.to_vec(), false, "");
        f.pick_by('b');
        assert_eq!(f.value(), "B 持续培育");
        f.pick_by('D');
        assert_eq!(f.value(), "D 无效");
        f.pick_by('x');
        assert_eq!(f.value(), "D 无效", "nothing matches: unchanged");
        let reasons = ["预算不够", "选了竞品", "暂时不需要", "选了别家"].map(String::from);
        let mut f = Field::choice("原因", reasons.to_vec(), false, "");
        f.pick_by('选');
        assert_eq!(f.value(), "选了竞品");
        f.pick_by('选');
        assert_eq!(f.value(), "选了别家", "the next one that starts with it");
        f.pick_by('选');
        assert_eq!(f.value(), "选了竞品", "round again");
        f.pick_by('要');
        assert_eq!(f.value(), "暂时不需要", "or one that holds it");
    }
}

mod typed_choice {
    use super::super::{Field, Form, Outcome};
    use crate::tui::registry::Action;

    /// A lost-reason form: two options, and any text may be typed.
    fn reasons() -> Form {
        let options = ["联系不上", "预算不够"].map(String::from).to_vec();
        Form::new(
            "流失".into(),
            vec![Field::choice("原因", options, true, "")],
        )
    }

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            assert_eq!(form.handle(Action::Type(c)), Outcome::None);
        }
    }

    /// An option picked with ↓ and then typed over is replaced, not extended; moving the
    /// caret into it first edits it instead.
    #[test]
    fn typing_replaces_a_picked_option_and_editing_keeps_it() {
        let mut form = reasons();
        form.handle(Action::Down);
        assert_eq!(form.value(0), "联系不上");
        typed(&mut form, "唤醒多次无回音");
        assert_eq!(form.value(0), "唤醒多次无回音");
        // Typing after typing extends, as in any field.
        typed(&mut form, "了");
        assert_eq!(form.value(0), "唤醒多次无回音了");
        // Picked, then the caret moved: an edit of the option.
        let mut form = reasons();
        form.handle(Action::Down);
        assert_eq!(form.value(0), "联系不上");
        form.handle(Action::CaretEnd);
        typed(&mut form, "（换了号）");
        assert_eq!(form.value(0), "联系不上（换了号）");
        // Picked, then Backspace: the option is gone, not its last character.
        let mut form = reasons();
        form.handle(Action::Down);
        form.handle(Action::Down);
        assert_eq!(form.value(0), "预算不够");
        form.handle(Action::Backspace);
        assert_eq!(form.value(0), "");
    }

    /// Why a save failed stays shown through Esc (the rep may answer "no" to discarding),
    /// and goes once they type again.
    #[test]
    fn an_error_outlasts_esc_and_goes_with_typing() {
        let mut form = reasons();
        form.error = Some("等了 10 秒还没写完".into());
        assert_eq!(form.handle(Action::Back), Outcome::Cancel);
        assert!(form.error.is_some());
        typed(&mut form, "x");
        assert_eq!(form.error, None);
    }

    /// An option offered as the value (the first-run 称呼, the full name) is typed over
    /// like a picked one: typing 小王 gives 小王, not 王芳小王.
    #[test]
    fn typing_replaces_a_suggested_option() {
        let mut form = reasons();
        form.fields[0].suggest("联系不上");
        assert_eq!(form.value(0), "联系不上");
        typed(&mut form, "小王");
        assert_eq!(form.value(0), "小王");
    }
}

mod option_window {
    use super::super::option_window;

    #[test]
    fn the_current_option_is_always_shown() {
        let options = [
            "预算不够",
            "选了竞品",
            "暂时不需要",
            "选了别家",
            "对效果没信心",
        ];
        // Room for about two: the first ones, then moved on as the choice moves.
        assert_eq!(option_window(&options, None, 22), (0, 2));
        assert_eq!(option_window(&options, Some(1), 22), (0, 2));
        let (start, end) = option_window(&options, Some(4), 22);
        assert!(
            start <= 4 && 4 < end && end == options.len(),
            "{start} {end}"
        );
        // Everything fits: all of them, no marks needed.
        assert_eq!(option_window(&options, Some(3), 200), (0, 5));
        // Too narrow for even one: still the current one.
        let (start, end) = option_window(&options, Some(2), 3);
        assert!(start <= 2 && 2 < end, "{start} {end}");
    }
}

mod error_lines {
    use super::super::{Field, Form};

    /// A long error wraps to the box's width, three lines at most, and a control character
    /// it quotes is shown escaped, never sent to the terminal.
    #[test]
    fn wraps_and_never_carries_a_control_character() {
        let mut form = Form::new("表".into(), vec![Field::line("名", "")]);
        form.error = Some(format!(
            "标签 '坏\u{1b}]52;c;ZXZpbA==\u{7}' 不对：{}",
            "可写".repeat(40)
        ));
        let lines = form.error_lines(30);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| crate::domain::text::width(l) <= 30),
            "{lines:?}"
        );
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| !l.contains('\u{1b}') && !l.contains('\u{7}')),
            "{lines:?}"
        );
        assert!(lines[0].contains("\\u{1b}"), "escaped, visibly: {lines:?}");
    }
}
