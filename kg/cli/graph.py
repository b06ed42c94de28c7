"""Commands on the built graph: validate, export, queries, query, sparql, cypher, serve."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main, status
from kg.cli.neo4j import connection_options, settings_from
from kg.cli.output import emit, first, format_option, limit_option
from kg.errors import KGError, QueryError


def _workspace(settings):
    from kg.workspace import Workspace

    return Workspace(settings.workspace).require()


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        out[name.strip()] = value
    return out


@main.command()
@format_option()
@click.pass_obj
def validate(settings, fmt):
    """Check the built graph against the SHACL shapes (ontology/shapes.ttl).

    Prints one row per violation and exits with status 1 when there is any.
    Its steps show on stderr when that is a terminal (not with --quiet).
    """
    from kg.cli.progress import Progress
    from kg.graph import load_corpus
    from kg.rdf.validate import validate_corpus

    ws = _workspace(settings)
    with Progress(settings, "validating") as bar:
        violations = validate_corpus(load_corpus(ws), settings.base_iri, progress=bar.note)
    if violations:
        emit([v.to_row() for v in violations], fmt, ("severity", "focus", "path", "message", "value", "shape"))
        raise click.ClickException(f"{len(violations)} SHACL violation(s)")
    if fmt == "table":
        click.echo("the graph conforms to the plan-kg shapes")
    else:
        emit([], fmt, ("severity", "focus", "path", "message", "value", "shape"))


@main.command()
@click.option("--format", "fmt", required=True, metavar="FORMAT",
              help="ttl, nt, nq, trig, jsonld, xml (RDF); graphml, gexf, csv, neo4j-csv (graph tools); json (corpus).")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File (or directory for csv, neo4j-csv) to write.")
@click.pass_obj
def export(settings, fmt, output):
    """Export the workspace's graph.

    \b
    Examples:
      kg export --format ttl -o plan.ttl
      kg export --format trig -o plan.trig      # one named graph per document
      kg export --format graphml -o plan.graphml
      kg export --format neo4j-csv -o import/
    """
    from kg.cli.progress import Progress
    from kg.exports import get
    from kg.graph import load_corpus

    exporter = get(fmt)
    ws = _workspace(settings)
    with Progress(settings, f"exporting {fmt}") as bar:
        bar.note("reading the workspace")
        corpus = load_corpus(ws)
        bar.note(f"writing {output}")
        summary = exporter.write(corpus, output, settings.base_iri)
    status(settings, f"wrote {fmt} to {output}: "
                     + ", ".join(f"{v:,} {k}" for k, v in summary.items() if k != "path"))


@main.command(name="queries")
@format_option()
def queries_cmd(fmt):
    """List the saved queries (queries/*.rq and *.cypher) with their parameters."""
    from kg.saved_queries import registry

    rows = [q.to_row() for q in registry().values()]
    if fmt == "table":
        rows = [{"name": r["name"], "title": r["title"], "engines": ", ".join(r["engines"]),
                 "params": ", ".join(f"{p['name']}={p['default']}" for p in r["params"])} for r in rows]
        emit(rows, fmt, ("name", "title", "params", "engines"))
    else:
        emit(rows, fmt, ("name", "title", "description", "params", "engines"))


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind a parameter (repeatable).")
@click.option("--engine", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True,
              help="SPARQL on the RDF graph, or Cypher on Neo4j.")
@click.option("--store", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto", show_default=True,
              help="SPARQL store: oxigraph (the workspace's persistent store, kept current by 'kg build'; "
                   "fast at any size), rdflib (the model, rebuilt in memory), or auto: oxigraph when pyoxigraph "
                   "is installed, else rdflib.")
@connection_options
@limit_option()
@format_option()
@click.pass_obj
def query(settings, name, params, engine, store, uri, user, password, database, limit, fmt):
    """Run a saved query by name, with parameters bound safely.

    \b
    A name parameter (place, project, …) that matches nothing as written is
    read as the graph writes it (成渝中线高速铁路 → 成渝中线高铁), or refused
    with the nearest names.  --limit also binds a query's own 'limit'.

    \b
    Examples:
      kg query projects-in-place --param place=璧山
      kg query targets-by-year -p year=2027 --format csv
      kg query shared-projects --engine cypher
    """
    from kg.saved_queries import get

    saved = get(name)
    given = _params(params)
    if limit and any(p.name == "limit" for p in saved.params):
        given.setdefault("limit", str(limit))

    def run(values):
        if engine == "sparql":
            from kg.graph import sparql_engine
            from kg.rdf.sparql import run_saved

            return run_saved(sparql_engine(_workspace(settings), settings.base_iri, store), saved, values)
        from kg.neo4j.queries import run_saved_cypher

        return run_saved_cypher(settings_from(uri, user, password, database), saved, values)

    cols, rows = run(given)
    if not rows:
        fixed = _names_as_the_graph_writes_them(settings, given)
        if fixed:
            status(settings, "no rows for " + ", ".join(f"{k}={given[k]}" for k in fixed) + "; read as "
                   + ", ".join(f"{k}={v}" for k, v in fixed.items()))
            cols, rows = run({**given, **fixed})
    emit(first(rows, limit), fmt, cols)


def _names_as_the_graph_writes_them(settings, given: dict[str, str]) -> dict[str, str]:
    """Name parameters that matched nothing: the graph's own name for each (成渝中线高速铁路 → 成渝中线高铁),
    or a clear error with the nearest names when there is none."""
    from kg.analytics.names import NAME_PARAMS, canonical_params
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    names = {k: v for k, v in given.items() if k in NAME_PARAMS}
    ws = Workspace(settings.workspace)
    if not names or not ws.exists():
        return {}
    canonical = canonical_params(load_corpus(ws), names)
    return {k: v for k, v in canonical.items() if v != names[k]}


def _query_text(text: str | None, file: str | None) -> str:
    if file:
        return sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    if not text:
        raise QueryError("give a query as an argument or with -f FILE")
    return text


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", type=click.Path(allow_dash=True), help="Read the query from FILE ('-' for stdin).")
@click.option("--store", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto", show_default=True,
              help="SPARQL store (see 'kg query --help').")
@limit_option()
@format_option()
@click.pass_obj
def sparql(settings, text, file, store, limit, fmt):
    """Run an ad-hoc SPARQL query (read-only) on the workspace's graph.

    \b
    Example:
      kg sparql 'PREFIX plan: <https://plan-kg.org/ontology#>
                 SELECT ?p WHERE { ?p a plan:Project } LIMIT 5'
    """
    from kg.graph import sparql_engine

    cols, rows = sparql_engine(_workspace(settings), settings.base_iri, store).select(_query_text(text, file))
    emit(first(rows, limit), fmt, cols)


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", type=click.Path(allow_dash=True), help="Read the query from FILE ('-' for stdin).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind $NAME (repeatable).")
@connection_options
@limit_option()
@format_option()
@click.pass_obj
def cypher(settings, text, file, params, uri, user, password, database, limit, fmt):
    """Run an ad-hoc Cypher query (read access) on Neo4j.

    \b
    Example:
      kg cypher 'MATCH (p:Project)-[:LOCATED_IN]->(pl:Place {name: $place}) RETURN p.name' -p place=璧山
    """
    from kg.neo4j.queries import run_cypher

    cols, rows = run_cypher(settings_from(uri, user, password, database), _query_text(text, file), _params(params))
    emit(first(rows, limit), fmt, cols)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. Anything but loopback exposes the graph and is warned about loudly.")
@click.option("--port", default=8890, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Longest a query may run, in seconds.")
@click.option("--max-rows", default=10000, show_default=True, type=int, help="Most solutions returned per query.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes (each query runs in one; a query past --timeout has its worker killed).")
@click.option("--fast-lane", default=1.0, show_default=True, type=click.FloatRange(0),
              help="Seconds a query may run on the extra worker kept for queries that arrive while every worker "
                   "is busy (longer ones wait for a worker); 0 for no fast lane.")
@click.option("--per-client", default=0, show_default=True, type=click.IntRange(0),
              help="Most workers one client address may hold at once; 0 for no limit.")
@click.option("--worker-memory", default=1024, show_default=True, type=click.IntRange(0), metavar="MB",
              help="Memory cap of each worker (at least 256); a query that needs more is refused (503); 0 for no cap.")
@click.option("--open", "open_browser", is_flag=True, help="Open the workbench in the default web browser.")
@click.option("--sample", is_flag=True,
              help="Serve the bundled sample documents (built into ./kg-demo/workspace the first time).")
@click.option("--no-app", is_flag=True, help="Only the SPARQL endpoint, no workbench pages.")
@connection_options
@click.pass_obj
def serve(settings, host, port, timeout, max_rows, workers, fast_lane, per_client, worker_memory, open_browser,
          sample, no_app, uri, user, password, database):
    """Serve the workbench at / and a read-only SPARQL 1.1 endpoint at /sparql.

    The workbench (in Chinese, with an English toggle) searches places, projects, organizations and
    documents; shows place and project pages with their sentences, the projects places share (pairs,
    graph, district matrix), a map, each document with its entities highlighted, and a query console
    (saved queries, SPARQL, and Cypher when NEO4J_URI or --uri names a Neo4j server).  Everything it
    needs is in the package: it fetches nothing from the network.  The endpoint speaks the SPARQL 1.1
    protocol: JSON, XML, CSV and TSV results (Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT) by
    content negotiation; default-graph-uri and named-graph-uri; CORS for YASGUI; the service description
    at GET /sparql; updates and SERVICE refused.  Stop with Ctrl-C.

    \b
    Examples:
      kg serve --sample --open        # the bundled sample plans, in your browser
      kg serve --port 9000
    """
    import os

    from kg.web.server import exposure_warning, is_loopback, make_workbench_server

    if sample:
        ws = _sample_workspace(settings)
    else:
        ws = _workspace(settings)
    neo4j = settings_from(uri, user, password, database) if (uri or os.environ.get("NEO4J_URI")) else None
    try:
        pool = {"workers": workers, "fast_lane": fast_lane, "per_client": per_client, "memory_mb": worker_memory}
        if no_app:
            from kg.graph import rdf_store_path
            from kg.rdf.endpoint import make_server

            server = make_server(rdf_store_path(ws, settings.base_iri), host=host, port=port, timeout=timeout,
                                 max_rows=max_rows, **pool)
        else:
            server = make_workbench_server(ws, settings.base_iri, host=host, port=port, timeout=timeout,
                                           max_rows=max_rows, neo4j=neo4j, **pool)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--worker-memory") from None
    except OSError as exc:
        raise KGError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    except RuntimeError as exc:
        raise KGError(f"the SPARQL endpoint could not start: {exc}") from None
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{server.server_address[1]}"
    if not is_loopback(host):
        click.echo(exposure_warning(host, server.server_address[1]), err=True)
    if not no_app:
        click.echo(f"workbench at {base}/ (read-only; Ctrl-C to stop)", err=True)
    click.echo(f"SPARQL endpoint at {base}/sparql (read-only; Ctrl-C to stop)", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(f"{base}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _sample_workspace(settings):
    """The workspace of the bundled samples: ./kg-demo/workspace, or --workspace; built when missing."""
    from importlib import resources

    from kg.build import build
    from kg.workspace import Workspace

    ws = Workspace(settings.workspace or "kg-demo/workspace")
    if not ws.exists():
        click.echo(f"building the bundled sample documents into {ws.path} …", err=True)
        build([str(resources.files("kg") / "data" / "samples")], ws)
    return ws
