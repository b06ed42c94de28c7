"""Coordination commands: shared-projects, place, project, hubs, clusters, path."""
from __future__ import annotations

import click

from kg.cli import main
from kg.cli.output import emit, first, format_option, limit_option


def _corpus(settings):
    from kg.graph import load_corpus
    from kg.workspace import Workspace

    return load_corpus(Workspace(settings.workspace))


@main.command(name="shared-projects")
@click.option("--place", help="Only groups that include this place (璧山, 璧山区, Bishan or 500120).")
@click.option("--kind", help="Only projects of this kind (railway, zone, …).")
@click.option("--indirect", is_flag=True,
              help="Also list ties through regions (a project of 主城新区 for 璧山), apart from the direct ones.")
@click.option("--max-region", type=click.IntRange(min=1), default=12, show_default=True,
              help="With --indirect: only regions of at most this many divisions (成渝地区 has 44).")
@click.option("--min-shared", default=1, show_default=True, type=click.IntRange(min=1),
              help="Least number of shared projects.")
@limit_option(50)
@format_option()
@click.pass_obj
def shared_projects_cmd(settings, place, kind, indirect, max_region, min_shared, limit, fmt):
    """Places that share projects: pairs and larger groups, ranked, each tie explained in one line.

    Only divisions take part (regions such as 中心城区 are not districts), and a
    place is never paired with its own city or province.  The table lists
    direct ties, then, with --indirect, the ties through regions; JSON and CSV
    give both in one list with the 'tie' and 'via' columns and the sentences.

    \b
    Examples:
      kg shared-projects
      kg shared-projects --place 璧山 --indirect
      kg shared-projects --kind railway --format json
    """
    from kg.analytics.shared import shared_projects

    groups = shared_projects(_corpus(settings), place=place, kind=kind, indirect=indirect, min_shared=min_shared,
                             max_region=max_region)
    if fmt != "table":
        emit([g.to_row() for g in first(groups, limit)], fmt,
             ("places", "size", "shared", "projects", "tie", "via", "why", "evidence"))
        return
    direct = [g for g in groups if g.tie == "direct"]
    through = [g for g in groups if g.tie != "direct"]
    emit([g.to_row(with_evidence=False) for g in first(direct, limit)], fmt, ("places", "shared", "projects", "why"),
         max_width=90)
    if indirect:
        click.echo(f"\nthrough regions of at most {max_region} divisions:")
        emit([g.to_row(with_evidence=False) for g in first(through, limit)], fmt, ("places", "shared", "via", "why"),
             max_width=110)


@main.command()
@click.argument("name")
@limit_option()
@format_option()
@click.pass_obj
def place(settings, name, limit, fmt):
    """Everything the plans say about a place: projects (direct and through regions), measures, targets,
    organizations, partners - each with its sentence.  NAME may be 璧山, 璧山区, Bishan or 500120."""
    from kg.analytics.profiles import place_profile

    _, rows = place_profile(_corpus(settings), name)
    emit(first(rows, limit), fmt, ("aspect", "item", "detail", "document", "measure", "sentence"))


@main.command()
@click.argument("name")
@limit_option()
@format_option()
@click.pass_obj
def project(settings, name, limit, fmt):
    """Everything the plans say about a project: places, mentions, targets and organizations of its measures."""
    from kg.analytics.profiles import project_profile

    _, rows = project_profile(_corpus(settings), name)
    emit(first(rows, limit), fmt, ("aspect", "item", "detail", "document", "measure", "sentence"))


@main.command()
@limit_option(20)
@click.option("--top", "limit", type=click.IntRange(min=0), hidden=True, help="Old name of --limit.")
@click.option("--kind", help="Only projects of this kind.")
@format_option()
@click.pass_obj
def hubs(settings, limit, kind, fmt):
    """Hub places and projects: degree and betweenness centrality on the place–project graph."""
    from kg.analytics.structure import hubs as run

    emit(run(_corpus(settings), top=limit, kind=kind), fmt,
         ("entity", "type", "kind", "links", "degree", "betweenness"))


@main.command()
@limit_option()
@format_option()
@click.pass_obj
def clusters(settings, limit, fmt):
    """Clusters of places that work together (community detection on shared projects)."""
    from kg.analytics.structure import clusters as run

    emit(first(run(_corpus(settings)), limit), fmt, ("cluster", "size", "places", "shared_projects", "projects"))


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


@main.command()
@click.argument("text")
@click.option("--type", "types", multiple=True, type=click.Choice(["place", "project", "organization", "document"]),
              help="Only hits of this type (repeatable).")
@click.option("--limit", default=20, show_default=True, type=int, help="Most hits.")
@format_option()
@click.pass_obj
def search(settings, text, types, limit, fmt):
    """Find places, projects, organizations and documents by any name: name, alias, short name, division
    code, English name or pinyin (whole or initials) - what the workbench's search box does.

    \b
    Examples:
      kg search 璧山
      kg search bishan --type place
      kg search 500120 --format json
    """
    from kg.analytics.search import search as run

    emit(run(_corpus(settings), text, types=list(types) or None, limit=limit), fmt,
         ("type", "name", "key", "detail", "matched"))


@main.command(name="shared-matrix")
@click.argument("region")
@format_option()
@click.pass_obj
def shared_matrix_cmd(settings, region, fmt):
    """Pairs of a region's divisions that share projects: the district × district matrix as rows.

    REGION is a province or city (its divisions one level down: 重庆's 38 districts and counties), a
    planning region (主城新区), a composite (川渝) or several names (重庆,四川).

    \b
    Examples:
      kg shared-matrix 重庆
      kg shared-matrix 川渝 --format csv
    """
    from kg.analytics.matrix import matrix_rows

    emit(matrix_rows(_corpus(settings), region), fmt, ("a", "b", "shared", "projects"))


@main.command()
@click.argument("document")
@format_option()
@click.pass_obj
def mentions(settings, document, fmt):
    """Every entity and target mentioned in one document, in text order, with offsets and sentence
    (what the workbench's document view highlights).

    \b
    Example:
      kg mentions chongqing-twin-city-action-plan-2023-2027 --format csv
    """
    from kg.analytics.document import mentions as run

    emit(run(_corpus(settings), document), fmt, ("type", "entity", "start", "end", "text", "measure", "sentence"))
