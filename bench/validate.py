#!/usr/bin/env python3
"""SHACL validation of the three bundled documents: the ways of running it, timed, and the violations each finds.

Each variant runs in its own child process (wall seconds, CPU seconds, peak memory):

* ``before`` - the shapes as they were (three SPARQL constraints) on the merged dataset, pyshacl with SHACL-AF,
  the data graph copied: what ``kg validate`` did;
* ``before, per document`` - the same shapes, one named graph at a time (each document's graph holds what its
  constraints need);
* ``core shapes`` - the shapes as they are (SHACL Core only) in the old pipeline;
* ``core shapes, graph written for it`` - what ``kg validate`` does now (kg.rdf.validate.validate_corpus);
* ``kg validate`` - the command itself, start-up included.

Then the old and the new shapes run on the sample graph with defects injected one at a time: they must report
the same (focus, message) pairs.

    python bench/validate.py
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, WORK, kg, run_measured, save, table  # noqa: E402

BEFORE = "07972eeecb575538ec666bf6b52d0e929b6a327b"  # the last commit with the SPARQL constraints
BASE = "https://plan-kg.org/id/"

CHILD = r'''
import json, resource, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import pyshacl
from rdflib import Graph
from kg.graph import load_corpus, load_dataset
from kg.rdf.validate import _validate, corpus_graph, union_graph, validate_corpus
from kg.workspace import Workspace

variant, ws, shapes_path = sys.argv[1], Workspace(sys.argv[2]), sys.argv[3]
shapes = Graph().parse(shapes_path, format="turtle")

def old_pyshacl(g):
    conforms, report, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=True,
                                           allow_warnings=True)
    return conforms

if variant == "before" or variant == "core shapes":
    conforms = old_pyshacl(union_graph(load_dataset(ws, sys.argv[4])))
elif variant == "before, per document":
    conforms = all([old_pyshacl(g) for g in load_dataset(ws, sys.argv[4]).graphs() if len(g)])
else:
    conforms = not _validate(corpus_graph(load_corpus(ws), sys.argv[4]), shapes)
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "conforms": conforms}))
'''

DEFECTS = r'''
import json, sys
from rdflib import RDF, XSD, Graph, Literal, URIRef
from kg.graph import load_corpus
from kg.rdf.namespace import PLAN
from kg.rdf.validate import _validate, corpus_graph
from kg.workspace import Workspace

g0 = corpus_graph(load_corpus(Workspace(sys.argv[1])), sys.argv[2])
out = {}
for shapes_path in sys.argv[3:]:
    shapes = Graph().parse(shapes_path, format="turtle")
    found = {}
    def run(name, change):
        g = Graph()
        for t in g0:
            g.add(t)
        change(g)
        found[name] = sorted({(v.focus, v.message) for v in _validate(g, shapes)})
    first = lambda g, cls: sorted(g.subjects(RDF.type, cls))[0]
    run("none", lambda g: None)
    run("target without a value", lambda g: g.remove((first(g, PLAN.Target), PLAN.value, None)))
    run("measure without a plan", lambda g: g.remove((first(g, PLAN.Measure), PLAN.inPlan, None)))
    def no_code(g):
        bishan = URIRef(sys.argv[2] + "place/500120")
        g.remove((bishan, PLAN.adminCode, None))
        g.remove((bishan, RDF.type, PLAN.AdministrativeDivision))
    run("district without its code", no_code)
    def backwards(g):
        m = first(g, PLAN.Mention)
        g.remove((m, PLAN.end, None))
        g.add((m, PLAN.end, Literal(0, datatype=XSD.nonNegativeInteger)))
    run("mention ending before it starts", backwards)
    def unmentioned(g):
        p = first(g, PLAN.Project)
        for m in list(g.subjects(PLAN.mentionOf, p)):
            g.remove((m, PLAN.mentionOf, p))
    run("project without a mention", unmentioned)
    out[shapes_path] = found
print(json.dumps(out, ensure_ascii=False))
'''


def _child(code: str, *args: str) -> dict:
    r = run_measured([sys.executable, "-c", code, *args])
    if r["status"] != "ok":
        raise SystemExit(r["output"][-1500:])
    return json.loads(r["output"].strip().splitlines()[-1])


def main() -> None:
    ws = WORK / "ws-bundled"
    if not (ws / "manifest.json").exists():
        kg("-q", "-w", str(ws), "build", str(ROOT / "kg" / "data" / "samples"))
    old_shapes = WORK / "shapes-before.ttl"
    old_shapes.write_text(subprocess.run(["git", "-C", str(ROOT), "show", f"{BEFORE}:ontology/shapes.ttl"],
                                         capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    new_shapes = str(ROOT / "ontology" / "shapes.ttl")
    rows = []
    for variant, shapes in [("before", old_shapes), ("before, per document", old_shapes),
                            ("core shapes", new_shapes), ("core shapes, graph written for it", new_shapes)]:
        r = _child(CHILD, variant, str(ws), str(shapes), BASE)
        rows.append({"variant": variant, "seconds": r["seconds"], "cpu_seconds": r["cpu_seconds"],
                     "peak_mb": r["peak_mb"], "conforms": r["conforms"]})
        print(rows[-1], flush=True)
    r = kg("-q", "-w", str(ws), "validate")
    rows.append({"variant": "kg validate (the command, start-up included)", "seconds": r["seconds"],
                 "peak_mb": r["peak_mb"], "conforms": "conforms" in r["output"]})
    found = _child(DEFECTS, str(ws), BASE, str(old_shapes), new_shapes)
    before, after = found[str(old_shapes)], found[new_shapes]
    defects = [{"defect": name, "violations before": len(before[name]), "violations now": len(after[name]),
                "same": before[name] == after[name]} for name in before]
    save("validate", {"rows": rows, "defects": defects})
    print(table(rows, ["variant", "seconds", "cpu_seconds", "peak_mb", "conforms"]))
    print(table(defects, ["defect", "violations before", "violations now", "same"]))


if __name__ == "__main__":
    main()
