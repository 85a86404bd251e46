//! Names: people, organisations, places and other named things (MISC), each article's
//! mentions merged into entities.
//!
//! Per sentence, capitalised runs are found (with name particles such as `von der`, `bin`,
//! `al-`, initials and `&`), leading titles are stripped as evidence, sentence-initial words are
//! kept only with evidence, and each run is typed from gazetteers, cue words and context. Then,
//! per article, mentions are merged into entities (full name, surname, title + surname,
//! acronym) and each entity gets one kind by vote. The word lists are data files beside this
//! module, loaded once into hash sets.

mod lists;
#[cfg(test)]
mod tests;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::Error;
use crate::segment::Segmentation;
use crate::span::Span;

use lists::Lists;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "UPPERCASE")]
pub enum NameKind {
    /// A person.
    Person,
    /// An organisation: company, institution, team, party, media.
    Org,
    /// A place: country, city, region, geographic feature.
    Place,
    /// Nationalities, peoples, events, works, prizes.
    Misc,
}

impl NameKind {
    /// The column value.
    pub fn name(self) -> &'static str {
        match self {
            NameKind::Person => "PERSON",
            NameKind::Org => "ORG",
            NameKind::Place => "PLACE",
            NameKind::Misc => "MISC",
        }
    }
}

/// A gender hint for pronoun resolution, from titles and given names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Not known.
    #[default]
    Unknown,
}

/// One mention of a name.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMention {
    /// The name as written, without title or possessive (bytes).
    pub span: Span,
    /// The entity's kind.
    pub kind: NameKind,
    /// Index into [`Names::entities`].
    pub entity: usize,
    /// The title before it, if any (`Mr.`, `President`).
    pub title: Option<Span>,
}

/// An article-level entity: the mentions that refer to the same one.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The canonical form: the fullest name used.
    pub name: String,
    /// One kind per entity per article.
    pub kind: NameKind,
    /// The cross-article key: case and diacritics folded, leading "the" dropped.
    pub key: String,
    /// Indices into [`Names::mentions`], in order.
    pub mentions: Vec<usize>,
    /// Distinct surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// A gender hint (persons only).
    pub gender: Gender,
}

/// The names of one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    /// Mentions, in text order.
    pub mentions: Vec<NameMention>,
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
}

impl Names {
    /// The index of the first mention that starts at or after byte `pos` (mentions are in text
    /// order): `mentions[..i]` start before it.
    pub fn first_from(&self, pos: usize) -> usize {
        self.mentions.partition_point(|m| m.span.start() < pos)
    }

    /// The mentions that overlap `span`, found by binary search: mentions never overlap one
    /// another, so those are one run.
    pub fn overlapping(&self, span: Span) -> &[NameMention] {
        let hi = self.first_from(span.end());
        let mut lo = hi;
        while lo > 0 && self.mentions[lo - 1].span.end() > span.start() {
            lo -= 1;
        }
        &self.mentions[lo..hi]
    }
}

/// The compiled name rules. Build once, share across threads.
#[derive(Debug)]
pub struct NameExtractor {
    lists: Lists,
    segmenter: crate::segment::Segmenter,
}

/// A word of a sentence, for name finding.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Starts with an upper-case letter (or is an initial such as `J.`).
    cap: bool,
    /// Letters only, all upper case (`NATO`, `U.N.`).
    upper: bool,
    /// Punctuation, not a word.
    punct: bool,
    /// Holds a letter; holds a digit.
    alpha: bool,
    digit: bool,
}

/// Evidence gathered for a run.
#[derive(Clone, Copy, Debug, Default)]
struct Evidence {
    person: bool,
    gender: Gender,
}

/// A typed run before merging.
#[derive(Clone, Debug)]
struct Found {
    span: Span,
    title: Option<Span>,
    kind: NameKind,
    /// How sure the kind is: 3 gazetteer or strong cue, 2 cue, 1 default.
    strength: u8,
    words: usize,
    gender: Gender,
    /// The kind holds for this mention alone and casts no vote for its entity: a venue or a
    /// dateline town whose name elsewhere stands for its team.
    local: bool,
}

/// What a sentence's names are read against: words seen capitalised inside sentences, names
/// known from the article's own sentences, and whether the sentence (or the whole article) is
/// about sport.
type Ctx<'a, 'b> = (
    &'a FxHashSet<&'b str>,
    &'a FxHashMap<String, NameKind>,
    bool,
    &'b str,
);

/// Connecting particles allowed inside a name when a capitalised word follows.
const PARTICLES: [&str; 22] = [
    "von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "des", "la", "le", "dos",
    "das", "bin", "ibn", "al", "el", "y", "ter", "zu",
];

/// Abbreviations whose stop belongs to them inside a name ("Acme Ltd.", "Martin Luther King Jr.").
const ABBREVIATIONS: [&str; 10] = [
    "Inc", "Ltd", "Corp", "Co", "Jr", "Sr", "St", "Bros", "Mt", "Ft",
];

/// Legal forms that may be left off a company's name ("Acme Ltd." is "Acme").
const LEGAL_SUFFIXES: [&str; 10] = [
    "ltd", "inc", "plc", "corp", "co", "llc", "ag", "sa", "nv", "gmbh",
];

/// Words before a single unknown name that suggest a place.
const PLACE_CUES: [&str; 10] = [
    "in", "near", "at", "from", "outside", "across", "into", "to", "towards", "via",
];

/// Nouns before "of" and a place's name ("the town of Brastova").
const TOWN_NOUNS: [&str; 12] = [
    "town", "village", "city", "hamlet", "region", "province", "district", "island", "port",
    "suburb", "county", "state",
];

/// Facilities named after their place ("its Harwick depot", "the Selby plant").
const FACILITY_NOUNS: [&str; 14] = [
    "depot",
    "plant",
    "yard",
    "factory",
    "site",
    "mine",
    "works",
    "terminal",
    "shipyard",
    "mill",
    "warehouse",
    "campus",
    "base",
    "branch",
];

/// Nouns after a name that show it is a place, whatever else it is: "the Pamir mountains",
/// "the Kosevo stadium", "the al-Ram checkpoint", "the Berlin grand prix", "the Moscow club"
/// (a club from Moscow: the name is the town's), "Tokyo stock prices".
const PLACE_NOUNS: [&str; 22] = [
    "airport",
    "arena",
    "camp",
    "checkpoint",
    "church",
    "circuit",
    "club",
    "district",
    "grand",
    "marathon",
    "mountains",
    "prices",
    "prison",
    "province",
    "region",
    "river",
    "sanatorium",
    "side",
    "stadium",
    "stock",
    "valley",
    "velodrome",
];

/// Words after a name that suggest a speaker (a person or an organisation).
const SPEECH_CUES: [&str; 6] = ["said", "says", "told", "added", "stated", "argued"];

/// The kinds in the order of `NameKind as usize`, for votes counted by kind.
const KINDS: [NameKind; 4] = [
    NameKind::Person,
    NameKind::Org,
    NameKind::Place,
    NameKind::Misc,
];

impl NameExtractor {
    /// Loads the built-in lists.
    pub fn new() -> Result<NameExtractor, Error> {
        Ok(NameExtractor {
            lists: Lists::load()?,
            segmenter: crate::segment::Segmenter::new()?,
        })
    }

    /// The gender hint of a given name (for pronoun resolution elsewhere).
    pub fn given_name_gender(&self, name: &str) -> Gender {
        self.lists.given_gender(name)
    }

    /// The names in `text`, segmenting it first (use [`NameExtractor::extract`] when the
    /// segmentation is at hand).
    pub fn extract_text(&self, text: &str) -> Names {
        self.extract(text, &self.segmenter.segment(text))
    }

    /// The names in `text`, merged into entities.
    pub fn extract(&self, text: &str, seg: &Segmentation) -> Names {
        // Every sentence is tokenised once; `bounds` holds each sentence's words.
        // About one word for every six bytes of news text: grown once, not word by word.
        let mut words = Vec::with_capacity(text.len() / 6 + 16);
        let mut bounds = Vec::with_capacity(seg.sentences.len());
        let mut found = Vec::new();
        // Words seen capitalised inside sentences: evidence for the same word at a start.
        let mut mid_caps: FxHashSet<&str> = FxHashSet::default();
        let mut shouting = Vec::with_capacity(seg.sentences.len());
        let mut datelines = Vec::with_capacity(seg.sentences.len());
        for s in &seg.sentences {
            let from = words.len();
            tokenize(text, s.span, &mut words);
            let sentence = &words[from..];
            // A wire dateline ("NEW YORK, N.Y. (AP) —") is no part of its sentence: neither
            // a headline's capitals nor a word inside the sentence.
            let dateline = self.wire_dateline(sentence);
            let body = dateline.as_ref().map_or(0, |d| d.body);
            let loud = is_headline(&sentence[body..]);
            shouting.push(loud);
            datelines.push(dateline);
            if !loud && sentence.iter().any(|w| w.cap) {
                // A capitalised word after another word of the sentence (not after a quote).
                let mut seen_word = false;
                for (k, w) in sentence.iter().enumerate().skip(body) {
                    // A word inside a government body's name ("Department for Business and
                    // Trade") is no evidence that the word alone is a name.
                    let in_body = k >= 2
                        && matches!(sentence[k - 1].text, "for" | "and")
                        && sentence[k.saturating_sub(5)..k - 1]
                            .iter()
                            .any(|b| is_body_head(b.text));
                    if w.cap && !w.punct && seen_word && !in_body {
                        mid_caps.insert(w.text);
                    }
                    // "Corvane Foods …": the first word of an organisation's name is evidence
                    // for that word alone ("Corvane already holds …").
                    if w.cap
                        && !w.punct
                        && (k == 0 || !sentence[k - 1].cap || sentence[k - 1].punct)
                        && sentence.get(k + 1).is_some_and(|n| {
                            n.cap && !n.punct && self.lists.org_heads.contains(n.text)
                        })
                        && !self.lists.stopcaps.contains(w.text)
                    {
                        mid_caps.insert(w.text);
                    }
                    seen_word |= !w.punct;
                }
            }
            bounds.push(from..words.len());
        }
        // A sports report: towns and counties are teams throughout, not only on score lines.
        // A table of figures is a sports table only in an article that shows sport elsewhere
        // (a score, a word of match reports): market tables and bond listings are not.
        let evidence: Vec<Sport> = bounds
            .iter()
            .map(|r| is_sports(&words[r.clone()]))
            .collect();
        let sport_shown = evidence.contains(&Sport::Shown);
        let sports_of: Vec<bool> = evidence
            .iter()
            .map(|&e| e == Sport::Shown || e == Sport::Table && sport_shown)
            .collect();
        let sporty = sports_of.iter().filter(|&&x| x).count();
        let sports_doc = sporty >= 3 && sporty * 4 >= bounds.len();
        let mut known: FxHashMap<String, NameKind> = FxHashMap::default();
        let any_shouting = shouting.iter().any(|&x| x);
        // Normal sentences first, then headlines and tables, which only take known names.
        for pass in [false, true] {
            for (si, range) in bounds.iter().enumerate() {
                if shouting[si] != pass {
                    continue;
                }
                let sentence = &words[range.clone()];
                if !sentence.iter().any(|w| w.cap) {
                    continue;
                }
                let before = found.len();
                let ctx = (&mid_caps, &known, sports_doc || sports_of[si], text);
                if let Some(d) = &datelines[si] {
                    let found_at = |r: std::ops::Range<usize>, kind| Found {
                        span: Span::new(sentence[r.start].start, sentence[r.end - 1].end),
                        title: None,
                        kind,
                        strength: 4,
                        words: r.len(),
                        gender: Gender::Unknown,
                        local: false,
                    };
                    found.push(found_at(d.town.clone(), NameKind::Place));
                    if let Some(k) = d.state {
                        found.push(found_at(k..k + 1, NameKind::Place));
                    }
                    if let Some(a) = d.agency.clone() {
                        found.push(found_at(a, NameKind::Org));
                    }
                    self.sentence(&sentence[d.body..], pass, ctx, &mut found);
                } else {
                    self.sentence(sentence, pass, ctx, &mut found);
                }
                if !pass && any_shouting {
                    for f in found[before..].iter().filter(|f| !f.local) {
                        known.entry(fold(&text[f.span.range()])).or_insert(f.kind);
                    }
                }
            }
        }
        found.sort_by_key(|f| f.span.start());
        merge(text, found)
    }

    fn sentence(&self, words: &[Word<'_>], loud: bool, ctx: Ctx<'_, '_>, out: &mut Vec<Found>) {
        let mut i = 0;
        let mut quotes = 0usize;
        while i < words.len() {
            let w = &words[i];
            if is_double_quote(w.text) {
                quotes += 1;
                // An opening mark inside the sentence may hold a title: "the 1992 film " The
                // Crying Game "", "in " Lawrence of Arabia "".
                if quotes % 2 == 1
                    && !loud
                    && let Some((a, b, close)) = quoted_title(words, i)
                {
                    out.push(Found {
                        span: Span::new(words[a].start, words[b - 1].end),
                        title: None,
                        kind: NameKind::Misc,
                        strength: 3,
                        words: b - a,
                        gender: Gender::Unknown,
                        local: false,
                    });
                    quotes += 1;
                    i = close + 1;
                    continue;
                }
            }
            if !w.cap || w.punct {
                i += 1;
                continue;
            }
            // A run of capitalised words, with particles and `&` between them.
            let start = i;
            let mut end = i + 1;
            while end < words.len() {
                let n = &words[end];
                // A weekday ends a name: "will meet Foreign Minister Jose Miguel Insulza
                // Monday".
                if is_weekday(n.text) && !loud {
                    break;
                }
                // An adjective made of a name ends its run: "Ontario-based Magna",
                // "Communist-led CGT" are two names.
                if self.lists.is_name_adjective(words[end - 1].text) {
                    break;
                }
                if n.cap && !n.punct {
                    end += 1;
                } else if n.text == "and"
                    && self
                        .title_run(words, self.title_tail(words, start, end), words.len())
                        .is_some_and(|k| k > end + 1)
                {
                    // "Economic and Fiscal Policy Minister Heizo Takenaka": one title.
                    end += 1;
                } else if matches!(n.text, "for" | "and" | "on")
                    && self.body_joins(&words[start..end], n.text)
                    && !words.get(end + 1).is_some_and(|x| is_weekday(x.text))
                    && words.get(end + 1).is_some_and(|x| x.cap && !x.punct)
                {
                    // "Department for Business and Trade", "Ministry of Housing and Local
                    // Government": a government body keeps its full name.
                    end += 2;
                } else if PARTICLES.contains(&n.text) || n.text == "&" || n.text == "of" {
                    // A chain of particles ("von der") must lead to a capitalised word.
                    let mut k = end;
                    while words.get(k).is_some_and(|x| PARTICLES.contains(&x.text)) {
                        k += 1;
                    }
                    if k == end {
                        k += 1; // "&" or "of"
                    }
                    let leads = words.get(k).is_some_and(|x| x.cap && !x.punct);
                    if leads && (n.text != "of" || self.of_joins(&words[start..end])) {
                        end = k + 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            self.run(words, start, end, loud, ctx, out);
            i = end;
        }
    }

    /// `for` joins after the head of a government body ("Department for Education"); `and`
    /// joins inside such a name once `of` or `for` has ("Department for Business and Trade").
    fn body_joins(&self, before: &[Word<'_>], connector: &str) -> bool {
        let is_body = |w: &Word<'_>| is_body_head(w.text);
        match connector {
            "for" => before.last().is_some_and(is_body),
            // "Commission on Presidential Debates", "Council on Foreign Relations".
            "on" => before.last().is_some_and(|w| {
                matches!(
                    w.text,
                    "Commission" | "Committee" | "Council" | "Conference"
                )
            }),
            _ => before
                .iter()
                .rposition(|w| matches!(w.text, "of" | "for"))
                .is_some_and(|i| i > 0 && is_body(&before[i - 1]) && before.len() - i <= 3),
        }
    }

    /// "Bank of England", "University of Texas": `of` joins after an institution or place head.
    fn of_joins(&self, before: &[Word<'_>]) -> bool {
        before.last().is_some_and(|w| {
            self.lists.org_heads.contains(w.text)
                || self.lists.misc_heads.contains(w.text)
                || matches!(
                    w.text,
                    "Republic"
                        | "Kingdom"
                        | "Isle"
                        | "Gulf"
                        | "Bay"
                        | "Sea"
                        | "Cape"
                        | "Straits"
                        | "Duke"
                        | "Prince"
                        | "Princess"
                        | "Queen"
                        | "King"
                )
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        words: &[Word<'_>],
        mut start: usize,
        end: usize,
        loud: bool,
        ctx: Ctx<'_, '_>,
        out: &mut Vec<Found>,
    ) {
        let (mid_caps, known, sports_doc, text) = ctx;
        let l = &self.lists;
        // A title inside the run ("Chicago Cardinal Joseph Bernardin", "Palmer Fire & Rescue
        // Chief John McNutt", "Bank of England Governor Mervyn King"): what comes before it is
        // a name of its own (the see, the service, the bank), the title is a role, and the
        // person follows it.
        if !loud && let Some(k) = self.inner_title(words, start, end) {
            self.run(words, start, k, loud, ctx, out);
            return self.run(words, k, end, loud, ctx, out);
        }
        let mut ev = Evidence::default();
        // Leading titles: "Prime Minister", "Mr.", "Sen." — evidence, not part of the name,
        // unless what follows is an organisation ("General Motors").
        let mut t = start;
        while t < end {
            match self.title_run(words, t, end) {
                Some(k) => t = k,
                None => break,
            }
        }
        // A role noun opening the sentence before a name ("Actress Maya Ferrante", "Prosecutor
        // Daniel Frayne") is a title too.
        let opens = self.opens_sentence(words, start);
        if t == start
            && opens
            && end - start >= 2
            && l.roles.contains(words[start].text.to_lowercase().as_str())
            && !l.is_head(words[end - 1].text)
        {
            t = start + 1;
        }
        let mut title = None;
        if t > start && t < end {
            let last = words[end - 1].text;
            // "Major League Baseball": a head word right after the title makes it none.
            let rest_thing = l.is_head(last) || l.is_head(words[t].text);
            if !rest_thing {
                ev.person = true;
                for w in &words[start..t] {
                    let g = l.titles.get(w.text).copied().unwrap_or_default();
                    if g != Gender::Unknown {
                        ev.gender = g;
                    }
                }
                title = Some(Span::new(words[start].start, words[t - 1].end));
                start = t;
            }
        } else if t == end {
            return; // titles alone ("the Prime Minister")
        }
        // A lone letter ("N", "B" in tables) is not a name.
        if end - start == 1 && words[start].text.chars().count() == 1 {
            return;
        }
        // Leading stop words ("The", "In", "But"). Not a word that opens a firm's name inside
        // a sentence: "at First Albany Corp.", "from Second National Bank".
        let firm_opener = |i: usize| {
            let w = words[i].text;
            end - i >= 3
                && l.org_heads.contains(words[end - 1].text)
                && !matches!(w, "The" | "A" | "An")
                && w.chars().skip(1).any(char::is_lowercase)
                && !self.opens_sentence(words, i)
        };
        while start < end && l.stopcaps.contains(words[start].text) && !firm_opener(start) {
            start += 1;
        }
        if start >= end {
            return;
        }
        // Plural initials are things: "PCs", "DVDs", "MPs".
        if end - start == 1 && is_plural_initials(words[start].text) {
            return;
        }
        // A capitalised adjective opening the sentence before a name ("Controversial
        // Australian Anthony Hill", "Brazilian-born Luis Oliveira", "Ex-Yankee Randy Velarde"):
        // not part of it. Only an unknown word, not seen capitalised inside sentences.
        if end - start >= 3 && title.is_none() {
            let opens_sentence = self.opens_sentence(words, start);
            let first = words[start].text;
            let unknown = !mid_caps.contains(first)
                && !l.given.contains_key(first)
                && !l.is_surname(first)
                && l.place_kind(first).is_none()
                && !l.org_heads.contains(first)
                && !l.demonyms.contains(first);
            let second = words[start + 1].text;
            let adjective = first.ends_with("-born")
                || first.starts_with("Ex-")
                || unknown && (l.given.contains_key(second) || l.demonyms.contains(second));
            if opens_sentence && adjective && !loud {
                return self.run(words, start + 1, end, loud, ctx, out);
            }
        }
        // A nationality before a title or a name: "Russian Prime Minister Viktor
        // Chernomyrdin", "American Dennis Mitchell": the nationality is a name of its own.
        // Not when the run ends on an organisation's head: "the Scottish Labour Party", "the
        // Iraqi News Agency" are one name.
        if end - start > 1
            && l.demonyms.contains(words[start].text)
            && !loud
            && !(end - start > 2
                && (l.org_heads.contains(words[end - 1].text)
                    || l.misc_heads.contains(words[end - 1].text)))
            && (l.is_title(words[start + 1].text)
                || l.given.contains_key(words[start + 1].text)
                || end - start > 2)
        {
            out.push(Found {
                span: Span::new(words[start].start, words[start].end),
                title: None,
                kind: NameKind::Misc,
                strength: 3,
                words: 1,
                gender: Gender::Unknown,
                local: false,
            });
            return self.run(words, start + 1, end, loud, ctx, out);
        }
        // A role noun just before: "actress Imogen Poots", "chief executive Margaret Okafor".
        if start > 0 && l.roles.contains(words[start - 1].text) {
            ev.person = true;
        }
        // A role in apposition after it: "Naoki Iizuka, senior economist at …", "Rhys Pell, a
        // spokesman for …". Not a town ("in Paris, an analyst said") nor a known firm.
        if !ev.person
            && !start
                .checked_sub(1)
                .is_some_and(|i| PLACE_CUES.contains(&words[i].text))
            && self.role_after(words, end)
        {
            let joined = join(&words[start..end].iter().map(|w| w.text).collect::<Vec<_>>());
            if l.place_kind(&joined).is_none()
                && !l.orgs.contains(joined.as_str())
                && !l.is_head(words[end - 1].text)
            {
                ev.person = true;
            }
        }
        let sentence_start = self.opens_sentence(words, start);
        if sentence_start && title.is_none() && !ev.person && !loud {
            let first = words[start].text;
            let adverb = end - start == 1 && first.ends_with("ly");
            // A table's row ("Barnsley 3 3 0 0 8 2 9") opens with its team.
            let row = sports_doc && words.get(end).is_some_and(|w| is_integer(w.text));
            let evidence = !adverb && end - start > 1
                || row
                || mid_caps.contains(first)
                || l.place_kind(first).is_some()
                || l.demonyms.contains(first)
                || l.given.contains_key(first);
            if !evidence {
                start += 1;
                if start >= end {
                    return;
                }
            }
        }
        let text_of = |a: usize, b: usize| -> (usize, usize) { (words[a].start, words[b - 1].end) };
        let (s, e) = text_of(start, end);
        let span = Span::new(s, e);
        let name_words: Vec<&str> = words[start..end].iter().map(|w| w.text).collect();
        // The words one space apart: the text itself when it writes them so.
        let spaced = words[start..end]
            .windows(2)
            .all(|p| p[1].start == p[0].end + 1 && text.as_bytes()[p[0].end] == b' ');
        let joined: std::borrow::Cow<'_, str> = if spaced {
            std::borrow::Cow::Borrowed(&text[s..e])
        } else {
            std::borrow::Cow::Owned(join(&name_words))
        };
        if loud {
            // Headlines and tables: only names known from the text or the gazetteers, taken
            // as the longest known stretch at each word ("NEWS FROM LONDON" → "LONDON").
            let mut i = start;
            while i < end {
                let mut hit = None;
                for j in (i + 1..=end.min(i + 4)).rev() {
                    let ws: Vec<&str> = words[i..j].iter().map(|w| w.text).collect();
                    if let Some(kind) = self.known_kind(&join(&ws), known, words, sports_doc) {
                        hit = Some((j, kind));
                        break;
                    }
                }
                match hit {
                    Some((j, mut kind)) => {
                        // A dateline's place ("LONDON 1996-08-30") is surely the place, even
                        // where the town's team is named throughout; so is a venue after "AT"
                        // in a schedule ("KANSAS CITY AT DETROIT": Kansas City's team plays in
                        // Detroit).
                        let ws: Vec<&str> = words[i..j].iter().map(|w| w.text).collect();
                        let joined = join(&ws);
                        let gazetteer = l.place_kind(&joined).is_some()
                            || l.place_kind(&title_case(&joined)).is_some();
                        let venue = i > 0
                            && PLACE_CUES
                                .iter()
                                .any(|c| words[i - 1].text.eq_ignore_ascii_case(c))
                            && gazetteer;
                        let dateline = i == 0 && gazetteer && is_dateline(words);
                        let local = (dateline || venue) && kind != NameKind::Place;
                        if dateline || venue {
                            kind = NameKind::Place;
                        }
                        let dateline = dateline || venue;
                        out.push(Found {
                            span: Span::new(words[i].start, words[j - 1].end),
                            title: if i == start { title } else { None },
                            kind,
                            strength: if dateline { 4 } else { 2 },
                            words: j - i,
                            gender: Gender::Unknown,
                            local,
                        });
                        i = j;
                    }
                    None => i += 1,
                }
            }
            return;
        }
        // A generic head word alone ("Council", "Street", "Cup") is not a name.
        if name_words.len() == 1
            && title.is_none()
            && (l.org_heads.contains(&*joined)
                || l.misc_heads.contains(&*joined)
                || l.place_last.contains(&*joined))
        {
            return;
        }
        let (kind, strength) =
            self.classify(words, (start, end), &name_words, &joined, ev, sports_doc);
        let gender = match (kind, ev.gender) {
            (NameKind::Person, Gender::Unknown) => l.given_gender(name_words[0]),
            (_, g) => g,
        };
        // A title that opens with its number ("28 Weeks Later") keeps it; so does an event
        // that opens with its year ("the 1998 World Cup", "the 1993 BellSouth Classic").
        let year_before = start >= 1
            && words[start - 1].text.len() == 4
            && words[start - 1]
                .text
                .parse::<u16>()
                .is_ok_and(|y| (1800..=2199).contains(&y))
            && l.misc_heads.contains(name_words[name_words.len() - 1]);
        let span = if kind == NameKind::Misc
            && start >= 1
            && is_integer(words[start - 1].text)
            && (l.work_number.contains(words[start].text) || year_before)
        {
            Span::new(words[start - 1].start, span.end())
        } else {
            span
        };
        out.push(Found {
            span,
            title,
            kind,
            strength,
            words: end - start,
            gender,
            // On a sports page a venue or a town before a place noun is the town for this
            // mention only: elsewhere its name stands for the team.
            local: sports_doc && kind == NameKind::Place && strength >= 4,
        });
    }

    /// The kind of a name in a headline or table: known from the article's own sentences, or
    /// from the gazetteers (a town or state on a sports line is its team).
    fn known_kind(
        &self,
        joined: &str,
        known: &FxHashMap<String, NameKind>,
        words: &[Word<'_>],
        sports_doc: bool,
    ) -> Option<NameKind> {
        let l = &self.lists;
        let titled = title_case(joined);
        let place = l.place_kind(joined).or_else(|| l.place_kind(&titled));
        let kind = known
            .get(&fold(joined))
            .copied()
            .or_else(|| place.map(|_| NameKind::Place))
            .or_else(|| l.orgs.contains(joined).then_some(NameKind::Org))
            .or_else(|| {
                (!joined.contains(' ') && l.demonyms.contains(titled.as_str()))
                    .then_some(NameKind::Misc)
            });
        match kind {
            Some(NameKind::Place)
                if sports_doc
                    && !is_dateline(words)
                    && place != Some(lists::PlaceKind::Country) =>
            {
                Some(NameKind::Org)
            }
            k => k,
        }
    }

    /// A nationality or people: listed ("German"), plural ("Armenians"), or made from a place
    /// name ("Zairean", "Guinean", "Kenyan").
    fn is_demonym(&self, w: &str) -> bool {
        let l = &self.lists;
        if l.demonyms.contains(w) {
            return true;
        }
        let singular = w.strip_suffix('s').unwrap_or(w);
        if singular != w && l.demonyms.contains(singular) {
            return true;
        }
        let Some(stem) = singular.strip_suffix('n') else {
            return false;
        };
        let place = |p: &str| l.place_kind(p).is_some_and(|k| k != lists::PlaceKind::City);
        place(stem)
            || stem
                .strip_suffix('a')
                .is_some_and(|x| place(x) || place(&format!("{x}e")))
            || stem
                .strip_suffix("ia")
                .is_some_and(|x| place(&format!("{x}a")))
    }

    /// The title of a work (`work_cues.txt`): "she starred in Happy Valley", "The Things
    /// Heard & Seen actor", "28 Weeks Later". Never a known place ("the Wales star" plays for
    /// Wales), a name owning what follows ("starred in Jean-Pierre Jeunet's film"), or on a
    /// sports page, where "the Wigan star" is a team's.
    fn is_work(
        &self,
        words: &[Word<'_>],
        (start, end): (usize, usize),
        known_place: bool,
        sports_doc: bool,
    ) -> bool {
        let l = &self.lists;
        let owner = words
            .get(end)
            .is_some_and(|w| matches!(w.text, "'s" | "’s" | "'S" | "’S"));
        if sports_doc || owner || known_place {
            return false;
        }
        let lower = |i: usize| words.get(i).filter(|w| !w.cap && w.alpha).map(|w| w.text);
        let before_in = start >= 2
            && words[start - 1].text == "in"
            && lower(start - 2).is_some_and(|w| l.work_before.contains(w));
        let after = lower(end).is_some_and(|w| l.work_after.contains(w))
            && start >= 1
            && matches!(words[start - 1].text, "the" | "The");
        let after_number = start >= 1
            && !words[start - 1].text.is_empty()
            && words[start - 1].text.bytes().all(|b| b.is_ascii_digit())
            && l.work_number.contains(words[start].text);
        before_in || after || after_number
    }

    /// Whether `words[start]` opens its sentence: nothing but marks and stop words before it.
    fn opens_sentence(&self, words: &[Word<'_>], start: usize) -> bool {
        words[..start]
            .iter()
            .all(|w| w.punct || self.lists.stopcaps.contains(w.text))
    }

    /// The end of the title at `words[at..end]`: title words, with portfolios before them
    /// and `and` between ("Prime Minister", "Transport Minister", "Economic and Fiscal Policy
    /// Minister"). A portfolio is a title only before one.
    fn title_run(&self, words: &[Word<'_>], at: usize, end: usize) -> Option<usize> {
        let l = &self.lists;
        let word = |k: usize| l.is_title(words[k].text) || l.portfolios.contains(words[k].text);
        let mut k = at;
        let mut title_end = None;
        while k < end {
            if word(k) {
                if l.is_title(words[k].text) {
                    title_end = Some(k + 1);
                }
                k += 1;
            } else if words[k].text == "and" && k > at && k + 1 < end && word(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        title_end
    }

    /// Whether `words[end..]` is a comma and a role ("…, senior economist at", "…, a
    /// spokesman for"): up to three lower-case words, the role among them last, and no name
    /// after it (in "Acme, chairman Jo Hale said" the role is Hale's).
    fn role_after(&self, words: &[Word<'_>], end: usize) -> bool {
        if words.get(end).is_none_or(|w| w.text != ",") {
            return false;
        }
        let lower = |i: usize| {
            words.get(i).is_some_and(|w| {
                !w.cap
                    && w.alpha
                    && !matches!(
                        w.text,
                        "where"
                            | "when"
                            | "who"
                            | "whose"
                            | "which"
                            | "while"
                            | "as"
                            | "and"
                            | "but"
                            | "or"
                            | "said"
                            | "says"
                            | "told"
                    )
            })
        };
        let mut k = end + 1;
        while k < end + 4 && lower(k) {
            if self.lists.roles.contains(words[k].text) {
                return words.get(k + 1).is_none_or(|w| !w.cap || w.punct)
                    && !words
                        .get(k + 1)
                        .is_some_and(|w| w.text == "'s" || w.text == "\u{2019}s");
            }
            k += 1;
        }
        false
    }

    /// Where the title and portfolio words that end `words[start..end]` begin.
    fn title_tail(&self, words: &[Word<'_>], start: usize, end: usize) -> usize {
        let l = &self.lists;
        let mut k = end;
        while k > start && {
            let w = words[k - 1].text;
            l.is_title(w) || l.portfolios.contains(w)
        } {
            k -= 1;
        }
        k
    }

    /// Where a title begins inside the run `words[start..end]`, when a person's name follows
    /// it: not at the start (leading titles are handled by `run`), not after another title
    /// word, and not before an institution's head ("General Motors", "Coach Holdings").
    fn inner_title(&self, words: &[Word<'_>], start: usize, end: usize) -> Option<usize> {
        let l = &self.lists;
        let is_title = |w: &str| l.is_title(w) || l.portfolios.contains(w);
        if end - start < 3 || is_title(words[start].text) {
            return None;
        }
        let k = (start + 1..end - 1)
            .find(|&k| self.title_run(words, k, end).is_some() && !is_title(words[k - 1].text))?;
        let t = self.title_run(words, k, end)?;
        let last = words[end - 1].text;
        let suffix = |w: &str| matches!(w.trim_end_matches('.'), "Jr" | "Sr" | "II" | "III" | "IV");
        // "Martin Luther King Jr.", "Larry King Live": a surname that is also a title, in a
        // name that opens with a given name.
        let surname_title = l.is_surname(words[k].text) && l.given.contains_key(words[start].text);
        let person = t < end
            && !suffix(words[t].text)
            && !surname_title
            && !l.org_heads.contains(last)
            && !l.misc_heads.contains(last)
            && words[t].cap
            && !words[k - 1].punct
            && !matches!(words[k - 1].text, "of" | "and" | "&" | "de" | "the");
        person.then_some(k)
    }

    /// Whether the words around `words[start..end]` name it as an organisation.
    /// Whether the two words before `words[start]` are a two-word cue of `org_cues.txt`
    /// ("shares in", "stake in"); the first may open the sentence ("Shares in Elan fell").
    fn two_word_cue(&self, words: &[Word<'_>], start: usize) -> bool {
        start >= 2
            && words[start - 1].alpha
            && !words[start - 1].cap
            && words[start - 2].alpha
            && self.lists.org_before.contains(
                format!(
                    "{} {}",
                    words[start - 2].text.to_lowercase(),
                    words[start - 1].text
                )
                .as_str(),
            )
    }

    fn org_cue(&self, words: &[Word<'_>], (start, end): (usize, usize)) -> bool {
        let l = &self.lists;
        let lower = |i: usize| words.get(i).filter(|w| !w.cap && w.alpha).map(|w| w.text);
        let before = |start: usize| {
            start
                .checked_sub(1)
                .and_then(lower)
                .is_some_and(|w| l.org_before.contains(w))
                || self.two_word_cue(words, start)
        };
        // A cue before the first of two names holds for both: "shares in Elan and Biogen
        // Idec".
        let coordinated = || {
            start >= 2
                && matches!(words[start - 1].text, "and" | "or")
                && words[start - 2].cap
                && !words[start - 2].punct
                && {
                    let mut k = start - 2;
                    while k > 0 && words[k - 1].cap && !words[k - 1].punct {
                        k -= 1;
                    }
                    before(k)
                }
        };
        before(start) || lower(end).is_some_and(|w| l.org_after.contains(w)) || coordinated()
    }

    fn classify(
        &self,
        words: &[Word<'_>],
        (start, end): (usize, usize),
        name: &[&str],
        joined: &str,
        ev: Evidence,
        sports_doc: bool,
    ) -> (NameKind, u8) {
        let l = &self.lists;
        let n = name.len();
        let last = name[n - 1];
        let prev = start.checked_sub(1).map(|i| words[i].text);
        let next = words.get(end).map(|w| w.text);
        if ev.person {
            return (NameKind::Person, 3);
        }
        // "Oshkosh, Wis.", "Austin, TX", "Kennebunkport, Maine": a town, then its state after a
        // comma, are both places, whatever else the town's name is.
        let word_at = |i: usize| words.get(i).filter(|w| w.cap && !w.punct).map(|w| w.text);
        let state_at = |i: usize| {
            word_at(i).is_some_and(|w| {
                l.is_state_abbrev(w) || l.place_kind(w) == Some(lists::PlaceKind::State)
            })
        };
        if n == 1
            && prev == Some(",")
            && start >= 2
            && word_at(start - 2).is_some()
            && l.is_state_abbrev(last)
            && words
                .get(end)
                .is_none_or(|w| w.punct || w.text.starts_with(|c: char| c.is_ascii_digit()))
        {
            return (NameKind::Place, 4);
        }
        let person_like = n > 1
            && (l.given.contains_key(name[0]) || name.iter().any(|w| is_initial(w)))
            && l.place_kind(joined).is_none();
        if next == Some(",")
            && state_at(end + 1)
            && words.get(end + 2).is_none_or(|w| w.punct)
            && !person_like
            && !name.iter().any(|w| l.org_heads.contains(w))
        {
            return (NameKind::Place, 4);
        }
        // "Eastern Europe", "Central Asia", "West Africa": a part of a known region or country.
        let compass = n == 2
            && matches!(
                name[0],
                "Eastern"
                    | "Western"
                    | "Northern"
                    | "Southern"
                    | "Central"
                    | "North"
                    | "South"
                    | "East"
                    | "West"
            )
            && matches!(
                l.place_kind(name[1]),
                Some(
                    lists::PlaceKind::Region
                        | lists::PlaceKind::Country
                        | lists::PlaceKind::Continent
                )
            );
        let place = l
            .place_kind(joined)
            .or(compass.then_some(lists::PlaceKind::Region));
        if self.is_work(words, (start, end), place.is_some(), sports_doc) {
            return (NameKind::Misc, 3);
        }
        // Vessels, vehicles, weapons and products are things, never people: "the ferry Carrow
        // Queen", "the Aldery Star docked", "an M16 rifle".
        let lower = |i: Option<usize>| {
            i.and_then(|i| words.get(i))
                .filter(|w| !w.cap && w.alpha)
                .map(|w| w.text)
        };
        let vessel = lower(start.checked_sub(1)).is_some_and(|w| l.vessel_before.contains(w))
            || (matches!(prev, Some("the" | "The"))
                && lower(Some(end)).is_some_and(|w| l.vessel_after.contains(w)));
        let after = lower(Some(end));
        let product = name.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()))
            && after.is_some_and(|w| l.product_after.contains(w) || l.arms_after.contains(w))
            || after.is_some_and(|w| l.arms_after.contains(w) || l.index_after.contains(w));
        if place.is_none() && (vessel || product) {
            return (NameKind::Misc, 3);
        }
        // "Brandt & Cole", "Marks & Spencer": a firm of partners.
        if n > 1 && name.contains(&"&") {
            return (NameKind::Org, 3);
        }
        // "shares in Elan", "a stake in Lindau": a deal is with a firm, even one named like a
        // town (the two-word cues of `org_cues.txt`).
        if place.is_some_and(|pk| pk != lists::PlaceKind::Country)
            && !l.is_name_adjective(last)
            && self.two_word_cue(words, start)
        {
            return (NameKind::Org, 3);
        }
        if let Some(pk) = place {
            // On a sports page a town, county or state is its team; a country stays a place.
            // A venue: "in Leeds", "at Lord's"; on a results line, the town opening it before
            // a colon or a bracket ("Leicester : Leicestershire beat Somerset", "London ( The
            // Oval ) : …").
            // The town of a ground or a firm named before it, closing the clause: "( at The
            // Oval , London )", "Michigan National Bank , Detroit".
            let town_of_name = prev == Some(",")
                && start >= 2
                && words[start - 2].cap
                && !words[start - 2].punct
                && l.place_kind(words[start - 2].text).is_none()
                && next.is_none_or(|x| matches!(x, ")" | "."));
            let venue = prev.is_some_and(|p| PLACE_CUES.iter().any(|c| p.eq_ignore_ascii_case(c)))
                || (start == 0 && matches!(next, Some(":" | "(")))
                || town_of_name;
            let place_noun = next.is_some_and(|x| PLACE_NOUNS.contains(&x));
            if pk != lists::PlaceKind::Country && !venue && !place_noun && sports_doc {
                return (NameKind::Org, 2);
            }
            // "in Washington" is surely the place; "Washington said" may be a person's surname.
            return (
                NameKind::Place,
                if venue || place_noun && sports_doc {
                    4
                } else {
                    3
                },
            );
        }
        if l.orgs.contains(joined) {
            return (NameKind::Org, 3);
        }
        // A nationality is no firm, whatever follows it: "a British newspaper", "Belgian
        // goalkeeper Filip De Wilde".
        if n == 1 && self.is_demonym(last) {
            return (NameKind::Misc, 3);
        }
        // What it does or what it is called shows a firm, a paper or a club, however much it
        // looks like a person (`org_cues.txt`): "shares in Orrin Vale", "Jones stock", "the
        // daily Zycie Warszawy", "Deportivo chairman".
        if self.org_cue(words, (start, end)) && !l.is_name_adjective(last) {
            return (NameKind::Org, 3);
        }
        // A multi-word name followed by a score or a table's figures on a sports line is a
        // team ("Crystal Palace 4 1 2 1", "Leyton Orient 1 Falkirk 0") unless it ends with a
        // surname ("Tiger Woods 70 68", a golfer's rounds).
        if sports_doc
            && n > 1
            && !l.is_surname(last)
            && !name.iter().any(|w| is_initial(w))
            && words.get(end).is_some_and(|w| is_integer(w.text))
        {
            return (NameKind::Org, 2);
        }
        // One word on a standings row ("Hull 4 2 2 0 4 2 8") or a results line ("Hull 0 Barnet
        // 0") is a team even when it is a surname too; a player's line gives one figure, or
        // hyphenated ones ("Muralitharan 10-0-41-2").
        // A bowler's figures (overs, maidens, runs, wickets: "Muralitharan 10-0-41-2").
        if sports_doc && next.is_some_and(is_bowling_figures) {
            return (NameKind::Person, 2);
        }
        // A line of one result ("Ayr 6 Berwick 0", "Clyde 0 Queen of South 2"): both names
        // are teams, whatever else they are.
        if sports_doc && is_result_line(words) {
            return (NameKind::Org, 2);
        }
        if sports_doc && n == 1 && words.get(end).is_some_and(|w| is_integer(w.text)) {
            let figures = words[end..]
                .iter()
                .take(4)
                .take_while(|w| is_integer(w.text))
                .count();
            let result_line = figures == 1
                && words.get(end + 1).is_some_and(|w| w.cap && !w.punct)
                && words.get(end + 2).is_some_and(|w| is_integer(w.text))
                && (start == 0 || words.get(start - 1).is_some_and(|w| is_integer(w.text)));
            if figures >= 3 || result_line {
                return (NameKind::Org, 2);
            }
        }
        // "New York-based", "United Nations-sponsored": an adjective made of a name.
        if l.is_name_adjective(last) {
            return (NameKind::Misc, 3);
        }
        if n > 1 && l.org_heads.contains(last) {
            return (NameKind::Org, 3);
        }
        // "Major League Baseball": an event's or a league's head inside the name.
        if n > 2
            && name[1..n - 1].iter().any(|w| l.misc_heads.contains(w))
            && name.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            return (NameKind::Misc, 2);
        }
        if n > 1
            && (l.place_first.contains(name[0]) || l.place_last.contains(last))
            && !name.iter().any(|w| l.org_heads.contains(w))
        {
            return (NameKind::Place, 2);
        }
        // "the Liberal Democrats", "the Christian Democrats": a party named for its members.
        if n > 1
            && matches!(
                last,
                "Democrats" | "Republicans" | "Conservatives" | "Socialists" | "Liberals"
            )
        {
            return (NameKind::Org, 2);
        }
        if n > 1 && (l.misc_heads.contains(last) || l.demonyms.contains(last)) {
            return (NameKind::Misc, 2);
        }
        if n == 1 && is_acronym(last) {
            return (NameKind::Org, 2);
        }
        if n > 1
            && l.given.contains_key(name[0])
            && (l.place_kind(name[0]).is_none() || l.is_surname(last))
        {
            return (NameKind::Person, 3);
        }
        if n > 1 && name.iter().any(|w| is_initial(w)) {
            return (NameKind::Person, 2);
        }
        // A given name that is also a town ("Mary", "Vladimir", "Chad", "Torrance"), or a
        // surname's particle that is one too ("Van Poppel"), before words that are neither
        // places nor institutions: a person.
        if n > 1
            && (l.given.contains_key(name[0]) || matches!(name[0], "Van" | "Von" | "De" | "Di"))
            && !name[1..]
                .iter()
                .any(|w| l.org_heads.contains(w) || l.place_kind(w).is_some())
        {
            return (NameKind::Person, 2);
        }
        // "Air France", "Dynamo Moscow", "Real Madrid": a name holding a place or an
        // institution word is an organisation.
        if n > 1
            && name
                .iter()
                .any(|w| l.org_heads.contains(w) || l.place_kind(w).is_some())
        {
            return (NameKind::Org, 2);
        }
        let place_cue = prev.is_some_and(|p| PLACE_CUES.contains(&p)) || next == Some("-based");
        // "the town of Brastova", "its Harwick depot", "a depot in Selby": a place, even when
        // the word is also a surname.
        let town_of = prev == Some("of")
            && start >= 2
            && TOWN_NOUNS.contains(&words[start - 2].text.to_lowercase().as_str());
        let facility = next.is_some_and(|x| FACILITY_NOUNS.contains(&x))
            && prev.is_some_and(|p| matches!(p, "its" | "the" | "their" | "a" | "his" | "her"));
        let strong_in = prev.is_some_and(|p| matches!(p, "in" | "near" | "outside"))
            && next != Some("'s")
            && next != Some("’s");
        let place_noun =
            next.is_some_and(|x| PLACE_NOUNS.contains(&x) && x != "club" && x != "side");
        if n <= 2 && (town_of || facility || place_noun) || n == 1 && strong_in {
            return (NameKind::Place, 2);
        }
        if n == 1 && place_cue && !l.is_surname(last) {
            return (NameKind::Place, 2);
        }
        if n > 1 && l.is_surname(last) {
            return (NameKind::Person, 2);
        }
        if n == 1 && next.is_some_and(|x| SPEECH_CUES.contains(&x)) {
            return (NameKind::Person, 2);
        }
        // A surname, or a given name alone ("Harry, Ron and Hermione").
        if n == 1 && (l.is_surname(last) || l.given.contains_key(last)) {
            return (NameKind::Person, 1);
        }
        // A lone unknown word is a person only if the article names that person in full
        // (merging finds it); otherwise, like "Pirelli" or "Interfax", an organisation.
        if n > 1
            && n <= 3
            && name
                .iter()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c)))
        {
            // After "the", unknown words name a thing or, in the plural, a team or a group:
            // never a person ("beside the Aldery Star", "against the Blue Jays").
            if matches!(prev, Some("the" | "The")) {
                let plural = last.ends_with('s') && !last.ends_with("ss");
                return (
                    if plural {
                        NameKind::Org
                    } else {
                        NameKind::Misc
                    },
                    1,
                );
            }
            return (NameKind::Person, 1);
        }
        (NameKind::Org, 0)
    }
}

/// Splits a sentence into words: letters and digits with inner `.`, `'`, `-` and `&`-free
/// joins; possessive `'s` and each other punctuation mark a word of their own.
/// Appends the words of `text[span]` to `out`.
fn tokenize<'a>(text: &'a str, span: Span, out: &mut Vec<Word<'a>>) {
    let s = span.slice(text);
    let base = span.start();
    let len = s.len();
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some((c, w)) = char_at(s, i) {
        if c.is_whitespace() {
            i += w;
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + w;
            loop {
                // ASCII letters and digits without decoding.
                while end < len && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                let Some((d, dw)) = char_at(s, end) else {
                    break;
                };
                if d.is_alphanumeric() {
                    end += dw;
                    continue;
                }
                // Inner marks: O'Brien, al-Baghdadi, U.S., J.
                if matches!(d, '\'' | '’' | '-' | '.') {
                    let after_at = end + dw;
                    let after = char_at(s, after_at);
                    let second = after.and_then(|(_, aw)| char_at(s, after_at + aw));
                    let possessive = matches!(d, '\'' | '’')
                        && after.is_some_and(|(x, _)| x == 's' || x == 'S')
                        && !second.is_some_and(|(x, _)| x.is_alphanumeric());
                    if d == '.' {
                        // A stop after a single letter or inside U.S.: part of the word.
                        let word = &s[i..end];
                        if end - i == w
                            || word.contains('.')
                            || ABBREVIATIONS.contains(&word)
                            || after.is_some_and(|(x, _)| x.is_alphabetic())
                                && second.is_some_and(|(x, _)| x == '.')
                        {
                            end += 1;
                            continue;
                        }
                        break;
                    }
                    if !possessive && after.is_some_and(|(x, _)| x.is_alphanumeric()) {
                        end += dw;
                        continue;
                    }
                }
                break;
            }
            let t = &s[i..end];
            // One pass over the word's characters (bytes, when it is ASCII).
            let (mut alpha, mut digit, mut lower) = (false, false, false);
            if t.is_ascii() {
                for &ch in t.as_bytes() {
                    alpha |= ch.is_ascii_alphabetic();
                    digit |= ch.is_ascii_digit();
                    lower |= ch.is_ascii_lowercase();
                }
            } else {
                for ch in t.chars() {
                    alpha |= ch.is_alphabetic();
                    digit |= ch.is_ascii_digit();
                    lower |= ch.is_lowercase();
                }
            }
            let first_upper = c.is_uppercase();
            // "I've", "Don't": contractions are never names.
            let contraction = first_upper
                && t.contains(['\'', '’'])
                && [
                    "'ve", "’ve", "'ll", "’ll", "'re", "’re", "'d", "’d", "n't", "n’t", "'m", "’m",
                ]
                .iter()
                .any(|c| t.ends_with(c));
            // "al-Baghdadi", "bin-Laden": a particle joined to a capitalised name.
            let particle_name = !first_upper
                && t.contains('-')
                && t.split_once('-').is_some_and(|(p, rest)| {
                    PARTICLES.contains(&p) && rest.chars().next().is_some_and(char::is_uppercase)
                });
            out.push(Word {
                start: base + i,
                end: base + end,
                text: t,
                cap: !contraction && (particle_name || first_upper),
                upper: alpha && !lower,
                punct: false,
                alpha,
                digit,
            });
            i = end;
            continue;
        }
        // Possessive 's as a word of its own; other marks one character each.
        let mut end = i + w;
        if matches!(c, '\'' | '’') && end < len && matches!(s.as_bytes()[end], b's' | b'S') {
            end += 1;
        }
        out.push(Word {
            start: base + i,
            end: base + end,
            text: &s[i..end],
            cap: false,
            upper: false,
            punct: c != '&',
            alpha: false,
            digit: false,
        });
        i = end;
    }
}

/// The character at byte `i` of `s` and its length, decoding only outside ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    s[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// A headline: mostly words in capitals, or title case ("Council Votes to Close Library").
/// Lines with numbers (results tables) are read normally, word by word.
fn is_headline(words: &[Word<'_>]) -> bool {
    // One pass: alphabetic words, those in capitals, those of the content words (not small
    // function words) capitalised as written ("Don't" included), commas, digits.
    let (mut n, mut upper, mut content, mut content_upper) = (0, 0, 0, 0);
    let (mut small_lower, mut digits, mut commas) = (false, false, 0);
    for w in words {
        digits |= w.digit;
        if w.punct {
            commas += usize::from(w.text == ",");
            continue;
        }
        if !w.alpha {
            continue;
        }
        n += 1;
        let first = w.text.chars().next();
        if w.upper && first.is_some_and(|c| w.text.len() > c.len_utf8()) {
            upper += 1;
        }
        if first.is_some_and(char::is_uppercase) {
            // Small words are lower case: a capitalised word is a content word.
            content += 1;
            content_upper += 1;
        } else if content_upper == content && is_small_word(w.text) {
            small_lower = true;
        } else {
            // A lower-case content word: no title case, whatever follows.
            content += 1;
        }
    }
    if n < 3 {
        return n > 0 && upper == n;
    }
    if upper * 10 >= n * 6 {
        return true;
    }
    if digits {
        return false;
    }
    let title_case = content >= 3 && content_upper == content;
    let final_stop = words
        .last()
        .is_some_and(|w| w.punct && matches!(w.text, "." | "\"" | "”" | ":"));
    // A list of names ("Wood , Loren Roberts , Steve Stricker") is not a headline.
    title_case && !final_stop && (small_lower || commas <= 1)
}

/// Function words that stay lower case in a title-case headline.
fn is_small_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "about"
            | "after"
            | "an"
            | "and"
            | "as"
            | "at"
            | "but"
            | "by"
            | "for"
            | "from"
            | "in"
            | "into"
            | "of"
            | "on"
            | "or"
            | "over"
            | "than"
            | "the"
            | "to"
            | "with"
    )
}

/// A sentence about a match or a results table: a score (`2-1`), a result verb, or a line of
/// a name and figures only.
/// What a sentence shows of sport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sport {
    /// Nothing.
    No,
    /// A score ("3-1") or a word of match reports ("beat", "innings").
    Shown,
    /// Figures with few words: a table, of sport or of anything else.
    Table,
}

fn is_sports(words: &[Word<'_>]) -> Sport {
    let score = |k: usize| {
        let w = &words[k];
        // "3-1", not "25-45 cents" or "10-20 percent".
        let unit = words.get(k + 1).is_some_and(|n| {
            matches!(
                n.text,
                "cents" | "percent" | "pct" | "%" | "years" | "months" | "days" | "weeks" | "hours"
            )
        });
        !unit
            && w.text.split_once('-').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.len() <= 3
                    && b.len() <= 3
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            })
    };
    // An agency's sign-off ("-- Johannesburg newsroom , +27-11 482 1003") is no score line.
    if words.first().is_some_and(|w| w.text == "--")
        || words
            .iter()
            .any(|w| matches!(w.text, "newsroom" | "newsdesk" | "bureau"))
    {
        return Sport::No;
    }
    let (mut numbers, mut alpha) = (0, 0);
    // Words that markets and politics use too ("lost 31 points", "won the vote") count only
    // three together.
    let mut weak: [&str; 2] = ["", ""];
    for (k, w) in words.iter().enumerate() {
        if w.digit {
            numbers += 1;
            if score(k) {
                return Sport::Shown;
            }
        }
        if !w.punct && w.alpha {
            alpha += 1;
            // Lower case, or a headline in capitals ("SOCCER - LEAGUE STANDINGS").
            if !w.cap || w.upper {
                let lower = w.text.to_ascii_lowercase();
                match sport_word(&lower) {
                    2 => return Sport::Shown,
                    1 if weak[0].is_empty() => weak[0] = w.text,
                    1 if weak[1].is_empty() && weak[0] != w.text => weak[1] = w.text,
                    1 if weak[0] != w.text && weak[1] != w.text => return Sport::Shown,
                    _ => {}
                }
            }
        }
    }
    // Few words, or as many figures as words ("Bradford 1 Tranmere 0 Grimsby 0 …").
    if numbers >= 3 && alpha <= 3 || numbers >= 2 && numbers * 2 >= alpha {
        Sport::Table
    } else {
        Sport::No
    }
}

/// Words of match reports and results (lower case): 2 for sports and words only sport uses,
/// 1 for words markets and politics use too, 0 for others.
fn sport_word(w: &str) -> u8 {
    match w {
        "athletics" | "baseball" | "basketball" | "batting" | "bowling" | "boxing" | "cricket"
        | "cycling" | "defeated" | "drew" | "goal" | "goals" | "golf" | "halftime" | "hockey"
        | "innings" | "league" | "match" | "overs" | "penalty" | "rugby" | "scored" | "soccer"
        | "striker" | "tennis" | "v" | "vs" | "wicket" | "wickets" => 2,
        "beat" | "beating" | "beats" | "champions" | "declared" | "defeat" | "division"
        | "draw" | "lead" | "lost" | "played" | "points" | "runs" | "season" | "victory"
        | "won" => 1,
        _ => 0,
    }
}

/// A wire dateline opening a sentence: "IRVINE, Calif. (AP) —", "WASHINGTON (Reuters) -",
/// "LONDON —", "PARIS, Oct. 3 (AFP) --". Its words: the town, the state after a comma, the
/// agency in brackets, and where the story's own sentence begins.
struct WireDateline {
    town: std::ops::Range<usize>,
    state: Option<usize>,
    agency: Option<std::ops::Range<usize>>,
    body: usize,
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "\u{2014}" | "\u{2013}")
}

impl NameExtractor {
    fn wire_dateline(&self, words: &[Word<'_>]) -> Option<WireDateline> {
        let name_word = |w: &Word<'_>| w.cap && !w.punct && w.alpha;
        let town_end = words.iter().take(4).take_while(|w| name_word(w)).count();
        if town_end == 0 {
            return None;
        }
        let shouted = words[..town_end].iter().all(|w| w.upper);
        let mut i = town_end;
        let mut state = None;
        if words.get(i).is_some_and(|w| w.text == ",") {
            i += 1;
            // The state ("Calif.", "Maine"), or a date ("Oct. 3"): capitalised words,
            // figures and stops, a few of them.
            let from = i;
            while i < words.len()
                && i < from + 5
                && (name_word(&words[i]) || words[i].digit || matches!(words[i].text, "." | ","))
            {
                i += 1;
            }
            state = (from..i).find(|&k| {
                name_word(&words[k])
                    && (self.lists.is_state_abbrev(words[k].text)
                        || self.lists.place_kind(words[k].text) == Some(lists::PlaceKind::State))
            });
        }
        let mut agency = None;
        if words.get(i).is_some_and(|w| w.text == "(") {
            let a = i + 1;
            let b = a + words[a..]
                .iter()
                .take(3)
                .take_while(|w| name_word(w))
                .count();
            if b == a || words.get(b).is_none_or(|w| w.text != ")") {
                return None;
            }
            agency = Some(a..b);
            i = b + 1;
        } else if !shouted {
            return None;
        }
        let dashes = words[i..].iter().take_while(|w| is_dash(w.text)).count();
        if agency.is_none() && dashes == 0 {
            return None;
        }
        let body = i + dashes;
        words.get(body).filter(|w| w.cap && !w.punct)?;
        // A town in capitals before an agency is a dateline's; written as a name, or before a
        // dash alone ("SOCCER - …" heads a sports page), it must be a known place. A headline
        // in capitals after it is no story.
        if is_headline(&words[body..]) {
            return None;
        }
        if !shouted || agency.is_none() {
            let parts: Vec<&str> = words[..town_end].iter().map(|w| w.text).collect();
            let town = join(&parts);
            let known = self.lists.place_kind(&town).is_some()
                || shouted && self.lists.place_kind(&title_case(&town)).is_some();
            if !known {
                return None;
            }
        }
        Some(WireDateline {
            town: 0..town_end,
            state,
            agency,
            body,
        })
    }
}

/// A dateline: a place and a date alone on a line ("LONDON 1996-08-30").
fn is_dateline(words: &[Word<'_>]) -> bool {
    let alpha = words.iter().filter(|w| !w.punct && w.alpha).count();
    let date = words.iter().any(|w| {
        let b = w.text.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().filter(|c| c.is_ascii_digit()).count() == 8
    });
    date && alpha <= 3
}

/// Heads of government bodies whose names run on with `for` and `and` (not `Secretary`:
/// "Assistant Secretary for Health" is a post, not a body).
fn is_body_head(w: &str) -> bool {
    matches!(
        w,
        "Department"
            | "Ministry"
            | "Office"
            | "Commission"
            | "Agency"
            | "Organisation"
            | "Organization"
            | "Council"
            | "Committee"
            | "Conference"
            | "League"
            | "Federation"
            | "Association"
            | "Institute"
            | "Foundation"
            | "Fund"
            | "Front"
            | "Movement"
            | "Alliance"
            | "Centre"
            | "Center"
    )
}

/// A weekday's name, as written in running text.
fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

fn is_double_quote(w: &str) -> bool {
    matches!(w, "\"" | "\u{201c}" | "\u{201d}" | "``" | "''")
}

/// Small words a title keeps inside it in lower case ("Lawrence of Arabia", "Ice Cold in
/// Alex", "Anne of a Thousand Days").
const TITLE_SMALL: [&str; 13] = [
    "of", "the", "a", "an", "in", "on", "and", "for", "to", "with", "at", "from", "'s",
];

/// A title in the quotation opening at `words[open]`, inside a sentence: two to eight words,
/// each capitalised, a figure or a small word, opening and closing on a capitalised word or a
/// figure, and read as a title by an article opening it ("The Crying Game") or a small word
/// inside it ("On the Waterfront"). Gives the title's words `a..b` and its closing mark.
fn quoted_title(words: &[Word<'_>], open: usize) -> Option<(usize, usize, usize)> {
    if open == 0 || words[open - 1].punct && !matches!(words[open - 1].text, "," | "(" | ":") {
        return None;
    }
    let a = open + 1;
    let close = (a..words.len().min(a + 10)).find(|&k| is_double_quote(words[k].text))?;
    // A comma may stand inside the closing mark: "" Bertillon 166 , "".
    let b = if close > a && words[close - 1].text == "," {
        close - 1
    } else {
        close
    };
    let title = words.get(a..b)?;
    if !(2..=8).contains(&title.len()) {
        return None;
    }
    let strong = |w: &Word<'_>| w.cap && !w.punct || is_integer(w.text);
    let small = |w: &Word<'_>| TITLE_SMALL.contains(&w.text);
    let all = title.iter().all(|w| strong(w) || small(w));
    let ends = strong(&title[0]) && strong(&title[title.len() - 1]);
    let titled =
        matches!(title[0].text, "The" | "A" | "An") || title[1..title.len() - 1].iter().any(small);
    // Shouted text is no title.
    let shouted = title.iter().filter(|w| w.upper).count() > 1;
    (all && ends && titled && !shouted).then_some((a, b, close))
}

/// A sentence that is one result: a name, its score, another name, its score, with notes in
/// brackets ("Alba ( Germany ) 75 Red Star ( Yugoslavia ) 70 ( 42-41 )"). No verb, no comma:
/// a list of scorers ("Shearer 23 , Ferdinand 56") is none.
fn is_result_line(words: &[Word<'_>]) -> bool {
    let words = match words.split_last() {
        Some((last, rest)) if last.text == "." => rest,
        _ => words,
    };
    let (mut scores, mut names, mut in_name, mut depth) = (0, 0, false, 0u8);
    for w in words {
        match w.text {
            "(" if depth == 0 => depth = 1,
            ")" if depth == 1 => depth = 0,
            _ if depth == 1 => {
                if !(w.cap && !w.punct || w.digit || w.text == "-") {
                    return false;
                }
            }
            t if is_integer(t) => {
                if !in_name {
                    return false;
                }
                scores += 1;
                in_name = false;
            }
            t if w.cap && !w.punct || matches!(t, "of" | "&" | "de") => {
                names += usize::from(!in_name);
                in_name = true;
            }
            _ => return false,
        }
    }
    scores == 2 && names == 2 && !in_name && depth == 0
}

/// Overs, maidens, runs and wickets: `10-0-41-2`, `8.3-1-30-1`.
fn is_bowling_figures(w: &str) -> bool {
    // Overs may carry balls after a stop ("8.3"); the other figures are whole.
    let figure = |p: &str| p.len() <= 3 && is_integer(p);
    let mut parts = w.split('-');
    let overs = parts
        .next()
        .map(|p| p.split_once('.').map_or(p, |(a, _)| a));
    overs.is_some_and(figure)
        && parts.by_ref().take(3).filter(|p| figure(p)).count() == 3
        && parts.next().is_none()
}

/// Digits only: a score or a table's figure.
fn is_integer(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Initials in the plural: "PCs", "DVDs", "MPs".
fn is_plural_initials(w: &str) -> bool {
    w.strip_suffix('s').is_some_and(|stem| {
        stem.len() >= 2
            && stem.as_bytes()[0].is_ascii_uppercase()
            && stem
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_ascii_uppercase())
}

fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

fn join(words: &[&str]) -> String {
    words.join(" ")
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Legal forms dropped from entity keys.
static LEGAL_FORMS: std::sync::LazyLock<FxHashSet<&'static str>> = std::sync::LazyLock::new(|| {
    // The list is checked by a test; a broken list only means no form is dropped.
    crate::rules::List::parse(
        "extract/names/legal_forms.txt",
        include_str!("legal_forms.txt"),
        crate::rules::Order::Sorted,
    )
    .map(|l| l.words().collect())
    .unwrap_or_default()
});

/// An entity's key: [`fold`]ed, with a trailing legal form dropped (`Acme Ltd.` → `acme`).
pub fn entity_key(s: &str) -> String {
    let mut key = fold(s);
    // "Mt Cook" and "Mount Cook" are one place.
    for short in ["mt ", "mt. "] {
        if let Some(rest) = key.strip_prefix(short) {
            key = format!("mount {rest}");
            break;
        }
    }
    if let Some((head, last)) = key.rsplit_once(' ')
        && LEGAL_FORMS.contains(last)
    {
        key.truncate(head.trim_end_matches(',').len());
    }
    key
}

/// The cross-article key: lower case, diacritics removed, leading "the" dropped, white space
/// normalised.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        // One allocation: the words, lower-cased, one space apart, without a leading "the".
        let mut words = s.split_ascii_whitespace().peekable();
        if words.peek().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
            let mut rest = words.clone();
            rest.next();
            if rest.peek().is_some() {
                words = rest;
            }
        }
        let mut out = String::with_capacity(s.len());
        for w in words {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
        return out;
    }
    let folded: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// Of the entities `ids`, the only one named in full before byte `at`, if just one is ("Alan
/// Pryce … Pryce, 61, … his wife, Carol Pryce": the surname before Carol is named is Alan's).
fn latest_before(ids: &[usize], first_full: &[usize], at: usize) -> Option<usize> {
    let mut before = ids
        .iter()
        .filter(|&&id| first_full.get(id).is_some_and(|&s| s < at));
    match (before.next(), before.next()) {
        (Some(&id), None) => Some(id),
        _ => None,
    }
}

/// Names listed together are of one kind: in "Barton, Sibierski, McManaman, Musampa" or
/// "Germany, Olvania and France", a name known only by default takes the kind most of the
/// others have, when two of them do, one of those on evidence, and two thirds of all agree.
fn agree_in_lists(
    text: &str,
    found: &[Found],
    entity_of: &[usize],
    sure: &[u8],
    entities: &mut [Entity],
) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].span.start());
    let links = |a: &Found, b: &Found| {
        let Some(gap) = text.get(a.span.end()..b.span.start()) else {
            return false;
        };
        let gap: String = gap
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && !"()".contains(*c))
            .collect();
        matches!(gap.as_str(), "," | "and" | ",and" | "or" | ",or")
    };
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && links(&found[order[end - 1]], &found[order[end]]) {
            end += 1;
        }
        let chain = &order[start..end];
        start = end;
        if chain.len() < 3 {
            continue;
        }
        // Votes of the names classified on some cue, and of those on evidence.
        let (mut count, mut strong) = ([0usize; 4], [0usize; 4]);
        for &i in chain {
            let id = entity_of[i];
            let k = entities[id].kind as usize;
            if sure[id] >= 1 {
                count[k] += 1;
            }
            if sure[id] >= 2 {
                strong[k] += 1;
            }
        }
        let known: usize = count.iter().sum();
        let best = (0..4)
            .max_by_key(|&k| (count[k], std::cmp::Reverse(k)))
            .unwrap_or(0);
        if count[best] < 2 || strong[best] == 0 || count[best] * 3 < known * 2 {
            continue;
        }
        for &i in chain {
            let id = entity_of[i];
            if sure[id] <= 1 {
                entities[id].kind = KINDS[best];
            }
        }
    }
}

/// Merges typed runs into entities and gives each entity one kind.
fn merge(text: &str, found: Vec<Found>) -> Names {
    let mut names = Names::default();
    // Entity by folded full name.
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    // Persons by surname and by given name: the entities that use it.
    let mut by_surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut votes: Vec<[u32; 4]> = Vec::new();
    // Full multi-word person names first, so that surnames can find them wherever they are.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(found[i].words > 1 && found[i].kind == NameKind::Person),
            found[i].span.start(),
        )
    });
    let mut entity_of = vec![usize::MAX; found.len()];
    // Where each entity is first named in full (several words), for shared surnames: a
    // surname is one of those named in full before it (the first such naming is all that
    // tells, and keeping one offset an entity keeps this linear).
    let mut full_starts: Vec<usize> = Vec::new();
    // How sure each entity's surest vote is (`Found::strength`).
    let mut sure: Vec<u8> = Vec::new();
    for &i in &order {
        let f = &found[i];
        let surface = &text[f.span.range()];
        let key = entity_key(surface);
        let id = if let Some(&id) = by_key.get(&key) {
            id
        } else if f.words == 1
            && let Some(ids) = by_surname.get(&key)
            && ids.len() == 1
            && !(f.kind == NameKind::Place && f.strength >= 4)
        {
            ids[0]
        } else if f.words == 1
            && f.kind != NameKind::Place
            && let Some(ids) = by_surname.get(&key)
            && let Some(id) = latest_before(ids, &full_starts, f.span.start())
        {
            // A surname two people share ("Pryce": Alan, then his wife Carol) is the one
            // named in full most recently before it.
            id
        } else {
            let id = names.entities.len();
            names.entities.push(Entity {
                name: surface.to_string(),
                kind: f.kind,
                key: key.clone(),
                mentions: Vec::new(),
                aliases: Vec::new(),
                gender: f.gender,
            });
            votes.push([0; 4]);
            sure.push(0);
            // A surname shared by people named in full ("Yeltsin": Boris and Naina), met
            // before either is named, is a person's, whichever of them it is.
            if f.words == 1
                && by_surname.get(&key).is_some_and(|ids| {
                    !ids.is_empty()
                        && ids
                            .iter()
                            .all(|&j| names.entities[j].kind == NameKind::Person)
                })
            {
                votes[id][NameKind::Person as usize] += 7;
            }
            by_key.insert(key.clone(), id);
            // "Acme Ltd." is also "Acme".
            if f.kind == NameKind::Org
                && let Some((stem, suffix)) = key.rsplit_once(' ')
                && LEGAL_SUFFIXES.contains(&suffix.trim_end_matches('.'))
            {
                by_key.entry(stem.to_string()).or_insert(id);
            }
            // "Halvorsen" alone is "Halvorsen Marine" (a two-word organisation by its first
            // word), unless a person or another organisation goes by it too.
            if f.kind == NameKind::Org
                && f.words == 2
                && let Some((first, _)) = key.split_once(' ')
            {
                let v = by_surname.entry(first.to_string()).or_default();
                if !v.contains(&id) {
                    v.push(id);
                }
            }
            if f.kind == NameKind::Person && f.words > 1 {
                let parts: Vec<&str> = key.split(' ').collect();
                if let Some(last) = parts.last() {
                    let v = by_surname.entry((*last).to_string()).or_default();
                    if !v.contains(&id) {
                        v.push(id);
                    }
                }
                if let Some(first) = parts.first() {
                    by_surname.entry((*first).to_string()).or_default().push(id);
                }
            }
            id
        };
        entity_of[i] = id;
        if full_starts.len() <= id {
            full_starts.resize(id + 1, usize::MAX);
        }
        if f.words > 1 {
            full_starts[id] = full_starts[id].min(f.span.start());
        }
        // A lone word joined to a full name by its surname or given name carries that name's
        // kind; its own default guess is no evidence.
        let joined_by_name = f.words == 1 && names.entities[id].key != key;
        if !f.local && !(joined_by_name && (f.strength <= 1 || f.kind == NameKind::Place)) {
            votes[id][f.kind as usize] += u32::from(f.strength) * 2 + 1;
            sure[id] = sure[id].max(f.strength);
        }
        let e = &mut names.entities[id];
        if e.gender == Gender::Unknown {
            e.gender = f.gender;
        }
        // The fullest form names the entity; at equal length, one not in capitals.
        let (len, cur) = (surface.chars().count(), e.name.chars().count());
        let shouted = |x: &str| !x.chars().any(char::is_lowercase);
        if f.kind == e.kind && (len > cur || len == cur && shouted(&e.name) && !shouted(surface)) {
            e.name = surface.to_string();
        }
    }
    // A surname shared by two people stays its own, ambiguous entity (made above when the
    // lookup found more than one id). Now one kind per entity, and the mentions in order.
    for (id, e) in names.entities.iter_mut().enumerate() {
        let v = votes[id];
        let best = (0..4)
            .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
            .unwrap_or(0);
        e.kind = KINDS[best];
    }
    agree_in_lists(text, &found, &entity_of, &sure, &mut names.entities);
    for (i, f) in found.iter().enumerate() {
        let id = entity_of[i];
        let surface = &text[f.span.range()];
        let e = &mut names.entities[id];
        e.mentions.push(names.mentions.len());
        if !e.aliases.iter().any(|a| a == surface) {
            e.aliases.push(surface.to_string());
        }
        // A mention that is surely a place (a venue, a dateline) stays one when its entity is
        // the town's team: "Leicester : Leicestershire beat …" names the ground's town.
        let kind = if f.kind == NameKind::Place && f.strength >= 4 {
            NameKind::Place
        } else {
            e.kind
        };
        names.mentions.push(NameMention {
            span: f.span,
            kind,
            entity: id,
            title: f.title,
        });
    }
    // The fullest alias names the entity; at equal length, one not written in capitals.
    for e in &mut names.entities {
        let shouted = |x: &str| !x.chars().any(char::is_lowercase);
        if let Some(best) = e
            .aliases
            .iter()
            .max_by_key(|a| (a.chars().count(), !shouted(a), std::cmp::Reverse(a.len())))
        {
            e.name = best.clone();
            e.key = entity_key(best);
        }
    }
    // Entities in order of first mention.
    let mut first: Vec<(usize, usize)> = names
        .entities
        .iter()
        .enumerate()
        .map(|(id, e)| {
            (
                e.mentions
                    .first()
                    .map_or(usize::MAX, |&m| names.mentions[m].span.start()),
                id,
            )
        })
        .collect();
    first.sort();
    let mut remap = vec![0; names.entities.len()];
    let mut slots: Vec<Option<Entity>> = names.entities.drain(..).map(Some).collect();
    let mut entities = Vec::with_capacity(slots.len());
    for (new, &(_, old)) in first.iter().enumerate() {
        remap[old] = new;
        entities.extend(slots[old].take());
    }
    for m in &mut names.mentions {
        m.entity = remap[m.entity];
    }
    names.entities = entities;
    names
}
