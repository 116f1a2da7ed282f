//! Won and lost in one period: the win rate follows each contact's last decision, so a
//! refund (won, reopened, lost) is a loss and a lost lead won back is a win. Part of
//! `report_cli.rs`.

use super::*;

fn funnel(sb: &Sb) -> Value {
    let r = sb.json(&["report", "--format", "json", "--from", "2026-11-01"]);
    r["period"]["funnel"].clone()
}

#[test]
fn the_win_rate_follows_each_contacts_last_decision() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-10T10:00:00+08:00");
    let refund = sb.add(&["退款客户"]);
    let back = sb.add(&["回头客户"]);
    let plain = sb.add(&["一般客户"]);
    sb.set_now("2026-11-11T10:00:00+08:00");
    sb.ok(&["won", &refund.to_string(), "--amount", "5000"]);
    sb.ok(&["lost", &back.to_string(), "预算不够"]);
    sb.ok(&["won", &plain.to_string(), "--amount", "100"]);
    sb.set_now("2026-11-12T10:00:00+08:00");
    sb.ok(&["reopen", &refund.to_string()]);
    sb.ok(&["reopen", &back.to_string()]);
    sb.set_now("2026-11-13T10:00:00+08:00");
    sb.ok(&["lost", &refund.to_string(), "退款了"]);
    sb.ok(&["won", &back.to_string(), "--amount", "800"]);
    sb.set_now("2026-11-20T12:00:00+08:00");
    let f = funnel(&sb);
    // Each of them was won in the period; two were lost in it too.
    assert_eq!(f["won"]["count"], 3, "{f}");
    assert_eq!(f["lost"]["count"], 2, "{f}");
    // Decided at last: the refund lost, the lead won back and the plain sale won.
    assert_eq!(f["win_rate"]["num"], 2, "{f}");
    assert_eq!(f["win_rate"]["den"], 3, "{f}");
    let md = sb.ok(&["report", "--from", "2026-11-01"]);
    assert!(md.contains("| 成交率 | 66.7% (2/3) |"), "{md}");
}

/// A D lead (无效: the rep decided to give it up) has nothing planned, so it would sit past
/// its stage's limit for ever: it is neither stuck in the report nor rotting in the list. A
/// B lead left as long is both.
#[test]
fn a_lead_graded_d_is_never_stuck() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-01T10:00:00+08:00");
    let given_up = sb.add(&["放弃的线索", "--grade", "D"]);
    let left = sb.add(&["搁着的线索", "--grade", "B"]);
    for id in [given_up, left] {
        sb.ok(&[
            "log",
            &id.to_string(),
            "--note",
            "聊了一次",
            "--channel",
            "wechat",
        ]);
    }
    // The B lead's plan is left overdue; 挖需求 rots after 5 days.
    sb.set_now("2026-11-20T12:00:00+08:00");
    let r = sb.json(&["report", "--format", "json"]);
    assert_eq!(
        r["now"]["stuck_total"]["contacts"],
        serde_json::json!([left]),
        "{}",
        r["now"]
    );
    let rotting = sb.json(&["list", "--rotting", "--format", "json"]);
    let ids: Vec<i64> = rotting
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [left]);
    // Graded again, the lead is back in play and can be stuck again.
    sb.ok(&["edit", &given_up.to_string(), "--grade", "C"]);
    sb.set_now("2026-12-20T12:00:00+08:00");
    let r = sb.json(&["report", "--format", "json"]);
    let stuck = r["now"]["stuck_total"]["contacts"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(stuck, 2, "{}", r["now"]);
}
