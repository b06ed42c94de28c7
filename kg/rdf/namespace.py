"""The plan-kg vocabulary as Python constants.

Generated from ontology/plan.ttl by ``python -m kg.rdf.vocab``; do not edit by hand.
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class PLAN(DefinedNamespace):
    _NS = Namespace("https://plan-kg.org/ontology#")
    _fail = True
    _extras = ['kind-airport', 'kind-airport_facility', 'kind-area', 'kind-bridge', 'kind-corridor', 'kind-culture', 'kind-education', 'kind-energy', 'kind-gas_storage', 'kind-grid', 'kind-hospital', 'kind-innovation', 'kind-lab', 'kind-mine', 'kind-network', 'kind-other', 'kind-pipeline', 'kind-platform', 'kind-port', 'kind-power_plant', 'kind-programme', 'kind-programme-group', 'kind-public', 'kind-pumped_storage', 'kind-railway', 'kind-reservoir', 'kind-road', 'kind-sports', 'kind-transport', 'kind-tunnel', 'kind-urban_rail', 'kind-water', 'kind-water_works', 'kind-waterway', 'kind-zone']

    AdministrativeDivision: URIRef
    Comparator: URIRef
    Comparators: URIRef
    GovernmentBody: URIRef
    Indicator: URIRef
    Measure: URIRef
    Mention: URIRef
    Organization: URIRef
    Place: URIRef
    Plan: URIRef
    Project: URIRef
    ProjectKind: URIRef
    ProjectKinds: URIRef
    Region: URIRef
    Section: URIRef
    Sentence: URIRef
    Target: URIRef
    Unit: URIRef
    adminCode: URIRef
    adminLevel: URIRef
    approx: URIRef
    comparator: URIRef
    deadline: URIRef
    documentKind: URIRef
    end: URIRef
    endYear: URIRef
    eq: URIRef
    exact: URIRef
    ge: URIRef
    gt: URIRef
    hasMeasure: URIRef
    hasSection: URIRef
    hasTarget: URIRef
    inDocument: URIRef
    inMeasure: URIRef
    inPlan: URIRef
    inSection: URIRef
    inSentence: URIRef
    indicator: URIRef
    intro: URIRef
    issuer: URIRef
    le: URIRef
    locatedIn: URIRef
    lt: URIRef
    measureCount: URIRef
    memberOf: URIRef
    mentionOf: URIRef
    mentions: URIRef
    number: URIRef
    orgKind: URIRef
    partOf: URIRef
    placeKind: URIRef
    projectCount: URIRef
    projectKind: URIRef
    reduceBy: URIRef
    responsibleFor: URIRef
    scope: URIRef
    scopePlace: URIRef
    sectionLabel: URIRef
    sha256: URIRef
    sourceFile: URIRef
    start: URIRef
    startYear: URIRef
    status: URIRef
    subSectionOf: URIRef
    targetCount: URIRef
    targetYear: URIRef
    text: URIRef
    title: URIRef
    unit: URIRef
    value: URIRef
