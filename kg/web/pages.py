"""The workbench's pages: every one has a stable URL a coordinator can share.

``/place/NAME``, ``/project/NAME`` and ``/organization/NAME`` take any name,
alias, short name or code the search accepts; ``/document/ID``;
``/explore?places=A,B`` or ``/explore?region=重庆``; ``/map``; ``/query``.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from flask import Blueprint, current_app, g, render_template, request

from kg.analytics.names import AmbiguousName, UnknownName
from kg.web import corpus

bp = Blueprint("pages", __name__)


def error_page(exc, status: int):
    from kg.web import i18n

    t = i18n.translator(g.get("lang", "zh"))
    message = str(exc) if not hasattr(exc, "description") else exc.description
    choices = []
    if isinstance(exc, AmbiguousName):
        choices = [(c.name, getattr(c, "code", None) or c.id) for c in exc.choices[:20]]
    suggestions = getattr(exc, "suggestions", []) or []
    return render_template("error.html", message=message, status=status, choices=choices,
                           suggestions=suggestions, title=t("error"), kind=request.path.split("/")[1]), status


# -- sources: every fact links to its sentence in the document view --------------------------

@lru_cache(maxsize=4096)
def _sentence_start(doc_id: str, sentence: str, corpus_id: int) -> int:
    c = corpus()
    try:
        text = c.document(doc_id).document.text
    except KeyError:
        return -1
    return text.find(sentence) if sentence else -1


def source_url(doc_id: str, sentence: str = "", measure=None) -> str:
    if not doc_id:
        return ""
    start = _sentence_start(doc_id, sentence or "", id(corpus()))
    anchor = f"#s-{start}" if start >= 0 else (f"#measure-{measure}" if measure is not None else "")
    return f"/document/{doc_id}{anchor}"


@bp.app_template_global()
def source(doc_id, sentence="", measure=None):
    return source_url(doc_id, sentence, measure)


@bp.app_template_global()
def key_of(entity_id: str, fallback: str = "") -> str:
    from kg.analytics.search import index

    entry = index(corpus()).by_id(entity_id)
    return entry.key if entry else fallback


def _by_search(kind: str, name: str):
    """For a name the lookup does not know but the search box does (pinyin: /place/tongliang, /project/btx):
    a redirect to the page of the one exact hit, else None."""
    from flask import redirect

    from kg.analytics.search import _norm, search

    hits = [h for h in search(corpus(), name, types=[kind], limit=2) if h["matched"] == _norm(name)]
    if len(hits) == 1:
        return redirect(f"/{kind}/{quote(hits[0]['key'], safe='')}", code=302)
    return None


def _or_search(kind: str):
    """Decorate a page taking a name: an unknown name is tried as the search box would read it."""
    from functools import wraps

    def deco(view):
        @wraps(view)
        def wrapper(name: str):
            try:
                return view(name)
            except UnknownName:
                found = _by_search(kind, name)
                if found is None:
                    raise
                return found
        return wrapper
    return deco


# -- pages -----------------------------------------------------------------------------------

@bp.route("/")
def home():
    c = corpus()
    docs = [{"id": ex.document.id, "title": ex.document.title, "kind": ex.document.kind,
             "measures": len(ex.measures)} for ex in c.documents]
    counts = {"documents": len(c.documents), "places": sum(1 for p in c.places.values() if p.mentions),
              "projects": len(c.projects), "organizations": len(c.organizations)}
    return render_template("home.html", docs=docs[:200], more=max(0, len(docs) - 200), counts=counts)


@bp.route("/search")
def search_page():
    from kg.analytics.search import search

    q = request.args.get("q", "")
    hits = search(corpus(), q, limit=50) if q else []
    return render_template("search.html", q=q, hits=hits)


@bp.route("/place/<path:name>")
@_or_search("place")
def place(name: str):
    from kg.analytics.profiles import place_profile
    from kg.analytics.shared import shared_projects

    c = corpus()
    pl, rows = place_profile(c, name)
    groups = shared_projects(c, place=pl.code or pl.id, indirect=False)
    pairs = [gr for gr in groups if gr.size == 2]
    larger = [gr for gr in groups if gr.size > 2]
    partners = []
    for gr in pairs:
        i = 1 if gr.place_ids[0] == pl.id else 0
        partners.append({"id": gr.place_ids[i], "name": gr.places[i], "group": gr})
    return render_template("place.html", place=pl, key=name, path=_division_path(pl), rows=rows,
                           aspects=_by_aspect(rows), partners=partners, larger=larger, limit=_limit(),
                           graph_url="/api/graph/place/" + quote(pl.code or pl.id, safe=""))


@bp.route("/project/<path:name>")
@_or_search("project")
def project(name: str):
    from kg.analytics.profiles import project_profile

    c = corpus()
    pr, rows = project_profile(c, name)
    whole = [p for p in c.projects.values() if p.id != pr.id and p.name in pr.name and len(p.name) >= 3]
    parts = [p for p in c.projects.values() if p.id != pr.id and pr.name in p.name and len(pr.name) >= 3]
    return render_template("project.html", project=pr, key=name, rows=rows, aspects=_by_aspect(rows), limit=_limit(),
                           whole=whole[:20], parts=parts[:20],
                           graph_url="/api/graph/project/" + quote(key_of(pr.id, pr.name), safe=""))


@bp.route("/organization/<path:name>")
@_or_search("organization")
def organization(name: str):
    from kg.analytics.names import resolve

    c = corpus()
    org = resolve(c.organizations.values(), name, "organization")
    led = []
    for doc, n in org.led_measures():
        ex = c.document(doc)
        m = next((x for x in ex.measures if x.number == n), None)
        led.append({"document": doc, "measure": n, "title": m.title if m else ""})
    return render_template("organization.html", org=org, led=led, mentions=org.mentions[:300])


@bp.route("/document/<doc_id>")
def document(doc_id: str):
    from kg.analytics.document import extraction, paragraphs

    c = corpus()
    ex = extraction(c, doc_id)
    return render_template("document.html", ex=ex, paragraphs=paragraphs(c, doc_id))


@bp.route("/explore")
def explore():
    from kg.analytics.names import resolve
    from kg.analytics.shared import shared_projects
    from kg.web.graphs import shared_graph

    c = corpus()
    names = _list(request.args.get("places", ""))
    region = request.args.get("region", "").strip()
    indirect = request.args.get("indirect") in ("1", "yes", "true")
    chosen, groups, graph, matrix = [], [], None, None
    if names:
        chosen = [resolve(c.places.values(), n, "place") for n in names]
        ids = {p.id for p in chosen}
        focus = chosen[0].code or chosen[0].id
        groups = [gr for gr in shared_projects(c, place=focus, indirect=indirect) if ids <= set(gr.place_ids)]
        graph = shared_graph(c, groups)
    if region:
        matrix = _matrix(region)
    return render_template("explore.html", names=names, chosen=chosen, groups=groups, graph=graph,
                           region=region, matrix=matrix, indirect=indirect)


@bp.route("/map")
def map_page():
    from kg.views.geomap import map_data

    provinces = _list(request.args.get("provinces", ""))
    level = request.args.get("level", "district")
    data = map_data(corpus(), provinces or None, level)
    for u in data["units"]:
        u["key"] = key_of(u["place"], u["code"]) if u["place"] else u["code"]
    return render_template("map.html", data=data, level=level, provinces=",".join(provinces))


@bp.route("/query")
def query_page():
    from kg.saved_queries import registry

    saved = [{**q.to_row(), "texts": q.texts} for q in registry().values()]
    return render_template("query.html", saved=saved, cypher=current_app.config["KG_NEO4J"] is not None,
                           selected=request.args.get("name", ""))


# -- helpers ---------------------------------------------------------------------------------

def _list(text: str) -> list[str]:
    import re

    return [x for x in re.split(r"[,，、\s]+", text or "") if x]


# A list longer than this shows its first rows and says how many more there are: the busiest place of a
# thousand synthetic plans is named in 2,034 measures (a 700 kB page); the CSV/JSON downloads and ?all=1
# give every row.
ROWS_SHOWN = 100


def _limit() -> int | None:
    return None if request.args.get("all") in ("1", "yes", "true") else ROWS_SHOWN


def _by_aspect(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["aspect"], []).append(r)
    return out


def _division_path(place) -> list[tuple[str, str]]:
    """[(name, key)] from the province down to the place's parent."""
    if not place.code:
        return []
    from kg.loaders.gazetteer import gazetteer

    gz = gazetteer()
    d = gz.divisions.get(place.code)
    if d is None:
        return []
    chain = [x for x in gz.chain(d) if x.code != d.code]
    chain.sort(key=lambda x: x.level)
    return [(x.short or x.name, x.code) for x in chain]


def _matrix(region: str) -> dict:
    from kg.analytics.matrix import shared_matrix

    c = corpus()
    data = shared_matrix(c, region)
    members = data["members"]
    if len(members) > 60:  # keep the matrix readable: only members that share something
        active = {x for pair in data["cells"] for x in pair}
        members = [m for m in members if m["id"] in active]
    for m in members:
        m["key"] = key_of(m["id"], m["id"].split(":", 1)[1])
    cells = [{"a": a, "b": b, "count": len(pids), "projects": sorted(c.projects[p].name for p in pids)}
             for (a, b), pids in data["cells"].items()]
    return {"region": data["region"], "members": members, "cells": cells}
