"""The property-graph projection of the corpus, loaded into Neo4j.

* Uniqueness constraints and indexes first, then batched ``UNWIND $rows …
  MERGE`` with parameters (never string-built Cypher), one transaction per
  batch, so a failure leaves no half-written entity and a re-run finishes the
  job.
* Idempotent: loading twice gives the same counts.
* Several documents live side by side; an entity named by two plans is one
  node, whose ``documents`` list says which.
* Everything this tool writes carries ``kg_tool = 'plan-kg'``; ``replace``
  removes only that, for the given documents - never other data.

The label and relationship-type names are the mapping table in
``ontology/mapping.csv`` (tested against the ontology and the database).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from kg.config import Neo4jSettings
from kg.corpus import Corpus
from kg.errors import Neo4jError, Neo4jUnavailable

TOOL = "plan-kg"
BATCH = 2000
INDEX_WAIT_SECONDS = 300

CONSTRAINTS = [
    ("Plan", "id"), ("Section", "uid"), ("Measure", "uid"), ("Target", "uid"), ("Mention", "uid"),
    ("Project", "id"), ("Place", "id"), ("Organization", "id"),
]
INDEXES = [("Place", "code"), ("Target", "year"), ("Target", "document"), ("Measure", "document"),
           ("Mention", "document"), ("Section", "document")]
# Names searched by words (CONTAINS) get a text index only (it answers equality too).  With a range index on
# the same property, Neo4j 5.26 sometimes sends CONTAINS to the range index and fails ("A STRING_CONTAINS
# predicate is not allowed for a RANGE index"): about one CI run in two did.
TEXT_INDEXES = [("Place", "name"), ("Project", "name"), ("Organization", "name"), ("Target", "indicator")]
# range indexes earlier versions created on those properties
RETIRED_INDEXES = ["kg_place_name", "kg_project_name", "kg_organization_name"]


@dataclass
class LoadReport:
    documents: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    nodes: int = 0
    relationships: int = 0

    def add(self, what: str, n: int) -> None:
        self.rows[what] = self.rows.get(what, 0) + n


def _batches(rows: list, size: int = BATCH) -> Iterable[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def schema_statements() -> list[str]:
    out = []
    for label, prop in CONSTRAINTS:
        out.append(f"CREATE CONSTRAINT kg_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
    for label, prop in INDEXES:
        out.append(f"CREATE INDEX kg_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    for label, prop in TEXT_INDEXES:
        out.append(f"CREATE TEXT INDEX kg_{label.lower()}_{prop}_text IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    out += [f"DROP INDEX {name} IF EXISTS" for name in RETIRED_INDEXES]
    return out


# -- the projection: plain rows per statement ------------------------------------------------

def entity_rows(corpus: Corpus) -> dict[str, list[dict]]:
    def base(e, kind):
        return {"id": e.id, "name": e.name, "kind": e.kind, "aliases": sorted(set(e.aliases)),
                "documents": e.documents}

    projects = [{**base(p, "projects"), "status": p.status} for p in corpus.projects.values()]
    places = []
    for p in corpus.places.values():
        extra = "AdministrativeDivision" if p.code else ("Region" if (p.kind in ("region", "zone") or p.members) else None)
        places.append({**base(p, "places"), "name_en": p.name_en, "code": p.code, "level": p.level,
                       "extra": extra})
    orgs = [{**base(o, "organizations"),
             "government": o.kind in ("government", "government_department", "party_committee", "party_department")}
            for o in corpus.organizations.values()]
    located = [{"project": p.id, "place": pid, "documents": p.documents}
               for p in corpus.projects.values() for pid in p.places if pid in corpus.places]
    part_of = [{"child": c, "parent": par} for c, par in corpus.place_parent.items()]
    member_of = [{"member": m, "region": r} for r, ms in corpus.region_members.items() for m in ms]
    return {"projects": projects, "places": places, "organizations": orgs, "located": located,
            "part_of": part_of, "member_of": member_of}


def document_rows(corpus: Corpus, doc_id: str) -> dict[str, list[dict]]:
    ex = corpus.document(doc_id)
    d = ex.document
    plan = [{"id": d.id, "title": d.title, "kind": d.kind, "sha256": d.sha256, "source": d.source,
             "issuer": d.issuer, "start_year": (d.period or {}).get("start"), "end_year": (d.period or {}).get("end"),
             **{f"{k[:-1]}_count": n for k, n in corpus.document_counts(doc_id).items()}}]
    sections = [{"uid": f"{d.id}/section/{s.number}", "document": d.id, "number": s.number, "label": s.label,
                 "title": s.title, "intro": s.intro, "year": s.year,
                 "parent": f"{d.id}/section/{s.parent}" if s.parent else None} for s in ex.sections]
    measures = [{"uid": f"{d.id}/measure/{m.number}", "document": d.id, "number": m.number, "title": m.title,
                 "text": m.text, "deadline": m.deadline, "lead": m.lead,
                 "section": f"{d.id}/section/{m.section}" if m.section else None} for m in ex.measures]
    targets = []
    for i, t in enumerate(ex.targets, start=1):
        holder = (f"{d.id}/measure/{t.measure}" if t.measure is not None else
                  f"{d.id}/section/{t.section}" if t.section else None)
        targets.append({"uid": f"{d.id}/target/{i}", "document": d.id, "indicator": t.indicator,
                        "comparator": t.comparator, "value": float(t.value) if t.value is not None else None,
                        "unit": t.unit, "year": t.year, "scope": t.scope, "text": t.text, "measure": t.measure,
                        "section": t.section, "holder": holder,
                        "holder_type": "measure" if t.measure is not None else ("section" if t.section else None)})
    mentions, mentions_rel = [], {}
    type_segment = {"projects": "project", "places": "place", "organizations": "org"}
    for kind, e, in_doc in corpus.mentions_in(d.id):
        for m in in_doc:
            holder = (("measure", f"{d.id}/measure/{m.measure}") if m.measure is not None else
                      ("section", f"{d.id}/section/{m.section}") if m.section else ("plan", d.id))
            mentions.append({"uid": f"{d.id}/mention/{type_segment[kind]}/{m.start}-{m.end}/{e.id}",
                             "document": d.id, "entity": e.id, "entity_type": type_segment[kind],
                             "start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence,
                             "measure": m.measure, "section": m.section,
                             "measure_uid": f"{d.id}/measure/{m.measure}" if m.measure is not None else None})
            key = (holder, e.id, type_segment[kind])
            mentions_rel[key] = mentions_rel.get(key, 0) + 1
    for i, t in enumerate(ex.targets, start=1):
        for m in t.mentions:
            mentions.append({"uid": f"{d.id}/mention/target/{m.start}-{m.end}/{i}", "document": d.id,
                             "entity": f"{d.id}/target/{i}", "entity_type": "target", "start": m.start,
                             "end": m.end, "text": m.text, "sentence": m.sentence, "measure": m.measure,
                             "section": m.section,
                             "measure_uid": f"{d.id}/measure/{m.measure}" if m.measure is not None else None})
    mention_rel = [{"holder_type": ht, "holder": h, "entity": e, "entity_type": et, "count": n, "document": d.id}
                   for ((ht, h), e, et), n in sorted(mentions_rel.items())]
    numbers = {mm.number for mm in ex.measures}
    responsible = [{"org": o.id, "measure": f"{d.id}/measure/{n}", "document": d.id}
                   for kind, o, _ in corpus.mentions_in(d.id) if kind == "organizations"
                   for n in o.leads.get(d.id, []) if n in numbers]
    return {"plan": plan, "sections": sections, "measures": measures, "targets": targets, "mentions": mentions,
            "mention_rel": mention_rel, "responsible": responsible}


# -- Cypher (all parameterised) -----------------------------------------------------------------

Q = {
    "projects": """
UNWIND $rows AS r
MERGE (n:Project {id: r.id})
SET n.name = r.name, n.kind = r.kind, n.status = r.status, n.aliases = r.aliases, n.kg_tool = $tool,
    n.documents = [d IN coalesce(n.documents, []) WHERE NOT d IN $docs] + [d IN r.documents WHERE d IN $docs]
""",
    "places": """
UNWIND $rows AS r
MERGE (n:Place {id: r.id})
SET n.name = r.name, n.kind = r.kind, n.name_en = r.name_en, n.code = r.code, n.level = r.level,
    n.aliases = r.aliases, n.kg_tool = $tool,
    n.documents = [d IN coalesce(n.documents, []) WHERE NOT d IN $docs] + [d IN r.documents WHERE d IN $docs]
FOREACH (_ IN CASE WHEN r.extra = 'AdministrativeDivision' THEN [1] ELSE [] END | SET n:AdministrativeDivision)
FOREACH (_ IN CASE WHEN r.extra = 'Region' THEN [1] ELSE [] END | SET n:Region)
""",
    "organizations": """
UNWIND $rows AS r
MERGE (n:Organization {id: r.id})
SET n.name = r.name, n.kind = r.kind, n.aliases = r.aliases, n.kg_tool = $tool,
    n.documents = [d IN coalesce(n.documents, []) WHERE NOT d IN $docs] + [d IN r.documents WHERE d IN $docs]
FOREACH (_ IN CASE WHEN r.government THEN [1] ELSE [] END | SET n:GovernmentBody)
""",
    "located": """
UNWIND $rows AS r
MATCH (p:Project {id: r.project}), (pl:Place {id: r.place})
MERGE (p)-[e:LOCATED_IN]->(pl)
SET e.kg_tool = $tool,
    e.documents = [d IN coalesce(e.documents, []) WHERE NOT d IN $docs] + [d IN r.documents WHERE d IN $docs]
""",
    "part_of": """
UNWIND $rows AS r
MATCH (c:Place {id: r.child}), (p:Place {id: r.parent})
MERGE (c)-[e:PART_OF]->(p) SET e.kg_tool = $tool
""",
    "member_of": """
UNWIND $rows AS r
MATCH (m:Place {id: r.member}), (g:Place {id: r.region})
MERGE (m)-[e:MEMBER_OF]->(g) SET e.kg_tool = $tool
MERGE (m)-[e2:PART_OF]->(g) SET e2.kg_tool = $tool
""",
    "plan": """
UNWIND $rows AS r
MERGE (n:Plan {id: r.id})
SET n += r, n.kg_tool = $tool
""",
    "sections": """
UNWIND $rows AS r
MATCH (d:Plan {id: r.document})
MERGE (n:Section {uid: r.uid})
SET n.document = r.document, n.number = r.number, n.label = r.label, n.title = r.title, n.intro = r.intro,
    n.year = r.year, n.kg_tool = $tool
MERGE (d)-[e:HAS_SECTION]->(n) SET e.kg_tool = $tool
""",
    "subsections": """
UNWIND $rows AS r
MATCH (n:Section {uid: r.uid}), (p:Section {uid: r.parent})
MERGE (n)-[e:SUBSECTION_OF]->(p) SET e.kg_tool = $tool
""",
    "measures": """
UNWIND $rows AS r
MATCH (d:Plan {id: r.document})
MERGE (n:Measure {uid: r.uid})
SET n.document = r.document, n.number = r.number, n.title = r.title, n.text = r.text, n.deadline = r.deadline,
    n.lead = r.lead, n.kg_tool = $tool
MERGE (d)-[e:HAS_MEASURE]->(n) SET e.kg_tool = $tool
WITH n, r WHERE r.section IS NOT NULL
MATCH (s:Section {uid: r.section})
MERGE (n)-[e2:IN_SECTION]->(s) SET e2.kg_tool = $tool
""",
    "targets": """
UNWIND $rows AS r
MATCH (d:Plan {id: r.document})
MERGE (n:Target {uid: r.uid})
SET n.document = r.document, n.indicator = r.indicator, n.comparator = r.comparator, n.value = r.value,
    n.unit = r.unit, n.year = r.year, n.scope = r.scope, n.text = r.text, n.measure = r.measure,
    n.section = r.section, n.kg_tool = $tool
MERGE (d)-[e:HAS_TARGET]->(n) SET e.kg_tool = $tool
WITH n, r
CALL (n, r) {
  MATCH (h:Measure {uid: r.holder}) WHERE r.holder_type = 'measure'
  MERGE (h)-[e2:HAS_TARGET]->(n) SET e2.kg_tool = $tool
}
CALL (n, r) {
  MATCH (h:Section {uid: r.holder}) WHERE r.holder_type = 'section'
  MERGE (h)-[e2:HAS_TARGET]->(n) SET e2.kg_tool = $tool
}
""",
    "mentions": """
UNWIND $rows AS r
MATCH (d:Plan {id: r.document})
MERGE (m:Mention {uid: r.uid})
SET m.document = r.document, m.entity = r.entity, m.entity_type = r.entity_type, m.start = r.start, m.end = r.end,
    m.text = r.text, m.sentence = r.sentence, m.measure = r.measure, m.section = r.section, m.kg_tool = $tool
MERGE (m)-[e1:IN_DOCUMENT]->(d) SET e1.kg_tool = $tool
WITH m, r
// one index seek per label (a MATCH over several labels would scan them)
CALL (m, r) {
  MATCH (x:Project {id: r.entity}) WHERE r.entity_type = 'project'
  MERGE (m)-[e:MENTION_OF]->(x) SET e.kg_tool = $tool
}
CALL (m, r) {
  MATCH (x:Place {id: r.entity}) WHERE r.entity_type = 'place'
  MERGE (m)-[e:MENTION_OF]->(x) SET e.kg_tool = $tool
}
CALL (m, r) {
  MATCH (x:Organization {id: r.entity}) WHERE r.entity_type = 'org'
  MERGE (m)-[e:MENTION_OF]->(x) SET e.kg_tool = $tool
}
CALL (m, r) {
  MATCH (t:Target {uid: r.entity}) WHERE r.entity_type = 'target'
  MERGE (m)-[e:MENTION_OF]->(t) SET e.kg_tool = $tool
}
CALL (m, r) {
  MATCH (mea:Measure {uid: r.measure_uid})
  MERGE (m)-[e:IN_MEASURE]->(mea) SET e.kg_tool = $tool
}
""",
    "mention_rel": """
UNWIND $rows AS r
CALL (r) {
  OPTIONAL MATCH (a:Measure {uid: r.holder}) WHERE r.holder_type = 'measure'
  OPTIONAL MATCH (b:Section {uid: r.holder}) WHERE r.holder_type = 'section'
  OPTIONAL MATCH (c:Plan {id: r.holder}) WHERE r.holder_type = 'plan'
  RETURN coalesce(a, b, c) AS h
}
CALL (r) {
  OPTIONAL MATCH (p:Project {id: r.entity}) WHERE r.entity_type = 'project'
  OPTIONAL MATCH (q:Place {id: r.entity}) WHERE r.entity_type = 'place'
  OPTIONAL MATCH (o:Organization {id: r.entity}) WHERE r.entity_type = 'org'
  RETURN coalesce(p, q, o) AS x
}
WITH r, h, x WHERE h IS NOT NULL AND x IS NOT NULL
MERGE (h)-[e:MENTIONS]->(x)
SET e.count = r.count, e.document = r.document, e.kg_tool = $tool
""",
    "responsible": """
UNWIND $rows AS r
MATCH (o:Organization {id: r.org}), (m:Measure {uid: r.measure})
MERGE (o)-[e:RESPONSIBLE_FOR]->(m) SET e.document = r.document, e.kg_tool = $tool
""",
}

REMOVE_DOCUMENT = [
    # document-scoped nodes this tool wrote
    """MATCH (n) WHERE (n:Section OR n:Measure OR n:Target OR n:Mention) AND n.document IN $docs AND n.kg_tool = $tool
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS""",
    "MATCH (n:Plan) WHERE n.id IN $docs AND n.kg_tool = $tool DETACH DELETE n",
    # shared entities: forget these documents; delete what no document names any more
    """MATCH (n) WHERE (n:Project OR n:Place OR n:Organization) AND n.kg_tool = $tool
         AND any(d IN coalesce(n.documents, []) WHERE d IN $docs)
       SET n.documents = [d IN n.documents WHERE NOT d IN $docs]""",
    """MATCH ()-[e:LOCATED_IN]->() WHERE e.kg_tool = $tool AND any(d IN coalesce(e.documents, []) WHERE d IN $docs)
       SET e.documents = [d IN e.documents WHERE NOT d IN $docs]""",
    "MATCH ()-[e:LOCATED_IN]->() WHERE e.kg_tool = $tool AND size(coalesce(e.documents, [])) = 0 DELETE e",
    """MATCH (n) WHERE (n:Project OR n:Organization) AND n.kg_tool = $tool AND size(coalesce(n.documents, [])) = 0
       DETACH DELETE n""",
    # places stay while another place hangs from them (hierarchy kept for the remaining documents)
    """MATCH (n:Place) WHERE n.kg_tool = $tool AND size(coalesce(n.documents, [])) = 0
         AND NOT EXISTS { MATCH (n)<-[:LOCATED_IN]-() } AND NOT EXISTS { MATCH (n)<-[:PART_OF|MEMBER_OF]-(:Place) }
       DETACH DELETE n""",
]


def _run_batches(session, statement: str, rows: list[dict], params: dict, report: LoadReport, what: str,
                 progress: Callable[[str], None] | None = None) -> None:
    for batch in _batches(rows):
        session.execute_write(lambda tx, b=batch: tx.run(statement, rows=b, **params).consume())
        report.add(what, len(batch))
    if progress and rows:
        progress(f"  {what}: {len(rows)}")


def load(corpus: Corpus, settings: Neo4jSettings, documents: list[str] | None = None, replace: bool = False,
         progress: Callable[[str], None] | None = None) -> LoadReport:
    """Load the corpus (or the given documents of it) into Neo4j."""
    from neo4j import exceptions as nx

    from kg.neo4j.connection import driver

    docs = documents or [ex.document.id for ex in corpus.documents]
    unknown = [d for d in docs if d not in {ex.document.id for ex in corpus.documents}]
    if unknown:
        raise Neo4jError(f"no document {', '.join(unknown)} in the workspace")
    report = LoadReport(documents=docs)
    t0 = time.perf_counter()
    params = {"tool": TOOL, "docs": docs}
    try:
        with driver(settings) as drv, drv.session(database=settings.database) as session:
            for stmt in schema_statements():
                session.run(stmt).consume()
            # a text index still populating is skipped by the planner, which then sends CONTAINS to the
            # range index on the same property and fails ("STRING_CONTAINS … not allowed for a RANGE index")
            session.run("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS).consume()
            if replace:
                if progress:
                    progress(f"removing what plan-kg wrote for {', '.join(docs)}")
                for stmt in REMOVE_DOCUMENT:
                    session.run(stmt, **params).consume()
            ents = entity_rows(corpus)
            keep = set(docs)
            for what in ("projects", "places", "organizations"):
                rows = [r for r in ents[what] if keep & set(r["documents"]) or what == "places"]
                _run_batches(session, Q[what], rows, params, report, what, progress)
            _run_batches(session, Q["located"], [r for r in ents["located"] if keep & set(r["documents"])],
                         params, report, "located", progress)
            _run_batches(session, Q["part_of"], ents["part_of"], params, report, "part_of", progress)
            _run_batches(session, Q["member_of"], ents["member_of"], params, report, "member_of", progress)
            for doc in docs:
                rows = document_rows(corpus, doc)
                if progress:
                    progress(f"document {doc}")
                for what in ("plan", "sections"):
                    _run_batches(session, Q[what], rows[what], params, report, what, progress)
                _run_batches(session, Q["subsections"], [r for r in rows["sections"] if r["parent"]], params, report,
                             "subsections", progress)
                for what in ("measures", "targets", "mentions", "mention_rel", "responsible"):
                    _run_batches(session, Q[what], rows[what], params, report, what, progress)
            counts = session.run("MATCH (n) WHERE n.kg_tool = $tool RETURN count(n) AS n", tool=TOOL).single()
            rels = session.run("MATCH ()-[e]->() WHERE e.kg_tool = $tool RETURN count(e) AS n", tool=TOOL).single()
            report.nodes, report.relationships = counts["n"], rels["n"]
    except nx.ServiceUnavailable:
        raise Neo4jUnavailable(f"the Neo4j server at {settings.uri} went away during the load; start it again and "
                               "re-run 'kg load neo4j' (loading is idempotent: it completes without duplicates)") from None
    except nx.Neo4jError as exc:
        raise Neo4jError(f"Neo4j refused the load: {exc.message or exc}") from None
    report.seconds = time.perf_counter() - t0
    return report


def counts(settings: Neo4jSettings) -> dict[str, int]:
    """Nodes by label and relationships by type that plan-kg wrote."""
    from kg.neo4j.connection import driver, run_read

    with driver(settings) as drv:
        _, nodes = run_read(drv, settings, "MATCH (n) WHERE n.kg_tool = $tool UNWIND labels(n) AS l "
                                           "RETURN l AS label, count(*) AS n ORDER BY label", {"tool": TOOL})
        _, rels = run_read(drv, settings, "MATCH ()-[e]->() WHERE e.kg_tool = $tool "
                                          "RETURN type(e) AS type, count(*) AS n ORDER BY type", {"tool": TOOL})
    return {**{f":{r['label']}": r["n"] for r in nodes}, **{f"[{r['type']}]": r["n"] for r in rels}}


# -- incremental loading ------------------------------------------------------------------------

def _state_file(ws):
    return ws.path / "neo4j-sync.json"


def plan_incremental(corpus: Corpus, ws, settings: Neo4jSettings) -> tuple[list[str], list[str]]:
    """(documents to (re)load, documents to remove) since the last load into this server and database."""
    import json

    from kg.sync import fingerprints

    key = f"{settings.uri}|{settings.database}"
    state = json.loads(_state_file(ws).read_text()) if _state_file(ws).exists() else {}
    have = state.get(key, {})
    want = fingerprints(corpus, target="neo4j")
    changed = sorted(d for d, fp in want.items() if have.get(d) != fp)
    gone = sorted(set(have) - set(want))
    return changed, gone


def record_loaded(corpus: Corpus, ws, settings: Neo4jSettings, documents: list[str], removed: list[str]) -> None:
    import json

    from kg.sync import fingerprints
    from kg.workspace import atomic_write

    key = f"{settings.uri}|{settings.database}"
    path = _state_file(ws)
    state = json.loads(path.read_text()) if path.exists() else {}
    fps = fingerprints(corpus, target="neo4j")
    entry = state.setdefault(key, {})
    for d in documents:
        entry[d] = fps[d]
    for d in removed:
        entry.pop(d, None)
    atomic_write(path, json.dumps(state, indent=1, sort_keys=True))


def remove_documents(settings: Neo4jSettings, documents: list[str]) -> None:
    from kg.neo4j.connection import driver

    if not documents:
        return
    with driver(settings) as drv, drv.session(database=settings.database) as session:
        for stmt in REMOVE_DOCUMENT:
            session.run(stmt, tool=TOOL, docs=documents).consume()
