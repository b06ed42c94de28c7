"""The built-in views.  Each draws part of the property graph (:mod:`kg.projection`): its nodes, its
edges and their ids; hover text carries the node's facts and the sentence it comes from.

A view's defaults fit any workspace: "(first)" is the first document (or measure), "(most projects)" the
place with the most projects, "(most places)" the project in the most places.
"""
from __future__ import annotations

from kg import projection
from kg.analytics.names import resolve
from kg.analytics.network import measure_name, mentions_of
from kg.analytics.shared import _all_members, place_pairs, project_places
from kg.corpus import Corpus
from kg.errors import ViewError
from kg.model import Extraction
from kg.projection import Node, PropertyGraph, plain
from kg.views import ViewGraph, ViewParam, register

_MAX_SENTENCE = 160
FIRST = "(first)"
MOST_PROJECTS = "(most projects)"
MOST_PLACES = "(most places)"


def _clip(text: str, n: int = _MAX_SENTENCE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _source(pg: PropertyGraph, node: Node) -> str:
    mentions = mentions_of(pg, node.id)
    if not mentions:
        return ""
    m = mentions[0].props
    where = f"{m['document']}" + (f" · 第{m['measure']}条" if m["measure"] is not None else "")
    return f"\n出处 Source ({where}):\n{_clip(plain(m['sentence']) or '')}"


def parent_name(pg: PropertyGraph, node: Node) -> str | None:
    """The administrative division a place is part of (a PART_OF that leads to a place with a code)."""
    for e in pg.outgoing(node.id, "PART_OF"):
        parent = pg.nodes[e.target.id]
        if parent.props["code"]:
            return parent.props["name"]
    return None


def place_node(pg: PropertyGraph, node: Node, size: float = 10.0) -> dict:
    p = node.props
    facts = [p["name"] + (f" ({p['name_en']})" if p["name_en"] else "")]
    if p["code"]:
        facts.append(f"代码 Code: {p['code']}")
    parent = parent_name(pg, node)
    if parent:
        facts.append(f"隶属 In: {parent}")
    facts.append(f"类型 Kind: {p['kind']}")
    return {"id": node.id, "label": p["name"], "label_en": p["name_en"] or p["name"],
            "type": "Region" if "Region" in node.labels else "Place", "kind": p["kind"], "size": size,
            "info": "\n".join(facts) + _source(pg, node)}


def project_node(pg: PropertyGraph, node: Node, size: float = 10.0) -> dict:
    p = node.props
    facts = [p["name"], f"类型 Kind: {p['kind']}"]
    if p["status"]:
        facts.append(f"状态 Status: {p['status']}")
    places = [pg.nodes[e.target.id].props["name"] for e in pg.outgoing(node.id, "LOCATED_IN")]
    if places:
        facts.append("地点 Places: " + "、".join(places))
    if p["aliases"]:
        facts.append("又称 Also: " + "、".join(p["aliases"][:4]))
    return {"id": node.id, "label": p["name"], "label_en": p["name"], "type": "Project", "kind": p["kind"],
            "size": size, "info": "\n".join(facts) + _source(pg, node)}


def org_node(pg: PropertyGraph, node: Node, size: float = 9.0) -> dict:
    p = node.props
    facts = [p["name"], f"类型 Kind: {p['kind']}"]
    led = sorted((pg.nodes[e.target.id].props["document"], pg.nodes[e.target.id].props["number"])
                 for e in pg.outgoing(node.id, "RESPONSIBLE_FOR"))
    if led:
        many = len({d for d, _ in led}) > 1
        facts.append("牵头 Leads measures: " + ", ".join(f"{d}/{n}" if many else str(n) for d, n in led[:12]))
    return {"id": node.id, "label": p["name"], "label_en": p["name"], "type": "Organization", "kind": p["kind"],
            "size": size, "info": "\n".join(facts) + _source(pg, node)}


def entity_node(pg: PropertyGraph, node: Node, size: float) -> dict:
    if node.kind == "Project":
        return project_node(pg, node, size)
    if node.kind == "Place":
        return place_node(pg, node, size)
    return org_node(pg, node, size)


def measure_node(node: Node, size: float = 8.0) -> dict:
    p = node.props
    return {"id": node.id, "label": measure_name(node)[:24], "label_en": f"Measure {p['number']}", "type": "Measure",
            "kind": "measure", "size": size,
            "info": f"{p['document']} · 第{p['number']}条\n{p['title']}\n\n{_clip(p['text'], 300)}"}


def target_node(pg: PropertyGraph, node: Node, size: float = 8.0) -> dict:
    t = node.props
    value = f"{t['comparator']} {t['value']:g} {t['unit']}" if t["value"] is not None else t["comparator"]
    mentions = mentions_of(pg, node.id)
    source = plain(mentions[0].props["sentence"]) if mentions else t["text"]
    return {"id": node.id, "label": f"{t['indicator']} {value}"[:28], "label_en": f"{value} ({t['year']})",
            "type": "Target", "kind": t["comparator"], "size": size,
            "info": f"{t['indicator']}\n{value}\n年份 Year: {t['year']}\n"
                    + (f"范围 Scope: {t['scope']}\n" if t["scope"] else "")
                    + f"\n出处 Source ({t['document']}):\n{_clip(source or '')}"}


def _scale(n: int, base: float = 8.0, k: float = 3.0, top: float = 40.0) -> float:
    return min(top, base + k * n ** 0.5)


def _edge(source: str, target: str, etype: str, weight: float = 1.0, info: str = "") -> dict:
    return {"source": source, "target": target, "type": etype, "weight": weight, "info": info}


def _first_mentions_per_measure(pg: PropertyGraph, node_id: str) -> dict[str, Node]:
    """measure key -> the first mention of the node in that measure (its sentence is the evidence)."""
    out: dict[str, Node] = {}
    for m in mentions_of(pg, node_id):
        for e in pg.outgoing(m.id, "IN_MEASURE"):
            out.setdefault(e.target.id, m)
    return out


# -- overview -------------------------------------------------------------------------------

@register("overview", "Overview of the whole graph",
          "Projects, places and organizations with the measures that name them; places linked to their projects "
          "and to the divisions and regions they belong to.")
def overview(corpus: Corpus, params: dict) -> ViewGraph:
    pg = projection.project(corpus)
    g = ViewGraph(title="规划知识图谱总览 Plan graph overview",
                  subtitle=f"{len(corpus.documents)} document(s)")
    degree: dict[str, int] = {}
    for e in pg.of_type("LOCATED_IN"):
        degree[e.target.id] = degree.get(e.target.id, 0) + 1
        degree[e.source.id] = degree.get(e.source.id, 0) + 1
    for node in pg.of_kind("Place"):
        if node.props["documents"]:
            g.nodes.append(place_node(pg, node, _scale(degree.get(node.id, 0))))
    for node in pg.of_kind("Project"):
        g.nodes.append(project_node(pg, node, _scale(degree.get(node.id, 0), 7, 2, 24)))
    for node in pg.of_kind("Organization"):
        g.nodes.append(org_node(pg, node))
    for node in pg.of_kind("Measure"):
        g.nodes.append(measure_node(node, 6))
    ids = g.node_ids()
    members = {(e.source.id, e.target.id) for e in pg.of_type("MEMBER_OF")}
    for e in pg.edges.values():
        if e.source.id not in ids or e.target.id not in ids:
            continue
        if e.type in ("LOCATED_IN", "MEMBER_OF", "RESPONSIBLE_FOR"):
            g.edges.append(_edge(e.source.id, e.target.id, e.type))
        elif e.type == "PART_OF" and (e.source.id, e.target.id) not in members:  # membership is drawn once
            g.edges.append(_edge(e.source.id, e.target.id, e.type))
    for node in pg.nodes.values():
        if node.kind in projection.ENTITY_KINDS and node.id in ids:
            for mid, m in _first_mentions_per_measure(pg, node.id).items():
                if mid in ids:
                    g.edges.append(_edge(mid, node.id, "MENTIONS", 0.5, _clip(plain(m.props["sentence"]) or "")))
    linked = {e["source"] for e in g.edges} | {e["target"] for e in g.edges}
    g.nodes = [n for n in g.nodes if n["id"] in linked]  # isolated dots only blur the picture
    return g


# -- districts <-> projects -----------------------------------------------------------------

@register("districts-projects", "Districts ↔ projects: who shares what",
          "Cities, districts and counties linked by the projects they share; edge weight = number of shared "
          "projects, hover lists them.",
          [ViewParam("indirect", "no", "also count ties through regions (yes/no)")])
def districts_projects(corpus: Corpus, params: dict) -> ViewGraph:
    pg = projection.project(corpus)
    indirect = str(params.get("indirect", "no")).lower() in ("yes", "true", "1")
    g = ViewGraph(title="区县共享项目 Districts sharing projects",
                  subtitle="edge weight = shared projects" + (" (incl. through regions)" if indirect else ""))
    ties = project_places(corpus, indirect=indirect)
    counts: dict[str, int] = {}
    for t in ties.values():
        for p in t:
            counts[p] = counts.get(p, 0) + 1
    # pairs under kg shared-projects' rules (no place with its own city, no region as a district)
    shared: dict[tuple[str, str], list[str]] = {}
    for (a, b, _), pids in place_pairs(corpus, ties)[0].items():
        if (corpus.places[a].level or 0) >= 2 and (corpus.places[b].level or 0) >= 2:
            shared.setdefault((a, b), []).extend(corpus.projects[pid].name for pid in pids)
    used = {x for pair in shared for x in pair}
    for pid in sorted(used):
        node = place_node(pg, pg.nodes[pid], _scale(counts.get(pid, 0), 10, 4))
        node["info"] += f"\n\n项目数 Projects: {counts.get(pid, 0)}"
        g.nodes.append(node)
    for (a, b), projects in sorted(shared.items()):
        projects = sorted(set(projects))
        edge = _edge(a, b, "SHARES", len(projects),
                     f"{corpus.places[a].name} – {corpus.places[b].name}: {len(projects)} 个共享项目\n"
                     + "\n".join(projects))
        edge["label"] = "、".join(projects)  # the static picture names every edge ...
        edge["names"] = projects  # ... with numbers that stand for these
        g.edges.append(edge)
    return g


# -- neighbourhoods ---------------------------------------------------------------------------

def _add_measures_of(g: ViewGraph, pg: PropertyGraph, node: Node, ids: set) -> set[str]:
    """The measures that name the node, each joined to it with the first sentence there; their keys."""
    found = _first_mentions_per_measure(pg, node.id)
    for mid, m in found.items():
        if mid not in ids:
            g.nodes.append(measure_node(pg.nodes[mid], 9))
            ids.add(mid)
        g.edges.append(_edge(mid, node.id, "MENTIONS", 1, _clip(plain(m.props["sentence"]) or "")))
    return set(found)


def _most_tied(pg: PropertyGraph, kind: str) -> str:
    """The node of this kind with the most LOCATED_IN ties (then the most mentions): a default for any workspace."""
    nodes = pg.of_kind(kind)
    if not nodes:
        raise ViewError(f"the workspace has no {kind.lower()} to show")
    edge = "LOCATED_IN"
    ties = (lambda n: len(pg.outgoing(n.id, edge))) if kind == "Project" else (lambda n: len(pg.incoming(n.id, edge)))
    return max(nodes, key=lambda n: (ties(n), len(mentions_of(pg, n.id)), n.id)).id


@register("project", "One project's neighbourhood",
          "A project with its places, the measures that name it, the targets and organizations of those measures.",
          [ViewParam("project", MOST_PLACES, "project name or alias; by default the project in the most places")])
def project_view(corpus: Corpus, params: dict) -> ViewGraph:
    pg = projection.project(corpus)
    name = params["project"]
    pid = _most_tied(pg, "Project") if name == MOST_PLACES else resolve(corpus.projects.values(), name, "project").id
    if pid not in pg.nodes:
        raise ViewError(f"project '{name}' is named by no document of the workspace")
    p = pg.nodes[pid]
    g = ViewGraph(title=f"项目 Project: {p.props['name']}")
    g.nodes.append(project_node(pg, p, 28))
    ids = {p.id}
    for e in pg.outgoing(p.id, "LOCATED_IN"):
        g.nodes.append(place_node(pg, pg.nodes[e.target.id], 16))
        ids.add(e.target.id)
        g.edges.append(_edge(p.id, e.target.id, "LOCATED_IN"))
    measures = _add_measures_of(g, pg, p, ids)
    for mid in measures:
        for e in pg.outgoing(mid, "HAS_TARGET"):
            g.nodes.append(target_node(pg, pg.nodes[e.target.id]))
            g.edges.append(_edge(mid, e.target.id, "HAS_TARGET"))
    for o in pg.of_kind("Organization"):
        named = {e.source.id for e in pg.incoming(o.id, "MENTIONS")} & measures
        leads = {e.target.id for e in pg.outgoing(o.id, "RESPONSIBLE_FOR")} & measures
        for mid in sorted(named | leads):
            if o.id not in ids:
                g.nodes.append(org_node(pg, o))
                ids.add(o.id)
            g.edges.append(_edge(o.id, mid, "RESPONSIBLE_FOR" if mid in leads else "MENTIONS"))
    return g


@register("place", "One place's neighbourhood",
          "A district or city with its projects (direct, and through the regions it belongs to), its regions, the "
          "measures that name it and the places it shares projects with.",
          [ViewParam("place", MOST_PROJECTS, "place name, alias, English name or code; by default the place with "
                                             "the most projects")])
def place_view(corpus: Corpus, params: dict) -> ViewGraph:
    pg = projection.project(corpus)
    name = params["place"]
    pid = _most_tied(pg, "Place") if name == MOST_PROJECTS else resolve(corpus.places.values(), name, "place").id
    pl = pg.nodes[pid]
    g = ViewGraph(title=f"地点 Place: {pl.props['name']}")
    g.nodes.append(place_node(pg, pl, 28))
    ids = {pl.id}
    regions = [r for r in corpus.region_members if pl.id in _all_members(corpus, r)]
    for r in sorted(regions):
        g.nodes.append(place_node(pg, pg.nodes[r], 14))
        ids.add(r)
        g.edges.append(_edge(pl.id, r, "MEMBER_OF", 1, "official composition"))
    for p in pg.of_kind("Project"):
        places = [e.target.id for e in pg.outgoing(p.id, "LOCATED_IN")]
        tied = [x for x in places if x == pl.id or x in regions]
        if not tied:
            continue
        if p.id not in ids:
            g.nodes.append(project_node(pg, p, 12))
            ids.add(p.id)
        for x in tied:
            g.edges.append(_edge(p.id, x, "LOCATED_IN"))
        for other in places:
            # the places it shares a project with directly (a region's projects would tie it to every member)
            if other not in ids and pl.id in tied and pg.nodes[other].props["code"]:
                g.nodes.append(place_node(pg, pg.nodes[other], 10))
                ids.add(other)
            if other in ids and other != pl.id and other not in regions:
                g.edges.append(_edge(p.id, other, "LOCATED_IN"))
    _add_measures_of(g, pg, pl, ids)
    return g


def _document(corpus: Corpus, name: str, needs: str) -> Extraction:
    """The document a view shows: the one named, or by default the first that has ``needs`` (measures…)."""
    if name == FIRST:
        for ex in corpus.documents:
            if getattr(ex, needs):
                return ex
        raise ViewError(f"no document of the workspace has {needs}")
    try:
        return corpus.document(name)
    except KeyError:
        raise ViewError(f"no document '{name}' in the workspace "
                        f"(have: {', '.join(e.document.id for e in corpus.documents)})") from None


@register("measure", "One measure",
          "A numbered measure with everything it names: projects, places, organizations and targets.",
          [ViewParam("document", FIRST, "document id; by default the first document with measures"),
           ViewParam("measure", FIRST, "measure number; by default the document's first measure")])
def measure_view(corpus: Corpus, params: dict) -> ViewGraph:
    pg = projection.project(corpus)
    ex = _document(corpus, params["document"], "measures")
    if params["measure"] == FIRST:
        number = ex.measures[0].number
    else:
        try:
            number = int(params["measure"])
        except ValueError:
            raise ViewError(f"measure must be a number, not {params['measure']!r}") from None
    mid = projection.measure_ref(ex.document.id, number).id
    if mid not in pg.nodes:
        raise ViewError(f"document '{ex.document.id}' has no measure {number}")
    measure = pg.nodes[mid]
    g = ViewGraph(title=f"任务 Measure {number}: {measure.props['title']}")
    g.nodes.append(measure_node(measure, 26))
    ids = {mid}
    sizes = {"Project": 14, "Place": 12, "Organization": 12}
    for e in pg.outgoing(mid, "MENTIONS"):
        node = pg.nodes[e.target.id]
        g.nodes.append(entity_node(pg, node, sizes[node.kind]))
        ids.add(node.id)
        first = _first_mentions_per_measure(pg, node.id)[mid]
        g.edges.append(_edge(mid, node.id, "MENTIONS", e.props["count"], _clip(plain(first.props["sentence"]) or "")))
    for e in pg.of_type("LOCATED_IN"):
        if e.source.id in ids and e.target.id in ids:
            g.edges.append(_edge(e.source.id, e.target.id, "LOCATED_IN"))
    for e in pg.outgoing(mid, "HAS_TARGET"):
        g.nodes.append(target_node(pg, pg.nodes[e.target.id]))
        g.edges.append(_edge(mid, e.target.id, "HAS_TARGET"))
    return g


@register("targets", "Targets of a plan",
          "The quantitative targets of one document, grouped by year or by indicator family.",
          [ViewParam("document", FIRST, "document id; by default the first document with targets"),
           ViewParam("group", "year", "group by year or indicator")])
def targets_view(corpus: Corpus, params: dict) -> ViewGraph:
    pg = projection.project(corpus)
    ex = _document(corpus, params["document"], "targets")
    by = params.get("group", "year")
    if by not in ("year", "indicator"):
        raise ViewError("group must be 'year' or 'indicator'")
    plan = pg.nodes[projection.plan_ref(ex.document.id).id]
    targets = [pg.nodes[e.target.id] for e in pg.outgoing(plan.id, "HAS_TARGET")]
    g = ViewGraph(title=f"目标 Targets: {plan.props['title']}", subtitle=f"grouped by {by}")
    g.nodes.append({"id": plan.id, "label": plan.props["title"][:20], "label_en": plan.id, "type": "Plan",
                    "kind": plan.props["kind"], "size": 24, "info": f"{plan.props['title']}\n{len(targets)} targets"})
    groups: dict[str, str] = {}
    for t in targets:
        key = str(t.props["year"]) if by == "year" else _family(t.props["indicator"])
        gid = f"group:{key}"
        if gid not in groups:
            groups[gid] = key
            g.nodes.append({"id": gid, "label": key, "label_en": key, "type": "Group", "kind": by, "size": 16,
                            "info": f"{by}: {key}"})
            g.edges.append(_edge(plan.id, gid, "IN_GROUP"))
        g.nodes.append(target_node(pg, t))
        g.edges.append(_edge(gid, t.id, "HAS_TARGET"))
    return g


_FAMILIES = [("经济 Economy", ("生产总值", "增加值", "收入", "投资", "消费", "贸易", "进出口", "外资", "产业", "营业",
                               "规模")),
             ("创新 Innovation", ("研发", "科技", "技术", "专利", "高新", "创新", "实验室")),
             ("民生 Livelihood", ("就业", "失业", "养老", "医疗", "教育", "住房", "寿命", "医院", "保险", "托位")),
             ("生态 Environment", ("排放", "空气", "水质", "森林", "能耗", "碳", "污染", "垃圾")),
             ("基础设施 Infrastructure", ("里程", "铁路", "公路", "机场", "港口", "电力", "装机", "管网", "航线",
                                          "吞吐")),
             ("城镇 Urbanisation", ("城镇化", "人口", "城市", "乡村", "农村"))]


def _family(indicator: str) -> str:
    for name, words in _FAMILIES:
        if any(w in indicator for w in words):
            return name
    return "其他 Other"
