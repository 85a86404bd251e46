#!/usr/bin/env python3
"""Scores a newsrake run against the answer key of written three-outlet stories.

Usage: score_stories.py KEY.json OUT_DIR [--verbose]

KEY.json (see tests/fixtures/fresh/README.md) lists, per story, its articles (ids as
newsrake gives them: the path below the input folder), distractor articles that must be other
stories, and the planted findings: `conflict`, `agree`, `one`, `self-conflict` (claims),
`verbatim`, `variant`, `misattributed`, `unquoted` (quotations), and `no-conflict` traps that
must not be reported as contradictions. Values are normalised as the key's README says.

A finding is found when a row of its story in compare_claims.csv / compare_quotes.csv has its
status and, for every outlet the key names, a value that matches the planted one. A conflict
row that matches no planted conflict is a false conflict. Reads both the wide tables (one
column per source) and the long ones (one row per finding and source). Standard library only.
"""
import csv
import json
import re
import sys
from collections import defaultdict

MULT = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
        "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
NUM = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|mn|bn|tn|m|b|k)?\b",
                 re.I)
ISO = re.compile(r"\b(\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T\d{2}:\d{2})?)")
DUR = re.compile(r"\bP(?:\d+(?:\.\d+)?[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?\b")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def hours(d):
    m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?"
                     r"(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
                     r"(?:(\d+(?:\.\d+)?)S)?)?", d)
    if not m or d in ("P", "PT"):
        return None
    f = [float(x) if x else 0.0 for x in m.groups()]
    return f[0] * 8766 + f[1] * 730.5 + f[2] * 168 + f[3] * 24 + f[4] + f[5] / 60 + f[6] / 3600


def numbers(cell):
    out = []
    for m in NUM.finditer(cell):
        try:
            v = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        if m.group(2):
            v *= MULT[m.group(2).lower()]
        out.append(v)
    return out


def matches(planted, cell):
    """True when a table cell gives the planted (normalised) value."""
    planted = str(planted).strip()
    cell = cell or ""
    if not cell.strip():
        return False
    if re.fullmatch(r"\d{1,2}:\d{2}", planted):
        h, mi = planted.split(":")
        return any(int(a) == int(h) and b == mi for a, b in CLOCK.findall(cell))
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", planted) or re.fullmatch(r"(19|20)\d\d", planted) \
            and ("-" in cell or "date" in cell):
        return any(t == planted or t.startswith(planted + "T") for t in ISO.findall(cell))
    if planted.startswith("P"):
        want = hours(planted)
        got = [hours(t) for t in DUR.findall(cell)]
        return want is not None and any(g is not None and abs(g - want) <= 0.01 * want
                                        for g in got)
    m = re.match(r"^(-?\d+(?:\.\d+)?)", planted)
    if not m:
        return planted.lower() in cell.lower()
    want = float(m.group(1))
    # A number is not read out of a date's code or plain words.
    bare = DUR.sub(" ", ISO.sub(" ", re.sub(r"\([^)]*\d{4}\)", " ", cell)))
    return any(abs(v - want) <= max(0.005 * abs(want), 1e-9) for v in numbers(bare))


def norm(s):
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Table:
    """Rows grouped into findings: (story, status, {source: [cells]}, row)."""

    def __init__(self, rows, value_cols):
        self.findings = []
        if rows and "finding_id" in rows[0]:
            by = defaultdict(list)
            for r in rows:
                by[r["finding_id"]].append(r)
            for fid, rs in by.items():
                vals = defaultdict(list)
                for r in rs:
                    vals[r["source"]].append(" ".join(r.get(c, "") for c in value_cols))
                self.findings.append((rs[0]["story"], rs[0]["status"], vals, rs[0]))
        else:
            fixed = {"story", "subject", "subject_key", "attribute", "event", "value_type",
                     "unit", "sources", "status", "detail", "evidence", "quote_group",
                     "speaker", "text", "speakers", "differences", "unquoted_in",
                     "confidence", "because"}
            for r in rows:
                vals = defaultdict(list)
                for k, v in r.items():
                    if k not in fixed and v:
                        vals[k].append(v)
                self.findings.append((r["story"], r["status"], vals, r))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    key = json.load(open(args[0], encoding="utf-8"))
    out = args[1]
    story_of = {r["article_id"]: r["story"] for r in read(f"{out}/articles.csv")}
    claims = Table(read(f"{out}/compare_claims.csv"), ["value", "value_plain"])
    quotes = Table(read(f"{out}/compare_quotes.csv"), ["wording"])
    tally = defaultdict(lambda: [0, 0])
    used_conflicts = set()
    grouping = [0, 0]
    traps = [0, 0]
    lines = []
    story_ids = set()
    for st in key["stories"]:
        arts = st["articles"]
        stories = {story_of.get(a) for a in arts}
        ok = len(stories) == 1 and None not in stories
        sid = story_of.get(arts[0])
        story_ids.add(sid)
        for d in st.get("distractors", []):
            ok = ok and story_of.get(d) not in stories
        grouping[0] += ok
        grouping[1] += 1
        if not ok:
            lines.append(f"GROUPING {st['slug']}: " + ", ".join(
                f"{a}={story_of.get(a)}" for a in arts + st.get("distractors", [])))
        for f in st["findings"]:
            kind = f["kind"]
            if kind in ("conflict", "agree", "one", "self-conflict", "differ", "no-conflict"):
                want = "conflict" if kind == "no-conflict" else kind
                hit = None
                for i, (s, status, vals, row) in enumerate(claims.findings):
                    if s != sid or status != want:
                        continue
                    vs = f["values"]
                    if kind == "self-conflict":
                        (src, pair), = vs.items()
                        good = all(any(matches(p, c) for c in vals.get(src, [])) for p in pair)
                    else:
                        good = all(any(matches(v, c) for c in vals.get(src, []))
                                   for src, v in vs.items())
                    if good:
                        hit = i
                        break
                if kind == "no-conflict":
                    traps[0] += hit is None
                    traps[1] += 1
                    if hit is not None:
                        lines.append(f"TRAP FELL {st['slug']}: {f['what']}")
                    continue
                if hit is not None and kind == "conflict":
                    used_conflicts.add(hit)
                tally[kind][0] += hit is not None
                tally[kind][1] += 1
                if hit is None:
                    lines.append(f"MISSED {kind} {st['slug']}: {f['what']} {f['values']}")
            else:
                run = norm(f["quote"])
                hit = False
                for s, status, vals, row in quotes.findings:
                    if s != sid:
                        continue
                    texts = [row.get("text", "")] + [c for cs in vals.values() for c in cs]
                    if not any(run in norm(t) for t in texts):
                        continue
                    if kind == "unquoted":
                        hit = f["narrated_in"] in row.get("unquoted_in", "") or any(
                            r.get("unquoted_in") == f["narrated_in"] for r in [row])
                    elif kind in ("verbatim", "variant"):
                        hit = status == kind or (kind == "variant" and status == "verbatim"
                                                 and False)
                    else:
                        hit = status == kind
                    if hit:
                        break
                tally["quote:" + kind][0] += hit
                tally["quote:" + kind][1] += 1
                if not hit:
                    lines.append(f"MISSED quote:{kind} {st['slug']}: {f['quote'][:60]}")
    false_conflicts = [(i, x) for i, x in enumerate(claims.findings)
                       if x[1] == "conflict" and x[0] in story_ids and i not in used_conflicts]
    for i, (s, status, vals, row) in false_conflicts:
        lines.append(f"FALSE CONFLICT story {s}: {row.get('subject','')} {row.get('attribute','')}"
                     f" {row.get('event','')} {dict(vals)}")
    found = sum(v[0] for v in tally.values())
    total = sum(v[1] for v in tally.values())
    print(f"stories {len(key['stories'])}: grouping {grouping[0]}/{grouping[1]}")
    for k in sorted(tally):
        print(f"  {k:20} {tally[k][0]:3}/{tally[k][1]}")
    print(f"  {'all findings':20} {found:3}/{total} ({found / max(total, 1):.0%})")
    print(f"  {'traps held':20} {traps[0]:3}/{traps[1]}")
    print(f"  {'false conflicts':20} {len(false_conflicts):3} (of them traps {traps[1] - traps[0]})")
    if verbose:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
