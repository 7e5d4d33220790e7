"""The `gmmatch` command: a thin shell over the library's functions.

Exit codes: 0 success; 1 the input could not be read (structural fault, or any problem with
--strict); 2 wrong usage (typer's own).
"""

from __future__ import annotations

import json
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
) -> None:
    """What a list holds, by entity type and program, and what had to be skipped."""
    if format not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    console = Console()
    try:
        records = read_any(path, format=format, strict=strict)
    except ReadError as error:
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
