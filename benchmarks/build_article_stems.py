"""Build the list of words that follow an Arabic article in the names of the official lists.

    .venv/bin/python benchmarks/build_article_stems.py

Names transliterated from Arabic write the article three ways: apart (`AL SHATTI`), hyphenated
(`AL-SHATTI`) and fused (`ALSHATTI`); the SDN list itself lists some people under two of them.
Normalization splits a fused `al`/`el` off a word when the rest is a word these lists write
after an article (`gmmatch.normalize.names.ARTICLE_STEMS`), so that the three spellings get one
key. A vocabulary, not a rule: `al` starts many names that hold no article (Alexander, Alvarez,
Albina), and only the words seen after an article in real names are split off.

Inputs: the names and aliases of the OFAC SDN list of 2024-05-03 (with the ALT/ADD files of
2025-01-06), the UN consolidated list of 2026-02-27 and Canada's list of 2020-04-15, folded as
gmmatch folds them. Kept: words of MIN_STEM letters or more (shorter ones are given names of
their own: Albina is not al-Bina, Aldana not al-Dana). Writes
src/gmmatch/normalize/article_stems.txt. Deterministic.
"""

from __future__ import annotations

import itertools

from _common import ROOT, require_shared_data
from train_default_model import read_lists

from gmmatch.normalize.names import ARTICLES_FUSED, MIN_STEM
from gmmatch.normalize.text import fold_text

OUT = ROOT / "src" / "gmmatch" / "normalize" / "article_stems.txt"


def main() -> None:
    lists = read_lists(require_shared_data())
    stems: set[str] = set()
    for records in lists.values():
        for row in records.table.select(["name", "aliases"]).to_pylist():
            for name in [row["name"], *(row["aliases"] or [])]:
                words = fold_text(name or "").split()
                stems.update(b for a, b in itertools.pairwise(words)
                             if a in ARTICLES_FUSED and len(b) >= MIN_STEM and b.isalpha())
    header = ("# Words written after an Arabic article (al, el) in the names of the SDN, UN and"
              " Canadian lists:\n# benchmarks/build_article_stems.py. One per line, sorted.\n")
    OUT.write_text(header + "".join(f"{stem}\n" for stem in sorted(stems)))
    print(f"{len(stems)} stems written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
