//! The first screen of an empty book: load the demo, or add a first contact.

use super::{centered, contact_form::ContactForm};
use crate::domain::command::Command;
use crate::service::demo::DemoOptions;
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Wrap};

pub struct WelcomeView;

impl View for WelcomeView {
    fn scope(&self) -> Scope {
        Scope::Welcome
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        match action {
            Action::LoadDemo => {
                let d = DemoOptions::default();
                Effect::Many(vec![
                    Effect::Status(cx.t.loading_demo.to_string()),
                    Effect::write(Command::Demo {
                        contacts: d.contacts,
                        interactions: d.interactions,
                        seed: d.seed,
                        force: false,
                    }),
                ])
            }
            Action::NewContact => ContactForm::add(cx),
            _ => Effect::None,
        }
    }

    /// The book has contacts now (the demo, a first one): Today takes over.
    fn refresh(&mut self, cx: &Cx, _follow: Option<crate::domain::ContactId>) -> Effect {
        if cx.info.empty {
            Effect::None
        } else {
            Effect::Base(Scope::Today)
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let s = cx.s;
        let area = centered(area, 60, 12);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(
                format!(" {} ", s.welcome_title),
                theme::title(),
            ));
        let option = |key: &'static str, label: &'static str| {
            Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("[{key}]"), theme::key()),
                Span::raw(format!(" {label}")),
            ])
        };
        let lines = vec![
            Line::raw(""),
            Line::raw(s.welcome_body),
            Line::raw(""),
            option("d", s.welcome_demo),
            option("a", s.welcome_add),
            option("q", s.welcome_quit),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .block(block.padding(Padding::horizontal(2)))
                .wrap(Wrap { trim: false }),
            area,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
