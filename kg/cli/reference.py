"""The CLI reference (docs/cli.md), generated from the commands' own --help.

Regenerate with ``python -m kg.cli.reference > docs/cli.md``; a test fails
when the file and the commands drift apart.
"""
from __future__ import annotations

import click

from kg.cli import main


def _walk(cmd: click.Command, path: list[str]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from _walk(cmd.commands[name], path + [name])


def render() -> str:
    out = ["# CLI reference", "", "Generated from `--help` by `python -m kg.cli.reference`; do not edit by hand.", ""]
    for path, cmd in _walk(main, ["kg"]):
        ctx = click.Context(cmd, info_name=" ".join(path), terminal_width=100, max_content_width=100,
                            help_option_names=["-h", "--help"])
        out += [f"## {' '.join(path)}", "", "```", cmd.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
