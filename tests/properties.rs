//! Property tests: segmentation tiles the text, offsets round-trip, nothing panics.

use newsrake::Pipeline;
use newsrake::compare::Digest;
use newsrake::extract::claims::ClaimValue;
use newsrake::input::Article;
use newsrake::segment::{Segmenter, TokenKind, count_words, tokenize};
use newsrake::span::{OffsetIndex, Span};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text that looks like news: words, abbreviations, quotes, numbers, line breaks, accents.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("J.".to_string()),
        Just("3.5".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just(".".to_string()),
        Just("?".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Zoë".to_string()),
        Just("Mr.".to_string()),
        Just("von der".to_string()),
        Just("al-Baghdadi".to_string()),
        Just("NATO".to_string()),
        Just("'s".to_string()),
        Just("London".to_string()),
        Just("James Norton".to_string()),
        Just("May".to_string()),
        Just("Tuesday".to_string()),
        Just("last".to_string()),
        Just("years".to_string()),
        Just("ago".to_string()),
        Just("the".to_string()),
        Just("p.m.".to_string()),
        Just("1990s".to_string()),
        Just("2019-01-05".to_string()),
        Just("1/5/2019".to_string()),
        Just("🎉".to_string()),
        Just(" ".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,4}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

/// Text with random quote marks of every kind.
fn quotish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just("said".to_string()),
        Just("she".to_string()),
        Just("Anna Holm".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(":".to_string()),
        Just("\n\n".to_string()),
        "[a-z]{1,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sentences_tile_paragraphs(text in newsish()) {
        let seg = Segmenter::new().unwrap().segment(&text);
        let mut prev_end = 0;
        for (i, &p) in seg.paragraphs.iter().enumerate() {
            prop_assert!(p.start() >= prev_end);
            prop_assert!(text.is_char_boundary(p.start()) && text.is_char_boundary(p.end()));
            let body = p.slice(&text);
            prop_assert_eq!(body, body.trim());
            let sents: Vec<_> = seg.sentences.iter().filter(|s| s.paragraph == i).collect();
            prop_assert!(!sents.is_empty());
            prop_assert_eq!(sents[0].span.start(), p.start());
            prop_assert_eq!(sents[sents.len() - 1].span.end(), p.end());
            for w in sents.windows(2) {
                let gap = &text[w[0].span.end()..w[1].span.start()];
                prop_assert!(!gap.is_empty() && gap.trim().is_empty(), "gap {:?}", gap);
            }
            prev_end = p.end();
        }
    }

    #[test]
    fn offsets_round_trip(text in "\\PC{0,60}") {
        let idx = OffsetIndex::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            prop_assert_eq!(idx.char_of(bi), ci);
        }
        prop_assert_eq!(idx.char_len(), text.chars().count());
    }

    #[test]
    fn tokens_slice_and_ascii_fast_path_matches_uax29(text in "[ -~]{0,60}") {
        let mut ours = Vec::new();
        tokenize(&text, Span::new(0, text.len()), |t| ours.push(t.span.slice(&text).to_string()));
        let theirs: Vec<String> = text
            .split_word_bounds()
            .filter(|w| !w.chars().all(char::is_whitespace))
            .map(str::to_string)
            .collect();
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn word_count_is_the_tokens_words_and_numbers(text in "([ -~]|[_ ]{1,3}|\\PC){0,60}") {
        let mut n = 0;
        tokenize(&text, Span::new(0, text.len()), |t| {
            n += usize::from(matches!(t.kind, TokenKind::Word | TokenKind::Number));
        });
        prop_assert_eq!(count_words(&text), n);
    }

    #[test]
    fn dates_never_panic_on_newsish_text(text in newsish()) {
        let p = Pipeline::new().unwrap();
        let published = newsrake::input::parse_published("2025-03-12");
        let a = p.analyze(&Article { text: text.clone(), published, ..Article::default() });
        for d in &a.dates {
            prop_assert!(d.span.get(&text).is_some_and(|t| !t.is_empty()));
        }
    }

    #[test]
    fn names_slice_and_belong_to_one_entity(text in newsish()) {
        let p = Pipeline::new().unwrap();
        let a = p.analyze(&Article { text: text.clone(), ..Article::default() });
        let n = &a.names;
        for (i, m) in n.mentions.iter().enumerate() {
            prop_assert!(m.span.get(&text).is_some_and(|t| !t.is_empty()));
            prop_assert_eq!(n.entities.iter().filter(|e| e.mentions.contains(&i)).count(), 1);
            prop_assert!(n.entities[m.entity].mentions.contains(&i));
        }
    }

    #[test]
    fn quotes_stay_inside_their_paragraphs(text in quotish()) {
        let p = Pipeline::new().unwrap();
        let a = p.analyze(&Article { text: text.clone(), ..Article::default() });
        for q in &a.quotes {
            prop_assert!(q.span.get(&text).is_some_and(|t| !t.is_empty()));
            prop_assert!(
                a.segmentation.paragraphs.iter().any(|para| para.contains(q.span)),
                "quote {:?} crosses a paragraph", q.span.get(&text)
            );
            if let Some(s) = q.speaker {
                prop_assert!(s.get(&text).is_some());
            }
        }
    }

    #[test]
    fn amounts_and_claims_slice_and_point_inside(text in newsish(), more in "[0-9$£%., a-z]{0,40}") {
        let text = format!("{text} {more}");
        let p = Pipeline::new().unwrap();
        let published = newsrake::input::parse_published("2025-03-12");
        let a = p.analyze(&Article { text: text.clone(), published, ..Article::default() });
        for m in &a.amounts {
            prop_assert!(m.span.get(&text).is_some_and(|t| !t.is_empty()));
            prop_assert!(m.value.is_finite());
        }
        for c in &a.claims {
            prop_assert!(c.sentence < a.segmentation.sentences.len());
            prop_assert!(c.subjects.len() <= 2);
            prop_assert!(c.subjects.iter().all(|&e| e < a.names.entities.len()));
            // The value lies in its sentence and slices the text.
            prop_assert!(a.segmentation.sentences[c.sentence].span.contains(c.span));
            prop_assert!(c.span.get(&text).is_some_and(|t| !t.is_empty()));
            match c.value {
                ClaimValue::Date(i) | ClaimValue::Duration(i) => prop_assert!(i < a.dates.len()),
                ClaimValue::Amount(i) => prop_assert!(i < a.amounts.len()),
                ClaimValue::AmountRange(i, j) => prop_assert!(i < j && j < a.amounts.len()),
                ClaimValue::Place(e) => prop_assert!(e < a.names.entities.len()),
                _ => {}
            }
        }
        // The comparison digest of any article can be made: one claim row per claim, each
        // with its whole sentence as evidence (a sentence is at most MAX_SENTENCE bytes), which
        // holds the value as written.
        let rules = newsrake::compare::TermRules::new().unwrap();
        let d = Digest::new(&Article { text: text.clone(), ..Article::default() }, &a, &rules);
        prop_assert_eq!(d.claims.len(), a.claims.len());
        for c in &d.claims {
            prop_assert!(c.evidence.len() <= newsrake::segment::MAX_SENTENCE);
            let squeezed: String = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(c.evidence.contains(&squeezed));
        }
    }

    #[test]
    fn analysis_never_panics(text in "\\PC{0,200}") {
        let p = Pipeline::new().unwrap();
        let a = p.analyze(&Article { text: text.clone(), ..Article::default() });
        for s in &a.segmentation.sentences {
            prop_assert!(s.span.get(&text).is_some());
        }
        for d in &a.dates {
            prop_assert!(d.span.get(&text).is_some_and(|t| !t.is_empty()));
        }
        let mut n = 0;
        tokenize(&text, Span::new(0, text.len()), |t| { n += 1; assert!(t.span.get(&text).is_some()); });
        prop_assert!(n >= a.words);
    }
}
