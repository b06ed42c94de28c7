"""Coordination commands: shared-projects, place, project, hubs, clusters, path."""
from __future__ import annotations

import click

from kg.cli import main
from kg.cli.output import emit, format_option


def _corpus(settings):
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    return load_corpus(Workspace(settings.workspace))


@main.command(name="shared-projects")
@click.option("--place", help="Only groups that include this place (璧山, 璧山区, Bishan or 500120).")
@click.option("--kind", help="Only projects of this kind (railway, zone, …).")
@click.option("--indirect", is_flag=True, help="Also count ties through regions (a project of 主城新区 for 璧山), marked indirect.")
@click.option("--min-shared", default=1, show_default=True, type=int, help="Least number of shared projects.")
@click.option("--limit", default=50, show_default=True, type=int, help="Most rows (0: all).")
@format_option()
@click.pass_obj
def shared_projects_cmd(settings, place, kind, indirect, min_shared, limit, fmt):
    """Places that share projects: pairs and larger groups, ranked, with the source sentences.

    \b
    Examples:
      kg shared-projects
      kg shared-projects --place 璧山 --indirect
      kg shared-projects --kind railway --format json
    """
    from kg.analytics.shared import shared_projects

    groups = shared_projects(_corpus(settings), place=place, kind=kind, indirect=indirect, min_shared=min_shared)
    if limit:
        groups = groups[:limit]
    if fmt == "table":
        emit([g.to_row(with_evidence=False) for g in groups], fmt, ("places", "shared", "projects", "tie"))
    else:
        emit([g.to_row() for g in groups], fmt, ("places", "size", "shared", "projects", "tie", "evidence"))


@main.command()
@click.argument("name")
@format_option()
@click.pass_obj
def place(settings, name, fmt):
    """Everything the plans say about a place: projects (direct and through regions), measures, targets,
    organizations, partners - each with its sentence.  NAME may be 璧山, 璧山区, Bishan or 500120."""
    from kg.analytics.profiles import place_profile

    _, rows = place_profile(_corpus(settings), name)
    emit(rows, fmt, ("aspect", "item", "detail", "document", "measure", "sentence"))


@main.command()
@click.argument("name")
@format_option()
@click.pass_obj
def project(settings, name, fmt):
    """Everything the plans say about a project: places, mentions, targets and organizations of its measures."""
    from kg.analytics.profiles import project_profile

    _, rows = project_profile(_corpus(settings), name)
    emit(rows, fmt, ("aspect", "item", "detail", "document", "measure", "sentence"))


@main.command()
@click.option("--top", default=20, show_default=True, type=int)
@click.option("--kind", help="Only projects of this kind.")
@format_option()
@click.pass_obj
def hubs(settings, top, kind, fmt):
    """Hub places and projects: degree and betweenness centrality on the place–project graph."""
    from kg.analytics.structure import hubs as run

    emit(run(_corpus(settings), top=top, kind=kind), fmt, ("entity", "type", "kind", "links", "degree", "betweenness"))


@main.command()
@format_option()
@click.pass_obj
def clusters(settings, fmt):
    """Clusters of places that work together (community detection on shared projects)."""
    from kg.analytics.structure import clusters as run

    emit(run(_corpus(settings)), fmt, ("cluster", "size", "places", "shared_projects", "projects"))


@main.command()
@click.argument("a")
@click.argument("b")
@format_option()
@click.pass_obj
def path(settings, a, b, fmt):
    """The shortest chain of evidence between two entities, with the sentence for each step.

    \b
    Example:
      kg path 璧山 重庆新机场
    """
    from kg.analytics.structure import path as run

    rows = run(_corpus(settings), a, b)
    if not rows:
        raise click.ClickException(f"nothing in the plans connects '{a}' and '{b}'")
    emit(rows, fmt, ("step", "from", "relation", "to", "document", "measure", "sentence"))
