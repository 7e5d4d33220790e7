"""What a RecordSet holds: counts by entity type and program, and what the reader skipped."""

from __future__ import annotations

from collections import Counter
from typing import Any

from gmmatch.records import RecordSet


def summarize(records: RecordSet, *, top: int = 20) -> dict[str, Any]:
    """Counts of a RecordSet, as plain data (for the `gmmatch summary` command and for JSON).

    `programs` counts entries per program (an entry with two programs counts in both), the
    `top` most common first; `problems` counts problems by field, reason and action.
    """
    table = records.table
    types = Counter(table["entity_type"].to_pylist())
    programs = Counter(p for row in table["programs"].to_pylist() for p in row)
    problems = Counter((p.field, p.reason, p.action) for p in records.problems)
    return {
        "source": {
            "path": records.source.path,
            "list": records.source.list_name,
            "format": records.source.format,
            "date": records.source.list_date,
        },
        "records": len(records),
        "entity_types": dict(types.most_common()),
        "programs": dict(programs.most_common(top)),
        "programs_total": len(programs),
        "with_aliases": sum(1 for a in table["aliases"].to_pylist() if a),
        "with_dob": sum(1 for d in table["dob"].to_pylist() if d),
        "problems": [
            {"field": f, "reason": r, "action": a, "count": n}
            for (f, r, a), n in problems.most_common()
        ],
        "problems_total": len(records.problems),
    }
