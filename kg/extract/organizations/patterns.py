"""The rules that recognise organization names, grouped by the kind of body they find.

Two shapes of rule:

* **Whole-name rules** match the complete name: the issuer-relative bodies of
  Chinese administration (省政府, 市委组织部, 区县政府), the bodies of the
  central state (国务院, 党中央, 自然资源部, 中央财办), legislatures and advisory
  bodies (省人大常委会, 政协), mass organizations (工会, 工商联), international
  bodies (世界卫生组织, 国际乒联) and the military (武警部队).
* **Suffix rules** match the type word that ends a proper name (…集团, …大学,
  …研究院, …银行, …协会): the name itself runs left from it to the nearest
  boundary (punctuation, 、, a verb such as 组建/支持) and is kept only if what
  precedes the type word is a proper name, not a generic modifier
  (``names.proper_name_start``): 苏豪集团 and 云南大学 are organizations,
  上市公司, 商业银行 and 研究型大学 are not.

Every pattern captures the name (or, for suffix rules, the type word) in its
group ``name``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import CJK


@dataclass(frozen=True)
class Rule:
    label: str  # what the rule recognises, for readers and tests
    pattern: re.Pattern
    kind: str
    suffix_only: bool = False  # the pattern matches the type word; the name runs left of it


def _rule(label: str, regex: str, kind: str, suffix_only: bool = False) -> Rule:
    return Rule(label, re.compile(regex), kind, suffix_only)


# -- vocabulary of Chinese administration ----------------------------------------------

# Portfolios of government departments (general administrative vocabulary): 发展改革 in 市发展改革委.
PORTFOLIOS = sorted(set("""
发展改革 发改 发展和改革 经济和信息化 经信 工业和信息化 工信 科技 科学技术 教育 公安 国家安全 民政 司法 财政
人力资源社会保障 人力资源和社会保障 人社 人力社保 自然资源 规划和自然资源 规划自然资源 生态环境 住房城乡建设
住房和城乡建设 住建 城乡建设 交通运输 交通 水利 水务 农业农村 农牧 农业 商务 文化和旅游 文化旅游 文旅 文旅广电
卫生健康 卫健 退役军人事务 退役军人 应急管理 应急 审计 国资 国有资产监督管理 市场监管 市场监督管理 广电
广播电视 体育 统计 医保 医疗保障 林业 林草 林业和草原 城管执法 城市管理 城管 审批服务 行政审批 大数据发展
政务服务 政务服务管理 金融 地方金融监管 金融监管 证监 外汇管理 外汇 税务 能源 粮食和储备 粮食 机关事务管理
机关事务 信访 外事 侨务 民族宗教 民宗 网信 宣传 组织 统战 政法 经济信息 住房公积金 港航海事 港航 数字经济
新闻出版 商务和投资促进 数据资源 数据 中小企业发展 国防科工 人民防空 人防 地震 档案 民航 铁路 编办 机构编制
知识产权 海关 气象 邮政 通信管理 国防动员 消防救援 口岸物流 口岸 经济技术协作 招商投资 投资促进 乡村振兴
台办 港澳 外交 国防 药品监督管理 药监 中医药 疾病预防控制 疾控 矿山安全监察 矿山安全 文物 移民 烟草专卖
""".split()), key=len, reverse=True)
PORT = "|".join(map(re.escape, PORTFOLIOS))
# the word that makes a portfolio a body; not when it starts another word (部署, 办学, 委员, 局面)
BUREAU = r"(?:委员会|总局|委|局|厅|办公室|办|部|署|管委会)(?![署门分长件位队学理公事好成法员托面势])"
LEVEL = r"(?:国家|中央|省|市|区|县|自治区|州|盟|旗|市委|省委)"
# levels an issuer-relative name starts with: 省政府, 市委, 区县政府
RELATIVE_LEVEL = r"(?:自治区|旗县区|区县|省|市|区|县|州|盟|旗)"

# Generic words that make "…集团 / …大学 / …银行" a class of bodies rather than one body.
GENERIC_MODIFIERS = sorted(set("""
一批 若干 各类 各级 各 多家 多所 一流 世界一流 国际一流 国内一流
高水平 高质量 研究型 应用型 创新型 新型 现代 大型 中小 小微 中小微
民营 国有 国营 省属 市属 区属 县属 央属 地方 本地 本土 外资 合资
独资 上市 拟上市 跨国 龙头 骨干 头部 领军 链主 重点 知名 优质 优势
平台 融资平台 投资 城投 产业 行业 企业 专业 职业 本科 职业本科 老年
开放 社区 高等 高职 中职 技工 技师 理工类 中外合作 合作 科技商 商
商业 政策性 开发性 村镇 农村 城市 农商 社会 民办 公办 有关 相关
其他 这些 该 本 其 全国 全省 全市 全区 全州 全县 国外 境外 海外
首家 全球 新 子 分 母 控股 参股 实体 专精特新 独角兽 瞪羚 科技型
高新技术 国家级 省级 市级 县级 一般 特色 普通 新建 筹建 部分 更多
中央 央企 国企 民企 外企 各地 各省 院士 专家 人才 干部 党员
公共 公益 服务 数据 数字 智慧 金融 保险 证券 基金 担保 小额贷款
卓越工程师 未来技术 现代产业 示范性 特色 学会 协会 商会 境内 紧密型 城市 县域 国家 高风险 跨国 首家 首个
""".split()), key=len, reverse=True)
# words that, ending the words before a type word, make a class: 上市公司, 子公司, 龙头企业集团
GENERIC_ENDINGS = sorted(set("""
上市 拟上市 子 分 母 龙头 骨干 头部 领军 链主 重点 国有 民营 外资 合资 中小 小微 大型 平台 融资平台 城投 科技型 高新技术
专精特新 独角兽 瞪羚 地方 本地 境内 境外 国内 海外 各类 一批 若干 多家 新型 现代 研究型 应用型 高水平 跨国 试点 项目
""".split()), key=len, reverse=True)
# fields and sectors: 医疗集团, 能源发展 name what a body works on, not which body it is
SECTOR_WORDS = set("""
医疗 教育 能源 产业 行业 科技 技术 数据 信息 金融 文化 旅游 文旅
体育 交通 物流 农业 工业 商贸 建设 发展 更新 投资 运营 管理 服务
健康 养老 卫生 环保 生态 水利 住房 城建 交投 城投 资产 创新 人才 财经 项目 总部
""".split())

# -- whole-name rules ------------------------------------------------------------------

GOVERNMENT = [
    # addressees of a notice: 各省、自治区、直辖市人民政府; 各旗、县、区人民政府
    _rule("addressee governments", r"(?P<name>各(?:(?:省|自治区|直辖市|市|区|县|旗|州|盟)、)+"
          r"(?:省|自治区|直辖市|市|区|县|旗|州|盟)人民政府)", "government"),
    # 人民政府 with whatever division precedes it; the start is settled against the gazetteer
    _rule("people's government", r"(?P<name>人民政府(?:办公厅|办公室)?)", "government"),
    # 省政府, 各区县政府: settled in code to start at a word boundary (城市政府 is no 市政府)
    _rule("government (short)", rf"(?P<name>各?{RELATIVE_LEVEL}政府(?:办公厅|办公室|金融办)?)", "government"),
    _rule("State Council", r"(?P<name>国务院(?:办公厅|国资委|台办|港澳办|新闻办|研究室|参事室)?)", "government"),
    _rule("collective departments", r"(?P<name>(?:市级|省级|区级|县级)(?:有关)?部门|各有关部门|各有关单位|有关单位)",
          "government"),
    _rule("administrative committee", r"(?P<name>管委会)", "government", suffix_only=True),
]

PARTY = [
    _rule("central party", r"(?P<name>党中央|中共中央(?:办公厅)?|中国共产党|中央军委)", "party_committee"),
    _rule("central party offices",
          rf"(?P<name>中央(?:{PORT}|财经|财|外事|外|改革|深改|农|社会工作|金融|科技|机构编制)办"
          rf"(?![公学理事好成法]))", "party_department"),
    _rule("central party departments", r"(?P<name>中央(?:组织|宣传|统战|社会工作|政法)(?:部|委)(?![署门分长]))",
          "party_department"),
    _rule("named party committee",
          rf"(?P<name>中共[{CJK}]{{2,8}}?(?:自治区|省|市|县|区|州)委(?:员会)?)(?![{CJK}]?[员托])",
          "party_committee"),
    _rule("party committee and its departments", r"(?P<name>(?:自治区|省|市|区|县|州|盟|旗)党?委"
          r"(?:办公厅|办公室|网信办|组织部|宣传部|统战部|政法委|编办|外办|党校|社会工作部|金融办|财经办)?)(?![员会托书])",
          "party_committee"),
    _rule("discipline inspection", r"(?P<name>(?:市|省|区|县|自治区)纪委监委|(?:市|省|区|县|自治区)纪委)",
          "discipline_inspection"),
]

LEGISLATURE = [
    _rule("people's congress by its session", rf"(?P<name>[{CJK}]{{2,8}}?第[一二三四五六七八九十]+届人民代表大会)",
          "legislature"),
    _rule("people's congress", r"(?P<name>(?:全国|自治区|省|市|区|县|州)?(?:人大|人民代表大会)(?:常委会|常务委员会)?)"
          r"(?!代表团|附近)", "legislature"),
    _rule("political consultative conference", r"(?P<name>(?:全国|自治区|省|市|区|县|州|人民)?(?<![财行])政协)",
          "advisory_body"),
]

CENTRAL_BODIES = [
    # 市公安局, and its sub-bureaus: 市公安局交通管理局
    _rule("departments by portfolio", rf"(?P<name>{LEVEL}?(?:{PORT}){BUREAU}(?:[{CJK}]{{2,6}}?(?:管理局|分局|支队|总队)"
          rf"(?![署门分长面势]))?)", "government_department"),
    _rule("national administrations", rf"(?P<name>国家[{CJK}]{{2,8}}?(?:总局|局|委)(?![署门分长面势]))",
          "government_department"),
    _rule("regulators", r"(?P<name>(?:国家)?金融监(?:督)?管(?:理)?总局|(?:中国)?证监会|(?:中国)?人民银行|央行|"
          r"审计署|海关总署)", "government_department"),
    _rule("supreme court and procuratorate", r"(?P<name>最高人民法院|最高法|最高人民检察院|最高检)", "court"),
]

MASS_ORGANIZATIONS = [
    # the people's organizations (人民团体) of the CPPCC and their provincial branches
    _rule("people's organizations", r"(?P<name>(?:中华)?全国总工会|(?:省|市|县|区)?总工会|共青团(?:中央)?|团中央|"
          r"团(?:省|市|区|县)委|(?:全国|省|市|区|县)妇联|(?:中国|省|市|区|县)科协|(?:中国|全国|省|市)?(?:侨联|台联|"
          r"社科联|工商联|残联)|(?:中国|省|市)?红十字会|(?:中国|省|市)?贸促会|供销合作社|供销社|计生协|慈善总会|法学会|"
          r"欧美同学会)", "association"),
    # short forms that are also common words stand alone between list marks: 工会、共青团、妇联
    _rule("short people's organizations",
          r"(?<=[、，。；：\s“])(?P<name>工会|妇联|科协|友协|贸促|红十字|侨联|文联|作协|青联)"
          r"(?=[、，。；：\s”等和])", "association"),
]

INTERNATIONAL = [
    _rule("UN bodies", rf"(?P<name>联合国(?:[{CJK}]{{2,8}}?(?:组织|计划署|规划署|开发署|基金会|委员会|署))?)"
          rf"(?![{CJK}]?[军])", "international"),
    _rule("world and international organizations", rf"(?P<name>(?:世界|国际|亚太|亚洲)[{CJK}]{{1,8}}?组织|"
          rf"上海合作组织|上合组织|世卫组织|世贸组织)(?!机构)", "international"),
    # international sports federations: 国际乒联, 国际足联
    _rule("international federations", rf"(?P<name>国际[{CJK}]{{1,2}}联)(?![合盟会系络动通运营办考])", "international"),
    _rule("world unions", rf"(?P<name>世界[{CJK}]{{2,6}}?联盟)", "international"),
]

MILITARY = [
    _rule("armed forces", rf"(?P<name>(?:驻[{CJK}](?:人民)?解放军|(?:中国)?人民解放军|驻[{CJK}]部队|武警部队|"
          rf"武警(?=官兵)))", "military"),
]

# -- suffix rules (the name runs left of the type word) ----------------------------

ENTERPRISES = [
    _rule("companies and groups", r"(?P<name>集团(?:股份)?(?:有限)?(?:责任)?公司|控股集团|集团(?![化内])|"
          r"(?:股份)?有限(?:责任)?公司|股份公司|公司)(?![化])", "enterprise", True),
    _rule("exchanges", r"(?P<name>证券交易所|期货交易所|商品交易所|交易所)", "exchange", True),
]

EXCHANGE_SHORT_FORMS = [
    _rule("exchange short forms", r"(?P<name>[上深北港]交所|郑商所|大商所|上期所|广期所|中金所)", "exchange"),
]

BANKS = [
    _rule("banks", r"(?P<name>(?:农村商业|农商|联合|商业|开发|发展|储蓄|合作)?银行(?:[^，。；、\s]{2,6}?(?:分行|支行))?"
          r"|农商行|信用社|信用联社)(?![业卡])", "bank", True),
]

UNIVERSITIES = [
    _rule("universities and colleges", r"(?P<name>大学|职业技术学院|职业学院|学院|研究生院|党校|"
          r"职院|农大|师大|工大|医大|财大|交大|工院)(?![城生园会学校排科局])", "university", True),
]

INSTITUTES = [
    # 中国科学院, 省农科院 (widened to 江东省农科院 when a division precedes it)
    _rule("academies", r"(?P<name>(?:中国|省|市|自治区)(?:科学院|工程院|社会科学院|社科院|农业科学院|农科院|"
          r"医学科学院|林业科学研究院|林科院)|中科院)", "research_institute"),
    # the academy's institutes and centres: 中国科学院工业人工智能研究所, 中科院重庆科学中心
    _rule("institutes of the academy",
          rf"(?P<name>(?:中国科学院|中科院)[{CJK}]{{2,12}}?(?:研究所|研究院|科学中心|分院))",
          "research_institute"),
    _rule("institutes", r"(?P<name>研究院|研究所|设计院|设计研究院|科学研究院|科学院)(?![所])", "research_institute",
          True),
    _rule("named laboratories", r"(?P<name>实验室)(?![集体群])", "lab", True),
]

ASSOCIATIONS = [
    _rule("associations", r"(?P<name>协会|商会|联合会|学会|促进会|研究会|基金会|同学会|联谊会|联盟)",
          "association", True),
]

COURTS = [
    _rule("courts", r"(?P<name>中级人民法院|高级人民法院|人民法院|金融法院|知识产权法院|海事法院|法院|破产法庭|"
          r"知识产权法庭|法庭|人民检察院|检察院)", "court", True),
]

PUBLIC_INSTITUTIONS = [
    _rule("provincial and city centres", rf"(?P<name>(?:省|市|区|县|自治区)(?:{PORT}|公共资源交易|民营经济发展|大数据|"
          rf"政务服务)?(?:促进中心|服务中心|交易中心|大数据中心|事务中心|研究中心|疾控中心|疾病预防控制中心))",
          "public_institution"),
    _rule("promotion centres", r"(?P<name>促进中心)", "public_institution", True),
]

COORDINATION_BODIES = [
    # 市推动成渝地区双城经济圈建设领导小组办公室; the start is found by coordination_start
    _rule("leading groups and joint conferences", r"(?P<name>领导小组办公室|领导小组|联席会议|秘书处|专班|指挥部)",
          "coordination_body", True),
]

# Whole-name groups are tried before suffix groups; among overlapping matches the longest wins.
WHOLE_NAME_RULES = [r for r in GOVERNMENT + PARTY + LEGISLATURE + CENTRAL_BODIES + MASS_ORGANIZATIONS + INTERNATIONAL
                    + MILITARY + EXCHANGE_SHORT_FORMS + INSTITUTES + PUBLIC_INSTITUTIONS if not r.suffix_only]
SUFFIX_RULES = [r for r in GOVERNMENT + ENTERPRISES + BANKS + INSTITUTES + UNIVERSITIES + ASSOCIATIONS + COURTS
                + PUBLIC_INSTITUTIONS + COORDINATION_BODIES if r.suffix_only]
