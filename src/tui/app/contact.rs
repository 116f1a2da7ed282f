//! Contact actions: opening the card with its SOP pane, copying a script, moving a
//! contact between stages, saving a new one.

use super::{App, Screen};
use crate::domain::command::Command;
use crate::domain::{ContactId, Stage};
use crate::i18n::errors::Front;
use crate::i18n::stage_name;
use crate::service::{Applied, CardStyle, Reply};
use crate::tui::keymap::Action;
use crate::tui::views::card::CardState;
use crate::tui::views::sop_pane::SopPane;
use anyhow::Result;

impl App {
    pub(super) fn open_card(&mut self, id: ContactId) -> Result<()> {
        let card = self.load_card(id)?;
        self.screens.push(Screen::Card(Box::new(card)));
        Ok(())
    }

    pub(super) fn load_card(&self, id: ContactId) -> Result<CardState> {
        let view = self.book.view();
        let contact = view.contact(id)?;
        let timeline = view.timeline(id)?;
        let sop = Some(SopPane::new(
            view.scripts_for(view.template(), id, None)?,
            self.s.scripts,
        ));
        let style = CardStyle {
            identity: false,
            time_format: "%Y-%m-%d",
        };
        let fields = view.card_fields(&contact, self.s, self.lang, style);
        let mut card = CardState::new(contact, timeline, sop);
        card.fields = fields;
        Ok(card)
    }

    /// Copies the selected script (or objection reply) and logs it as sent.
    pub(super) fn copy_script(&mut self) -> Result<()> {
        let Some(Screen::Card(card)) = self.screens.last() else {
            return Ok(());
        };
        let Some(item) = card.sop.as_ref().and_then(|p| p.current()).cloned() else {
            return Ok(());
        };
        let (id, focus) = (card.contact.id, card.timeline_focused);
        let report = self.clipboard.copy(&item.text);
        if !report.osc52 && report.native.is_none() {
            self.status = Some((self.s.copied_nowhere.to_string(), true));
            return Ok(());
        }
        self.book.execute(Command::ScriptSent {
            id,
            script_id: item.script_id.clone(),
            title: item.title.clone(),
        })?;
        let mut fresh = self.load_card(id)?;
        fresh.timeline_focused = focus;
        if let Some(p) = fresh.sop.as_mut() {
            p.select(&item.script_id);
        }
        if let Some(Screen::Card(card)) = self.screens.last_mut() {
            **card = fresh;
        }
        let via = match (report.osc52, report.native) {
            (true, Some(tool)) => format!("OSC 52 + {tool}"),
            (true, None) => "OSC 52".to_string(),
            (false, Some(tool)) => tool.to_string(),
            (false, None) => String::new(),
        };
        self.status = Some((
            format!(
                "{}「{}」({via}) · {}",
                self.s.copied,
                crate::domain::text::truncate(&item.title, 24),
                self.s.logged_script
            ),
            false,
        ));
        Ok(())
    }

    pub(super) fn reload_board(&mut self) -> Result<()> {
        let view = self.book.view();
        let contacts = view.board_contacts()?;
        self.board.fill(&contacts, view.now());
        Ok(())
    }

    /// Moves the selected (or opened) contact one stage forward or back.
    pub(super) fn step_stage(&mut self, action: Action) -> Result<()> {
        let (id, stage) = match self.screen() {
            Screen::Card(card) => (card.contact.id, card.contact.stage),
            _ => match self.board.current() {
                Some(item) => (
                    item.id,
                    Stage::from_index(self.board.focus).unwrap_or(Stage::Discover),
                ),
                None => return Ok(()),
            },
        };
        let target = if action == Action::StageForward {
            stage.next()
        } else {
            stage.prev()
        };
        let Some(target) = target else {
            return Ok(());
        };
        let applied = self.book.execute(Command::Move { id, to: target })?;
        if let Reply::Moved { to, .. } = applied.reply {
            self.status = Some((
                format!("{} {}", self.s.moved, stage_name(self.lang, to)),
                false,
            ));
        }
        self.reload_board()?;
        self.board.select_contact(id);
        if let Screen::Card(_) = self.screen() {
            let card = self.load_card(id)?;
            if let Some(Screen::Card(current)) = self.screens.last_mut() {
                **current = card;
            }
        }
        Ok(())
    }

    pub(super) fn save_form(&mut self) -> Result<()> {
        let Some(Screen::Form(form)) = self.screens.last_mut() else {
            return Ok(());
        };
        let new = match form.to_new_contact(self.s) {
            Ok(n) => n,
            Err(e) => {
                form.error = Some(e);
                return Ok(());
            }
        };
        let added = self.book.execute(Command::Add(new));
        let contact = match added {
            Ok(Applied {
                reply: Reply::Contact(id),
                ..
            }) => self.book.view().contact(id)?,
            Ok(_) => return Ok(()),
            Err(e) => {
                let msg = crate::i18n::errors::message(&e, self.lang, Front::Tui);
                if let Some(Screen::Form(form)) = self.screens.last_mut() {
                    form.error = Some(msg);
                }
                return Ok(());
            }
        };
        self.screens = vec![Screen::Board];
        self.reload_board()?;
        self.board.select_contact(contact.id);
        self.status = Some((format!("{} {}", self.s.added, contact.name), false));
        Ok(())
    }
}
