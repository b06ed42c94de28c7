"""What a coordinator reads: shared projects without noise, chains of evidence, names as users type them."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from kg.analytics.names import UnknownName, resolve, suggest
from kg.analytics.shared import DEFAULT_MAX_REGION, region_size, shared_projects
from kg.analytics.structure import path
from kg.cli import main


@pytest.fixture(scope="module")
def corpus(built_workspace):
    from kg.graph import load_corpus

    return load_corpus(built_workspace)


def _contains(corpus, outer: str, inner: str) -> bool:
    """``outer`` contains ``inner``: by the corpus's ancestors or by the administrative code."""
    if outer in corpus.ancestors(inner):
        return True
    a, b = corpus.places[outer].code or "", corpus.places[inner].code or ""
    return bool(a and b and a != b and (a.endswith("0000") and b[:2] == a[:2] or a.endswith("00") and b[:4] == a[:4]))


# -- shared projects -------------------------------------------------------------------------

def test_no_place_is_paired_with_its_own_city_or_province(corpus):
    groups = shared_projects(corpus, indirect=True)
    assert groups
    for g in groups:
        for a in g.place_ids:
            for b in g.place_ids:
                assert a == b or not _contains(corpus, a, b), (g.places, a, b)
    rongchang_pairs = [g.places for g in groups if "荣昌" in g.places and "重庆" in g.places]
    assert rongchang_pairs == []


def test_regions_are_not_districts(corpus):
    for g in shared_projects(corpus, indirect=True):
        assert all(corpus.places[p].code for p in g.place_ids), g.places
    assert not any("中心城区" in g.places for g in shared_projects(corpus, indirect=True))


def test_indirect_ties_are_apart_and_only_through_small_regions(corpus):
    direct = shared_projects(corpus)
    assert direct and all(g.tie == "direct" for g in direct)
    both = shared_projects(corpus, indirect=True)
    ties = [g.tie for g in both]
    assert ties == sorted(ties, key=lambda t: t != "direct")  # direct first, then the indirect ones
    indirect = [g for g in both if g.tie == "indirect"]
    assert indirect
    by_name = {p.name: p.id for p in corpus.places.values()}
    for g in indirect:
        assert g.via and all(region_size(corpus, by_name[r]) <= DEFAULT_MAX_REGION for r in g.via), g.via
        assert not {"成渝地区", "成渝地区双城经济圈", "西南", "西部地区"} & set(g.via)
    # 中心城区至南川市域铁路 ties 南川 (named) to the nine districts of 中心城区 (a region of 9)
    pair = next(g for g in indirect if set(g.places) == {"九龙坡", "南川"})
    assert pair.via == ["中心城区"] and "中心城区至南川市域铁路" in pair.projects
    # but not two of those nine to each other: sharing their own region's project is no news
    assert not any(set(g.places) == {"九龙坡", "北碚"} for g in indirect)
    smaller = shared_projects(corpus, indirect=True, max_region=8)
    assert not any("中心城区" in g.via for g in smaller)


def test_each_tie_is_explained_in_one_line(corpus, built_workspace, runner):
    for g in shared_projects(corpus, indirect=True):
        assert g.why and "\n" not in g.why
        assert g.projects[0] in g.why or "each located in" in g.why
        for r in g.via:
            assert r in g.why
    bishan = shared_projects(corpus, place="璧山")
    assert [(g.places, g.why) for g in bishan] == [(["璧山", "铜梁"], "璧铜线 is located in both places (measure 6)")]
    r = runner.invoke(main, ["-w", str(built_workspace.path), "shared-projects", "--place", "南川", "--indirect"])
    assert r.exit_code == 0, r.output
    head, _, rest = r.stdout.partition("through regions of at most 12 divisions:")
    assert head.strip() == "(no rows)"  # 南川 shares nothing directly ...
    assert rest.splitlines()[1].split() == ["places", "shared", "via", "why"] and "中心城区" in rest  # ... but this
    rows = json.loads(runner.invoke(main, ["-w", str(built_workspace.path), "shared-projects", "--indirect",
                                           "--format", "json", "--limit", "0"]).stdout)
    assert {"places", "tie", "via", "why", "evidence"} <= set(rows[0])


def test_districts_view_follows_the_same_rules(corpus):
    from kg.views import build

    g = build(corpus, "districts-projects", {"indirect": "yes"})
    for n in g.nodes:
        assert corpus.places[n["id"]].code, n["label"]
    for e in g.edges:
        assert not _contains(corpus, e["source"], e["target"]) and not _contains(corpus, e["target"], e["source"])


def test_path_goes_through_a_project_rather_than_a_measure(corpus):
    rows = path(corpus, "璧山", "铜梁")
    assert [(r["from"], r["relation"], r["to"]) for r in rows] == [
        ("璧山", "located in", "璧铜线"), ("璧铜线", "located in", "铜梁")]


# -- names -------------------------------------------------------------------------------------

def _entity(name, *aliases, **kw):
    return SimpleNamespace(id=f"project:{name}", name=name, aliases=list(aliases), mentions=[1], **kw)


@pytest.mark.parametrize("typed, meant", [
    ("成渝中线高速铁路", "成渝中线高铁"), ("成渝高速公路", "成渝高速"), ("云阳建全抽水蓄能电站", "云阳建全抽蓄电站"),
    ("两江新区经济技术开发区", "两江新区经开区"), ("中国(四川)自由贸易试验区", "中国(四川)自贸区"),
    ("重庆城市轨道交通第四期", "重庆城轨第四期"), ("西永综合保税区", "西永综保区")])
def test_general_abbreviations_are_one_name(typed, meant):
    entities = [_entity(meant), _entity("成渝铁路"), _entity("渝昆高铁")]
    assert resolve(entities, typed).name == meant
    assert resolve([_entity(typed)], meant).name == typed  # and the other way round


def test_the_sample_answers_to_the_long_names(corpus):
    assert resolve(corpus.projects.values(), "成渝中线高速铁路").name == "成渝中线高铁"
    pumped = next(p for p in corpus.projects.values() if "抽水蓄能" in p.name)
    assert resolve(corpus.projects.values(), pumped.name.replace("抽水蓄能", "抽蓄")) is pumped


def test_unknown_names_get_the_nearest_ones(corpus):
    with pytest.raises(UnknownName, match="did you mean 璧山"):
        resolve(corpus.places.values(), "璧三", "place")
    assert suggest(corpus.projects.values(), "重庆新飞机场")[0] == "重庆新机场"
    assert suggest(corpus.places.values(), "火星") == []


def test_names_that_sound_alike_are_suggested(corpus):
    pytest.importorskip("pypinyin")
    assert suggest(corpus.places.values(), "壁山")[0] == "璧山"  # same sound, another character
    assert suggest(corpus.places.values(), "童梁")[0] == "铜梁"
    assert suggest(corpus.projects.values(), "chongqingxinjichang")[0] == "重庆新机场"


@pytest.mark.parametrize("args", [["place", "璧三"], ["project", "重庆新飞机场"], ["path", "璧三", "铜梁"],
                                  ["shared-projects", "--place", "璧三"],
                                  ["view", "place", "-p", "place=璧三", "-o", "/dev/null"],
                                  ["query", "projects-in-place", "-p", "place=璧三"],
                                  ["query", "places-of-project", "-p", "project=重庆新飞机场"]])
def test_every_command_that_takes_a_name_says_did_you_mean(built_workspace, runner, args):
    r = runner.invoke(main, ["-w", str(built_workspace.path), *args])
    assert r.exit_code == 1, r.output
    assert "did you mean" in r.stderr and ("璧山" in r.stderr or "重庆新机场" in r.stderr), r.stderr
    assert r.stderr.count("\n") == 1


def test_saved_queries_read_names_as_the_graph_writes_them(built_workspace, runner):
    r = runner.invoke(main, ["-w", str(built_workspace.path), "query", "places-of-project",
                             "-p", "project=成渝中线高速铁路", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {row["place"] for row in json.loads(r.stdout)} == {"成都", "重庆"}
    assert "read as project=成渝中线高铁" in r.stderr


def test_an_unknown_project_kind_lists_the_kinds(built_workspace, runner):
    r = runner.invoke(main, ["-w", str(built_workspace.path), "hubs", "--kind", "railwy"])
    assert r.exit_code == 1 and "did you mean railway" in r.stderr and "urban_rail" in r.stderr


# -- one --limit -------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["hubs"], ["clusters"], ["shared-projects"], ["place", "璧山"],
                                  ["project", "成渝中线高铁"], ["query", "top-places"],
                                  ["sparql", "SELECT * WHERE { ?s ?p ?o }"]])
def test_limit_is_one_non_negative_option(built_workspace, runner, args):
    ws = ["-w", str(built_workspace.path)]
    bad = runner.invoke(main, [*ws, *args, "--limit", "-1"])
    assert bad.exit_code == 2 and "-1 is not in the range x>=0" in bad.stderr
    rows = json.loads(runner.invoke(main, [*ws, *args, "--limit", "2", "--format", "json"]).stdout)
    assert len(rows) == 2


def test_old_option_names_still_work_but_are_not_shown(built_workspace, runner):
    ws = ["-w", str(built_workspace.path)]
    rows = json.loads(runner.invoke(main, [*ws, "hubs", "--top", "3", "--format", "json"]).stdout)
    assert len(rows) == 3
    assert "--top" not in runner.invoke(main, ["hubs", "--help"]).stdout
    r = runner.invoke(main, [*ws, "query", "top-places", "-p", "limit=-1"])
    assert r.exit_code == 1 and "must be 0 or more" in r.stderr
