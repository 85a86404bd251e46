//! People in claims: whose claim it is (subjects), and what is said of a person — age, role,
//! relationship — read from patterns around their name.

use super::{
    Change, Claim, ClaimExtractor, ClaimValue, Ctx, Sentence, Tok, is_calendar, is_org_noun,
    lower_is, mentions_in, resolve_at,
};
use crate::extract::names::{Gender, NameKind, NameMention};
use crate::segment::TokenKind;
use crate::span::Span;

/// Honorifics: titles that say nothing of a person's office.
const HONORIFICS: [&str; 16] = [
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "mme", "mlle", "herr", "frau", "senor",
    "senora", "m", "lady",
];

/// Reporting verbs whose object comes before what is reported ("told staff that …").
const OBJECT_FIRST: [&str; 10] = [
    "told", "tell", "tells", "telling", "asked", "urged", "informed", "reminded", "warned",
    "assured",
];

/// Nouns that make a description a relationship ("their romance, born … in 2017").
const LOVE_NOUNS: [&str; 6] = [
    "romance",
    "relationship",
    "love",
    "affair",
    "courtship",
    "engagement",
];

/// Words that describe, not name, one person ("the man, 58,").
const PERSON_NOUNS: [&str; 14] = [
    "man",
    "woman",
    "boy",
    "girl",
    "driver",
    "passenger",
    "victim",
    "pensioner",
    "teenager",
    "child",
    "mother",
    "father",
    "motorist",
    "pedestrian",
];

/// The mention whose span holds token `t`.
fn mention_at<'n>(ms: &'n [NameMention], t: &Tok) -> Option<&'n NameMention> {
    ms.iter().find(|m| m.span.contains(t.span))
}

/// The token index of the first token at or after byte `at`.
fn tok_at(toks: &[Tok], at: usize) -> usize {
    toks.partition_point(|t| t.span.start() < at)
}

/// The person a possessive or object pronoun (`his`, `her`, `him`) stands for: the person
/// subject of its sentence, else the most recent person named before it, of a fitting gender.
fn pronoun_person(ctx: &Ctx<'_>, s: &Sentence<'_>, k: usize) -> Option<usize> {
    let t = &s.toks[k];
    let want = match t.lower.as_str() {
        "he" | "his" | "him" | "himself" => Gender::Male,
        "she" | "her" | "hers" | "herself" => Gender::Female,
        _ => return None,
    };
    let fits = |e: usize| {
        let g = ctx.names.entities[e].gender;
        ctx.names.entities[e].kind == NameKind::Person && (g == want || g == Gender::Unknown)
    };
    // The person opening this sentence, then the most recent fitting person before.
    let ms = mentions_in(ctx.names, s.span);
    if let Some(m) = ms
        .iter()
        .find(|m| m.kind == NameKind::Person && m.span.end() <= t.span.start())
        && fits(m.entity)
        && s.toks[..tok_at(s.toks, m.span.start())]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
            <= 4
    {
        return Some(m.entity);
    }
    let mut seen: Vec<usize> = Vec::new();
    // Binary search, then a bounded look back: the same cost per pronoun in any article.
    let before = &ctx.names.mentions[..ctx.names.first_from(t.span.start())];
    for m in before.iter().rev().take(crate::extract::quotes::LOOK_BACK) {
        if m.kind != NameKind::Person {
            continue;
        }
        if !seen.contains(&m.entity) {
            seen.push(m.entity);
        }
        if seen.len() >= 3 {
            break;
        }
    }
    let known: Vec<usize> = seen
        .iter()
        .copied()
        .filter(|&e| ctx.names.entities[e].gender == want)
        .collect();
    if let Some(&e) = known.first() {
        return Some(e);
    }
    let open: Vec<usize> = seen.into_iter().filter(|&e| fits(e)).collect();
    (open.len() == 1).then(|| open[0])
}

/// The couple as a sorted pair of entities.
fn pair(a: usize, b: usize) -> Vec<usize> {
    if a == b {
        vec![a]
    } else {
        vec![a.min(b), a.max(b)]
    }
}

/// Remembers the two people a sentence names together ("Norton and Poots", "James Norton
/// and Imogen Poots"): "the couple" and "their" refer to them.
pub(crate) fn track_couple(ctx: &mut Ctx<'_>, s: &Sentence<'_>) {
    let ms = mentions_in(ctx.names, s.span);
    for w in ms.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.kind != NameKind::Person || b.kind != NameKind::Person || a.entity == b.entity {
            continue;
        }
        let between = ctx.text[a.span.end()..b.span.start()].trim();
        if between == "and" || between == "&" {
            ctx.couple = Some((a.entity.min(b.entity), a.entity.max(b.entity)));
        }
    }
}

/// The first token of the sentence after a dateline (`SOUTHGATE, March 20 (Wireline) - …`):
/// a dash with space around it, early in the sentence, after a place in capitals or an
/// agency in brackets.
pub(crate) fn after_dateline(text: &str, s: &Sentence<'_>) -> usize {
    let toks = s.toks;
    let limit = toks.len().min(14);
    let bytes = text.as_bytes();
    for k in 1..limit {
        let t = &toks[k];
        let dash = t.kind == TokenKind::Punct
            && matches!(t.lower.as_str(), "-" | "—" | "–")
            && bytes
                .get(t.span.start().wrapping_sub(1))
                .is_some_and(u8::is_ascii_whitespace)
            && bytes.get(t.span.end()).is_some_and(u8::is_ascii_whitespace);
        let shouted = |p: &Tok| {
            p.kind == TokenKind::Word
                && p.lower.len() >= 3
                && p.span.slice(text).chars().all(|c| !c.is_lowercase())
        };
        if dash && toks[..k].iter().any(|p| p.lower == ")" || shouted(p)) {
            return k + 1;
        }
    }
    0
}

/// The main subject of a sentence: a pronoun or description opening it, resolved; else the
/// first person or organisation it names that is not only the source of a statement; else a
/// place opening it.
pub(crate) fn sentence_subject(x: &ClaimExtractor, ctx: &Ctx<'_>, s: &Sentence<'_>) -> Vec<usize> {
    subject_before(x, ctx, s, s.toks.len())
}

/// The sentence's subject among its words before token `before`; a person who only speaks
/// ("Prosecutor Frayne said the fraud …") is not it.
fn subject_before(
    x: &ClaimExtractor,
    ctx: &Ctx<'_>,
    s: &Sentence<'_>,
    before: usize,
) -> Vec<usize> {
    let toks = s.toks;
    let mut k = after_dateline(ctx.text, s);
    while k < toks.len()
        && (toks[k].kind == TokenKind::Punct
            || matches!(
                toks[k].lower.as_str(),
                "but" | "and" | "meanwhile" | "however" | "now" | "so" | "yet" | "then"
            ))
    {
        k += 1;
    }
    if k >= toks.len() {
        return Vec::new();
    }
    let ms = mentions_in(ctx.names, s.span);
    if mention_at(ms, &toks[k]).is_none()
        && let Some(r) = reference(x, ctx, s, k)
    {
        // "Her rival, Tom Oduya, conceded": the name set after the description is the subject.
        if let Some(m) = appositive_name(ms, toks, k + 1) {
            return with_partner(ctx, ms, m);
        }
        return r;
    }
    let start = toks[k].span.start();
    let limit = toks.get(before).map_or(s.span.end(), |t| t.span.start());
    let speaks = |m: &NameMention| {
        let next = tok_at(toks, m.span.end());
        m.kind == NameKind::Person
            && toks
                .get(next)
                .is_some_and(|t| x.t.verbs.contains(t.lower.as_str()))
    };
    let named = ms.iter().find(|m| {
        m.span.start() >= start
            && m.span.start() < limit
            && matches!(m.kind, NameKind::Person | NameKind::Org)
            && !attribution(x, ctx.text, s.span, m.span)
    });
    if let Some(m) = named {
        if speaks(m) && before < toks.len() {
            return Vec::new();
        }
        return with_partner(ctx, ms, m);
    }
    if let Some(e) = delayed_lede(x, ctx, s, k) {
        return vec![e];
    }
    ms.iter()
        .find(|m| m.kind == NameKind::Place && m.span.start() == start)
        .map(|m| vec![m.entity])
        .unwrap_or_default()
}

/// A lede that names its person only in the next sentence: "A former council treasurer who
/// stole from a pension fund was jailed … . Owen Brackley, 57, admitted …". The opening
/// sentences of an article only: an indefinite description of a person at token `k` (`a`,
/// lower-case words, a role or person noun) and a person's name opening the next sentence.
/// A noun that describes a person: a role (`striker`, `minister`) or `man`, `driver` ….
fn describes_person(x: &ClaimExtractor, w: &str) -> bool {
    x.t.role_nouns.contains(w) || PERSON_NOUNS.contains(&w)
}

fn delayed_lede(x: &ClaimExtractor, ctx: &Ctx<'_>, s: &Sentence<'_>, k: usize) -> Option<usize> {
    let toks = s.toks;
    if s.index > 1 || !matches!(toks[k].lower.as_str(), "a" | "an") {
        return None;
    }
    let noun = (k + 1..(k + 5).min(toks.len()))
        .take_while(|&j| toks[j].kind == TokenKind::Word && !toks[j].cap)
        .find(|&j| describes_person(x, &toks[j].lower));
    noun?;
    let m = ctx
        .names
        .mentions
        .iter()
        .find(|m| m.span.start() >= s.span.end())?;
    (m.kind == NameKind::Person && ctx.text[s.span.end()..m.span.start()].trim().is_empty())
        .then_some(m.entity)
}

/// The person or organisation named between commas after the one or two lower-case words
/// that start at token `from`: `rival, Tom Oduya,` in "Her rival, Tom Oduya, conceded".
fn appositive_name<'n>(
    ms: &'n [NameMention],
    toks: &[Tok],
    from: usize,
) -> Option<&'n NameMention> {
    let comma = (from..(from + 3).min(toks.len())).find(|&j| toks[j].is(","))?;
    if comma == from
        || toks[from..comma]
            .iter()
            .any(|t| t.cap || t.kind != TokenKind::Word)
    {
        return None;
    }
    let m = mention_at(ms, toks.get(comma + 1)?)?;
    if !matches!(m.kind, NameKind::Person | NameKind::Org)
        || m.span.start() != toks[comma + 1].span.start()
    {
        return None;
    }
    let after = tok_at(toks, m.span.end());
    toks.get(after).filter(|t| t.is(",")).map(|_| m)
}

/// A name, or the couple when it is "X and Y" of two people.
fn with_partner(ctx: &Ctx<'_>, ms: &[NameMention], m: &NameMention) -> Vec<usize> {
    if m.kind == NameKind::Person
        && let Some(i) = ms.iter().position(|x| std::ptr::eq(x, m))
    {
        let near = |a: &NameMention, b: &NameMention| {
            let between = ctx.text[a.span.end()..b.span.start()].trim();
            between == "and" || between == "&"
        };
        if let Some(b) = ms.get(i + 1)
            && b.kind == NameKind::Person
            && near(m, b)
        {
            return pair(m.entity, b.entity);
        }
        if i > 0 && ms[i - 1].kind == NameKind::Person && near(&ms[i - 1], m) {
            return pair(ms[i - 1].entity, m.entity);
        }
    }
    vec![m.entity]
}

/// Who speaks by the reporting verb at token `v`: the person or organisation named just
/// before it ("Schumer said") or just after it ("said Schumer"), or the person a pronoun
/// just before it stands for ("she said"). Empty when a description speaks ("a senior
/// source told NBC"): the name after the verb is then who was told.
pub(crate) fn speaker_of_verb(
    x: &ClaimExtractor,
    ctx: &Ctx<'_>,
    s: &Sentence<'_>,
    v: usize,
) -> Vec<usize> {
    let toks = s.toks;
    let ms = mentions_in(ctx.names, s.span);
    let speaker = |m: &&NameMention| matches!(m.kind, NameKind::Person | NameKind::Org);
    if v > 0 {
        // "Sen. John McCain (R-Ariz.) suggested": the name before the parenthesis.
        let mut b = v - 1;
        if toks[b].lower == ")"
            && let Some(open) = (b.saturating_sub(8)..b)
                .rev()
                .find(|&k| toks[k].lower == "(")
            && open > 0
        {
            b = open - 1;
        }
        let before = &toks[b];
        if let Some(m) = ms
            .iter()
            .filter(speaker)
            .find(|m| m.span.end() == before.span.end())
        {
            return vec![m.entity];
        }
        if matches!(before.lower.as_str(), "he" | "she" | "they" | "it") {
            return reference(x, ctx, s, b).unwrap_or_default();
        }
        if before.kind == TokenKind::Word && !before.cap {
            return Vec::new();
        }
    }
    toks.get(v + 1)
        .and_then(|t| {
            ms.iter()
                .filter(speaker)
                .find(|m| m.span.start() == t.span.start())
        })
        .filter(|m| m.kind == NameKind::Person)
        .map(|m| vec![m.entity])
        .unwrap_or_default()
}

/// What a pronoun or description at token `k` refers to, when it is one: `it`, `she`, `the
/// company`, `the couple`, `their`, `who`, `its managing director`, `the 24-year-old`.
fn reference(x: &ClaimExtractor, ctx: &Ctx<'_>, s: &Sentence<'_>, k: usize) -> Option<Vec<usize>> {
    let toks = s.toks;
    let t = &toks[k];
    let w = t.lower.as_str();
    let last_org = |before: usize| {
        ctx.names
            .mentions
            .iter()
            .rev()
            .filter(|m| m.span.start() < before && m.kind == NameKind::Org)
            .map(|m| m.entity)
            .next()
    };
    let couple = || ctx.couple.map(|(a, b)| pair(a, b));
    match w {
        "it" | "its" => {
            // "Greyline said it would …": the organisation named before it in the sentence.
            let here = mentions_in(ctx.names, Span::new(s.span.start(), t.span.start()))
                .iter()
                .rev()
                .find(|m| m.kind == NameKind::Org)
                .map(|m| m.entity);
            // "its managing director": the person in that role.
            if w == "its"
                && let Some(r) = role_holder(x, ctx, s, k + 1)
            {
                return Some(vec![r]);
            }
            return Some(here.or(ctx.org_subject).into_iter().collect());
        }
        "he" | "she" | "his" | "her" | "him" => {
            return Some(pronoun_person(ctx, s, k).into_iter().collect());
        }
        "they" | "their" | "them" => {
            // "they" and "their" after "the couple": the couple; of a company, the company.
            let next = toks.get(k + 1).map(|t| t.lower.as_str()).unwrap_or("");
            if LOVE_NOUNS.contains(&next) || ctx.couple.is_some() && w != "them" {
                return Some(couple().unwrap_or_default());
            }
            return Some(ctx.org_subject.into_iter().collect());
        }
        "who" | "which" => {
            // "Greyline, which employs 2,300 people": the name before the comma.
            let before = k.checked_sub(1).map(|j| &toks[j])?;
            if before.lower != "," {
                return None;
            }
            let ms = mentions_in(ctx.names, s.span);
            return ms
                .iter()
                .rev()
                .find(|m| m.span.end() <= before.span.start())
                .filter(|m| {
                    ctx.text[m.span.end()..before.span.start()]
                        .trim()
                        .is_empty()
                })
                .filter(|m| w == "which" || m.kind == NameKind::Person)
                .map(|m| vec![m.entity]);
        }
        "the" | "this" | "that" => {}
        _ => return None,
    }
    let next = toks.get(k + 1)?;
    let n = next.lower.as_str();
    if matches!(n, "couple" | "pair" | "two") {
        return Some(couple().unwrap_or_default());
    }
    // "the company", "the combined group", "the Norwegian firm".
    let org_noun = (k + 1..(k + 4).min(toks.len()))
        .take_while(|&j| toks[j].kind == TokenKind::Word)
        .find(|&j| is_org_noun(&toks[j].lower));
    if let Some(j) = org_noun
        && toks[k + 1..j].iter().all(|t| {
            !t.cap
                || mention_at(mentions_in(ctx.names, s.span), t)
                    .is_some_and(|m| m.kind == NameKind::Misc)
        })
    {
        return Some(
            ctx.org_subject
                .or_else(|| last_org(t.span.start()))
                .into_iter()
                .collect(),
        );
    }
    // "the actress", "the striker", "the 24-year-old": a person described.
    let mut end = k + 1;
    if next.kind == TokenKind::Number
        && toks.get(k + 5).is_some_and(|t| t.is("old"))
        && toks.get(k + 3).is_some_and(|t| t.is("year"))
    {
        end = k + 5;
    } else if !x.t.role_nouns.contains(n) && !PERSON_NOUNS.contains(&n) {
        return None;
    }
    let span = Span::new(t.span.start(), toks[end].span.end());
    resolve_at(ctx, span).map(|e| vec![e])
}

/// The person of the article whose role starts at token `k` ("its managing director").
fn role_holder(x: &ClaimExtractor, ctx: &Ctx<'_>, s: &Sentence<'_>, k: usize) -> Option<usize> {
    let toks = s.toks;
    let mut end = k;
    while end < toks.len()
        && end < k + 4
        && (x.t.role_words.contains(toks[end].lower.as_str())
            || x.t.role_nouns.contains(toks[end].lower.as_str()))
    {
        end += 1;
    }
    if end == k {
        return None;
    }
    let role: Vec<&str> = toks[k..end].iter().map(|t| t.lower.as_str()).collect();
    let role = role.join(" ");
    let mut holders: Vec<usize> = ctx
        .roles
        .iter()
        .filter(|(_, r)| *r == role)
        .map(|(e, _)| *e)
        .collect();
    holders.dedup();
    (holders.len() == 1).then(|| holders[0])
}

/// True when the name at `m` is only the source of a statement: an attribution after it
/// (`…, director Anna Holm said.`, `…, said Holm.`) or `according to Holm`.
fn attribution(x: &ClaimExtractor, text: &str, sentence: Span, m: Span) -> bool {
    let is_verb = |w: &str| lower_is(w, |w| x.t.verbs.contains(w));
    let rest = &text[m.end()..sentence.end()];
    let after = rest.trim_start();
    let verb_len = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    if verb_len > 0 && is_verb(&after[..verb_len]) {
        let tail = after[verb_len..].trim_start();
        if tail.is_empty() || tail.starts_with(['.', ',', ';', '!', '?']) {
            return true;
        }
    }
    let before = &text[sentence.start()..m.start()];
    let words = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w));
    words.take(3).any(|(at, w)| {
        if w.eq_ignore_ascii_case("according") {
            return true;
        }
        is_verb(w)
            && before[..at]
                .trim_end()
                .ends_with([',', '"', '”', '’', '\''])
    })
}

/// The subject of an `actor` claim whose cue (or value) starts at token `at`: the nearest
/// person or organisation before it in its clause (a pronoun or description resolved), passing
/// over a person who only reports it; else the sentence's subject; else, when the sentence
/// names no one, the article's main entity.
pub(crate) fn actor(
    x: &ClaimExtractor,
    ctx: &Ctx<'_>,
    s: &Sentence<'_>,
    at: usize,
    person_only: bool,
) -> Vec<usize> {
    let toks = s.toks;
    let ms = mentions_in(ctx.names, s.span);
    let clause = toks[at].clause;
    let start =
        after_dateline(ctx.text, s).max(toks.iter().position(|t| t.clause == clause).unwrap_or(0));
    let fits = |e: &[usize]| {
        !e.is_empty()
            && (!person_only
                || e.iter()
                    .all(|&i| ctx.names.entities[i].kind == NameKind::Person))
    };
    let mut reported = false;
    let mut k = at;
    while k > start {
        k -= 1;
        let t = &toks[k];
        // "X said the fraud had cost …": what follows the verb is X's report, not X's claim
        // ("X told staff at a meeting" is X's own act: its object comes first).
        if t.kind == TokenKind::Word
            && !t.cap
            && lower_is(&t.lower, |w| {
                x.t.verbs.contains(w) && !OBJECT_FIRST.contains(&w)
            })
        {
            reported = true;
            continue;
        }
        if let Some(m) = mention_at(ms, t) {
            // Skip to the mention's first token.
            while k > start && toks[k - 1].span.start() >= m.span.start() {
                k -= 1;
            }
            let usable = match m.kind {
                NameKind::Person | NameKind::Org => true,
                NameKind::Place => {
                    k == after_dateline(ctx.text, s) && m.span.start() == t.span.start()
                }
                NameKind::Misc => false,
            };
            if !usable || attribution(x, ctx.text, s.span, m.span) {
                continue;
            }
            if reported && m.kind == NameKind::Person {
                // "Prosecutor Frayne said the fraud had cost …": not Frayne's claim.
                break;
            }
            let e = with_partner(ctx, ms, m);
            if fits(&e) {
                return e;
            }
            continue;
        }
        if let Some(r) = reference(x, ctx, s, k)
            && fits(&r)
        {
            return r;
        }
    }
    if !reported {
        let e = subject_before(x, ctx, s, at);
        if fits(&e) {
            return e;
        }
    }
    // A sentence that names no one else (a headline) is about the article's main
    // organisation, if it has one.
    let names_someone = ms.iter().any(|m| {
        matches!(m.kind, NameKind::Person | NameKind::Org)
            && !attribution(x, ctx.text, s.span, m.span)
    });
    match ctx.topic {
        Some(t)
            if (!names_someone || reported)
                && ctx.names.entities[t].kind == NameKind::Org
                && fits(&[t]) =>
        {
            vec![t]
        }
        _ => Vec::new(),
    }
}

/// The organisation whose shares a cue at token `k` speaks of: named just after "shares in"
/// or "shares of", or just before "shares".
pub(crate) fn share_owner(ctx: &Ctx<'_>, s: &Sentence<'_>, k: usize) -> Option<usize> {
    let toks = s.toks;
    let ms = mentions_in(ctx.names, s.span);
    let org = |t: &Tok| {
        mention_at(ms, t)
            .filter(|m| m.kind == NameKind::Org)
            .map(|m| m.entity)
    };
    if toks.get(k + 1).is_some_and(|t| t.is("in") || t.is("of"))
        && let Some(e) = toks.get(k + 2).and_then(org)
    {
        return Some(e);
    }
    k.checked_sub(1).and_then(|j| org(&toks[j]))
}

/// The person or organisation named between a cue ending at token `cue_last` and the value
/// starting at token `value_first` ("jailed Tobias Renn for nine years").
pub(crate) fn object(
    ctx: &Ctx<'_>,
    s: &Sentence<'_>,
    cue_last: usize,
    value_first: usize,
) -> Option<usize> {
    if cue_last >= value_first || value_first - cue_last > 8 {
        return None;
    }
    let (from, to) = (
        s.toks[cue_last].span.end(),
        s.toks[value_first].span.start(),
    );
    mentions_in(ctx.names, s.span)
        .iter()
        .find(|m| {
            matches!(m.kind, NameKind::Person | NameKind::Org)
                && m.span.start() >= from
                && m.span.end() <= to
        })
        .map(|m| m.entity)
}

/// True when the words before token `k` in its sentence make it about a relationship ("Their
/// romance, born …").
pub(crate) fn about_a_relationship(_x: &ClaimExtractor, s: &Sentence<'_>, k: usize) -> bool {
    s.toks[..k]
        .iter()
        .any(|t| LOVE_NOUNS.contains(&t.lower.as_str()))
}

/// An age read at tokens: a whole number from 0 to 120.
fn age_at(x: &ClaimExtractor, t: &Tok) -> Option<u16> {
    // "a six-year-old girl": a number word too.
    if t.kind == TokenKind::Word {
        return x.numbers.small_number_word(&t.lower);
    }
    if t.kind != TokenKind::Number || t.lower.len() > 3 {
        return None;
    }
    let n: u16 = t.lower.parse().ok()?;
    (1..=120).contains(&n).then_some(n)
}

/// Ages: `Lund, 61,`, `Lund (61)`, `61-year-old Lund`, `Lund, aged 61`, `Lund, who is 61 years
/// old`, `the man, 58,`.
pub(crate) fn ages(x: &ClaimExtractor, ctx: &Ctx<'_>, s: &Sentence<'_>, out: &mut Vec<Claim>) {
    let toks = s.toks;
    let ms = mentions_in(ctx.names, s.span);
    let person_before = |k: usize, within: usize| -> Option<usize> {
        let from = k.saturating_sub(within);
        ms.iter()
            .rev()
            .find(|m| {
                m.kind == NameKind::Person
                    && m.span.end() <= toks[k].span.start()
                    && m.span.start() >= toks[from].span.start()
            })
            .map(|m| m.entity)
    };
    let mut push = |first: usize, last: usize, years: u16, subject: Option<usize>| {
        out.push(Claim {
            sentence: s.index,
            subjects: subject.into_iter().collect(),
            attribute: "age",
            event: "",
            value: ClaimValue::Age(years),
            span: Span::new(toks[first].span.start(), toks[last].span.end()),
            cue: None,
            hedged: false,
            when: None,
            change: Change::Fixed,
            unit: "years".into(),
            background: false,
        });
    };
    for k in 0..toks.len() {
        let Some(mut years) = age_at(x, &toks[k]) else {
            continue;
        };
        // A number word is an age only as "six-year-old" or "aged six" ("Lund, six," is none).
        let word = toks[k].kind == TokenKind::Word;
        // "sixty-one-year-old": a tens word, a hyphen and a unit word are one number, read at
        // the unit word; `from` is its first token.
        let tens = |t: &Tok| {
            t.kind == TokenKind::Word
                && age_at(x, t).is_some_and(|n| n % 10 == 0 && (20..=90).contains(&n))
        };
        let unit = |t: &Tok| t.kind == TokenKind::Word && age_at(x, t).is_some_and(|n| n < 10);
        if tens(&toks[k])
            && toks.get(k + 1).is_some_and(|t| t.is("-"))
            && toks.get(k + 2).is_some_and(unit)
        {
            continue;
        }
        let mut from = k;
        if unit(&toks[k]) && k >= 2 && toks[k - 1].is("-") && tens(&toks[k - 2]) {
            years += age_at(x, &toks[k - 2]).unwrap_or(0);
            from = k - 2;
        }
        let prev = from.checked_sub(1).map(|j| toks[j].lower.as_str());
        let next = toks.get(k + 1).map(|t| t.lower.as_str());
        // "61-year-old": what follows is the person (or a description of one).
        if next == Some("-")
            && toks.get(k + 2).is_some_and(|t| t.is("year"))
            && toks.get(k + 4).is_some_and(|t| t.is("old"))
        {
            let after = k + 5;
            let named = ms.iter().find(|m| {
                m.kind == NameKind::Person
                    && m.span.start() >= toks.get(after).map_or(usize::MAX, |t| t.span.start())
                    && toks[after..tok_at(toks, m.span.start())].iter().all(|t| {
                        t.kind == TokenKind::Word
                            && (x.t.role_words.contains(t.lower.as_str())
                                || x.t.role_nouns.contains(t.lower.as_str())
                                || t.cap)
                    })
                    && tok_at(toks, m.span.start()) <= after + 4
            });
            // "Priya Nandakumar, Halden's 61-year-old chief executive,", "Tom Oduya, a
            // 44-year-old teacher,": the name the description is set after.
            let set_after = || {
                ms.iter()
                    .rev()
                    .filter(|m| m.span.end() <= toks[from].span.start())
                    .find(|m| m.kind == NameKind::Person)
                    .and_then(|m| {
                        let comma = tok_at(toks, m.span.end());
                        let between = toks.get(comma + 1..from)?;
                        (toks[comma].is(",")
                            && between.len() <= 4
                            && between.iter().all(|t| {
                                if t.kind == TokenKind::Punct {
                                    t.lower == "'" || t.lower == "’"
                                } else {
                                    !matches!(t.lower.as_str(), "and" | "or" | "but" | "with")
                                }
                            }))
                        .then_some(m.entity)
                    })
            };
            let subject = match named.map(|m| m.entity).or_else(set_after) {
                Some(e) => Some(e),
                None => {
                    // "the 58-year-old lorry driver": a person described, within three words.
                    let described = toks
                        .iter()
                        .skip(after)
                        .take(3)
                        .any(|t| describes_person(x, &t.lower));
                    let det = from.checked_sub(1).map(|j| toks[j].lower.as_str());
                    if described || det.is_some_and(|d| d == "a" || d == "an") {
                        None
                    } else if det == Some("the")
                        && toks.get(after).is_some_and(|t| {
                            t.kind == TokenKind::Word
                                && !t.cap
                                && !x.t.verbs.contains(t.lower.as_str())
                                && !t.lower.ends_with("ed")
                        })
                    {
                        // "The 12-year-old aircraft": a thing described, no one's age.
                        None
                    } else if det == Some("the") {
                        // "The 24-year-old completed …": the person the text is about.
                        reference(x, ctx, s, from - 1).and_then(|r| r.first().copied())
                    } else {
                        None
                    }
                }
            };
            push(from, k + 4, years, subject);
            continue;
        }
        // "aged 61", "aged nine".
        if prev == Some("aged") {
            push(from - 1, k, years, person_before(from - 1, 6));
            continue;
        }
        if word {
            continue;
        }
        // "61 years old".
        if next == Some("years") && toks.get(k + 2).is_some_and(|t| t.is("old")) {
            push(k, k + 2, years, person_before(k, 8));
            continue;
        }
        // "Lund, 61," / "Lund (61)" / "the man, 58,".
        let closes =
            |t: Option<&Tok>| t.is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ")" | ";"));
        let opens = matches!(prev, Some(",") | Some("("));
        if opens && closes(toks.get(k + 1)) && k >= 2 {
            let before = &toks[k - 2];
            if let Some(m) = mention_at(ms, before)
                && m.kind == NameKind::Person
            {
                push(k, k, years, Some(m.entity));
            } else if PERSON_NOUNS.contains(&before.lower.as_str())
                && k >= 3
                && matches!(toks[k - 3].lower.as_str(), "the" | "a" | "an")
            {
                push(k, k, years, None);
            }
        }
    }
}

/// Normalises a role phrase: lower case, articles and nationalities dropped, `ex` as
/// `former`.
fn role_text(ctx: &Ctx<'_>, toks: &[Tok]) -> String {
    let ms = mentions_in(
        ctx.names,
        Span::new(
            toks.first().map_or(0, |t| t.span.start()),
            toks.last().map_or(0, |t| t.span.end()),
        ),
    );
    let mut words: Vec<&str> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Punct {
            continue;
        }
        if i == 0 && matches!(t.lower.as_str(), "the" | "a" | "an") {
            continue;
        }
        if ms
            .iter()
            .any(|m| m.span.contains(t.span) && matches!(m.kind, NameKind::Misc))
        {
            continue;
        }
        let w = t.lower.trim_end_matches('.');
        let (w, former) = match w.strip_prefix("ex-") {
            Some(rest) => (rest, true),
            None if w == "ex" => ("former", false),
            None => (w, false),
        };
        if former && words.last() != Some(&"former") {
            words.push("former");
        }
        if !(w == "former" && words.last() == Some(&"former")) {
            words.push(w);
        }
    }
    words.join(" ")
}

/// Roles: a title before a name (`Transport Minister Alan Pryce`), a role before it (`chief
/// executive Margaret Okafor`, `the former transport minister Alan Pryce`), an appositive
/// after it (`Alan Pryce, a former British transport minister,`) or before it (`The judge,
/// Helen Okonjo,`, `The company's managing director, Owen Hale,`).
pub(crate) fn roles(x: &ClaimExtractor, ctx: &mut Ctx<'_>, s: &Sentence<'_>, out: &mut Vec<Claim>) {
    let toks = s.toks;
    let ms = mentions_in(ctx.names, s.span);
    let is_role_word = |t: &Tok| {
        // "ex-Vice President": the word after "ex-".
        let w = t.lower.strip_prefix("ex-").unwrap_or(&t.lower);
        t.kind == TokenKind::Word && (x.t.role_words.contains(w) || x.t.role_nouns.contains(w))
    };
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (entity, first tok, last tok)
    for m in ms.iter().filter(|m| m.kind == NameKind::Person) {
        let mk = tok_at(toks, m.span.start());
        let me = tok_at(toks, m.span.end()).saturating_sub(1).max(mk);
        // A title the names extractor stripped ("Transport Minister"), or a role before.
        let mut first = mk;
        let mut titled = false;
        if let Some(title) = m.title {
            let tk = tok_at(toks, title.start());
            let words: Vec<&Tok> = toks[tk..mk]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .collect();
            let honorific = words
                .iter()
                .all(|t| HONORIFICS.contains(&t.lower.trim_end_matches('.')));
            if !honorific && !words.is_empty() {
                first = tk;
                titled = true;
            }
        }
        // Lower-case role words before ("former transport minister", "chief executive"),
        // capitalised only where the sentence starts ("Chief executive Martin Oyelaran"), and
        // "ex-" ("ex-minister").
        let opening = after_dateline(ctx.text, s);
        let mut b = first;
        while b > 0 && first - b < 6 {
            let t = &toks[b - 1];
            // A capitalised role word goes on a title ("ex-Vice President Dick Chaney").
            if is_role_word(t) && (!t.cap || b - 1 == opening || titled) {
                b -= 1;
            } else if t.is("-") && b >= 2 && toks[b - 2].is("ex") {
                b -= 2;
            } else {
                break;
            }
        }
        // The word nearest the name must be a role noun (or the title itself).
        let nearest = if titled { mk - 1 } else { first - 1 };
        if b < first && !x.t.role_nouns.contains(toks[nearest].lower.as_str()) {
            b = first;
        }
        if b < mk {
            found.push((m.entity, b, mk - 1));
            continue;
        }
        // Appositive after: "Alan Pryce, a former British transport minister, was …".
        if toks.get(me + 1).is_some_and(|t| t.is(",")) {
            let mut j = me + 2;
            if toks
                .get(j)
                .is_some_and(|t| matches!(t.lower.as_str(), "the" | "a" | "an"))
            {
                j += 1;
            }
            let from = j;
            while j < toks.len()
                && j < from + 5
                && (is_role_word(&toks[j])
                    || toks[j].cap
                        && mention_at(ms, &toks[j]).is_some_and(|m| m.kind == NameKind::Misc))
            {
                j += 1;
            }
            if j > from && x.t.role_nouns.contains(toks[j - 1].lower.as_str()) {
                // "the head of the regional civil protection agency".
                let mut end = j;
                if toks.get(j).is_some_and(|t| t.is("of")) {
                    let mut e = j + 1;
                    while e < toks.len() && e < j + 8 && toks[e].kind != TokenKind::Punct {
                        e += 1;
                    }
                    end = e;
                }
                let closes = toks
                    .get(end)
                    .is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ";" | ")"));
                if closes {
                    found.push((m.entity, me + 2, end - 1));
                    continue;
                }
            }
        }
        // Appositive before: "The judge, Helen Okonjo, said", "The company's managing
        // director, Owen Hale,".
        if mk >= 2 && toks[mk - 1].is(",") {
            let e = mk - 2;
            let mut b = e + 1;
            while b > 0 && e + 1 - b < 5 && is_role_word(&toks[b - 1]) {
                b -= 1;
            }
            let det = b.checked_sub(1).map(|j| toks[j].lower.as_str());
            let poss = b >= 2 && matches!(toks[b - 1].lower.as_str(), "'s" | "’s" | "'" | "’");
            let poss = poss
                || b >= 1
                    && (toks[b - 1].lower.ends_with("'s") || toks[b - 1].lower.ends_with("’s"));
            if b <= e
                && x.t.role_nouns.contains(toks[e].lower.as_str())
                && (matches!(det, Some("the") | Some("its") | Some("his") | Some("her")) || poss)
                && toks
                    .get(me + 1)
                    .is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ";"))
            {
                found.push((m.entity, b, e));
            }
        }
    }
    for (entity, first, last) in found {
        let role = role_text(ctx, &toks[first..=last]);
        if role.is_empty() || role.split(' ').all(|w| HONORIFICS.contains(&w)) {
            continue;
        }
        ctx.roles.push((entity, role.clone()));
        out.push(Claim {
            sentence: s.index,
            subjects: vec![entity],
            attribute: "role",
            event: "",
            value: ClaimValue::Role(role),
            span: Span::new(toks[first].span.start(), toks[last].span.end()),
            cue: None,
            hedged: false,
            when: None,
            change: Change::Fixed,
            unit: String::new(),
            background: false,
        });
    }
}

/// Relationships: `his girlfriend, Imogen Poots`, `Norton's girlfriend`, `X and Y are
/// engaged`, `the couple … their engagement`, `his separation from Jesse Buckley`, `a rumoured
/// split`.
pub(crate) fn relations(
    x: &ClaimExtractor,
    ctx: &mut Ctx<'_>,
    s: &Sentence<'_>,
    out: &mut Vec<Claim>,
) {
    let toks = s.toks;
    let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let ms = mentions_in(ctx.names, s.span);
    let mut k = 0;
    let mut seen: Vec<(&str, Vec<usize>)> = Vec::new();
    while k < words.len() {
        let Some((n, &(stage, how))) = super::phrase_at(&x.t.relations, &words, k) else {
            k += 1;
            continue;
        };
        let (first, last) = (k, k + n - 1);
        k += n;
        // A phrase that tells of no couple ("same-sex marriage", "dating back to").
        if stage == "none" {
            continue;
        }
        // "Engaged" in an activity or an enemy ("engaged in talks", "engaged the gunman"): a
        // couple is engaged to someone, or since or in a time.
        if stage == "engaged" && how == "state" && n == 1 {
            let next = toks.get(last + 1);
            let after = toks.get(last + 2);
            let busy = next.is_some_and(|t| {
                t.kind == TokenKind::Word
                    && (t.cap && !t.lower.starts_with(char::is_numeric)
                        || matches!(t.lower.as_str(), "the" | "a" | "an" | "with" | "them")
                        || t.is("in")
                            && after.is_some_and(|u| {
                                u.kind == TokenKind::Word
                                    && !u.cap
                                    && !u.lower.starts_with(|c: char| c.is_ascii_digit())
                            }))
            });
            if busy {
                continue;
            }
        }
        // Inside a name ("Happy Valley"?), or a capitalised word mid-sentence: not a relation.
        if mention_at(ms, &toks[first]).is_some() {
            continue;
        }
        let clause = toks[first].clause;
        let negated = toks[..first]
            .iter()
            .rev()
            .take_while(|t| t.clause == clause)
            .any(|t| {
                matches!(t.lower.as_str(), "not" | "never" | "no") || t.lower.ends_with("n't")
            });
        if negated {
            continue;
        }
        // The possessor before: "his", "her", "their", "Norton's", "with" + the name before.
        let mut subjects: Vec<usize> = Vec::new();
        let mut p = first;
        while p > 0
            && first - p < 3
            && toks[p - 1].kind == TokenKind::Word
            && !toks[p - 1].cap
            && !matches!(
                toks[p - 1].lower.as_str(),
                "his" | "her" | "their" | "with" | "the" | "a" | "of"
            )
        {
            p -= 1;
        }
        if p > 0 {
            let t = &toks[p - 1];
            match t.lower.as_str() {
                "his" | "her" => subjects.extend(pronoun_person(ctx, s, p - 1)),
                "their" => {
                    subjects.extend(ctx.couple.map(|(a, b)| pair(a, b)).into_iter().flatten())
                }
                "with" => {
                    if let Some(m) = ms
                        .iter()
                        .rev()
                        .find(|m| m.kind == NameKind::Person && m.span.end() <= t.span.start())
                    {
                        subjects.push(m.entity);
                    }
                }
                "'s" | "’s" | "'" | "’" => {
                    if let Some(m) = ms.iter().rev().find(|m| m.span.end() <= t.span.start()) {
                        subjects.push(m.entity);
                    }
                }
                w if w.ends_with("'s") || w.ends_with("’s") => {
                    // "James's": the name inside the possessive word.
                    if let Some(m) = ms
                        .iter()
                        .find(|m| m.span.start() >= t.span.start() && m.span.end() <= t.span.end())
                        && m.kind == NameKind::Person
                    {
                        // "Norton's girlfriend": the tokenizer keeps "Norton's" whole.
                        subjects.push(m.entity);
                    }
                }
                _ => {}
            }
        }
        // The partner after: "girlfriend, Imogen Poots", "boyfriend, the singer Jonah Reeve",
        // "separation from actress Jesse Buckley", "split of X and Y".
        let after = toks[last].span.end();
        let limit = toks.get(last + 6).map_or(s.span.end(), |t| t.span.end());
        let mut partners: Vec<&NameMention> = ms
            .iter()
            .filter(|m| {
                m.kind == NameKind::Person && m.span.start() >= after && m.span.start() < limit
            })
            .collect();
        partners.truncate(2);
        if let Some(m) = partners.first() {
            let gap = &ctx.text[after..m.span.start()];
            let gap_words: Vec<&str> = gap
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            // "boyfriend, the cellist Pavel Dunn": an appositive of a few lower-case words.
            let described = gap.trim_start().starts_with(',')
                && gap_words
                    .first()
                    .is_some_and(|w| matches!(*w, "the" | "a" | "an"))
                && gap_words.len() <= 4
                && gap_words[1..]
                    .iter()
                    .all(|w| w.chars().all(char::is_lowercase));
            let ok_gap = described
                || gap_words.iter().all(|w| {
                    lower_is(w, |w| {
                        matches!(w, "the" | "a" | "from" | "to" | "with" | "of")
                            || x.t.role_nouns.contains(w)
                            || x.t.role_words.contains(w)
                    })
                });
            if ok_gap {
                subjects.push(m.entity);
                if let Some(b) = partners.get(1)
                    && ctx.text[m.span.end()..b.span.start()].trim() == "and"
                {
                    subjects.push(b.entity);
                }
            }
        }
        // A state said of one person toward another: "X proposed to Y", "X is engaged to Y".
        if subjects.len() == 1 && how == "state" {
            let before = ms.iter().rev().find(|m| {
                m.kind == NameKind::Person
                    && m.span.end() <= toks[first].span.start()
                    && toks[tok_at(toks, m.span.start())].clause == clause
            });
            if let Some(m) = before
                && m.entity != subjects[0]
            {
                subjects.push(m.entity);
            }
        }
        // A state said of people named before it: "X and Y are engaged", "the couple split".
        if subjects.is_empty() && how != "partner" {
            let before = ms.iter().rev().find(|m| {
                m.kind == NameKind::Person
                    && m.span.end() <= toks[first].span.start()
                    && toks[tok_at(toks, m.span.start())].clause == clause
            });
            if let Some(m) = before {
                subjects = with_partner(ctx, ms, m);
            } else if let Some((a, b)) = ctx.couple {
                subjects = pair(a, b);
            }
        }
        // "Norton's girlfriend", with no name after: the couple the article is about, when
        // it includes him.
        if subjects.len() == 1
            && how == "partner"
            && stage != "split"
            && let Some((a, b)) = ctx.couple
            && (subjects[0] == a || subjects[0] == b)
        {
            subjects = vec![a, b];
        }
        subjects.sort_unstable();
        subjects.dedup();
        if subjects.is_empty() {
            continue;
        }
        // A date in the same clause, or in a phrase opening the sentence, dates a change of
        // state ("in early 2022, … their engagement"); a girlfriend is no event.
        let when = if how == "partner" {
            None
        } else {
            date_for(ctx, s, clause)
        };
        let key = (stage, subjects.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        // A couple named by their relationship is the couple "they" and "the couple" mean.
        if subjects.len() == 2 && stage != "split" {
            ctx.couple = Some((subjects[0], subjects[1]));
        }
        out.push(Claim {
            sentence: s.index,
            subjects,
            attribute: "relationship",
            event: "",
            value: ClaimValue::Relation(stage),
            span: Span::new(toks[first].span.start(), toks[last].span.end()),
            cue: Some(Span::new(toks[first].span.start(), toks[last].span.end())),
            hedged: x.hedged(s, first),
            when,
            change: Change::Fixed,
            unit: String::new(),
            background: false,
        });
    }
}

/// A calendar date in clause `clause` of the sentence, else in an opening phrase of it, that is
/// not the writer's own frame ("As we step into 2024, …").
fn date_for(ctx: &Ctx<'_>, s: &Sentence<'_>, clause: u32) -> Option<usize> {
    let toks = s.toks;
    let frame = |c: u32| {
        toks.iter()
            .filter(|t| t.clause == c)
            .any(|t| matches!(t.lower.as_str(), "we" | "us" | "our"))
    };
    let clause_of = |d: &crate::extract::dates::DateMention| {
        toks[tok_at(toks, d.span.start()).min(toks.len() - 1)].clause
    };
    let in_sentence = ctx
        .dates
        .iter()
        .enumerate()
        .filter(|(_, d)| s.span.contains(d.span) && is_calendar(d));
    let mut best = None;
    for (i, d) in in_sentence {
        let c = clause_of(d);
        if frame(c) {
            continue;
        }
        if c == clause {
            return Some(i);
        }
        if c < clause
            && !toks.iter().filter(|t| t.clause == c).any(|t| {
                t.cap
                    && t.kind == TokenKind::Word
                    && toks.first().is_none_or(|f| !std::ptr::eq(f, t))
            })
        {
            best = best.or(Some(i));
        }
    }
    best
}
