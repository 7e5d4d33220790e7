"""Name-key benchmark on the real lists: do variants meet, do different people stay apart?

Positives: pairs of names of one entry (OFAC SDN name + ALT.CSV a.k.a.s of 2021-07-07; UN
consolidated list: name parts, good-quality aliases and original-script names). Hard negatives:
pairs of names of different entries of the same type that share their surname or their first
given name (persons) or their first word (organizations). For each key, "together" is the share
of positives whose keys are equal (or, for `subset`, whose token keys of one name are all among
the other's), "apart" the share of hard negatives whose keys differ.

Speed (CPU time of this process, one core):
(a) full normalization (`name_features`) of the distinct names, in names per second, with the
    caches cleared before every name (no cache) and with the caches as shipped, first pass;
(b) `normalize_table` on the real 2024-05-03 SDN list (read with the 2025 ALT/ADD files), with
    the garbage collector on and paused (`gmmatch.records.gc_paused`, as readers run it);
(c) `normalize_table` on a synthetic recommendation-like table: names recombined from the real
    given names and surnames, dates of birth in six shapes, nationalities as the lists write
    them; rows per second and the peak resident memory of the process.

Run from the repository root:  python benchmarks/bench_names.py
Speed only, (c) on a million rows:  python benchmarks/bench_names.py --speed --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import random
import resource
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import jellyfish
import pyarrow as pa

from gmmatch.normalize import countries, dates, names, normalize_table, orgs, table, text
from gmmatch.normalize.names import key_bearing
from gmmatch.normalize.orgs import org_key_tokens
from gmmatch.normalize.table import name_features
from gmmatch.records import SCHEMA, gc_paused

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PAIRS_PER_SIDE = 20000
random.seed(20240503)
# The words hard negatives are grouped by skip these connectors. Fixed here (the first version
# of names.KEY_STOPWORDS) so that changing the key rules does not change the pairs sampled.
_GROUPING_SKIP = frozenset({"al", "bin", "bint", "ould"})


def read_ofac() -> dict[str, tuple[str, list[str]]]:
    folder = DATA / "ofac" / "2021-07-07"
    entries: dict[str, tuple[str, list[str]]] = {}
    with open(folder / "sdn.csv", encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[0].strip().isdigit():
                kind = "person" if row[2].strip() == "individual" else (
                    "organization" if row[2].strip() in ("-0-", "") else "other")
                entries["ofac:" + row[0].strip()] = (kind, [row[1].strip()])
    with open(folder / "alt.csv", encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            key = "ofac:" + row[0].strip() if row else ""
            if key in entries and len(row) > 3:
                entries[key][1].append(row[3].strip())
    return entries


def read_un() -> dict[str, tuple[str, list[str]]]:
    root = ET.parse(DATA / "un" / "consolidated_2026-02-27.xml").getroot()
    entries: dict[str, tuple[str, list[str]]] = {}
    for tag, kind in (("INDIVIDUAL", "person"), ("ENTITY", "organization")):
        for node in root.iter(tag):
            ref = node.findtext("REFERENCE_NUMBER") or node.findtext("DATAID")
            parts = [node.findtext(p) for p in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                                "FOURTH_NAME")]
            found = [" ".join(p.strip() for p in parts if p and p.strip())]
            script = node.findtext("NAME_ORIGINAL_SCRIPT")
            if script and script.strip():
                found.append(script.strip())
            for alias in node.iter(f"{tag}_ALIAS"):
                if (alias.findtext("QUALITY") or "").strip() in ("Good", "a.k.a.", ""):
                    alias_name = alias.findtext("ALIAS_NAME")
                    if alias_name and alias_name.strip():
                        found.append(alias_name.strip())
            entries[f"un:{ref}"] = (kind, [n for n in found if n])
    return entries


def positives(entries) -> list[tuple[str, str, str]]:
    """The primary name against each alias of the same entry."""
    pairs = []
    for kind, found in entries.values():
        primary, *aliases = list(dict.fromkeys(found))
        pairs += [(kind, primary, alias) for alias in aliases]
    return pairs


def hard_negatives(entries) -> list[tuple[str, str, str]]:
    by_word: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for entry, (kind, found) in entries.items():
        for name in dict.fromkeys(found):
            feats = name_features(name, kind)
            words = set()
            if kind == "person":
                parts = names.parse_name(name)
                given = [t for t in parts.given if t not in _GROUPING_SKIP]
                surname = [t for t in parts.surname if t not in _GROUPING_SKIP]
                words |= {("s", t) for t in surname[-1:]} | {("g", t) for t in given[:1]}
            else:
                words |= {("o", t) for t in feats.tokens[:1]}
            for word in words:
                by_word[(kind, *word)].append((entry, name))
    pairs = []
    for (kind, *_), members in by_word.items():
        if len(members) > 400:
            members = random.sample(members, 400)
        for (e1, n1), (e2, n2) in itertools.combinations(members, 2):
            if e1 != e2:
                pairs.append((kind, n1, n2))
    return pairs


def _folded_tokens(name: str, kind: str) -> tuple[str, ...]:
    return tuple(sorted(set(name_features(name, kind).tokens)))


def _codes(code: Callable[[str], str]) -> Callable[[str, str], frozenset[str]]:
    """Another phonetic code over the same tokens as `phonetic_keys`."""
    def keys(name: str, kind: str) -> frozenset[str]:
        tokens = name_features(name, kind).tokens
        bearing = key_bearing(tokens) if kind == "person" else org_key_tokens(tokens)
        return frozenset(code(t) for t in bearing if t.isalpha())
    return keys


KEYS: dict[str, Callable[[str, str], object]] = {
    "folded tokens (baseline, no variant folding)": lambda n, k: frozenset(_folded_tokens(n, k)),
    "variant key (name_keys)": lambda n, k: frozenset(name_features(n, k).token_keys),
    "metaphone (phonetic_keys)": lambda n, k: frozenset(name_features(n, k).phonetic_keys),
    "nysiis": _codes(jellyfish.nysiis),
    "soundex": _codes(jellyfish.soundex),
    "match rating codex": _codes(jellyfish.match_rating_codex),
}


def _rates(key, pairs) -> tuple[float, float]:
    equal = subset = 0
    for kind, a, b in pairs:
        ka, kb = key(a, kind), key(b, kind)
        if ka and kb:
            equal += ka == kb
            subset += ka <= kb or kb <= ka
    return equal / len(pairs), subset / len(pairs)


def evaluate(pos, neg) -> list[str]:
    lines = ["| key | positives together (equal) | (subset) | negatives apart (equal) | "
             "(subset) |", "|---|---|---|---|---|"]
    for label, key in KEYS.items():
        pe, ps = _rates(key, pos)
        ne, ns = _rates(key, neg)
        lines.append(f"| {label} | {pe:.1%} | {ps:.1%} | {1 - ne:.1%} | {1 - ns:.1%} |")
    return lines


def clear_caches() -> None:
    """Empty every cache of the normalizers (token, name, date and country caches)."""
    for cache in _CACHES:
        cache.cache_clear()
    names._TOKEN_CODES.clear()  # a plain dict (read inline by name_features)


#: Every cached function of those modules, once (modules import each other's functions).
_CACHES = list({id(value): value for module in (text, names, orgs, table, countries, dates)
                for value in vars(module).values()
                if callable(getattr(value, "cache_clear", None))}.values())


def _names_per_second(distinct: list[tuple[str, str]], before_each=None) -> float:
    """One pass of `name_features` over the names, in names per second of CPU time.

    A full collection first: otherwise whether the collector happens to traverse this
    benchmark's own data (the entries read, ~0.1 s) during the pass decides the figure.
    """
    gc.collect()
    start = time.process_time()
    if before_each is None:
        for name, kind in distinct:
            name_features(name, kind)
    else:
        for name, kind in distinct:
            before_each()
            name_features(name, kind)
    return len(distinct) / (time.process_time() - start)


def _key_tokens(name: str, kind: str) -> list[str]:
    """The tokens whose keys `name_features` looks up in the token cache, repeats included."""
    if kind == "person":
        given, surname, _ = names._split_name(name, None, None)
        return key_bearing(given + surname)
    return list(org_key_tokens(orgs._split_org_name(name)[0]))


def speed(distinct: list[tuple[str, str]]) -> list[str]:
    clear_caches()
    cached = _names_per_second(distinct)
    computed = len(names._TOKEN_CODES)  # each distinct token computed once
    lookups = sum(len(_key_tokens(name, kind)) for name, kind in distinct)
    clear_caches()
    gc.disable()
    paused = _names_per_second(distinct)
    gc.enable()
    # token caching off: the token cache emptied before every name, all else as above
    clear_caches()
    no_token_cache = _names_per_second(distinct, names._TOKEN_CODES.clear)
    sample = distinct[:5000]
    start = time.process_time()
    for _ in sample:
        clear_caches()
    overhead = time.process_time() - start
    start = time.process_time()
    for name, kind in sample:
        clear_caches()
        name_features(name, kind)
    uncached = len(sample) / (time.process_time() - start - overhead)
    return [f"- (a) distinct names: {len(distinct):,}; token lookups: {lookups:,}, distinct "
            f"tokens: {computed:,} (token cache hit rate {1 - computed / lookups:.1%})",
            f"- (a) names/s, no cache (caches cleared before every name): {uncached:,.0f}",
            f"- (a) names/s, token cache emptied before every name: {no_token_cache:,.0f}",
            f"- (a) names/s, caches on, first pass over distinct names: {cached:,.0f} "
            f"(garbage collector paused: {paused:,.0f})"]


def sdn_speed() -> list[str]:
    from gmmatch import read_sdn

    sdn = read_sdn(DATA / "ofac" / "2024-05-03" / "sdn.csv",
                   alt=DATA / "ofac" / "2025-01-06" / "alt.csv",
                   add=DATA / "ofac" / "2025-01-06" / "add.csv")
    canonical = sdn.table.select(SCHEMA.names)
    lines = []
    for label, run in (("garbage collector on", normalize_table),
                       ("paused (gc_paused, as in readers)", gc_paused(normalize_table))):
        clear_caches()
        start = time.process_time()
        run(canonical)
        elapsed = time.process_time() - start
        lines.append(f"- (b) normalize_table, SDN 2024-05-03 ({canonical.num_rows:,} rows), "
                     f"{label}: {elapsed:.2f} s, {canonical.num_rows / elapsed:,.0f} rows/s")
    return lines


def synthetic_table(rows: int, seed: int = 7) -> pa.Table:
    """Recommendation-like rows: real given names and surnames recombined in the usual forms."""
    rng = random.Random(seed)
    given, surnames, nationalities = set(), set(), set()
    with open(DATA / "ofac" / "2024-05-03" / "sdn.csv", encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 11 and row[2] == "individual" and "," in row[1]:
                surname, first = row[1].split(",", 1)
                surnames.add(surname.strip().title())
                given.update(first.split())
            for fact in row[-1].split(";") if row else ():
                if fact.strip().startswith("nationality "):
                    nationalities.add(fact.strip()[12:].rstrip("."))
    root = ET.parse(DATA / "un" / "consolidated_2026-02-27.xml").getroot()
    for node in root.iter("INDIVIDUAL"):
        given.add((node.findtext("FIRST_NAME") or "").strip().title())
        surnames.add((node.findtext("SECOND_NAME") or "").strip().title())
    given, surnames = sorted(filter(None, given)), sorted(filter(None, surnames))
    nationalities = [*sorted(nationalities), "Russian", "Iranian", "RUS", "Korea, North"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    shapes = ("{d:02d} {mon} {y}", "{y}-{m:02d}-{d:02d}", "{d:02d}/{m:02d}/{y}", "circa {y}",
              "{y} to {y2}", "{y}")
    rows_out: dict[str, list] = {"name": [], "dob": [], "nationality": []}
    for i in range(rows):
        g, s = rng.choice(given), rng.choice(surnames)
        rows_out["name"].append((f"{g} {s}", f"{s.upper()}, {g} {rng.choice(given)}",
                                 f"{g} {rng.choice(given)} {s}", f"{s.upper()} {g}")[i % 4])
        y, m, d = rng.randint(1940, 2000), rng.randint(1, 12), rng.randint(1, 28)
        dob = rng.choice(shapes).format(d=d, m=m, mon=months[m - 1], y=y, y2=y + 2)
        rows_out["dob"].append([dob] if i % 10 else [])
        rows_out["nationality"].append([rng.choice(nationalities)] if i % 7 else [])
    columns = {}
    for field in SCHEMA:
        if field.name in rows_out:
            columns[field.name] = pa.array(rows_out.pop(field.name), field.type)
        elif field.name == "id":
            columns["id"] = pa.array([str(i) for i in range(rows)], pa.string())
        elif field.name == "entity_type":
            columns["entity_type"] = pa.array(["person"] * rows, pa.string())
        elif pa.types.is_list(field.type):
            columns[field.name] = pa.array([[]] * rows, field.type)
        else:
            columns[field.name] = pa.nulls(rows, field.type)
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def table_speed(rows: int) -> list[str]:
    canonical = synthetic_table(rows)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clear_caches()
    start = time.process_time()
    gc_paused(normalize_table)(canonical)
    elapsed = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    distinct = len(set(canonical.column("name").to_pylist()))
    return [f"- (c) normalize_table (garbage collector paused) on {rows:,} synthetic rows "
            f"({distinct:,} distinct names, 1 DOB in 90%, 1 nationality in 86%): {elapsed:.1f} s, "
            f"{rows / elapsed:,.0f} rows/s; peak RSS {peak:,.0f} MB (before: {before:,.0f} MB)"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--speed", action="store_true", help="speed only, no key tables")
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the synthetic table")
    args = parser.parse_args()
    if not (DATA / "ofac" / "2021-07-07" / "alt.csv").exists():
        print(f"skipped: the real list files are not in {DATA}")
        return 0
    entries = {**read_ofac(), **read_un()}
    if not args.speed:
        all_pos, all_neg = positives(entries), hard_negatives(entries)
        print(f"entries: {len(entries):,}; positive pairs: {len(all_pos):,}; "
              f"hard negatives: {len(all_neg):,}")
        for kind in ("person", "organization"):
            pos = [p for p in all_pos if p[0] == kind]
            neg = [p for p in all_neg if p[0] == kind]
            pos = random.sample(pos, min(PAIRS_PER_SIDE, len(pos)))
            neg = random.sample(neg, min(PAIRS_PER_SIDE, len(neg)))
            print(f"\n{kind}s: {len(pos):,} positives, {len(neg):,} hard negatives (sampled)\n")
            for line in evaluate(pos, neg):
                print(line)
        print()
    distinct = list(dict.fromkeys((n, k) for k, found in entries.values() for n in found))
    random.Random(20240503).shuffle(distinct)
    for line in speed(distinct) + sdn_speed() + table_speed(args.rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
