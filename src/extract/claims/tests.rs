use crate::input::{Article, parse_published};
use crate::pipeline::Pipeline;

use super::*;

/// (subject, event, value) for each claim of `text`, published on 2025-03-14 (a Friday).
fn claims(text: &str) -> Vec<(String, String, String)> {
    let p = Pipeline::new().unwrap();
    let article = Article {
        text: text.into(),
        published: parse_published("2025-03-14"),
        ..Article::default()
    };
    let a = p.analyze(&article);
    a.claims
        .iter()
        .map(|c| {
            let subject = c
                .subject
                .map_or(String::new(), |e| a.names.entities[e].name.clone());
            let value = match c.value {
                ClaimValue::Date(i) => a.dates[i].value.clone(),
                ClaimValue::Amount(i) => {
                    format!("{} {}", a.amounts[i].value_text(), a.amounts[i].unit)
                }
            };
            (subject, c.event.to_string(), value)
        })
        .collect()
}

fn c(s: &str, e: &str, v: &str) -> (String, String, String) {
    (s.into(), e.into(), v.into())
}

#[test]
fn the_nearest_trigger_in_the_clause_names_the_event() {
    assert_eq!(
        claims(
            "Halvorsen Marine announced on Tuesday that it will close its yard by the end of \
             June, putting 240 jobs at risk."
        ),
        vec![
            c("Halvorsen Marine", "ANNOUNCE", "2025-03-11"),
            c("Halvorsen Marine", "CLOSE", "2025-06"),
            c("Halvorsen Marine", "DISMISS", "240 jobs"),
        ]
    );
}

#[test]
fn a_value_without_trigger_is_a_mention() {
    assert_eq!(
        claims("Acme Corp employs about 310 people in Leeds."),
        vec![c("Acme Corp", "MENTION", "310 people")]
    );
}

#[test]
fn pronouns_and_descriptions_take_the_entity_they_refer_to() {
    let got = claims(
        "Acme Corp makes boats in Leeds. The company was founded in 1987. It opened a second \
         yard on 5 October 2018.",
    );
    assert_eq!(
        got,
        vec![
            c("Acme Corp", "FOUND", "1987"),
            c("Acme Corp", "OPEN", "2018-10-05"),
        ]
    );
    let got = claims("Maria Lopez runs the museum. She was appointed in 2019.");
    assert_eq!(got, vec![c("Maria Lopez", "HIRE", "2019")]);
}

#[test]
fn relative_dates_are_claimed_by_their_resolved_value() {
    assert_eq!(
        claims("A fire broke out at the Kessler Museum on Thursday."),
        vec![c("Kessler Museum", "FIRE_BREAKOUT", "2025-03-13")]
    );
}

#[test]
fn unknown_or_vague_dates_make_no_claim() {
    assert_eq!(claims("Acme Corp said it would close soon."), vec![]);
    assert_eq!(claims("Acme Corp closes every Monday."), vec![]);
}

#[test]
fn the_trigger_table_is_data() {
    let x = ClaimExtractor::new().unwrap();
    assert_eq!(x.event_of("closure"), Some("CLOSE"));
    assert_eq!(x.event_of("broke out"), Some("FIRE_BREAKOUT"));
    assert_eq!(x.event_of("laid off"), Some("DISMISS"));
    assert_eq!(x.event_of("giraffe"), None);
}

#[test]
fn person_events_need_a_person() {
    // A metaphor about a place is no birth; a person's birth is one.
    assert_eq!(
        claims("Their partnership was born on the stages of Harrogate in 2019."),
        [c("Harrogate", "MENTION", "2019")]
    );
    assert_eq!(
        claims("Lena Marsh was born in Leeds in 1971."),
        [c("Lena Marsh", "BIRTH", "1971")]
    );
}

#[test]
fn a_value_in_an_opening_phrase_takes_the_next_clause_trigger() {
    let got =
        claims("Yet, in early 2023, the singers delighted fans with the news of their engagement.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("ENGAGE", "2023"));
}
