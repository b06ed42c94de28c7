"""Commands about documents: extract, build, stats."""
from __future__ import annotations

import json
import sys

import click

from kg.cli import main, status
from kg.cli.output import emit, format_option

_ENTITY_COLUMNS = {
    "projects": ("name", "kind", "places", "measures", "status", "aliases"),
    "places": ("name", "kind", "code", "parent", "name_en", "measures"),
    "organizations": ("name", "kind", "responsible_for", "measures", "aliases"),
    "targets": ("indicator", "comparator", "value", "unit", "year", "measure", "text"),
    "results": ("indicator", "comparator", "value", "unit", "year", "measure", "text"),
    "measures": ("number", "title", "section", "deadline", "lead"),
    "sections": ("number", "label", "title", "intro", "year", "measures"),
}


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the whole extraction as JSON (the documented contract).")
@click.option("--type", "entity_type", type=click.Choice(sorted(_ENTITY_COLUMNS)),
              help="Print the rows of one entity type instead of the summary.")
@click.option("--encoding", help="Force the text encoding (e.g. gb18030) instead of detecting it.")
@click.option("--max-bytes", type=int, help="Refuse documents larger than this.  [default: 16 MB or $KG_MAX_BYTES]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the JSON to FILE instead of stdout.")
@format_option()
@click.pass_obj
def extract(settings, file, as_json, entity_type, encoding, max_bytes, output, fmt):
    """Extract measures, projects, places, organizations and targets from FILE.

    Targets are the goals the document sets; results are the figures it reports as already
    achieved (a work report's review of past years), kept apart and listed with --type results.

    \b
    Examples:
      kg extract plan.txt --json > plan.json
      kg extract plan.html --type projects --format csv
    """
    from kg.extract import extract_file

    ex = extract_file(file, encoding=encoding, max_bytes=max_bytes)
    for w in ex.warnings:
        status(settings, f"warning: {w}")
    if as_json or output:
        text = json.dumps(ex.to_dict(), ensure_ascii=False, indent=1)
        if output:
            from pathlib import Path

            Path(output).write_text(text + "\n", encoding="utf-8")
            status(settings, f"wrote {output}")
        else:
            click.echo(text)
        return
    data = ex.to_dict()
    if entity_type:
        emit(data[entity_type], fmt, _ENTITY_COLUMNS[entity_type])
        return
    rows = [{"type": k, "count": v} for k, v in ex.counts().items()]
    if fmt == "table":
        click.echo(f"{ex.document.title}  ({ex.document.id}, {ex.document.kind}, "
                   f"{(ex.document.period or {}).get('start', '')}–{(ex.document.period or {}).get('end', '')})")
    emit(rows, fmt, ("type", "count"))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--force", is_flag=True, help="Re-extract documents even when their content is unchanged.")
@click.option("--encoding", help="Force the text encoding of every document.")
@click.option("--max-bytes", type=int, help="Refuse documents larger than this.  [default: 16 MB or $KG_MAX_BYTES]")
@format_option()
@click.pass_obj
def build(settings, paths, force, encoding, max_bytes, fmt):
    """Build the workspace from documents (files or directories).

    A document that fails is reported and the others are still built; an
    unchanged document (same content hash) is not extracted again.

    \b
    Examples:
      kg build plan.txt
      kg build plans/ --workspace ./graph
    """
    from kg.build import build as build_docs
    from kg.build import expand
    from kg.cli.progress import Progress, live
    from kg.workspace import Workspace

    ws = Workspace(settings.workspace)
    total, done = len(expand(paths)), [0]
    with Progress(settings, "building", total=total) as bar:
        def on_document(result):
            done[0] += 1
            bar.advance(item=result.document or result.source)
            mark = {"built": "built", "unchanged": "unchanged", "failed": "FAILED"}[result.status]
            if result.status != "failed" and live(settings):
                return  # on a terminal the bar says it; a failure, or a log without a bar, gets its line
            detail = result.error if result.error else \
                f"{result.document}: {result.counts.get('projects', 0)} projects, " \
                f"{result.counts.get('targets', 0)} targets ({result.seconds:.1f}s)"
            counter = f"[{done[0]}/{total}] " if total > 1 else ""
            bar.log(f"{counter}{mark:9} {result.source}  {detail}")

        def step(message):
            bar.note(message)
            if not live(settings):
                status(settings, message)

        report = build_docs(paths, ws, force=force, encoding=encoding, max_bytes=max_bytes, on_document=on_document,
                            base_iri=settings.base_iri, progress=step)
    if fmt != "table" or len(report.results) > 1:
        emit(report.rows(), fmt)
    unchanged = sum(1 for r in report.results if r.status == "unchanged")
    status(settings, f"workspace {ws.path}: {len(report.built)} built, {unchanged} unchanged, "
                     f"{len(report.failed)} failed")
    if report.failed and not report.built and not any(r.status == "unchanged" for r in report.results):
        raise click.ClickException("no document could be built")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--details", is_flag=True, help="Print every finding instead of the counts per check.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any check finds something.")
@format_option()
@click.pass_obj
def audit(settings, paths, details, strict, fmt):
    """Check extractions for output that is wrong on its face (no gold needed).

    Extracts every document in PATHS (files or directories) and counts, per
    check, titles without their region, periods that are not the document's,
    names that begin with a function word, quote variants, page chrome,
    measures in work reports and criticisms taken as projects.  Every count is
    expected to be zero.

    \b
    Examples:
      kg audit tests/fixtures/corpus/
      kg audit plans/ --details --format csv
    """
    from kg.audit import audit as run_audit
    from kg.audit import summary
    from kg.build import expand
    from kg.extract import extract_file

    files = expand(paths)
    extractions = []
    with click.progressbar(files, label="extracting", file=sys.stderr,
                           hidden=settings.quiet) as bar:
        for path in bar:
            extractions.append(extract_file(str(path)))
    findings = run_audit(extractions)
    if details:
        emit([f.to_row() for f in findings], fmt, ("check", "document", "text", "detail"))
    else:
        emit(summary(findings), fmt, ("check", "count", "documents", "what"))
    if strict and findings:
        raise click.ClickException(f"{len(findings)} suspicious findings in {len(files)} documents")


@main.command()
@format_option()
@click.pass_obj
def stats(settings, fmt):
    """Counts by entity type, per document in the workspace."""
    from kg.build import stats as stats_rows
    from kg.workspace import Workspace

    emit(stats_rows(Workspace(settings.workspace)), fmt)


@main.command()
@click.option("-o", "--output", "out_dir", default="kg-demo", show_default=True, type=click.Path(file_okay=False),
              help="Directory for everything the demo writes, its workspace included (unless --workspace is given).")
@click.option("--no-views", is_flag=True, help="Skip the HTML views.")
@click.pass_obj
def demo(settings, out_dir, no_views):
    """Run the main job on the bundled sample plan (no server needed).

    Extracts Chongqing's 2023–2027 twin-city action plan, builds a workspace
    (OUTPUT/workspace unless -w/$KG_WORKSPACE names one), writes the
    extraction JSON, the Turtle export and the views under OUTPUT, and prints
    the answers to the first questions users ask.

    \b
    Examples:
      kg demo
      kg demo -o /tmp/try-kg --no-views
    """
    from pathlib import Path

    from kg.cli.output import render
    from kg.demo import run_demo
    from kg.workspace import Workspace

    out = Path(out_dir)
    workspace = Workspace(settings.workspace or out / "workspace")
    result = run_demo(workspace, out, settings.base_iri,
                      progress=lambda m: status(settings, m), views=not no_views)
    for title, cols, rows in result.sections:
        click.echo(f"\n== {title}")
        click.echo(render(rows, "table", cols))
    click.echo("\n== Files")
    files = [{"what": what, "path": str(path)} for what, path in result.outputs.items()]
    files.append({"what": "workspace", "path": str(result.workspace)})
    click.echo(render(files, "table", ["what", "path"]))
    click.echo(f"\nnext: kg -w {result.workspace} queries")


@main.command(name="diff")
@click.argument("old")
@click.argument("new")
@click.option("--only", type=click.Choice(["targets", "projects"]), help="Only this kind of change.")
@format_option()
@click.pass_obj
def diff_cmd(settings, old, new, only, fmt):
    """What changed between two plans or two versions: targets added, removed or changed; projects added or dropped.

    OLD and NEW are document ids of the workspace or files.

    \b
    Examples:
      kg diff plan-2023.txt plan-2024.txt
      kg diff chongqing-twin-city-action-plan-2023-2027 sichuan-2026-government-work-report --only targets
    """
    from pathlib import Path

    from kg.diff import diff
    from kg.extract import extract_file
    from kg.workspace import Workspace

    def get(ref):
        if Path(ref).is_file():
            return extract_file(ref)
        ws = Workspace(settings.workspace)
        if ws.exists() and ref in ws.document_ids():
            return ws.load(ref)
        from kg.errors import KGError

        raise KGError(f"'{ref}' is neither a file nor a document of the workspace {ws.path}")

    rows = diff(get(old), get(new))
    if only:
        rows = [r for r in rows if r["change"].startswith(only[:-1])]
    emit(rows, fmt, ("change", "item", "old", "new", "sentence"))


@main.command()
@format_option()
@click.pass_obj
def merges(settings, fmt):
    """The cross-document merge report: every merge of two names into one entity, with its evidence."""
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    corpus = load_corpus(Workspace(settings.workspace))
    emit(corpus.merges, fmt, ("type", "into", "merged", "evidence", "documents"))
