"""Organization rules on sentences written for the test (no sentence is taken from a bundled or corpus document)."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.organizations import find_organizations, kind_of, lead_names
from kg.loaders import RawDocument


def found(sentence: str) -> dict[str, str]:
    """{name: kind} of the organizations in one sentence."""
    return {name: kind for _, _, name, kind in find_organizations(sentence, 0, len(sentence))}


def extract_text(text: str):
    return extract(RawDocument(source="test.txt", text=text, encoding="utf-8", format="txt", sha256="0" * 64,
                               size=len(text.encode())))


@pytest.mark.parametrize("sentence, expected", [
    # a type word after a proper name, the name starting after the verb or list mark
    ("今年组建省海运投资集团、江东农商联合银行，支持青禾集团扩大产能。",
     {"省海运投资集团": "enterprise", "江东农商联合银行": "bank", "青禾集团": "enterprise"}),
    ("支持江城大学建设一流学科，发挥省农业科学院和北湖研究院作用。",
     {"江城大学": "university", "省农业科学院": "research_institute", "北湖研究院": "research_institute"}),
    ("扶持江城职院和南岭师大开展职业本科教育。", {"江城职院": "university", "南岭师大": "university"}),
    # short names known only by the head of their list
    ("培育了青禾、远帆等一批行业领军企业，集聚了星澜、木樨等世界一流企业。",
     {"青禾": "enterprise", "远帆": "enterprise", "星澜": "enterprise", "木樨": "enterprise"}),
    ("支持工会、共青团、妇联等群团组织发挥作用。",
     {"工会": "association", "共青团": "association", "妇联": "association"}),
    # bodies whose names carry no type word: a cited list
    ("中国石化和国家电网在省内布局新项目，亚投行提供贷款。",
     {"中国石化": "enterprise", "国家电网": "enterprise", "亚投行": "international"}),
    # international bodies and the central state
    ("做法获世界卫生组织认可，并被联合国教科文组织推广；经验获中央财办和应急管理部肯定。",
     {"世界卫生组织": "international", "联合国教科文组织": "international", "中央财办": "party_department",
      "应急管理部": "government_department"}),
    ("举办国际泳联赛事，配合最高法建设数据中心。", {"国际泳联": "international", "最高法": "court"}),
    ("由市公安局交通管理局和市城管局负责。", {"市公安局交通管理局": "government_department",
                                           "市城管局": "government_department"}),
])
def test_organizations_in_a_sentence(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "推动上市公司并购重组，支持商业银行和研究型大学合作，培育一批产业集团。",  # classes of bodies
    "引进央企二、三级子公司，建设高水平研究院所，办好老年大学。",
    "支持汽车、家电等行业企业开拓市场，推动郑北、洛南等地企业上云。",  # sectors and places, not enterprises
    "新设江城理工学院，支持南岭大学筹建。",  # colleges being set up are projects of the plan
    "争创全国重点实验室，5个省实验室揭牌运行，提升实验室运行质效。",  # laboratories as a class or a count
    "深化华南网络安全合作，推动高等院校和科研机构协同。",  # 南网 inside a word; 高等 is not a list's 等
    "坚持城市政府主导，服务发展大局。",  # 市政府 inside 城市政府; 大局 is no bureau
])
def test_generic_groups_and_fragments_are_not_organizations(sentence):
    assert found(sentence) == {}


def test_named_laboratories_are_bodies():
    assert found("着力建设嵩岳实验室、明湖实验室等重大平台。") == {"嵩岳实验室": "lab", "明湖实验室": "lab"}


@pytest.mark.parametrize("lead, names", [
    (["市发展改革委、市财政局及市商务委"], ["市发展改革委", "市财政局", "市商务委"]),
    (["市住房和城乡建设委、市水利局"], ["市住房和城乡建设委", "市水利局"]),
    (["市住房", "城乡建设委"], ["市住房和城乡建设委"]),  # a department a parser cut at 和 is mended
    (["市政府办公室", "市公安局"], ["市政府办公室", "市公安局"]),  # two bodies stay two
    (["牵头单位：市交通运输局"], ["市交通运输局"]),
    (["由市文化和旅游局牵头"], ["市文化和旅游局"]),
    (["市教育局、市人力资源和社会保障局按职责分工负责"], ["市教育局", "市人力资源和社会保障局"]),
])
def test_responsibility_notes_split_into_bodies(lead, names):
    assert lead_names(lead) == names


@pytest.mark.parametrize("name, kind", [("市交通运输局", "government_department"), ("市委宣传部", "party_committee"),
                                        ("区县政府", "government"), ("青禾集团", "enterprise")])
def test_kind_of_a_name(name, kind):
    assert kind_of(name) == kind


REPORT = """2026年江西省政府工作报告
——在江西省第十四届人民代表大会第三次会议上
各位代表：现在，我代表省人民政府向大会报告工作，请省政协委员提出意见。
一、过去一年工作回顾
在省委坚强领导下，省政府认真落实中共江西省委部署，自觉接受人大监督和政协民主监督。
二、今年主要任务
支持青禾、远帆等龙头企业牵头组建创新联合体，江东大学与省农业科学院共建平台。
"""


def test_a_report_resolves_its_own_bodies_to_the_issuer():
    ex = extract_text(REPORT)
    orgs = {o.name: o for o in ex.organizations}
    assert {"省政府", "省委", "省人大", "省政协", "青禾", "远帆", "江东大学", "省农业科学院"} <= set(orgs)
    assert "省人民政府" in orgs["省政府"].aliases
    assert "中共江西省委" in orgs["省委"].aliases
    assert {"人大", "江西省第十四届人民代表大会"} <= set(orgs["省人大"].aliases)
    assert "政协" in orgs["省政协"].aliases
    assert len(ex.organizations) == len({o.id for o in ex.organizations})


PLAN = """江北市交通强市三年行动方案（2026—2028年）
一、重点任务
1.建设综合交通枢纽。推进江北站综合交通枢纽建设。（市交通运输局牵头，市财政局配合）
2.完善城市路网。打通一批断头路，市住房和城乡建设委、市城管局负责。
"""


def test_bodies_that_lead_a_measure_are_responsible_for_it():
    ex = extract_text(PLAN)
    orgs = {o.name: o for o in ex.organizations}
    assert orgs["市交通运输局"].responsible_for == [1]
    assert orgs["市财政局"].responsible_for == []
    assert orgs["市住房和城乡建设委"].responsible_for == [2]
    assert orgs["市城管局"].responsible_for == [2]


def test_every_organization_mention_points_at_its_words():
    for text in (REPORT, PLAN):
        ex = extract_text(text)
        for org in ex.organizations:
            for m in org.mentions:
                assert ex.document.text[m.start:m.end] == m.text, (org.name, m)


@pytest.mark.parametrize("text", [
    "建立龙头企业、上市公司、瞪羚企业等优质企业培育体系。",  # items that name a class by their own type word
    "推动行业协会、产业联盟、专业机构等与企业深入对接。",  # 等与企业: the enterprises are the partner
    "布局建设多层次实验室。",
    "本科高校、技师学院均实现全覆盖。",
    "加快筹设滨江海洋大学。",  # a university being set up is a project, not yet a body
])
def test_classes_partners_and_bodies_not_yet_set_up_are_not_organizations(text):
    assert find_organizations(text, 0, len(text)) == []


def test_a_short_name_that_opens_a_sentence_and_receives_an_honour_is_a_body():
    text = "全年经济平稳增长。瑞丰源荣获国家质量奖提名奖。全区荣获多项表彰。"
    assert [name for _, _, name, _ in find_organizations(text, 0, len(text))] == ["瑞丰源"]
