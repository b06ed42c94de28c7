"""Layouts of official documents, each a small document written for this test.

Measures follow the convention the golds use: the numbered action items at the
finest numbered level of the task chapters; requirement chapters, boxes and
glossaries hold none; a work report has none.
"""
from __future__ import annotations

from kg.extract import extract
from kg.extract.structure import parse
from kg.loaders import RawDocument
from kg.loaders.clean import clean


def doc(text: str, name: str = "test.txt"):
    return extract(RawDocument(text=text, source=name, sha256="0" * 64, encoding="utf-8", format="text",
                               size=len(text.encode("utf-8"))))


THREE_LEVELS = """江北市交通强市建设三年行动计划（2025—2027年）
一、总体要求
（一）指导思想。坚持交通先行，服务全市发展大局。
（二）主要目标。到2027年，全市高速公路通车里程达到800公里。
二、重点任务
（一）完善综合交通网络
1.加快铁路建设。推动江北至临江城际铁路开工建设。
牵头单位：市交通运输局
配合单位：市发展改革委、市自然资源局
2.提升港口能级。建成江北港三期工程。
牵头单位：市港航局
（二）提升运输服务
3.发展多式联运。建设江北国际物流枢纽。（市商务局牵头，各区县政府按职责分工负责）
三、保障措施
（一）加强组织领导。成立市交通强市建设领导小组。
（二）强化要素保障。统筹安排建设资金。"""


def test_three_levels_measures_are_the_arabic_items_with_their_leads():
    st = parse(THREE_LEVELS)
    assert [(m.number, m.title) for m in st.measures] == [
        (1, "加快铁路建设"), (2, "提升港口能级"), (3, "发展多式联运")]
    one, two, three = st.measures
    assert one.lead == ["市交通运输局"] and one.support == ["市发展改革委", "市自然资源局"]
    assert two.lead == ["市港航局"]
    assert three.lead == ["市商务局"] and three.support == ["各区县政府"]
    assert st.period == {"start": 2025, "end": 2027}
    labels = [s.label for s in st.sections]
    assert labels == ["一", "一（一）", "一（二）", "二", "二（一）", "二（二）", "三", "三（一）", "三（二）"]


def test_responsible_departments_become_organizations_leading_their_measures():
    ex = doc(THREE_LEVELS)
    orgs = {o.name: o for o in ex.organizations}
    assert 1 in orgs["市交通运输局"].responsible_for
    assert 3 in orgs["市商务局"].responsible_for


TWO_LEVELS = """某某市关于推进数据要素市场建设的指导意见
一、总体要求
（一）指导思想。以数据要素市场化配置改革为主线。
（二）发展目标。到2026年，数据交易额突破100亿元。
二、主要任务
（一）培育数据交易市场。建设区域数据交易平台，培育数据商。
（二）完善数据基础设施。建设算力调度平台。
三、保障措施
（一）加强组织领导。建立联席会议制度。"""


def test_two_levels_measures_are_the_paren_items_of_task_chapters():
    st = parse(TWO_LEVELS)
    assert [(m.number, m.label, m.title) for m in st.measures] == [
        (1, "（一）", "培育数据交易市场"), (2, "（二）", "完善数据基础设施"), (3, "（一）", "加强组织领导")]
    assert [s.label for s in st.sections] == ["一", "二", "三"]
    assert st.sections[1].measures == [1, 2] and st.sections[2].measures == [3]


def test_one_level_of_numbering_is_chapters_not_measures():
    st = parse("某县2024年工作要点\n一、抓好项目建设。全年实施重点项目50个。\n二、优化营商环境。深化放管服改革。\n"
               "三、保障改善民生。新增就业岗位1000个。")
    assert st.measures == [] and len(st.sections) == 3


VARIANTS = """某区推进城市更新实施方案
一．工作目标
到2026年，完成老旧小区改造100个。
二．主要任务
１．推进老旧小区改造。完善小区配套设施。
2、建设完整社区。补齐社区服务短板。
3，发展社区商业。建设便民生活圈。
(1)建设社区食堂。
（2）建设托育中心。"""


def test_width_and_punctuation_variants_of_markers():
    st = parse(VARIANTS)
    assert [(m.number, m.title) for m in st.measures] == [
        (1, "推进老旧小区改造"), (2, "建设完整社区"), (3, "发展社区商业")]
    assert "建设托育中心" in st.measures[2].text  # deeper items belong to their measure


NOTICE = """某某省人民政府办公厅关于印发某某省数字经济发展行动方案的通知
各市人民政府，省政府各部门：
现将《某某省数字经济发展行动方案》印发给你们，请认真贯彻执行。
一、高度重视。各地要把发展数字经济摆在突出位置。
二、抓好落实。各部门要细化措施。
某某省人民政府办公厅
2024年3月1日
某某省数字经济发展行动方案
一、总体目标
到2026年，数字经济核心产业增加值达到5000亿元。
二、重点任务
（一）夯实数字基础
1、建设算力网络。建设省级算力调度平台。
2、培育数据产业。建设数据产业园。"""


def test_a_notice_carries_the_plan_as_attachment():
    st = parse(NOTICE)
    assert st.title == "某某省数字经济发展行动方案"
    assert st.issuer == "某某省人民政府办公厅"
    assert [m.title for m in st.measures] == ["建设算力网络", "培育数据产业"]  # the notice's own items are not
    assert st.preamble_end >= NOTICE.index("2024年3月1日")


FIVE_YEAR = """某某市国民经济和社会发展第十五个五年规划纲要
第一章 发展基础
“十四五”时期，全市经济总量稳步提升。
第二章 建设现代化产业体系
第一节 做强先进制造业
一、壮大汽车产业。建设新能源汽车生产基地。
二、发展电子信息产业。引进集成电路企业。
专栏1 制造业重大工程
1.汽车产业链项目：建设某某新能源汽车产业园。
2.电子信息项目：建设某某晶圆制造项目。
第二节 发展现代服务业
一、发展现代物流。建设国家物流枢纽。"""


def test_chapters_sections_and_boxes():
    st = parse(FIVE_YEAR)
    assert [(m.number, m.title) for m in st.measures] == [
        (1, "壮大汽车产业"), (2, "发展电子信息产业"), (3, "发展现代物流")]
    assert not any("晶圆" in m.title for m in st.measures)  # box items are not measures


REPORT = """政府工作报告
——2030年1月20日在某某省第九届人民代表大会第三次会议上
各位代表：
一、2029年工作回顾
过去一年，全省地区生产总值增长5.5%。
二、2030年工作安排
（一）扩大有效需求。实施消费提振行动。
1.稳定就业。城镇新增就业50万人。
2.促进消费。办好消费季活动。"""


def test_a_report_has_sections_only_and_its_title_names_the_region():
    text = REPORT.replace("某某省", "湖北省")
    st = parse(clean(text).text)
    assert st.kind == "report" and st.measures == []
    assert st.title == "2030年湖北省政府工作报告"
    assert st.period["start"] == 2030 and st.year == 2030
    assert [s.label for s in st.sections][:3] == ["一", "二", "二（一）"]


TABLE_CELLS = """某市2024年优化营商环境重点任务清单
序号
重点任务
牵头单位
完成时限
1
建设企业服务综合平台，实现涉企事项一网通办。
市政务服务局
2024年6月
2
开展营商环境评价。
市发展改革委、市统计局
2024年12月"""

TABLE_ROWS = """某市2024年优化营商环境重点任务清单
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t建设企业服务综合平台\t市政务服务局\t市大数据局\t2024年6月
2\t开展营商环境评价\t市发展改革委\t市统计局\t2024年12月"""


def test_flattened_task_tables_are_measures():
    for text in (TABLE_CELLS, TABLE_ROWS):
        st = parse(text)
        assert [(m.number, m.title) for m in st.measures] == [(1, "建设企业服务综合平台" if text is TABLE_ROWS
                                                                  else "建设企业服务综合平台，实现涉企事项一网通办"),
                                                              (2, "开展营商环境评价")]
        assert st.measures[0].lead == ["市政务服务局"] and st.measures[0].deadline == "2024年6月"
    rows = parse(TABLE_ROWS)
    assert rows.measures[1].lead == ["市发展改革委"] and rows.measures[1].support == ["市统计局"]
    assert parse(TABLE_CELLS).measures[1].lead == ["市发展改革委", "市统计局"]


def test_a_note_naming_only_those_responsible_makes_them_lead():
    st = parse("某市行动方案\n一、重点任务\n1.加强资金保障。统筹安排资金。（市财政局、各区县政府按职责分工负责）\n"
               "2.强化督查考核。建立台账。")
    assert st.measures[0].lead == ["市财政局", "各区县政府"]
