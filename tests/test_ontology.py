"""The ontology holds under reasoning: ranges match the data, domains match use, alignments agree.

RDFS inference (owlrl) over plan-kg's graph, ontology/plan.ttl and what the
standard vocabularies say about the terms it aligns to
(tests/fixtures/standard-vocabularies.ttl) must give no node a class it does
not already have, and the graph must still conform to the shapes.  The same
check over all three bundled documents runs with Apache Jena in
tests/test_jena.py (owlrl takes minutes on them; one document here).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.ontology import path as onto_path

BASE = "https://plan-kg.org/id/"
PLAN = Namespace("https://plan-kg.org/ontology#")
STANDARD = Path(__file__).resolve().parent / "fixtures" / "standard-vocabularies.ttl"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
LANG_STRING = RDF.langString


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(str(onto_path("plan.ttl")), format="turtle")


@pytest.fixture(scope="module")
def schema(ontology) -> Graph:
    """plan.ttl with the standard vocabularies' axioms."""
    return ontology + Graph().parse(STANDARD, format="turtle")


@pytest.fixture(scope="module")
def dataset(built_workspace):
    from kg.graph import load_dataset

    return load_dataset(built_workspace, BASE)


def superclasses(schema: Graph) -> dict:
    out = {}
    for c in set(schema.subjects(RDFS.subClassOf, None)) | set(schema.objects(None, RDFS.subClassOf)):
        out[c] = set(schema.transitive_objects(c, RDFS.subClassOf))
    return out


def foreign_types(data: Graph, closure: Graph, schema: Graph) -> dict[tuple, int]:
    """Classes inference gave a node beyond its asserted plan classes and their superclasses, counted by
    (asserted classes, new class): each is a domain or range that disagrees with how the data uses a term."""
    sup = superclasses(schema)
    found: dict[tuple, int] = {}
    nodes = {s for s, c in data.subject_objects(RDF.type) if str(c).startswith(str(PLAN))}
    for node in nodes:
        asserted = set(data.objects(node, RDF.type))
        allowed = {RDFS.Resource}.union(*(sup.get(c, {c}) | {c} for c in asserted))
        for extra in set(closure.objects(node, RDF.type)) - allowed:
            key = (" ".join(sorted(str(c).rsplit("#", 1)[-1] for c in asserted)), str(extra))
            found[key] = found.get(key, 0) + 1
    return found


def rdfs_closure(*graphs: Graph) -> Graph:
    """The RDFS closure (owlrl) of the graphs together.

    owlrl rewrites literals through proxies on the way and brings some back
    changed (``"other"`` also as ``"other"@en``, ``"3"^^xsd:integer`` also
    plain), statements no RDFS rule entails; so of the new statements with a
    literal object only those rule rdfs7 gives (the same literal through a
    super-property) are kept.
    """
    import owlrl

    given = Graph()
    for part in graphs:
        given += part
    g = Graph() + given
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    supers = {p: set(g.transitive_objects(p, RDFS.subPropertyOf)) for p in set(given.predicates())}
    entailed = {(s, q, o) for s, p, o in given if isinstance(o, Literal) for q in supers[p]}
    for s, p, o in list(g):
        if isinstance(o, Literal) and (s, p, o) not in given and (s, p, o) not in entailed:
            g.remove((s, p, o))
    return g


@pytest.fixture(scope="module")
def one_document(dataset) -> Graph:
    """The smallest bundled document's graph with the ontology graph (the project kinds): self-contained."""
    g = Graph()
    for name in ("baotou-2022-digital-government-tasks", "ontology"):
        g += dataset.graph(URIRef(BASE + "graph/" + name))
    return g


@pytest.fixture(scope="module")
def closure(one_document, schema) -> Graph:
    return rdfs_closure(one_document, schema)


def test_rdfs_inference_gives_no_node_a_class_it_does_not_have(one_document, closure, schema):
    assert foreign_types(one_document, closure, schema) == {}


def test_rdfs_inference_then_shacl_still_conforms(one_document, closure):
    from kg.rdf.validate import validate

    assert len(closure) > len(one_document) * 1.3  # inference did add statements
    assert validate(closure) == []


def test_the_check_finds_a_domain_that_disagrees_with_use(one_document, schema):
    # the 0.1 ontology: plan:targetYear had domain plan:Target, but sections of a work report carry a year
    wrong = schema + Graph()
    wrong.add((PLAN.targetYear, RDFS.domain, PLAN.Target))
    sections_with_year = {s for s in one_document.subjects(PLAN.targetYear, None)
                          if (s, RDF.type, PLAN.Section) in one_document}
    assert sections_with_year
    found = foreign_types(one_document, rdfs_closure(one_document, wrong), wrong)
    assert found == {("Section", str(PLAN.Target)): len(sections_with_year),
                     ("Section", "http://purl.org/linked-data/cube#Observation"): len(sections_with_year)}


def test_datatype_ranges_match_the_data(dataset, ontology):
    """Every literal of a property with a datatype range has that datatype (@zh text: rdf:langString)."""
    ranges = {p: r for p, r in ontology.subject_objects(RDFS.range)
              if r == LANG_STRING or r == RDFS.Literal or str(r).startswith(XSD_NS)}
    assert PLAN.text in ranges and PLAN.targetYear in ranges
    wrong = {}
    for _s, p, o, _ in dataset.quads((None, None, None, None)):
        r = ranges.get(p)
        if r is None or r == RDFS.Literal:
            continue
        ok = isinstance(o, Literal) and (o.language is not None if r == LANG_STRING else
                                         o.language is None and (o.datatype or URIRef(XSD_NS + "string")) == r)
        if not ok:
            wrong[(str(p), str(r))] = wrong.get((str(p), str(r)), 0) + 1
    assert wrong == {}


def test_alignments_agree_with_the_standard_vocabularies(schema, ontology):
    """A refined property's declared domain and range fall within those of the property it refines."""
    sup = superclasses(schema)

    def within(ours, theirs) -> bool:
        if theirs == RDFS.Literal:  # every datatype is a kind of literal
            return ours == RDFS.Literal or ours == LANG_STRING or str(ours).startswith(XSD_NS)
        return ours == theirs or theirs in sup.get(ours, set())

    disagree = []
    for p, parent in ontology.subject_objects(RDFS.subPropertyOf):
        for axiom in (RDFS.domain, RDFS.range):
            theirs, ours = schema.value(parent, axiom), ontology.value(p, axiom)
            if theirs is not None and ours is not None and not within(ours, theirs):
                disagree.append((str(p), str(axiom), str(ours), str(parent), str(theirs)))
    assert disagree == []
    # what the 0.1 ontology got wrong is gone
    assert (PLAN.responsibleFor, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAssociatedWith")) \
        not in ontology
    assert (PLAN.issuer, RDFS.subPropertyOf, URIRef("http://purl.org/dc/terms/publisher")) not in ontology
    assert (PLAN.inDocument, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/oa#hasSource")) not in ontology


def test_every_property_the_data_uses_is_declared(dataset, ontology):
    declared = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | \
        set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    used = {p for _, p, _, _ in dataset.quads((None, None, None, None)) if str(p).startswith(str(PLAN))}
    assert used <= declared, used - declared
