#!/usr/bin/env python3
"""Scale: build time, peak memory, store size and saved-query latency at 1, 10, 100, 1000 documents.

For each size N (synthetic plans from bench/synth.py, each about 0.9× the sample
plan's graph) and for the sample plan itself:

* ``kg build`` in a child process: wall time, peak RSS, workspace and RDF store size;
* rdflib (in memory): graph build time, peak RSS, every saved query;
* pyoxigraph (the persistent store the build keeps): every saved query;
* Neo4j (when NEO4J_PASSWORD is set and a server answers): load time, throughput, every saved query.

    python bench/scale.py                      # 1, 10, 100, 1000 and the sample
    python bench/scale.py --sizes 1,10 --rdflib-max 10 --no-neo4j

Writes bench/results/scale.json and docs/img/scale.png; prints Markdown tables.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, WORK, corpus, du, kg, probe, sample_dir, save, table  # noqa: E402


def neo4j_available() -> bool:
    if not os.environ.get("NEO4J_PASSWORD"):
        return False
    from kg.config import Neo4jSettings
    from kg.errors import KGError
    from kg.neo4j.connection import driver

    try:
        with driver(Neo4jSettings.from_env()):
            return True
    except KGError:
        return False


def summarise(queries: dict) -> dict:
    times = [q["seconds"] for q in queries.values() if q.get("seconds") is not None]
    slowest = max(queries, key=lambda k: queries[k]["seconds"] if queries[k].get("seconds") is not None else 1e9)
    return {"median_s": statistics.median(times) if times else None,
            "max_s": None if queries[slowest].get("seconds") is None else queries[slowest]["seconds"],
            "slowest": slowest, "timeouts": sum(1 for q in queries.values() if q.get("seconds") is None)}


def measure(label: str, docs: Path, args, earlier: dict | None = None) -> dict:
    ws = WORK / f"ws-{label}"
    files = sorted(p for p in docs.iterdir() if p.suffix == ".txt")
    row: dict = {"size": label, "documents": len(files), "text_mb": sum(p.stat().st_size for p in files) / 2**20}
    if args.reuse and earlier and (ws / "manifest.json").exists():
        print(f"[{label}] reusing the workspace and build figures of the earlier run", flush=True)
        kg("-q", "-w", str(ws), "build", str(docs))  # brings the RDF store up to date with the code
        row.update({k: earlier[k] for k in ("build_s", "build_peak_mb", "store_mb", "workspace_mb")})
    else:
        if ws.exists():
            shutil.rmtree(ws)
        print(f"[{label}] building {len(files)} documents …", flush=True)
        r = kg("-q", "-w", str(ws), "build", str(docs))
        row.update(build_s=r["seconds"], build_peak_mb=r["peak_mb"], store_mb=du(ws / "rdf-store") / 2**20,
                   workspace_mb=du(ws) / 2**20)
    print(f"[{label}] oxigraph queries …", flush=True)
    ox = probe("oxigraph", str(ws))
    row.update(quads=ox.get("quads"), oxigraph=ox)
    if len(files) <= args.rdflib_max:
        print(f"[{label}] rdflib …", flush=True)
        row["rdflib"] = probe("rdflib", str(ws), str(args.query_timeout), timeout=args.rdflib_timeout)
    if args.neo4j:
        print(f"[{label}] neo4j load and queries …", flush=True)
        row["neo4j"] = probe("neo4j", str(ws))
        row["neo4j_queries"] = probe("neo4j-queries", str(ws))
    return row


def flat(rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        f = {k: r[k] for k in ("size", "documents", "text_mb", "quads", "build_s", "build_peak_mb", "store_mb")}
        if "rdflib" in r and "queries" in r["rdflib"]:
            s = summarise(r["rdflib"]["queries"])
            f.update(rdflib_load_s=r["rdflib"]["graph_seconds"] + r["rdflib"]["corpus_seconds"],
                     rdflib_peak_mb=r["rdflib"]["peak_mb"], rdflib_median_q_s=s["median_s"], rdflib_max_q_s=s["max_s"])
        ox = r.get("oxigraph", {})
        if "queries" in ox:
            s = summarise(ox["queries"])
            f.update(oxigraph_median_q_s=s["median_s"], oxigraph_max_q_s=s["max_s"], oxigraph_slowest=s["slowest"])
        if "neo4j" in r and "seconds" in r["neo4j"]:
            f.update(neo4j_load_s=r["neo4j"]["seconds"], neo4j_per_s=r["neo4j"]["per_second"])
        if "queries" in r.get("neo4j_queries", {}):
            s = summarise(r["neo4j_queries"]["queries"])
            f.update(neo4j_median_q_s=s["median_s"], neo4j_max_q_s=s["max_s"])
        out.append(f)
    return out


def per_query(row: dict) -> list[dict]:
    names = sorted(row["oxigraph"]["queries"])
    out = []
    for n in names:
        q = {"query": n, "rows": row["oxigraph"]["queries"][n]["rows"],
             "oxigraph_s": row["oxigraph"]["queries"][n]["seconds"]}
        if "rdflib" in row and "queries" in row["rdflib"]:
            q["rdflib_s"] = row["rdflib"]["queries"][n]["seconds"]
        if "neo4j_queries" in row and "queries" in row["neo4j_queries"]:
            q["neo4j_s"] = row["neo4j_queries"]["queries"][n]["seconds"]
        out.append(q)
    return out


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pts = [r for r in flat(rows) if r["size"] != "sample"]
    n = [r["documents"] for r in pts]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    ax = axes[0]
    ax.loglog(n, [r["build_s"] for r in pts], "o-", label="kg build (extract + RDF store)")
    if any("neo4j_load_s" in r for r in pts):
        have = [r for r in pts if "neo4j_load_s" in r]
        ax.loglog([r["documents"] for r in have], [r["neo4j_load_s"] for r in have], "s-", label="kg load neo4j")
    if any("rdflib_load_s" in r for r in pts):
        have = [r for r in pts if "rdflib_load_s" in r]
        ax.loglog([r["documents"] for r in have], [r["rdflib_load_s"] for r in have], "^-",
                  label="rdflib graph in memory")
    ax.loglog(n, [x * pts[-1]["build_s"] / n[-1] for x in n], ":", color="grey", label="linear")
    ax.set(xlabel="documents", ylabel="seconds", title="Build and load time")
    ax.legend(fontsize=8)
    ax = axes[1]
    ax.loglog(n, [r["build_peak_mb"] for r in pts], "o-", label="kg build peak RSS")
    ax.loglog(n, [r["store_mb"] for r in pts], "d-", label="oxigraph store on disk")
    if any("rdflib_peak_mb" in r for r in pts):
        have = [r for r in pts if "rdflib_peak_mb" in r]
        ax.loglog([r["documents"] for r in have], [r["rdflib_peak_mb"] for r in have], "^-", label="rdflib peak RSS")
    ax.set(xlabel="documents", ylabel="MB", title="Memory and store size")
    ax.legend(fontsize=8)
    ax = axes[2]
    for key, label, style in (("oxigraph_max_q_s", "oxigraph (slowest saved query)", "o-"),
                              ("neo4j_max_q_s", "Neo4j (slowest saved query)", "s-"),
                              ("rdflib_max_q_s", "rdflib (slowest saved query)", "^-")):
        xs = [r["documents"] for r in pts if r.get(key) is not None]
        if xs:
            ax.loglog(xs, [r[key] for r in pts if r.get(key) is not None], style, label=label)
    ax.axhline(1.0, color="grey", ls=":", label="1 s")
    ax.set(xlabel="documents", ylabel="seconds", title="Saved-query latency")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,100,1000")
    ap.add_argument("--rdflib-max", type=int, default=100, help="largest corpus to load into rdflib")
    ap.add_argument("--rdflib-timeout", type=float, default=3600)
    ap.add_argument("--query-timeout", type=float, default=120)
    ap.add_argument("--no-neo4j", dest="neo4j", action="store_false")
    ap.add_argument("--no-sample", dest="sample", action="store_false")
    ap.add_argument("--keep", action="store_true", help="keep the earlier results of sizes not measured this time")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: re-measure the queries on the existing workspaces, keep the build figures")
    args = ap.parse_args()
    if args.neo4j and not neo4j_available():
        print("Neo4j: no server answers with $NEO4J_PASSWORD; skipping it (start one with 'kg neo4j start')")
        args.neo4j = False
    earlier = {}
    if args.keep and (RESULTS / "scale.json").exists():
        earlier = {r["size"]: r for r in json.loads((RESULTS / "scale.json").read_text(encoding="utf-8"))["rows"]}
    order = ["sample", "1", "10", "100", "1000"]
    measured = {}

    def rows_now():
        merged = {**earlier, **measured}
        return sorted(merged.values(), key=lambda r: (order.index(r["size"]) if r["size"] in order else 99,
                                                        r["documents"]))

    if args.sample:
        measured["sample"] = measure("sample", sample_dir(), args, earlier.get("sample"))
    for n in [int(x) for x in args.sizes.split(",") if x]:
        measured[str(n)] = measure(str(n), corpus(n), args, earlier.get(str(n)))
        save("scale", {"rows": rows_now()})
    rows = rows_now()
    save("scale", {"rows": rows})
    plot(rows, ROOT / "docs" / "img" / "scale.png")
    print(table(flat(rows)))
    print()
    print(table(per_query(rows[-1])))
    print(json.dumps({"plot": "docs/img/scale.png", "results": "bench/results/scale.json"}))


if __name__ == "__main__":
    main()
