"""Blocking rules: which (record, list entry) pairs are scored at all.

A pair is scored when any rule puts it together. Every rule first requires the same `party`
(persons and organizations together, vessels and aircraft each apart), so that a person is never
paired with a vessel. Each rule explodes one set-valued feature, so that a pair meets on any
alias:

1. `keys`: some name of each side is the same up to transliteration and order;
2. `token_pairs`: two name parts in common, in any spelling the variant key folds (catches
   dropped middle names, reordered names, a third part misspelled);
3. `phonetic_pairs`: two name parts that sound alike (catches typos the variant key misses);
4. `prefix_pairs`: one name part equal and another starting with the same three letters (a
   typo later in a word), a combination that at most three list entries carry (`RARE_ONLY`);
5. `suffix_pairs`: one name part equal and another ending with the same three letters (a typo
   early in a word: *Fidel Oreno* for MORENO, *Mlhamed Yusuf*), at most three entries
   (`RARE_ONLY`);
6. `rare_tokens`: one distinctive name part in common (a rare surname or a one-word company);
7. `rare_deletions`: one distinctive name part one typo away (the same with one letter deleted
   on either side or both), a value that at most five list entries carry (`RARE_ONLY`): a typo
   in a one-word company (Pslynar for Polynar) or in both parts of a name leaves no part equal
   for the rules above;
8. `word_deletions`: one word as written one typo away, a word that at most five list
   entries carry (`RARE_ONLY`): the variant key can make a typo wider (*Ooronovskiy* keys as
   `uranavska`, *Voronovskiy* as `varanavska`), and a word rare as written can have a common
   key (*Diarra*, `dara`);
9. `name_deletions`: a whole name of at most 20 characters one typo away (the name as written,
   less one letter, on either side or both), a value that at most three list entries carry
   (`RARE_ONLY`): a typo in the middle of a short word leaves neither its first nor its last
   three letters, and the variant key widens it (*Hoeel Plaza* keys as `hal plaza`, HOTEL PLAZA
   as `hatal plaza`), so that no rule above meets a short name of two parts; a long name has
   parts enough for `token_pairs`;
10. `abjad_pairs` against `skeleton_pairs` (a rule between two features, `CROSS_FEATURES`): two
   parts of a name written in Arabic, Persian or Hebrew script with the same consonant
   skeletons as two parts of a name of the other side (`صدام حسين` and Saddam Hussein).

A value that more list entries share than its rule allows (`MOST_ENTRIES`) is not used to pair:
a surname and given name carried by thousands of entries would pair each record carrying it
with all of them (on a registry where one surname is a fifth of the people, Kim or Nguyen,
billions of pairs). The less of a name a value holds, the fewer entries may share it: a whole
name 1,000, two parts of one 150, one part 30 (a "rare" part carried by more entries than that
is not rare on this list). Such values are reported with the result (`LinkResult.crowded`),
never dropped silently, but for the rules whose bound is their test of rarity (`RARE_ONLY`: the
typo rules, which guess at a misspelling from a part of a word, pair only where few entries
could be meant; a value more entries carry is common, not crowded: *Muhammad* with `has`, of
Hassan, Hashim or Hasib). A part and three letters of another are held to three entries, a
word's deletions to five: at 100,000 records, with both anchored rules at five the suffix rule
added 14% more pairs (1.06 M against 0.93 M) for two more true pairs in 6,000 than at three
(0.94 M). On the SDN list no other value reaches its bound (the most
shared: two parts of Chinese company names, on 134 entries; one rare part, on 22).

The recall of the union is measured on the evaluation set (docs/benchmarks.md: pairs
completeness).
"""

from __future__ import annotations

from splink.blocking_rule_library import block_on

BLOCKING_FEATURES = ("keys", "token_pairs", "phonetic_pairs", "prefix_pairs", "suffix_pairs",
                     "rare_tokens", "rare_deletions", "word_deletions", "name_deletions")
#: Rules that join one feature of a side to another feature of the other side, both ways.
CROSS_FEATURES = (("abjad_pairs", "skeleton_pairs"),)
#: A value of the list's feature shared by more list entries than this pairs no record with
#: them: a whole name, two parts of a name, one part.
MOST_ENTRIES = {"keys": 1000,
                "token_pairs": 150, "phonetic_pairs": 150,
                "prefix_pairs": 3, "suffix_pairs": 3,
                "skeleton_pairs": 150, "abjad_pairs": 150,
                "rare_tokens": 30, "rare_deletions": 5, "word_deletions": 5,
                "name_deletions": 3}
#: Rules whose bound is their test of rarity: a value more entries share than it allows is
#: common, not crowded, and pairs nothing without being reported (`LinkResult.crowded`).
RARE_ONLY = ("prefix_pairs", "suffix_pairs", "rare_deletions", "word_deletions",
             "name_deletions")


def rules() -> list[tuple[str, str, int]]:
    """Every rule as (feature of the records, feature of the list, the most list entries a
    value may be shared by), joined on equal values."""
    pairs = ([(f, f) for f in BLOCKING_FEATURES]
             + [rule for a, b in CROSS_FEATURES for rule in ((a, b), (b, a))])
    return [(f, g, MOST_ENTRIES[g]) for f, g in pairs]


def blocking_rules() -> list:
    """The rules, as Splink blocking-rule creators (for the settings Splink is given: the pairs
    themselves come from `engine.blocked_pairs_sql`, which also runs the CROSS_FEATURES rules
    that `block_on` cannot express)."""
    return [block_on("party", column, arrays_to_explode=[column]) for column in BLOCKING_FEATURES]
