"""Target rules on sentences and short documents written for these tests (none copied from a real plan).

Conventions follow the team's golds: a bare count is ">=", a bare growth rate "=", 以上 ">",
左右 "~", 不低于 ">=", 以内 "<=", 多 ">", 降低…左右 "reduce_by", a range "2—3个" is ">=" 2 with
value_max 3; results of past years are not targets; money offered as an instrument is neither.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.targets import find_targets
from kg.extract.targets.timeline import five_year_plan
from kg.loaders import RawDocument
from kg.model import Extraction


def targets(sentence):
    return [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets(sentence, 0, len(sentence))]


def shapes(sentence):
    return [(t.comparator, t.value, t.unit) for t in find_targets(sentence, 0, len(sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("新培育智能车间45个", [(">=", 45, "个")]),  # a bare count
    ("乡村旅游收入增长4%", [("=", 4, "%")]),  # a bare growth rate
    ("林草覆盖率稳定在62%以上", [(">", 62, "%")]),  # 以上 wins over the cue before
    ("港口吞吐量达到3.5亿吨左右", [("~", 3.5, "亿吨")]),
    ("县域医疗资源下沉率不低于70%", [(">=", 70, "%")]),
    ("婴儿死亡率控制在3‰以内", [("<=", 3, "‰")]),
    ("农产品加工产值突破800亿元", [(">", 800, "亿元")]),
    ("城市公园绿地面积超过1200公顷", [(">", 1200, "公顷")]),
    ("推进重点水利项目240多个", [(">", 240, "个")]),  # 多: more than
    ("万元产值用水量降低8%左右", [("reduce_by", 8, "%")]),
    ("城乡收入比缩小至1.9∶1", [("<=", 1.9, "ratio")]),
    ("政务服务事项办理时限压缩至3天", [("<=", 3, "天")]),
    ("光伏发电装机容量达到1.8亿千瓦", [(">=", 1.8, "亿千瓦")]),
    ("页岩气产能达到35亿方", [(">=", 35, "亿方")]),
    ("新增煤炭产能1200万吨/年", [(">=", 1200, "万吨/年")]),
    ("劳动年龄人口平均受教育年限达到11.5年", [(">=", 11.5, "年")]),
    ("县城污水处理率提高到95％", [(">=", 95, "%")]),  # a full-width percent sign
    ("外贸进出口总额翻一番", [(">=", 2, "倍")]),
    ("绿色债券余额翻两番", [(">=", 4, "倍")]),
    ("建成三个区域性物流中心", [(">=", 3, "个")]),  # a Chinese numeral under a verb
    ("新型工业化指数提高到72以上", [(">", 72, "")]),  # an index has no unit
    ("细颗粒物年均浓度降低6%", [("reduce_by", 6, "%")]),  # an annual average is a level, not a rate
    ("服务业增加值增速年均超过7%", [(">", 7, "%/year")]),  # a rate per year
])
def test_comparators_as_the_golds_write_them(sentence, expected):
    assert shapes(sentence) == expected


def test_ranges_keep_both_ends():
    found = find_targets("培育4—6家省级供应链龙头企业", 0, 14)
    assert [(t.comparator, t.value, t.value_max, t.unit) for t in found] == [(">=", 4, 6, "家")]
    growth = find_targets("全市生产总值增长5.5%—6%", 0, 15)
    assert [(t.comparator, t.value, t.value_max) for t in growth] == [(">=", 5.5, 6)]


@pytest.mark.parametrize("sentence, expected", [
    # 分别: one value per item, each item with its own comparator
    ("水稻和玉米播种面积分别稳定在900万亩、600万亩",
     [("水稻播种面积", ">=", 900, "万亩"), ("玉米播种面积", ">=", 600, "万亩")]),
    ("第一、第二、第三产业增加值分别增长3%左右、6%以上、5%左右",
     [("第一产业增加值", "~", 3, "%"), ("第二产业增加值", ">", 6, "%"), ("第三产业增加值", "~", 5, "%")]),
    # 均: one value for every item
    ("入境游客、旅游收入均增长12%以上", [("入境游客", ">", 12, "%"), ("旅游收入", ">", 12, "%")]),
    # 各: each item gets the figure
    ("省级示范园区、示范基地、示范企业各2个", [("省级示范园区", ">=", 2, "个"), ("示范基地", ">=", 2, "个"),
                                           ("示范企业", ">=", 2, "个")]),
    # a money unit written once for the list
    ("数字经济、海洋经济规模分别达1.6万亿、9000亿元",
     [("数字经济规模", ">=", 1.6, "万亿元"), ("海洋经济规模", ">=", 9000, "亿元")]),
    # growth shared by a list
    ("工业投资、民间投资增长6%左右", [("工业投资增长", "~", 6, "%"), ("民间投资增长", "~", 6, "%")]),
    # a shared head noun: 参保率 belongs to both insurances
    ("失业保险、工伤保险参保率稳定在90%以上", [("失业保险参保率", ">", 90, "%"), ("工伤保险参保率", ">", 90, "%")]),
    # 以上 after a list without 分别 is the last figure's own
    ("风电开工300万千瓦、并网200万千瓦以上", [("风电", ">=", 300, "万千瓦"), ("并网", ">", 200, "万千瓦")]),
    # a verb then several counted objects
    ("新建12个冷链物流基地和30个农产品产地仓", [("冷链物流基地", ">=", 12, "个"), ("农产品产地仓", ">=", 30, "个")]),
    # one value per level listed before the noun
    ("创建省级、市级示范社区50个、300个", [("省级", ">=", 50, "个"), ("市级示范社区", ">=", 300, "个")]),
])
def test_lists(sentence, expected):
    got = targets(sentence)
    assert [(c, v, u) for _, c, v, u in got] == [(c, v, u) for _, c, v, u in expected]
    for (indicator, *_), (want, *_) in zip(got, expected, strict=True):
        assert want in indicator or indicator in want, (indicator, want)


@pytest.mark.parametrize("sentence, indicator", [
    ("力争全年城镇新增就业12万人以上", "城镇新增就业"),  # no 力争/全年
    ("确保到2030年森林覆盖率达到48%", "森林覆盖率"),  # no 确保/到2030年
    ("加快推动新增高新技术企业300家", "新增高新技术企业"),  # 新增 stays: it says what is counted
    ("培育40个带动力强、特色鲜明的农业产业强镇", "农业产业强镇"),  # the noun, not its description
    ("全省80%以上的行政村纳入垃圾分类体系", "行政村纳入垃圾分类体系"),  # a share of something
    ("打造15个“数字乡村”示范县", "“数字乡村”示范县"),  # quotes kept whole
])
def test_indicators_are_bounded_at_what_is_measured(sentence, indicator):
    assert [t.indicator for t in find_targets(sentence, 0, len(sentence))] == [indicator]


def test_scope_is_kept_apart():
    [t] = find_targets("全县常住人口城镇化率超过55%", 0, 15)
    assert (t.scope, t.indicator) == ("全县", "常住人口城镇化率")


@pytest.mark.parametrize("sentence", [
    "对新认定的国家级专精特新企业给予最高80万元奖励",  # a reward
    "对吸纳就业的企业按每人1000元给予补贴",  # a subsidy per head
    "设立30亿元先进制造业发展基金",  # money put into a fund
    "省级财政统筹安排专项资金8亿元以上",  # money allocated
    "新增科技贷款600亿元",  # loans
    "城乡低保标准分别提高60元、40元",  # an allowance raised
    "对新建项目按照不超过投资额30%的比例给予补助",  # the share of a cost a subsidy pays
])
def test_policy_instruments_are_not_targets(sentence):
    assert targets(sentence) == []


def test_a_fund_whose_size_is_the_goal_is_a_target():
    assert shapes("组建总规模超过500亿元的政府引导基金群") == [(">", 500, "亿元")]


@pytest.mark.parametrize("sentence", [
    "打造一批特色小镇",  # 一批: some, not one
    "完成三类园区认定",  # counts the categories of a name
    "为65岁以上老年人免费体检",  # an age bracket describing people
    "落实72小时过境免签政策",  # a duration naming a policy
    "对投资5000万元以上的技改项目给予支持",  # a threshold describing projects
    "力争储能规模实现翻番",  # doubling with no number written
    "实施“百县千镇”工程",  # a number inside a quoted name
    "推进第三期工程建设",
])
def test_numbers_that_are_not_targets(sentence):
    assert targets(sentence) == []


@pytest.mark.parametrize("sentence", [
    "截至2023年底，已建成充电桩3.2万个",  # already there
    "全市规模以上工业增加值同比增长6.3%",  # compared with last year: a result in a plan's background
    "在现有建成45个站点的基础上扩容",  # a baseline
])
def test_results_in_a_sentence_are_marked_achieved(sentence):
    found = find_targets(sentence, 0, len(sentence))
    assert found and all(t.achieved for t in found)


def test_five_year_plans_by_number():
    assert five_year_plan("四") == (2021, 2025) and five_year_plan("五") == (2026, 2030)


def extract_text(text, source="t.txt"):
    from kg.extract import extract

    return extract(RawDocument(source=source, text=text, format="text", encoding="utf-8", sha256="0" * 64,
                               size=len(text.encode())))


WORK_REPORT = """2026年某省政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全省地区生产总值增长5.1%，城镇新增就业46万人，粮食产量突破520亿斤。
五年来，全省经济总量迈上1.8万亿元台阶，研发经费投入年均增长9.5%。
二、“十五五”时期主要目标任务
“十五五”时期，力争地区生产总值年均增长5%左右，常住人口城镇化率达到68%以上。
三、2026年重点工作
今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业45万人以上，城镇调查失业率5.5%以内。
实施省重点项目900多个，新建充电桩2万个。对首次认定的高新技术企业给予最高30万元奖励。
"""


def test_a_work_report_keeps_results_apart_from_its_targets():
    ex = extract_text(WORK_REPORT)
    planned = {(t.indicator, t.comparator, t.value, t.year) for t in ex.targets}
    assert planned == {
        ("地区生产总值年均增长", "~", 5, 2030), ("常住人口城镇化率", ">", 68, 2030),  # 十五五: its end year
        ("地区生产总值增长", "~", 5, 2026), ("城镇新增就业", ">", 45, 2026), ("城镇调查失业率", "<=", 5.5, 2026),
        ("省重点项目", ">", 900, 2026), ("新建充电桩", ">=", 2, 2026),
    }
    assert all(t.status == "planned" for t in ex.targets)
    results = {(t.value, t.unit, t.year) for t in ex.results}
    assert {(5.1, "%", 2025), (46, "万人", 2025), (520, "亿斤", 2025), (1.8, "万亿元", 2025)} <= results
    assert all(t.status == "achieved" for t in ex.results)
    assert not any(t.unit == "万元" for t in ex.targets + ex.results)  # the reward is an instrument


def test_a_report_whose_chapters_do_not_say_when_they_are():
    text = ("2026年某自治区政府工作报告\n各位代表：\n一、砥砺奋进，发展迈出坚实步伐\n"
            "2025年是“十四五”收官之年。一年来，全区接待游客增长11%，新增市场主体12万户。\n"
            "二、乘势而上，开启现代化建设新征程\n“十五五”时期是夯实基础的关键时期。力争人均地区生产总值达到8万元以上。\n"
            "三、真抓实干，确保开好局起好步\n今年是“十五五”开局之年。新建改造农村公路2000公里。\n"
            "四、加强政府自身建设\n全面推行数字化办公，政务服务网上可办率达到95%。\n")
    ex = extract_text(text)
    assert {(t.value, t.year) for t in ex.targets} == {(8, 2030), (2000, 2026), (95, 2026)}
    assert {t.value for t in ex.results} == {11, 12}


def test_a_report_with_headings_that_carry_no_number():
    text = ("2026年某省政府工作报告\n各位代表：\n“十四五”时期发展成就和2025年工作回顾\n"
            "这五年，全省建成高速公路1200公里。\n“十五五”时期主要目标和2026年重点工作\n"
            "今年要新建5G基站1.5万个。\n")
    ex = extract_text(text)
    assert [(t.value, t.year) for t in ex.targets] == [(1.5, 2026)]
    assert [(t.value, t.year) for t in ex.results] == [(1200, 2025)]


ACTION_PLAN = """某市智能制造三年行动方案（2024—2026年）
一、发展基础
截至2023年底，全市已建成智能工厂18个，规模以上工业企业数字化研发设计工具普及率达到72%。
二、主要目标
到2025年，培育智能工厂30个、数字化车间120个，规模以上工业企业关键工序数控化率达到65%。到2026年，两化融合发展水平指数提高到62以上，智能制造装备产业规模突破500亿元。
三、重点任务
（一）推进企业上云。每年推动2000家以上企业上云用云，打造2—3个行业级工业互联网平台。
（二）加大支持力度。对认定的市级智能工厂给予一次性奖励100万元，设立10亿元智能制造产业基金。
"""


def test_an_action_plan_with_a_main_targets_paragraph():
    ex = extract_text(ACTION_PLAN)
    planned = {(t.indicator, t.comparator, t.value, t.unit, t.year) for t in ex.targets}
    assert planned == {
        ("智能工厂", ">=", 30, "个", 2025), ("数字化车间", ">=", 120, "个", 2025),
        ("规模以上工业企业关键工序数控化率", ">=", 65, "%", 2025),
        ("两化融合发展水平指数", ">", 62, "", 2026), ("智能制造装备产业规模", ">", 500, "亿元", 2026),
        ("企业上云用云", ">", 2000, "家", 2026), ("行业级工业互联网平台", ">=", 2, "个", 2026),
    }
    assert {(t.value, t.year) for t in ex.results} == {(18, 2023), (72, 2023)}  # the background chapter


OPINIONS = """某省人民政府关于推进数字经济高质量发展的实施意见
各市人民政府，省政府各部门：
为推进数字经济高质量发展，提出如下意见。
一、总体要求
（一）指导思想。坚持创新驱动，推动数字经济和实体经济深度融合。
（二）发展目标。到2027年，全省数字经济核心产业增加值占地区生产总值比重达到12%，培育数字经济领军企业60家。到2030年，数字经济规模突破4万亿元。
二、重点任务
（一）培育数字产业集群。打造3—5个千亿级数字产业集群。
三、保障措施
（一）加大财政支持。省级财政每年安排专项资金6亿元，对新认定的国家级示范企业给予最高50万元奖励。
"""


def test_opinions_with_targets_in_the_general_requirements_chapter():
    ex = extract_text(OPINIONS)
    planned = {(t.indicator, t.value, t.unit, t.year) for t in ex.targets}
    assert ("数字经济核心产业增加值占地区生产总值比重", 12, "%", 2027) in planned
    assert ("数字经济领军企业", 60, "家", 2027) in planned
    assert ("数字经济规模", 4, "万亿元", 2030) in planned
    assert ("千亿级数字产业集群", 3, "个", 2030) in planned
    assert not any(t.unit == "亿元" or t.unit == "万元" for t in ex.targets)  # instruments
    assert ex.results == []


GUIDANCE_WITH_BULLETS = """某省人民政府关于印发某省氢能产业发展行动方案的通知
各市人民政府：
现将《某省氢能产业发展行动方案》印发给你们，请认真贯彻落实。
某省氢能产业发展行动方案
一、总体要求
（二）发展目标
到2025年，全省氢能产业体系初步建立。
——产业规模。氢能产业产值突破600亿元，年均增长25%以上。
——示范应用。推广燃料电池汽车3000辆，建成加氢站50座。
到2030年，氢能产业产值达到1500亿元。
二、重点任务
（一）培育市场主体。引进培育氢能装备企业80家。
三、保障措施
（一）加大支持。对新建加氢站给予最高200万元补助。
"""


def test_a_horizon_opening_a_paragraph_holds_for_the_lines_after_it():
    ex = extract_text(GUIDANCE_WITH_BULLETS)
    years = {(t.indicator, t.value): t.year for t in ex.targets}
    assert years[("氢能产业产值", 600)] == 2025 and years[("氢能产业产值年均增长", 25)] == 2025
    assert years.get(("加氢站", 50)) == 2025 and years.get(("推广燃料电池汽车", 3000)) == 2025
    assert years[("氢能产业产值", 1500)] == 2030
    assert not any(t.unit == "万元" for t in ex.targets)


def test_a_task_list_item_with_its_number_and_lead():
    ex = extract_text("某市数字政府建设任务清单\n1.新增政务服务自助终端120台。（年底前完成，牵头单位：市政务服务局）\n"
                      "2.联通市本级40个部门的业务系统。（持续推进，牵头单位：市大数据局）\n")
    assert {(t.indicator, t.value, t.unit, t.measure) for t in ex.targets} == {
        ("新增政务服务自助终端", 120, "台", 1), ("业务系统", 40, "个", 2)}


def test_offsets_json_and_schema():
    ex = extract_text(WORK_REPORT)
    text = ex.document.text
    for t in ex.targets + ex.results:
        for m in t.mentions:
            assert text[m.start:m.end] == m.text
    data = json.loads(json.dumps(ex.to_dict(), ensure_ascii=False))
    assert {t["status"] for t in data["targets"]} == {"planned"}
    assert {t["status"] for t in data["results"]} == {"achieved"}
    back = Extraction.from_dict(data)
    assert len(back.results) == len(ex.results) and all(t.status == "achieved" for t in back.results)
    assert [t.to_dict() for t in back.targets] == data["targets"]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent / "kg" / "schemas" / "extraction.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    data["targets"][0]["status"] = "achieved"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_where_a_number_starts_from_is_not_a_target():
    assert targets("推动结对帮扶县从12个扩大到40个。") == [("结对帮扶县", ">=", 40, "个")]
    assert not targets("努力建成一个现代化新城。")  # 一个 is an article here
