use crate::compare::values::describe;
use crate::input::{Article, parse_published};
use crate::pipeline::Pipeline;

use super::*;

/// (subject, attribute, event, value) for each claim of `text`, published on 2025-03-14 (a
/// Friday); the value is the normalised one (TIMEX3, number, role, stage, place).
fn claims(text: &str) -> Vec<(String, String, String, String)> {
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
            let mut subjects: Vec<&str> = c
                .subjects
                .iter()
                .map(|&e| a.names.entities[e].name.as_str())
                .collect();
            subjects.sort();
            let d = describe(c, &a.dates, &a.amounts, &a.names);
            (
                subjects.join(" & "),
                c.attribute.to_string(),
                c.event.to_string(),
                d.value,
            )
        })
        .collect()
}

fn c(s: &str, a: &str, e: &str, v: &str) -> (String, String, String, String) {
    (s.into(), a.into(), e.into(), v.into())
}

/// The claims of `text` with attribute `attribute`, as (subject, event, value).
fn of(text: &str, attribute: &str) -> Vec<(String, String, String)> {
    claims(text)
        .into_iter()
        .filter(|x| x.1 == attribute)
        .map(|x| (x.0, x.2, x.3))
        .collect()
}

fn sev(s: &str, e: &str, v: &str) -> (String, String, String) {
    (s.into(), e.into(), v.into())
}

#[test]
fn a_date_answers_when_its_event_happened() {
    assert_eq!(
        claims(
            "Halvorsen Marine announced on Tuesday that it will close its yard by the end of \
             June, putting 240 jobs at risk."
        ),
        vec![
            c("Halvorsen Marine", "when", "ANNOUNCE", "2025-03-11"),
            c("Halvorsen Marine", "when", "CLOSE", "2025-06"),
            c("Halvorsen Marine", "jobs", "cut", "240"),
        ]
    );
}

#[test]
fn a_trigger_inside_a_name_is_no_event() {
    // "Fire" of "Calveley Fire and Rescue Service" is the service's name, not a fire.
    let got = of(
        "The explosion was reported at 10pm on Monday, Calveley Fire and Rescue Service said.",
        "when",
    );
    assert!(got.iter().all(|g| g.1 != "FIRE_BREAKOUT"), "{got:?}");
    let got = of("The fire broke out at 10pm on Monday.", "when");
    assert_eq!(
        got.first().map(|g| g.1.as_str()),
        Some("FIRE_BREAKOUT"),
        "{got:?}"
    );
}

#[test]
fn event_classes_have_their_synonyms() {
    for verb in [
        "announced",
        "unveiled",
        "disclosed",
        "revealed",
        "confirmed",
    ] {
        let got = of(
            &format!("Kestrel Plastics {verb} its results on Monday."),
            "when",
        );
        assert_eq!(
            got,
            vec![sev("Kestrel Plastics", "ANNOUNCE", "2025-03-10")],
            "{verb}"
        );
    }
    for verb in ["close", "shut", "cease operations at"] {
        let got = of(
            &format!("Kestrel Plastics will {verb} the plant in July."),
            "when",
        );
        assert_eq!(
            got,
            vec![sev("Kestrel Plastics", "CLOSE", "2025-07")],
            "{verb}"
        );
    }
    let x = ClaimExtractor::new().unwrap();
    assert_eq!(x.event_of("closure"), Some("CLOSE"));
    assert_eq!(x.event_of("broke out"), Some("FIRE_BREAKOUT"));
    assert_eq!(x.event_of("completed the signing"), Some("SIGN"));
    assert_eq!(x.event_of("giraffe"), None);
    for idiom in ["came off the rails", "left the track", "derailed"] {
        let got = of(
            &format!("A freight train {idiom} near Kessock on Wednesday."),
            "when",
        );
        assert_eq!(got, vec![sev("", "CRASH", "2025-03-12")], "{idiom}");
    }
    for flood in ["burst its banks", "flooded the valley"] {
        assert_eq!(
            of(&format!("The river {flood} on Sunday night."), "when"),
            vec![sev("", "FLOOD", "2025-03-09TNI")],
            "{flood}"
        );
    }
    assert_eq!(
        of(
            "The operator conceded on Thursday that a signal had failed.",
            "when"
        ),
        vec![sev("", "CONCEDE", "2025-03-13")]
    );
}

#[test]
fn the_day_a_thing_was_said_is_no_event_date() {
    // "said on Monday" dates the statement, not the closure in the same sentence.
    let got = of(
        "Greyline Buses said on Monday it would cease operations at its Harwick depot in July.",
        "when",
    );
    assert_eq!(got, vec![sev("Greyline Buses", "CLOSE", "2025-07")]);
}

#[test]
fn a_value_takes_no_cue_from_a_neighbouring_clause() {
    let got = claims("As we step into 2024, the rumoured split has left fans waiting.");
    assert!(
        got.iter().all(|x| x.1 != "when"),
        "2024 is the writer's frame, not the split's date: {got:?}"
    );
}

#[test]
fn a_count_is_what_its_noun_and_verb_say() {
    assert_eq!(
        of(
            "The blast killed two workers and 17 others were injured.",
            "deaths"
        ),
        vec![sev("", "", "2")]
    );
    assert_eq!(
        of(
            "The blast killed two workers and 17 others were injured.",
            "injured"
        ),
        vec![sev("", "", "17")]
    );
    assert!(of("The blast killed two workers.", "jobs").is_empty());
    assert_eq!(
        of("One worker died at the scene.", "deaths"),
        vec![sev("", "", "1")]
    );
    assert_eq!(
        of(
            "The quake struck on Tuesday, killing at least 12 and injuring 41.",
            "deaths"
        ),
        vec![sev("", "", "12")]
    );
    assert_eq!(
        of(
            "The quake left twelve people dead and 43 injured.",
            "injured"
        ),
        vec![sev("", "", "43")]
    );
    assert_eq!(
        of("Three climbers are still missing.", "missing"),
        vec![sev("", "", "3")]
    );
    assert_eq!(
        of("Police arrested 14 people after the match.", "arrested"),
        vec![sev("", "", "14")]
    );
    assert_eq!(
        of(
            "About 2,000 residents were evacuated from their homes.",
            "evacuated"
        ),
        vec![sev("", "", "2000")]
    );
    assert_eq!(
        of("The storm left 15,000 homes without power.", "affected"),
        vec![sev("", "", "15000")]
    );
    // A number with no noun, its cue after a verb of being.
    assert_eq!(
        of("Two people died and more than 40 were hurt.", "injured"),
        vec![sev("", "", "40")]
    );
    assert_eq!(
        of("Twelve have been arrested so far.", "arrested"),
        vec![sev("", "", "12")]
    );
    assert!(of("About 40 were there.", "injured").is_empty());
    assert_eq!(
        of("Four people were taken to hospital.", "injured"),
        vec![sev("", "", "4")]
    );
    // A named hospital, or treatment there, tells the same.
    for text in [
        "Eleven people were taken to Corvale General Hospital.",
        "Eleven people were treated at Corvale General Hospital.",
        "Eleven people were treated for burns.",
    ] {
        assert_eq!(of(text, "injured"), vec![sev("", "", "11")], "{text:?}");
    }
    // Who was aboard, in the noun the text counts them by.
    assert_eq!(
        of("A train carrying 210 passengers derailed.", "aboard"),
        vec![sev("", "", "210")]
    );
    assert_eq!(
        of("The jet had 186 people on board.", "aboard"),
        vec![sev("", "", "186")]
    );
}

#[test]
fn jobs_cut_and_created_are_two_questions() {
    let got = of(
        "Greyline Buses said 450 jobs would be cut and 120 created.",
        "jobs",
    );
    assert_eq!(
        got,
        vec![
            sev("Greyline Buses", "cut", "450"),
            sev("Greyline Buses", "created", "120")
        ]
    );
    for text in [
        "Kestrel Plastics is axing 310 roles.",
        "At Kestrel Plastics some 300 workers face redundancy.",
        "Kestrel Plastics said 310 posts will go.",
        "Kestrel Plastics will shed 310 jobs.",
    ] {
        let got = of(text, "jobs");
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].1, "cut", "{text}");
    }
    assert_eq!(
        of("Kestrel Plastics employs about 310 people.", "workforce"),
        vec![sev("Kestrel Plastics", "", "310")]
    );
}

#[test]
fn seats_count_the_part_not_the_whole() {
    assert_eq!(
        of("The Green Alliance won 75 of the 125 seats.", "seats"),
        vec![sev("Green Alliance", "", "75")]
    );
}

#[test]
fn money_takes_its_attribute_from_its_nearest_noun_or_verb() {
    assert_eq!(
        of(
            "Corvane Foods agreed to buy Ellery Dairy for $1.9 billion.",
            "price"
        ),
        vec![sev("Corvane Foods", "", "1900000000")]
    );
    assert_eq!(
        of(
            "Corvane Foods will pay $2.1 billion for Ellery Dairy.",
            "price"
        ),
        vec![sev("Corvane Foods", "", "2100000000")]
    );
    assert_eq!(
        of("The regulator fined Halvorsen Marine £2m.", "fine").len(),
        1
    );
    assert_eq!(of("Halvorsen Marine faces a £2m fine.", "fine").len(), 1);
    let got =
        claims("Alan Pryce was ordered to pay £1.2m in compensation and a fine of 250,000 pounds.");
    let money: Vec<(&str, &str)> = got
        .iter()
        .filter(|x| x.3.len() > 5)
        .map(|x| (x.1.as_str(), x.3.as_str()))
        .collect();
    assert_eq!(
        money,
        vec![("compensation", "1200000"), ("fine", "250000")],
        "{got:?}"
    );
    assert_eq!(
        of("Alan Pryce was released on bail of £50,000.", "bail"),
        vec![sev("Alan Pryce", "", "50000")]
    );
    assert_eq!(
        of(
            "Castleford City signed Tomas Reinholt for a fee of £45m.",
            "fee"
        )
        .len(),
        1
    );
    assert_eq!(
        of(
            "Greyline reported a profit of £12.4m on revenue of £310m.",
            "profit"
        )[0]
        .2,
        "12400000"
    );
    assert_eq!(
        of(
            "Greyline reported a profit of £12.4m on revenue of £310m.",
            "revenue"
        )[0]
        .2,
        "310000000"
    );
    assert_eq!(
        of(
            "The government pledged £5m in emergency funding.",
            "funding"
        )[0]
        .2,
        "5000000"
    );
    // "for £3m" with no deal in the clause is no price.
    assert!(of("The minister got a term for a £3m fraud.", "price").is_empty());
}

#[test]
fn one_sum_written_three_ways_is_one_value() {
    for text in [
        "Corvane bought Ellery for $4.5 million.",
        "Corvane bought Ellery for $4.5m.",
        "Corvane bought Ellery for 4.5 million dollars.",
    ] {
        assert_eq!(of(text, "price")[0].2, "4500000", "{text}");
    }
}

#[test]
fn shares_and_measures_say_what_they_measure() {
    assert_eq!(
        of("Turnout was 64%, the highest since 1998.", "turnout")[0].2,
        "64"
    );
    assert_eq!(
        of(
            "Corvane Foods already holds 44 percent of Ellery Dairy.",
            "stake"
        ),
        vec![sev("Corvane Foods", "", "44")]
    );
    assert_eq!(
        of(
            "The Green Alliance took 44 percent of the vote.",
            "vote share"
        )[0]
        .2,
        "44"
    );
    assert_eq!(
        of("A magnitude 5.8 earthquake struck.", "magnitude")[0].2,
        "5.8"
    );
    assert_eq!(
        of("A 5.8-magnitude earthquake struck.", "magnitude")[0].2,
        "5.8"
    );
    assert_eq!(
        of("Storm Elsa brought gusts of 80 mph.", "wind speed")[0].2,
        "80"
    );
    assert_eq!(
        of("Temperatures fell to minus 3C overnight.", "temperature")[0].2,
        "-3"
    );
    assert_eq!(
        of("The quake struck at a depth of 10 km.", "depth")[0].2,
        "10"
    );
    // Measures glued to their digits; a limit is no measure of the event.
    assert_eq!(
        of("The train derailed at 70mph on a bend.", "speed")[0].2,
        "70"
    );
    assert!(
        of(
            "The train derailed on a bend with a 50mph speed limit.",
            "speed"
        )
        .is_empty()
    );
}

#[test]
fn durations_are_lengths_never_dates() {
    assert_eq!(
        of(
            "Alan Pryce was sentenced to nine years in prison.",
            "prison term"
        ),
        vec![sev("Alan Pryce", "", "P9Y")]
    );
    assert_eq!(
        of("Alan Pryce was jailed for nine years.", "prison term")[0].2,
        "P9Y"
    );
    assert_eq!(
        of(
            "Tomas Reinholt signed a five-year contract.",
            "contract length"
        ),
        vec![sev("Tomas Reinholt", "", "P5Y")]
    );
    // Whose term or contract: only people serve prison terms; a contract is the person's
    // whose clause it is, else the organisation's.
    assert_eq!(
        of(
            "A former treasurer of Westmere Council was jailed for seven years.",
            "prison term"
        ),
        vec![sev("", "", "P7Y")]
    );
    assert_eq!(
        of(
            "Judge Helen Okonjo jailed Alan Pryce for seven years.",
            "prison term"
        ),
        vec![sev("Alan Pryce", "", "P7Y")]
    );
    assert_eq!(
        of(
            "Tomas Vidal has joined Kirkby Rovers on a four-year contract.",
            "contract length"
        ),
        vec![sev("Tomas Vidal", "", "P4Y")]
    );
    assert_eq!(
        of(
            "Kestrel Plastics won a three-year contract to supply the army.",
            "contract length"
        ),
        vec![sev("Kestrel Plastics", "", "P3Y")]
    );
    assert_eq!(
        of(
            "Kirkby Rovers signed striker Tomas Vidal from Porto Azul for a fee of £12m.",
            "fee"
        ),
        vec![sev("Tomas Vidal", "", "12000000")]
    );
    assert_eq!(
        of("The storm lasted about 14 hours.", "duration")[0].2,
        "PT14H"
    );
    // How long an event went on is that event's: a fire's and a closure's are two questions.
    assert_eq!(
        of("The fire burned for six hours.", "duration"),
        vec![sev("", "FIRE_BREAKOUT", "PT6H")]
    );
    assert_eq!(
        of("The blaze lasted eight hours.", "duration"),
        vec![sev("", "FIRE_BREAKOUT", "PT8H")]
    );
    assert_eq!(
        of("The bridge will close for two weeks.", "duration"),
        vec![sev("", "CLOSE", "P2W")]
    );
    // A duration needs its own cue: the event's nearness is not enough.
    assert!(
        of(
            "The fire, the worst in 20 years, destroyed two homes.",
            "duration"
        )
        .is_empty()
    );
    assert!(
        of(
            "Petra Lund has worked at the mill for 20 years.",
            "duration"
        )
        .is_empty()
    );
    assert!(
        of(
            "Stefanski gave Cheeks two contract extensions in seven months.",
            "contract length"
        )
        .is_empty()
    );
    let got = claims("Forecasters called it the worst storm to hit the coast in 30 years.");
    assert!(
        got.iter().all(|x| x.1 != "when" && x.3 != "2055"),
        "a length of time is no date: {got:?}"
    );
}

#[test]
fn ages_in_four_forms() {
    for text in [
        "Maria Lund, 61, was arrested.",
        "Police arrested 61-year-old Maria Lund.",
        "Maria Lund, aged 61, was arrested.",
        "Maria Lund (61) was arrested.",
        "Maria Lund, a 61-year-old teacher, was arrested.",
        "Maria Lund, Halden's 61-year-old chief executive, was arrested.",
    ] {
        assert_eq!(of(text, "age"), vec![sev("Maria Lund", "", "61")], "{text}");
    }
    // A name that only comes before "and" is someone else.
    assert_eq!(
        of("Police held Maria Lund, and a 30-year-old man.", "age"),
        vec![sev("", "", "30")]
    );
    // A description has an age but names nobody.
    assert_eq!(
        of("A 58-year-old man died.", "age"),
        vec![sev("", "", "58")]
    );
    // Ages in words, hyphenated compounds whole.
    for (text, age) in [
        ("Police said the sixty-one-year-old driver was hurt.", "61"),
        ("A twenty-year-old man was held.", "20"),
        ("The driver, aged forty-four, was hurt.", "44"),
        ("A six-year-old girl was rescued.", "6"),
    ] {
        assert_eq!(of(text, "age"), vec![sev("", "", age)], "{text}");
    }
}

#[test]
fn a_title_before_a_name_is_a_role_not_the_name() {
    let got = of("Transport Minister Alan Pryce resigned.", "role");
    assert_eq!(got, vec![sev("Alan Pryce", "", "transport minister")]);
    assert_eq!(
        of(
            "The former transport minister Alan Pryce was jailed.",
            "role"
        ),
        vec![sev("Alan Pryce", "", "former transport minister")]
    );
    assert_eq!(
        of(
            "Alan Pryce, a former British transport minister, was jailed.",
            "role"
        ),
        vec![sev("Alan Pryce", "", "former transport minister")]
    );
    assert_eq!(
        of("The judge, Helen Okonjo, said the fraud was grave.", "role"),
        vec![sev("Helen Okonjo", "", "judge")]
    );
    assert_eq!(
        of("Chief executive Margaret Okafor spoke to staff.", "role"),
        vec![sev("Margaret Okafor", "", "chief executive")]
    );
    assert_eq!(
        of("UK ex-minister Alan Pryce was sentenced.", "role"),
        vec![sev("Alan Pryce", "", "former minister")]
    );
}

#[test]
fn relationships_name_both_people() {
    assert_eq!(
        of(
            "James Norton has been with his girlfriend, Imogen Poots, for years.",
            "relationship"
        ),
        vec![sev("Imogen Poots & James Norton", "", "dating")]
    );
    assert_eq!(
        of(
            "Maya Ferrante and Jonah Reeve are engaged, her agent said.",
            "relationship"
        ),
        vec![sev("Jonah Reeve & Maya Ferrante", "", "engaged")]
    );
    let got = claims(
        "Maya Ferrante and Jonah Reeve starred together. In early 2022, the couple announced \
         their engagement.",
    );
    assert!(
        got.contains(&c(
            "Jonah Reeve & Maya Ferrante",
            "relationship",
            "",
            "engaged"
        )),
        "{got:?}"
    );
    // A denial is no claim.
    assert!(
        of(
            "Ferrante and Reeve did not confirm their engagement.",
            "relationship"
        )
        .is_empty()
    );
}

#[test]
fn a_sum_demanded_and_a_sum_stolen_are_their_own_questions() {
    let got = claims("Hackers have demanded £4m to unlock the files of Wold Hospitals Trust.");
    assert!(
        got.iter().any(|c| c.1 == "demanded" && c.3 == "4000000"),
        "{got:?}"
    );
    let got = claims("Clive Ambery stole £870,000 from the Lantern Trust, the court heard.");
    assert!(
        got.iter().any(|c| c.1 == "stolen" && c.3 == "870000"),
        "{got:?}"
    );
}

#[test]
fn the_day_someone_spoke_is_the_speakers() {
    let day = |text: &str| -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|c| c.1 == "mention" && c.3 == "2025-03-10")
            .map(|c| c.0)
            .collect()
    };
    assert_eq!(
        day("Senator Rhea Gowdin suggested Monday that the inquiry would go on."),
        vec!["Rhea Gowdin"]
    );
    assert_eq!(
        day("On Monday, Mr. Tobias Prell said in an interview that the plan was dead."),
        vec!["Tobias Prell"]
    );
    assert_eq!(
        day("\"The bill matters to every New Yorker,\" Dana Schuyler said Monday."),
        vec!["Dana Schuyler"]
    );
    assert_eq!(
        day("Sen. Carl Mabry (R-Ohio) suggested Monday that the vote be delayed."),
        vec!["Carl Mabry"]
    );
}

#[test]
fn a_capitalised_role_word_before_a_title_is_part_of_it() {
    for (text, role) in [
        (
            "The ex-Vice President Dick Chaney spoke.",
            "former vice president",
        ),
        (
            "Former ex-Vice President Dick Chaney spoke.",
            "former vice president",
        ),
        (
            "Deputy Prime Minister Ana Varga spoke.",
            "deputy prime minister",
        ),
    ] {
        let got = of(text, "role");
        assert!(got.iter().any(|r| r.2 == role), "{text}: {got:?}");
    }
}

#[test]
fn words_of_couples_used_of_other_things_tell_no_relationship() {
    for text in [
        "Senator Ada Moss came out in support of same-sex marriage on Tuesday.",
        "Governor Ada Moss signed a ban on gay marriage.",
        "Ada Moss proposed a model law for the state.",
        "Officers engaged the gunman, Ada Moss said.",
        "Ada Moss said the party is split on tax.",
        "Ada Moss cited a tradition dating back to 1909.",
    ] {
        assert!(of(text, "relationship").is_empty(), "{text}");
    }
    // Said of one person toward another, it names both.
    assert_eq!(
        of("Tom Reed proposed to Ann Lee in Paris.", "relationship"),
        vec![sev("Ann Lee & Tom Reed", "", "engaged")]
    );
    assert_eq!(
        of("Rosa Vell is engaged to Piet Marr.", "relationship"),
        vec![sev("Piet Marr & Rosa Vell", "", "engaged")]
    );
}

#[test]
fn a_relationship_keeps_its_own_date_and_its_hedge() {
    let p = Pipeline::new().unwrap();
    let text = "Lena Morrow and Pavel Dunn toured together in 2022. However, as the year drew \
                to a close, whispers of a potential split began to circulate.";
    let article = Article {
        text: text.into(),
        ..Article::default()
    };
    let a = p.analyze(&article);
    let split = a
        .claims
        .iter()
        .find(|c| c.value == ClaimValue::Relation("split"))
        .unwrap_or_else(|| panic!("{:?}", a.claims));
    assert!(split.hedged);
    let when = split
        .when
        .map(|i| (a.dates[i].value.as_str(), a.dates[i].modifier));
    assert_eq!(when, Some(("2022", Some(crate::extract::dates::Mod::End))));
    assert_eq!(split.subjects.len(), 2);
}

#[test]
fn where_an_event_happened() {
    assert_eq!(
        of(
            "A magnitude 5.8 earthquake struck the Serval Hills on Tuesday.",
            "where"
        ),
        vec![sev("", "", "Serval Hills")]
    );
    assert_eq!(
        of("The epicentre was near the town of Brastova.", "epicentre"),
        vec![sev("", "", "Brastova")]
    );
}

#[test]
fn pronouns_and_descriptions_take_the_entity_they_refer_to() {
    let got = of(
        "Acme Corp makes boats in Leeds. The company was founded in 1987. It opened a second \
         yard on 5 October 2018.",
        "when",
    );
    assert_eq!(
        got,
        vec![
            sev("Acme Corp", "FOUND", "1987"),
            sev("Acme Corp", "OPEN", "2018-10-05"),
        ]
    );
    let got = of(
        "Maria Lopez runs the museum. She was appointed in 2019.",
        "when",
    );
    assert_eq!(got, vec![sev("Maria Lopez", "HIRE", "2019")]);
    let got = of(
        "Greyline Buses, which employs 2,300 people across the country, said 450 jobs would go.",
        "workforce",
    );
    assert_eq!(got, vec![sev("Greyline Buses", "", "2300")]);
    let got = of(
        "James Norton and Imogen Poots starred in a play. The couple first met in 2017.",
        "when",
    );
    assert_eq!(
        got,
        vec![sev("Imogen Poots & James Norton", "FIRST_MET", "2017")]
    );
}

#[test]
fn each_clause_has_its_own_subject() {
    let got = of(
        "Acme Corp will cut 200 jobs, while Brandt & Cole plans to hire 50.",
        "jobs",
    );
    assert_eq!(
        got,
        vec![
            sev("Acme Corp", "cut", "200"),
            sev("Brandt & Cole", "created", "50")
        ]
    );
    // The person who reports a figure is not what it is about.
    let got = of(
        "Prosecutor Daniel Frayne said the fraud had cost taxpayers £3m.",
        "cost",
    );
    assert!(got.iter().all(|x| x.0 != "Daniel Frayne"), "{got:?}");
    // A description opening the sentence gives way to the name set after it.
    assert_eq!(
        of(
            "Liza Marrow won the seat. Her rival, Tom Oduya, conceded on Wednesday.",
            "when"
        )
        .into_iter()
        .filter(|x| x.1 == "CONCEDE")
        .collect::<Vec<_>>(),
        vec![sev("Tom Oduya", "CONCEDE", "2025-03-12")]
    );
    // A lede that names its person only in the next sentence.
    let lede = "A former council treasurer who stole from a pension fund was jailed for seven \
                years on Tuesday. Owen Brackley, 57, admitted the theft.";
    assert_eq!(
        of(lede, "prison term"),
        vec![sev("Owen Brackley", "", "P7Y")]
    );
    // Not after the opening sentences, nor when the next sentence opens with no name.
    let later = format!("The court sat at ten. It heard two cases. {lede}");
    assert_eq!(of(&later, "prison term"), vec![sev("", "", "P7Y")]);
    assert_eq!(
        of(
            "A former council treasurer was jailed for seven years. Police said Owen \
             Brackley was arrested in 2024.",
            "prison term"
        ),
        vec![sev("", "", "P7Y")]
    );
}

#[test]
fn a_romance_born_in_a_year_is_when_the_couple_met() {
    let got = of(
        "James Norton and Imogen Poots wove a tale of love. Their romance, born on the stage \
         of Belleville in 2017, was a private sanctuary.",
        "when",
    );
    assert_eq!(
        got,
        vec![sev("Imogen Poots & James Norton", "FIRST_MET", "2017")]
    );
    // Births happen to people: a partnership "born" in a place is no birth.
    let got = claims("Their partnership was born on the stages of Harrogate in 2019.");
    assert!(got.iter().all(|x| x.2 != "BIRTH"), "{got:?}");
    assert_eq!(
        of("Lena Marsh was born in Leeds in 1971.", "when"),
        vec![sev("Lena Marsh", "BIRTH", "1971")]
    );
}

#[test]
fn unknown_or_vague_dates_make_no_claim() {
    assert!(of("Acme Corp said it would close soon.", "when").is_empty());
    assert!(of("Acme Corp closes every Monday.", "when").is_empty());
}

#[test]
fn a_value_without_a_cue_is_a_mention() {
    assert_eq!(
        claims("Acme Corp makes 310 boats in Leeds."),
        vec![c("Acme Corp", "mention", "", "310")]
    );
}

#[test]
fn the_tables_are_consistent() {
    let x = ClaimExtractor::new().unwrap();
    // Every attribute is documented with a kind, a subject rule and how it changes.
    let names: Vec<&str> = x.attributes().iter().map(|a| a.name).collect();
    for a in [
        "when",
        "deaths",
        "injured",
        "missing",
        "arrested",
        "evacuated",
        "jobs",
        "affected",
        "price",
        "fee",
        "fine",
        "damages",
        "compensation",
        "restitution",
        "bail",
        "revenue",
        "profit",
        "funding",
        "turnout",
        "stake",
        "growth",
        "magnitude",
        "distance",
        "temperature",
        "speed",
        "prison term",
        "contract length",
        "duration",
        "age",
        "role",
        "relationship",
        "where",
    ] {
        assert!(names.contains(&a), "{a} is missing from attributes.txt");
    }
    assert_eq!(x.attribute("deaths").map(|a| a.change), Some(Change::Rises));
    assert_eq!(x.attribute("age").map(|a| a.change), Some(Change::Ages));
    assert_eq!(
        x.attribute("magnitude").map(|a| a.subject),
        Some(SubjectPolicy::None)
    );
}

#[test]
fn what_is_no_fact_of_the_story_is_a_mention() {
    // An offer, a wish, a possibility.
    assert!(
        of(
            "The Red Sox offered Teixeira an eight-year deal.",
            "contract length"
        )
        .is_empty()
    );
    assert!(of("Boras is seeking a 10-year contract.", "contract length").is_empty());
    assert!(of("The college could retrain up to 150 workers.", "jobs").is_empty());
    // What remains is not the whole, but a sum paid for it is a fact.
    let text = "Ravensbury Town will pay Dan Hartley £3m in compensation for the remaining two \
                years of his contract.";
    assert!(of(text, "contract length").is_empty());
    assert_eq!(of(text, "compensation").len(), 1, "{:?}", claims(text));
    assert!(
        of(
            "Hartley had two years left on his contract.",
            "contract length"
        )
        .is_empty()
    );
    // Another, older event told beside the story's.
    let text = "A magnitude 5.9 earthquake struck Qeshm on Sunday. Rescuers searched the town. \
                Most houses held. In December 2003, the city of Bam was razed by a magnitude \
                6.6 quake that left 31,000 people dead.";
    let mags: Vec<String> = of(text, "magnitude").into_iter().map(|x| x.2).collect();
    assert_eq!(mags, ["5.9"]);
    assert!(of(text, "deaths").is_empty());
    // A web address is no statement.
    assert!(claims("http://news.example/2012-08-07/fire-crews-battle-blaze").is_empty());
}

#[test]
fn a_year_before_a_noun_dates_the_noun() {
    assert_eq!(
        of(
            "The break-in led to the 1974 resignation of Richard Nixon.",
            "when"
        ),
        vec![sev("", "RESIGN", "1974")]
    );
    assert!(
        of(
            "Obama signed an order rescinding a 2001 policy change.",
            "when"
        )
        .is_empty(),
        "2001 is the policy's, not the signing's"
    );
}

#[test]
fn the_dead_are_not_their_killers() {
    let got = of(
        "In 1957 Fred LaRue shot and killed his father Ike LaRue.",
        "when",
    );
    assert!(got.iter().all(|x| x.0 != "Fred LaRue"), "{got:?}");
    assert_eq!(
        of("Fred LaRue died on Saturday, July 24, 2004.", "when"),
        vec![sev("Fred LaRue", "DEATH", "2004-07-24")]
    );
}

#[test]
fn a_market_close_is_no_closure() {
    assert_eq!(
        of("Shares in Nordvik Group closed 3% lower on Monday.", "when"),
        vec![sev("Nordvik Group", "MARKET", "2025-03-10")]
    );
    assert_eq!(
        of(
            "Shares in Nordvik Group closed 3% lower on Monday.",
            "share price"
        ),
        vec![sev("Nordvik Group", "", "3")]
    );
}

#[test]
fn recurring_and_once_only_events() {
    let p = Pipeline::new().unwrap();
    let a = p.analyze(&Article {
        text: "Acme announced the deal on Monday. Acme was founded in 1987.".into(),
        published: parse_published("2025-03-14"),
        ..Article::default()
    });
    let change: Vec<(&str, Change)> = a.claims.iter().map(|c| (c.event, c.change)).collect();
    assert_eq!(
        change,
        [("ANNOUNCE", Change::Recurs), ("FOUND", Change::Fixed)]
    );
}

#[test]
fn a_range_is_one_value_and_a_unit_can_answer_alone() {
    let got = of(
        "Broadcaster NBC lost an estimated $10 million to $15 million in advertising revenue.",
        "revenue",
    );
    assert_eq!(got, vec![sev("Broadcaster NBC", "", "10000000-15000000")]);
    // 288 candidates for 125 seats: the candidates are no seats.
    let got = claims("Voters chose between 288 candidates for 125 seats.");
    assert!(
        got.iter().all(|x| x.1 != "seats" || x.3 == "125"),
        "{got:?}"
    );
    assert!(
        of(
            "Two years were left on the contract he signed.",
            "contract length"
        )
        .is_empty()
    );
}

#[test]
fn the_publication_date_on_a_byline_is_no_claim() {
    // The article is published on 2025-03-14: its byline's date is metadata.
    let got = claims("Mill shuts\n\nBy Ana Varga, Valley Herald, 14 March 2025\n\nThe mill shut.");
    assert!(
        got.iter().all(|x| !x.3.starts_with("2025-03-14")),
        "{got:?}"
    );
    // The same day told in a sentence is a claim, and another day on a short line is too.
    let got = claims("The mill shut on 14 March 2025.");
    assert!(got.iter().any(|x| x.3.starts_with("2025-03-14")), "{got:?}");
    let got = claims("Mill shuts\n\nBy Ana Varga, 12 March 2025\n\nThe mill shut.");
    assert!(got.iter().any(|x| x.3.starts_with("2025-03-12")), "{got:?}");
}

#[test]
fn every_number_is_a_fact_but_a_bare_one_only_a_mention() {
    // No cue, no unit: still a value to compare, as a mention.
    assert_eq!(
        of("Police said about 8,000 came to the square.", MENTION),
        vec![sev("", "", "8000")]
    );
    assert!(
        of("The firm recalled 48,000 Hestia 3 cookers.", MENTION)
            .iter()
            .any(|x| x.2 == "48000")
    );
    // A model number, an age beside a name and a score are no counts; a bare number takes
    // no cue from its clause.
    let all = claims("Raj Chohan, 59, was killed, and the Hestia 3 lid failed in a 3-1 defeat.");
    assert!(all.iter().all(|x| x.1 != "deaths"), "{all:?}");
    assert!(all.iter().all(|x| x.3 != "3" && x.3 != "1"), "{all:?}");
    // A number inside a title is the title's.
    let all = claims("Imogen starred in 28 Weeks Later before the move.");
    assert!(all.iter().all(|x| x.3 != "28"), "{all:?}");
    // A duration no cue governs is a mention too.
    assert_eq!(
        of(
            "The engine failed about 90 minutes after take-off.",
            MENTION
        ),
        vec![sev("", "", "PT90M")]
    );
}

#[test]
fn a_clause_dated_weeks_before_the_article_is_background() {
    let p = Pipeline::new().unwrap();
    let article = Article {
        text: "Last year's march drew 3,000 people. On Saturday, 8,000 people marched. \
               In 2010, after a wave of defeats, she lost 43 votes."
            .into(),
        published: parse_published("2025-03-14"),
        ..Article::default()
    };
    let a = p.analyze(&article);
    let background = |v: &str| {
        a.claims
            .iter()
            .find(|c| describe(c, &a.dates, &a.amounts, &a.names).value == v)
            .map(|c| c.background)
    };
    assert_eq!(background("3000"), Some(true));
    assert_eq!(background("8000"), Some(false));
    assert_eq!(background("43"), Some(true));
}

#[test]
fn ages_in_words_and_of_people_described() {
    assert_eq!(
        of("A seven-year-old boy was rescued from the river.", "age"),
        vec![sev("", "", "7")]
    );
    // "the 52-year-old bus driver" describes someone: not the firm the text is about.
    assert_eq!(
        of(
            "Orlen Coaches runs the route. The 52-year-old bus driver was unhurt.",
            "age"
        ),
        vec![sev("", "", "52")]
    );
    // "Mara Quill, 64," is her age and no count besides.
    let all = claims("Among the injured was Mara Quill, 64, a retired nurse.");
    assert!(all.iter().all(|x| x.1 != MENTION || x.3 != "64"), "{all:?}");
}

#[test]
fn a_date_told_relative_to_an_event_is_not_its_date() {
    let all = claims(
        "On Tuesday, one day before the council released its report, protesters gathered \
         outside the town hall.",
    );
    assert!(
        all.iter().all(|x| x.2 != "PUBLISH" && x.2 != "RELEASE"),
        "{all:?}"
    );
}

#[test]
fn a_thing_described_by_its_age_is_no_ones_age() {
    // "The 12-year-old ferry": the age is the ferry's, not the firm the text is about.
    assert_eq!(
        of(
            "Orlen Lines runs the crossing. The 12-year-old ferry was towed to port.",
            "age"
        ),
        vec![sev("", "", "12")]
    );
}

#[test]
fn an_estimate_of_a_crowd_is_a_count_of_it() {
    for text in [
        "Police estimated the crowd at about 8,000.",
        "Police put the number of people marching through the town at about 8,000.",
        "A crowd of about 8,000 gathered in the square.",
    ] {
        let got = of(text, "crowd");
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(got[0].2.starts_with("8000"), "{text}: {got:?}");
    }
    // A number joined to a word describes it: no count of marchers.
    assert!(of("Among the marchers was 93-year-old Edna Paske.", "crowd").is_empty());
    // Taking part in a walkout.
    let got = of(
        "The union put the number taking part at about 900.",
        "participants",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    // No estimating verb before the cue: the figure is no estimate of it.
    assert!(of("The crowd cheered at 9.", "crowd").is_empty());
}

#[test]
fn a_length_of_time_before_its_event_is_how_long_it_went_on() {
    for (text, event) in [
        ("Nurses began a 48-hour walkout on Monday.", "STRIKE"),
        (
            "The jury convicted him after 14 hours of deliberation.",
            "RULING",
        ),
        ("The jury took 11 hours to convict him.", "RULING"),
    ] {
        let got = of(text, "duration");
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].1, event, "{text}: {got:?}");
    }
    // "after five years at the club" is no length of anything.
    assert!(of("He left after five years at the club.", "duration").is_empty());
}
