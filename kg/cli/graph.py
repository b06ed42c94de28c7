"""Commands on the built graph: validate, export, queries, query, sparql, cypher, serve."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli import main, status
from kg.cli.neo4j import connection_options, settings_from
from kg.cli.output import emit, format_option
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
    """
    from kg.graph import load_dataset
    from kg.rdf.validate import validate as run

    ws = _workspace(settings)
    violations = run(load_dataset(ws, settings.base_iri))
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
@click.option("-o", "--output", required=True, type=click.Path(), help="File (or directory for csv, neo4j-csv) to write.")
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
    from kg.exports import get
    from kg.graph import load_corpus

    exporter = get(fmt)
    ws = _workspace(settings)
    summary = exporter.write(load_corpus(ws), output, settings.base_iri)
    status(settings, f"wrote {fmt} to {output}: " + ", ".join(f"{k} {v}" for k, v in summary.items() if k != "path"))


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
              help="SPARQL store: rdflib (the model, in memory), oxigraph (the persistent store, fast at any "
                   "size), or auto: rdflib for a few documents, oxigraph beyond.")
@connection_options
@format_option()
@click.pass_obj
def query(settings, name, params, engine, store, uri, user, password, database, fmt):
    """Run a saved query by name, with parameters bound safely.

    \b
    Examples:
      kg query projects-in-place --param place=璧山
      kg query targets-by-year -p year=2027 --format csv
      kg query shared-projects --engine cypher
    """
    from kg.saved_queries import get

    saved = get(name)
    given = _params(params)
    if engine == "sparql":
        from kg.graph import sparql_engine
        from kg.rdf.sparql import run_saved

        cols, rows = run_saved(sparql_engine(_workspace(settings), settings.base_iri, store), saved, given)
    else:
        from kg.neo4j.queries import run_saved_cypher

        cols, rows = run_saved_cypher(settings_from(uri, user, password, database), saved, given)
    emit(rows, fmt, cols)


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
@format_option()
@click.pass_obj
def sparql(settings, text, file, store, fmt):
    """Run an ad-hoc SPARQL query (read-only) on the workspace's graph.

    \b
    Example:
      kg sparql 'PREFIX plan: <https://plan-kg.org/ontology#>
                 SELECT ?p WHERE { ?p a plan:Project } LIMIT 5'
    """
    from kg.graph import sparql_engine

    cols, rows = sparql_engine(_workspace(settings), settings.base_iri, store).select(_query_text(text, file))
    emit(rows, fmt, cols)


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", type=click.Path(allow_dash=True), help="Read the query from FILE ('-' for stdin).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind $NAME (repeatable).")
@connection_options
@format_option()
@click.pass_obj
def cypher(settings, text, file, params, uri, user, password, database, fmt):
    """Run an ad-hoc Cypher query (read access) on Neo4j.

    \b
    Example:
      kg cypher 'MATCH (p:Project)-[:LOCATED_IN]->(pl:Place {name: $place}) RETURN p.name' -p place=璧山
    """
    from kg.neo4j.queries import run_cypher

    cols, rows = run_cypher(settings_from(uri, user, password, database), _query_text(text, file), _params(params))
    emit(rows, fmt, cols)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (keep localhost unless you mean it).")
@click.option("--port", default=8890, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Longest a query may run, in seconds.")
@click.option("--max-rows", default=10000, show_default=True, type=int, help="Most solutions returned per query.")
@click.pass_obj
def serve(settings, host, port, timeout, max_rows):
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql.

    JSON, XML, CSV and TSV results by content negotiation; CORS for YASGUI;
    updates refused.  Stop with Ctrl-C.
    """
    from kg.graph import rdf_store_path
    from kg.rdf.endpoint import make_server

    path = rdf_store_path(_workspace(settings), settings.base_iri)
    try:
        server = make_server(path, host=host, port=port, timeout=timeout, max_rows=max_rows)
    except OSError as exc:
        raise KGError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    except RuntimeError as exc:
        raise KGError(f"the SPARQL endpoint could not start: {exc}") from None
    click.echo(f"SPARQL endpoint at http://{host}:{server.server_address[1]}/sparql (read-only; Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
