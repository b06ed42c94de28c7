"""The ``kg`` command line: thin wrappers over library functions.

Each command parses options, calls one library function and prints the
result; errors the user can act on (:class:`kg.errors.KGError`) become one
line on stderr and exit status 1.  Sub-groups live in their own modules and
register themselves on :data:`main`.
"""
from __future__ import annotations

import os
import sys

import click

from kg import __version__
from kg.config import Settings
from kg.errors import KGError


class KGGroup(click.Group):
    """A group that turns library errors into one clear line instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted") from None
        except BrokenPipeError:  # `kg … | head`
            sys.stderr.close()
            ctx.exit(0)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: one line for the user, the traceback on request
            if os.environ.get("KG_DEBUG"):
                raise
            raise click.ClickException(f"internal error ({exc.__class__.__name__}: {exc}); "
                                       "this is a bug - rerun with KG_DEBUG=1 for the traceback and report it"
                                       ) from None


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--workspace", "-w", metavar="DIR", envvar="KG_WORKSPACE",
              help="Workspace directory every command reads and 'kg build' writes.  "
                   "[default: $KG_WORKSPACE or ./kg-workspace]")
@click.option("--base-iri", metavar="IRI", envvar="KG_BASE_IRI",
              help="Base of the IRIs minted for the RDF graph.  [default: https://plan-kg.org/id/]")
@click.option("--quiet", "-q", is_flag=True, help="No progress or status messages on stderr.")
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def main(ctx, workspace, base_iri, quiet):
    """Turn Chinese government plans into a queryable knowledge graph.

    \b
    Start with:
      kg demo                       run everything on the bundled sample plan
      kg extract PLAN.txt --json    what the extractor finds in one document
      kg build PLANS/               build the workspace the other commands read
      kg stats                      counts by entity type, per document
    """
    ctx.obj = Settings.from_env(workspace=workspace, base_iri=base_iri, quiet=quiet)


def status(ctx_or_settings, message: str) -> None:
    """A progress/status line on stderr, unless --quiet."""
    settings = ctx_or_settings.obj if hasattr(ctx_or_settings, "obj") else ctx_or_settings
    if not getattr(settings, "quiet", False):
        click.echo(message, err=True)


from kg.cli import analytics, documents, graph, neo4j, views  # noqa: E402,F401  (register their commands)
