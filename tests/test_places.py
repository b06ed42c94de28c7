"""Places without invention: sentences written for these tests, each a rule of :mod:`kg.extract.places`."""
from __future__ import annotations

import pytest

from kg.extract.places import find_places
from kg.loaders.gazetteer import Area, Division, gazetteer

SICHUAN, CHONGQING, NINGXIA, YUNNAN = "510000", "500000", "640000", "530000"


def names(text: str, issuer: str | None = None) -> set[str]:
    out = set()
    for m in find_places(text, gazetteer(), issuer).matches:
        ref = m.ref
        if isinstance(ref, Division):
            out.add(ref.short or ref.name)
        elif isinstance(ref, Area):
            out.add(ref.name)
        elif isinstance(ref, tuple):
            out.add(ref[1])
        else:
            out.add(str(ref))
    return out


def test_a_short_name_inside_an_everyday_word_is_not_a_place():
    assert "同心" not in names("这是全区各族群众的共同心声。", NINGXIA)
    assert "长治" not in names("推动社会长治久安。", "140000")


def test_a_short_name_that_is_an_everyday_word_needs_its_suffix_or_neighbours():
    assert "合作" not in names("共建川渝合作区。", SICHUAN)
    assert "合作" in names("支持甘南州合作市发展文旅产业。", "620000")
    assert "南岸" in names("支持渝中、江北、南岸建设消费商圈。", CHONGQING)


def test_unique_county_names_are_read_beside_their_neighbours_whatever_the_issuer():
    found = names("推动与合川、铜梁共建产业园区。", SICHUAN)
    assert {"合川", "铜梁"} <= found
    assert "双城" not in names("构建双城经济圈。", SICHUAN)  # a Harbin district's short name, alone


def test_composites_need_evidence():
    assert "临海" not in names("推进临江片区开发。") and "江山" not in names("推进临江片区开发。")
    found = names("加快建设川黔铁路，深化川渝合作。", SICHUAN)
    assert {"四川", "贵州", "重庆"} <= found
    assert "巴中" not in names("开通银巴铁路。", NINGXIA)  # 巴 has no reading the document supports
    assert {"银川", "宁夏"} <= names("银川市建成闽宁产业园。", NINGXIA) | {"宁夏"}
    assert "福建" in names("银川市建成闽宁产业园。", NINGXIA)


def test_a_list_of_composites_shares_the_head_after_it():
    found = names("昆明、玉溪、大理、保山、丽江、蒙自各市县推进大保、丽香等新线建设。", YUNNAN)
    assert {"大理", "保山", "丽江"} <= found


def test_an_ambiguous_name_is_reported_not_guessed():
    scan = find_places("江北区推进城市更新。", gazetteer(), None)
    assert any("江北" in w and "left unresolved" in w for w in scan.warnings)
    assert not any(isinstance(m.ref, Division) and m.surface.startswith("江北") for m in scan.matches)


def test_the_document_decides_a_homonym():
    scan = find_places("重庆市江北区推进城市更新。", gazetteer(), CHONGQING)
    jiangbei = next(m.ref for m in scan.matches if m.surface == "江北区")
    assert jiangbei.province == CHONGQING and not scan.warnings


@pytest.mark.parametrize("text, place", [
    ("加强六盘山生态保护修复。", "六盘山"),
    ("推进腾格里沙漠锁边治理。", "腾格里沙漠"),
    ("实施黄河流域生态保护工程。", "黄河"),
    ("支持大理州建设国际旅游城市。", "大理"),
    ("推进西安都市圈建设。", "西安都市圈"),
    ("加强宁夏南部生态保护修复。", "宁夏南部"),
])
def test_features_basins_prefectures_and_clusters(text, place):
    assert place in names(text, NINGXIA if "宁夏" in text else None)


def test_direction_words_are_not_counties():
    assert "南部" not in names("出台支持中南部县城发展的政策。", NINGXIA)


def test_countries_listed_by_one_character_each_before_deng():
    found = names("深化与欧美俄等经济体的经贸往来。", NINGXIA)
    assert {"欧洲", "美国", "俄罗斯"} <= found
    assert "非洲" not in names("开拓非美市场。", NINGXIA)  # 非 here is "other than", and two are too few


def test_paired_assistance_names_the_province_it_helps():
    found = names("持续做好援藏、援青各项工作。", YUNNAN)
    assert {"西藏", "青海"} <= found
    assert not names("完善应急救援体系。", YUNNAN) & {"西藏", "青海", "新疆"}


def test_a_short_river_or_lake_is_known_by_what_is_said_of_it():
    found = names("开展甲河、乙水河等环境治理，加强丙江干流和丁湖流域综合治理。", YUNNAN)
    assert {"甲河", "乙水河", "丙江", "丁湖"} <= found
    assert not names("加强江河湖泊治理，推进城市内河和重要江河治理。", YUNNAN) & {"加强江", "内河", "重要江", "江河"}
    assert not names("甲河村建成新农村。", YUNNAN) & {"甲河"}  # nothing said of a water body
