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
