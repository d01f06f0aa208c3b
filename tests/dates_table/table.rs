//! Every case of the three tables through `parse` (and `parse_with_hint` without a hint,
//! which must agree).

use chrono_tz::Tz;
use feedmill::dates;

use crate::cases_absolute::ABSOLUTE;
use crate::cases_languages::LANGUAGES;
use crate::cases_partial::PARTIAL;
use crate::support::*;

#[test]
fn table() {
    let cases: Vec<&Case> = ABSOLUTE.iter().chain(PARTIAL).chain(LANGUAGES).collect();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let zone: Tz = SEOUL;
    let mut failures = Vec::new();
    for &&(text, want, prec, label) in &cases {
        let got = dates::parse(text, fetched(), zone);
        failures.extend(check(text, got, want, prec, label, zone));
        let hinted = dates::parse_with_hint(text, None, fetched(), zone).ok();
        assert_eq!(hinted, got, "{text:?}: parse and parse_with_hint differ");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
