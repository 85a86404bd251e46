use super::view::status;
use super::*;

fn digest(source: &str, day: Option<&str>, keys: &[(&str, NameKind)]) -> Digest {
    Digest {
        source: source.into(),
        title: String::new(),
        published: day.map(|d| d.parse().unwrap()),
        entities: keys
            .iter()
            .map(|&(k, kind)| DigestEntity {
                key: k.into(),
                name: k.into(),
                kind,
                mentions: 1,
            })
            .collect(),
        claims: Vec::new(),
        claim_rows: 0,
        quotes: Vec::new(),
        sketch: Sketch::default(),
    }
}

const P: NameKind = NameKind::Person;
const O: NameKind = NameKind::Org;
const L: NameKind = NameKind::Place;

fn stories(days: u32, ds: Vec<Digest>) -> Vec<usize> {
    let mut c = Comparer::new(days);
    for d in ds {
        c.add(d);
    }
    c.stories().of_article
}

#[test]
fn two_shared_names_or_a_name_and_a_place_make_a_story() {
    let got = stories(
        7,
        vec![
            digest("a", Some("2025-03-11"), &[("acme", O), ("dana whitlow", P)]),
            digest("b", Some("2025-03-12"), &[("acme", O), ("dana whitlow", P)]),
            digest("c", Some("2025-03-12"), &[("acme", O), ("brightwater", L)]),
            digest("d", Some("2025-03-12"), &[("brightwater", L), ("oslo", L)]),
            digest("e", Some("2025-03-12"), &[("acme", O)]),
        ],
    );
    // c joins a and b through acme + brightwater? No: a and b do not name brightwater, so c
    // shares only acme (1.0) with them; d shares one place (0.5) with c; e one name.
    assert_eq!(got, vec![1, 1, 2, 3, 4]);
    let got = stories(
        7,
        vec![
            digest("a", Some("2025-03-11"), &[("acme", O), ("brightwater", L)]),
            digest("b", Some("2025-03-12"), &[("acme", O), ("brightwater", L)]),
        ],
    );
    assert_eq!(got, vec![1, 1]);
}

#[test]
fn the_date_window_separates_stories_and_undated_articles_join_on_names() {
    let keys = [("acme", O), ("dana whitlow", P)];
    let ds = || {
        vec![
            digest("a", Some("2025-03-01"), &keys),
            digest("b", Some("2025-03-20"), &keys),
            digest("c", None, &keys),
        ]
    };
    // The undated article joins both, and through it they are one story (union-find).
    assert_eq!(stories(7, ds()), vec![1, 1, 1]);
    let mut two = ds();
    two.pop();
    assert_eq!(stories(7, two.clone()), vec![1, 2]);
    assert_eq!(stories(30, two), vec![1, 1]);
}

#[test]
fn names_in_hundreds_of_articles_count_little() {
    // 600 articles share two common names (df 600: weight 0) and pairs share a rare one.
    let mut ds = Vec::new();
    for i in 0..600 {
        let pair = format!("person {}", i / 2);
        let keys = [("uk", L), ("prime minister", P), (pair.as_str(), P)];
        ds.push(digest("s", None, &keys));
    }
    let got = stories(7, ds);
    assert_eq!(got.iter().max(), Some(&600));
}

#[test]
fn story_numbers_do_not_depend_on_union_order() {
    let ds = vec![
        digest("a", None, &[("x", P), ("y", P)]),
        digest("b", None, &[("p", P), ("q", P)]),
        digest("c", None, &[("y", P), ("q", P), ("x", P), ("p", P)]),
    ];
    assert_eq!(stories(7, ds), vec![1, 1, 1]);
}

#[test]
fn status_names_all_some_one() {
    assert_eq!(status(3, 3), "all");
    assert_eq!(status(2, 3), "some");
    assert_eq!(status(1, 3), "one");
}
