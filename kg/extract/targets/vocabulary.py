"""Words of plan prose that the target rules read: comparator cues, units, verbs, markers of results.

General vocabulary of Chinese plans and government work reports, not phrases of
one document.  Each list says what it is for and shows an example written for
this comment.
"""
from __future__ import annotations

import re

CJK = r"\u4e00-\u9fff"

# -- comparators ---------------------------------------------------------------------
# A cue written before the number: "超过3万亿元" (>), "提高到26%" (>=), "控制在5%" (<=).
# Longest first, so 不低于 wins over 低于 and 达到 over 达.
CUES_BEFORE: list[tuple[str, str]] = sorted([
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("至少", ">="),
    ("不超过", "<="), ("不高于", "<="), ("不大于", "<="),
    ("超过", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"), ("突破", ">"), ("超", ">"), ("迈上", ">="),
    ("提高到", ">="), ("提高至", ">="), ("提升到", ">="), ("提升至", ">="), ("增加到", ">="), ("增加至", ">="),
    ("增长到", ">="), ("增长至", ">="), ("增至", ">="), ("升至", ">="), ("扩大到", ">="), ("扩大至", ">="),
    ("达到", ">="), ("达", ">="), ("实现", ">="), ("力争", ">="), ("扩容至", ">="), ("分别为", ">="),
    ("控制在", "<="), ("低于", "<="), ("小于", "<="), ("降至", "<="), ("降到", "<="), ("下降到", "<="),
    ("下降至", "<="), ("缩小至", "<="), ("缩小到", "<="), ("压减至", "<="), ("减少到", "<="), ("减少至", "<="),
    ("压缩至", "<="), ("压缩到", "<="), ("缩短至", "<="), ("缩短到", "<="), ("降低至", "<="), ("降低到", "<="),
    ("减至", "<="),
    ("稳定在", ">="), ("保持在", ">="), ("巩固在", ">="), ("维持在", ">="), ("稳定保持在", ">="),
    ("降低", "reduce_by"), ("下降", "reduce_by"), ("减少", "reduce_by"), ("压减", "reduce_by"), ("压降", "reduce_by"),
    ("约", "~"), ("大约", "~"), ("近", "~"), ("接近", "~"), ("将近", "~"),
], key=lambda cue: len(cue[0]), reverse=True)

# A cue written after the number: "88%以上" (>), "5.5%左右" (~), "2‰以内" (<=).
CUES_AFTER: list[tuple[str, str]] = [("以上", ">"), ("以内", "<="), ("以下", "<="), ("左右", "~"), ("上下", "~")]

# A growth rate: "增长5%" is a rate to reach (=), "年均增长5%以上" an annual one (unit %/year).
GROWTH_CUE = re.compile(r"(增长|增速|增幅|涨幅|上涨|增长率为?|增长率达到)$")
ANNUAL = ("年均", "年复合", "每年", "年增长")
# An annual rate, not an annual level: "年均增长", "年复合增长率", "每年提高" (but "PM2.5年均浓度" is a level).
ANNUAL_RATE = re.compile(r"(?:年均|年复合|每年)(?:分别)?(?:增长|增速|增幅|提高|提升|下降|降低|减少)"
                         r"|(?:增速|增幅)年均|年增长")
# The unit of an annual rate, as the team's seed gold writes it ("年均增长10%以上": 10 %/year).  The
# hand-made golds of the 2026 work reports write "%" instead; one constant to change if that is preferred.
ANNUAL_RATE_UNIT = "%/year"

# Doubling: "翻一番" is 2 times, "翻两番" 4 times, "倍增"/"双倍增" 2 times.  A bare "翻番" writes
# no number and is not annotated as a target.
DOUBLING = re.compile(r"(翻一番|翻两番|双倍增|倍增)(?=”?(?:[，。；、,;]|$))")
DOUBLING_VALUE = {"翻一番": 2.0, "翻两番": 4.0, "双倍增": 2.0, "倍增": 2.0}

# -- verbs and fillers around an indicator --------------------------------------------
# Verbs that introduce a counted deliverable: "建成100公里滨江绿道" (>=).
COUNT_VERBS = sorted(set("""
建成 新建 建设 培育 打造 引进 创建 实施 新增 筹集 培养 举办 建立 组建 设立 开行 完成 改造 新（改）建 新(改)建 新改建
累计建成 累计开行 累计建设 滚动实施 布局实施 争创 开发 发布 接入 联通 认定 孵化 吸引 落户 招引 遴选 涵盖 组织发布
产生 办好 建好 新升规 开工 投产 建成投运 建成投产 培训 转化 治理 营造 种植 植树 更新 新培育 新认定 新创建 新引进
形成 开展 推出 组织 签约 攻克 新开工 建成通车 推动 实施好 引育
选送 提供 开设 开办 配备 招聘 招录 增设 新设 布设 安装 修缮
整治 盘活 供应 筹建 惠及 接待 整合提升 改造提升 新建改造 建设改造 提升改造 新建提升 新建改建 救助 帮扶 适配
""".split()), key=len, reverse=True)
# After a counted object, words that upgrade what exists ("推动21家开发区提能升级"): the number sizes an
# existing group, not a goal.
UPGRADING = re.compile(r"^[^，；]*?(提能升级|提质增效|提档升级|提质升级|做优做强|做大做强|扩容提质|提能|提级)")
# Count verbs that also begin nouns (服务业, 供应链, 建设用地, 开发区, 培训机构): never cut off an indicator.
NOUN_STARTS = {"建设", "开发", "服务", "供应", "培训", "救助", "接待", "治理", "整治", "更新", "组织", "孵化", "转化",
               "营造", "种植", "植树", "惠及", "提供", "联通", "发布", "认定", "落户", "吸引", "帮扶", "开行", "改造"}
# Verbs that aim a count at a change ("推动16个县整县建成…", "为5万名老人提供…"): the number is a target
# only when the clause also says what is to be achieved.  Alone, "推动21家园区提能升级" sizes an existing group.
GOVERNING_VERBS = re.compile(r"(支持|带动|引导|鼓励|帮助|为|让|使|力争)$")
ACHIEVING_VERBS = re.compile(r"(建成|创建|实现|达到|完成|通过|入选|获评|提供|进行|"
                             r"开展|入乡|返乡|就业|创业|享受|纳入|配备|安装|接入)")

# Words that qualify what is counted and stay in the indicator: 新增就业 is not 就业.
KEPT_PREFIXES = ("新增", "新建", "新培育", "新认定", "新创建", "新引进", "新（改）建", "新(改)建", "新改建", "新升规",
                 "累计")

# Words before an indicator that say how, when or how hard, not what: dropped from it.
LEAD_FILLER = re.compile(
    r"^(?:(?:到|至)20\d{2}年(?:底|末)?(?:前|以前|之前)?|20\d{2}年(?:底|末)?(?:前|以前|之前)?|“?十[一二三四五六七八九]五”?(?:时期|期间|末)?|今年|全年|明年|"
    r"今后五年|未来五年|五年内|每年|建议|力争|确保|争取|努力|预计|实现|推动|推进|促进|使|让|其中|基本(?=[建实形完])|全面|进一步|"
    r"持续|稳步|着力|全力|并(?!网|购|联|表)|且|和(?![美谐平])|以及|年末|年底|同时|将|要|达到|保持|基本实现|初步|加快|大力|积极|深入|"
    r"继续|重点(?=[办抓推建实打培做加])|带动|支持|鼓励|引导)+")
# Words after an indicator that belong to the cue, not to it: "参保率稳定在" -> 参保率.
TRAIL_FILLER = re.compile(r"(要|将|需|应|(?<![平年人户])均|分别|稳定|保持|"
                          r"巩固|实现|达到|力争|确保|超过|“|、|和|及|为|的)+$")
# A leading scope: "全市常住人口" -> scope 全市, indicator 常住人口.
SCOPE = re.compile(r"^(全市|全省|全区|全县|全国|全域|全州|全盟|各区县|每个区县)")
# Head nouns of an indicator shared by a list: "养老、医疗保险参保率" -> both take 参保率.
SHARED_HEADS = re.compile(r"(年均增长率|年复合增长率|增长率|覆盖率|参保率|达标率|合格率|比重|比例|占比|年供应能力|"
                          r"供应能力|能力|总量|规模|产量|数量|面积|里程|增加值|收入|投资|增长)")
# Administrative levels listed before one noun: "市级、区县级示范村" counts per level.
LEVEL_WORDS = re.compile(r"^(市|省|区|县|区县|乡镇|街道|村|市级|省级|区县级|县级|国家级|自治区级)$")

# Counts of a plan's own parts, not goals: "预期性指标19项", "出台措施30条".
PLAN_PARTS = re.compile(r"(指标|举措|措施|任务|政策|意见|条例|办法|清单)$")

# -- numbers that are not targets -------------------------------------------------------
# After the number: a date, an ordinal, a grade, a name ("5G", "3岁以下婴幼儿", "10万元以上的村").
NOT_AFTER = re.compile(r"^(年|月|日|号|期|级|大(?!于)|型|代|届|次会议|版|环|横|纵|射|A级|强|方面|专职|规定|行动|"
                       r"计划|工程|专项|主要指标|个方向|个专项|项举措|条措施|条政策|项措施|项政策|项改革|项任务|个方面|"
                       r"件实事|个字)")
# Before the number: an ordinal (第), a quote (“1000+”), a threshold (满, 以下), a letter (T3).
NOT_BEFORE = re.compile(r"(第|“|T|满|以下|覆盖|每)$")

# -- results, not targets -------------------------------------------------------------
# Words that make a clause state what is already there: "已建成5G基站1.2万个", "截至2022年底".
ALREADY = re.compile(r"(已经|已(?=[建完实达累突超有开投形覆])|截至|目前|(?:现有|已有)[^，；\d]{0,4}\d|基础上|"
                     r"提高了|增长了|下降了|达到了|实现了)")
# A comparison with last year, as results are written ("同比增长5%").  Work reports also write their
# current-year targets this way ("同比增长7%左右"), so there the timeline decides, not this.
COMPARED = re.compile(r"(同比|比上年|较上年|比去年|较去年|比上年末|较上年末)")

# -- policy instruments, not targets -----------------------------------------------------
# Money a government offers or spends as a tool: subsidies, rewards, prizes, loans, funds,
# allowances, relief ("给予最高50万元奖励", "补贴200元/人", "设立10亿元基金", "安排资金3亿元").
INSTRUMENT_WORDS = re.compile(r"(补贴|补助|奖励|奖补|奖金|资助|贴息|津贴|救助金|慰问金|基金|资金|贷款|授信|担保|"
                              r"债券|专项债|额度|拨付|下达|安排|投放|发放|给予|"
                              r"最高|一次性|每人|每户|元/|标准提高|标准分别提高)")
# A percentage a government pays: "按项目投资额的30%给予补助", "贴息比例不超过50%".
SUBSIDY_RATE = re.compile(r"(给予|予以|补助比例|补贴比例|资助比例|奖补比例|贴息|担保费率|费率补贴)")
MONEY_UNIT = re.compile(r"^(?:万亿|亿|千万|万|千)?(?:元|美元)$")
