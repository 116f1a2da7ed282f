use super::{crm_outcome, no_date};
use crate::domain::Outcome;

#[test]
fn crm_results_read_as_outcomes() {
    for (v, o) in [
        ("Closed Won", Outcome::Won),
        ("closed-lost", Outcome::Lost),
        ("CLOSED_WON", Outcome::Won),
        ("赢单", Outcome::Won),
        ("丢单", Outcome::Lost),
    ] {
        assert_eq!(crm_outcome(v), Some(o), "{v}");
    }
    for v in ["Negotiation", "Closed", "抛产品"] {
        assert_eq!(crm_outcome(v), None, "{v}");
    }
}

#[test]
fn dates_of_zeros_are_no_date() {
    for none in ["0/0/00", "00/00/0000", "0000-00-00", "0.0.0"] {
        assert!(no_date(none), "{none}");
    }
    for some in ["", "/", "2000/1/1", "0/0/01", "10/0/00", "O/O/OO"] {
        assert!(!no_date(some), "{some}");
    }
}
