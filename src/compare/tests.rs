use super::view::{ClaimGroup, View, status};
use super::*;
use crate::input::parse_published;
use crate::pipeline::Pipeline;

/// Digests of invented articles: (source, publication day, text).
fn digests(articles: &[(&str, Option<&str>, &str)]) -> Vec<Digest> {
    let p = Pipeline::new().unwrap();
    let rules = TermRules::new().unwrap();
    articles
        .iter()
        .enumerate()
        .map(|(i, &(source, day, text))| {
            let article = Article {
                id: format!("{source}/{i}"),
                source: source.into(),
                text: text.into(),
                published: day.and_then(parse_published),
                ..Article::default()
            };
            Digest::new(&article, &p.analyze(&article), &rules)
        })
        .collect()
}

fn comparer(ds: Vec<Digest>) -> Comparer {
    let mut c = Comparer::new(7).unwrap();
    for d in ds {
        c.add(d);
    }
    c
}

/// The compared claim rows of the story of the first article.
fn rows(articles: &[(&str, Option<&str>, &str)]) -> Vec<ClaimGroup> {
    let c = comparer(digests(articles));
    let stories = c.stories();
    assert!(
        stories.of_article.iter().all(|&s| s == 1),
        "one story: {:?}",
        stories.of_article
    );
    View::new(&c, &stories).claim_groups(1)
}

fn row<'a>(rows: &'a [ClaimGroup], attribute: &str, event: &str) -> &'a ClaimGroup {
    rows.iter()
        .find(|r| r.attribute == attribute && r.event == event)
        .unwrap_or_else(|| {
            let all: Vec<_> = rows
                .iter()
                .map(|r| (r.attribute, r.event, r.status, &r.values))
                .collect();
            panic!("no {attribute} {event} row in {all:#?}")
        })
}

const DAY: Option<&str> = Some("2026-03-09");

#[test]
fn one_fact_in_other_words_meets_itself() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Kestrel Plastics unveiled plans on Monday to close its Dunwich plant. The firm is \
             axing 310 roles at the site, managing director Ruth Amos said.",
        ),
        (
            "beta",
            DAY,
            "Kestrel Plastics disclosed on Monday that it will shut the Dunwich plant, where \
             some 300 workers face redundancy. Ruth Amos runs Kestrel Plastics.",
        ),
        (
            "gamma",
            DAY,
            "Kestrel Plastics announced on Monday that its Dunwich plant will close: 310 posts \
             will go. Ruth Amos, the managing director, called it a sad day for Dunwich.",
        ),
    ]);
    let jobs = row(&got, "jobs", "cut");
    assert_eq!(jobs.status, "agree", "{:?}", jobs.values);
    assert_eq!(jobs.values.len(), 3);
    let announce = row(&got, "when", "ANNOUNCE");
    assert_eq!(announce.status, "agree", "{:?}", announce.values);
    assert_eq!(announce.values.len(), 3);
    assert_eq!(announce.subject, "Kestrel Plastics");
}

#[test]
fn incompatible_values_for_one_question_conflict() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Judge Mara Voss jailed Tobias Renn for nine years at Kelby Crown Court on Monday. \
             Renn, 44, had admitted the fraud.",
        ),
        (
            "beta",
            DAY,
            "Tobias Renn was sentenced to seven years in prison at Kelby Crown Court on Monday. \
             The 44-year-old had admitted the fraud, Judge Mara Voss said.",
        ),
    ]);
    let term = row(&got, "prison term", "");
    assert_eq!(term.status, "conflict");
    assert_eq!(term.subject, "Tobias Renn");
    assert!(term.detail.contains("P9Y (9 years)"), "{}", term.detail);
    assert!(term.detail.contains("P7Y (7 years)"), "{}", term.detail);
    // Each side's words are there to read.
    assert_eq!(term.evidence.len(), 2);
    assert!(
        term.evidence
            .iter()
            .any(|e| e.sentence.contains("seven years"))
    );
    let age = row(&got, "age", "");
    assert_eq!(age.status, "agree");
}

#[test]
fn a_value_about_something_else_is_no_contradiction() {
    // 240 jobs cut at one plant; 2,000 people employed across the country.
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Harlow Foods will cut 240 jobs at its Selby plant. Harlow Foods employs 2,000 \
             people across the country.",
        ),
        (
            "beta",
            DAY,
            "Harlow Foods is to axe 240 jobs at the Selby plant, the company said.",
        ),
    ]);
    assert_eq!(row(&got, "jobs", "cut").status, "agree");
    assert_eq!(row(&got, "workforce", "").status, "one");
    assert!(
        got.iter().all(|r| r.status != "conflict"),
        "{:?}",
        got.iter()
            .map(|r| (r.attribute, r.status))
            .collect::<Vec<_>>()
    );
}

#[test]
fn an_outlet_that_contradicts_itself_is_flagged() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Harlow Foods will cut 240 jobs at its Selby plant. Later the firm said 260 jobs \
             would be cut at the Selby plant.",
        ),
        (
            "beta",
            DAY,
            "Harlow Foods will cut 240 jobs at the Selby plant.",
        ),
    ]);
    let jobs = row(&got, "jobs", "cut");
    assert_eq!(jobs.status, "self-conflict", "{:?}", jobs.values);
    assert!(
        jobs.detail.contains("alpha contradicts itself"),
        "{}",
        jobs.detail
    );
}

#[test]
fn values_that_time_may_explain_differ() {
    let got = rows(&[
        (
            "alpha",
            Some("2026-06-01"),
            "Actress Lena Morrow was seen in Rome with her boyfriend, the cellist Pavel Dunn. \
             Morrow and Dunn met in 2020 in Vienna.",
        ),
        (
            "beta",
            Some("2026-06-04"),
            "Lena Morrow and Pavel Dunn are engaged, her agent said on Thursday. The couple \
             met in 2020 in Vienna.",
        ),
    ]);
    let rel = row(&got, "relationship", "");
    assert_eq!(rel.status, "differ");
    assert!(rel.detail.contains("2026-06-01") && rel.detail.contains("2026-06-04"));
    assert_eq!(rel.subject, "Lena Morrow & Pavel Dunn");
    assert_eq!(row(&got, "when", "FIRST_MET").status, "agree");
}

#[test]
fn a_death_toll_that_rises_in_a_later_article_differs() {
    let got = rows(&[
        (
            "alpha",
            Some("2026-04-14"),
            "A magnitude 6.1 earthquake struck Varna Province, killing 12 people.",
        ),
        (
            "beta",
            Some("2026-04-15"),
            "The death toll from the magnitude 6.1 earthquake in Varna Province rose to 19.",
        ),
    ]);
    assert_eq!(row(&got, "deaths", "").status, "differ");
    assert_eq!(row(&got, "magnitude", "").status, "agree");
}

#[test]
fn an_age_may_grow_by_the_birthdays_between_and_no_more() {
    let story = |day_b: &str, age_b: &str| {
        rows(&[
            (
                "alpha",
                Some("2026-04-14"),
                "Halden Foods chief executive Priya Nandakumar, 58, said the plant in Morvik \
                 would close in June.",
            ),
            (
                "beta",
                Some(day_b),
                &format!(
                    "Priya Nandakumar, {age_b}, the chief executive of Halden Foods, said the \
                     Morvik plant would close in June."
                ),
            ),
        ])
    };
    // A day apart: one year older may be a birthday, three years older is not.
    assert_eq!(row(&story("2026-04-15", "59"), "age", "").status, "differ");
    assert_eq!(
        row(&story("2026-04-15", "61"), "age", "").status,
        "conflict"
    );
    // Younger in the later article is never explained by time.
    assert_eq!(
        row(&story("2026-04-15", "57"), "age", "").status,
        "conflict"
    );
    assert_eq!(row(&story("2026-04-14", "58"), "age", "").status, "agree");
}

fn stories_of(articles: &[(&str, Option<&str>, &str)]) -> Vec<usize> {
    comparer(digests(articles)).stories().of_article
}

#[test]
fn two_events_of_one_kind_in_one_week_are_two_stories() {
    let got = stories_of(&[
        (
            "alpha",
            Some("2026-04-14"),
            "A magnitude 5.8 earthquake struck the Serval Hills on Tuesday, killing 12 people \
             near the town of Brastova. Rescue teams searched collapsed houses in Brastova.",
        ),
        (
            "beta",
            Some("2026-04-14"),
            "Twelve people died when a 5.8-magnitude quake hit the Serval Hills on Tuesday. \
             The epicentre was near Brastova, where houses collapsed.",
        ),
        (
            "alpha",
            Some("2026-04-16"),
            "A magnitude 4.9 earthquake struck off the coast of Marrow Bay on Thursday, \
             injuring two people. Fishing boats were damaged in the Marrow Bay harbour.",
        ),
        (
            "beta",
            Some("2026-04-16"),
            "A 4.9-magnitude quake rattled Marrow Bay on Thursday, leaving two people hurt \
             and damaging boats in the harbour of Marrow Bay.",
        ),
    ]);
    assert_eq!(got[0], got[1]);
    assert_eq!(got[2], got[3]);
    assert_ne!(got[0], got[2]);
}

#[test]
fn two_turns_of_one_saga_a_news_cycle_apart_are_two_stories() {
    let got = stories_of(&[
        (
            "alpha",
            Some("2026-01-19"),
            "Mayor Vera Holt offered on Monday to reopen the Calder city depots if the council              funds a new tram line. The Calder council rejected the tram offer from Vera Holt.",
        ),
        (
            "beta",
            Some("2026-01-19"),
            "Vera Holt made an offer to the Calder council on Monday: reopen the depots in              exchange for tram money. Council leaders in Calder turned the offer down.",
        ),
        (
            "alpha",
            Some("2026-01-25"),
            "Mayor Vera Holt agreed on Sunday to reopen the Calder city depots without tram              money, ending the shutdown. The Calder council welcomed the deal with Vera Holt.",
        ),
        (
            "beta",
            Some("2026-01-25"),
            "The Calder depots will reopen after Vera Holt dropped her tram demand on Sunday.              The Calder council and Vera Holt signed the deal.",
        ),
    ]);
    assert_eq!(got[0], got[1]);
    assert_eq!(got[2], got[3]);
    assert_ne!(got[0], got[2]);
}

#[test]
fn the_date_window_separates_stories() {
    let text = "Kestrel Plastics will close its Dunwich plant, Ruth Amos of Kestrel Plastics \
                said. The Dunwich plant opened in 1971.";
    let got = stories_of(&[
        ("alpha", Some("2026-03-09"), text),
        ("beta", Some("2026-03-10"), text),
        ("gamma", Some("2026-05-30"), text),
    ]);
    assert_eq!(got[0], got[1]);
    assert_ne!(got[0], got[2]);
}

#[test]
fn copies_are_one_story_numbered_by_their_first_article() {
    let a = "Kestrel Plastics will close its Dunwich plant, Ruth Amos said.";
    let b = "Mayor Ida Brenn opened the new Kelby library on Saturday, and Kelby children \
             borrowed the first books.";
    let got = stories_of(&[
        ("alpha", DAY, a),
        ("beta", DAY, b),
        ("gamma", DAY, a),
        ("delta", DAY, b),
    ]);
    assert_eq!(got, vec![1, 2, 1, 2]);
}

#[test]
fn status_names_all_some_one() {
    assert_eq!(status(3, 3), "all");
    assert_eq!(status(2, 3), "some");
    assert_eq!(status(1, 3), "one");
}

#[test]
fn undated_reports_of_a_recurring_event_are_perhaps_two_events() {
    // Two undated articles date Seacom's announcement a week apart: perhaps two
    // announcements; the same two dated on one day conflict.
    let a = "Seacom announced on 14 October 2011 that services to its business customers \
             were restored after the Seacom cable outage.";
    let b = "Seacom announced on 20 October 2011 that services to all customers were \
             restored after the Seacom cable outage.";
    let got = rows(&[("alpha", None, a), ("beta", None, b)]);
    assert_eq!(row(&got, "when", "ANNOUNCE").status, "differ");
    let day = Some("2011-10-21");
    let got = rows(&[("alpha", day, a), ("beta", day, b)]);
    assert_eq!(row(&got, "when", "ANNOUNCE").status, "conflict");
}

#[test]
fn places_at_other_levels_differ_and_never_conflict() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "A fire broke out at the Waitrose store on the High Street in Banstead on Friday.",
        ),
        (
            "beta",
            DAY,
            "A fire broke out in Banstead on Friday, destroying the Waitrose store.",
        ),
        (
            "gamma",
            DAY,
            "A fire broke out in Surrey on Friday at the Waitrose store in Banstead.",
        ),
    ]);
    assert!(
        got.iter().all(|r| r.status != "conflict"),
        "{:?}",
        got.iter()
            .map(|r| (r.attribute, r.status, &r.values))
            .collect::<Vec<_>>()
    );
}

#[test]
fn facts_meet_by_their_words_and_mentions_never_conflict() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "The Nordwing jet, carrying 186 passengers and 11 crew, landed safely. Police \
             estimated the crowd at the airport at about 800.",
        ),
        (
            "beta",
            DAY,
            "The Nordwing jet had 168 passengers and eleven crew on board. Organisers put the \
             crowd at the airport at 2,000.",
        ),
    ]);
    // Passengers and crew are two questions; 186 against 168 passengers contradict.
    let aboard: Vec<&ClaimGroup> = got.iter().filter(|r| r.attribute == "aboard").collect();
    assert!(
        aboard
            .iter()
            .any(|r| r.status == "conflict" && r.values["alpha"] == ["186 passengers"]),
        "{:?}",
        got.iter()
            .map(|r| (&r.attribute, r.status, &r.values))
            .collect::<Vec<_>>()
    );
    assert!(
        aboard
            .iter()
            .any(|r| r.status == "agree" && r.values["beta"] == ["11 crew"]),
        "{:?}",
        got.iter()
            .map(|r| (&r.attribute, r.status, &r.values))
            .collect::<Vec<_>>()
    );
    // The police's crowd and the organisers' are two estimates: aligned, with both values,
    // never a contradiction.
    let crowd = got
        .iter()
        .find(|r| {
            r.values
                .get("alpha")
                .is_some_and(|v| v.iter().any(|x| x.contains("800")))
        })
        .unwrap_or_else(|| panic!("{:?}", statuses(&got)));
    assert_ne!(crowd.status, "conflict", "{:?}", crowd.values);
    assert!(
        crowd.values["beta"].iter().any(|x| x.contains("2,000")),
        "aligned across sources: {:?}",
        crowd.values
    );
}

#[test]
fn a_quotation_is_misattributed_only_to_people_named_beside_it() {
    let quote = "We will rebuild every home that the river took from this town";
    let c = comparer(digests(&[
        ("alpha", DAY, &format!("Mayor Lena Orr said: \"{quote}.\"")),
        (
            "beta",
            DAY,
            &format!("Councillor Piet Marsh said: \"{quote}.\""),
        ),
    ]));
    let stories = c.stories();
    let q = View::new(&c, &stories).quote_groups(1);
    assert_eq!(q[0].status, "misattributed");
    // A pronoun carried from the sentence before is no one to misattribute to.
    let c = comparer(digests(&[
        (
            "alpha",
            DAY,
            &format!("Mayor Lena Orr spoke first. \"{quote},\" she said."),
        ),
        (
            "beta",
            DAY,
            &format!("Councillor Piet Marsh said: \"{quote}.\""),
        ),
    ]));
    let stories = c.stories();
    let q = View::new(&c, &stories).quote_groups(1);
    assert_ne!(q[0].status, "misattributed");
}

/// The statuses of the rows, for messages.
fn statuses(got: &[ClaimGroup]) -> Vec<String> {
    got.iter()
        .map(|r| format!("{} {} {:?}", r.attribute, r.status, r.values))
        .collect()
}

#[test]
fn a_value_no_cue_names_contradicts_when_its_sentences_say_the_same() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "A strong earthquake shook the Velder valley on Monday, damaging homes in \
             Marrowby. Its epicentre was 18 km south-west of Marrowby, seismologists said.",
        ),
        (
            "beta",
            DAY,
            "An earthquake damaged homes across the Velder valley and in Marrowby on Monday. \
             The epicentre was about 35 km south-west of Marrowby, seismologists said.",
        ),
    ]);
    assert!(
        got.iter()
            .any(|r| r.status == "conflict"
                && r.values.values().flatten().any(|v| v.contains("18 km"))),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn a_count_told_as_risen_is_no_contradiction() {
    for later in [
        "The death toll from Monday's bus crash near Olbrook rose to three, Olbrook police said.",
        // "bringing" tells an update only just before "to" and the value.
        "A second passenger has died after Monday's bus crash near Olbrook, bringing the death \
         toll to two, Olbrook police said.",
    ] {
        let got = rows(&[
            (
                "alpha",
                DAY,
                "A bus crashed near Olbrook on Monday, killing one person, Olbrook police said.",
            ),
            ("beta", DAY, later),
        ]);
        assert!(
            got.iter().all(|r| r.status != "conflict"),
            "{later}: {:?}",
            statuses(&got)
        );
    }
}

#[test]
fn two_values_a_third_outlet_tells_apart_are_two_quantities() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Judge Ena Pardo ordered Corin Vale to pay £40,000 to the widow and £900,000 to \
             the tenants of the burnt block.",
        ),
        (
            "beta",
            DAY,
            "Judge Ena Pardo ordered Corin Vale to pay £900,000 in compensation to the tenants.",
        ),
        (
            "gamma",
            DAY,
            "Judge Ena Pardo ordered Corin Vale to pay £40,000 in compensation to the widow.",
        ),
    ]);
    assert!(
        got.iter().all(|r| r.status != "conflict"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn a_headline_value_keeps_the_qualifier_its_article_gives_it() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Brightwell Mills sold to Osgrove in £3.1bn deal\n\nOsgrove agreed on Monday to buy \
             Brightwell Mills in a deal worth £3.1bn once its debts are included.",
        ),
        (
            "beta",
            DAY,
            "Osgrove buys Brightwell Mills in £2.6bn deal\n\nOsgrove agreed on Monday to buy \
             Brightwell Mills for £2.6bn in cash.",
        ),
    ]);
    assert!(
        got.iter().all(|r| r.status != "conflict"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn the_only_percentage_each_outlet_gives_answers_one_question() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Dock workers at Harwick port will strike on Friday. Members of the Harwick Dock \
             Union backed the walkout by 78 per cent in a ballot.",
        ),
        (
            "beta",
            DAY,
            "Harwick port faces a strike by dock workers on Friday. The Harwick Dock Union said \
             64 per cent of members who voted backed the walkout.",
        ),
    ]);
    assert!(
        got.iter()
            .any(|r| r.status == "conflict"
                && r.values.values().flatten().any(|v| v.contains("78%"))),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn clock_times_in_two_zones_never_conflict() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "The Harwick Rovers face the Kell Hawks in the cup final at 3:30 p.m. on Saturday \
             at Marsh Park.",
        ),
        (
            "beta",
            DAY,
            "The cup final between the Harwick Rovers and the Kell Hawks kicks off at 4:30 p.m. \
             ET on Saturday at Marsh Park.",
        ),
    ]);
    assert!(
        got.iter().all(|r| r.status != "conflict"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn a_quotation_cut_short_is_verbatim_and_one_reworded_is_a_variant() {
    let full = "The bridge will stay shut until the engineers are sure it is safe. Nobody \
                crosses before then.";
    let c = comparer(digests(&[
        (
            "alpha",
            DAY,
            &format!("Inspector Rhona Vale said: \"{full}\""),
        ),
        (
            "beta",
            DAY,
            "\"The bridge will stay shut until the engineers are sure it is safe,\" Inspector \
             Rhona Vale said.",
        ),
        (
            "gamma",
            DAY,
            "\"The bridge will stay closed until engineers are sure it is safe,\" Inspector \
             Rhona Vale said.",
        ),
    ]));
    let stories = c.stories();
    let view = View::new(&c, &stories);
    let q = view.quote_groups(1);
    // Alpha and beta alone: beta quotes less, and alters nothing.
    assert_eq!(
        q.len(),
        1,
        "{:?}",
        q.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
    assert_eq!(q[0].status, "variant", "gamma rewords it");
    let beta = q[0].entries.iter().find(|e| e.source == "beta").unwrap();
    assert!(
        beta.differences.starts_with("omits"),
        "{}",
        beta.differences
    );
    let c = comparer(digests(&[
        (
            "alpha",
            DAY,
            &format!("Inspector Rhona Vale said: \"{full}\""),
        ),
        (
            "beta",
            DAY,
            "\"The bridge will stay shut until the engineers are sure it is safe,\" Inspector \
             Rhona Vale said.",
        ),
    ]));
    let stories = c.stories();
    let q = View::new(&c, &stories).quote_groups(1);
    assert_eq!(q[0].status, "verbatim");
    // A phrase cut from inside a sentence may turn its meaning: a variant, showing what it
    // leaves out.
    let c = comparer(digests(&[
        (
            "alpha",
            DAY,
            "Inspector Rhona Vale said: \"Nobody should think the bridge is safe to cross \
             tonight.\"",
        ),
        (
            "beta",
            DAY,
            "Inspector Rhona Vale said the bridge was \"safe to cross tonight\" after the \
             inspection.",
        ),
    ]));
    let stories = c.stories();
    let q = View::new(&c, &stories).quote_groups(1);
    assert_eq!(q[0].status, "variant");
}

#[test]
fn a_joint_statement_and_a_speaker_named_in_the_quote_are_no_misattribution() {
    let status = |alpha: &str, beta: &str| {
        let c = comparer(digests(&[("alpha", DAY, alpha), ("beta", DAY, beta)]));
        let stories = c.stories();
        View::new(&c, &stories).quote_groups(1)[0].status
    };
    let quote = "We will rebuild every home that the river took from this town";
    // One outlet names the other's speaker beside its own: a statement they gave together.
    assert_eq!(
        status(
            &format!("Mayor Lena Orr said: \"{quote}.\""),
            &format!("Councillor Piet Marsh said: \"{quote}.\""),
        ),
        "misattributed"
    );
    assert_ne!(
        status(
            &format!("Mayor Lena Orr, standing beside Piet Marsh, said: \"{quote}.\""),
            &format!("Councillor Piet Marsh said: \"{quote}.\""),
        ),
        "misattributed"
    );
    // A name inside the quoted words is whom the quotation speaks of.
    let quote = "There are only a few attacks directed at Tomas Brandt and his family this week";
    assert_ne!(
        status(
            &format!("Security chief Nora Lind said: \"{quote}.\""),
            &format!("\"{quote},\" Tomas Brandt said."),
        ),
        "misattributed"
    );
}

#[test]
fn what_someone_is_quoted_saying_contradicts_no_report() {
    // The outlet reports two-thirds; another quotes a third party speaking of 30 percent.
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Mayor Lena Orr won two-thirds of the vote in the Kelby council election on Monday.",
        ),
        (
            "beta",
            DAY,
            "Lena Orr won the Kelby council election on Monday. \"Just because you win only \
             30 percent of the vote in one ward does not mean you stop going there,\" said \
             councillor Piet Marsh.",
        ),
    ]);
    assert!(
        !got.iter().any(|r| r.status == "conflict"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn an_outlet_dating_news_to_each_day_it_publishes_is_consistent() {
    // Two articles of one outlet, six days apart, each with the announcement "today".
    let c = comparer(digests(&[
        (
            "alpha",
            Some("2026-03-03"),
            "Relvar Cable announced today that services were restored to all customers in \
             Kelby after the subsea cable outage.",
        ),
        (
            "alpha",
            Some("2026-03-09"),
            "Relvar Cable announced today that services were restored to all customers in \
             Kelby after the second subsea cable outage.",
        ),
        (
            "beta",
            Some("2026-03-09"),
            "Relvar Cable said services were restored to all customers in Kelby after the \
             subsea cable outage, the second in a week.",
        ),
    ]));
    let stories = c.stories();
    let got = View::new(&c, &stories).claim_groups(stories.of_article[0]);
    assert!(
        !got.iter().any(|r| r.status == "self-conflict"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn the_one_clock_time_each_outlet_gives_an_event_answers_one_question() {
    // Other words around each time, a day told beside it and an old fire of the same kind
    // as background: still the one time of this fire each outlet gives.
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Fire crews fought a heath fire near Osterby on Monday. The blaze was first \
             reported at 2.15pm by a cyclist on the old railway path near Pell Wood, the fire \
             service said. In May 2019 a fire on the same heath burned for three days.",
        ),
        (
            "beta",
            DAY,
            "A heath fire near Osterby forced people from their homes on Monday. The fire was \
             reported at 15:05 and spread quickly through dry gorse, the fire service said.",
        ),
    ]);
    assert!(
        got.iter().any(|r| r.status == "conflict"
            && r.values.values().flatten().any(|v| v.contains("14:15"))
            && r.values.values().flatten().any(|v| v.contains("15:05"))),
        "{:?}",
        statuses(&got)
    );
    // A time some event happened just after ("crashed shortly after 6.20pm") is its time.
    let got = rows(&[
        (
            "alpha",
            DAY,
            "A coach crashed shortly after 6.20pm on the A41 near Osterby on Monday, police \
             said.",
        ),
        (
            "beta",
            DAY,
            "The coach crash on the A41 near Osterby happened at 5.50pm on Monday, police \
             said.",
        ),
    ]);
    assert!(
        got.iter()
            .any(|r| r.status == "conflict" && r.event == "CRASH"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn lengths_of_an_event_meet_and_other_units_count_other_things() {
    // "a 48-hour walkout" and "a 72-hour strike": how long one strike lasts.
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Porters at Kell General Hospital began a 48-hour walkout on Monday over pay.",
        ),
        (
            "beta",
            DAY,
            "Porters at Kell General Hospital started a 72-hour strike on Monday in a row over \
             pay.",
        ),
    ]);
    assert!(
        got.iter()
            .any(|r| r.status == "conflict" && r.attribute == "duration"),
        "{:?}",
        statuses(&got)
    );
    // Days on which a jury sat and hours it spent are two quantities.
    let got = rows(&[
        (
            "alpha",
            DAY,
            "The jury in the Kell arson trial reached its verdict after four days of \
             deliberation.",
        ),
        (
            "beta",
            DAY,
            "The jury in the Kell arson trial reached its verdict after 19 hours of \
             deliberation.",
        ),
    ]);
    assert!(
        got.iter().all(|r| r.status != "conflict"),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn background_with_another_value_never_sits_in_a_row_of_the_story() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Kell Ceramics is to close its Dunmore works with the loss of 620 jobs, the company \
             said on Monday.",
        ),
        (
            "beta",
            DAY,
            "Kell Ceramics said on Monday it will close its Dunmore works, and 580 jobs will \
             go. The company shut its plant at Arlow in 2019 with the loss of 310 jobs.",
        ),
    ]);
    let jobs: Vec<&ClaimGroup> = got
        .iter()
        .filter(|r| r.values.values().flatten().any(|v| v.contains("620")))
        .collect();
    assert!(!jobs.is_empty(), "{:?}", statuses(&got));
    for r in jobs {
        assert!(
            r.values.values().flatten().all(|v| !v.contains("310")),
            "{:?}",
            r.values
        );
    }
}

#[test]
fn two_happenings_on_one_day_word_are_not_one_fact() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Kell Ceramics will close its Dunmore works with the loss of 620 jobs, the company \
             said on Monday. Union members picketed the gates on Wednesday.",
        ),
        (
            "beta",
            DAY,
            "Kell Ceramics said on Monday it will close its Dunmore works, and 620 jobs will \
             go. The mayor wrote to ministers on Wednesday.",
        ),
    ]);
    // The two Wednesdays share no word: each is its outlet's own.
    assert!(
        got.iter().all(|r| !(r.values.len() > 1
            && r.values.values().flatten().any(|v| v.contains("Wednesday")))),
        "{:?}",
        statuses(&got)
    );
    // The closure's jobs, told alike, still agree.
    assert!(
        got.iter().any(|r| r.status == "agree"
            && r.values.len() == 2
            && r.values.values().flatten().any(|v| v.contains("620"))),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn a_much_vaguer_value_is_no_agreement() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Tarn Mills closed its Brede spinning plant in November, the company said on \
             Monday. More than 5,000 people once worked at the Brede spinning plant.",
        ),
        (
            "beta",
            DAY,
            "Tarn Mills closed its Brede spinning plant last year, the company said on \
             Monday. Some 12,000 people once worked at the Brede spinning plant.",
        ),
    ]);
    let with = |needle: &str| -> Vec<&ClaimGroup> {
        got.iter()
            .filter(|r| {
                r.values.len() == 2 && r.values.values().flatten().any(|v| v.contains(needle))
            })
            .collect()
    };
    // "Last year" holds November and "more than 5,000" holds 12,000: both may be right, and
    // neither is the other told again.
    for needle in ["November", "12,000"] {
        let found = with(needle);
        assert!(!found.is_empty(), "{needle}: {:?}", statuses(&got));
        for r in found {
            assert_eq!(r.status, "differ", "{needle}: {:?}", r.values);
            assert!(r.detail.contains("vaguer"), "{}", r.detail);
        }
    }
}

#[test]
fn an_article_gathers_no_chain_of_its_figures_into_one_finding() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "House Democrats gained just six seats in the election and hold 194 seats. House \
             Democrats needed roughly 35 seats to win the House. House Democrats lost nearly \
             60 seats over six years.",
        ),
        (
            "beta",
            DAY,
            "House Democrats gained just six seats in the election, far fewer than expected.",
        ),
    ]);
    // One sentence's two figures (six gained, 194 held) never sit in one finding.
    for r in &got {
        let alpha = r.values.get("alpha").map_or(&[][..], |v| &v[..]);
        assert!(
            !(alpha.iter().any(|v| v.starts_with('6')) && alpha.iter().any(|v| v.contains("194"))),
            "{:?}",
            r.values
        );
    }
    assert!(
        got.iter().any(|r| r.status == "agree"
            && r.values.values().flatten().any(|v| v.starts_with('6'))),
        "{:?}",
        statuses(&got)
    );
}

#[test]
fn a_relationship_told_in_its_stages_is_one_row() {
    let got = rows(&[
        (
            "alpha",
            DAY,
            "Actor Tom Brenner has been with his girlfriend, Lia Marsh, for three years.",
        ),
        (
            "beta",
            DAY,
            "Tom Brenner and his girlfriend, Lia Marsh, met on the set of Harrowgate. In \
             early 2022 the couple announced their engagement. By the end of 2023, whispers \
             of a split began to circulate.",
        ),
    ]);
    let rel: Vec<&ClaimGroup> = got
        .iter()
        .filter(|r| r.attribute == "relationship")
        .collect();
    assert_eq!(rel.len(), 1, "{:?}", statuses(&got));
    let beta = rel[0].values.get("beta").cloned().unwrap_or_default();
    for stage in ["dating", "engaged", "split"] {
        assert!(
            beta.iter().any(|v| v.contains(stage)),
            "{stage}: {:?}",
            rel[0].values
        );
    }
}
