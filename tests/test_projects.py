"""Project rules, each on sentences written for this test."""
from __future__ import annotations

from kg.extract import extract
from kg.loaders import RawDocument


def projects(text: str) -> set[str]:
    doc = "某省2030年行动方案\n一、重点任务\n1.推进项目建设。" + text
    raw = RawDocument(text=doc, source="t.txt", sha256="0" * 64, encoding="utf-8", format="text",
                      size=len(doc.encode("utf-8")))
    return {p.name for p in extract(raw).projects}


def test_criticisms_are_not_projects():
    found = projects("坚决不搞“形象工程”“政绩工程”，杜绝新官不理旧账和“面子工程”。")
    assert not found


def test_a_name_starts_at_the_name():
    found = projects("二是依托重庆两江新区建设数字产业园。七是建成全国首条智能重载铁路“北煤南运”工程。")
    assert not any(name.startswith(("二是", "七是", "依托")) for name in found)
    assert not any(name.startswith(("在", "以")) for name in projects("以成都高新区为引领，在成都高新区布局新平台。"))


def test_taking_x_as_y_is_not_a_name():
    assert not any("为" in name for name in projects("以县城为枢纽节点，以乡镇为服务平台。"))


def test_items_of_a_project_list_are_the_names():
    found = projects("甲乙化工新材料、丙丁科技芯片封装等项目开工建设，保障性住房、道路改造等项目加快实施。")
    assert {"甲乙化工新材料", "丙丁科技芯片封装"} <= found
    assert not found & {"保障性住房", "道路改造", "性住房"}  # everyday words name no project


def test_a_specific_class_after_a_count_joins_the_shared_head():
    found = projects("开工建设万州、开州等2个抽水蓄能项目。")
    assert {"万州抽水蓄能项目", "开州抽水蓄能项目"} <= found
    found = projects("全年新增装机300万千瓦，万州、开州等2个抽水蓄能项目核准建设。")  # 核准: what happens to them
    assert {"万州抽水蓄能项目", "开州抽水蓄能项目"} <= found


def test_an_infrastructure_head_ends_the_name_before_what_happens_to_it():
    found = projects("青石水利枢纽下闸蓄水，白鹭国际机场旅客吞吐量增长10%。")
    assert {"青石水利枢纽", "白鹭国际机场"} <= found


def extraction(text: str):
    doc = "某省2030年行动方案\n一、重点任务\n1.推进项目建设。" + text
    raw = RawDocument(text=doc, source="t.txt", sha256="0" * 64, encoding="utf-8", format="text",
                      size=len(doc.encode("utf-8")))
    return extract(raw)


def test_every_item_of_a_list_shares_the_list_status():
    ex = extraction("加快推进某某中线高铁、某某西线高铁、某某环线高速等项目建成投用。"
                    "开工建设甲乙水库、丙丁水库、戊己水库。")
    status = {p.name: p.status for p in ex.projects}
    assert {status[n] for n in ("某某中线高铁", "某某西线高铁", "某某环线高速")} == {"建成投用"}
    assert {status[n] for n in ("甲乙水库", "丙丁水库", "戊己水库")} == {"开工建设"}


def test_a_qualifier_stays_with_the_document_that_wrote_it():
    from kg.corpus import Corpus

    one = extraction("建设长征国家文化公园（甲段）。")
    one.document.id = "doc-one"
    other = extraction("推进长征国家文化公园建设。")
    other.document.id = "doc-two"
    corpus = Corpus.build([one, other])
    park = next(p for p in corpus.projects.values() if "长征国家文化公园" in p.name)
    assert park.name == "长征国家文化公园"
    assert "长征国家文化公园（甲段）" in park.aliases


def test_a_university_or_hospital_is_a_project_while_it_is_built():
    found = projects("筹建甲乙职业技术大学，建成丙丁人民医院综合楼。甲乙大学牵头开展科研攻关。")
    assert {"甲乙职业技术大学", "丙丁人民医院综合楼"} <= found
    assert not any(name.endswith("大学") and name != "甲乙职业技术大学" for name in found)


def test_venues_with_their_place():
    assert "成都博物馆新馆" in projects("建成成都博物馆新馆。")


def test_counted_slogans_and_counted_systems():
    found = projects("坚持“三区一村”布局，落实“两化一振兴”要求。建设“一网三平台”。")
    assert "“一网三平台”" in found
    assert not found & {"“三区一村”", "“两化一振兴”"}


def test_quoted_programmes_with_their_count():
    found = projects("持续推进“八项民生工程”，推广“千万工程”经验。实施“宽带升级”和“信号升格”专项行动。")
    assert {"“八项民生工程”", "“千万工程”", "“宽带升级”专项行动", "“信号升格”专项行动"} <= found
    assert not found & {"“三大行动”"} and "“三大行动”" not in projects("实施“三大行动”。")


def test_a_quoted_head_is_not_shared_with_the_items_before_it():
    found = projects("实施体重、视力、心理等“三健”促进行动计划。")
    assert not any(name.startswith(("视力", "心理", "体重")) for name in found)


def test_counts_of_a_kind_of_thing_are_not_names():
    found = projects("建设“五大中心”，实施“五个一工程”，推进“六个一批”重点项目。")
    assert not found & {"“五大中心”", "“五个一工程”"} and not any("六个一批" in n for n in found)


def test_a_verb_with_its_result_hao_governs_the_name_after_it():
    found = projects("建好、管好、护好、运营好农村公路，用好滨江港。")
    assert not any(name.startswith(("管好", "护好", "运营好", "好", "用好")) for name in found)


def test_a_programme_named_in_quotes_ends_at_its_head():
    assert "“五北”工程" in projects("打好“五北”工程标志性战役，完成“五北”工程造林种草任务。")


def test_a_batch_or_a_title_given_to_many_is_not_one_project():
    assert not projects("滨江园区入选首批国家级中试平台。")
    assert not projects("创建“两水”实践创新基地。")  # a counted slogan's title, held by many places


def test_a_conjunction_starts_the_list_that_shares_a_head():
    found = projects("确保滨江东站和青山、白石机场建成投运。")
    assert {"青山机场", "白石机场"} <= found


def test_what_a_zone_is_for_belongs_to_its_name():
    assert "国家海洋经济创新发展示范区" in projects("获批国家海洋经济创新发展示范区。")


def test_going_into_service_ends_the_name():
    doc = "2026年云南省政府工作报告\n一、工作回顾\n昆明、玉溪、大理交通加快。昆玉、玉大等新线投入运营。"
    raw = RawDocument(text=doc, source="t.txt", sha256="0" * 64, encoding="utf-8", format="text",
                      size=len(doc.encode("utf-8")))
    assert {"昆玉线", "玉大线"} <= {p.name for p in extract(raw).projects}


def test_research_stations_accelerators_and_economic_zones_are_heads():
    found = projects("建成滨江中微子实验站、青山强流重离子加速器，支持甲乙临港经济区建设。")
    assert {"滨江中微子实验站", "青山强流重离子加速器"} <= found
    assert any(name.endswith("临港经济区") for name in found)


def test_the_whole_line_is_not_a_line_name():
    found = projects("推动甲乙高速全线贯通，建强国家实验室。")
    assert "甲乙高速" in found and not any(name.endswith("全线") or name.startswith("建强") for name in found)


def test_an_item_with_its_own_one_character_head_keeps_it():
    found = projects("加快建设上海示范区线、崇明线等轨道交通线。推动两路果园港、西永等综合保税区开放。")
    assert not any(name.endswith(("线线", "线轨道交通线")) for name in found)
    assert "两路果园港综合保税区" in found


def test_a_length_of_road_is_not_a_project():
    assert not projects("新改建150公里农村公路。")


def test_going_into_production_ends_a_list_of_named_projects():
    found = projects("甲乙大型储能电站、丙丁智能制造中心、戊己医药化工等16个高科技项目投产。")
    assert {"丙丁智能制造中心", "戊己医药化工"} <= found
