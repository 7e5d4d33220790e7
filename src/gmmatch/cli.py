"""The `gmmatch` command: a thin shell over the library's functions.

Exit codes: 0 success; 1 the input could not be read (structural fault, or any problem with
--strict); 2 wrong usage (typer's own).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from gmmatch.readers import FORMATS, read_any
from gmmatch.records import ReadError
from gmmatch.summary import summarize

app = typer.Typer(
    name="gmmatch",
    help="Link sanctions recommendation lists to official sanctions lists.",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_UNREADABLE = 1


@app.callback()
def main() -> None:
    """Link sanctions recommendation lists to official sanctions lists (OFAC SDN, UN, Canada)."""


_COLUMN_HELP = ("FIELD=COLUMN: read the table's column COLUMN as the canonical field FIELD "
                "(name, surname, given_names, aliases, dob, nationality, ...; repeat for "
                "several), as read_records(columns=...) does. Needed only where the column's "
                "name is not recognized (docs/formats/records.md lists those that are).")
ColumnOption = Annotated[list[str] | None, typer.Option("--column", "-c", help=_COLUMN_HELP,
                                                        metavar="FIELD=COLUMN")]
_UNTYPED_HELP = ("Entity type of records that give none: person, organization, vessel, "
                 "aircraft, or infer (an organization when the name holds a legal form or a "
                 "word such as Foundation or Ministry; reported).")
UntypedOption = Annotated[str, typer.Option(help=_UNTYPED_HELP, metavar="TYPE")]


def _columns(pairs: list[str] | None) -> dict[str, str] | None:
    """`--column FIELD=COLUMN` options as read_records' `columns=`."""
    if not pairs:
        return None
    columns = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise typer.BadParameter(f"expected FIELD=COLUMN, not {pair!r}",
                                     param_hint="--column")
        columns[field.strip()] = column.strip()
    return columns


@app.command()
def summary(
    path: Annotated[Path, typer.Argument(help="A list file or folder (OFAC folder, XML, table).")],
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")
    ] = "auto",
    strict: Annotated[bool, typer.Option(help="Fail on the first problem instead.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    problems: Annotated[
        int, typer.Option(help="How many problems to list one by one.", min=0)
    ] = 10,
    column: ColumnOption = None,
    untyped: UntypedOption = "person",
) -> None:
    """What a list holds, by entity type and program, and what had to be skipped."""
    if format not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    console = Console()
    try:
        records = read_any(path, format=format, strict=strict, untyped=untyped,
                           columns=_columns(column))
    except (ReadError, ValueError) as error:
        Console(stderr=True).print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_UNREADABLE) from error
    facts = summarize(records)
    if as_json:
        facts["problem_examples"] = [str(p) for p in records.problems[:problems]]
        typer.echo(json.dumps(facts, indent=2, ensure_ascii=False))
        return
    source = facts["source"]
    console.print(
        f"[bold]{source['list']}[/bold] ({source['format']}) from {source['path']}"
        + (f", dated {source['date']}" if source["date"] else ""),
        highlight=False,
    )
    console.print(
        f"{facts['records']:,} records: {facts['with_aliases']:,} with aliases, "
        f"{facts['with_dob']:,} with a date of birth"
    )
    console.print(_counts("entity type", facts["entity_types"]))
    if facts["programs"]:
        title = f"program (top {len(facts['programs'])} of {facts['programs_total']})"
        console.print(_counts(title, facts["programs"]))
    if not facts["problems"]:
        console.print("No problems: nothing skipped or repaired.")
        return
    table = Table("problems", "field", "action", "reason", title=None)
    for row in facts["problems"]:
        table.add_row(f"{row['count']:,}", row["field"], row["action"], row["reason"])
    console.print(table)
    for problem in records.problems[:problems]:
        console.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)
    if len(records.problems) > problems:
        console.print(f"  ... and {len(records.problems) - problems:,} more")


def _counts(title: str, counts: dict[str, int]) -> Table:
    table = Table(title, "records")
    for key, count in counts.items():
        table.add_row(key, f"{count:,}")
    return table


# --------------------------------------------------------------------------- fetch, history
# Imports of these commands stay inside them: `gmmatch summary` need not load the network code.

EXIT_FETCH_FAILED = 3

# Help texts as single paragraphs: typer would keep the docstrings' line breaks mid-sentence.
_FETCH_HELP = (
    "Download the current official files of a list, check them, then replace the old copy.\n\n"
    "The files are read with gmmatch's own readers before anything is replaced: a failed or cut "
    "download leaves the previous copy as it was. manifest.json beside the files records the "
    "source URL, time, sha256 and size of each file, and the list's own date when it states "
    "one.\n\n"
    "Exit codes: 0 fetched and installed; 1 downloaded but not a readable list; 3 download "
    "failed (network, HTTP status, cut short); 2 wrong usage. On 1 and 3 nothing in --to changed."
)
_HISTORY_HELP = (
    "When each entry was added, gained or lost a program, or was removed, as date windows.\n\n"
    "Each window runs from the last snapshot without the change to the first with it, so it "
    "contains the true date (docs/history.md). A snapshot is a list folder or file, dated by "
    "PATH@YYYY-MM-DD, the file itself (UN dateGenerated), a fetch manifest, or a folder name "
    "YYYY-MM-DD; an OFAC folder with only ADD.CSV is a roster (who was listed, not programs).\n\n"
    "Exit codes: 0 written; 1 a snapshot could not be read or dated; 2 wrong usage."
)


@app.command(help=_FETCH_HELP)
def fetch(
    list_name: Annotated[
        str, typer.Argument(metavar="sdn|un", help="Which list: sdn (OFAC legacy CSV set) or un.")
    ],
    to: Annotated[Path, typer.Option("--to", help="Folder to keep the files and manifest in.")],
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Download from here instead of the official address."),
    ] = None,
    dated: Annotated[
        bool,
        typer.Option("--dated", help="Put the files in a subfolder of --to named by today's "
                     "date (UTC), building the dated snapshots `gmmatch history` reads."),
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the server.", min=0.1)] = 60,
    retries: Annotated[int, typer.Option(help="Further attempts per file.", min=0, max=10)] = 3,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest entry.")] = False,
) -> None:
    """Download and install a list (help: _FETCH_HELP); a thin shell over fetch_list."""
    import datetime as dt

    from gmmatch.fetch import LISTS, FetchError, fetch_list

    if list_name not in LISTS:
        raise typer.BadParameter(f"expected one of {', '.join(LISTS)}", param_hint="LIST")
    folder = to / dt.datetime.now(dt.UTC).date().isoformat() if dated else to
    err = Console(stderr=True)
    say = None if quiet or as_json else (lambda text: err.print(text, highlight=False))
    try:
        result = fetch_list(list_name, folder, url=base_url, timeout=timeout, retries=retries,
                            progress=say)
    except (FetchError, ValueError) as error:
        err.print(f"[red]error:[/red] {error}; nothing in {folder} was replaced",
                  highlight=False, markup=True)
        code = EXIT_UNREADABLE if getattr(error, "kind", "") == "invalid" else EXIT_FETCH_FAILED
        raise typer.Exit(code) from error
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    if quiet:
        return
    console = Console()
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    dated_text = f", list dated {result.list_date}" if result.list_date else ""
    console.print(
        f"{LISTS[list_name].title}: {result.records:,} entries{dated_text}, "
        f"{len(result.files)} file(s) in {folder}", highlight=False
    )
    table = Table("file", "bytes", "sha256")
    for item in result.files:
        table.add_row(item.name, f"{item.size:,}", item.sha256[:16] + "…")
    console.print(table)


@app.command(help=_HISTORY_HELP)
def history(
    snapshots: Annotated[
        list[str],
        typer.Argument(
            metavar="SNAPSHOT...",
            help="List snapshots: a folder or file, dated by PATH@YYYY-MM-DD, the file itself, "
            "a fetch manifest, or its folder name YYYY-MM-DD.",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write: .csv, .parquet, .json, .xlsx.")
    ],
    program: Annotated[
        str | None, typer.Option(help="Keep only rows of this program, e.g. GLOMAG.")
    ] = None,
    include_unknown_program: Annotated[
        bool, typer.Option(help="With --program, keep roster rows whose program is unknown.")
    ] = False,
    strict: Annotated[bool, typer.Option(help="Fail on the first reading problem.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Designation windows from snapshots (help: _HISTORY_HELP); over designation_history."""
    from gmmatch.report.history import designation_history, parse_snapshot_arg, save_history

    if output.suffix.lower() not in (".csv", ".parquet", ".json", ".xlsx"):
        raise typer.BadParameter("use .csv, .parquet, .json or .xlsx", param_hint="--output")
    try:
        parsed = [parse_snapshot_arg(text) for text in snapshots]
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="SNAPSHOT") from error
    err = Console(stderr=True)

    def progress(snap) -> None:
        if not (quiet or as_json):
            err.print(f"read {snap.path} ({snap.kind}, {snap.date}, date from {snap.date_from})",
                      highlight=False)

    try:
        frame = designation_history(parsed, program=program, strict=strict,
                                    include_unknown_program=include_unknown_program,
                                    progress=progress)
    except ReadError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_UNREADABLE) from error
    save_history(frame, output)
    counts = {str(k): int(v) for k, v in frame["event"].value_counts().sort_index().items()}
    if as_json:
        summary = {"output": str(output), "rows": len(frame), "events": counts,
                   "snapshots": frame.attrs["snapshots"]}
        typer.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    if quiet:
        return
    console = Console()
    table = Table("snapshot", "date", "date from", "kind", "entries")
    for snap in frame.attrs["snapshots"]:
        table.add_row(snap["path"], snap["date"], snap["date_from"], snap["kind"],
                      f"{snap['entries']:,}")
    console.print(table)
    console.print(_counts("event", counts))
    console.print(f"{len(frame):,} rows written to {output}", highlight=False)


# --------------------------------------------------------------------------- link, explain, report
# The analyst's workflow: link recommendations to a list, explain a match, report the uptake.

EXIT_NOT_FOUND = 4

_LINK_HELP = (
    "Link recommended records to a sanctions list and write the matches.\n\n"
    "RECORDS is read as a table of canonical records (CSV, TSV, XLSX, JSON, JSON Lines, "
    "Parquet; columns id, name, dob, nationality, recommended_on, ...) unless it is an "
    "official list (an OFAC folder, UN or Canadian XML), which --records-format auto "
    "recognizes. --format applies to the list.\n\n"
    "OUT is .csv, .xlsx, .json (one row per match at or above the threshold, with both names, "
    "the evidence of each comparison and the explanation side by side, and a 'no match' row "
    "for each record without one) or .parquet (every scored pair and the model, so that "
    "`gmmatch explain` can recompute the account). Text cells that a spreadsheet would run "
    "as formulas get a leading apostrophe in CSV and XLSX.\n\n"
    "--decisions applies reviewed decisions (`gmmatch review import`): confirmed matches are "
    "reported whatever their score, rejected pairs are not, unless the evidence on either side "
    "changed since the review (then the decision is stale and the pair is scored as usual).\n\n"
    "Exit codes: 0 written; 1 an input, the model or the decisions could not be read; "
    "2 wrong usage."
)
_EXPLAIN_HELP = (
    "Show the evidence for the pairs of one record, best first.\n\n"
    "From a .parquet links file every scored pair of the record is shown (below the "
    "threshold too), recomputed with the stored model; from .csv, .xlsx and .json, the rows "
    "written, with their explanation.\n\n"
    "--chart FILE.html also writes Splink's waterfall chart of those pairs, a page that works "
    "offline (from a .parquet links file, which keeps the model).\n\n"
    "Exit codes: 0 shown; 1 the links file could not be read; 2 wrong usage; 4 no such record "
    "or pair in the file."
)
_REPORT_HELP = (
    "Report the uptake of recommendations: designations of a program per US fiscal year, how "
    "many had a basis in a recommendation, the lag, the recommendations still waiting, by age "
    "and by country.\n\n"
    "--links is the output of `gmmatch link` (any format); --designations the output of "
    "`gmmatch history` or a table of list ids and dates (or windows). Writes OUTPUT (one "
    "self-contained HTML file, charts inline, no external request) and, beside it, the folder "
    "<name>_files/ with every table as CSV and every chart as PNG. The rules are in "
    "docs/report.md.\n\n"
    "Exit codes: 0 written; 1 an input could not be read; 2 wrong usage."
)


def _problem_lines(records, path: Path, *, examples: int) -> list[str]:
    """What reading `path` skipped, repaired or kept as written, in a line, and its first
    `examples` problems: a link's output holds the records read, not what was left out."""
    if not records.problems:
        return []
    actions = Counter(problem.action for problem in records.problems)
    counts = ", ".join(f"{n:,} {action}" for action, n in sorted(actions.items()))
    lines = [f"  {len(records.problems):,} problems reading {path} ({counts}); "
             f"gmmatch summary {path} lists them"]
    lines += [f"    {problem}" for problem in records.problems[:examples]]
    return lines


def _fail(code: int, message: str) -> typer.Exit:
    Console(stderr=True).print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


@app.command("link", help=_LINK_HELP)
def link_command(
    records_path: Annotated[
        Path, typer.Argument(metavar="RECORDS", help="The recommendations (or any records).")
    ],
    list_path: Annotated[
        Path, typer.Option("--list", help="The sanctions list: OFAC folder or SDN.CSV, XML, "
                           "or a table.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write: .csv, .xlsx, .parquet, .json.")
    ],
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Format of the list: {', '.join(FORMATS)}.")
    ] = "auto",
    records_format: Annotated[
        str, typer.Option(help=f"Format of RECORDS: {', '.join(FORMATS)}.")
    ] = "auto",
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Match probability at or above which a pair is a "
                     "match (default: gmmatch.DEFAULT_THRESHOLD)."),
    ] = None,
    model: Annotated[
        Path | None, typer.Option(help="A model file from gmmatch.train (default: shipped).")
    ] = None,
    decisions: Annotated[
        Path | None, typer.Option(help="Reviewed decisions to apply (a decisions CSV from "
                                  "`gmmatch review import`).")
    ] = None,
    recommended_on: Annotated[
        str | None,
        typer.Option(help="YYYY-MM-DD to use as the recommendation date of records that have "
                     "none (e.g. the date of a list used as recommendations)."),
    ] = None,
    untyped: UntypedOption = "person",
    column: ColumnOption = None,
    entries_overlap: Annotated[
        bool, typer.Option("--entries-overlap", help="The list may name one person in several "
                           "entries (lists joined together): score each pair on its own rather "
                           "than let a record's candidate entries share its probability.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Link records to a list (help: _LINK_HELP); over gmmatch.link and write_links."""
    import datetime as dt

    from gmmatch.export import LINK_FORMATS, write_links
    from gmmatch.link import DEFAULT_THRESHOLD
    from gmmatch.link import link as run_link
    from gmmatch.report.uptake import with_recommended_on

    _check_formats(format=format, records_format=records_format)
    if output.suffix.lower() not in LINK_FORMATS:
        raise typer.BadParameter(f"use {', '.join(LINK_FORMATS)}", param_hint="--output")
    if recommended_on is not None:
        try:
            dt.date.fromisoformat(recommended_on)
        except ValueError as error:
            raise typer.BadParameter("expected YYYY-MM-DD",
                                     param_hint="--recommended-on") from error
    err = Console(stderr=True)
    say = (lambda text: None) if quiet or as_json else (
        lambda text: err.print(text, highlight=False))
    try:
        say(f"reading records {records_path}")
        records = read_any(records_path, format=records_format, untyped=untyped,
                           columns=_columns(column))
        for line in _problem_lines(records, records_path, examples=3):
            say(line)
        if recommended_on is not None:
            records = with_recommended_on(records, recommended_on)
        say(f"reading list {list_path}")
        listed = read_any(list_path, format=format)
        for line in _problem_lines(listed, list_path, examples=0):
            say(line)
    except (ReadError, ValueError) as error:
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    say(f"linking {len(records):,} records to {len(listed):,} list entries")
    try:
        result = run_link(records, listed, threshold=DEFAULT_THRESHOLD if threshold is None
                          else threshold, model=model, decisions=decisions,
                          entries_compete=not entries_overlap)
    except ReadError as error:  # a ReviewError: the decisions file, named in the message
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    except (ValueError, OSError) as error:
        where = f"model {model}: " if model is not None else ""
        raise _fail(EXIT_UNREADABLE, f"{where}{error}") from error
    output.parent.mkdir(parents=True, exist_ok=True)
    write_links(result, output, records=records)
    matches = result.matches
    facts = {
        "output": str(output),
        "records": len(records),
        "list_entries": len(listed),
        "threshold": result.threshold,
        "matches": len(matches),
        "matched_records": int(matches["record_id"].nunique()),
        "problems": {"records": len(records.problems), "list": len(listed.problems)},
    }
    if decisions is not None:
        facts["decisions"] = _decision_facts(result)
    if as_json:
        typer.echo(json.dumps(facts, indent=2, ensure_ascii=False))
    elif not quiet:
        if decisions is not None:
            d = facts["decisions"]
            say(f"decisions: {d['applied']:,} applied ({d['confirmed']:,} confirmed, "
                f"{d['rejected']:,} rejected, {d['unsure']:,} unsure), {d['stale']:,} stale "
                f"(evidence changed: review again), {d['unapplied']:,} without a pair")
        Console().print(
            f"{facts['matched_records']:,} of {len(records):,} records matched "
            f"({len(matches):,} pairs at or above {result.threshold:g}) against "
            f"{len(listed):,} list entries; written to {output}", highlight=False)


@app.command(help=_EXPLAIN_HELP)
def explain(
    links: Annotated[Path, typer.Argument(metavar="OUT", help="A links file of gmmatch link.")],
    record: Annotated[str, typer.Option("--record", help="The record's id.")],
    list_id: Annotated[
        str | None, typer.Option("--list-id", help="Only the pair with this list entry.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also write the pairs' waterfall chart to "
                                  "this .html file (needs a .parquet links file).")
    ] = None,
) -> None:
    """Explain the pairs of one record (help: _EXPLAIN_HELP); over read_links."""
    from gmmatch.export import read_links

    if chart is not None and chart.suffix.lower() not in (".html", ".htm"):
        raise typer.BadParameter("the chart is an .html file", param_hint="--chart")
    try:
        linked = read_links(links)
        found = linked.explain(record, list_id)
    except ReadError as error:
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    except KeyError as error:
        raise _fail(EXIT_NOT_FOUND, str(error.args[0])) from error
    if chart is not None:
        if linked.result is None:
            raise typer.BadParameter(f"{links} keeps no model to chart from: link with "
                                     "-o FILE.parquet", param_hint="--chart")
        chart.parent.mkdir(parents=True, exist_ok=True)
        linked.result.waterfall(record, list_id).save(chart)
    if as_json:
        rows = [{"record_id": row.get("record_id"), "list_id": row.get("list_id"),
                 "match_probability": _json_number(row.get("match_probability")),
                 "explanation": text} for row, text in found]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    console = Console()
    for number, (_, text) in enumerate(found, 1):
        if len(found) > 1:
            console.print(f"[bold]pair {number} of {len(found)}[/bold]")
        console.print(text, highlight=False, markup=False, soft_wrap=True)
        console.print()


def _json_number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


@app.command(help=_REPORT_HELP)
def report(
    links: Annotated[Path, typer.Option("--links", help="The output of gmmatch link.")],
    designations: Annotated[
        Path, typer.Option("--designations", help="gmmatch history output, or a table of list "
                           "ids and dates.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    program: Annotated[str, typer.Option(help="The program reported on.")] = "GLOMAG",
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Count only matches at or above this probability "
                     "(default: the links file's threshold)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD to count ages to (default: the latest end "
                                 "of a designation window).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Write the uptake report (help: _REPORT_HELP); over gmmatch.report.uptake."""
    import datetime as dt

    from gmmatch.report.uptake import uptake

    if output.suffix.lower() not in (".html", ".htm"):
        raise typer.BadParameter("the report is an .html file", param_hint="--output")
    if as_of is not None:
        try:
            dt.date.fromisoformat(as_of)
        except ValueError as error:
            raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--as-of") from error
    try:
        result = uptake(links, designations, program=program, threshold=threshold, as_of=as_of)
    except ReadError as error:
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    output.parent.mkdir(parents=True, exist_ok=True)
    written = result.save(output)
    if as_json:
        facts = {"output": str(output), "files": {k: str(v) for k, v in written.items()},
                 **result.summary()}
        typer.echo(json.dumps(facts, indent=2, ensure_ascii=False))
        return
    if quiet:
        return
    console = Console()
    columns = {"fiscal_year": "FY", "designations": "designated", "with_basis": "basis",
               "basis_uncertain": "uncertain", "share_with_basis_pct": "share %",
               "lag_median_days": "median lag (days)", "program_added": "program added",
               "vessels_aircraft": "vessels, aircraft"}
    table = Table(*columns.values(), title=f"{program} designations (persons, organizations)")
    for row in result.by_fiscal_year.to_dict("records"):
        table.add_row(*("" if row[c] is None or row[c] != row[c] else str(row[c])
                        for c in columns))
    console.print(table)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False)
    console.print(f"written: {output} and {output.with_name(output.stem + '_files')}/",
                  highlight=False)


def _decision_facts(result) -> dict[str, int]:
    """How many decisions a link applied, by kind, for the summary line and --json."""
    pairs = result.pairs
    decided = pairs[pairs["decision"].notna()]
    stale = decided["decision_stale"].astype(bool)
    current = decided[~stale]
    return {"applied": len(decided), "confirmed": int((current["decision"] == "match").sum()),
            "rejected": int((current["decision"] == "not a match").sum()),
            "unsure": int((current["decision"] == "unsure").sum()), "stale": int(stale.sum()),
            "unapplied": len(getattr(result, "unapplied", ()))}


# --------------------------------------------------------------------------- review, train
# The human review loop (gmmatch.review): export the pairs a person must see, import their
# decisions, retrain on them.

review_app = typer.Typer(
    name="review", no_args_is_help=True,
    help="The human review loop: export the pairs to review, import the decisions.")
app.add_typer(review_app, name="review")

_REVIEW_EXPORT_HELP = (
    "Write the pairs a person must review to an .xlsx workbook.\n\n"
    "OUT is the output of `gmmatch link` (any format; only .parquet holds the pairs below the "
    "threshold). Chosen: the grey zone, pairs whose match probability is within --grey-bits "
    "bits of log-odds of the threshold (default 4.25: probability 0.05 to 0.95 at threshold "
    "0.5); every "
    "match with --all-matches; every pair whose decision went stale. Pairs already decided, "
    "evidence unchanged, are left out. Each row shows both sides' names, dates of birth, "
    "nationalities, types and programs, the evidence and the explanation, a decision drop-down "
    "(match / not a match / unsure) and a notes column. Cells a spreadsheet would run as "
    "formulas get a leading apostrophe.\n\n"
    "Exit codes: 0 written; 1 OUT could not be read; 2 wrong usage."
)
_REVIEW_IMPORT_HELP = (
    "Read the decisions of a filled review workbook into a decisions CSV.\n\n"
    "Rows without a decision are left out. An existing --output file is kept and updated (a "
    "new decision for the same pair replaces the old) unless --replace. Columns: record_id, "
    "list_id, decision, notes, reviewed_at (the workbook's last-saved time), record_fingerprint, "
    "list_fingerprint (the evidence at review time), match_probability. Pass the file to "
    "`gmmatch link --decisions` and `gmmatch train --labels`.\n\n"
    "Exit codes: 0 written; 1 the workbook could not be read or holds an invalid decision "
    "(the message names the sheet row); 2 wrong usage."
)
_TRAIN_HELP = (
    "Re-estimate the model from reviewed decisions and save it for `gmmatch link --model`.\n\n"
    "m (how often true matches agree) is re-estimated from the confirmed matches when there "
    "are at least 20, the prior from all decided pairs when there are at least 20 of each; u "
    "is recounted on the list when it has 1,000 entries or more. 'unsure' decisions are left "
    "out. Prints, per comparison level, the old and new weights.\n\n"
    "Exit codes: 0 written; 1 an input or the labels could not be read; 2 wrong usage."
)


@review_app.command("export", help=_REVIEW_EXPORT_HELP)
def review_export(
    links: Annotated[Path, typer.Argument(metavar="OUT", help="A links file of gmmatch link.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlsx workbook to write.")],
    all_matches: Annotated[
        bool, typer.Option("--all-matches", help="Every reported match too, not only the "
                           "grey zone.")] = False,
    grey_bits: Annotated[
        float, typer.Option(min=0.0, help="Half-width of the grey zone in bits of log-odds "
                            "around the threshold.")] = 4.25,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Export pairs for review (help: _REVIEW_EXPORT_HELP); over gmmatch.review."""
    from gmmatch.export import read_links
    from gmmatch.review import review_table, write_review

    if output.suffix.lower() != ".xlsx":
        raise typer.BadParameter("the review workbook is an .xlsx file", param_hint="--output")
    try:
        links_file = read_links(links)
    except ReadError as error:
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    table = review_table(links_file, all_matches=all_matches, grey_bits=grey_bits)
    about = {"links": str(links), "threshold": links_file.threshold, "grey_bits": grey_bits,
             "all_matches": all_matches,
             "chosen": "match probability within grey_bits bits of log-odds of the threshold"
             + ("; every match" if all_matches else "") + "; stale decisions",
             "decisions": "match / not a match / unsure; empty = not reviewed"}
    output.parent.mkdir(parents=True, exist_ok=True)
    write_review(table, output, about=about)
    if not quiet:
        note = "" if links_file.result is not None else (
            " (from a links file without the pairs below the threshold: link to .parquet to "
            "review those too)")
        Console().print(f"{len(table):,} pairs to review written to {output}{note}",
                        highlight=False)


@review_app.command("import", help=_REVIEW_IMPORT_HELP)
def review_import(
    workbook: Annotated[Path, typer.Argument(metavar="REVIEW", help="A filled review .xlsx.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The decisions .csv to write.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite --output instead of updating it.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Import review decisions (help: _REVIEW_IMPORT_HELP); over gmmatch.review."""
    from gmmatch.review import read_review, write_decisions

    if output.suffix.lower() != ".csv":
        raise typer.BadParameter("the decisions file is a .csv file", param_hint="--output")
    try:
        decisions = read_review(workbook)
        output.parent.mkdir(parents=True, exist_ok=True)
        written = write_decisions(decisions, output, merge=not replace)
    except ReadError as error:
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    if not quiet:
        counts = decisions["decision"].value_counts()
        Console().print(
            f"{len(decisions):,} decisions read ({int(counts.get('match', 0)):,} match, "
            f"{int(counts.get('not a match', 0)):,} not a match, "
            f"{int(counts.get('unsure', 0)):,} unsure); {len(written):,} in {output}",
            highlight=False)


@app.command(help=_TRAIN_HELP)
def train(
    records_path: Annotated[
        Path, typer.Argument(metavar="RECORDS", help="The recommendations that were reviewed.")
    ],
    labels: Annotated[Path, typer.Option("--labels", help="A decisions CSV (review import).")],
    list_path: Annotated[Path, typer.Option("--list", help="The sanctions list.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The model .json to write.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Format of the list: {', '.join(FORMATS)}.")
    ] = "auto",
    records_format: Annotated[
        str, typer.Option(help=f"Format of RECORDS: {', '.join(FORMATS)}.")
    ] = "auto",
    model: Annotated[
        Path | None, typer.Option(help="The model to start from (default: shipped).")
    ] = None,
    untyped: UntypedOption = "person",
    column: ColumnOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
) -> None:
    """Retrain on reviewed decisions (help: _TRAIN_HELP); over gmmatch.train."""
    from gmmatch.link import train as run_train
    from gmmatch.model.params import resolve_model
    from gmmatch.review import labels_from_decisions, model_changes

    _check_formats(format=format, records_format=records_format)
    if output.suffix.lower() != ".json":
        raise typer.BadParameter("the model is a .json file", param_hint="--output")
    try:
        table = labels_from_decisions(labels)
        # (read as `gmmatch link` read them, or the decisions' evidence would not match)
        records = read_any(records_path, format=records_format, untyped=untyped,
                           columns=_columns(column))
        listed = read_any(list_path, format=format)
        base = resolve_model(model)
        trained = run_train(records, listed, labels=table, model=base)
    except ReadError as error:
        raise _fail(EXIT_UNREADABLE, str(error)) from error
    except (ValueError, OSError) as error:
        raise _fail(EXIT_UNREADABLE, f"{error}") from error
    output.parent.mkdir(parents=True, exist_ok=True)
    trained.save(output)
    changes = model_changes(base, trained)
    facts = {"output": str(output), "labels": len(table),
             "matches": int(table["match"].sum()), "trained": trained.trained,
             "changes": [{k: (None if v != v else v) for k, v in row.items()}
                         for row in changes.to_dict("records")]}
    if as_json:
        typer.echo(json.dumps(facts, indent=2, ensure_ascii=False, default=str))
        return
    if quiet:
        return
    console = Console()
    view = Table("comparison", "level", "old weight", "new weight", "change",
                 title="match weights (bits) before and after training")
    for row in changes.to_dict("records"):
        view.add_row(row["comparison"], row["level"], f"{row['old_weight']:+.2f}",
                     f"{row['new_weight']:+.2f}", f"{row['change']:+.2f}")
    console.print(view)
    console.print(f"{facts['labels']:,} labelled pairs ({facts['matches']:,} matches); model "
                  f"written to {output}; use it with `gmmatch link --model {output}`",
                  highlight=False)


def _check_formats(**options: str) -> None:
    """Each `--<option>` names a known reader format."""
    for option, value in options.items():
        if value not in FORMATS:
            hint = "--" + option.replace("_", "-")
            raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint=hint)
