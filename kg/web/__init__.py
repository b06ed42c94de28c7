"""The coordinator's workbench: a read-only web application served by ``kg serve`` at ``/``.

Flask gives the routing, the Jinja2 templates (autoescaped: every value is
escaped) and the static files; the HTTP server stays the endpoint's
(:mod:`kg.rdf.endpoint`, killable SPARQL workers), which hands every path but
``/sparql`` to this application (docs/decisions/0009-workbench.md says why).

Pages call the library functions the CLI calls (``kg/analytics``,
``kg/saved_queries.py``, ``kg/rdf/sparql.py``, ``kg/neo4j/queries.py``), so a
page and a command never disagree.  Every asset is in the package (ECharts
vendored from npm, boundaries from PyPI): nothing is fetched at run time.
"""
from __future__ import annotations

from kg.errors import KGError, require

# No inline script or style: pages carry their data in <script type="application/json"> blocks, which
# the browser never runs; ECharts draws on canvas and sets styles through the CSSOM, which CSP allows.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(workspace, base_iri: str, endpoint=None, neo4j=None):
    """The Flask application over ``workspace``.

    ``endpoint`` (a :class:`kg.rdf.endpoint.Endpoint`) runs the console's SPARQL in its workers; ``neo4j``
    (:class:`kg.config.Neo4jSettings`) enables the Cypher console when a server is configured.
    """
    require("flask", "web")
    from flask import Flask, g, request
    from flask.json.provider import DefaultJSONProvider

    from kg.web import api, i18n, pages

    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(KG_WORKSPACE=workspace, KG_BASE_IRI=base_iri, KG_ENDPOINT=endpoint, KG_NEO4J=neo4j,
                      JSON_AS_ASCII=False, SEND_FILE_MAX_AGE_DEFAULT=3600, MAX_CONTENT_LENGTH=65536)
    app.json = DefaultJSONProvider(app)
    app.json.ensure_ascii = False  # Chinese names as written, not \uXXXX
    app.jinja_env.autoescape = True  # every template, whatever its suffix
    app.jinja_env.filters["seg"] = _path_segment
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)

    @app.before_request
    def language():
        lang = request.args.get("lang") or request.cookies.get("lang") or "zh"
        g.lang = lang if lang in i18n.LANGUAGES else "zh"

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response

    @app.context_processor
    def strings():
        return {"t": i18n.translator(g.get("lang", "zh")), "lang": g.get("lang", "zh")}

    @app.errorhandler(KGError)
    def kg_error(exc):
        return pages.error_page(exc, 404 if "no " in str(exc)[:40] else 400)

    @app.errorhandler(404)
    def not_found(exc):
        return pages.error_page(exc, 404)

    @app.errorhandler(405)
    def not_allowed(exc):
        return pages.error_page(exc, 405)

    return app


def _path_segment(value) -> str:
    """A name as one URL path segment (/place/NAME): every reserved character quoted."""
    from urllib.parse import quote

    return quote(str(value), safe="")


def corpus():
    """The workspace's corpus: looked up once per request (:func:`kg.graph.load_corpus` caches it across
    requests, but checks the workspace's manifest each time it is asked)."""
    from flask import current_app, g

    from kg.graph import load_corpus

    if "kg_corpus" not in g:
        g.kg_corpus = load_corpus(current_app.config["KG_WORKSPACE"])
    return g.kg_corpus
