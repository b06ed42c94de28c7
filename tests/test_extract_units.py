"""Entity rules on sentences written for the test (not taken from the sample plan)."""
from __future__ import annotations

import pytest

from kg.extract.numbers import chinese_to_int
from kg.extract.targets import find_targets


@pytest.mark.parametrize("s, n", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百二十", 120), ("两", 2),
                                  ("三千", 3000), ("一万", 10000), ("abc", None)])
def test_chinese_numerals(s, n):
    assert chinese_to_int(s) == n


def targets(sentence):
    return [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets(sentence, 0, len(sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("全市常住人口超过500万人", [("常住人口", ">", 500, "万人")]),
    ("森林覆盖率提高到45%", [("森林覆盖率", ">=", 45, "%")]),
    ("单位生产总值能耗降低13.5%左右", [("单位生产总值能耗", "reduce_by", 13.5, "%")]),
    ("城镇调查失业率控制在5%以内", [("城镇调查失业率", "<=", 5, "%")]),
    ("空气质量优良天数稳定在330天左右", [("空气质量优良天数", "~", 330, "天")]),
    ("研发经费投入年均增长8%以上", [("研发经费投入年均增长", ">", 8, "%/year")]),
    ("地方一般公共预算收入增长3%", [("地方一般公共预算收入增长", "=", 3, "%")]),
    ("新建30个智慧工厂和300个数字化车间", [("智慧工厂", ">=", 30, "个"), ("数字化车间", ">=", 300, "个")]),
    ("粮食和蔬菜产量分别达到600万吨、1200万吨", [("粮食产量", ">=", 600, "万吨"), ("蔬菜产量", ">=", 1200, "万吨")]),
    ("农村居民收入翻一番", [("农村居民收入", ">=", 2, "倍")]),
    ("达到百兆到嘎查村、20兆进牧户的带宽要求", [("到嘎查村", ">=", 100, "兆"), ("进牧户", ">=", 20, "兆")]),
])
def test_target_shapes(sentence, expected):
    got = targets(sentence)
    assert [(c, v, u) for _, c, v, u in got] == [(c, v, u) for _, c, v, u in expected]
    for (ind, *_), (want, *_) in zip(got, expected, strict=True):
        assert want[:2] in ind


@pytest.mark.parametrize("sentence", [
    "推进5G网络建设", "实施“1000+”行动计划", "建设轨道交通第四期项目", "到2025年底前完成",
    "每千人口拥有3岁以下婴幼儿托位",
    "在现有62项服务的基础上拓展", "日常监测（60%）+实地调研（20%）", "举办铁人三项比赛",
])
def test_numbers_that_are_not_targets(sentence):
    assert targets(sentence) == []


def extract_text(text):
    from kg.extract import extract
    from kg.loaders import RawDocument

    return extract(RawDocument(source="t.txt", text=text, format="text", encoding="utf-8", sha256="0" * 64,
                               size=len(text.encode())))


PLAN = "某市数字政府建设行动方案(2024—2026年)\n"


def test_named_systems_with_a_verb_before_the_head():
    ex = extract_text(PLAN + "1.推动人力资源供需对接平台与就业平台数据互联。\n"
                             "2.拓展智慧养老服务平台功能，实现信息共享。\n"
                             "3.完成全民健康信息平台基础功能扩展。\n")
    names = {p.name for p in ex.projects}
    assert {"人力资源供需对接平台", "智慧养老服务平台", "全民健康信息平台"} <= names


def test_addressees_and_bodies_that_name_their_place():
    ex = extract_text("包头市人民政府办公室关于印发数字政府建设任务的通知\n各旗、县、区人民政府，稀土高新区管委会：\n"
                      "1.建设政务服务平台。（牵头单位：四川省发展改革委）\n")
    orgs = {o.name: o.id for o in ex.organizations}
    assert "各旗、县、区人民政府" in orgs and "区人民政府" not in orgs
    assert orgs["四川省发展改革委"] == "org:四川省:省发展改革委"


def test_villages_and_towns_after_their_county():
    ex = extract_text("某省政府工作报告\n一、回顾\n"
                      "丹巴县基卡依村入选世界最佳旅游乡村，璧山区推动乡村振兴示范村建设。\n")
    settlements = {p.name: (p.kind, p.parent) for p in ex.places if p.kind in ("village", "town", "subdistrict")}
    assert settlements == {"基卡依村": ("village", "丹巴县")}


def test_quoted_government_service_brands():
    ex = extract_text(PLAN + "1.推进民生热点“一网通办\"，完善“好差评\"工作机制，开展城市治理“一网统管\"试点。\n"
                             "2.开通运行省融资信用服务平台“川易贷”，树立“上游意识”。\n")
    names = {p.name.strip("“”\"") for p in ex.projects}
    assert {"一网通办", "好差评", "一网统管"} <= names
    assert "川易贷" not in names  # the platform's own name, not a second project
    assert not any("上游意识" in n for n in names)  # a slogan, not a service


def test_parks_named_in_a_coordinated_list():
    ex = extract_text("某省政府工作报告\n一、今后工作\n推进邛窑、宝墩国家考古遗址公园建设，争取设立成都国家植物园。\n")
    names = {p.name for p in ex.projects}
    assert {"邛窑国家考古遗址公园", "宝墩国家考古遗址公园", "成都国家植物园"} <= names


def test_a_district_short_name_is_the_district_not_a_direction():
    ex = extract_text("重庆市某行动方案\n一、任务\n1.开工建设渝北东湖高新区，支持璧山区与渝北区深化合作。\n")
    assert [p.id for p in ex.places if p.name.startswith("渝北")] == ["place:500112"]


def test_names_whose_shape_says_what_they_are():
    ex = extract_text("某省政府工作报告\n一、今后工作\n"
                      "加快实施引大济岷、红格南钒钛磁铁矿等项目，推进引雅济安、南水北调西线，"
                      "实施“西电东送”。惠及3400万人的引大济岷工程启动建设。\n")
    kinds = {p.name.strip("“”"): p.kind for p in ex.projects}
    assert kinds.get("引雅济安") == "water_works" and kinds.get("南水北调西线") == "water_works"
    assert kinds.get("西电东送") == "grid" and "红格南钒钛磁铁矿" in kinds
    assert not any(n.startswith("引大济岷钒钛") for n in kinds)  # a list head is not shared onto a name
    assert [n for n in kinds if "引大济岷" in n] in (["引大济岷工程"], ["引大济岷"])  # one project, aliases merged


def test_a_neighbouring_municipality_district_in_a_composite():
    ex = extract_text("四川省人民政府工作报告\n一、今后工作\n加强与重庆市合作，加快建设成达万高铁、铜资高速。\n")
    places = {p.name: p.id for p in ex.places}
    line = next(p for p in ex.projects if p.name.startswith("成达万"))
    assert places.get("万州") == "place:500101" and "place:500101" in line.places


def test_a_river_named_only_by_its_reach_is_still_a_place():
    ex = extract_text("某省政府工作报告\n一、今后工作\n"
                      "推进金沙江中上游水电开发，加强长江上游生态保护，建设长江码头。\n")
    names = {p.name for p in ex.places}
    assert {"金沙江", "金沙江中上游", "长江上游", "长江"} <= names
    river = next(p for p in ex.places if p.name == "长江")
    assert len(river.mentions) == 1  # not again inside 长江上游: the river is named on its own


def test_quoted_counts_slogans_and_qualifiers_are_not_projects():
    ex = extract_text("某省政府工作报告\n一、今后工作\n深入开展“三大行动”，实施“有根产业、有效投资、有持续税源”项目，"
                      "推进“智改数转”重点项目，兜牢基层“三保”底线。9所学校入选第二轮国家“双高计划”，推进职业教育“双高计划”建设，"
                      "建设“一带一路”科技创新合作区。\n")
    names = {p.name for p in ex.projects}
    assert not any(k in n for n in names for k in ("三大行动", "有根产业", "智改数转", "三保"))
    assert [n for n in names if "双高计划" in n] == ["“双高计划”"]  # one programme, however it is qualified
    assert "“一带一路”科技创新合作区" in names  # a zone keeps its qualifier


def test_runs_of_quoted_names_counts_and_moves():
    ex = extract_text(PLAN + "1.建设“包头知识产权智慧监管平台\"“包头市知识产权质押融资平台\"，"
                             "深化“育种”“扶苗”“强树”计划。\n"
                             "2.迁移现有交易系统进入电子政务外网，升级热线平台，涵盖可视化3大平台、九大标准子系统。\n")
    names = {p.name.strip('“”"') for p in ex.projects}
    assert {"包头知识产权智慧监管平台", "包头市知识产权质押融资平台", "育种”“扶苗”“强树”计划"} <= names
    assert "电子政务外网" in names and not any("进入" in n for n in names)
    assert not any("3大" in n or "九大" in n for n in names)


def test_province_abbreviations_before_a_line_head():
    ex = extract_text("四川省人民政府工作报告\n一、回顾\n"
                      "川青铁路成都至黄胜关段通车，实施“就在山城·渝创渝新”就业创业促进计划。\n")
    ids = {p.id for p in ex.places}
    assert "place:630000" in ids  # 青 of 川青铁路 is 青海
    assert "place:650000" not in ids  # 新 in a quoted slogan is not 新疆


def test_a_shared_heads_qualifier_places_every_item():
    ex = extract_text("四川省人民政府工作报告\n一、今后工作\n推进长征、黄河、长江等国家文化公园（四川段）建设。\n")
    sichuan = "place:510000"
    parks = {p.name: p.places for p in ex.projects if "国家文化公园" in p.name}
    assert len(parks) == 3 and all(sichuan in places for places in parks.values()), parks
