"""The built-in views.  Each turns the corpus into a ViewGraph; hover text
carries the entity's facts and the sentence it comes from."""
from __future__ import annotations

from kg.analytics.names import resolve
from kg.analytics.shared import _all_members, place_pairs, project_places
from kg.corpus import Corpus
from kg.views import ViewGraph, ViewParam, register

_MAX_SENTENCE = 160


def _clip(text: str, n: int = _MAX_SENTENCE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _source(entity) -> str:
    if not entity.mentions:
        return ""
    m = entity.mentions[0]
    where = f"{m.document}" + (f" · 第{m.measure}条" if m.measure is not None else "")
    return f"\n出处 Source ({where}):\n{_clip(m.sentence)}"


def place_node(place, size: float = 10.0) -> dict:
    facts = [place.name + (f" ({place.name_en})" if place.name_en else "")]
    if place.code:
        facts.append(f"代码 Code: {place.code}")
    if place.parent:
        facts.append(f"隶属 In: {place.parent}")
    facts.append(f"类型 Kind: {place.kind}")
    node_type = "Region" if (not place.code and (place.kind in ("region", "zone") or place.members)) else "Place"
    return {"id": place.id, "label": place.name, "label_en": place.name_en or place.name, "type": node_type,
            "kind": place.kind, "size": size, "info": "\n".join(facts) + _source(place)}


def project_node(project, corpus: Corpus, size: float = 10.0) -> dict:
    facts = [project.name, f"类型 Kind: {project.kind}"]
    if project.status:
        facts.append(f"状态 Status: {project.status}")
    places = [corpus.places[p].name for p in project.places if p in corpus.places]
    if places:
        facts.append("地点 Places: " + "、".join(places))
    if project.aliases:
        facts.append("又称 Also: " + "、".join(project.aliases[:4]))
    return {"id": project.id, "label": project.name, "label_en": project.name, "type": "Project",
            "kind": project.kind, "size": size, "info": "\n".join(facts) + _source(project)}


def org_node(org, size: float = 9.0) -> dict:
    facts = [org.name, f"类型 Kind: {org.kind}"]
    led = org.led_measures()
    if led:
        many = len(org.leads) > 1
        facts.append("牵头 Leads measures: " + ", ".join(f"{d}/{n}" if many else str(n) for d, n in led[:12]))
    return {"id": org.id, "label": org.name, "label_en": org.name, "type": "Organization", "kind": org.kind,
            "size": size, "info": "\n".join(facts) + _source(org)}


def measure_node(doc: str, m, size: float = 8.0) -> dict:
    return {"id": f"measure:{doc}:{m.number}", "label": f"{m.number}. {m.title}"[:24],
            "label_en": f"Measure {m.number}", "type": "Measure", "kind": "measure", "size": size,
            "info": f"{doc} · 第{m.number}条\n{m.title}\n\n{_clip(m.text, 300)}"}


def target_node(doc: str, i: int, t, size: float = 8.0) -> dict:
    value = f"{t.comparator} {t.value:g} {t.unit}" if t.value is not None else t.comparator
    return {"id": f"target:{doc}:{i}", "label": f"{t.indicator} {value}"[:28], "label_en": f"{value} ({t.year})",
            "type": "Target", "kind": t.comparator, "size": size,
            "info": f"{t.indicator}\n{value}\n年份 Year: {t.year}\n" + (f"范围 Scope: {t.scope}\n" if t.scope else "")
                    + f"\n出处 Source ({doc}):\n{_clip(t.mentions[0].sentence if t.mentions else t.text)}"}


def _scale(n: int, base: float = 8.0, k: float = 3.0, top: float = 40.0) -> float:
    return min(top, base + k * n ** 0.5)


def _edge(source, target, etype, weight: float = 1.0, info: str = "") -> dict:
    return {"source": source, "target": target, "type": etype, "weight": weight, "info": info}


# -- overview -------------------------------------------------------------------------------

@register("overview", "Overview of the whole graph",
          "Projects, places and organizations with the measures that name them; places linked to their projects "
          "and to the divisions and regions they belong to.")
def overview(corpus: Corpus, params: dict) -> ViewGraph:
    g = ViewGraph(title="规划知识图谱总览 Plan graph overview",
                  subtitle=f"{len(corpus.documents)} document(s)")
    degree: dict[str, int] = {}
    for p in corpus.projects.values():
        for pid in p.places:
            degree[pid] = degree.get(pid, 0) + 1
            degree[p.id] = degree.get(p.id, 0) + 1
    for place in corpus.places.values():
        if place.mentions:
            g.nodes.append(place_node(place, _scale(degree.get(place.id, 0))))
    for p in corpus.projects.values():
        g.nodes.append(project_node(p, corpus, _scale(degree.get(p.id, 0), 7, 2, 24)))
    for o in corpus.organizations.values():
        g.nodes.append(org_node(o))
    for ex in corpus.documents:
        for m in ex.measures:
            g.nodes.append(measure_node(ex.document.id, m, 6))
    ids = g.node_ids()
    for p in corpus.projects.values():
        for pid in p.places:
            if pid in ids:
                g.edges.append(_edge(p.id, pid, "LOCATED_IN"))
    for child, parent in corpus.place_parent.items():
        if child in ids and parent in ids:
            g.edges.append(_edge(child, parent, "PART_OF"))
    for region, members in corpus.region_members.items():
        for m in members:
            if m in ids and region in ids:
                g.edges.append(_edge(m, region, "MEMBER_OF"))
    for _, e in corpus.entities():
        seen = set()
        for m in e.mentions:
            mid = f"measure:{m.document}:{m.measure}"
            if m.measure is not None and mid in ids and mid not in seen and e.id in ids:
                seen.add(mid)
                g.edges.append(_edge(mid, e.id, "MENTIONS", 0.5, _clip(m.sentence)))
    for o in corpus.organizations.values():
        for doc, n in o.led_measures():
            mid = f"measure:{doc}:{n}"
            if mid in ids:
                g.edges.append(_edge(o.id, mid, "RESPONSIBLE_FOR"))
    linked = {e["source"] for e in g.edges} | {e["target"] for e in g.edges}
    g.nodes = [n for n in g.nodes if n["id"] in linked]  # isolated dots only blur the picture
    return g


# -- districts <-> projects -----------------------------------------------------------------

@register("districts-projects", "Districts ↔ projects: who shares what",
          "Cities, districts and counties linked by the projects they share; edge weight = number of shared "
          "projects, hover lists them.",
          [ViewParam("indirect", "no", "also count ties through regions (yes/no)")])
def districts_projects(corpus: Corpus, params: dict) -> ViewGraph:
    indirect = str(params.get("indirect", "no")).lower() in ("yes", "true", "1")
    g = ViewGraph(title="区县共享项目 Districts sharing projects",
                  subtitle="edge weight = shared projects" + (" (incl. through regions)" if indirect else ""))
    ties = project_places(corpus, indirect=indirect)
    counts: dict[str, int] = {}
    for pid, t in ties.items():
        for p in t:
            counts[p] = counts.get(p, 0) + 1
    # pairs under kg shared-projects' rules (no place with its own city, no region as a district)
    shared: dict[tuple[str, str], list[str]] = {}
    for (a, b, _), pids in place_pairs(corpus, ties)[0].items():
        if (corpus.places[a].level or 0) >= 2 and (corpus.places[b].level or 0) >= 2:
            shared.setdefault((a, b), []).extend(corpus.projects[pid].name for pid in pids)
    used = {x for pair in shared for x in pair}
    for pid in sorted(used):
        node = place_node(corpus.places[pid], _scale(counts.get(pid, 0), 10, 4))
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

def _add_measures_of(g: ViewGraph, corpus: Corpus, entity, ids: set) -> set:
    keys = set()
    for m in entity.mentions:
        if m.measure is None:
            continue
        key = (m.document, m.measure)
        if key in keys:
            continue
        keys.add(key)
        ex = corpus.document(m.document)
        measure = next((x for x in ex.measures if x.number == m.measure), None)
        if measure is not None:
            node = measure_node(m.document, measure, 9)
            if node["id"] not in ids:
                g.nodes.append(node)
                ids.add(node["id"])
            g.edges.append(_edge(node["id"], entity.id, "MENTIONS", 1, _clip(m.sentence)))
    return keys


@register("project", "One project's neighbourhood",
          "A project with its places, the measures that name it, the targets and organizations of those measures.",
          [ViewParam("project", "重庆新机场", "project name or alias")])
def project_view(corpus: Corpus, params: dict) -> ViewGraph:
    p = resolve(corpus.projects.values(), params["project"], "project")
    g = ViewGraph(title=f"项目 Project: {p.name}")
    g.nodes.append(project_node(p, corpus, 28))
    ids = {p.id}
    for pid in p.places:
        if pid in corpus.places:
            g.nodes.append(place_node(corpus.places[pid], 16))
            ids.add(pid)
            g.edges.append(_edge(p.id, pid, "LOCATED_IN"))
    keys = _add_measures_of(g, corpus, p, ids)
    for ex in corpus.documents:
        for i, t in enumerate(ex.targets, start=1):
            if (ex.document.id, t.measure) in keys:
                node = target_node(ex.document.id, i, t)
                g.nodes.append(node)
                g.edges.append(_edge(f"measure:{ex.document.id}:{t.measure}", node["id"], "HAS_TARGET"))
    for o in corpus.organizations.values():
        hits = {(m.document, m.measure) for m in o.mentions} & keys
        leads = set(o.led_measures()) & keys
        for d, n in sorted(hits | leads):
            if o.id not in ids:
                g.nodes.append(org_node(o))
                ids.add(o.id)
            g.edges.append(_edge(o.id, f"measure:{d}:{n}", "RESPONSIBLE_FOR" if (d, n) in leads else "MENTIONS"))
    return g


@register("place", "One place's neighbourhood",
          "A district or city with its projects (direct, and through the regions it belongs to), its regions, the "
          "measures that name it and the places it shares projects with.",
          [ViewParam("place", "璧山", "place name, alias, English name or code")])
def place_view(corpus: Corpus, params: dict) -> ViewGraph:
    pl = resolve(corpus.places.values(), params["place"], "place")
    g = ViewGraph(title=f"地点 Place: {pl.name}")
    g.nodes.append(place_node(pl, 28))
    ids = {pl.id}
    regions = [r for r, ms in corpus.region_members.items() if pl.id in _all_members(corpus, r)]
    for r in sorted(regions):
        g.nodes.append(place_node(corpus.places[r], 14))
        ids.add(r)
        g.edges.append(_edge(pl.id, r, "MEMBER_OF", 1, "official composition"))
    for p in corpus.projects.values():
        tied = [x for x in p.places if x == pl.id or x in regions]
        if not tied:
            continue
        if p.id not in ids:
            g.nodes.append(project_node(p, corpus, 12))
            ids.add(p.id)
        for x in tied:
            g.edges.append(_edge(p.id, x, "LOCATED_IN"))
        for other in p.places:
            if other not in ids and other in corpus.places and corpus.places[other].code and x == pl.id:
                g.nodes.append(place_node(corpus.places[other], 10))
                ids.add(other)
            if other in ids and other != pl.id and other not in regions:
                g.edges.append(_edge(p.id, other, "LOCATED_IN"))
    _add_measures_of(g, corpus, pl, ids)
    return g


@register("measure", "One measure",
          "A numbered measure with everything it names: projects, places, organizations and targets.",
          [ViewParam("document", "chongqing-twin-city-action-plan-2023-2027", "document id"),
           ViewParam("measure", "7", "measure number")])
def measure_view(corpus: Corpus, params: dict) -> ViewGraph:
    from kg.errors import ViewError

    try:
        ex = corpus.document(params["document"])
    except KeyError:
        raise ViewError(f"no document '{params['document']}' in the workspace "
                        f"(have: {', '.join(e.document.id for e in corpus.documents)})") from None
    try:
        number = int(params["measure"])
    except ValueError:
        raise ViewError(f"measure must be a number, not {params['measure']!r}") from None
    measure = next((m for m in ex.measures if m.number == number), None)
    if measure is None:
        raise ViewError(f"document '{ex.document.id}' has no measure {number}")
    mid = f"measure:{ex.document.id}:{number}"
    g = ViewGraph(title=f"任务 Measure {number}: {measure.title}")
    g.nodes.append(measure_node(ex.document.id, measure, 26))
    ids = {mid}
    for _, e in corpus.entities():
        hits = [m for m in e.mentions if m.document == ex.document.id and m.measure == number]
        if not hits:
            continue
        if e.id.startswith("project:"):
            node = project_node(e, corpus, 14)
        elif e.id.startswith("place:"):
            node = place_node(e, 12)
        else:
            node = org_node(e, 12)
        g.nodes.append(node)
        ids.add(e.id)
        g.edges.append(_edge(mid, e.id, "MENTIONS", len(hits), _clip(hits[0].sentence)))
    for p in corpus.projects.values():
        if p.id in ids:
            for pid in p.places:
                if pid in ids:
                    g.edges.append(_edge(p.id, pid, "LOCATED_IN"))
    for i, t in enumerate(ex.targets, start=1):
        if t.measure == number:
            node = target_node(ex.document.id, i, t)
            g.nodes.append(node)
            g.edges.append(_edge(mid, node["id"], "HAS_TARGET"))
    return g


@register("targets", "Targets of a plan",
          "The quantitative targets of one document, grouped by year or by indicator family.",
          [ViewParam("document", "chongqing-twin-city-action-plan-2023-2027", "document id"),
           ViewParam("group", "year", "group by year or indicator")])
def targets_view(corpus: Corpus, params: dict) -> ViewGraph:
    from kg.errors import ViewError

    try:
        ex = corpus.document(params["document"])
    except KeyError:
        raise ViewError(f"no document '{params['document']}' in the workspace") from None
    by = params.get("group", "year")
    if by not in ("year", "indicator"):
        raise ViewError("group must be 'year' or 'indicator'")
    g = ViewGraph(title=f"目标 Targets: {ex.document.title}", subtitle=f"grouped by {by}")
    root = f"plan:{ex.document.id}"
    g.nodes.append({"id": root, "label": ex.document.title[:20], "label_en": ex.document.id, "type": "Plan",
                    "kind": ex.document.kind, "size": 24, "info": f"{ex.document.title}\n{len(ex.targets)} targets"})
    groups: dict[str, str] = {}
    for i, t in enumerate(ex.targets, start=1):
        key = str(t.year) if by == "year" else _family(t.indicator)
        gid = f"group:{key}"
        if gid not in groups:
            groups[gid] = key
            g.nodes.append({"id": gid, "label": key, "label_en": key, "type": "Group", "kind": by, "size": 16,
                            "info": f"{by}: {key}"})
            g.edges.append(_edge(root, gid, "IN_GROUP"))
        node = target_node(ex.document.id, i, t)
        g.nodes.append(node)
        g.edges.append(_edge(gid, node["id"], "HAS_TARGET"))
    return g


_FAMILIES = [("经济 Economy", ("生产总值", "增加值", "收入", "投资", "消费", "贸易", "进出口", "外资", "产业", "营业", "规模")),
             ("创新 Innovation", ("研发", "科技", "技术", "专利", "高新", "创新", "实验室")),
             ("民生 Livelihood", ("就业", "失业", "养老", "医疗", "教育", "住房", "寿命", "医院", "保险", "托位")),
             ("生态 Environment", ("排放", "空气", "水质", "森林", "能耗", "碳", "污染", "垃圾")),
             ("基础设施 Infrastructure", ("里程", "铁路", "公路", "机场", "港口", "电力", "装机", "管网", "航线", "吞吐")),
             ("城镇 Urbanisation", ("城镇化", "人口", "城市", "乡村", "农村"))]


def _family(indicator: str) -> str:
    for name, words in _FAMILIES:
        if any(w in indicator for w in words):
            return name
    return "其他 Other"
