"""Graph-tool exports of the property graph (:mod:`kg.projection`): GraphML (yEd, Cytoscape), GEXF (Gephi),
CSV nodes/edges (spreadsheets) and the CSV layout of ``neo4j-admin database import``.

GraphML, GEXF and CSV write the networkx graph (:func:`kg.analytics.network.to_networkx`); ``neo4j-csv``
writes the rows the Neo4j loader writes (:func:`kg.neo4j.loader.neo4j_rows`), so importing it gives the
database ``kg load neo4j`` gives.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.corpus import Corpus
from kg.exports import register
from kg.projection import EDGE_KINDS, NODE_KINDS
from kg.workspace import atomic_write

LIST_SEPARATOR = "|"  # lists in GraphML, GEXF and CSV cells
ARRAY_DELIMITER = "\x1f"  # lists in neo4j-admin CSV: a control character no name contains


def _simple(value: Any) -> Any:
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, (list, tuple)) else value


def _graph(corpus: Corpus) -> nx.MultiDiGraph:
    """The networkx graph with simple attribute values, as GraphML and GEXF want them: no None, no lists."""
    from kg.analytics.network import to_networkx

    g = to_networkx(corpus)
    h = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        h.add_node(n, **{k: _simple(v) for k, v in a.items() if v is not None})
    for u, v, k, a in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{kk: _simple(vv) for kk, vv in a.items() if vv is not None})
    return h


def _write_via_tmp(path: Path, writer: Callable[[Path], None]) -> dict:
    tmp = path.with_name(f".{path.name}.tmp")
    writer(tmp)
    tmp.replace(path)
    return {"path": str(path), "bytes": path.stat().st_size}


@register("graphml", "GraphML for yEd, Cytoscape and networkx: the property graph, nodes and typed edges")
def graphml(corpus: Corpus, path: str | Path, base: str) -> dict:
    g = _graph(corpus)
    return {**_write_via_tmp(Path(path), lambda p: nx.write_graphml(g, p, encoding="utf-8")),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


@register("gexf", "GEXF for Gephi: the property graph")
def gexf(corpus: Corpus, path: str | Path, base: str) -> dict:
    g = _graph(corpus)
    return {**_write_via_tmp(Path(path), lambda p: nx.write_gexf(g, p, encoding="utf-8")),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _columns(names: Iterable[Iterable[str]]) -> list[str]:
    out: list[str] = []
    for group in names:
        out += [c for c in group if c not in out]
    return out


@register("csv", "nodes.csv and edges.csv for spreadsheets: the property graph (a directory)", directory=True)
def csv_export(corpus: Corpus, path: str | Path, base: str) -> dict:
    g = _graph(corpus)
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    node_columns = _columns([("id", "type", "labels"), *(k.properties for k in NODE_KINDS.values())])
    rows = [{**a, "id": n} for n, a in g.nodes(data=True)]
    _write_csv(out / "nodes.csv", node_columns, rows)
    edge_columns = _columns([("source", "target", "type"), *(k.properties for k in EDGE_KINDS.values())])
    edges = [{**a, "source": u, "target": v} for u, v, a in g.edges(data=True)]
    _write_csv(out / "edges.csv", edge_columns, edges)
    return {"path": str(out), "nodes": len(rows), "edges": len(edges)}


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    atomic_write(path, buf.getvalue())


# -- neo4j-admin database import -----------------------------------------------------------------------

def _admin_type(values: list[Any]) -> str:
    """The header type of a column, from its values (None is an empty field: no property)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list) for v in present):
        items = [x for v in present for x in v]
        return ":" + (_admin_type(items).lstrip(":") or "string") + "[]"
    if present and all(isinstance(v, bool) for v in present):
        return ":boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return ":long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return ":double"
    return ""


def _admin_field(value: Any) -> str:
    """One CSV field: nothing for None (no property), a quoted string (an empty one stays a value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        value = ARRAY_DELIMITER.join(map(str, value))
    return '"' + str(value).replace('"', '""') + '"'


def _write_admin_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    lines = [",".join(header)] + [",".join(_admin_field(v) for v in row) for row in rows]
    atomic_write(path, "\n".join(lines) + "\n")


@register("neo4j-csv", "CSV files for 'neo4j-admin database import': the database 'kg load neo4j' writes "
                       "(a directory)", directory=True)
def neo4j_admin(corpus: Corpus, path: str | Path, base: str) -> dict:
    """One nodes file per label set and one relationships file per type, with :ID/:LABEL/:START_ID/:END_ID/:TYPE
    headers, plus import.sh (the neo4j-admin command) and schema.cypher (the loader's constraints and indexes)."""
    from kg import projection
    from kg.neo4j.loader import TOOL, neo4j_rows, schema_statements

    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    node_groups, edge_groups = neo4j_rows(projection.project(corpus))
    files: dict[str, list[str]] = {"nodes": [], "relationships": []}
    for group in node_groups:
        key = NODE_KINDS[group.kind].key
        props = [p for p in NODE_KINDS[group.kind].properties if p != key]
        header = [f"{key}:ID", *(p + _admin_type([r["props"][p] for r in group.rows]) for p in props),
                  "kg_tool", ":LABEL"]
        labels = ARRAY_DELIMITER.join((group.kind, *group.labels))  # :LABEL is an array too
        name = "nodes_" + "_".join((group.kind, *group.labels)) + ".csv"
        _write_admin_csv(out / name, header,
                         ([r["key"], *(r["props"][p] for p in props), TOOL, labels] for r in group.rows))
        files["nodes"].append(name)
    by_type: dict[str, list[dict]] = {}
    for eg in edge_groups:
        by_type.setdefault(eg.type, []).extend(eg.rows)
    for rel, rows in sorted(by_type.items()):
        props = list(EDGE_KINDS[rel].properties)
        header = [":START_ID", ":END_ID", ":TYPE", *(p + _admin_type([r["props"][p] for r in rows]) for p in props),
                  "kg_tool"]
        name = f"relationships_{rel}.csv"
        _write_admin_csv(out / name, header,
                         ([r["source"], r["target"], rel, *(r["props"][p] for p in props), TOOL] for r in rows))
        files["relationships"].append(name)
    atomic_write(out / "import.sh", "#!/bin/sh\n# run from this directory, with the database stopped; then run "
                 "schema.cypher (cypher-shell -f schema.cypher)\n" + " ".join(import_command(files)) + "\n")
    atomic_write(out / "schema.cypher", ";\n".join(schema_statements()) + ";\n")
    # counts of what the files hold, not of the files (a user read "nodes 7" as seven nodes)
    return {"path": str(out), "nodes": sum(len(g.rows) for g in node_groups),
            "relationships": sum(len(rows) for rows in by_type.values()),
            "files": len(files["nodes"]) + len(files["relationships"]) + 2}


def import_command(files: dict[str, list[str]], database: str = "neo4j") -> list[str]:
    """The neo4j-admin arguments that import these files (also what kg.neo4j.server.admin_import runs)."""
    # the database first: after --relationships=FILE a bare word would be read as one more file
    return ["neo4j-admin", "database", "import", "full", database, *ADMIN_OPTIONS,
            *(f"--nodes={f}" for f in files["nodes"]), *(f"--relationships={f}" for f in files["relationships"])]


ADMIN_OPTIONS = ["--array-delimiter=U+001F", "--multiline-fields=true", "--ignore-empty-strings=false"]
