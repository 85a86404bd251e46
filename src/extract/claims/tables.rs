//! The claim rules as data: attributes, value cues, event triggers, relationship words,
//! hedges and role words, each parsed once from its file beside this module.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::Error;
use crate::rules::{List, Order};

/// The kind of value an attribute takes, and a value's kind when a cue is looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A calendar date.
    Date,
    /// A length of time (`P9Y`).
    Duration,
    /// People counted.
    Count,
    /// Other things counted (homes, flights, ships).
    Things,
    /// Jobs, staff, posts: a count that also takes count cues.
    Jobs,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A distance.
    Distance,
    /// A speed.
    Speed,
    /// A temperature.
    Temperature,
    /// An earthquake's magnitude.
    Magnitude,
    /// A place.
    Place,
    /// A person's age.
    Age,
    /// A person's role or title.
    Role,
    /// Where a couple stands.
    Relation,
}

impl ValueKind {
    fn parse(s: &str) -> Option<ValueKind> {
        Some(match s {
            "date" => ValueKind::Date,
            "duration" => ValueKind::Duration,
            "count" => ValueKind::Count,
            "things" => ValueKind::Things,
            "jobs" => ValueKind::Jobs,
            "money" => ValueKind::Money,
            "percent" => ValueKind::Percent,
            "distance" => ValueKind::Distance,
            "speed" => ValueKind::Speed,
            "temperature" => ValueKind::Temperature,
            "magnitude" => ValueKind::Magnitude,
            "place" => ValueKind::Place,
            "age" => ValueKind::Age,
            "role" => ValueKind::Role,
            "relation" => ValueKind::Relation,
            _ => return None,
        })
    }

    /// True for the kinds that count (people, jobs, things).
    pub(crate) fn counts(self) -> bool {
        matches!(self, ValueKind::Count | ValueKind::Jobs | ValueKind::Things)
    }
}

/// Whose attribute it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubjectPolicy {
    /// The person the value is about.
    Person,
    /// The person or organisation whose clause it is.
    Actor,
    /// The person or organisation the cue acts on ("jailed Renn for nine years", "fined
    /// Halvorsen £2m"), else as for an actor.
    Object,
    /// The person the cue acts on, else the person whose clause it is: only people serve
    /// prison terms.
    PersonObject,
    /// The person whose clause it is, else the organisation ("Vidal joined Kirkby Rovers on a
    /// four-year contract" is Vidal's contract; "Serco won a five-year contract" Serco's).
    Party,
    /// The event itself: no subject.
    None,
}

/// How an attribute's true value behaves over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// One true value.
    Fixed,
    /// A count that grows as news comes in.
    Rises,
    /// A value that changes with time (a role, a relationship).
    Changes,
    /// An age: one year more each year, so a later article may give an age higher by at most
    /// the years between; a lower one, or a larger gap, contradicts.
    Ages,
    /// The date of an event that recurs (an announcement, an attack): dates of one class far
    /// apart are two events, not a contradiction.
    Recurs,
    /// Several values are true at once (a place named as a street, a town or a region).
    Varies,
}

impl Change {
    /// The name used in the attribute table.
    pub fn name(self) -> &'static str {
        match self {
            Change::Fixed => "fixed",
            Change::Rises => "rises",
            Change::Changes => "changes",
            Change::Ages => "ages",
            Change::Recurs => "recurs",
            Change::Varies => "varies",
        }
    }
}

/// One row of `attributes.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttributeDef {
    /// Its name (`deaths`, `prison term`).
    pub name: &'static str,
    /// The kind of value that answers it.
    pub kind: ValueKind,
    /// Whose attribute it is.
    pub subject: SubjectPolicy,
    /// How its true value behaves over time.
    pub change: Change,
    /// The unit counts are given in, if it has one of its own.
    pub unit: Option<&'static str>,
}

/// What a cue says of a value of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CueMeaning {
    pub kind: ValueKind,
    /// `None` for a generic cue ("for", "worth"): the clause's event decides.
    pub attribute: Option<&'static str>,
    /// A generic cue's attribute when no event decides (`pay` → price).
    pub default: Option<&'static str>,
    pub event: &'static str,
}

/// A phrase table: phrases by their first word, longest first.
pub(crate) type Phrases<T> = FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>>;

fn add_phrase<T>(table: &mut Phrases<T>, phrase: &'static str, value: T) {
    let words: Vec<&'static str> = super::split_phrase(phrase);
    let e = table.entry(words[0]).or_default();
    e.push((words, value));
    e.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
}

/// Every claim table, parsed.
#[derive(Debug)]
pub(crate) struct Tables {
    pub attributes: FxHashMap<&'static str, AttributeDef>,
    /// Cue phrases and what each says, per kind.
    pub cues: Phrases<Vec<CueMeaning>>,
    /// Value kinds that need no cue: (kind, attribute).
    pub intrinsic: Vec<(ValueKind, &'static str)>,
    /// Units whose counts answer an attribute with no cue (`seats` → seats).
    pub by_unit: FxHashMap<&'static str, &'static str>,
    /// For an event class, the attribute of a value of each kind in its clause
    /// (`ACQUIRE` + money → price).
    pub by_event: FxHashMap<(&'static str, ValueKind), (&'static str, &'static str)>,
    /// Event triggers: phrase → event class.
    pub events: Phrases<&'static str>,
    /// Relationship words: phrase → (stage, how).
    pub relations: Phrases<(&'static str, &'static str)>,
    pub hedges: FxHashSet<&'static str>,
    pub role_words: FxHashSet<&'static str>,
    pub role_nouns: FxHashSet<&'static str>,
    pub person_events: FxHashSet<&'static str>,
    pub verbs: FxHashSet<&'static str>,
    /// Plural nouns that count people (`people_nouns.txt`).
    pub people_nouns: FxHashSet<&'static str>,
    /// Words that make a value a proposal or a remainder (`proposals.txt`).
    pub proposals: FxHashSet<&'static str>,
    /// Events that happen once to their subject (`once_events.txt`).
    pub once: FxHashSet<&'static str>,
}

impl Tables {
    /// The kind of an amount, from its normalised unit: a currency is money, `percent` a
    /// percentage, `jobs` jobs, people (`residents`, `drivers`) a count, anything else counted
    /// (`homes`) things.
    pub(crate) fn kind_of_unit(&self, unit: &str) -> ValueKind {
        match unit {
            "percent" | "percentage points" => ValueKind::Percent,
            "km" | "miles" | "m" | "ft" => ValueKind::Distance,
            "mph" | "km/h" | "knots" => ValueKind::Speed,
            "celsius" | "fahrenheit" | "degrees" => ValueKind::Temperature,
            "magnitude" => ValueKind::Magnitude,
            "jobs" => ValueKind::Jobs,
            u if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => ValueKind::Money,
            u if self.people_nouns.contains(u)
                || matches!(u, "firefighters" | "victims" | "casualties" | "deaths")
                || u.strip_suffix('s')
                    .is_some_and(|s| self.role_nouns.contains(s)) =>
            {
                ValueKind::Count
            }
            _ => ValueKind::Things,
        }
    }

    pub(crate) fn load() -> Result<Tables, Error> {
        let mut attributes = FxHashMap::default();
        let list = List::parse(
            "extract/claims/attributes.txt",
            include_str!("attributes.txt"),
            Order::SortedKeys,
        )?;
        for (line, f) in list.fields(5)? {
            let kind = ValueKind::parse(f[1])
                .ok_or_else(|| Error::rule(list.name, line, format!("unknown value {:?}", f[1])))?;
            let subject = match f[2] {
                "person" => SubjectPolicy::Person,
                "actor" => SubjectPolicy::Actor,
                "object" => SubjectPolicy::Object,
                "person-object" => SubjectPolicy::PersonObject,
                "party" => SubjectPolicy::Party,
                "none" => SubjectPolicy::None,
                x => {
                    return Err(Error::rule(
                        list.name,
                        line,
                        format!("unknown subject {x:?}"),
                    ));
                }
            };
            let change = match f[3] {
                "fixed" => Change::Fixed,
                "rises" => Change::Rises,
                "changes" => Change::Changes,
                "ages" => Change::Ages,
                "varies" => Change::Varies,
                x => {
                    return Err(Error::rule(
                        list.name,
                        line,
                        format!("unknown change {x:?}"),
                    ));
                }
            };
            let unit = (f[4] != "-").then_some(f[4]);
            attributes.insert(
                f[0],
                AttributeDef {
                    name: f[0],
                    kind,
                    subject,
                    change,
                    unit,
                },
            );
        }
        let mut events: Phrases<&'static str> = FxHashMap::default();
        let list = List::parse(
            "extract/claims/events.txt",
            include_str!("events.txt"),
            Order::SortedKeys,
        )?;
        let mut classes = FxHashSet::default();
        for (line, f) in list.fields(2)? {
            // "-": an idiom that holds a trigger word but is none ("drew to a close").
            if f[1] != "-"
                && (f[1].is_empty() || !f[1].bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            {
                return Err(Error::rule(
                    list.name,
                    line,
                    "the event must be UPPER_CASE or -",
                ));
            }
            if f[1] != "-" {
                classes.insert(f[1]);
            }
            add_phrase(&mut events, f[0], f[1]);
        }
        let mut cues: Phrases<Vec<CueMeaning>> = FxHashMap::default();
        let mut intrinsic = Vec::new();
        let mut by_unit = FxHashMap::default();
        let mut by_event = FxHashMap::default();
        let list = List::parse(
            "extract/claims/cues.txt",
            include_str!("cues.txt"),
            Order::Sorted,
        )?;
        for (line, f) in list.fields(4)? {
            if f[1] == "unit" {
                let a = attributes.get(f[2]).ok_or_else(|| {
                    Error::rule(
                        list.name,
                        line,
                        format!("{:?} is not in attributes.txt", f[2]),
                    )
                })?;
                by_unit.insert(f[0], a.name);
                continue;
            }
            let kind = ValueKind::parse(f[1])
                .ok_or_else(|| Error::rule(list.name, line, format!("unknown value {:?}", f[1])))?;
            let default = match f[2].strip_prefix('@') {
                Some("") | None => None,
                Some(d) => Some(
                    attributes
                        .get(d)
                        .ok_or_else(|| {
                            Error::rule(list.name, line, format!("{d:?} is not in attributes.txt"))
                        })?
                        .name,
                ),
            };
            let attribute = match f[2] {
                a if a.starts_with('@') => None,
                a => {
                    let def = attributes.get(a).ok_or_else(|| {
                        Error::rule(list.name, line, format!("{a:?} is not in attributes.txt"))
                    })?;
                    let fits = def.kind == kind || def.kind.counts() && kind.counts();
                    if !fits {
                        return Err(Error::rule(
                            list.name,
                            line,
                            format!("{a:?} takes another kind of value"),
                        ));
                    }
                    Some(def.name)
                }
            };
            let event = if f[3] == "-" { "" } else { f[3] };
            if f[0] == "*" {
                let a = attribute
                    .ok_or_else(|| Error::rule(list.name, line, "* needs an attribute"))?;
                intrinsic.push((kind, a));
            } else if let Some(class) = f[0].strip_prefix('@') {
                if !classes.contains(class) {
                    return Err(Error::rule(
                        list.name,
                        line,
                        format!("no event class {class:?} in events.txt"),
                    ));
                }
                let a = attribute
                    .ok_or_else(|| Error::rule(list.name, line, "@EVENT needs an attribute"))?;
                let class = classes.get(class).copied().unwrap_or("");
                by_event.insert((class, kind), (a, event));
            } else {
                let meaning = CueMeaning {
                    kind,
                    attribute,
                    default,
                    event,
                };
                let words: Vec<&'static str> = super::split_phrase(f[0]);
                let e = cues.entry(words[0]).or_default();
                match e.iter_mut().find(|(w, _)| *w == words) {
                    Some((_, m)) => m.push(meaning),
                    None => {
                        e.push((words, vec![meaning]));
                        e.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
                    }
                }
            }
        }
        let mut relations = FxHashMap::default();
        let list = List::parse(
            "extract/claims/relations.txt",
            include_str!("relations.txt"),
            Order::SortedKeys,
        )?;
        for (line, f) in list.fields(3)? {
            if !matches!(f[1], "dating" | "engaged" | "married" | "split" | "none") {
                return Err(Error::rule(list.name, line, "unknown stage"));
            }
            if !matches!(f[2], "partner" | "state" | "noun" | "none")
                || (f[1] == "none") != (f[2] == "none")
            {
                return Err(Error::rule(
                    list.name,
                    line,
                    "unknown way of naming the couple",
                ));
            }
            add_phrase(&mut relations, f[0], (f[1], f[2]));
        }
        let words = |name: &'static str, text: &'static str| -> Result<FxHashSet<&str>, Error> {
            Ok(List::parse(name, text, Order::Sorted)?.words().collect())
        };
        let not_roles = words(
            "extract/claims/not_roles.txt",
            include_str!("not_roles.txt"),
        )?;
        let role_nouns = words(
            "extract/names/roles.txt",
            include_str!("../names/roles.txt"),
        )?
        .into_iter()
        .filter(|w| !not_roles.contains(w) && !relations.contains_key(w))
        .collect();
        Ok(Tables {
            attributes,
            cues,
            intrinsic,
            by_unit,
            by_event,
            events,
            relations,
            hedges: words("extract/claims/hedges.txt", include_str!("hedges.txt"))?,
            role_words: words(
                "extract/claims/role_words.txt",
                include_str!("role_words.txt"),
            )?,
            role_nouns,
            person_events: words(
                "extract/claims/person_events.txt",
                include_str!("person_events.txt"),
            )?,
            verbs: words(
                "extract/quotes/verbs.txt",
                include_str!("../quotes/verbs.txt"),
            )?,
            people_nouns: words(
                "extract/claims/people_nouns.txt",
                include_str!("people_nouns.txt"),
            )?,
            proposals: words(
                "extract/claims/proposals.txt",
                include_str!("proposals.txt"),
            )?,
            once: words(
                "extract/claims/once_events.txt",
                include_str!("once_events.txt"),
            )?,
        })
    }
}

/// The longest phrase of `table` starting at word `k` of `words`: its length and value.
pub(crate) fn phrase_at<'t, T>(
    table: &'t Phrases<T>,
    words: &[&str],
    k: usize,
) -> Option<(usize, &'t T)> {
    table.get(words[k])?.iter().find_map(|(w, v)| {
        (k + w.len() <= words.len() && w.iter().zip(&words[k..]).all(|(a, b)| a == b))
            .then_some((w.len(), v))
    })
}
