"""Organizations: governments, departments, party bodies, legislatures,
coordination bodies, courts, public institutions, labs and institutes acting as
actors, mass organizations and international bodies.

Departments follow the naming pattern of Chinese administration: a level
prefix (国家/省/市/区/县/自治区, or none for ministries) + a portfolio + a
bureau word (委/局/厅/办/部/署).  Coordination bodies end in 领导小组办公室,
联席会议, 秘书处; courts in 法院/法庭.  Tasks name their lead department in a
closing parenthesis ("牵头考核单位：市审批服务局"), which makes that department
responsible for the measure.
"""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK

# Portfolios of government departments (general administrative vocabulary).
_PORTFOLIOS = sorted(set("""
发展改革 发改 经济和信息化 经信 工业和信息化 工信 科技 科学技术 教育 公安 国家安全 民政 司法 财政 人力资源社会保障 人力资源和社会保障 人社
自然资源 规划和自然资源 生态环境 住房城乡建设 住房和城乡建设 住建 城乡建设 交通运输 交通 水利 农业农村 农业 商务 文化和旅游 文化旅游 文旅 文旅广电 卫生健康 卫健
退役军人事务 退役军人 应急管理 应急 审计 国资 国有资产监督管理 市场监管 市场监督管理 广电 广播电视 体育 统计 医保 医疗保障 林业 林草 林业和草原 城管执法 城市管理 城管
审批服务 行政审批 大数据发展 政务服务 政务服务管理 金融 地方金融监管 税务 能源 粮食和储备 粮食 机关事务管理 机关事务 信访 外事 侨务 民族宗教 民宗 网信 宣传 组织 统战 政法
规划自然资源 经济信息 人力社保 住房公积金 港航海事 港航 数字经济 新闻出版 商务和投资促进 数据资源 数据 中小企业发展 国防科工 发展和改革
人民防空 人防 地震 档案 民航 铁路
编办 机构编制 知识产权 海关 气象 邮政 通信管理 国防动员 消防救援 口岸物流 口岸 经济技术协作 招商投资 投资促进 乡村振兴 台办 港澳 中央改革 改革
""".split()), key=len, reverse=True)
_PORT = "|".join(map(re.escape, _PORTFOLIOS))
_BUREAU = r"(?:委员会|委|总局|局|厅|办公室|办|部|署|管委会)"
_LEVEL = r"(?:国家|省|市|区|县|自治区|州|盟|旗|中央|市委|省委)"
_B = rf"(?:(?<![{CJK}])|(?<=[托合由和与及报向在对为将请即]))"  # a name starts at a boundary or after a verb
_SOFT_B = rf"(?:(?<=[^{CJK}])|(?<=[报由向经会同和与及、，；：。的在对将让使请并要]))"

_PATTERNS: list[tuple[re.Pattern, str]] = [
    # coordination bodies: 市推动成渝地区双城经济圈建设领导小组办公室, 陆海新通道建设合作中方工作机制秘书处
    (re.compile(rf"([{CJK}“”]{{2,30}}?(?:领导小组办公室|领导小组|联席会议|秘书处|工作专班|数字政府专班|指挥部))"), "coordination_body"),
    (re.compile(r"(市级有关部门|市级部门|省级有关部门|省级部门|各有关部门|各区县政府|区县政府|各旗县区人民政府|各旗县区政府|"
                r"有关单位|各有关单位)"), "government"),
    (re.compile(r"(国务院办公厅|国务院|党中央|中共中央|中央改革办|中央网信办|全国人大|全国政协)"), "government"),
    # the addressees of a notice: 各省、自治区、直辖市人民政府, 各旗、县、区人民政府
    (re.compile(r"(各(?:(?:省|自治区|直辖市|市|区|县|旗|州|盟)、)+(?:省|自治区|直辖市|市|区|县|旗|州|盟)人民政府)"),
     "government"),
    (re.compile(rf"((?:[{CJK}]{{2,8}}?)?(?:省|市|区|县|自治区|州|旗|区县|旗县区)?人民政府(?:办公厅|办公室)?)"), "government"),
    (re.compile(rf"((?:省|市|区|县|自治区|区县|旗县区)政府(?:办公厅|办公室|金融办)?)"), "government"),
    (re.compile(rf"((?:省|市|区|县|自治区)委(?:办公厅|办公室|网信办|组织部|宣传部|统战部|政法委|编办)?)(?![{CJK}]?[员会托])"), "party_committee"),
    (re.compile(rf"((?:省|市|全国)?人大(?:常委会)?(?!代表)|(?:省|市|全国)?(?<![财行])政协(?![{CJK}]?委员)|[{CJK}]{{2,6}}第[一二三四五六七八九十]+届人民代表大会)"), "legislature"),
    (re.compile(rf"((?:市|省|区|县)纪委监委|(?:市|省)纪委)"), "discipline_inspection"),
    (re.compile(rf"({_LEVEL}?(?:{_PORT}){_BUREAU})"), "government_department"),
    (re.compile(rf"((?:财政|教育|科技|工业和信息化|自然资源|生态环境|交通运输|水利|农业农村|商务|文化和旅游|应急管理|公安|民政|司法|人力资源和社会保障|住房和城乡建设)部|"
                rf"审计署|海关总署|国家[{CJK}]{{2,8}}局|国家发展改革委|国家发改委|国家卫生健康委)"), "government_department"),
    (re.compile(rf"{_B}((?:省|市|区|县|自治区)(?:{_PORT}|公共资源交易|民营经济发展|大数据|政务服务)?(?:促进中心|服务中心|交易中心|大数据中心|事务中心|研究中心))"), "public_institution"),
    (re.compile(rf"([{CJK}]{{2,6}}(?:数智化|绿色化|数字化)?[{CJK}]{{0,8}}发展促进中心)"), "public_institution"),
    (re.compile(rf"([{CJK}]{{2,8}}(?:金融法院|破产法庭|知识产权法庭|中级人民法院|人民法院|法院|法庭))"), "court"),
    (re.compile(rf"(中科院[{CJK}]{{2,10}}?(?:科学中心|研究院|研究所)|中国科学院[{CJK}]{{2,10}}?(?:研究院|研究所)|中物院|中国工程物理研究院)"), "research_institute"),
    (re.compile(rf"([{CJK}]{{2,6}}实验室)(?=等|、|和|，|。|牵头|作为)"), "lab"),
    (re.compile(r"(供销社|总工会|共青团|团省委|团市委|社科联|侨联|工商联|残联|红十字会|贸促会|慈善总会)"), "association"),
    (re.compile(rf"(?<=[、，。；：\s“])(妇联|文联|科协|工会|友协|贸促)(?=[、，。；：\s”等])"), "association"),
    (re.compile(r"(联合国|世界银行|亚洲基础设施投资银行|亚投行|世界贸易组织|世界卫生组织|国际奥委会|世界经济论坛|达沃斯世界经济论坛|"
                r"国际乒联|国际足联|世界自然保护联盟|联合国教科文组织|上海合作组织|金砖国家新开发银行)"), "international"),
]
_NOT_AFTER = re.compile(r"^(精神|领导下|坚强领导|全会|经济工作会议|常务会议|审议通过|决策部署|工作会议)")
_NOT_NAME = re.compile(r"(建设|发展|改革|实施|推进)$")


def kind_of(name: str) -> str:
    for pattern, kind in _PATTERNS:
        if pattern.fullmatch(name):
            return kind
    if re.search(r"(办公厅|办公室|政府)$", name):
        return "government"
    if re.search(r"(委|局|厅|办|部|署)$", name):
        return "government_department"
    return "other"


def find_organizations(text: str, start: int, end: int, is_division=None) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) of organization mentions in text[start:end].

    ``is_division(name)`` tells whether a prefix before 人民政府 is a real place.
    """
    from kg.extract.projects import left_edge

    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.start(1), m.end(1)
            name = m.group(1)
            if kind == "coordination_body":
                s = _body_start(text, max(start, s - 40), e)
                name = text[s:e]
                if len(name) < 6 or "“" in name or "”" in name:
                    continue
            elif kind in ("lab", "court", "public_institution"):
                clause_start = max(text.rfind(c, start, s) for c in "，。；：、\n（(") + 1
                s = max(s, left_edge(text, max(clause_start, start), e - _suffix_len(name)))
                name = text[s:e]
                if len(name) < 4:
                    continue
            marker = "人民政府" if "人民政府" in name else ("第" if "人民代表大会" in name else None)
            if marker and not name.startswith(("省", "市", "区", "县", "自治区", "各", "第")):
                prefix = name[: name.index(marker)]
                cut = _division_suffix(prefix, is_division)
                if cut is None:
                    s += len(prefix)
                    name = name[len(prefix):]
                else:
                    s += cut
                    name = name[cut:]
                if name in ("人民政府",) or name.startswith("第"):
                    continue
            if kind in ("government_department", "party_committee", "public_institution") and is_division:
                s, name = _with_division_prefix(text, start, s, e, name, is_division)
            if any(a < e and s < b for a, b in taken):
                continue
            if _NOT_AFTER.match(text[e:e + 6]) and kind in ("party_committee", "government") and \
                    name not in ("党中央", "中共中央", "国务院"):
                pass  # "省委坚强领导" still names the 省委
            if _NOT_NAME.search(name) and kind in ("coordination_body",):
                continue
            if re.search(r"(大局|布局|格局|全局|当局|结局)$", name):
                continue
            found.append((s, e, name, kind))
            taken.append((s, e))
    return found


_BODY_VERBS = re.compile(r"(及时报|报送|报|由|发挥|成立|建立|设立|健全|完善|组建|落地|牵头|会同|依托|召开|通过|参考|和|与|以及)")


def _body_start(text: str, lo: int, e: int) -> int:
    """A coordination body's name runs back to punctuation or a governing verb: 报|市推动…领导小组办公室."""
    i = e
    while i > lo and text[i - 1] not in "，。；：、,;:\n（(“”":
        i -= 1
    seg = text[i:e]
    last = None
    for m in _BODY_VERBS.finditer(seg):
        if len(seg) - m.end() >= 6:
            last = m
    return i + (last.end() if last else 0)


def _with_division_prefix(text: str, lo: int, s: int, e: int, name: str, is_division) -> tuple[int, str]:
    """重庆市发展改革委 names its place: widen '市发展改革委' to the division written before it."""
    level = re.match(r"(自治区|省|市|区|县|州|盟|旗)", name)
    if not level:
        return s, name
    for k in range(min(8, s - lo), 1, -1):
        if is_division(text[s - k:s] + level.group(1)):
            return s - k, text[s - k:e]
    return s, name


def _suffix_len(name: str) -> int:
    for suffix in ("领导小组办公室", "领导小组", "联席会议", "秘书处", "工作专班", "专班", "指挥部", "实验室",
                   "金融法院", "破产法庭", "知识产权法庭", "法院", "法庭", "促进中心", "服务中心", "交易中心",
                   "大数据中心", "数据中心", "事务中心", "研究中心"):
        if name.endswith(suffix):
            return len(suffix)
    return 2


def _division_suffix(prefix: str, is_division) -> int | None:
    """Where the real place name in ``prefix`` starts ('年四川省' -> 1), or None."""
    if is_division is None:
        return 0
    for i in range(len(prefix)):
        if is_division(prefix[i:]):
            return i
    return None


def lead_names(lead: list[str]) -> list[str]:
    return [re.sub(r"^(由|请)", "", x).strip() for x in lead if x.strip()]
