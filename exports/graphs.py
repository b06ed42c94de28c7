"""Graph-tool exports from the networkx projection: GraphML (yEd, Cytoscape),
GEXF (Gephi), CSV nodes/edges (spreadsheets) and the CSV layout of
``neo4j-admin database import``."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kg.exports import register
from kg.workspace import atomic_write


def _clean(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML/GEXF want simple attribute values: no None, no lists."""
    h = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        h.add_node(n, **{k: ("" if v is None else v) for k, v in a.items()})
    for u, v, k, a in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{kk: ("" if vv is None else vv) for kk, vv in a.items()})
    return h


def _graph(corpus):
    from kg.analytics.network import to_networkx

    return _clean(to_networkx(corpus))


def _write_via_tmp(path: Path, writer) -> dict:
    tmp = path.with_name(f".{path.name}.tmp")
    writer(tmp)
    tmp.replace(path)
    return {"path": str(path), "bytes": path.stat().st_size}


@register("graphml", "GraphML for yEd, Cytoscape and networkx: nodes and typed edges with names, codes, counts")
def graphml(corpus, path, base):
    g = _graph(corpus)
    return {**_write_via_tmp(Path(path), lambda p: nx.write_graphml(g, p, encoding="utf-8")),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


@register("gexf", "GEXF for Gephi")
def gexf(corpus, path, base):
    g = _graph(corpus)
    return {**_write_via_tmp(Path(path), lambda p: nx.write_gexf(g, p, encoding="utf-8")),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


NODE_COLUMNS = ["id", "type", "name", "name_en", "code", "kind", "aliases", "documents", "mentions"]
EDGE_COLUMNS = ["source", "target", "type", "count"]


@register("csv", "nodes.csv and edges.csv for spreadsheets (a directory)", directory=True)
def csv_export(corpus, path, base):
    g = _graph(corpus)
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    rows = [{"id": n, **{c: a.get(c, "") for c in NODE_COLUMNS[1:]}} for n, a in sorted(g.nodes(data=True))]
    _write_csv(out / "nodes.csv", NODE_COLUMNS, rows)
    edges = [{"source": u, "target": v, "type": a.get("type", k), "count": a.get("count", 1)}
             for u, v, k, a in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))]
    _write_csv(out / "edges.csv", EDGE_COLUMNS, edges)
    return {"path": str(out), "nodes": len(rows), "edges": len(edges)}


def _write_csv(path: Path, columns, rows) -> None:
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    atomic_write(path, buf.getvalue())


@register("neo4j-csv", "CSV files in the layout of 'neo4j-admin database import' (a directory)", directory=True)
def neo4j_admin(corpus, path, base):
    """One nodes file per label and one relationships file per type, with :ID/:LABEL/:START_ID/:END_ID/:TYPE headers."""
    g = _graph(corpus)
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list] = {}
    for n, a in sorted(g.nodes(data=True)):
        by_label.setdefault(a.get("type", "Node"), []).append((n, a))
    files = {"nodes": [], "relationships": []}
    counts = {"nodes": 0, "relationships": 0}
    for label, nodes in sorted(by_label.items()):
        header = ["id:ID", "name", "name_en", "code", "kind", "aliases:string[]", "documents:int", "mentions:int", ":LABEL"]
        rows = [[n, a.get("name", ""), a.get("name_en", ""), a.get("code", ""), a.get("kind", ""),
                 (a.get("aliases") or "").replace("|", ";"), a.get("documents", 0), a.get("mentions", 0), label]
                for n, a in nodes]
        name = f"nodes_{label}.csv"
        _write_rows(out / name, header, rows)
        files["nodes"].append(name)
        counts["nodes"] += len(rows)
    by_type: dict[str, list] = {}
    for u, v, k, a in sorted(g.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        by_type.setdefault(a.get("type", k), []).append((u, v, a))
    for rel, edges in sorted(by_type.items()):
        name = f"relationships_{rel}.csv"
        _write_rows(out / name, [":START_ID", ":END_ID", ":TYPE", "count:int"],
                    [[u, v, rel, a.get("count", 1)] for u, v, a in edges])
        files["relationships"].append(name)
        counts["relationships"] += len(edges)
    cmd = "neo4j-admin database import full " + " ".join(
        [f"--nodes={f}" for f in files["nodes"]] + [f"--relationships={f}" for f in files["relationships"]])
    atomic_write(out / "import.sh", "#!/bin/sh\n# run from this directory\n" + cmd + " neo4j\n")
    # counts of what the files hold, not of the files (a user read "nodes 7" as seven nodes)
    return {"path": str(out), **counts, "files": len(files["nodes"]) + len(files["relationships"]) + 1}


def _write_rows(path: Path, header, rows) -> None:
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    atomic_write(path, buf.getvalue())
