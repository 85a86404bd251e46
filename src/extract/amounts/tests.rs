use super::*;

fn amounts(text: &str) -> Vec<(String, String, String, bool)> {
    let x = AmountExtractor::new().unwrap();
    x.extract_text(text)
        .into_iter()
        .map(|a| {
            (
                a.span.slice(text).to_string(),
                a.value_text(),
                a.unit.clone(),
                a.approx(),
            )
        })
        .collect()
}

fn one(text: &str) -> (String, String, String, bool) {
    let mut all = amounts(text);
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all.remove(0)
}

fn t(span: &str, value: &str, unit: &str, approx: bool) -> (String, String, String, bool) {
    (span.into(), value.into(), unit.into(), approx)
}

#[test]
fn counted_nouns_with_their_unit() {
    assert_eq!(
        one("The yard will shed 240 jobs."),
        t("240 jobs", "240", "jobs", false)
    );
    assert_eq!(
        one("About 260 staff face redundancy."),
        t("About 260 staff", "260", "jobs", true)
    );
    assert_eq!(
        one("Some 240 workers were told."),
        t("Some 240 workers", "240", "jobs", true)
    );
    assert_eq!(
        one("It sent twelve firefighters."),
        t("twelve firefighters", "12", "firefighters", false)
    );
    assert_eq!(
        one("The yard built 41 ships."),
        t("41 ships", "41", "ships", false)
    );
    assert_eq!(
        one("It has twenty-one branches."),
        t("twenty-one branches", "21", "branches", false)
    );
    assert_eq!(
        one("They hired 1,200 new employees."),
        t("1,200 new employees", "1200", "jobs", false)
    );
    assert_eq!(
        one("Police said 2,017 people attended."),
        t("2,017 people", "2017", "people", false)
    );
}

#[test]
fn money_and_scales() {
    assert_eq!(
        one("It was bought for $45 million in 2015."),
        t("$45 million", "45000000", "USD", false)
    );
    assert_eq!(
        one("A £2bn deal was signed."),
        t("£2bn", "2000000000", "GBP", false)
    );
    assert_eq!(
        one("The fine was €1.5 million."),
        t("€1.5 million", "1500000", "EUR", false)
    );
    assert_eq!(
        one("It raised 45 million dollars."),
        t("45 million dollars", "45000000", "USD", false)
    );
    assert_eq!(one("He paid £2020."), t("£2020", "2020", "GBP", false));
    // Hundredths of a currency.
    assert_eq!(
        one("The offer is 412 pence a share."),
        t("412 pence", "4.12", "GBP", false)
    );
    // A decimal broken by a space is no figure.
    assert!(
        AmountExtractor::new()
            .unwrap()
            .extract_text("Thieves took jewels worth $2. 6 million on Monday.")
            .iter()
            .all(|a| a.value != 2.0)
    );
    assert_eq!(
        one("Each share is valued at 412p."),
        t("412p", "4.12", "GBP", false)
    );
    assert_eq!(
        one("Shares rose 75 cents in New York."),
        t("75 cents", "0.75", "USD", false)
    );
}

#[test]
fn percentages_and_shares() {
    assert_eq!(
        one("Shares fell 4.5% in Oslo."),
        t("4.5%", "4.5", "percent", false)
    );
    assert_eq!(
        one("Turnout was 43 percent."),
        t("43 percent", "43", "percent", false)
    );
    assert_eq!(
        one("Turnout was 43 per cent."),
        t("43 per cent", "43", "percent", false)
    );
    assert_eq!(
        one("A third of the staff left."),
        t("A third", "33.3333", "percent", false)
    );
    assert_eq!(
        one("Nearly two-thirds of voters agreed."),
        t("Nearly two-thirds", "66.6667", "percent", true)
    );
    assert_eq!(
        one("Half of the town works there."),
        t("Half", "50", "percent", false)
    );
}

#[test]
fn measures_glued_to_their_digits() {
    assert_eq!(
        one("It hit the bend at 70mph."),
        t("70mph", "70", "mph", false)
    );
    assert_eq!(one("a queue 12km long"), t("12km", "12", "km", false));
    assert_eq!(one("gusts of 120km/h"), t("120km/h", "120", "km/h", false));
    // "5m" is money or millions, never metres, and a glued word that is no unit is nothing.
    assert!(amounts("the 5kg bag").is_empty());
}

#[test]
fn bounds_are_approximate() {
    let x = AmountExtractor::new().unwrap();
    let a = x.extract_text("More than 40 homes were damaged.");
    assert_eq!(a[0].bound, Bound::Min);
    let a = x.extract_text("The college could retrain up to 150 workers.");
    assert_eq!(a[0].bound, Bound::Max);
    assert_eq!(
        a[0].span
            .slice("The college could retrain up to 150 workers."),
        "up to 150 workers"
    );
}

#[test]
fn numbers_that_are_not_amounts() {
    for text in [
        "The score was 3-1 at half time.",
        "Version 2.0 ships today.",
        "The Boeing 747 jets were grounded.",
        "The 49ers won.",
        "He came second in 1500.",
        "One of them left.",
        "It was a third time lucky.",
        "Call 555 0100 now.",
        "No one was hurt.",
    ] {
        assert_eq!(amounts(text), vec![], "{text:?}");
    }
}

#[test]
fn numbers_inside_skipped_spans_are_left_out() {
    let text = "It ended 38 years of work with 240 jobs lost.";
    let x = AmountExtractor::new().unwrap();
    let seg = crate::segment::Segmenter::new().unwrap().segment(text);
    let skip = [Span::new(9, 17)]; // "38 years", a duration
    let a = x.extract(text, &seg, &skip);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].span.slice(text), "240 jobs");
}

#[test]
fn values_are_formatted_for_tables() {
    assert_eq!(format_value(240.0), "240");
    assert_eq!(format_value(4.5), "4.5");
    assert_eq!(format_value(100.0 / 3.0), "33.3333");
    assert_eq!(format_value(45e6), "45000000");
}

#[test]
fn feet_and_crew_are_units() {
    let got = amounts("It climbed to 1,200 feet with 11 crew aboard.");
    assert!(
        got.iter().any(|a| a.0 == "1,200 feet" && a.2 == "ft"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|a| a.0 == "11 crew" && a.2 == "crew"),
        "{got:?}"
    );
}

#[test]
fn number_words_go_on_below_their_scale() {
    assert_eq!(
        one("The ferry carried one hundred and forty-two passengers."),
        t(
            "one hundred and forty-two passengers",
            "142",
            "passengers",
            false
        )
    );
    assert_eq!(
        one("A hundred and twelve homes were flooded."),
        t("A hundred and twelve homes", "112", "homes", false)
    );
    assert_eq!(
        one("Three thousand four hundred fans stayed away."),
        t(
            "Three thousand four hundred fans",
            "3400",
            "spectators",
            false
        )
    );
    // Each part must be smaller than the scale before it: two figures, not one.
    assert_eq!(amounts("a hundred and a hundred more boats").len(), 1);
}
