//! Unit tests for quotations.

use super::*;
use crate::extract::names::NameExtractor;
use crate::segment::Segmenter;

/// (text, kind, speaker, speaker entity, cue, unclosed, quote id, part) per quote part.
type Row = (
    String,
    &'static str,
    String,
    String,
    String,
    bool,
    usize,
    usize,
);

fn quotes(text: &str) -> Vec<Row> {
    let seg = Segmenter::new().unwrap().segment(text);
    let names = NameExtractor::new().unwrap().extract(text, &seg);
    QuoteExtractor::new()
        .expect("built-in quote rules load")
        .extract(text, &seg, &names)
        .into_iter()
        .map(|q| {
            (
                q.span.slice(text).to_string(),
                q.kind.name(),
                q.speaker
                    .map_or(String::new(), |s| s.slice(text).to_string()),
                q.speaker_entity
                    .map_or(String::new(), |e| names.entities[e].name.clone()),
                q.cue.map_or(String::new(), |s| s.slice(text).to_string()),
                q.unclosed,
                q.quote_id,
                q.part,
            )
        })
        .collect()
}

#[test]
fn marks_of_every_kind() {
    for text in [
        "\"We won,\" said Tom Reyes.",
        "“We won,” said Tom Reyes.",
        "‘We won,’ said Tom Reyes.",
        "«We won», said Tom Reyes.",
        "„We won“, said Tom Reyes.",
        "``We won,'' said Tom Reyes.",
    ] {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        assert!(q[0].0.starts_with("We won"), "{text}: {q:?}");
        assert_eq!(q[0].2, "Tom Reyes", "{text}");
    }
}

#[test]
fn newswire_marks_pair_only_when_doubled() {
    let q = quotes(
        "``It's a sad day,'' said Tom Reyes. He added: ``We will rebuild.'' Rock 'n' roll \
         and `code` are not quotes.",
    );
    let texts: Vec<&str> = q.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(texts, ["It's a sad day,", "We will rebuild."]);
    assert_eq!(q[0].2, "Tom Reyes");
    // Without a `` in the paragraph, apostrophes are never marks.
    assert!(quotes("It's the fans'' day, they said.").is_empty());
}

#[test]
fn apostrophes_are_not_quotes() {
    let q = quotes("Poots’ friends don’t mind the ’90s, she said. ‘It’s fine,’ she added.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "It’s fine,");
}

#[test]
fn nested_quotes_are_one_quotation() {
    let q = quotes("“He said ‘no’ twice,” Ms. Holm said.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "He said ‘no’ twice,");
}

#[test]
fn unbalanced_marks_stop_at_the_paragraph() {
    let q =
        quotes("Reyes said: “We will fight on\n\nThe council met later. Nothing else was said.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "We will fight on");
    assert!(q[0].5, "unclosed");
}

#[test]
fn multi_paragraph_quotation() {
    let q = quotes(
        "“We started here in 1987,” said Anna Holm.\n\n“It was a hard year. We lost money.\n\n“But we stayed.”",
    );
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!((q[1].6, q[1].7, q[2].6, q[2].7), (1, 1, 1, 2));
    assert!(!q[1].5);
    assert_eq!(q[2].2, q[1].2);
}

#[test]
fn attribution_patterns() {
    let q = quotes("“It is over,” Reyes said. “It is over,” said Reyes. Reyes said: “It is over.”");
    assert!(q.iter().all(|r| r.2 == "Reyes"), "{q:?}");
    let q = quotes(
        "According to Anna Holm, “the yard will close.” Holm told the magazine: “We tried.”",
    );
    assert_eq!(q[0].2, "Anna Holm");
    assert_eq!(q[0].4, "According to");
    assert_eq!(q[1].4, "told the magazine");
    let q =
        quotes("“We did not take this decision lightly,” said chief executive Margaret Okafor.");
    assert!(q[0].2.ends_with("Margaret Okafor"), "{q:?}");
}

#[test]
fn split_quotes_share_a_speaker() {
    let q = quotes("“We tried,” Tom Reyes said, “but they would not listen.”");
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        (q[0].2.as_str(), q[1].2.as_str()),
        ("Tom Reyes", "Tom Reyes")
    );
}

#[test]
fn pronouns_resolve_to_the_right_person() {
    let q =
        quotes("Imogen Poots met James Norton in 2017. “It’s all I’ve ever known,” she quipped.");
    assert_eq!(
        (q[0].2.as_str(), q[0].3.as_str(), q[0].4.as_str()),
        ("she", "Imogen Poots", "quipped")
    );
}

#[test]
fn quote_only_paragraph_inherits_the_speaker() {
    let q = quotes("“We lost,” said Anna Holm.\n\n“We will rebuild.”");
    assert_eq!(q[1].3, "Anna Holm", "{q:?}");
}

#[test]
fn scare_quotes_are_terms() {
    let q = quotes("The so-called “green zone” stayed quiet all week.");
    assert_eq!(q[0].1, "term", "{q:?}");
}

#[test]
fn other_attribution_forms() {
    let q = quotes("They showed “fizzy chemistry,” as put by the Evening Standard, on stage.");
    assert_eq!(
        (q[0].2.as_str(), q[0].4.as_str()),
        ("the Evening Standard", "as put by")
    );
    let q = quotes("“We support the schools,” the letter reads.");
    assert_eq!(q[0].2, "the letter");
    let q = quotes("Turnout was “very high,” according to Anna Holm.");
    assert_eq!(q[0].2, "Anna Holm");
    let q = quotes("“We will win.” ― Steve Quinlan");
    assert_eq!(q[0].2, "Steve Quinlan");
    let q = quotes("“We lost,” Scott Pruitt, the attorney general of Oklahoma, said on Monday.");
    assert_eq!(q[0].2, "Scott Pruitt");
}

#[test]
fn attribution_after_a_question_or_a_parenthesis() {
    let q = quotes("“How many times must we see this?” Clinton said. “It is unbearable.”");
    assert_eq!(q[0].2, "Clinton", "{q:?}");
    let q = quotes("“It is a dog whistle,” Rep. Gwen Moore (D-Wis.) said on Friday.");
    assert!(q[0].2.contains("Gwen Moore"), "{q:?}");
}

#[test]
fn descriptions_resolve_to_people_and_organisations() {
    let q = quotes("Mr. Tom Reyes met Mrs. Anna Holm. “We tried,” the actress told the magazine.");
    assert_eq!(
        (q[0].2.as_str(), q[0].3.as_str()),
        ("the actress", "Anna Holm"),
        "{q:?}"
    );
    let q = quotes("Halvorsen Marine Ltd. cut jobs. “We had no choice,” the company said.");
    assert_eq!(q[0].3, "Halvorsen Marine Ltd.", "{q:?}");
}

#[test]
fn a_participle_reports_the_sentence_subject() {
    let q = quotes("Protesters marched through the streets chanting “Hands off our yard.”");
    assert_eq!(q[0].2, "Protesters", "{q:?}");
    let q = quotes("The mayor ended the meeting by saying “we will not give up on this town.”");
    assert_eq!(q[0].2, "The mayor", "{q:?}");
}

#[test]
fn a_transcript_line_starts_a_new_quotation() {
    let q = quotes("\"WALLACE: Will you be there?\n\n\"PENCE: I will be there tomorrow.");
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].2, "WALLACE");
    assert_eq!(q[1].2, "PENCE");
}

#[test]
fn speakers_with_a_party_label_or_a_possessive_description() {
    let q = quotes("“Subpoenas are not optional,” Rep. Jason Chaffetz (R-Utah) said on Tuesday.");
    assert_eq!(q[0].2, "Rep. Jason Chaffetz", "{q:?}");
    let q = quotes("“We live in a hard world,” my father often said.");
    assert_eq!(q[0].2, "my father", "{q:?}");
}

#[test]
fn misplaced_marks_initials_and_late_cues() {
    // An opening mark typed as the closing one.
    let q = quotes("“Do you want that?“ he asked. “No,” Ana Ruiz said.");
    assert_eq!(q[0].0, "Do you want that?", "{q:?}");
    assert_eq!(q[1].2, "Ana Ruiz", "{q:?}");
    // An initial inside the speaker does not end the sentence.
    let q = quotes("“The winds are changing,” J. Gerald Hebert said.");
    assert!(q[0].2.ends_with("Gerald Hebert"), "{q:?}");
    // The cue after a clause, the speaker after the cue.
    let q = quotes("“He is saying the right things” about unions, said Marla Kilfoyle.");
    assert_eq!(q[0].2, "Marla Kilfoyle", "{q:?}");
    // A capitalised cue.
    let q = quotes("“Not us!” Murphy, the head of the group, Tweeted on Friday.");
    assert_eq!(q[0].2, "Murphy", "{q:?}");
}

#[test]
fn a_possessive_opening_is_no_speaker_but_a_description_is() {
    let q = quotes(
        "Imogen Poots likes travel. Her work was her happy place, and she wanted to keep \
         exploring and “set up a farm of something.”",
    );
    assert_eq!(
        (q[0].2.as_str(), q[0].3.as_str()),
        ("she", "Imogen Poots"),
        "{q:?}"
    );
    let q = quotes("The Republican nominee later said he was “being sarcastic about the emails.”");
    assert_eq!(q[0].2, "The Republican nominee", "{q:?}");
}

#[test]
fn owned_cue_nouns_and_far_participles() {
    let q = quotes(
        "Minyon Moore, a senior adviser, called Mr. Obama's remarks on Saturday “a true \
         wake-up call for his supporters.”",
    );
    assert_eq!(q[0].2, "Minyon Moore", "{q:?}");
    let q = quotes(
        "Several environmental groups granted Mr. Clarke an extension in August, saying his \
         money was “less than expected.”",
    );
    assert_eq!(q[0].2, "Several environmental groups", "{q:?}");
}

#[test]
fn datelines_and_openers_before_the_subject() {
    let q = quotes(
        "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized the law as a \
         “crazy system that does not work for people.”",
    );
    assert!(q[0].2.ends_with("Bill Clinton"), "{q:?}");
    let q = quotes("Meanwhile, it attacked the senator, saying he “has offended almost everyone.”");
    assert_eq!(q[0].2, "it", "{q:?}");
}

#[test]
fn a_sentence_after_a_closed_quote_is_its_own_unless_it_only_attributes() {
    let q = quotes(
        "Japan branded the regime an “outlaw nation in the neighborhood.” Russia insisted \
         that talks “must go on without delay.”",
    );
    assert_eq!(q[0].2, "Japan", "{q:?}");
    assert_eq!(q[1].2, "Russia", "{q:?}");
}

#[test]
fn inverted_and_coordinated_cues() {
    let q = quotes("Stated Stone: “The stakes are so high this year.”");
    assert_eq!(q[0].2, "Stone", "{q:?}");
    let q = quotes(
        "Suu Kyi said it was too early to congratulate winners but added, “I think you all \
         have an idea of the results.”",
    );
    assert_eq!(q[0].2, "Suu Kyi", "{q:?}");
    let q = quotes("“Go back to your seat,” Trump barked at the reporter.");
    assert_eq!(q[0].2, "Trump", "{q:?}");
}

#[test]
fn a_dash_takes_a_name_and_earlier_quotes_stay_out() {
    let q = quotes(
        "Gingrich dismissed Estonia as being in the “suburbs of St. Petersburg” — a metaphor \
         for the party's drift.",
    );
    assert_ne!(q[0].2, "a metaphor for the party's drift", "{q:?}");
    let q = quotes(
        "“The American people do not agree with Trump,” Sanders said, suggesting a few \
         questions, including “do you really think that billionaires need a tax break?”",
    );
    assert_eq!(
        (q[0].2.as_str(), q[1].2.as_str()),
        ("Sanders", "Sanders"),
        "{q:?}"
    );
}

#[test]
fn a_name_before_a_colon_introduces_the_quote() {
    let q = quotes(
        "The surge does not surprise Republican pollster Daron Shaw: “Lesser-known candidates \
         often win early contests.”",
    );
    assert!(q[0].2.ends_with("Daron Shaw"), "{q:?}");
}

#[test]
fn contractions_are_not_possessives() {
    let q = quotes(
        "The mayor spoke for an hour.\n\nHe’s arguing that the bridge is “a disgrace to the \
         whole city” and must close.",
    );
    assert_eq!(
        (q[0].2.as_str(), q[0].4.as_str()),
        ("He", "arguing"),
        "{q:?}"
    );
}

#[test]
fn a_title_with_a_colon_inside_a_sentence_is_no_transcript() {
    let q = quotes(
        "Dana Whitlock, the museum's director, recommended \"Harvest: A History of Bread in \
         Ten Loaves,\" a book she keeps on her desk.",
    );
    assert_ne!(q[0].2, "Harvest", "{q:?}");
}

#[test]
fn an_opening_phrase_is_not_the_subject() {
    for (text, speaker) in [
        (
            "In a Treasury statement, Chancellor Mira Osei condemned the leak as \
             \"reckless and damaging\" to the markets.",
            "Mira Osei",
        ),
        (
            "Worried about turnout among students, Governor Paul Okonkwo is trying a new \
             message: \"Your vote is your voice.\"",
            "Paul Okonkwo",
        ),
        (
            "After a hastily arranged, late-night session, the council issued a notice calling \
             the closure \"a temporary and necessary step\" for safety.",
            "the council",
        ),
    ] {
        let q = quotes(text);
        assert!(q[0].2.ends_with(speaker), "{text}: {q:?}");
    }
}

#[test]
fn the_object_of_a_preposition_is_not_the_speaker() {
    let q =
        quotes("Farmers driving through the village shouted \"No more cuts!\" at the minister.");
    assert_eq!(q[0].2, "Farmers", "{q:?}");
    // A plural description names no single person.
    assert_eq!(q[0].3, "", "{q:?}");
}

#[test]
fn labelling_verbs_attribute_partial_quotes() {
    let q = quotes("Norway accused the shipping firm Brandt of \"gross negligence\" at sea.");
    assert_eq!(
        (q[0].2.as_str(), q[0].4.as_str()),
        ("Norway", "accused"),
        "{q:?}"
    );
    let q = quotes("Later that week, Ellis and Moreno call the plan \"a dead end\" for the town.");
    assert!(q[0].2.ends_with("Moreno"), "{q:?}");
}

#[test]
fn a_participle_with_its_own_subject() {
    let q = quotes(
        "The opposition was quick to respond, with Senator Ruth Adeyemi posting that the \
         budget was \"a betrayal\" of voters.",
    );
    assert!(q[0].2.ends_with("Ruth Adeyemi"), "{q:?}");
}

#[test]
fn a_statement_introduced_by_a_colon_paragraph() {
    let q = quotes(
        "After the storm, Premier Lena Barros released the following statement:\n\n\
         “Our thoughts are with every family who lost a home tonight.”",
    );
    assert!(q[0].2.ends_with("Lena Barros"), "{q:?}");
}

#[test]
fn acronyms_stay_inside_descriptions_and_places_do_not_speak() {
    let q = quotes(
        "\"We were never told,\" said a former U.S. trade negotiator who worked on the deal.",
    );
    assert!(q[0].2.starts_with("a former U.S. trade"), "{q:?}");
    assert_eq!(q[0].3, "", "{q:?}");
}

#[test]
fn a_name_given_is_not_speech_and_days_sit_between_subject_and_verb() {
    let q = quotes("The engineer wiped the laptop with a tool called \"ScrubIt\" that night.");
    assert_eq!((q[0].1, q[0].2.as_str()), ("term", ""), "{q:?}");
    let q = quotes("Governor Hale on Saturday tweeted that the plan was \"dead on arrival\" here.");
    assert_eq!(q[0].2, "Governor Hale", "{q:?}");
    let q = quotes(
        "Here in Leeds, Morgan stepped up her criticism, saying, \"We cannot wait another \
         year for this.\"",
    );
    assert_eq!(q[0].2, "Morgan", "{q:?}");
}

#[test]
fn a_relative_pronoun_speaks_for_the_name_before_it() {
    let q = quotes(
        "Councillor Ida Brennan, who has in the past described the scheme as \"a vanity \
         project\", voted for it on Monday.",
    );
    assert_eq!(
        (q[0].2.as_str(), q[0].3.as_str()),
        ("who", "Ida Brennan"),
        "{q:?}"
    );
    // The appositive clause closes before the verb: the name is the speaker.
    let q = quotes("Brennan, who chairs the committee, said \"we will look again\".");
    assert_eq!(q[0].2, "Brennan", "{q:?}");
}

#[test]
fn a_participle_object_is_not_its_speaker() {
    let q = quotes(
        "The senator attacked the mayor's plan for a \"harbour tax\" on Wednesday, calling it \
         \"absurd.\"",
    );
    assert_ne!(q[0].2, "it", "{q:?}");
    assert_eq!(q[1].2, "The senator", "{q:?}");
}

#[test]
fn a_relative_pronoun_with_a_subject_of_its_own_and_a_day_opening() {
    let q = quotes("And the trade pact, which Lund had called a \"disaster\" in May? Gone.");
    assert_eq!(q[0].2, "Lund", "{q:?}");
    let q = quotes(
        "Sunday morning, Okoye dismissed the shift and accused Varga of a \"flip-flop\" on tax.",
    );
    assert_eq!(q[0].2, "Okoye", "{q:?}");
}

#[test]
fn a_description_after_an_opening_phrase() {
    let q = quotes(
        "In one of her favourite lines, the former minister talked about keeping \"the \
         progress we made together\" alive.",
    );
    assert_eq!(q[0].2, "the former minister", "{q:?}");
}

#[test]
fn word_lists_are_sorted_and_load() {
    for (name, text) in [OPENERS, PREPOSITION_LIST] {
        let list = List::parse(name, text, Order::Sorted).expect("a valid list");
        assert!(list.words().count() > 10, "{name}");
    }
    assert!(SENTENCE_WORDS.contains("During") && PREPOSITIONS.contains("through"));
}

#[test]
fn an_owner_named_before_a_role_is_not_the_speaker() {
    let text = "Senator Ruth Adler spoke first. Lumen Bank will close 40 branches. Lumen's chief executive, Amara Okoye, \
                called the move \"difficult but necessary\". Lumen's spokesman said: \"We \
                regret it.\" Senator Ruth Adler's aide said: \"No comment.\"";
    let q = quotes(text);
    assert_eq!(q.len(), 3, "{q:?}");
    // The person in the appositive speaks, not the bank that employs her.
    assert_eq!(q[0].3, "Amara Okoye", "{q:?}");
    // A spokesman speaks for the organisation he is named with.
    assert_eq!(q[1].3, "Lumen Bank", "{q:?}");
    // An aide is not the senator.
    assert_ne!(q[2].3, "Ruth Adler", "{q:?}");
}
