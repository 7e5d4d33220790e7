"""The brute-force baseline gmmatch is measured against: every name pair, scored.

    from baseline import best_matches, best_threshold
    best = best_matches(record_names, list_names)      # record index -> (list index, score)

What a careful analyst would write without a linkage library: rapidfuzz's `process.cdist` over
every (record name, list name) pair on all cores (`workers=-1`), token-sort ratio (0-100) over
the same normalized names gmmatch reads (`names_norm`: every alias of both sides), a record-entry
score being the best over their alias pairs, and the best entry kept for each record. The
matrix is computed in chunks of record names small enough to fit in memory.

It is given every advantage:
- names are normalized by gmmatch, untimed;
- tokens are sorted once per name (untimed) and the pairs scored with `fuzz.ratio`, which is
  exactly token-sort ratio without re-sorting both names for every pair;
- its threshold is the best one for F1 on the very records it is scored on (`best_threshold`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

#: Record names scored per cdist call: CHUNK x list names bytes of uint8 scores at a time
#: (2,048 x 40,000 names = 80 MB).
CHUNK = 2048


def sorted_tokens(name: str) -> str:
    """What token-sort ratio compares: the name's tokens in order."""
    return " ".join(sorted(name.split()))


def flatten(names: Sequence[Sequence[str] | None]) -> tuple[list[str], np.ndarray]:
    """Every name (token-sorted) and the index of the record it belongs to."""
    flat, owner = [], []
    for i, aliases in enumerate(names):
        for name in aliases if aliases is not None else ():
            flat.append(sorted_tokens(name))
            owner.append(i)
    return flat, np.asarray(owner, dtype=np.int64)


def best_matches(record_names: Sequence[Sequence[str] | None],
                 list_names: Sequence[Sequence[str] | None], *,
                 chunk: int = CHUNK) -> tuple[np.ndarray, np.ndarray, int]:
    """For each record, its best list entry and their score (max over alias pairs).

    Returns (entry index, score 0-100, pairs scored); entry -1 for a record without names.
    """
    queries, query_owner = flatten(record_names)
    choices, choice_owner = flatten(list_names)
    # entries' names are contiguous (flatten keeps order): one reduceat folds them
    starts = np.flatnonzero(np.r_[True, choice_owner[1:] != choice_owner[:-1]])
    entry_of_start = choice_owner[starts]
    best_entry = np.full(len(record_names), -1, dtype=np.int64)
    best_score = np.zeros(len(record_names), dtype=np.float64)
    for begin in range(0, len(queries), chunk):
        scores = process.cdist(queries[begin:begin + chunk], choices, scorer=fuzz.ratio,
                               dtype=np.uint8, workers=-1)
        per_entry = np.maximum.reduceat(scores, starts, axis=1)
        top = per_entry.argmax(axis=1)
        top_score = per_entry[np.arange(len(top)), top].astype(np.float64)
        owners = query_owner[begin:begin + chunk]
        for owner, entry, score in zip(owners, entry_of_start[top], top_score, strict=True):
            if score > best_score[owner] or best_entry[owner] < 0:
                best_entry[owner], best_score[owner] = entry, score
    return best_entry, best_score, len(queries) * len(choices)


def prf(predicted: Sequence[str | None], truth: Sequence[str | None]) -> dict[str, float]:
    """Precision, recall and F1 of one predicted list id (or None) per record."""
    right = sum(p is not None and p == t for p, t in zip(predicted, truth, strict=True))
    alerts = sum(p is not None for p in predicted)
    positives = sum(t is not None for t in truth)
    precision = right / alerts if alerts else 1.0
    recall = right / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    return {"precision": round(precision, 5), "recall": round(recall, 5), "f1": round(f1, 5)}


def best_threshold(entries: Sequence[str | None], scores: np.ndarray,
                   truth: Sequence[str | None]) -> tuple[float, dict[str, float]]:
    """The score threshold with the best F1 on these very records (the baseline's advantage)."""
    has = np.array([e is not None for e in entries])
    right = np.array([e is not None and e == t for e, t in zip(entries, truth, strict=True)])
    positives = sum(t is not None for t in truth)
    best: tuple[float, dict[str, float]] = (100.0, {"f1": -1.0})
    for threshold in np.arange(50, 100.5, 0.5):
        alerted = has & (scores >= threshold)
        hits, alerts = int((right & alerted).sum()), int(alerted.sum())
        precision = hits / alerts if alerts else 1.0
        recall = hits / positives if positives else 1.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        if f1 > best[1]["f1"]:
            best = (float(threshold), {"precision": round(precision, 5),
                                       "recall": round(recall, 5), "f1": round(f1, 5)})
    return best
