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
