//! Strict XML reading of the HTML report: it must parse as well-formed XML.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::HashMap;

fn attrs(e: &BytesStart) -> HashMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("attributes quoted and unique");
            (
                AsRef::<str>::as_ref(&a.key).to_string(),
                a.normalized_value(XmlVersion::Implicit1_0)
                    .expect("attribute escaped")
                    .into_owned(),
            )
        })
        .collect()
}

/// Parses `html` as XML, failing on any error (unclosed or mismatched elements, bad
/// entities, unquoted attributes); returns per chart (`data-chart`) its number of bars.
pub fn parse_strict(html: &str) -> HashMap<String, usize> {
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<String> = Vec::new();
    let mut chart: Option<String> = None;
    let mut bars: HashMap<String, usize> = HashMap::new();
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        let (e, empty) = match event {
            Event::Eof => break,
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                let name = AsRef::<str>::as_ref(&e.name()).to_string();
                assert_eq!(open.pop().as_deref(), Some(name.as_str()));
                if name == "svg" {
                    chart = None;
                }
                continue;
            }
            // Only the five XML entities and character references exist without a DTD.
            Event::GeneralRef(r) => {
                let name = AsRef::<str>::as_ref(&r).to_string();
                assert!(
                    r.is_char_ref() || ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str()),
                    "undefined entity &{name};"
                );
                continue;
            }
            _ => continue,
        };
        let name = AsRef::<str>::as_ref(&e.name()).to_string();
        let a = attrs(&e);
        if open.is_empty() {
            roots += 1;
        }
        if name == "svg" {
            chart = a.get("data-chart").cloned();
        }
        if name == "rect"
            && a.get("class")
                .is_some_and(|c| c.split(' ').any(|k| k == "bar"))
        {
            *bars
                .entry(chart.clone().expect("bar outside a chart"))
                .or_default() += 1;
        }
        if !empty {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert_eq!(roots, 1, "one root element");
    bars
}
