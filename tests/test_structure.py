"""Structure: title, period, chapters (also when headings were lost), measures, sentences."""
from __future__ import annotations

from kg.extract.structure import parse
from kg.loaders.clean import clean

LOST_HEADINGS = """现将《某市推动发展行动方案(2024—2028年)》印发给你们,请认真贯彻执行。
为深入贯彻落实上级部署,制定本行动方案。
交通是发展的先行官。到2026年,综合交通网络基本形成,高速公路通车里程超过3000公里。
1.建设交通枢纽。开工建设新机场。
2.完善城市路网。建成快速路100公里。
产业是发展的根基。到2028年,制造业增加值超过1万亿元。
3.壮大制造业。培育产业集群。
4.强化组织领导。各区县政府要落实责任。
5.强化督查考核。建立工作台账。"""


def test_lost_headings_start_sections_at_intro_paragraphs():
    st = parse(clean(LOST_HEADINGS).text)
    assert st.title == "某市推动发展行动方案(2024—2028年)"
    assert st.period == {"start": 2024, "end": 2028}
    assert [m.number for m in st.measures] == [1, 2, 3, 4, 5]
    assert [m.title for m in st.measures][:2] == ["建设交通枢纽", "完善城市路网"]
    assert [s.measures for s in st.sections] == [[1, 2], [3], [4, 5]]
    assert st.sections[0].intro.startswith("交通是发展的先行官")
    assert st.sections[0].year == 2026 and st.sections[1].year == 2028
    assert st.sections[2].intro is None  # safeguards chapter: no intro, starts at 强化组织领导


def test_sentences_carry_offsets_measures_and_sections():
    text = clean(LOST_HEADINGS).text
    st = parse(text)
    for s in st.sentences:
        assert text[s.start:s.end].strip()
    m2 = next(s for s in st.sentences if text[s.start:s.end].startswith("建成快速路"))
    assert m2.measure == 2 and m2.section == 1


REPORT = """2026年某省人民政府工作报告
一、2025年工作回顾
过去一年，地区生产总值增长5.5%。
二、2026年工作安排
今年主要预期目标是：地区生产总值增长5%左右。
（一）扩大内需。实施消费提振行动。
名词解释
1.“两重”：是指国家重大战略实施。
2.“两新”：是指设备更新。"""


def test_work_report_chapters_tense_and_glossary():
    st = parse(REPORT)
    assert st.kind == "report"
    assert st.measures == []  # glossary items are definitions, not measures
    review, plan, sub = st.sections
    assert review.tense == "past" and plan.tense == "future" and plan.year == 2026
    assert sub.label == "二（一）" and sub.parent == plan.number
    assert st.excluded and REPORT.index("名词解释") == st.excluded[0][0]


TASKS = """某市2022年数字政府建设考评办法
一、政务服务（25分）
（一）平台建设（3分）
1．各级政务服务事项全部开通全程网办。（5月底完成，牵头考核单位：市审批服务局）
2．建设智慧养老服务平台。（2分）（持续推进，牵头考核单位：市民政局、市卫健委）"""


def test_task_list_leads_deadlines_points():
    st = parse(TASKS)
    assert st.kind == "task_list"
    m1, m2 = st.measures
    assert m1.lead == ["市审批服务局"] and m1.deadline == "5月底完成"
    assert m2.lead == ["市民政局", "市卫健委"] and m2.points == 2.0
    assert st.sections[1].label == "一（一）" and st.sections[1].measures == [1, 2]
