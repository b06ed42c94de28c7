"""The main job on the bundled sample plan, with embedded defaults (no server).

``kg demo`` builds the workspace from the sample plan, writes the extraction
JSON, the Turtle export and the views, and prints the answers to the
questions users ask first.  Every step is the same library call the other
commands make.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

SAMPLE = "chongqing-twin-city-action-plan-2023-2027.txt"


def sample_path(name: str = SAMPLE) -> Path:
    return Path(str(resources.files("kg") / "data" / "samples" / name))


@dataclass
class DemoResult:
    workspace: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    sections: list[tuple[str, list[str], list[dict]]] = field(default_factory=list)  # (title, columns, rows)


def run_demo(workspace, out_dir: Path, base_iri: str, progress: Callable[[str], None] | None = None,
             views: bool = True) -> DemoResult:
    from kg.build import build
    from kg.exports import get as exporter
    from kg.extract import extract_file
    from kg.graph import load_corpus, load_dataset
    from kg.rdf.sparql import engine_for, run_saved
    from kg.saved_queries import get as saved

    say = progress or (lambda m: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(workspace=workspace.path)
    plan = sample_path()

    say(f"extracting {plan.name}")
    ex = extract_file(str(plan))
    result.outputs["extraction JSON"] = out_dir / "plan.json"
    result.outputs["extraction JSON"].write_text(json.dumps(ex.to_dict(), ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    say(f"building the workspace {workspace.path}")
    report = build([str(plan)], workspace)
    if report.failed:
        from kg.errors import KGError

        raise KGError(report.failed[0].error)
    corpus = load_corpus(workspace)
    result.sections.append(("What the plan contains", ["type", "count"],
                            [{"type": k, "count": v} for k, v in ex.counts().items()]))

    say("writing the Turtle export")
    result.outputs["Turtle"] = out_dir / "plan.ttl"
    exporter("ttl").write(corpus, result.outputs["Turtle"], base_iri)

    engine = engine_for(load_dataset(workspace, base_iri), "rdflib")
    cols, rows = run_saved(engine, saved("projects-in-place"), {"place": "璧山"})
    result.sections.append(("Saved query projects-in-place --param place=璧山 (SPARQL)", cols, rows))

    from kg.analytics.shared import shared_projects

    groups = shared_projects(corpus)[:10]
    result.sections.append(("Top shared projects (places that share them)", ["places", "projects", "shared"],
                            [{"places": "、".join(g.places), "projects": "、".join(g.projects[:4]) + (
                                "…" if len(g.projects) > 4 else ""), "shared": len(g.projects)} for g in groups]))
    if views:
        from kg.views import render_html

        for name in ("overview", "districts-projects"):
            say(f"writing the {name} view")
            path = out_dir / f"{name}.html"
            render_html(corpus, name, {}, path)
            result.outputs[f"view {name}"] = path
    return result
