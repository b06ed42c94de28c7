"""The one mapping from the model to a typed property graph.

The corpus (:mod:`kg.corpus`) is turned here, and only here, into nodes and
edges: which kinds exist, which labels a node carries, what its key and its
IRI path are, which properties it has and which edges join it to what.  RDF
(:mod:`kg.rdf.build`), Neo4j (:mod:`kg.neo4j.loader`), networkx
(:mod:`kg.analytics.network`), the views and every export write this graph;
none of them looks at the model to decide what the graph holds.
``ontology/mapping.csv`` lists the same schema (a test keeps the two equal).

The rules, each written once:

* a place with an administrative code is an ``AdministrativeDivision``, one
  with members (or of a region or zone kind) a ``Region``; every place is a
  ``Place`` (:func:`place_labels`);
* a mention - and a target - belongs to its measure, else its section, else
  the plan (:func:`holder`);
* keys and IRI paths of every node (:func:`plan_ref`, :func:`section_ref`,
  :func:`measure_ref`, :func:`target_ref`, :func:`mention_ref`,
  :func:`entity_ref`); see docs/decisions/0001-iri-scheme.md and 0002.

The graph comes in parts so that stores can be written one document at a
time: :func:`context` (every place, the administrative hierarchy and region
membership), :func:`entities` (the projects, places and organizations some
documents name, and where the projects are), :func:`structure` (one
document: plan, sections, measures, targets, mentions and their edges).
:func:`document` is what one document's RDF graph holds; :func:`project` is
the whole graph.
"""
from __future__ import annotations

import bisect
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.corpus import Corpus
from kg.model import Entity, Extraction, Mention, Organization, Place, Project

# -- the schema --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeKind:
    name: str  # the primary label
    key: str  # the property that identifies a node of this kind
    properties: tuple[str, ...]
    labels: tuple[str, ...] = ()  # further labels a node of this kind may carry


@dataclass(frozen=True)
class EdgeKind:
    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[str, ...] = ()


ENTITY_KINDS = ("Project", "Place", "Organization")
HOLDER_KINDS = ("Plan", "Section", "Measure")
_ENTITY_PROPERTIES = ("id", "name", "kind", "aliases", "documents")

NODE_KINDS: dict[str, NodeKind] = {k.name: k for k in (
    NodeKind("Plan", "id", ("id", "title", "kind", "sha256", "source", "issuer", "start_year", "end_year",
                            "measure_count", "project_count", "target_count")),
    NodeKind("Section", "uid", ("uid", "document", "number", "label", "title", "intro", "year")),
    NodeKind("Measure", "uid", ("uid", "document", "number", "title", "text", "deadline", "lead")),
    NodeKind("Target", "uid", ("uid", "document", "indicator", "comparator", "value", "unit", "year", "scope",
                               "text", "measure", "section")),
    NodeKind("Mention", "uid", ("uid", "document", "entity", "entity_type", "start", "end", "text", "sentence",
                                "measure", "section")),
    NodeKind("Project", "id", (*_ENTITY_PROPERTIES, "status")),
    NodeKind("Place", "id", (*_ENTITY_PROPERTIES, "name_en", "code", "level"), ("AdministrativeDivision", "Region")),
    NodeKind("Organization", "id", _ENTITY_PROPERTIES, ("GovernmentBody",)),
)}

EDGE_KINDS: dict[str, EdgeKind] = {k.name: k for k in (
    EdgeKind("HAS_SECTION", ("Plan",), ("Section",)),
    EdgeKind("SUBSECTION_OF", ("Section",), ("Section",)),
    EdgeKind("HAS_MEASURE", ("Plan",), ("Measure",)),
    EdgeKind("IN_SECTION", ("Measure",), ("Section",)),
    EdgeKind("HAS_TARGET", HOLDER_KINDS, ("Target",)),
    EdgeKind("MENTIONS", HOLDER_KINDS, ENTITY_KINDS, ("count", "document")),
    EdgeKind("MENTION_OF", ("Mention",), (*ENTITY_KINDS, "Target")),
    EdgeKind("IN_DOCUMENT", ("Mention",), ("Plan",)),
    EdgeKind("IN_MEASURE", ("Mention",), ("Measure",)),
    EdgeKind("LOCATED_IN", ("Project",), ("Place",), ("documents",)),
    EdgeKind("PART_OF", ("Place",), ("Place",)),
    EdgeKind("MEMBER_OF", ("Place",), ("Place",)),
    EdgeKind("RESPONSIBLE_FOR", ("Organization",), ("Measure",), ("document",)),
)}

# organization kinds that are part of government (plan:GovernmentBody)
GOVERNMENT_KINDS = frozenset({"government", "government_department", "party_committee", "party_department"})
# place kinds that make a place without a code a region
REGION_KINDS = frozenset({"region", "zone"})

# the model's entity tables, the id prefix of their entities, and the word a mention key uses for them
_ENTITY_TABLES = {"projects": "Project", "places": "Place", "organizations": "Organization"}
_ID_PREFIX = {"project": "Project", "place": "Place", "org": "Organization"}
MENTION_TYPE = {"Project": "project", "Place": "place", "Organization": "org", "Target": "target"}


# -- nodes, edges, graphs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A node's identity: its kind, its key (Neo4j, networkx, CSV) and its IRI path (RDF, under the base)."""

    kind: str
    id: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class SentenceValue:
    """A mention's sentence: its text as a property everywhere, and a resource of its own in RDF."""

    number: int
    start: int
    end: int
    text: str
    measure: int | None

    def __str__(self) -> str:
        return self.text


@dataclass
class Node:
    ref: Ref
    props: dict[str, Any]
    labels: tuple[str, ...] = ()  # labels beyond the kind (AdministrativeDivision, Region, GovernmentBody)

    @property
    def kind(self) -> str:
        return self.ref.kind

    @property
    def id(self) -> str:
        return self.ref.id


@dataclass
class Edge:
    type: str
    source: Ref
    target: Ref
    props: dict[str, Any] = field(default_factory=dict)


def plain(value: Any) -> Any:
    """A property value as stores without a sentence resource keep it (the sentence's text)."""
    return value.text if isinstance(value, SentenceValue) else value


class PropertyGraph:
    """Nodes by key and edges by (type, source, target): adding one twice keeps the first, as MERGE does."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self._out: dict[str, list[Edge]] | None = None
        self._in: dict[str, list[Edge]] | None = None

    def add_node(self, ref: Ref, props: dict[str, Any], labels: tuple[str, ...] = ()) -> Ref:
        if ref.id not in self.nodes:
            self.nodes[ref.id] = Node(ref, props, labels)
            self._out = self._in = None
        return ref

    def add_edge(self, type_: str, source: Ref, target: Ref, **props: Any) -> None:
        key = (type_, source.id, target.id)
        if key not in self.edges:
            self.edges[key] = Edge(type_, source, target, props)
            self._out = self._in = None

    def update(self, other: PropertyGraph) -> PropertyGraph:
        for node in other.nodes.values():
            self.add_node(node.ref, node.props, node.labels)
        for edge in other.edges.values():
            self.add_edge(edge.type, edge.source, edge.target, **edge.props)
        return self

    def of_kind(self, kind: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == kind]

    def of_type(self, type_: str) -> list[Edge]:
        return [e for e in self.edges.values() if e.type == type_]

    def outgoing(self, node_id: str, type_: str | None = None) -> list[Edge]:
        if self._out is None:
            self._index()
        assert self._out is not None
        return [e for e in self._out.get(node_id, []) if type_ is None or e.type == type_]

    def incoming(self, node_id: str, type_: str | None = None) -> list[Edge]:
        if self._in is None:
            self._index()
        assert self._in is not None
        return [e for e in self._in.get(node_id, []) if type_ is None or e.type == type_]

    def _index(self) -> None:
        self._out, self._in = {}, {}
        for e in self.edges.values():
            self._out.setdefault(e.source.id, []).append(e)
            self._in.setdefault(e.target.id, []).append(e)

    def counts(self) -> dict[str, int]:
        """Nodes per kind, per further label, and edges per type."""
        out: dict[str, int] = {}
        for n in self.nodes.values():
            for label in (n.kind, *n.labels):
                out[label] = out.get(label, 0) + 1
        for e in self.edges.values():
            out[e.type] = out.get(e.type, 0) + 1
        return out


# -- keys and IRI paths ---------------------------------------------------------------------------


def plan_ref(doc: str) -> Ref:
    return Ref("Plan", doc, ("plan", doc))


def section_ref(doc: str, n: int) -> Ref:
    return Ref("Section", f"{doc}/section/{n}", ("plan", doc, "section", str(n)))


def measure_ref(doc: str, n: int) -> Ref:
    return Ref("Measure", f"{doc}/measure/{n}", ("plan", doc, "measure", str(n)))


def target_ref(doc: str, n: int) -> Ref:
    """Targets are numbered from 1 in the order of their document."""
    return Ref("Target", f"{doc}/target/{n}", ("plan", doc, "target", str(n)))


def entity_ref(entity_id: str) -> Ref:
    """project:X, place:500120, org:重庆市:市政府: the IRI path splits the id at its colons."""
    prefix, _, rest = entity_id.partition(":")
    return Ref(_ID_PREFIX[prefix], entity_id, (prefix, *rest.split(":")))


def mention_ref(doc: str, of: Ref, start: int, end: int) -> Ref:
    """A composite (成渝) names two places with the same words: the entity keeps the mentions apart."""
    kind = MENTION_TYPE[of.kind]
    if of.kind == "Target":  # the target's number
        tail_id, tail_path = of.path[-1], of.path[-1:]
    else:  # the entity: its id in the key, its path without the type in the IRI
        tail_id, tail_path = of.id, of.path[1:]
    return Ref("Mention", f"{doc}/mention/{kind}/{start}-{end}/{tail_id}",
               ("plan", doc, "mention", kind, f"{start}-{end}", *tail_path))


def holder(doc: str, measure: int | None, section: int | None, known: Container[str] | None = None) -> Ref:
    """What a mention or a target belongs to: its measure, else its section, else the plan.

    With ``known`` (the keys of the document's nodes), a measure or section the document lacks is skipped.
    """
    for ref in (measure_ref(doc, measure) if measure is not None else None,
                section_ref(doc, section) if section else None):
        if ref is not None and (known is None or ref.id in known):
            return ref
    return plan_ref(doc)


# -- rules ------------------------------------------------------------------------------------------


def place_labels(place: Place) -> tuple[str, ...]:
    """A place with a code is an administrative division; one with members, or of a region kind, a region."""
    if place.code:
        return ("AdministrativeDivision",)
    if place.kind in REGION_KINDS or place.members:
        return ("Region",)
    return ()


def organization_labels(org: Organization) -> tuple[str, ...]:
    return ("GovernmentBody",) if org.kind in GOVERNMENT_KINDS else ()


# -- the projection ----------------------------------------------------------------------------------


def _entity_node(g: PropertyGraph, entity: Entity) -> Ref:
    ref = entity_ref(entity.id)
    props: dict[str, Any] = {"id": entity.id, "name": entity.name, "kind": entity.kind,
                             "aliases": sorted(set(entity.aliases) - {entity.name}),
                             "documents": entity.documents}
    labels: tuple[str, ...] = ()
    if isinstance(entity, Project):
        props["status"] = entity.status
    elif isinstance(entity, Place):
        props.update(name_en=entity.name_en, code=entity.code, level=entity.level)
        labels = place_labels(entity)
    elif isinstance(entity, Organization):
        labels = organization_labels(entity)
    return g.add_node(ref, props, labels)


def context(corpus: Corpus) -> PropertyGraph:
    """Every place of the corpus (named, or there to place the named ones), with hierarchy and membership."""
    g = PropertyGraph()
    for place in corpus.places.values():
        _entity_node(g, place)
    for child, parent in sorted(corpus.place_parent.items()):
        g.add_edge("PART_OF", entity_ref(child), entity_ref(parent))
    for region, members in sorted(corpus.region_members.items()):
        for m in members:
            # a member is part of its region too: "places in 主城新区" follows one relationship
            g.add_edge("MEMBER_OF", entity_ref(m), entity_ref(region))
            g.add_edge("PART_OF", entity_ref(m), entity_ref(region))
    return g


def entities(corpus: Corpus, documents: Iterable[str]) -> PropertyGraph:
    """The projects, places and organizations these documents name, and the places of those projects."""
    g = PropertyGraph()
    for doc in documents:
        for _kind, entity, _ in corpus.mentions_in(doc):
            ref = _entity_node(g, entity)
            if isinstance(entity, Project):
                for pid in entity.places:
                    place = corpus.places.get(pid)
                    if place is not None:
                        g.add_edge("LOCATED_IN", ref, _entity_node(g, place), documents=entity.documents)
    return g


def structure(corpus: Corpus, doc: str) -> PropertyGraph:
    """One document: its plan, sections, measures, targets and mentions, and the edges from them."""
    ex = corpus.document(doc)
    d = ex.document
    g = PropertyGraph()
    counts = corpus.document_counts(doc)
    plan = g.add_node(plan_ref(doc), {
        "id": doc, "title": d.title, "kind": d.kind, "sha256": d.sha256, "source": d.source, "issuer": d.issuer,
        "start_year": (d.period or {}).get("start"), "end_year": (d.period or {}).get("end"),
        "measure_count": counts["measures"], "project_count": counts["projects"], "target_count": counts["targets"]})
    sections = {s.number: section_ref(doc, s.number) for s in ex.sections}
    for s in ex.sections:
        g.add_node(sections[s.number], {"uid": sections[s.number].id, "document": doc, "number": s.number,
                                        "label": s.label, "title": s.title, "intro": s.intro, "year": s.year})
        g.add_edge("HAS_SECTION", plan, sections[s.number])
    for s in ex.sections:
        if s.parent and s.parent in sections:
            g.add_edge("SUBSECTION_OF", sections[s.number], sections[s.parent])
    measures = {m.number: measure_ref(doc, m.number) for m in ex.measures}
    for me in ex.measures:
        g.add_node(measures[me.number], {"uid": measures[me.number].id, "document": doc, "number": me.number,
                                         "title": me.title, "text": me.text, "deadline": me.deadline,
                                         "lead": list(me.lead)})
        g.add_edge("HAS_MEASURE", plan, measures[me.number])
        if me.section and me.section in sections:
            g.add_edge("IN_SECTION", measures[me.number], sections[me.section])

    holders: dict[tuple[int | None, int | None], Ref] = {}

    def holder_of(measure: int | None, section: int | None) -> Ref:
        key = (measure, section)
        if key not in holders:
            holders[key] = holder(doc, measure, section, g.nodes)
        return holders[key]

    sentences = _SentenceIndex(ex)

    def add_mention(of: Ref, m: Mention) -> None:
        ref = mention_ref(doc, of, m.start, m.end)
        g.add_node(ref, {"uid": ref.id, "document": doc, "entity": of.id, "entity_type": MENTION_TYPE[of.kind],
                         "start": m.start, "end": m.end, "text": m.text, "sentence": sentences.at(m.start),
                         "measure": m.measure, "section": m.section})
        g.add_edge("MENTION_OF", ref, of)
        g.add_edge("IN_DOCUMENT", ref, plan)
        if m.measure in measures:
            g.add_edge("IN_MEASURE", ref, measures[m.measure])

    for i, t in enumerate(ex.targets, start=1):
        tgt = target_ref(doc, i)
        g.add_node(tgt, {
            "uid": tgt.id, "document": doc, "indicator": t.indicator, "comparator": t.comparator,
            "value": float(t.value) if t.value is not None else None, "unit": t.unit, "year": t.year,
            "scope": t.scope, "text": t.text, "measure": t.measure, "section": t.section})
        # a target is the plan's, and its measure's or section's as well
        g.add_edge("HAS_TARGET", plan, tgt)
        g.add_edge("HAS_TARGET", holder_of(t.measure, t.section), tgt)
        for m in t.mentions:
            add_mention(tgt, m)

    for _kind, entity, in_doc in corpus.mentions_in(doc):
        ent = entity_ref(entity.id)
        per_holder: dict[Ref, int] = {}
        for m in in_doc:
            add_mention(ent, m)
            h = holder_of(m.measure, m.section)
            per_holder[h] = per_holder.get(h, 0) + 1
        for h, n in per_holder.items():
            g.add_edge("MENTIONS", h, ent, count=n, document=doc)
        if isinstance(entity, Organization):
            for n in entity.leads.get(doc, []):
                if n in measures:
                    g.add_edge("RESPONSIBLE_FOR", ent, measures[n], document=doc)
    return g


class _SentenceIndex:
    """The sentence each offset falls in (the one before, when it falls in none)."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.starts = [s.start for s in ex.sentences]

    def at(self, offset: int) -> SentenceValue | None:
        if not self.ex.sentences:
            return None
        s = self.ex.sentences[max(bisect.bisect_right(self.starts, offset) - 1, 0)]
        return SentenceValue(s.id, s.start, s.end, self.ex.document.text[s.start:s.end].strip(), s.measure)


def document(corpus: Corpus, doc: str) -> PropertyGraph:
    """One document's part of the graph: its structure and the entities it names (its RDF named graph)."""
    return structure(corpus, doc).update(entities(corpus, [doc]))


def project(corpus: Corpus) -> PropertyGraph:
    """The whole graph of the corpus (computed once per corpus)."""
    cached = corpus.__dict__.get("_property_graph")
    if cached is not None:
        return cached
    docs = [ex.document.id for ex in corpus.documents]
    g = context(corpus).update(entities(corpus, docs))
    for doc in docs:
        g.update(structure(corpus, doc))
    corpus.__dict__["_property_graph"] = g
    return g
