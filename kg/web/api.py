"""The workbench's data: JSON for the pages' scripts and CSV/JSON downloads of every table.

Each route calls the library function of one command and prints its rows the
way that command's ``--format json|csv`` does (:func:`kg.cli.output.render`):

========================  ================================
``/api/search``           ``kg search``
``/api/place/NAME``       ``kg place NAME``
``/api/project/NAME``     ``kg project NAME``
``/api/shared``           ``kg shared-projects``
``/api/matrix``           ``kg shared-matrix REGION``
``/api/map``              ``kg view map`` (the units drawn)
``/api/mentions/ID``      ``kg mentions ID``
``/api/query/NAME``       ``kg query NAME`` (SPARQL in the endpoint's workers, or Cypher)
``/api/cypher`` (POST)    ``kg cypher`` (read access)
========================  ================================
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, current_app, request

from kg.errors import KGError, QueryError
from kg.web import corpus

bp = Blueprint("api", __name__, url_prefix="/api")

PROFILE_COLUMNS = ("aspect", "item", "detail", "document", "measure", "sentence")


def rows_response(rows, columns, filename: str, default: str = "json") -> Response:
    from kg.cli.output import render

    fmt = request.args.get("format", default)
    if fmt not in ("json", "csv"):
        raise QueryError(f"no format '{fmt}' (available: json, csv)")
    body = render(rows, fmt, columns)
    mimetype = "text/csv" if fmt == "csv" else "application/json"
    resp = Response(body + ("\n" if fmt == "csv" else ""), mimetype=mimetype)
    resp.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
    if request.args.get("download"):
        from urllib.parse import quote

        resp.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{fmt}"
    return resp


def _error(exc: Exception, status: int = 400, headers: dict | None = None) -> Response:
    body: dict[str, object] = {"error": str(exc)}
    suggestions = getattr(exc, "suggestions", None)
    if suggestions:
        body["suggestions"] = suggestions
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json",
                    headers=headers)


@bp.errorhandler(KGError)
def kg_error(exc):
    return _error(exc, 404 if str(exc).startswith("no ") else 400)


@bp.route("/search")
def search():
    from kg.analytics.search import TYPES
    from kg.analytics.search import search as run

    types = [t for t in request.args.get("types", "").split(",") if t in TYPES] or None
    try:
        limit = max(1, min(int(request.args.get("limit", 12)), 100))
    except ValueError:
        raise QueryError("limit must be a number") from None
    rows = run(corpus(), request.args.get("q", ""), types=types, limit=limit)
    return rows_response(rows, ("type", "name", "key", "id", "detail", "matched"), "search")


@bp.route("/place/<path:name>")
def place(name: str):
    from kg.analytics.profiles import place_profile

    _, rows = place_profile(corpus(), name)
    return rows_response(rows, PROFILE_COLUMNS, f"place-{name}")


@bp.route("/project/<path:name>")
def project(name: str):
    from kg.analytics.profiles import project_profile

    _, rows = project_profile(corpus(), name)
    return rows_response(rows, PROFILE_COLUMNS, f"project-{name}")


@bp.route("/shared")
def shared():
    from kg.analytics.names import resolve
    from kg.analytics.shared import shared_projects

    c = corpus()
    names = [n for n in request.args.get("places", request.args.get("place", "")).replace("，", ",").split(",") if n]
    indirect = request.args.get("indirect") in ("1", "yes", "true")
    if names:
        ids = {resolve(c.places.values(), n, "place").id for n in names}
        groups = [g for g in shared_projects(c, place=names[0], indirect=indirect) if ids <= set(g.place_ids)]
    else:
        groups = shared_projects(c, indirect=indirect)
    return rows_response([g.to_row() for g in groups], ("places", "size", "shared", "projects", "tie", "evidence"),
                         "shared-projects")


@bp.route("/matrix")
def matrix():
    from kg.analytics.matrix import matrix_rows

    region = request.args.get("region", "")
    if not region:
        raise QueryError("say which region: /api/matrix?region=重庆")
    return rows_response(matrix_rows(corpus(), region), ("a", "b", "shared", "projects"), f"matrix-{region}")


@bp.route("/map")
def map_data():
    from kg.views.geomap import map_data as run

    provinces = [p for p in request.args.get("provinces", "").replace("，", ",").split(",") if p]
    data = run(corpus(), provinces or None, request.args.get("level", "district"))
    if request.args.get("format") == "csv":
        return rows_response(data["units"], ("code", "name", "projects"), "map")
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


@bp.route("/graph/<any(place, project):view>/<path:name>")
def graph(view: str, name: str):
    """A place's or a project's neighbourhood as the page draws it (fetched after the page is interactive)."""
    from kg.errors import ViewError
    from kg.web.graphs import neighbourhood

    try:
        data = neighbourhood(corpus(), view, name)
    except ViewError:  # nothing to draw: the page hides the drawing, the tables say it all
        data = {"nodes": [], "edges": [], "trimmed": False}
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


@bp.route("/boundaries/<level>")
@bp.route("/boundaries/<level>/<province>")
def boundaries(level: str, province: str | None = None):
    from kg.boundaries import raw

    resp = Response(raw(level, province), mimetype="application/json")
    resp.headers["Cache-Control"] = "public, max-age=86400"
    return resp


@bp.route("/mentions/<doc_id>")
def mentions(doc_id: str):
    from kg.analytics.document import mentions as run

    return rows_response(run(corpus(), doc_id), ("type", "entity", "start", "end", "text", "measure", "sentence"),
                         f"mentions-{doc_id}")


@bp.route("/queries")
def queries():
    from kg.saved_queries import registry

    return rows_response([q.to_row() for q in registry().values()], ("name", "title", "description", "params",
                                                                       "engines"), "queries")


@bp.route("/query/<name>")
def saved_query(name: str):
    from kg.saved_queries import get

    saved = get(name)
    engine = request.args.get("engine", "sparql")
    params = {k[2:]: v for k, v in request.args.items() if k.startswith("p.")}
    truncated = False
    if engine == "sparql":
        endpoint = current_app.config["KG_ENDPOINT"]
        if endpoint is not None:
            from kg.rdf.endpoint import POOL_FAILURES, pool_failure

            try:  # in the endpoint's workers, queued with the browser's /sparql queries
                cols, rows, truncated = endpoint.run_saved(saved.name, params, client=request.remote_addr or "")
            except POOL_FAILURES as exc:
                failure = pool_failure(exc)
                return _error(failure, failure.status, failure.headers)
        else:
            from kg.graph import sparql_engine
            from kg.rdf.sparql import run_saved

            cols, rows = run_saved(sparql_engine(current_app.config["KG_WORKSPACE"],
                                                 current_app.config["KG_BASE_IRI"], "oxigraph"), saved, params)
    elif engine == "cypher":
        from kg.neo4j.queries import run_saved_cypher

        cols, rows = run_saved_cypher(_neo4j(), saved, params)
    else:
        raise QueryError(f"no engine '{engine}' (available: sparql, cypher)")
    resp = rows_response(rows, cols, f"query-{name}")
    resp.headers["X-Columns"] = json.dumps(cols)
    if truncated:
        resp.headers["X-Result-Truncated"] = "true"
    return resp


@bp.route("/cypher", methods=["POST"])
def cypher():
    from kg.neo4j.queries import run_cypher

    text = request.form.get("query", "")
    try:
        params = json.loads(request.form.get("params") or "{}")
    except ValueError:
        raise QueryError("params must be a JSON object: {\"place\": \"璧山\"}") from None
    if not isinstance(params, dict):
        raise QueryError("params must be a JSON object: {\"place\": \"璧山\"}")
    _refuse_loading(text)
    cols, rows = run_cypher(_neo4j(), text, params)
    resp = rows_response(rows, cols, "cypher")
    resp.headers["X-Columns"] = json.dumps(cols, ensure_ascii=False)
    return resp


def _neo4j():
    settings = current_app.config["KG_NEO4J"]
    if settings is None:
        abort(404, description="no Neo4j is configured for this server (set NEO4J_URI and restart kg serve)")
    return settings


def _refuse_loading(text: str) -> None:
    """Cypher that reads files or URLs (LOAD CSV) or calls procedures could reach beyond the graph: refused."""
    import re

    masked = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", " ", text, flags=re.S)
    if re.search(r"\bLOAD\s+CSV\b|\bCALL\b", masked, re.IGNORECASE):
        raise QueryError("LOAD CSV and CALL are not allowed here: the console reads only the graph")
