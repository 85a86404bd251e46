//! Unit tests for date extraction: every pattern's example, the cases the issue lists, and the
//! false positives that must not be found.

use super::*;
use crate::segment::Segmenter;

fn extractor() -> DateExtractor {
    DateExtractor::new(DateOptions::default()).expect("built-in date rules compile")
}

/// Wednesday 12 March 2025.
fn dct() -> Date {
    Date::new(2025, 3, 12).unwrap()
}

fn find(
    text: &str,
    published: Option<Date>,
) -> Vec<(String, String, Option<&'static str>, &'static str)> {
    let seg = Segmenter::new().unwrap().segment(text);
    extractor()
        .extract(text, &seg, published)
        .into_iter()
        .map(|m| {
            (
                m.span.slice(text).to_string(),
                m.value,
                m.modifier.map(Mod::name),
                m.anchor.name(),
            )
        })
        .collect()
}

#[track_caller]
fn assert_dates(text: &str, expected: &[(&str, &str)]) {
    assert_dates_on(dct(), text, expected);
}

#[track_caller]
fn assert_mod(text: &str, span: &str, value: &str, m: &str) {
    let got = find(text, Some(dct()));
    assert!(
        got.iter()
            .any(|g| g.0 == span && g.1 == value && g.2 == Some(m)),
        "{text:?}: want {span:?} {value} {m}, got {got:?}"
    );
}

#[test]
fn every_pattern_example() {
    let ex = extractor();
    for p in &ex.patterns {
        let (text, want) = p.example.split_once(" => ").expect("EXAMPLE has =>");
        let sentence = format!("It was noted that {text} was said.");
        let got = find(&sentence, Some(dct()));
        assert!(
            got.iter()
                .any(|g| text.contains(g.0.as_str()) && g.1 == want),
            "pattern {}: {sentence:?} should give {want} inside {text:?}, got {got:?}",
            p.name
        );
    }
}

#[test]
fn full_dates() {
    assert_dates(
        "It opened on January 5, 2019.",
        &[("January 5, 2019", "2019-01-05")],
    );
    assert_dates(
        "It opened on Jan. 5, 2019.",
        &[("Jan. 5, 2019", "2019-01-05")],
    );
    assert_dates(
        "It opened on 5 January 2019.",
        &[("5 January 2019", "2019-01-05")],
    );
    assert_dates(
        "It opened on the 5th of January, 2019.",
        &[("the 5th of January, 2019", "2019-01-05")],
    );
    assert_dates(
        "It opened on Monday, January 5, 2019.",
        &[("Monday, January 5, 2019", "2019-01-05")],
    );
    assert_dates("It opened on 2019-01-05.", &[("2019-01-05", "2019-01-05")]);
    assert_dates("It opened on 1/5/2019.", &[("1/5/2019", "2019-01-05")]);
    assert_dates("It opened on 25/01/2019.", &[("25/01/2019", "2019-01-25")]);
    assert_dates("It opened on Jan 5th.", &[("Jan 5th", "2025-01-05")]);
}

#[test]
fn day_first_option() {
    let ex = DateExtractor::new(DateOptions { day_first: true }).unwrap();
    let text = "It opened on 05/01/2019.";
    let seg = Segmenter::new().unwrap().segment(text);
    let m = ex.extract(text, &seg, None);
    assert_eq!(m[0].value, "2019-01-05");
    let ex = extractor();
    let m = ex.extract(text, &seg, None);
    assert_eq!(m[0].value, "2019-05-01");
}

#[test]
fn months_years_decades_centuries() {
    assert_dates("Sales fell in March 2020.", &[("March 2020", "2020-03")]);
    assert_dates("Sales fell in Mar. 2020.", &[("Mar. 2020", "2020-03")]);
    assert_dates("It will reopen on March 20.", &[("March 20", "2025-03-20")]);
    assert_dates(
        "It opened in 2017 and grew since 1987.",
        &[("2017", "2017"), ("1987", "1987")],
    );
    assert_dates("2019's results were better.", &[("2019", "2019")]);
    assert_dates("It was popular in the 1990s.", &[("the 1990s", "199")]);
    assert_dates("It was popular in the '90s.", &[("the '90s", "199")]);
    assert_dates(
        "It was built in the 19th century.",
        &[("the 19th century", "18")],
    );
    assert_dates(
        "He said it happened on the 5th.",
        &[("the 5th", "2025-03-05")],
    );
}

#[test]
fn parts_and_seasons() {
    assert_mod("They married in early 2022.", "early 2022", "2022", "START");
    assert_mod("They met in mid-2021.", "mid-2021", "2021", "MID");
    assert_mod("They split in late 2022.", "late 2022", "2022", "END");
    assert_mod(
        "It closes at the end of June.",
        "the end of June",
        "2025-06",
        "END",
    );
    assert_dates("They toured in summer 2021.", &[("summer 2021", "2021-SU")]);
    assert_dates(
        "Profits rose in the first quarter of 2020.",
        &[("the first quarter of 2020", "2020-Q1")],
    );
    assert_dates(
        "Profits will rise in the second half of the year.",
        &[("the second half of the year", "2025-H2")],
    );
}

#[test]
fn relative_to_publication() {
    assert_dates(
        "Today it rained, yesterday it snowed and tomorrow it will be sunny.",
        &[
            ("Today", "2025-03-12"),
            ("yesterday", "2025-03-11"),
            ("tomorrow", "2025-03-13"),
        ],
    );
    assert_dates("It will open tonight.", &[("tonight", "2025-03-12TNI")]);
    // A unit's possessive is the unit of publication: "the week's busiest session".
    assert_dates(
        "It was the week's busiest session and the day's trading was thin.",
        &[("the week", "2025-W11"), ("the day", "2025-03-12")],
    );
    assert_dates(
        "It rose this week, fell last week.",
        &[("this week", "2025-W11"), ("last week", "2025-W10")],
    );
    assert_dates("It will open next month.", &[("next month", "2025-04")]);
    assert_dates("It opened last year.", &[("last year", "2024")]);
    assert_dates("It opened two years ago.", &[("two years ago", "2023")]);
    assert_dates(
        "It will open in three weeks.",
        &[("three weeks", "2025-W14")],
    );
    assert_dates("He recently left.", &[("recently", "PAST_REF")]);
    assert_dates("He is now the chief.", &[("now", "PRESENT_REF")]);
    assert_dates("He currently leads it.", &[("currently", "PRESENT_REF")]);
    assert_dates("He formerly led it.", &[("formerly", "PAST_REF")]);
}

#[test]
fn weekdays_follow_tense() {
    // Published Wednesday 12 March 2025.
    assert_dates("The council voted on Monday.", &[("Monday", "2025-03-10")]);
    assert_dates(
        "The council will vote on Monday.",
        &[("Monday", "2025-03-17")],
    );
    assert_dates("They met last Friday.", &[("last Friday", "2025-03-07")]);
    assert_dates(
        "They met on Thursday night.",
        &[("Thursday night", "2025-03-06TNI")],
    );
    assert_dates(
        "They met on Tuesday morning.",
        &[("Tuesday morning", "2025-03-11TMO")],
    );
    // "until", "expects", "likely" look ahead.
    assert_dates(
        "The agency extended its deadline until Friday.",
        &[("Friday", "2025-03-14")],
    );
    assert_dates(
        "The union expects an answer on Monday.",
        &[("Monday", "2025-03-17")],
    );
    // "planned", "as soon as" look ahead too.
    assert_dates(
        "The crew planned to sail for Bergen on Friday.",
        &[("Friday", "2025-03-14")],
    );
    assert_dates(
        "The ferry could return as soon as Thursday.",
        &[("Thursday", "2025-03-13")],
    );
    // A weekday's event has happened, whatever the verb: "Monday's vote" is the Monday before.
    assert_dates(
        "The party would look for ways around Monday's vote.",
        &[("Monday", "2025-03-10")],
    );
    assert_dates(
        "Traders will watch Wednesday's close.",
        &[("Wednesday", "2025-03-12")],
    );
}

#[test]
fn relative_to_an_earlier_date() {
    let got = find(
        "The fire started on May 4, 2024. The following day it spread. Two days later it was out.",
        Some(dct()),
    );
    assert_eq!(got[1].0, "The following day");
    assert_eq!((got[1].1.as_str(), got[1].3), ("2024-05-05", "previous"));
    assert_eq!((got[2].1.as_str(), got[2].3), ("2024-05-07", "previous"));
    // "the previous Friday" is the one before the day being told; "last Friday" the one
    // before publication (Wednesday 12 March 2025).
    assert_dates(
        "On Tuesday the index fell, after a rise from the previous Friday. Last Friday was calm.",
        &[
            ("Tuesday", "2025-03-11"),
            ("previous Friday", "2025-03-07"),
            ("Last Friday", "2025-03-07"),
        ],
    );
    assert_dates(
        "On March 4 it fell from the previous Friday.",
        &[("March 4", "2025-03-04"), ("previous Friday", "2025-02-28")],
    );
    // "later in the day", "earlier in the year": the day or year the text is telling, else
    // the day or year of publication.
    assert_dates(
        "Talks began on Monday. Later in the day they broke up.",
        &[("Monday", "2025-03-10"), ("Later in the day", "2025-03-10")],
    );
    assert_dates(
        "Planting was delayed earlier in the year, and he arrived later in the day.",
        &[
            ("earlier in the year", "2025"),
            ("later in the day", "2025-03-12"),
        ],
    );
}

#[test]
fn times() {
    assert_dates(
        "It started at 3 p.m. in the hall.",
        &[("3 p.m.", "2025-03-12T15:00")],
    );
    assert_dates(
        "It started at 15:30 GMT.",
        &[("15:30 GMT", "2025-03-12T15:30")],
    );
    assert_dates(
        "It started at noon and ended at midnight.",
        &[
            ("noon", "2025-03-12T12:00"),
            ("midnight", "2025-03-12T24:00"),
        ],
    );
    assert_dates(
        "It started at 3 p.m. on Tuesday.",
        &[("3 p.m. on Tuesday", "2025-03-11T15:00")],
    );
}

#[test]
fn durations() {
    assert_dates("She stayed for three years.", &[("three years", "P3Y")]);
    // One length in two units.
    assert_dates(
        "He was jailed for five years and six months.",
        &[("five years and six months", "P5Y6M")],
    );
    assert_dates(
        "The talks lasted two hours and 15 minutes.",
        &[("two hours and 15 minutes", "PT2H15M")],
    );
    // "one day" after a modal is some day to come, not a day long.
    assert_dates(
        "The mill will one day reopen; the strike lasted one day.",
        &[("one day", "FUTURE_REF"), ("one day", "P1D")],
    );
    assert_dates("She hopes to one day run.", &[("one day", "FUTURE_REF")]);
    assert_mod(
        "She stayed for over three years.",
        "over three years",
        "P3Y",
        "MORE_THAN",
    );
    assert_mod(
        "She stayed for almost four decades.",
        "almost four decades",
        "P4DE",
        "LESS_THAN",
    );
    assert_dates("It lasted 48 hours.", &[("48 hours", "PT48H")]);
    assert_dates("It lasted a decade.", &[("a decade", "P1DE")]);
    assert_dates("It was a two-week trip.", &[("two-week", "P2W")]);
    assert_dates(
        "It lasted twenty-four hours.",
        &[("twenty-four hours", "PT24H")],
    );
}

#[test]
fn sets() {
    assert_dates("It meets every year.", &[("every year", "P1Y")]);
    assert_dates("It meets annually.", &[("annually", "P1Y")]);
    assert_dates("It meets each Monday.", &[("each Monday", "XXXX-WXX-1")]);
    assert_dates("It meets weekly.", &[("weekly", "P1W")]);
    assert_dates("It meets twice a month.", &[("twice a month", "P1M")]);
    // A newspaper between its description and its title recurs, but is no recurrence.
    assert_dates("The Communist Party daily Granma ran it.", &[]);
    assert_dates("The German weekly Der Spiegel ran it.", &[]);
    assert_dates("The agency gives a daily tally.", &[("daily", "P1D")]);
}

#[test]
fn no_false_positives() {
    for text in [
        "Theresa May spoke to reporters.",
        "It may rain, they said.",
        "Protesters march on the capital.",
        "The Sun reported the story.",
        "A crowd of 2,017 people came.",
        "She won the 1500 metres.",
        "It cost £2020 in total.",
        "Call 555 0123 4567 for details.",
        "Arsenal won 3-1 against Spurs.",
        "Version 2.0 was released.",
        "The 49ers won.",
        "She came second in the race.",
        "There was a fall in prices.",
        // Ages are not durations (TimeML leaves them out).
        "A six-month-old baby and a 44-year-old man.",
        "He was 37 years old.",
        "Jan Kavan spoke for the Czech Republic.",
        "He appeared on 60 Minutes.",
        "Unemployment is the highest since the second world war.",
        "She retrained as a nurse in her 40s.",
        // A market's level is no year.
        "The index closed at 2082 and stood at 1950.",
    ] {
        let got = find(text, Some(dct()));
        assert!(got.is_empty(), "{text:?} gave {got:?}");
    }
}

#[test]
fn unresolved_without_publication_date() {
    let got = find("It will reopen on March 20. It closed yesterday.", None);
    assert_eq!(got[0].1, "XXXX-03-20");
    assert_eq!(got[0].3, "unresolved");
    assert_eq!(got[1].3, "unresolved");
    let got = find("It opened on January 5, 2019.", None);
    assert_eq!(got[0].3, "absolute");
}

#[test]
fn usable_on_plain_text() {
    let d = extractor().extract_text("It closed on Tuesday.", Some(dct()));
    assert_eq!(d[0].value, "2025-03-11");
}

#[test]
fn an_expression_never_starts_at_a_comma() {
    assert_dates(
        "OSLO, March 12 (NTB) -- The port reopened.",
        &[("March 12", "2025-03-12")],
    );
}

#[test]
fn rates_are_sets_and_year_ago_quarters() {
    let got = find(
        "The deal saves $500 million a year and adds 700 seats a week.",
        Some(dct()),
    );
    let got: Vec<_> = got
        .iter()
        .map(|g| (g.0.as_str(), g.1.as_str(), g.3))
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    let types: Vec<_> = extractor()
        .extract_text("The deal saves $500 million a year.", Some(dct()))
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(types, [DateType::Set]);
    // Not a rate: a duration after a preposition, or "a year ago".
    let types: Vec<_> = extractor()
        .extract_text("It took a year. It stalled for a week.", Some(dct()))
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(types, [DateType::Duration, DateType::Duration]);
    assert_dates(
        "Sales rose from the quarter a year earlier.",
        &[("the quarter a year earlier", "2023-Q4")],
    );
}

#[test]
fn a_clock_time_without_a_day_is_on_the_last_day_named() {
    // Published Wednesday 12 March 2025.
    assert_dates(
        "The plant exploded on Monday night. The blast happened at 9.40pm, police said.",
        &[
            ("Monday night", "2025-03-10TNI"),
            ("9.40pm", "2025-03-10T21:40"),
        ],
    );
    // With no day before it, the publication day; a day named long before is no anchor.
    assert_dates(
        "The blast happened at 9.40pm.",
        &[("9.40pm", "2025-03-12T21:40")],
    );
    assert_dates(
        "The plant opened on 4 May 1990. The blast happened at 9.40pm.",
        &[("4 May 1990", "1990-05-04"), ("9.40pm", "2025-03-12T21:40")],
    );
}

#[test]
fn arrangements_and_relative_named_days() {
    // Published Wednesday 12 March 2025. An arrangement looks ahead...
    assert_dates(
        "Trading is to resume in Oslo on Friday.",
        &[("Friday", "2025-03-14")],
    );
    assert_dates(
        "The talks are set to resume Monday in Bergen.",
        &[("Monday", "2025-03-17")],
    );
    assert_dates(
        "The ferry could sail as early as Tuesday.",
        &[("Tuesday", "2025-03-18")],
    );
    assert_dates(
        "The minister is expected to announce her decision on Monday evening.",
        &[("Monday evening", "2025-03-17TEV")],
    );
    assert_dates(
        "The two clubs are due to meet in the final on Saturday.",
        &[("Saturday", "2025-03-15")],
    );
    assert_dates(
        "The contractor is to blame for Monday's outage.",
        &[("Monday", "2025-03-10")],
    );
    // ... unless it lay ahead in the past.
    assert_dates(
        "The offer had been due to expire Monday.",
        &[("Monday", "2025-03-10")],
    );
    assert_dates(
        "The crew had planned to sail on Friday.",
        &[("Friday", "2025-03-07")],
    );
    // "last" and "next" before a month and day, and before a year's quarter.
    assert_dates(
        "The depot burned last Oct. 23 and reopened.",
        &[("last Oct. 23", "2024-10-23")],
    );
    assert_dates(
        "The yard opens next March 3.",
        &[("next March 3", "2026-03-03")],
    );
    assert_dates(
        "It takes effect in next year's first quarter.",
        &[("next year's first quarter", "2026-Q1")],
    );
    assert_dates(
        "Sales fell in last year's third quarter.",
        &[("last year's third quarter", "2024-Q3")],
    );
}

#[test]
fn counts_multiplied_by_hundred_or_thousand() {
    assert_mod(
        "The craft has been kept for more than two thousand years.",
        "more than two thousand years",
        "P2000Y",
        "MORE_THAN",
    );
    assert_dates(
        "It lasted three hundred days.",
        &[("three hundred days", "P300D")],
    );
    // A spoken year is still a year.
    assert_dates(
        "It opened in two thousand and one.",
        &[("two thousand and one", "2001")],
    );
}

#[test]
fn clocks_take_the_day_of_an_aside_and_weeks_of_a_day() {
    // Published Wednesday 12 March 2025.
    let got = find(
        "The blast came at 10:35 a.m. (0735 GMT) Tuesday, and a second at 9 a.m. (local time) on Monday.",
        Some(dct()),
    );
    let got: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
    assert_eq!(
        got,
        [
            ("10:35 a.m.", "2025-03-11T10:35"),
            ("Tuesday", "2025-03-11"),
            ("9 a.m.", "2025-03-10T09:00"),
            ("Monday", "2025-03-10"),
        ]
    );
    let got = find(
        "He will leave at 4 in the morning (4 a.m. GMT Friday), aides said.",
        Some(dct()),
    );
    assert_eq!(got[0].0, "4 in the morning");
    assert_eq!(got[0].1, "2025-03-14T04:00");
    assert_dates(
        "A hearing may come the week of March 17, lawyers said.",
        &[("the week of March 17", "2025-W12")],
    );
}

#[test]
fn that_day_after_a_month_keeps_its_day_unknown() {
    assert_dates(
        "The site opened in October 2024. It was closed that same day.",
        &[("October 2024", "2024-10"), ("that same day", "2024-10-XX")],
    );
    assert_dates(
        "The site opened on Oct. 3, 2024. It was closed that same day.",
        &[
            ("Oct. 3, 2024", "2024-10-03"),
            ("that same day", "2024-10-03"),
        ],
    );
}

/// Publication date of the tests below that need one in the autumn: Wednesday 15 October 2025.
fn october() -> Date {
    Date::new(2025, 10, 15).unwrap()
}

#[track_caller]
fn assert_dates_on(published: Date, text: &str, expected: &[(&str, &str)]) {
    let got: Vec<(String, String)> = find(text, Some(published))
        .into_iter()
        .map(|g| (g.0, g.1))
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "in {text:?}");
}

#[test]
fn ranges_give_both_ends() {
    assert_dates(
        "The league ran in 2011-2012 and again in 1962-63.",
        &[
            ("2011", "2011"),
            ("2012", "2012"),
            ("1962", "1962"),
            ("63", "1963"),
        ],
    );
    // A century boundary: 1998-03 → 2003.
    assert_dates(
        "The survey ran 1998-03.",
        &[("1998", "1998"), ("03", "2003")],
    );
    assert_dates(
        "The survey ran from 1998 to 2001.",
        &[("1998", "1998"), ("2001", "2001")],
    );
    assert_dates(
        "Recovery took between 6 and 9 months, or three to five years.",
        &[
            ("6", "P6M"),
            ("9 months", "P9M"),
            ("three", "P3Y"),
            ("five years", "P5Y"),
        ],
    );
    assert_dates(
        "It lasted two or three weeks.",
        &[("two", "P2W"), ("three weeks", "P3W")],
    );
    assert_dates(
        "The fair ran March 3-5 and 8-10 May.",
        &[
            ("March 3", "2025-03-03"),
            ("5", "2025-03-05"),
            ("8", "2025-05-08"),
            ("10 May", "2025-05-10"),
        ],
    );
    // Not ranges: a score, a telephone number, falling numbers, a clock after the day.
    for text in [
        "The Hawks won 3-1 on the road.",
        "Call 555-1234 for details.",
        "It took 9 to 6 votes.",
        "They scored 12 or 3 goals.",
    ] {
        assert_dates(text, &[]);
    }
    assert_dates(
        "It met on March 3 to 5 p.m. sharp.",
        &[("March 3", "2025-03-03"), ("5 p.m.", "2025-03-12T17:00")],
    );
}

#[test]
fn clock_durations_are_lengths_of_time() {
    assert_dates(
        "She won the race, finishing in 2:14:09.",
        &[("2:14:09", "PT2H14M9S")],
    );
    assert_dates("He ran a 2:05 marathon.", &[("2:05", "PT2H5M")]);
    assert_dates("She won in 0:58:30.", &[("0:58:30", "PT58M30S")]);
    // A clock time stays a time.
    assert_dates(
        "The train left at 10:30 GMT.",
        &[("10:30 GMT", "2025-03-12T10:30")],
    );
    assert_dates(
        "It opens at 2:05 p.m. sharp.",
        &[("2:05 p.m.", "2025-03-12T14:05")],
    );
}

#[test]
fn durations_are_never_points_in_time() {
    assert_dates(
        "The firm will be profitable in five years.",
        &[("five years", "2030")],
    );
    assert_dates(
        "It was the worst storm we have seen in 30 years.",
        &[("30 years", "P30Y")],
    );
    assert_dates(
        "The company has grown in 30 years.",
        &[("30 years", "P30Y")],
    );
    assert_dates(
        "Two decades later, the town recovered.",
        &[("Two decades later", "P2DE")],
    );
    assert_dates(
        "The coming decade will be hard.",
        &[("The coming decade", "P1DE")],
    );
    assert_dates("Officials gave them 60 days.", &[("60 days", "P60D")]);
    // "a decade ago" is the year ten years back.
    assert_dates("A decade ago it was poor.", &[("A decade ago", "2015")]);
    assert_dates(
        "Net fell from a year-earlier loss.",
        &[("year-earlier", "2024")],
    );
}

#[test]
fn months_and_weekdays_cross_the_year_by_tense() {
    // An adjective in -ed after an adverb is no past tense; a relative clause closed before
    // the date does not set its tense.
    assert_dates_on(
        october(),
        "The split would be paid on a still unspecified date in January.",
        &[("January", "2026-01")],
    );
    assert_dates_on(
        october(),
        "The sale, which had been expected, is part of a plan to repay the loan by February.",
        &[("February", "2026-02")],
    );
    assert_dates_on(
        october(),
        "The mill, which is still open, was sold in February.",
        &[("February", "2025-02")],
    );
    assert_dates_on(
        october(),
        "The exhibition closes at the end of January.",
        &[("the end of January", "2026-01")],
    );
    assert_dates_on(
        october(),
        "The exhibition closed in January.",
        &[("January", "2025-01")],
    );
    // Past tense before "until": the Thursday before publication.
    assert_dates_on(
        october(),
        "The road was kept shut until Thursday evening.",
        &[("Thursday evening", "2025-10-09TEV")],
    );
    assert_dates_on(
        october(),
        "Shops will stay shut until Thursday.",
        &[("Thursday", "2025-10-16")],
    );
    assert_dates_on(
        october(),
        "Until Thursday, they had not named him.",
        &[("Thursday", "2025-10-09")],
    );
    // A time limit set in the past lies ahead.
    assert_dates_on(
        october(),
        "The hearing was postponed until Thursday.",
        &[("Thursday", "2025-10-16")],
    );
    assert_dates_on(
        october(),
        "The court has given them until Friday to reply.",
        &[("Friday", "2025-10-17")],
    );
    // A past participle after "be" is no past tense; the modal before it tells.
    assert_dates_on(
        october(),
        "The dividend would be paid in January.",
        &[("January", "2026-01")],
    );
    assert_dates_on(
        october(),
        "The dividend was paid in January.",
        &[("January", "2025-01")],
    );
}

#[test]
fn sets_and_seasons() {
    assert_dates(
        "Farmers plant every spring.",
        &[("every spring", "XXXX-SP")],
    );
    assert_dates(
        "They rest each evening.",
        &[("each evening", "XXXX-XX-XXTEV")],
    );
    assert_dates_on(
        october(),
        "This harvest season was poor.",
        &[("This harvest season", "2025-FA")],
    );
    assert_mod(
        "The work will be done by the close of the year.",
        "the close of the year",
        "2025",
        "END",
    );
    assert_dates("He gives a weekly radio address.", &[("weekly", "P1W")]);
    assert_dates("It is part of his daily life.", &[("daily", "P1D")]);
    // Measures in earnings reports are not times.
    assert_dates("It raised its quarterly dividend.", &[]);
    assert_dates("Average daily volume fell.", &[]);
}

#[test]
fn ages_are_not_dates() {
    for text in [
        "The 54-year-old driver was hurt.",
        "The driver, aged 54, was hurt.",
        "She is 37 years old.",
        "A man in his 40s was held.",
        "A six-month-old baby was found.",
        "It polled 18 to 24 year olds.",
        "It polled 16 to 20-year-olds and 14-16 year olds.",
    ] {
        assert_dates(text, &[]);
    }
}

#[test]
fn vague_spans_compounds_and_titles() {
    assert_dates(
        "The rifle was buried in the weeks before the shooting.",
        &[("the weeks", "PXW")],
    );
    assert_dates(
        "Over the years many patients died.",
        &[("the years", "PXY")],
    );
    assert_dates(
        "The firm, which just months ago was failing, recovered.",
        &[("months ago", "PAST_REF")],
    );
    // A compound adjective: the expression is the whole compound or nothing.
    assert_dates(
        "Profit beat the year-earlier results.",
        &[("year-earlier", "2024")],
    );
    assert_dates("The quarter-to-quarter comparison improved.", &[]);
    // A capitalised title inside a sentence is no date.
    assert_dates("This is VOA Today.", &[]);
    assert_dates("He spoke on ABC's This Week programme.", &[]);
    assert_dates("Today the firm said so.", &[("Today", "2025-03-12")]);
    // So is a title quoted inside the sentence, every word capitalised.
    assert_dates("Speaking on the network's \"This Week,\" she agreed.", &[]);
    assert_dates(
        "She said: \"This week we will sign.\"",
        &[("This week", "2025-W11")],
    );
    // "today's" before the people or the world of the age means the present, not the day.
    assert_dates("It is a lesson for today's youth.", &[]);
    assert_dates("Life in today's world is fast.", &[]);
    assert_dates(
        "The firm will appeal today's ruling.",
        &[("today", "2025-03-12")],
    );
}

#[test]
fn years_in_names_are_no_dates() {
    assert_dates("It formed a venture called Orion 1980 with them.", &[]);
    assert_dates("Fans went to Euro 2004 in Lisbon.", &[]);
    assert_dates("The plan began in 1980 with them.", &[("1980", "1980")]);
    assert_dates("In 1980, the plan began.", &[("1980", "1980")]);
}

#[test]
fn plural_parts_of_weekdays_are_sets() {
    assert_dates(
        "Flights leave on Tuesday nights and Sunday mornings.",
        &[
            ("Tuesday nights", "XXXX-WXX-2TNI"),
            ("Sunday mornings", "XXXX-WXX-7TMO"),
        ],
    );
    assert_dates(
        "She left Tuesday night.",
        &[("Tuesday night", "2025-03-11TNI")],
    );
}

#[test]
fn the_other_years_quarter_in_earnings_reports() {
    assert_dates(
        "Net rose in the third quarter. In the 1988 quarter it fell, and sales for last \
         year's quarter were flat.",
        &[
            ("the third quarter", "2024-Q3"),
            ("the 1988 quarter", "1988-Q3"),
            ("last year's quarter", "2023-Q3"),
        ],
    );
    assert_dates(
        "Profit doubled from the same period last year.",
        &[("the same period last year", "2024")],
    );
    // "that quarter" is the quarter the report last named, not the quarter of its last day.
    assert_dates(
        "In the second quarter ended Oct. 31, it lost money. Results for that quarter \
         included a charge.",
        &[
            ("the second quarter", "2024-Q2"),
            ("Oct. 31", "2024-10-31"),
            ("that quarter", "2024-Q2"),
        ],
    );
}

#[test]
fn holidays_by_rule_and_their_weekends() {
    // Easter moves: 20 April in 2025, 5 April in 2026; its week is the ISO week holding it.
    assert_dates(
        "The shops will close at Easter.",
        &[("Easter", "2025-04-20")],
    );
    assert_dates_on(
        october(),
        "The talks will resume after Easter.",
        &[("Easter", "2026-04-05")],
    );
    assert_dates(
        "Protesters will pray as Easter week begins.",
        &[("Easter week", "2025-W16")],
    );
    // Published in October: the U.S. Election Day is the Tuesday after the first Monday of
    // November.
    assert_dates_on(
        october(),
        "It will be the theme of the campaign until Election Day.",
        &[("Election Day", "2025-11-04")],
    );
    // Names that are holidays only with "Day"; the last Monday of May.
    assert_dates_on(
        october(),
        "Shops closed on Labor Day, and the Memorial Day weekend was quiet.",
        &[
            ("Labor Day", "2025-09-01"),
            ("Memorial Day weekend", "2025-W21-WE"),
        ],
    );
    assert_dates_on(
        october(),
        "Independence fighters met at the Memorial Hall of the Labor Party.",
        &[],
    );
    // The weekend after a Thursday holiday.
    assert_dates_on(
        october(),
        "Sales will peak over the Thanksgiving weekend.",
        &[("Thanksgiving weekend", "2025-W48-WE")],
    );
}

#[test]
fn clock_times_with_a_dot_or_after_at_are_times() {
    assert_dates(
        "The train crashed at 2.35pm.",
        &[("2.35pm", "2025-03-12T14:35")],
    );
    assert_dates(
        "It landed at 16:52 local time.",
        &[("16:52 local time", "2025-03-12T16:52")],
    );
    assert_dates("The bus left at 07:45.", &[("07:45", "2025-03-12T07:45")]);
    // A score or a ratio is no time; a price with a dot is no clock.
    assert_dates("They won 3:10 in the end.", &[]);
    assert_dates("It cost £2.35.", &[]);
}

#[test]
fn a_numeric_ordinal_before_a_noun_is_no_day() {
    assert_dates("The meeting came on the 14th day of the shutdown.", &[]);
    assert_dates(
        "They met on the 5th at noon.",
        &[("the 5th at noon", "2025-03-05T12:00")],
    );
    assert_dates("We met on the 5th, in Paris.", &[("the 5th", "2025-03-05")]);
}

#[test]
fn halves_of_units_at_any_place_in_the_sentence() {
    assert_dates(
        "The ban will last a year and a half.",
        &[("a year and a half", "P1Y6M")],
    );
    assert_dates(
        "The road stays shut for a day and a half, officials said.",
        &[("a day and a half", "P1DT12H")],
    );
    assert_dates("They waited half an hour.", &[("half an hour", "PT30M")]);
    assert_dates(
        "He served three and a half years.",
        &[("three and a half years", "P3Y6M")],
    );
}
