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
   typo later in a word);
5. `rare_tokens`: one distinctive name part in common (a rare surname or a one-word company);
6. `rare_deletions`: one distinctive name part one typo away (the same with one letter deleted
   on either side or both): a typo in a one-word company (Pslynar for Polynar) or in both parts
   of a name leaves no part equal for the rules above;
7. `abjad_pairs` against `skeleton_pairs` (a rule between two features, `CROSS_FEATURES`): two
   parts of a name written in Arabic, Persian or Hebrew script with the same consonant
   skeletons as two parts of a name of the other side (`صدام حسين` and Saddam Hussein).

A value that more than `MOST_ENTRIES_PER_KEY` list entries share is not used to pair (a
surname and given name carried by thousands of entries would pair each record carrying it with
all of them: on a registry where one surname is a fifth of the people, Kim or Nguyen, that is
billions of pairs). Such values are reported with the result (`LinkResult.crowded`), never
dropped silently; on the SDN list the largest block is 129 entries.

The recall of the union is measured on the evaluation set (docs/benchmarks.md: pairs
completeness).
"""

from __future__ import annotations

from splink.blocking_rule_library import block_on

BLOCKING_FEATURES = ("keys", "token_pairs", "phonetic_pairs", "prefix_pairs", "rare_tokens",
                     "rare_deletions")
#: Rules that join one feature of a side to another feature of the other side, both ways.
CROSS_FEATURES = (("abjad_pairs", "skeleton_pairs"),)
#: A blocking value shared by more list entries than this pairs no record with them.
MOST_ENTRIES_PER_KEY = 1000


def rules() -> list[tuple[str, str]]:
    """Every rule as (feature of the records, feature of the list) joined on equal values."""
    return ([(f, f) for f in BLOCKING_FEATURES]
            + [rule for a, b in CROSS_FEATURES for rule in ((a, b), (b, a))])


def blocking_rules() -> list:
    """The rules, as Splink blocking-rule creators (for the settings Splink is given: the pairs
    themselves come from `engine.blocked_pairs_sql`, which also runs the CROSS_FEATURES rules
    that `block_on` cannot express)."""
    return [block_on("party", column, arrays_to_explode=[column]) for column in BLOCKING_FEATURES]
