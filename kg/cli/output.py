"""One way to print rows: ``--format table|json|csv``.

JSON keeps Chinese readable (``ensure_ascii=False``) and is always a list of
row objects; CSV has a header row; the table pads columns by display width
(a CJK character takes two cells).
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import click

FORMATS = ("table", "json", "csv")


def limit_option(default: int = 0, what: str = "rows"):
    """``--limit N``: the one way to cap rows (0: all); negative numbers are refused by the type."""
    return click.option("--limit", type=click.IntRange(min=0), default=default, show_default=True,
                        help=f"Most {what} to print (0: all).")


def first(rows: list, limit: int) -> list:
    return list(rows)[:limit] if limit else list(rows)


def format_option(default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="How to print the rows.")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple, set)):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _truncate(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out, w = "", 0
    for c in text:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > limit - 1:
            break
        out += c
        w += cw
    return out + "…"


def render(rows: Sequence[dict], fmt: str, columns: Sequence[str] | None = None, max_width: int = 60) -> str:
    rows = list(rows)
    columns = list(columns or (list(rows[0].keys()) if rows else []))
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "(no rows)"
    cells = [[_truncate(_cell(r.get(c)).replace("\n", " "), max_width) for c in columns] for r in rows]
    widths = [max(width(c), *(width(row[i]) for row in cells)) for i, c in enumerate(columns)]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v + " " * (widths[i] - width(v)) for i, v in enumerate(values)).rstrip()

    out = [line(columns), line("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out)


def emit(rows: Sequence[dict], fmt: str, columns: Sequence[str] | None = None, max_width: int = 60) -> None:
    click.echo(render(rows, fmt, columns, max_width=max_width))
