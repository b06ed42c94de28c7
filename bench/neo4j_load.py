#!/usr/bin/env python3
"""Neo4j load throughput: our loader against Neo4j Labs' rdflib-neo4j store, and plain batched UNWIND.

For the sample plan and synthetic corpora (default 100 and 1000 documents, each
about 0.9× the sample's graph): ``kg load neo4j``'s library call on an empty
database (nodes + relationships per second), then the same graph's RDF (every
document's named graph) through rdflib-neo4j's batched store, the reference
peer.  A plain UNWIND MERGE of 200,000 nodes and relationships gives the
ceiling on this machine.

Needs a running server: ``kg neo4j start --password …`` and NEO4J_PASSWORD.
The peer wipes the database between runs.  Workspaces are reused from
bench/scale.py when present.

    NEO4J_PASSWORD=… python bench/neo4j_load.py [--sizes 100,1000] [--peer-max 100]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORK, corpus, kg, probe, sample_dir, save, table  # noqa: E402


def workspace(label: str, docs: Path) -> Path:
    ws = WORK / f"ws-{label}"
    if not (ws / "manifest.json").exists():
        kg("-q", "-w", str(ws), "build", str(docs))
    return ws


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--peer-max", type=int, default=100, help="largest corpus to give the peer")
    ap.add_argument("--peer-timeout", type=float, default=3600)
    args = ap.parse_args()
    rows = []
    baseline = probe("unwind-baseline", "200000")
    print(f"plain UNWIND MERGE: {baseline['per_second']:,.0f} nodes+relationships/s", flush=True)
    targets = [("sample", sample_dir(), 1)] + [(str(n), corpus(n), n) for n in map(int, args.sizes.split(","))]
    for label, docs, n in targets:
        ws = workspace(label, docs)
        print(f"[{label}] plan-kg loader …", flush=True)
        ours = probe("neo4j", str(ws))
        row = {"corpus": label, "nodes": ours["nodes"], "relationships": ours["relationships"],
               "ours_s": ours["seconds"], "ours_per_s": ours["per_second"], "ours_peak_mb": ours["peak_mb"],
               "of_unwind_ceiling": ours["per_second"] / baseline["per_second"]}
        if n <= args.peer_max:
            print(f"[{label}] rdflib-neo4j …", flush=True)
            peer = probe("rdflib-neo4j", str(ws), timeout=args.peer_timeout)
            if "seconds" in peer and "per_second" in peer:
                row.update(peer_triples=peer["triples"], peer_nodes=peer["nodes"],
                           peer_relationships=peer["relationships"],
                           peer_s=peer["seconds"], peer_per_s=peer["per_second"],
                           speedup_time=peer["seconds"] / ours["seconds"],
                           speedup_throughput=ours["per_second"] / peer["per_second"])
            else:
                row.update(peer_status=peer.get("status"), peer_s=peer.get("seconds"))
            print(f"[{label}] reloading plan-kg's graph (the peer wiped it) …", flush=True)
            probe("neo4j", str(ws))
        rows.append(row)
        save("neo4j_load", {"unwind_baseline": baseline, "rows": rows})
    print(table(rows))


if __name__ == "__main__":
    main()
