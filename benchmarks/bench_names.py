"""Name-key benchmark on the real lists: do variants meet, do different people stay apart?

Positives: pairs of names of one entry (OFAC SDN name + ALT.CSV a.k.a.s of 2021-07-07; UN
consolidated list: name parts, good-quality aliases and original-script names). Hard negatives:
pairs of names of different entries of the same type that share their surname or their first
given name (persons) or their first word (organizations). For each key, "together" is the share
of positives whose keys are equal (or, for `subset`, whose token keys of one name are all among
the other's), "apart" the share of hard negatives whose keys differ.

Speed: full normalization (`name_features`) of the distinct names, in names per second, with
the caches cleared before every name (no cache) and with the caches as shipped, first pass.

Run from the repository root:  python benchmarks/bench_names.py
"""

from __future__ import annotations

import csv
import itertools
import random
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import jellyfish

from gmmatch.normalize import countries, dates, names, orgs, table, text
from gmmatch.normalize.names import KEY_STOPWORDS
from gmmatch.normalize.table import name_features

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PAIRS_PER_SIDE = 20000
random.seed(20240503)


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
                given = [t for t in parts.given if t not in KEY_STOPWORDS]
                surname = [t for t in parts.surname if t not in KEY_STOPWORDS]
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
    def keys(name: str, kind: str) -> frozenset[str]:
        return frozenset(code(t) for t in name_features(name, kind).tokens
                         if t.isalpha() and t not in KEY_STOPWORDS)
    return keys


KEYS: dict[str, Callable[[str, str], object]] = {
    "folded tokens (baseline, no variant folding)": lambda n, k: frozenset(_folded_tokens(n, k)),
    "variant key (name_keys)": lambda n, k: frozenset(name_features(n, k).token_keys),
    "metaphone (phonetic_keys)": _codes(jellyfish.metaphone),
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


CACHED = [text.ascii_fold, text.fold_text, names.parse_name, names.token_variant_key,
          names._parts_keys, names._is_cjk_name, names.phonetic_key, orgs.parse_org_name,
          table.name_features, countries.country_code, dates._parse_text]


def clear_caches() -> None:
    for function in CACHED:
        function.cache_clear()


def speed(distinct: list[tuple[str, str]]) -> list[str]:
    clear_caches()
    start = time.perf_counter()
    for name, kind in distinct:
        name_features(name, kind)
    cached = len(distinct) / (time.perf_counter() - start)
    sample = distinct[:5000]
    start = time.perf_counter()
    for _ in sample:
        clear_caches()
    overhead = time.perf_counter() - start
    start = time.perf_counter()
    for name, kind in sample:
        clear_caches()
        name_features(name, kind)
    uncached = len(sample) / (time.perf_counter() - start - overhead)
    return [f"- distinct names: {len(distinct):,}",
            f"- names/s, no cache (caches cleared before every name): {uncached:,.0f}",
            f"- names/s, token and name caches on, first pass over distinct names: {cached:,.0f}"]


def table_speed(all_names: list[tuple[str, str]], rows: int = 200_000) -> str:
    from gmmatch.normalize import normalize_table
    from gmmatch.records import build_table

    records = []
    for i in range(rows):
        name, kind = all_names[i % len(all_names)]
        records.append({"id": str(i), "entity_type": kind if kind != "other" else "vessel",
                        "name": name, "aliases": [all_names[(i * 7) % len(all_names)][0]],
                        "dob": ["15 Sep 1946", "circa 1965"][i % 2:], "nationality": ["Russia"],
                        "country": ["Korea, North"]})
    canonical = build_table(records)
    clear_caches()
    start = time.perf_counter()
    normalize_table(canonical)
    elapsed = time.perf_counter() - start
    return (f"- normalize_table on {rows:,} rows (2 names, 1-2 DOBs, 2 countries each; names "
            f"drawn from the real lists): {elapsed:.1f} s, {rows / elapsed:,.0f} rows/s")


def main() -> int:
    if not (DATA / "ofac" / "2021-07-07" / "alt.csv").exists():
        print(f"skipped: the real list files are not in {DATA}")
        return 0
    entries = {**read_ofac(), **read_un()}
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
    random.shuffle(distinct)
    for line in speed(distinct):
        print(line)
    print(table_speed(distinct))
    return 0


if __name__ == "__main__":
    sys.exit(main())
