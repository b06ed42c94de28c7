"""The RDF projection of the corpus: one named graph per document.

Each document's graph holds the document, its sections, measures, sentences,
targets, the mentions of every entity it names and those entities'
descriptions (so a document's graph can be replaced on its own).  The
``gazetteer`` graph holds place hierarchy and region membership; the
``ontology`` graph holds plan.ttl.  Everything is an IRI (no blank nodes), so
the same corpus always serialises to the same sorted N-Quads.
"""
from __future__ import annotations

import bisect
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.corpus import Corpus
from kg.rdf.iri import IRIs
from kg.rdf.namespace import PLAN

COMPARATOR = {">": PLAN.gt, ">=": PLAN.ge, "<": PLAN.lt, "<=": PLAN.le, "=": PLAN.eq, "~": PLAN.approx,
              "reduce_by": PLAN.reduceBy}
# QUDT units for the units plans write, where QUDT has one
QUDT_UNITS = {"%": "PERCENT", "公里": "KiloM", "千米": "KiloM", "米": "M", "吨": "TONNE", "天": "DAY", "小时": "HR",
              "年": "YR", "千瓦": "KiloW", "千瓦时": "KiloW-HR", "立方米": "M3", "平方公里": "KiloM2", "平方米": "M2",
              "m2": "M2", "‰": "PPTH"}
ORG_CLASS = {"government": PLAN.GovernmentBody, "government_department": PLAN.GovernmentBody,
             "party_committee": PLAN.GovernmentBody, "party_department": PLAN.GovernmentBody}
ENTITY_TYPE_SEGMENT = {"projects": "project", "places": "place", "organizations": "org"}


def _zh(text) -> Literal:
    return Literal(str(text), lang="zh")


def _year(y: int) -> Literal:
    return Literal(f"{int(y):04d}", datatype=XSD.gYear)


def _int(n) -> Literal:
    return Literal(int(n), datatype=XSD.integer)


def _nonneg(n) -> Literal:
    return Literal(int(n), datatype=XSD.nonNegativeInteger)


def decimal_literal(value: float) -> Literal:
    """xsd:decimal in its canonical lexical form (3.0, 2.5, 0.015; never 1E+3), which Turtle round-trips."""
    lexical = format(Decimal(repr(float(value))).normalize(), "f")
    if "." not in lexical:
        lexical += ".0"
    return Literal(lexical, datatype=XSD.decimal)


def place_class(place) -> URIRef:
    if place.code:
        return PLAN.AdministrativeDivision
    if place.kind in ("region", "zone") or place.members:
        return PLAN.Region
    return PLAN.Place


def build_dataset(corpus: Corpus, base: str, include_ontology: bool = True) -> Dataset:
    iris = IRIs(base)
    ds = Dataset(default_union=True)
    ds.bind("plan", str(PLAN))
    ds.bind("skos", str(SKOS))
    ds.bind("dct", str(DCTERMS))
    ds.bind("prov", str(PROV))
    ds.bind("id", iris.base)
    for ex in corpus.documents:
        g = ds.graph(iris.graph(ex.document.id))
        add_document(g, corpus, ex, iris)
    add_gazetteer(ds.graph(iris.graph("gazetteer")), corpus, iris)
    if include_ontology:
        from kg.ontology import path

        ds.graph(iris.graph("ontology")).parse(path("plan.ttl"), format="turtle")
    return ds


def add_document(g: Graph, corpus: Corpus, ex, iris: IRIs) -> None:
    d = ex.document
    doc = iris.doc(d.id)
    g.add((doc, RDF.type, PLAN.Plan))
    g.add((doc, RDFS.label, _zh(d.title)))
    g.add((doc, PLAN.title, _zh(d.title)))
    g.add((doc, DCTERMS.identifier, Literal(d.id)))
    g.add((doc, PLAN.documentKind, Literal(d.kind)))
    g.add((doc, PLAN.sha256, Literal(d.sha256)))
    if d.source:
        g.add((doc, PLAN.sourcePath, Literal(d.source)))
    if d.issuer:
        g.add((doc, PLAN.issuer, _zh(d.issuer)))
    if d.period:
        g.add((doc, PLAN.startYear, _year(d.period["start"])))
        g.add((doc, PLAN.endYear, _year(d.period["end"])))
    # summary counts, so listing a thousand documents need not count their mentions
    counts = corpus.document_counts(d.id)
    g.add((doc, PLAN.measureCount, _nonneg(counts["measures"])))
    g.add((doc, PLAN.projectCount, _nonneg(counts["projects"])))
    g.add((doc, PLAN.targetCount, _nonneg(counts["targets"])))

    for s in ex.sections:
        sec = iris.section(d.id, s.number)
        g.add((doc, PLAN.hasSection, sec))
        g.add((sec, RDF.type, PLAN.Section))
        g.add((sec, PLAN.inPlan, doc))
        g.add((sec, PLAN.number, _int(s.number)))
        g.add((sec, RDFS.label, _zh(s.title or s.intro or f"第{s.number}部分")))
        if s.label:
            g.add((sec, PLAN.sectionLabel, Literal(s.label)))
        if s.title:
            g.add((sec, PLAN.title, _zh(s.title)))
        if s.intro:
            g.add((sec, PLAN.intro, _zh(s.intro)))
        if s.parent:
            g.add((sec, PLAN.subSectionOf, iris.section(d.id, s.parent)))
        if s.year:
            g.add((sec, PLAN.targetYear, _year(s.year)))

    for m in ex.measures:
        mea = iris.measure(d.id, m.number)
        g.add((doc, PLAN.hasMeasure, mea))
        g.add((mea, RDF.type, PLAN.Measure))
        g.add((mea, PLAN.inPlan, doc))
        g.add((mea, PLAN.number, _int(m.number)))
        g.add((mea, RDFS.label, _zh(m.title)))
        g.add((mea, PLAN.title, _zh(m.title)))
        g.add((mea, PLAN.text, _zh(m.text)))
        if m.section:
            g.add((mea, PLAN.inSection, iris.section(d.id, m.section)))
        if m.deadline:
            g.add((mea, PLAN.deadline, _zh(m.deadline)))

    sentences_used: set[int] = set()
    starts = [s.start for s in ex.sentences]

    def sentence_of(men: URIRef, offset: int) -> None:
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0:
            sent = ex.sentences[i]
            g.add((men, PLAN.inSentence, iris.sentence(d.id, sent.id)))
            sentences_used.add(sent.id)

    def add_mentions(entity_iri: URIRef, kind: str, entity_id: str, mentions) -> None:
        for mm in mentions:
            men = iris.mention(d.id, kind, mm.start, mm.end, entity_id)
            g.add((men, RDF.type, PLAN.Mention))
            g.add((men, PLAN.mentionOf, entity_iri))
            g.add((men, PLAN.inDocument, doc))
            g.add((men, PLAN.start, _nonneg(mm.start)))
            g.add((men, PLAN.end, _nonneg(mm.end)))
            g.add((men, PLAN.exact, _zh(mm.text)))
            sentence_of(men, mm.start)
            container = doc
            if mm.section:
                sec = iris.section(d.id, mm.section)
                g.add((men, PLAN.inSection, sec))
                container = sec
            if mm.measure is not None:
                mea = iris.measure(d.id, mm.measure)
                g.add((men, PLAN.inMeasure, mea))
                container = mea
            g.add((container, PLAN.mentions, entity_iri))

    for kind, entity, in_doc in corpus.mentions_in(d.id):
        e = iris.entity(entity.id)
        describe_entity(g, kind, entity, iris)
        add_mentions(e, ENTITY_TYPE_SEGMENT[kind], entity.id, in_doc)
        if kind == "projects":
            for pid in entity.places:
                g.add((e, PLAN.locatedIn, iris.entity(pid)))
                if pid in corpus.places:
                    describe_entity(g, "places", corpus.places[pid], iris)
        if kind == "organizations":
            for n in entity.leads.get(d.id, []):
                g.add((e, PLAN.responsibleFor, iris.measure(d.id, n)))

    for i, t in enumerate(ex.targets, start=1):
        tgt = iris.target(d.id, i)
        g.add((tgt, RDF.type, PLAN.Target))
        g.add((tgt, RDFS.label, _zh(t.text)))
        g.add((tgt, PLAN.text, _zh(t.text)))
        g.add((tgt, PLAN.inPlan, doc))
        ind = iris.indicator(t.indicator)
        g.add((tgt, PLAN.indicator, ind))
        g.add((ind, RDF.type, PLAN.Indicator))
        g.add((ind, SKOS.prefLabel, _zh(t.indicator)))
        g.add((tgt, PLAN.comparator, COMPARATOR[t.comparator]))
        if t.value is not None:
            g.add((tgt, PLAN.value, decimal_literal(t.value)))
        if t.unit:
            u = iris.unit(t.unit)
            g.add((tgt, PLAN.unit, u))
            g.add((u, RDF.type, PLAN.Unit))
            g.add((u, RDFS.label, _zh(t.unit)))
            if t.unit in QUDT_UNITS:
                g.add((u, OWL.sameAs, URIRef("http://qudt.org/vocab/unit/" + QUDT_UNITS[t.unit])))
        if t.year:
            g.add((tgt, PLAN.targetYear, _year(t.year)))
        if t.scope:
            g.add((tgt, PLAN.scope, _zh(t.scope)))
        holder = doc
        if t.section:
            holder = iris.section(d.id, t.section)
            g.add((tgt, PLAN.inSection, holder))
        if t.measure is not None:
            holder = iris.measure(d.id, t.measure)
            g.add((tgt, PLAN.inMeasure, holder))
        g.add((holder, PLAN.hasTarget, tgt))
        if holder != doc:
            g.add((doc, PLAN.hasTarget, tgt))
        for mm in t.mentions:
            men = iris.mention(d.id, "target", mm.start, mm.end, f"target:{i}")
            g.add((men, RDF.type, PLAN.Mention))
            g.add((men, PLAN.mentionOf, tgt))
            g.add((men, PLAN.inDocument, doc))
            g.add((men, PLAN.start, _nonneg(mm.start)))
            g.add((men, PLAN.end, _nonneg(mm.end)))
            g.add((men, PLAN.exact, _zh(mm.text)))
            sentence_of(men, mm.start)

    for s in ex.sentences:
        if s.id in sentences_used:
            sent = iris.sentence(d.id, s.id)
            g.add((sent, RDF.type, PLAN.Sentence))
            g.add((sent, PLAN.inPlan, doc))
            g.add((sent, PLAN.text, _zh(d.text[s.start:s.end].strip())))
            g.add((sent, PLAN.start, _nonneg(s.start)))
            g.add((sent, PLAN.end, _nonneg(s.end)))
            if s.measure is not None:
                g.add((sent, PLAN.inMeasure, iris.measure(d.id, s.measure)))


def describe_entity(g: Graph, kind: str, entity, iris: IRIs) -> None:
    e = iris.entity(entity.id)
    g.add((e, RDFS.label, _zh(entity.name)))
    g.add((e, SKOS.prefLabel, _zh(entity.name)))
    for alias in sorted(set(entity.aliases)):
        if alias != entity.name:
            g.add((e, SKOS.altLabel, _zh(alias)))
    # every way of naming it, as a plain string: saved queries look entities up by exact match on these
    for key in {entity.name, *entity.aliases, getattr(entity, "name_en", None), getattr(entity, "code", None)}:
        if key:
            g.add((e, SKOS.hiddenLabel, Literal(key)))
    if kind == "projects":
        g.add((e, RDF.type, PLAN.Project))
        g.add((e, PLAN.projectKind, PLAN[f"kind-{entity.kind}"]))
        if entity.status:
            g.add((e, PLAN.status, _zh(entity.status)))
    elif kind == "places":
        # the superclass is stated too, so queries need no reasoner: every place is a plan:Place
        g.add((e, RDF.type, PLAN.Place))
        g.add((e, RDF.type, place_class(entity)))
        g.add((e, PLAN.placeKind, Literal(entity.kind)))
        if entity.name_en:
            g.add((e, RDFS.label, Literal(entity.name_en, lang="en")))
            g.add((e, SKOS.prefLabel, Literal(entity.name_en, lang="en")))
        if entity.code:
            g.add((e, PLAN.adminCode, Literal(entity.code)))
        if entity.level:
            g.add((e, PLAN.adminLevel, _int(entity.level)))
    elif kind == "organizations":
        g.add((e, RDF.type, PLAN.Organization))
        g.add((e, RDF.type, ORG_CLASS.get(entity.kind, PLAN.Organization)))
        g.add((e, PLAN.orgKind, Literal(entity.kind)))


def add_gazetteer(g: Graph, corpus: Corpus, iris: IRIs) -> None:
    for place in corpus.places.values():
        describe_entity(g, "places", place, iris)
    for child, parent in sorted(corpus.place_parent.items()):
        g.add((iris.entity(child), PLAN.partOf, iris.entity(parent)))
    for region, members in sorted(corpus.region_members.items()):
        for m in members:
            g.add((iris.entity(m), PLAN.memberOf, iris.entity(region)))
            g.add((iris.entity(m), PLAN.partOf, iris.entity(region)))
