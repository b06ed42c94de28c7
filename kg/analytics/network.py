"""The networkx projection of the corpus.

Node ids are the canonical ids (project:…, place:…, org:…) and, for document
structure, ``plan:{doc}``, ``measure:{doc}:{n}``, ``section:{doc}:{n}``,
``target:{doc}:{n}``.  Node attributes: type, name, name_en, code, kind,
aliases, documents (how many documents mention it), mentions (how many
times).  Edge types follow the property-graph mapping (ontology/mapping.csv).
"""
from __future__ import annotations

import networkx as nx

from kg.corpus import Corpus

ENTITY_TYPE = {"projects": "Project", "places": "Place", "organizations": "Organization"}


def measure_id(doc: str, n) -> str:
    return f"measure:{doc}:{n}"


def section_id(doc: str, n) -> str:
    return f"section:{doc}:{n}"


def plan_id(doc: str) -> str:
    return f"plan:{doc}"


def target_id(doc: str, n) -> str:
    return f"target:{doc}:{n}"


def to_networkx(corpus: Corpus, structure: bool = True) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for kind, entity in corpus.entities():
        attrs = {"type": ENTITY_TYPE[kind], "name": entity.name, "kind": entity.kind,
                 "aliases": "|".join(entity.aliases), "documents": len(entity.documents),
                 "mentions": len(entity.mentions)}
        if kind == "places":
            attrs.update(name_en=entity.name_en or "", code=entity.code or "", level=entity.level or 0)
        if kind == "projects":
            attrs.update(status=entity.status or "")
        g.add_node(entity.id, **attrs)
    for p in corpus.projects.values():
        for pid in p.places:
            if pid in g:
                g.add_edge(p.id, pid, key="LOCATED_IN", type="LOCATED_IN")
    for child, parent in corpus.place_parent.items():
        g.add_edge(child, parent, key="PART_OF", type="PART_OF")
    for region, members in corpus.region_members.items():
        for m in members:
            g.add_edge(m, region, key="MEMBER_OF", type="MEMBER_OF")
    if not structure:
        return g
    for ex in corpus.documents:
        d = ex.document
        g.add_node(plan_id(d.id), type="Plan", name=d.title, kind=d.kind, documents=1, mentions=0)
        for s in ex.sections:
            g.add_node(section_id(d.id, s.number), type="Section", name=s.title or s.intro or f"§{s.number}",
                       kind="section", documents=1, mentions=0)
            g.add_edge(plan_id(d.id), section_id(d.id, s.number), key="HAS_SECTION", type="HAS_SECTION")
        for m in ex.measures:
            mid = measure_id(d.id, m.number)
            g.add_node(mid, type="Measure", name=f"{m.number}. {m.title}", kind="measure", documents=1, mentions=0)
            g.add_edge(plan_id(d.id), mid, key="HAS_MEASURE", type="HAS_MEASURE")
            if m.section:
                g.add_edge(mid, section_id(d.id, m.section), key="IN_SECTION", type="IN_SECTION")
        for i, t in enumerate(ex.targets, start=1):
            tid = target_id(d.id, i)
            g.add_node(tid, type="Target", name=t.text, kind=t.comparator, indicator=t.indicator,
                       value=float(t.value) if t.value is not None else 0.0, unit=t.unit, year=t.year or 0,
                       documents=1, mentions=1)
            holder = measure_id(d.id, t.measure) if t.measure is not None else (
                section_id(d.id, t.section) if t.section else plan_id(d.id))
            g.add_edge(holder, tid, key="HAS_TARGET", type="HAS_TARGET")
    for kind, entity in corpus.entities():
        counts: dict[str, int] = {}
        for m in entity.mentions:
            holder = measure_id(m.document, m.measure) if m.measure is not None else (
                section_id(m.document, m.section) if m.section else plan_id(m.document))
            counts[holder] = counts.get(holder, 0) + 1
        for holder, n in counts.items():
            if holder in g:
                g.add_edge(holder, entity.id, key="MENTIONS", type="MENTIONS", count=n)
        for doc, n in (entity.led_measures() if hasattr(entity, "leads") else []):
            mid = measure_id(doc, n)
            if mid in g:
                g.add_edge(entity.id, mid, key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR")
    return g


def place_project_graph(corpus: Corpus, kind: str | None = None) -> nx.Graph:
    """Bipartite graph of mentioned places and the projects located in them."""
    g = nx.Graph()
    for p in corpus.projects.values():
        if kind and p.kind != kind:
            continue
        for pid in p.places:
            place = corpus.places.get(pid)
            if place is None:
                continue
            g.add_node(p.id, type="Project", name=p.name, kind=p.kind)
            g.add_node(pid, type="Place", name=place.name, kind=place.kind, level=place.level or 0)
            g.add_edge(p.id, pid)
    return g
