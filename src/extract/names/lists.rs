//! The name lists, parsed once from the data files beside this module.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Gender;
use crate::Error;
use crate::rules::{List, Order};

/// What kind of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    Country,
    Capital,
    Continent,
    State,
    City,
    Region,
}

#[derive(Debug)]
pub(crate) struct Lists {
    /// Places by exact name.
    pub places: FxHashMap<&'static str, PlaceKind>,
    /// Given names with their gender hint.
    pub given: FxHashMap<&'static str, Gender>,
    pub surnames: FxHashSet<String>,
    pub titles: FxHashMap<&'static str, Gender>,
    /// Portfolios: title words only before another title word ("Transport Minister").
    pub portfolios: FxHashSet<&'static str>,
    pub roles: FxHashSet<&'static str>,
    pub org_heads: FxHashSet<&'static str>,
    /// Words that begin a place's name ("Port", "Mount").
    pub place_first: FxHashSet<&'static str>,
    /// Words that end a place's name ("River", "Street").
    pub place_last: FxHashSet<&'static str>,
    /// Well-known organisations, by exact name.
    pub orgs: FxHashSet<&'static str>,
    pub misc_heads: FxHashSet<&'static str>,
    pub demonyms: FxHashSet<&'static str>,
    pub stopcaps: FxHashSet<&'static str>,
    /// U.S. states in news style ("Calif", "N.H", "TX"), read only after a town and a comma.
    pub state_abbrevs: FxHashSet<&'static str>,
    pub adjective_tails: FxHashSet<&'static str>,
    /// Words before a work's title, with "in" between ("starring in", "performance in").
    pub work_before: FxHashSet<&'static str>,
    /// Words after a work's title ("the Happy Valley actor").
    pub work_after: FxHashSet<&'static str>,
    /// Capitalised units that open a title after a number ("28 Weeks Later").
    pub work_number: FxHashSet<&'static str>,
    /// Nouns before a vessel's name ("the ferry Carrow Queen").
    pub vessel_before: FxHashSet<&'static str>,
    /// Verbs after "the" and a vessel's name ("the Aldery Star docked").
    pub vessel_after: FxHashSet<&'static str>,
    /// Nouns after a product's name with a digit ("an M16 rifle").
    pub product_after: FxHashSet<&'static str>,
    /// Weapons named without a digit: "Kalashnikov rifles".
    pub arms_after: FxHashSet<&'static str>,
    /// Market indices and contracts: "the Nikkei average", "Eurodollar futures".
    pub index_after: FxHashSet<&'static str>,
    /// One or two words before an organisation's name ("stake in", "the daily").
    pub org_before: FxHashSet<&'static str>,
    /// The word after an organisation's name ("employs", "stock", "chairman").
    pub org_after: FxHashSet<&'static str>,
}

/// A `WORD<TAB>POSITION` list split into one set per position, in the order of `positions`.
fn by_position<const N: usize>(
    file: &'static str,
    text: &'static str,
    positions: [&str; N],
) -> Result<[FxHashSet<&'static str>; N], Error> {
    let mut sets: [FxHashSet<&'static str>; N] = std::array::from_fn(|_| FxHashSet::default());
    for (line, f) in List::parse(file, text, Order::Sorted)?.fields(2)? {
        let k = positions
            .iter()
            .position(|p| *p == f[1])
            .ok_or_else(|| Error::rule(file, line, format!("unknown position {:?}", f[1])))?;
        sets[k].insert(f[0]);
    }
    Ok(sets)
}

fn set(name: &'static str, text: &'static str) -> Result<FxHashSet<&'static str>, Error> {
    Ok(List::parse(name, text, Order::Sorted)?.words().collect())
}

impl Lists {
    pub(crate) fn load() -> Result<Lists, Error> {
        let mut places = FxHashMap::default();
        for (file, text) in [
            ("extract/names/places.txt", include_str!("places.txt")),
            ("extract/names/regions.txt", include_str!("regions.txt")),
        ] {
            let list = List::parse(file, text, Order::SortedKeys)?;
            for (line, f) in list.fields(2)? {
                let kind = match f[1] {
                    "country" => PlaceKind::Country,
                    "capital" => PlaceKind::Capital,
                    "continent" => PlaceKind::Continent,
                    "state" => PlaceKind::State,
                    "city" => PlaceKind::City,
                    "region" => PlaceKind::Region,
                    k => return Err(Error::rule(file, line, format!("unknown place kind {k:?}"))),
                };
                places.entry(f[0]).or_insert(kind);
            }
        }
        let mut given = FxHashMap::default();
        let file = "extract/names/given_names.txt";
        for (line, f) in
            List::parse(file, include_str!("given_names.txt"), Order::SortedKeys)?.fields(2)?
        {
            let share: f32 = f[1]
                .parse()
                .map_err(|_| Error::rule(file, line, "share is not a number"))?;
            let g = if share >= 0.8 {
                Gender::Male
            } else if share <= 0.2 {
                Gender::Female
            } else {
                Gender::Unknown
            };
            given.insert(f[0], g);
        }
        let mut titles = FxHashMap::default();
        let mut portfolios = FxHashSet::default();
        let file = "extract/names/titles.txt";
        for (line, f) in
            List::parse(file, include_str!("titles.txt"), Order::SortedKeys)?.fields(2)?
        {
            let g = match f[1] {
                "m" => Gender::Male,
                "f" => Gender::Female,
                "-" => Gender::Unknown,
                "p" => {
                    portfolios.insert(f[0]);
                    continue;
                }
                x => return Err(Error::rule(file, line, format!("unknown gender {x:?}"))),
            };
            titles.insert(f[0], g);
        }
        let [place_first, place_last] = by_position(
            "extract/names/place_heads.txt",
            include_str!("place_heads.txt"),
            ["first", "last"],
        )?;
        let [work_before, work_after, work_number] = by_position(
            "extract/names/work_cues.txt",
            include_str!("work_cues.txt"),
            ["before", "after", "number"],
        )?;
        let [
            vessel_before,
            vessel_after,
            product_after,
            arms_after,
            index_after,
        ] = by_position(
            "extract/names/things.txt",
            include_str!("things.txt"),
            ["vessel", "sails", "product", "arms", "index"],
        )?;
        let [org_before, org_after] = by_position(
            "extract/names/org_cues.txt",
            include_str!("org_cues.txt"),
            ["before", "after"],
        )?;
        Ok(Lists {
            org_before,
            org_after,
            work_before,
            work_after,
            work_number,
            vessel_before,
            vessel_after,
            product_after,
            arms_after,
            index_after,
            places,
            place_first,
            place_last,
            given,
            surnames: List::parse(
                "extract/names/surnames.txt",
                include_str!("surnames.txt"),
                Order::Sorted,
            )?
            .words()
            .map(str::to_lowercase)
            .collect(),
            titles,
            portfolios,
            roles: set("extract/names/roles.txt", include_str!("roles.txt"))?,
            org_heads: set("extract/names/org_heads.txt", include_str!("org_heads.txt"))?,
            orgs: set("extract/names/orgs.txt", include_str!("orgs.txt"))?,
            misc_heads: set(
                "extract/names/misc_heads.txt",
                include_str!("misc_heads.txt"),
            )?,
            demonyms: set("extract/names/demonyms.txt", include_str!("demonyms.txt"))?,
            stopcaps: set("extract/names/stopcaps.txt", include_str!("stopcaps.txt"))?,
            state_abbrevs: set(
                "extract/names/state_abbreviations.txt",
                include_str!("state_abbreviations.txt"),
            )?,
            adjective_tails: set(
                "extract/names/adjective_tails.txt",
                include_str!("adjective_tails.txt"),
            )?,
        })
    }

    /// The place kind of a name, trying it as written and with only its first letter capital
    /// (for names written in capitals).
    pub(crate) fn place_kind(&self, name: &str) -> Option<PlaceKind> {
        self.places.get(name).copied()
    }

    /// Whether a word is a title: listed, or made of listed titles with hyphens
    /// ("Major-General", "Lieutenant-Colonel").
    pub(crate) fn is_title(&self, w: &str) -> bool {
        self.titles.contains_key(w)
            || w.contains('-') && w.split('-').all(|p| self.titles.contains_key(p))
    }

    /// Whether a word is a common surname (any case).
    pub(crate) fn is_surname(&self, w: &str) -> bool {
        crate::segment::with_lower(w, |w| self.surnames.contains(w))
    }

    /// The head of an organisation's or an event's name ("Party", "Cup", "League"): a name
    /// ending on it, or holding it right after a title, is no person.
    pub(crate) fn is_head(&self, w: &str) -> bool {
        self.org_heads.contains(w) || self.misc_heads.contains(w)
    }

    /// A U.S. state's abbreviation, with or without its final stop ("Wis.", "N.H.", "TX").
    pub(crate) fn is_state_abbrev(&self, w: &str) -> bool {
        self.state_abbrevs
            .contains(w.strip_suffix('.').unwrap_or(w))
    }

    /// An adjective made of a name with a hyphen: "Ontario-based", "Communist-led",
    /// "Indonesian-origin"; not "In-so" or "Chun-yeh", names of their own.
    pub(crate) fn is_name_adjective(&self, w: &str) -> bool {
        w.rsplit_once('-').is_some_and(|(head, tail)| {
            !head.is_empty()
                && !tail.is_empty()
                && tail.chars().all(char::is_lowercase)
                && (tail.len() >= 3 && tail.ends_with("ed") || self.adjective_tails.contains(tail))
        })
    }

    /// A given name's gender hint.
    pub(crate) fn given_gender(&self, name: &str) -> Gender {
        self.given.get(name).copied().unwrap_or_default()
    }
}
