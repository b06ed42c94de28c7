"""``kg neo4j …``: run the bundled Neo4j server, and the options every Neo4j command shares."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import click

from kg.cli import main, status
from kg.cli.output import emit, format_option
from kg.config import Neo4jSettings


def connection_options(f):
    """--uri/--user/--password/--database, from the environment (NEO4J_URI …) by default."""
    f = click.option("--database", help="Database name.  [default: $NEO4J_DATABASE or neo4j]")(f)
    f = click.option("--password", help="Password.  [default: $NEO4J_PASSWORD; none means no auth]")(f)
    f = click.option("--user", help="User.  [default: $NEO4J_USER or neo4j]")(f)
    f = click.option("--uri", help="Bolt URI of the server.  [default: $NEO4J_URI or bolt://127.0.0.1:7687]")(f)
    return f


def settings_from(uri, user, password, database) -> Neo4jSettings:
    return Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)


def _steps(settings, bar):
    """A library progress callback: the live line on a terminal, else (unless --quiet) a line each."""
    from kg.cli.progress import live

    def step(message: str) -> None:
        bar.note(message)
        if not live(settings):
            status(settings, message)
    return step


def _home(settings, home: str | None) -> Path:
    from kg.workspace import resolve

    return Path(home or os.environ.get("KG_NEO4J_HOME") or resolve(settings.workspace) / "neo4j")


@main.group()
def neo4j():
    """Run a local Neo4j 5 server (jars from Maven Central, no Docker).

    \b
    Examples:
      kg neo4j start --wait 120      # bolt://127.0.0.1:7687, data under the workspace
      kg neo4j status
      kg neo4j stop
    """


@neo4j.command()
@click.pass_obj
def install(settings):
    """Resolve the Neo4j jars from Maven Central (cached; a no-op when present)."""
    from kg.cli.progress import Progress
    from kg.neo4j.server import install as do_install

    with Progress(settings, "Maven") as bar:
        lib = do_install(progress=_steps(settings, bar))
    status(settings, f"Neo4j jars in {lib}")


@neo4j.command()
@click.option("--home", metavar="DIR",
              help="Server directory (data, log, pid).  [default: $KG_NEO4J_HOME or WORKSPACE/neo4j]")
@click.option("--port", type=int, help="Bolt port.  [default: the port of $NEO4J_URI, else 7687]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--password",
              help="Enable auth with this password for user neo4j.  [default: $NEO4J_PASSWORD; none = no auth]")
@click.option("--wait", type=float, default=120, show_default=True,
              help="Seconds to wait until Bolt answers (0: do not wait).")
@click.option("--heap", help="JVM heap, e.g. 2g.  [default: $KG_NEO4J_HEAP or 1g]")
@click.pass_obj
def start(settings, home, port, host, password, wait, heap):
    """Start the server in the background."""
    from kg.neo4j.server import start as do_start

    if port is None:
        parsed = urlparse(os.environ.get("NEO4J_URI", ""))
        port = parsed.port or 7687
    from kg.cli.progress import Progress

    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    with Progress(settings, "starting Neo4j") as bar:
        st = do_start(_home(settings, home), host=host, port=port, password=password, wait=wait, heap=heap,
                      progress=_steps(settings, bar))
    click.echo(f"Neo4j {'is up' if st.reachable else 'is starting'} at {st.uri} (pid {st.pid}, home {st.home})")


@neo4j.command()
@click.option("--home", metavar="DIR", help="Server directory.  [default: $KG_NEO4J_HOME or WORKSPACE/neo4j]")
@click.pass_obj
def stop(settings, home):
    """Stop the server started by 'kg neo4j start'.

    Only that server: when the pid in the home's server.json now belongs to another process (the server died
    and the system reused its pid), that process is left alone and the stale file removed.
    """
    from kg.neo4j.server import stale_pid
    from kg.neo4j.server import status as do_status
    from kg.neo4j.server import stop as do_stop

    where = _home(settings, home)
    stale, was_running = stale_pid(where), do_status(where).running
    st = do_stop(where)
    if stale:
        click.echo(f"no Neo4j server of {where} is running; pid {stale} in its server.json is another process now "
                   "(left alone)")
    elif not was_running:
        click.echo(f"no Neo4j server of {where} is running")
    else:
        click.echo("Neo4j stopped" if not st.running else f"Neo4j (pid {st.pid}) did not stop")


@neo4j.command(name="status")
@click.option("--home", metavar="DIR", help="Server directory.  [default: $KG_NEO4J_HOME or WORKSPACE/neo4j]")
@format_option()
@click.pass_obj
def status_cmd(settings, home, fmt):
    """Whether the bundled server is running, and where."""
    from kg.neo4j.server import status as do_status

    st = do_status(_home(settings, home))
    if fmt == "table":
        if st.running:
            answering = "answering" if st.reachable else "not answering yet"
            click.echo(f"running: {st.uri} (pid {st.pid}, {answering}), home {st.home}")
        else:
            click.echo(f"not running (home {st.home})")
    else:
        emit([st.to_row()], fmt)


@neo4j.command(name="import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--home", metavar="DIR", help="Server directory.  [default: $KG_NEO4J_HOME or WORKSPACE/neo4j]")
@click.option("--database", default="neo4j", show_default=True, help="Database to create.")
@click.option("--overwrite", is_flag=True, help="Replace the database if it exists.")
@click.pass_obj
def import_cmd(settings, directory, home, database, overwrite):
    """Import a 'kg export --format neo4j-csv' directory with neo4j-admin (the server must be stopped).

    The result is the database 'kg load neo4j' writes, made by the bulk importer.

    \b
    Example:
      kg export --format neo4j-csv -o import/ && kg neo4j stop
      kg neo4j import import/ --overwrite && kg neo4j start
    """
    from kg.neo4j.server import admin_import

    where = _home(settings, home)
    admin_import(where, directory, database=database, overwrite=overwrite, progress=lambda m: status(settings, m))
    click.echo(f"imported {directory} into database '{database}' of {where}")


@main.group()
def load():
    """Load the workspace's graph into a database."""


@load.command(name="neo4j")
@connection_options
@click.option("--document", "documents", multiple=True, metavar="ID", help="Load only these documents (repeatable).")
@click.option("--replace", is_flag=True, help="First remove what plan-kg wrote for these documents (nothing else).")
@click.option("--all", "everything", is_flag=True,
              help="Load every document, not only those changed since the last load into this database.")
@format_option()
@click.pass_obj
def load_neo4j(settings, uri, user, password, database, documents, replace, everything, fmt):
    """Load the graph into Neo4j (idempotent; batched, parameterised UNWIND … MERGE).

    By default only documents that changed since the last load into this
    server and database are (re)loaded, and documents gone from the workspace
    are removed; --all reloads everything.

    \b
    Examples:
      kg neo4j start && kg load neo4j
      kg load neo4j --uri bolt://db:7687 --user neo4j --password …   # your own server
      kg load neo4j --document sichuan-2026-government-work-report --replace
    """
    from kg.cli.progress import Progress
    from kg.graph import load_corpus
    from kg.neo4j.loader import load as do_load
    from kg.neo4j.loader import plan_incremental, record_loaded, remove_documents
    from kg.workspace import Workspace

    ws = Workspace(settings.workspace).require()
    corpus = load_corpus(ws)
    conn = settings_from(uri, user, password, database)
    gone: list[str] = []
    if documents:
        docs = list(documents)
    elif everything:
        docs = [ex.document.id for ex in corpus.documents]
    else:
        docs, gone = plan_incremental(corpus, ws, conn)
        replace = True
        if not docs and not gone:
            status(settings, f"Neo4j at {conn.uri} is up to date (use --all to reload everything)")
            return
    if gone:
        status(settings, f"removing {', '.join(gone)} (no longer in the workspace)")
        remove_documents(conn, gone)
    with Progress(settings, "loading Neo4j") as bar:
        report = do_load(corpus, conn, documents=docs, replace=replace, progress=_steps(settings, bar))
    record_loaded(corpus, ws, conn, docs, gone)
    rows = [{"what": k, "rows": v} for k, v in report.rows.items()]
    status(settings, f"loaded {', '.join(report.documents)} into {conn.uri} in {report.seconds:.1f} s: "
                     f"{report.nodes} nodes, {report.relationships} relationships from plan-kg")
    if fmt != "table":
        emit(rows, fmt, ("what", "rows"))
