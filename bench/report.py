#!/usr/bin/env python3
"""Render docs/benchmarks.md from the last results in bench/results/*.json.

    python bench/report.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, table  # noqa: E402


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def machine_line(data: dict) -> str:
    m = data["machine"]
    return f"_Measured {m['date']} on {m['cpus']} CPUs, {m['memory_mb'] // 1024} GiB, Python {m['python']}._"


def main() -> None:
    from scale import flat, per_query

    out = ["# Benchmarks", "",
           "Run by hand (`bench/`), never in the tests; numbers from one run on a noisy 2-core machine, so read "
           "ratios and orders of magnitude, not the last digit. Regenerate this page with `python bench/report.py` "
           "after running the scripts below.", ""]
    ex = load("extraction")
    if ex:
        out += ["## Extraction (`bench/extraction.py`)", "", machine_line(ex), "",
                "Cleaned text per second and the process's peak memory; the last row is one 2.7 MB document "
                "made of the 100 synthetic plans joined together (about 50 times the sample plan).", "",
                table(ex["rows"], ["document", "kb", "seconds", "kb_per_s", "peak_mb", "measures", "projects",
                                   "places", "targets"]), ""]
    sc = load("scale")
    if sc:
        rows = sc["rows"]
        out += ["## Scale: build, stores and saved queries (`bench/scale.py`)", "", machine_line(sc), "",
                "Synthetic corpora from `bench/synth.py` (each document ≈ 0.9× the sample plan's graph, entities "
                "shared across documents the way real plans share them) and the sample plan. `build` is "
                "`kg build` (extraction, workspace, persistent oxigraph store) in a child process; rdflib is the "
                "in-memory graph; query columns are the median and the slowest of the 15 saved queries.", "",
                "![growth](img/scale.png)", "",
                table(flat(rows), ["size", "documents", "text_mb", "quads", "build_s", "build_peak_mb", "store_mb",
                                   "rdflib_load_s", "rdflib_peak_mb", "rdflib_median_q_s", "rdflib_max_q_s",
                                   "oxigraph_median_q_s", "oxigraph_max_q_s", "neo4j_load_s", "neo4j_per_s",
                                   "neo4j_median_q_s", "neo4j_max_q_s"]), ""]
        out += ["### Which store for which size", "",
                "* **A few to hundreds of documents**: the persistent oxigraph store, the default of `kg query` / "
                "`kg sparql` (`--store auto`, whenever pyoxigraph is installed - it is in the base install; "
                "`kg build` keeps it current, and a query on a current store does not even load the corpus: "
                "see the latency table below). rdflib in memory (`--store rdflib`) rebuilds the graph on every "
                "start: a second on the sample, seconds to load and over a GB of memory at 100 documents.",
                "* **A thousand documents**: Neo4j (`kg load neo4j`, `kg query NAME --engine cypher`): every saved "
                "query answers in under a second. Oxigraph still answers the focused queries (one place, one "
                "project, one measure) in milliseconds, but the list queries that return tens of thousands of "
                "rows (organization responsibilities, targets by indicator or year) take several seconds.", ""]
        for r in rows:
            if r["size"] in ("sample", "100", "1000") and "queries" in r.get("oxigraph", {}):
                out += [f"### Every saved query at size {r['size']} (seconds)", "", table(per_query(r)), ""]
    lt = load("latency")
    if lt:
        runs = lt["runs"]
        labels = [x for x in ("before", "after") if x in runs] + [x for x in runs if x not in ("before", "after")]
        commands = [r["command"] for r in runs[labels[-1]]["rows"]]
        rows = []
        for c in commands:
            row = {"command": f"`{c}`"}
            for label in labels:
                hit = next((r for r in runs[label]["rows"] if r["command"] == c), None)
                row[f"{label}_s"] = hit["median_s"] if hit else None
            rows.append(row)
        out += ["## What a user waits for (`bench/latency.py`)", "", machine_line(runs[labels[-1]]), "",
                "Wall clock of one command as a user types it (a fresh process, start-up included) on the three "
                "bundled documents, median of 5 after a warm-up run. `before` is the code before the warm path "
                "of issue 15 (rdflib graph rebuilt at every start, SPARQL parsed by rdflib to check it, the "
                "corpus loaded to check the store), `after` the persistent store answered directly. Measured on "
                "a shared, busy 2-core machine: compare the columns, not the digits.", "",
                table(rows, ["command", *[f"{x}_s" for x in labels]]), ""]
    nl = load("neo4j_load")
    if nl:
        out += ["## Neo4j load (`bench/neo4j_load.py`)", "", machine_line(nl), "",
                f"Plain batched `UNWIND … MERGE` of {nl['unwind_baseline']['nodes']:,} nodes and as many "
                f"relationships runs at {nl['unwind_baseline']['per_second']:,.0f} elements/s here: the ceiling. "
                "The peer is Neo4j Labs' `rdflib-neo4j` store (batched) loading the same graph's triples.", "",
                table(nl["rows"]), ""]
    vw = load("views")
    if vw:
        out += ["## Views (`bench/views.py`)", "", machine_line(vw), "",
                "Time to write each view as HTML and as PNG, and until the page says it is interactive "
                "(`window.kgReady`) in headless Chromium.", "", table(vw["rows"]), ""]
    wb = load("web")
    if wb:
        out += ["## Workbench pages (`bench/web.py`)", "", machine_line(wb), "",
                "`kg serve` in a child process, each page opened in headless Chromium after one warm-up visit; "
                "medians of the runs. `ttfb_ms`: the server's answer starts; `interactive_ms`: the page's script "
                "has wired search, tables and downloads (the `kg-ready` mark); `drawn_ms`: ECharts has drawn the "
                "map. The place page is the busiest place of the corpus (most projects) and 璧山.", "",
                table([r for r in wb["pages"] if "error" not in r],
                      ["workspace", "page", "ttfb_ms", "interactive_ms", "drawn_ms", "html_kb", "server_start_s"]), ""]
        fw = wb.get("framework")
        if fw:
            out += ["What Flask costs on the endpoint's server (median of 200 requests, milliseconds): the endpoint's "
                    f"own `/sparql` service description {fw['sparql_description_ms']:.1f}, a static file through "
                    f"Flask {fw['flask_static_file_ms']:.1f}, a search through Flask {fw['flask_search_api_ms']:.1f}.",
                    ""]
        if wb.get("libraries"):
            out += ["Drawing the same county boundaries (canvas, no tiles), milliseconds to the first full frame:", "",
                    table(wb["libraries"], ["case", "library", "units", "draw_ms"]), ""]
    an = load("analytics")
    if an:
        out += ["## Analytics (`bench/analytics.py`)", "", machine_line(an), "",
                table(an["rows"], ["corpus", "command", "seconds", "rows", "peak_mb"]), ""]
    va = load("validate")
    if va:
        out += ["## SHACL validation (`bench/validate.py`)", "", machine_line(va), "",
                "`kg validate` on the three bundled documents, and the ways of running it that were measured "
                "(docs/decisions/0007-fast-validation.md): wall and CPU seconds (the machine is shared, so CPU "
                "seconds are the steadier number) and peak memory, each in its own process.", "",
                table(va["rows"], ["variant", "seconds", "cpu_seconds", "peak_mb", "conforms"]), "",
                "The shapes before and now, on the sample graph with one defect injected at a time: the same "
                "(focus node, message) pairs.", "",
                table(va["defects"], ["defect", "violations before", "violations now", "same"]), ""]
    ep = load("endpoint")
    if ep:
        out += ["## SPARQL endpoint: light queries beside heavy ones (`bench/endpoint.py`)", "", machine_line(ep), "",
                f"A heavy query (a counted cartesian product, {ep['alone']['heavy_s']:.1f} s alone) is sent by one "
                "or two clients while another client sends light queries (20 project names, "
                f"{ep['alone']['light_s'] * 1000:.0f} ms alone) one after another until the heavy ones are done. "
                "Seconds; the median of the runs. The designs and the choice: "
                "docs/decisions/0010-endpoint-fair-workers.md.", "",
                table(ep["rows"], ["design", "scenario", "light_median_s", "light_max_s", "heavy_all_done_s",
                                   "light_queries", "statuses", "workers_idle_rss_mb"]), ""]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(out), encoding="utf-8")
    print("wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
