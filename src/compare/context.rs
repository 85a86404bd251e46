//! The context of a fact: what its value is about, as weighted word stems.
//!
//! A fact's value ("8,000", "June 30", "£1.2m") is aligned with another outlet's by what its
//! sentence says around it, the way quotations are aligned by their own words. The context
//! holds:
//! - the noun it counts or measures (the first content word after the value: "8,000
//!   *marchers*", "11 *crew*"), weighted most (the cue that gave the attribute is compared
//!   as the attribute itself, not here);
//! - the other content words and names of its sentence, weighted by nearness: a word `d`
//!   tokens from the value weighs `1 / (1 + d / 4)`, halved for each clause break between.
//!
//! Words are lower-cased, hyphenated compounds joined ("take-off" → "takeoff") and stemmed
//! with the Snowball English stemmer, so that "marched", "marchers" and "march" meet. Stop
//! words (`stopwords.txt`, shared with story grouping) never count. The comparison weighs
//! each stem by how rare it is in the run (IDF).
//!
//! **Qualifiers** (`qualifiers.txt`) are the words that make two quantities of one kind
//! different quantities: cruising against take-off speed, a minimum term against the
//! sentence, per share against the total. The qualifiers near a value are kept apart: two
//! facts whose qualifiers differ never contradict each other.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;

use crate::Error;
use crate::extract::names::Names;
use crate::rules::{List, Order};
use crate::segment::{TokenKind, tokenize};
use crate::span::Span;

/// Context words kept per fact, the heaviest first.
pub const MAX_CONTEXT: usize = 20;

/// The weight of the counted noun (a word next to the value weighs 1).
const NOUN_WEIGHT: f32 = 2.0;

/// What a value says of the words next to it, for its context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Governs {
    /// A count or an amount: the noun it counts says what it is ("8,000 marchers").
    Counted,
    /// An age: the noun it describes weighs as a counted noun ("the 12-year-old aircraft"),
    /// but is no unit (a "24-year-old man" may be the "31-year-old suspect").
    Described,
    /// Anything else (a date, a time, a length of time).
    Other,
}

/// Words before a number that modify it ("of about 8,000").
const MODIFIERS: &[&str] = &[
    "about",
    "almost",
    "around",
    "approximately",
    "nearly",
    "over",
    "roughly",
    "some",
    "than",
    "more",
    "up",
    "to",
    "least",
    "at",
    "just",
    "under",
];

/// Nouns that say nothing of what is counted ("a total of 900").
const GENERIC_NOUNS: &[&str] = &[
    "figure", "figures", "group", "maximum", "minimum", "number", "numbers", "rest", "sum",
    "total", "tally",
];

/// Nouns any count of people may take ("60,000 people turned out", "85,000 spectators"): no
/// counted noun of their own.
const ANY_PEOPLE: &[&str] = &["individuals", "people", "persons"];

/// How a qualifier that names whose estimate a count is begins (`by police`).
pub const ESTIMATE: &str = "by ";

/// True for a qualifier that names whose estimate a count is.
pub fn is_estimate(qualifier: &str) -> bool {
    qualifier.starts_with(ESTIMATE)
}

/// The party whose estimate of a count a sentence gives, for the words that name the two
/// that most often give their own ("police", "organisers").
fn estimator(w: &str) -> Option<&'static str> {
    match w {
        "police" => Some("police"),
        "organisers" | "organizers" | "organiser" | "organizer" => Some("organisers"),
        _ => None,
    }
}

/// Number words: never a counted noun ("eleven", "thousand").
const NUMBER_WORDS: &[&str] = &[
    "billion",
    "dozen",
    "dozens",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "half",
    "hundred",
    "hundreds",
    "million",
    "millions",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "thousands",
    "three",
    "twelve",
    "twenty",
    "two",
];

/// Tokens from the value within which a qualifier qualifies it.
const QUALIFIER_REACH: usize = 5;

/// What a unit measures: `money` (a currency code), `percent`, `distance`, `speed`,
/// `temperature`, `magnitude`, else `count` (a counted noun, `people`, or none). The one place
/// that says which units are measures; the comparison aligns facts of one dimension.
pub fn unit_dimension(unit: &str) -> &'static str {
    match unit {
        "percent" | "percentage points" => "percent",
        "km" | "miles" | "m" | "ft" => "distance",
        "mph" | "km/h" | "knots" => "speed",
        "celsius" | "fahrenheit" | "degrees" => "temperature",
        "magnitude" => "magnitude",
        u if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => "money",
        _ => "count",
    }
}

/// True for the unit of a count of specific things (`jobs`, `passengers`, `seats`): not a
/// currency, a measure or a percentage, and not the generic `people` or `items`.
pub fn is_count_unit(unit: &str) -> bool {
    unit_dimension(unit) == "count" && !matches!(unit, "" | "people" | "items")
}

/// One word of a fact's context.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextWord {
    /// The stem (an entity's key for a name).
    pub stem: String,
    /// The word as written, lower case (for `because`).
    pub word: String,
    /// Its weight for this fact (nearness, noun), before IDF.
    pub weight: f32,
}

/// What a fact's value is about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Weighted stems, heaviest first, at most [`MAX_CONTEXT`].
    pub words: Vec<ContextWord>,
    /// The stem of the noun the value counts or measures, if one follows it.
    pub noun: String,
    /// The qualifiers near the value, sorted.
    pub qualifiers: Vec<String>,
    /// Told as changed since an earlier report ("the toll rose to two": `updates.txt`).
    pub updated: bool,
    /// The time zone written with a clock time (`ET`, `GMT`: the TZ words of the dates
    /// lexicon), lower case; empty when none.
    pub zone: String,
}

/// The word lists and the stemmer. Build once, share across threads.
pub struct ContextRules {
    stop: FxHashSet<&'static str>,
    qualifiers: FxHashSet<&'static str>,
    /// Update words, and whether each counts only just before "to" and the value
    /// ("bringing the toll to two", not "bringing gusts of 80 mph").
    updates: rustc_hash::FxHashMap<&'static str, bool>,
    zones: FxHashSet<&'static str>,
    numbers: FxHashSet<&'static str>,
    /// Words of measures, currencies and percentages ("percent", "cent", "miles", "pounds"):
    /// the value's dimension already says them.
    units: FxHashSet<&'static str>,
    /// Words that stand for a concept in a context (`concepts.txt`: "blast" and "explosion").
    concepts: rustc_hash::FxHashMap<&'static str, String>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for ContextRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextRules")
            .field("stop", &self.stop.len())
            .field("qualifiers", &self.qualifiers.len())
            .finish()
    }
}

/// The most stems a thread remembers (about 2 MB).
const STEM_CACHE: usize = 1 << 15;

thread_local! {
    static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::default();
}

/// A token of the sentence, for the context.
struct Tok {
    span: Span,
    lower: String,
    word: bool,
    /// A clause break: `,`, `;`, `:`, a dash, a bracket.
    brk: bool,
    /// The last part of a hyphenated compound ("minister" of "ex-minister").
    tail: Option<String>,
    /// Its (stem, word as written) in a context: a name's entity key and name, a content
    /// word's stem; none for stop words and punctuation.
    key: Option<(String, String)>,
    /// The same for the compound's last part.
    tail_key: Option<(String, String)>,
}

/// A sentence read once for the contexts of its values (see [`ContextRules::sentence`]).
pub struct SentenceWords {
    toks: Vec<Tok>,
    /// `breaks[i]`: clause breaks among the first `i` tokens.
    breaks: Vec<u32>,
    /// The parties whose estimates the sentence names, as qualifiers (`by police`).
    estimates: Vec<String>,
}

impl ContextRules {
    /// Loads the built-in lists.
    pub fn new() -> Result<ContextRules, Error> {
        let stemmer = Stemmer::create(Algorithm::English);
        Ok(ContextRules {
            stop: super::stories::stop_words()?,
            qualifiers: List::parse(
                "compare/qualifiers.txt",
                include_str!("qualifiers.txt"),
                Order::Sorted,
            )?
            .words()
            .collect(),
            updates: List::parse(
                "compare/updates.txt",
                include_str!("updates.txt"),
                Order::Sorted,
            )?
            .words()
            .map(|w| match w.split_once('\t') {
                Some((w, _)) => (w, true),
                None => (w, false),
            })
            .collect(),
            zones: List::parse(
                "extract/dates/lexicon.txt",
                include_str!("../extract/dates/lexicon.txt"),
                Order::Sorted,
            )?
            .fields(3)?
            .into_iter()
            .filter(|(_, f)| f[1] == "TZ")
            .map(|(_, f)| f[0])
            .collect(),
            numbers: NUMBER_WORDS.iter().copied().collect(),
            units: List::parse(
                "extract/amounts/units.txt",
                include_str!("../extract/amounts/units.txt"),
                Order::SortedKeys,
            )?
            .fields(2)?
            .into_iter()
            .filter(|(_, f)| !is_count_unit(f[1]))
            .map(|(_, f)| f[0])
            .chain(["cent", "per", "percentage", "pct"])
            .collect(),
            concepts: List::parse(
                "compare/concepts.txt",
                include_str!("concepts.txt"),
                Order::SortedKeys,
            )?
            .fields(2)?
            .into_iter()
            .map(|(_, f)| (f[0], format!("~{}", f[1])))
            .collect(),
            stemmer,
        })
    }

    /// The stem of a lower-case word. Stems are remembered per thread (a word recurs across
    /// the sentences and articles a worker reads), at most [`STEM_CACHE`] at a time.
    pub fn stem(&self, w: &str) -> String {
        STEMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(s) = cache.get(w) {
                return s.to_string();
            }
            let s = self.stemmer.stem(w).into_owned();
            if cache.len() >= STEM_CACHE {
                cache.clear();
            }
            cache.insert(w.into(), s.as_str().into());
            s
        })
    }

    /// The context of the value at `value` in `sentence`; `counted` for a count or an
    /// amount, whose noun says what it counts. `unit` is the unit the amounts extractor
    /// normalised the noun to (`staff`, `workers` → `jobs`), if it is a specific one: then
    /// the noun is that unit, so that synonyms meet. Several values of one sentence: read the
    /// sentence once with [`ContextRules::sentence`] and call [`ContextRules::context_in`].
    pub fn context(
        &self,
        text: &str,
        sentence: Span,
        value: Span,
        governs: Governs,
        unit: &str,
        names: &Names,
    ) -> Context {
        self.context_in(&self.sentence(text, sentence, names), value, governs, unit)
    }

    /// A sentence read once for the contexts of all its values: tokens, each content word's
    /// stem (a name's entity key), and where the clause breaks are.
    pub fn sentence(&self, text: &str, sentence: Span, names: &Names) -> SentenceWords {
        let mut toks = self.tokens(text, sentence);
        let mentions = &names.mentions;
        let mut m = names.first_from(sentence.start());
        for t in toks.iter_mut().filter(|t| t.word) {
            while m < mentions.len() && mentions[m].span.end() <= t.span.start() {
                m += 1;
            }
            let in_name = m < mentions.len() && mentions[m].span.contains(t.span);
            t.key = if in_name {
                let e = &names.entities[mentions[m].entity];
                Some((e.key.clone(), e.name.to_lowercase()))
            } else if self.content(&t.lower) {
                Some((self.key_of(&t.lower), t.lower.clone()))
            } else {
                None
            };
            t.tail_key = t
                .tail
                .as_deref()
                .filter(|x| !in_name && self.content(x))
                .map(|x| (self.key_of(x), x.to_string()));
        }
        let mut breaks = Vec::with_capacity(toks.len() + 1);
        breaks.push(0);
        for t in &toks {
            breaks.push(breaks.last().copied().unwrap_or(0) + u32::from(t.brk));
        }
        let mut estimates: Vec<String> = toks
            .iter()
            .filter(|t| t.word)
            .filter_map(|t| estimator(&t.lower))
            .map(|by| format!("{ESTIMATE}{by}"))
            .collect();
        estimates.sort();
        estimates.dedup();
        SentenceWords {
            toks,
            breaks,
            estimates,
        }
    }

    /// The context of the value at `value` in a sentence read by [`ContextRules::sentence`]
    /// (see [`ContextRules::context`]).
    pub fn context_in(
        &self,
        sw: &SentenceWords,
        value: Span,
        governs: Governs,
        unit: &str,
    ) -> Context {
        let counted = governs == Governs::Counted;
        let toks = &sw.toks;
        // The value's token range.
        let first = toks
            .iter()
            .position(|t| t.span.end() > value.start())
            .unwrap_or(toks.len());
        let last = toks
            .iter()
            .rposition(|t| t.span.start() < value.end())
            .unwrap_or(first)
            .max(first);
        let mut out: Vec<ContextWord> = Vec::new();
        let mut qualifiers: Vec<String> = Vec::new();
        let mut updated = false;
        // "4:30 p.m. ET": a zone inside the value or just after it.
        let zone = toks[first.min(toks.len())..(last + 3).min(toks.len())]
            .iter()
            .find(|t| t.word && self.zones.contains(t.lower.as_str()))
            .map(|t| t.lower.clone())
            .unwrap_or_default();
        let mut noun = String::new();
        // The counted noun: the value's own last word ("8,000 marchers", "eleven crew
        // members"), else a word right after a bare number ("11 crew" where crew is no unit).
        let own = toks[first.min(toks.len())..(last + 1).min(toks.len())]
            .iter()
            .rev()
            .find(|t| t.word && self.content(&t.lower) && !self.numbers.contains(t.lower.as_str()));
        // "60,000 people": any count's noun, no evidence of what is counted (and no room for
        // another: "people turned out" counts no "turned").
        let people = |t: &Tok| t.word && ANY_PEOPLE.contains(&t.lower.as_str());
        let anyone = toks.get(last).is_some_and(people)
            || toks.get(last).is_some_and(|t| !t.word) && toks.get(last + 1).is_some_and(people);
        let after = || {
            let next = toks.get(last + 1)?;
            // After a number or a unit's word ("4.5 per cent pay offer").
            let bare = toks.get(last).is_some_and(|t| {
                !t.word
                    || self.numbers.contains(t.lower.as_str())
                    || self.units.contains(t.lower.as_str())
            });
            (bare && next.word && self.content(&next.lower)).then_some(next)
        };
        // "The 12-year-old aircraft": the noun an age describes.
        if governs == Governs::Described
            && let Some(t) = toks.get(last + 1).filter(|t| t.word)
            && let Some((stem, word)) = &t.key
        {
            out.push(ContextWord {
                stem: stem.clone(),
                word: word.clone(),
                weight: NOUN_WEIGHT,
            });
        }
        // "a crowd of 31,400", "an attendance of about 41,000": the noun before "of", for a
        // count (not "a depth of 35 km", "a fee of £8m").
        let before = || {
            if toks
                .get(last)
                .is_none_or(|t| t.word && self.units.contains(t.lower.as_str()))
                || toks[first..=last.min(toks.len() - 1)].iter().any(|t| {
                    !t.word
                        && t.lower
                            .chars()
                            .any(|c| !c.is_ascii_digit() && c != ',' && c != '.')
                })
            {
                return None;
            }
            let mut j = first;
            while j > 0 && MODIFIERS.contains(&toks[j - 1].lower.as_str()) {
                j -= 1;
            }
            (j >= 2 && toks[j - 1].lower == "of")
                .then(|| &toks[j - 2])
                .filter(|t| {
                    t.word && self.content(&t.lower) && !GENERIC_NOUNS.contains(&t.lower.as_str())
                })
        };
        let noun_tok = own
            .or_else(before)
            .or_else(after)
            .filter(|_| counted && !anyone);
        if let Some(t) = noun_tok {
            // A unit of a concept is the concept ("spectators" and "crowd").
            noun = if unit.is_empty() {
                self.key_of(&t.lower)
            } else {
                match self.concepts.get(unit) {
                    Some(c) => c.clone(),
                    None => format!("#{unit}"),
                }
            };
            out.push(ContextWord {
                stem: noun.clone(),
                word: t.lower.clone(),
                weight: NOUN_WEIGHT,
            });
        }
        let pre = &sw.breaks;
        for (k, t) in toks.iter().enumerate() {
            if (first..=last).contains(&k) || !t.word {
                continue;
            }
            let (d, breaks) = if k < first {
                (first - k - 1, pre[first] - pre[k])
            } else {
                (k - last - 1, pre[k + 1] - pre[last + 1])
            };
            if d < QUALIFIER_REACH && breaks == 0 {
                // Found as written, compared by stem: "including" meets "included".
                if self.qualifiers.contains(t.lower.as_str()) {
                    qualifiers.push(self.stem(&t.lower));
                }
                let to = first > 0 && toks[first - 1].lower == "to";
                updated |= counted
                    && k < first
                    && self
                        .updates
                        .get(t.lower.as_str())
                        .is_some_and(|&needs_to| to || !needs_to);
            }
            let Some(key) = &t.key else {
                continue;
            };
            let mut w = 1.0 / (1.0 + d as f32 / 4.0);
            w *= 0.5f32.powi(breaks.min(3) as i32);
            for (stem, word) in std::iter::once(key).chain(&t.tail_key) {
                match out.iter_mut().find(|x| x.stem == *stem) {
                    Some(x) => x.weight = x.weight.max(w),
                    None => out.push(ContextWord {
                        stem: stem.clone(),
                        word: word.clone(),
                        weight: w,
                    }),
                }
            }
        }
        out.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.stem.cmp(&b.stem))
        });
        out.truncate(MAX_CONTEXT);
        // Whose estimate a count is: the police's crowd and the organisers' are two figures.
        if counted {
            qualifiers.extend(sw.estimates.iter().cloned());
        }
        qualifiers.sort();
        qualifiers.dedup();
        Context {
            words: out,
            noun,
            qualifiers,
            updated,
            zone,
        }
    }

    /// A content word's key in a context: its concept ("~explosion" for "blast"), else its
    /// stem.
    fn key_of(&self, w: &str) -> String {
        match self.concepts.get(w) {
            Some(c) => c.clone(),
            None => self.stem(w),
        }
    }

    fn content(&self, w: &str) -> bool {
        w.chars().count() >= 3
            && w.starts_with(|c: char| c.is_alphabetic())
            && !self.stop.contains(w)
            && !self.units.contains(w)
    }

    /// The sentence's tokens, lower case, hyphenated compounds joined.
    fn tokens(&self, text: &str, sentence: Span) -> Vec<Tok> {
        let mut toks: Vec<Tok> = Vec::new();
        tokenize(text, sentence, |t| {
            let s = t.span.slice(text);
            let lower = s.to_lowercase();
            // "take-off", "non-parole": a hyphen with no space either side joins two words.
            if t.kind == TokenKind::Word
                && let [.., a, h] = &toks[..]
                && a.word
                && h.lower == "-"
                && a.span.end() == h.span.start()
                && h.span.end() == t.span.start()
            {
                let start = a.span.start();
                let joined = format!("{}{}", a.lower, lower);
                toks.truncate(toks.len() - 2);
                toks.push(Tok {
                    span: Span::new(start, t.span.end()),
                    lower: joined,
                    word: true,
                    brk: false,
                    tail: Some(lower),
                    key: None,
                    tail_key: None,
                });
                return;
            }
            let brk = t.kind == TokenKind::Punct
                && matches!(s, "," | ";" | ":" | "—" | "–" | "(" | ")" | "-");
            toks.push(Tok {
                span: t.span,
                word: t.kind == TokenKind::Word,
                brk,
                lower,
                tail: None,
                key: None,
                tail_key: None,
            });
        });
        toks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::names::Names;

    fn ctx(sentence: &str, value: &str) -> Context {
        let r = ContextRules::new().unwrap();
        let at = sentence.find(value).unwrap();
        r.context(
            sentence,
            Span::new(0, sentence.len()),
            Span::new(at, at + value.len()),
            Governs::Counted,
            "",
            &Names::default(),
        )
    }

    #[track_caller]
    fn stems(c: &Context) -> Vec<&str> {
        c.words.iter().map(|w| w.stem.as_str()).collect()
    }

    #[test]
    fn any_count_of_people_has_no_noun_of_its_own() {
        for value in ["60,000", "60,000 people"] {
            let c = ctx("Organisers said 60,000 people turned out.", value);
            assert_eq!(c.noun, "", "{value}: {:?}", stems(&c));
        }
        assert_eq!(
            ctx("Some 85,000 spectators lined the route.", "85,000").noun,
            "~crowd"
        );
    }

    #[test]
    fn the_counted_noun_weighs_most_and_stems_and_concepts_meet() {
        let c = ctx("Police said 8,000 strikers filled the square.", "8,000");
        assert_eq!(c.noun, "striker");
        assert_eq!(stems(&c)[0], "striker");
        let d = ctx("About 8,000 people went on strike.", "8,000");
        assert!(stems(&d).contains(&"~walkout"), "{d:?}");
        // Words of one concept meet ("marchers", "marched", "the crowd").
        let e = ctx("Police said 8,000 marchers filled the square.", "8,000");
        assert_eq!(e.noun, "~crowd");
        let f = ctx("About 8,000 people marched through the town.", "8,000");
        assert!(stems(&f).contains(&"~crowd"), "{f:?}");
        // The noun a count is "of" ("a crowd of 31,400"), never a measure's ("a depth of
        // 35 km") nor a word as vague as "total".
        assert_eq!(
            ctx("A crowd of 31,400 saw the final.", "31,400").noun,
            "~crowd"
        );
        assert_eq!(ctx("It struck at a depth of 35 km.", "35 km").noun, "");
        assert_ne!(ctx("A total of 900 were hurt.", "900").noun, "total");
    }

    #[test]
    fn nearer_words_weigh_more_and_clauses_part_them() {
        let c = ctx(
            "The liner carried 186 passengers, and the owner said its crew was safe.",
            "186",
        );
        let w = |s: &str| c.words.iter().find(|x| x.stem == s).map(|x| x.weight);
        assert!(w("passeng").unwrap() > w("liner").unwrap());
        assert!(w("liner").unwrap() > w("crew").unwrap(), "{c:?}");
    }

    #[test]
    fn qualifiers_near_the_value_are_kept_and_compounds_joined() {
        let c = ctx("It reached a cruising speed of 850 km/h.", "850 km/h");
        assert_eq!(c.qualifiers, vec!["cruis"]);
        let c = ctx("It reached its cruise speed of 850 km/h.", "850 km/h");
        assert_eq!(c.qualifiers, vec!["cruis"]);
        let d = ctx("Its take-off speed was 280 km/h.", "280 km/h");
        assert_eq!(d.qualifiers, vec!["takeoff"]);
        let e = ctx("He must serve a minimum of 10 years.", "10 years");
        assert_eq!(e.qualifiers, vec!["minimum"]);
        let g = ctx("It is worth £2.3bn once its debts are included.", "£2.3bn");
        assert_eq!(g.qualifiers, vec!["debt", "includ"]);
        let f = ctx("The offer values the company at £1.8bn.", "£1.8bn");
        assert!(f.qualifiers.is_empty());
    }
}
