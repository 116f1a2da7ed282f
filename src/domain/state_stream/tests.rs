use super::fold_detail;
use crate::domain::Stage;
use crate::domain::fixtures::state;
use crate::domain::state::{
    ContactChange, ContactState, EventDetail, FoldConflict, Folded, GenesisContact, StageRow,
};
use proptest::prelude::*;

/// The plain way: decode the whole detail, then apply it as a list.
fn reference(text: &str, fold: &mut Folded) -> Option<Vec<FoldConflict>> {
    let detail: EventDetail = serde_json::from_str(text).ok()?;
    if let Some(g) = detail.genesis {
        let start: Vec<_> = g.into_iter().map(|g| (g.id, g.state, g.stages)).collect();
        fold.start_from(&start);
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for ch in detail.contacts {
        if let Err(c) = fold.apply(ch) {
            out.push(*c);
        }
    }
    Some(out)
}

const NAMES: [&str; 3] = ["张三", "李四", "欧阳"];
const STAGES: [Stage; 3] = [Stage::Discover, Stage::Pitch, Stage::Close];

fn a_state() -> impl Strategy<Value = Option<ContactState>> {
    prop::option::of((0..3usize, 0..3usize).prop_map(|(n, s)| state(NAMES[n], STAGES[s])))
}

fn a_change() -> impl Strategy<Value = ContactChange> {
    (1..4i64, a_state(), a_state(), 0..3usize, 0..2usize).prop_map(
        |(id, before, after, added, removed)| {
            let row = |at: i64| StageRow {
                at,
                from: None,
                to: STAGES[at as usize % 3],
            };
            ContactChange {
                id,
                before,
                after,
                stages_added: (0..added as i64).map(row).collect(),
                stages_removed: (0..removed as i64).map(row).collect(),
            }
        },
    )
}

/// An entry's detail as the log may hold it: written by the app, with a genesis, or with
/// its fields in another order.
fn a_detail() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(a_change(), 0..6),
        prop::option::of(prop::collection::vec((1..4i64, a_state()), 0..3)),
        any::<bool>(),
    )
        .prop_map(|(contacts, genesis, genesis_first)| {
            let genesis = genesis.map(|g| {
                g.into_iter()
                    .filter_map(|(id, s)| {
                        Some(GenesisContact {
                            id,
                            state: s?,
                            stages: vec![],
                        })
                    })
                    .collect::<Vec<_>>()
            });
            let contacts = serde_json::to_string(&contacts).unwrap();
            let Some(genesis) = genesis else {
                return format!(r#"{{"command":{{"x":[1,{{}}]}},"contacts":{contacts}}}"#);
            };
            let genesis = serde_json::to_string(&genesis).unwrap();
            if genesis_first {
                format!(r#"{{"genesis":{genesis},"contacts":{contacts},"effects":[]}}"#)
            } else {
                format!(r#"{{"contacts":{contacts},"genesis":{genesis}}}"#)
            }
        })
}

proptest! {
    /// Several entries folded one after another: the same fold and the same conflicts as
    /// decoding each entry whole, including a genesis before or after the changes.
    #[test]
    fn streaming_folds_as_decoding_whole_does(entries in prop::collection::vec(a_detail(), 1..5)) {
        let (mut streamed, mut whole) = (Folded::default(), Folded::default());
        for text in &entries {
            let got = fold_detail(text, &mut streamed).ok();
            let want = reference(text, &mut whole);
            prop_assert_eq!(got, want, "{}", text);
            prop_assert_eq!(&streamed, &whole);
        }
    }
}

#[test]
fn what_the_decoder_refuses_cannot_be_read_streaming_either() {
    let ok = r#"{"contacts":[]}"#;
    let refused = [
        "",
        "not json",
        "[1,null]",
        "7",
        r#"{"contacts":null}"#,
        r#"{"contacts":[{"before":null,"after":null}]}"#,
        r#"{"contacts":[],"contacts":[]}"#,
        r#"{"command":1,"command":2}"#,
        r#"{"genesis":null,"genesis":null}"#,
        r#"{"effects":[{"type":"nothing"}]}"#,
        r#"{"contacts":[]} trailing"#,
        r#"{"contacts":[]"#,
    ];
    assert!(fold_detail(ok, &mut Folded::<ContactState>::default()).is_ok());
    for text in refused {
        assert!(
            serde_json::from_str::<EventDetail>(text).is_err(),
            "the decoder takes {text}"
        );
        assert!(
            fold_detail(text, &mut Folded::<ContactState>::default()).is_err(),
            "streaming takes {text}"
        );
    }
    // What was expected, named.
    let said = |text: &str| {
        fold_detail(text, &mut Folded::<ContactState>::default())
            .unwrap_err()
            .to_string()
    };
    assert!(said("7").contains("a log entry's detail"), "{}", said("7"));
    let not_a_list = r#"{"contacts":{}}"#;
    assert!(
        said(not_a_list).contains("a list of contact changes"),
        "{}",
        said(not_a_list)
    );
    // Fields by position are taken, as the decoder takes them.
    let a = state("张三", Stage::Discover);
    for text in [
        "[]".to_string(),
        serde_json::json!([{}, [{"id": 2, "before": null, "after": a}]]).to_string(),
        serde_json::json!([null, [], [], [{"id": 3, "state": a}]]).to_string(),
    ] {
        let (mut streamed, mut whole) = (Folded::default(), Folded::default());
        assert_eq!(
            fold_detail(&text, &mut streamed).ok(),
            reference(&text, &mut whole),
            "{text}"
        );
        assert_eq!(streamed, whole, "{text}");
    }
    // Unknown fields and any command are read past, as the decoder does.
    let lenient = r#"{"command":{"a":[1,2]},"later":{"x":null},"contacts":[]}"#;
    assert!(serde_json::from_str::<EventDetail>(lenient).is_ok());
    assert_eq!(
        fold_detail(lenient, &mut Folded::<ContactState>::default()).unwrap(),
        vec![]
    );
}

#[test]
fn a_change_is_applied_and_a_contradiction_reported() {
    let mut fold = Folded::default();
    let a = state("张三", Stage::Discover);
    let b = state("张三", Stage::Pitch);
    let add = serde_json::json!({"contacts": [{"id": 7, "before": null, "after": a}]});
    assert_eq!(fold_detail(&add.to_string(), &mut fold).unwrap(), vec![]);
    assert_eq!(fold.contacts[&7], a);
    // Claims the contact was at pitch; the log says discover.
    let bad = serde_json::json!({"contacts": [{"id": 7, "before": b, "after": b}]});
    let conflicts = fold_detail(&bad.to_string(), &mut fold).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].contact, 7);
    assert_eq!(conflicts[0].expected, Some(a));
    assert_eq!(fold.contacts[&7], b);
}
