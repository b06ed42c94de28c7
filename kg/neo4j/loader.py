"""The Neo4j writer of the property graph (:mod:`kg.projection`).

* Uniqueness constraints and indexes first, then batched ``UNWIND $rows …
  MERGE`` with parameters, one statement per node label and relationship type
  (labels and types come from the projection's schema, never from data), one
  transaction per batch, so a failure leaves no half-written entity and a
  re-run finishes the job.
* Idempotent: loading twice gives the same counts.
* Several documents live side by side; an entity named by two plans is one
  node, whose ``documents`` list says which.
* Everything this tool writes carries ``kg_tool = 'plan-kg'``; ``replace``
  removes only that, for the given documents - never other data.

:func:`neo4j_rows` is what both this loader and the ``neo4j-csv`` export
write, so an import of that export is the same database.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import projection
from kg.config import Neo4jSettings
from kg.corpus import Corpus
from kg.errors import Neo4jError, Neo4jUnavailable
from kg.projection import EDGE_KINDS, NODE_KINDS, PropertyGraph, SentenceValue

if TYPE_CHECKING:
    from kg.workspace import Workspace

TOOL = "plan-kg"
BATCH = 2000
INDEX_WAIT_SECONDS = 300

CONSTRAINTS = [(kind.name, kind.key) for kind in NODE_KINDS.values()]
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
        out.append(f"CREATE CONSTRAINT kg_{label.lower()}_{prop} IF NOT EXISTS "
                   f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
    for label, prop in INDEXES:
        out.append(f"CREATE INDEX kg_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    for label, prop in TEXT_INDEXES:
        out.append(f"CREATE TEXT INDEX kg_{label.lower()}_{prop}_text IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    out += [f"DROP INDEX {name} IF EXISTS" for name in RETIRED_INDEXES]
    return out


# -- the rows Neo4j holds ---------------------------------------------------------------------------


@dataclass
class NodeGroup:
    """Nodes of one kind with the same further labels: one statement."""

    kind: str
    labels: tuple[str, ...]
    rows: list[dict[str, Any]]  # {"key": …, "props": {…}}


@dataclass
class EdgeGroup:
    """Relationships of one type between nodes of one kind and another: one statement (two index seeks)."""

    type: str
    source: str
    target: str
    rows: list[dict[str, Any]]  # {"source": key, "target": key, "props": {…} (for types with properties)}


def _value(value: Any) -> Any:
    # Neo4j keeps no empty list here: neo4j-admin import cannot write one, and the two must give one database
    if isinstance(value, list):
        return value or None
    return value.text if isinstance(value, SentenceValue) else value


def neo4j_rows(graph: PropertyGraph, skip: set[str] | None = None) -> tuple[list[NodeGroup], list[EdgeGroup]]:
    """The graph as Neo4j keeps it: property values plain (a sentence is its text, an empty list no property),
    grouped per statement."""
    nodes: dict[tuple[str, tuple[str, ...]], NodeGroup] = {}
    for n in graph.nodes.values():
        if skip is not None and n.id in skip:
            continue
        group = nodes.setdefault((n.kind, n.labels), NodeGroup(n.kind, n.labels, []))
        group.rows.append({"key": n.id, "props": {k: _value(v) for k, v in n.props.items()}})
    edges: dict[tuple[str, str, str], EdgeGroup] = {}
    for e in graph.edges.values():
        egroup = edges.setdefault((e.type, e.source.kind, e.target.kind),
                                  EdgeGroup(e.type, e.source.kind, e.target.kind, []))
        row: dict[str, Any] = {"source": e.source.id, "target": e.target.id}
        if EDGE_KINDS[e.type].properties:  # most relationships have none: less to send
            row["props"] = {k: _value(v) for k, v in e.props.items()}
        egroup.rows.append(row)
    return list(nodes.values()), list(edges.values())


# -- Cypher (values always parameters; labels and types from the schema) -------------------------------

# A node or relationship named by several documents lists them; loading some documents keeps the others'.
_DOCUMENTS = ("[d IN coalesce({v}.documents, []) WHERE NOT d IN $docs] + "
              "[d IN coalesce(r.props.documents, []) WHERE d IN $docs]")

_NO_EMPTY_LIST = "CASE WHEN size(documents) = 0 THEN null ELSE documents END"


def node_statement(group: NodeGroup) -> str:
    kind = NODE_KINDS[group.kind]
    assert set(group.labels) <= set(kind.labels), group.labels
    labels = "".join(f", n:{label}" for label in group.labels)
    if "documents" in kind.properties:
        return (f"UNWIND $rows AS r MERGE (n:{kind.name} {{{kind.key}: r.key}}) "
                f"WITH n, r, {_DOCUMENTS.format(v='n')} AS documents "
                f"SET n += r.props, n.documents = {_NO_EMPTY_LIST}, n.kg_tool = $tool{labels}")
    return f"UNWIND $rows AS r MERGE (n:{kind.name} {{{kind.key}: r.key}}) SET n += r.props, n.kg_tool = $tool{labels}"


def edge_statement(group: EdgeGroup) -> str:
    kind = EDGE_KINDS[group.type]
    assert group.source in kind.sources and group.target in kind.targets, group
    head = (f"UNWIND $rows AS r MATCH (a:{group.source} {{{NODE_KINDS[group.source].key}: r.source}}) "
            f"MATCH (b:{group.target} {{{NODE_KINDS[group.target].key}: r.target}}) "
            f"MERGE (a)-[e:{kind.name}]->(b) ")
    if "documents" in kind.properties:
        return head + (f"WITH e, r, {_DOCUMENTS.format(v='e')} AS documents "
                       f"SET e += r.props, e.documents = {_NO_EMPTY_LIST}, e.kg_tool = $tool")
    return head + ("SET e += r.props, e.kg_tool = $tool" if kind.properties else "SET e.kg_tool = $tool")


REMOVE_DOCUMENT = [
    # document-scoped nodes this tool wrote
    """MATCH (n) WHERE (n:Section OR n:Measure OR n:Target OR n:Mention) AND n.document IN $docs AND n.kg_tool = $tool
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS""",
    "MATCH (n:Plan) WHERE n.id IN $docs AND n.kg_tool = $tool DETACH DELETE n",
    # shared entities: forget these documents; delete what no document names any more
    """MATCH (n) WHERE (n:Project OR n:Place OR n:Organization) AND n.kg_tool = $tool
         AND any(d IN coalesce(n.documents, []) WHERE d IN $docs)
       WITH n, [d IN n.documents WHERE NOT d IN $docs] AS documents
       SET n.documents = CASE WHEN size(documents) = 0 THEN null ELSE documents END""",
    """MATCH ()-[e:LOCATED_IN]->() WHERE e.kg_tool = $tool AND any(d IN coalesce(e.documents, []) WHERE d IN $docs)
       WITH e, [d IN e.documents WHERE NOT d IN $docs] AS documents
       SET e.documents = CASE WHEN size(documents) = 0 THEN null ELSE documents END""",
    "MATCH ()-[e:LOCATED_IN]->() WHERE e.kg_tool = $tool AND size(coalesce(e.documents, [])) = 0 DELETE e",
    """MATCH (n) WHERE (n:Project OR n:Organization) AND n.kg_tool = $tool AND size(coalesce(n.documents, [])) = 0
       DETACH DELETE n""",
    # places stay while another place hangs from them (hierarchy kept for the remaining documents)
    """MATCH (n:Place) WHERE n.kg_tool = $tool AND size(coalesce(n.documents, [])) = 0
         AND NOT EXISTS { MATCH (n)<-[:LOCATED_IN]-() } AND NOT EXISTS { MATCH (n)<-[:PART_OF|MEMBER_OF]-(:Place) }
       DETACH DELETE n""",
]


def _write(session: Any, graph: PropertyGraph, params: dict, report: LoadReport, written: set[str],
           progress: Callable[[str], None] | None = None, one_transaction: bool = False) -> None:
    """Nodes first (those not written yet in this load), then relationships, in batches.

    Each batch is a transaction of its own; with ``one_transaction`` (a document's part) all are one, so a
    document is written whole or not at all, in one commit instead of some thirty.
    """
    node_groups, edge_groups = neo4j_rows(graph, skip=written)
    work = [(node_statement(ng), ng.kind, ng.rows) for ng in node_groups] + \
           [(edge_statement(eg), eg.type, eg.rows) for eg in edge_groups]

    def run(tx: Any, statement: str, batch: list[dict]) -> None:
        tx.run(statement, rows=batch, **params).consume()

    def run_all(tx: Any) -> None:
        for stmt, _, rows in work:
            for batch in _batches(rows):
                run(tx, stmt, batch)

    if one_transaction:
        session.execute_write(run_all)
    else:
        for stmt, _, rows in work:
            for batch in _batches(rows):
                session.execute_write(run, stmt, batch)
    for _, what, rows in work:
        report.add(what, len(rows))
        if progress and rows:
            progress(f"  {what}: {len(rows)}")
    written.update(r["key"] for ng in node_groups for r in ng.rows)


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
    written: set[str] = set()
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
            _write(session, projection.context(corpus), params, report, written, progress)
            _write(session, projection.entities(corpus, docs), params, report, written, progress)
            for doc in docs:
                if progress:
                    progress(f"document {doc}")
                _write(session, projection.structure(corpus, doc), params, report, written, progress,
                       one_transaction=True)
            counts = session.run("MATCH (n) WHERE n.kg_tool = $tool RETURN count(n) AS n", tool=TOOL).single()
            rels = session.run("MATCH ()-[e]->() WHERE e.kg_tool = $tool RETURN count(e) AS n", tool=TOOL).single()
            report.nodes, report.relationships = counts["n"], rels["n"]
    except nx.ServiceUnavailable:
        raise Neo4jUnavailable(f"the Neo4j server at {settings.uri} went away during the load; start it again and "
                               "re-run 'kg load neo4j' (loading is idempotent: it completes without duplicates)"
                               ) from None
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

def _state_file(ws: Workspace) -> Path:
    return ws.path / "neo4j-sync.json"


def plan_incremental(corpus: Corpus, ws: Workspace, settings: Neo4jSettings) -> tuple[list[str], list[str]]:
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


def record_loaded(corpus: Corpus, ws: Workspace, settings: Neo4jSettings, documents: list[str],
                  removed: list[str]) -> None:
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
