"""Organizations: governments, departments, party bodies, coordination bodies,
courts, labs and institutes acting as actors.

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
审批服务 行政审批 大数据 大数据发展 政务服务 政务服务管理 金融 地方金融监管 税务 能源 粮食和储备 粮食 机关事务管理 机关事务 信访 外事 外办 侨务 民族宗教 民宗 网信 宣传 组织 统战 政法
编办 机构编制 数据 知识产权 海关 气象 邮政 通信管理 国防动员 消防救援 公共资源交易 口岸物流 口岸 经济技术协作 招商投资 投资促进 乡村振兴 妇联 团 总工会 残联 科协 工商联 台办 港澳
""".split()), key=len, reverse=True)
_BUREAU = r"(?:委员会|委|局|厅|办公室|办|部|署|中心|总局|管委会|管理委员会)"
_LEVEL = r"(?:国家|省|市|区|县|自治区|州|盟|旗|中央)"
_DEPT = re.compile(rf"(?<![{CJK}])?({_LEVEL}?(?:{'|'.join(map(re.escape, _PORTFOLIOS))}){_BUREAU})")
_GOV = re.compile(rf"((?:各)?(?:[{CJK}]{{2,6}}(?:省|市|自治区|区|县|州|旗))?(?:省|市|区|县|区县|旗县区|乡镇|自治区|州)?人民政府(?:办公厅|办公室)?|"
                  rf"(?:各)?(?:省|市|区|县|区县|旗县区|自治区)政府(?:办公厅|办公室)?|国务院(?:办公厅)?|党中央|中共中央|中央改革办|中央网信办)")
_PARTY = re.compile(rf"((?:省|市|区|县|自治区)委(?:办公厅|办公室|网信办|组织部|宣传部|统战部|政法委)?)(?![{CJK}]?[员会托])")
_BODY = re.compile(rf"([{CJK}]{{2,30}}?(?:领导小组办公室|领导小组|联席会议|秘书处|工作专班|数字政府专班|指挥部))")
_COURT = re.compile(rf"([{CJK}]{{2,8}}(?:金融法院|破产法庭|知识产权法庭|法院|法庭))")
_INSTITUTE = re.compile(rf"(中科院[{CJK}]{{2,10}}(?:中心|研究院|研究所)|中国科学院[{CJK}]{{2,10}}(?:研究院|研究所)|中物院|中国工程物理研究院|"
                        rf"[{CJK}]{{2,6}}实验室(?=等|、|和|，|。|牵头|作为|建设|落地))")
_COLLECTIVE = re.compile(r"(市级有关部门|市级部门|省级有关部门|省级部门|有关单位|各有关部门|各区县政府|区县政府|各级政府|各有关单位|市直有关部门)")
_NOT_ORG_CONTEXT = re.compile(r"^(精神|决策部署|安排部署|要求|部署|领导下|全会|工作会议|经济工作会议|常务会议)")

KINDS = [
    (re.compile(r"(人民政府|政府|国务院)(办公厅|办公室)?$"), "government"),
    (re.compile(r"(办公厅|办公室)$"), "government"),
    (re.compile(r"(党中央|中共中央|[省市区县]委)$"), "party_committee"),
    (re.compile(r"委(网信办|组织部|宣传部|统战部|政法委|办公厅)$"), "party_department"),
    (re.compile(r"(领导小组办公室|领导小组|联席会议|秘书处|专班|指挥部)$"), "coordination_body"),
    (re.compile(r"(法院|法庭)$"), "court"),
    (re.compile(r"实验室$"), "lab"),
    (re.compile(r"(研究院|研究所|科学中心|中物院)$"), "research_institute"),
    (re.compile(r"中心$"), "public_institution"),
    (re.compile(r"(委|局|厅|办|部|署)$"), "government_department"),
]


def kind_of(name: str) -> str:
    for pattern, kind in KINDS:
        if pattern.search(name):
            return kind
    return "other"


def find_organizations(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of organization mentions in text[start:end]."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_BODY, _COLLECTIVE, _GOV, _PARTY, _DEPT, _COURT, _INSTITUTE):
        for m in pattern.finditer(text, start, end):
            s, e = m.start(1), m.end(1)
            name = m.group(1)
            if any(a <= s < b or a < e <= b for a, b in taken):
                continue
            if _NOT_ORG_CONTEXT.match(text[e:e + 6]):
                if pattern in (_PARTY, _GOV) and name in ("党中央", "中共中央") or "部署" in text[e:e + 6]:
                    pass
            if pattern is _BODY:
                name, s = _trim_body(text, s, e)
            found.append((s, e, name))
            taken.append((s, e))
    return found


def _trim_body(text: str, s: int, e: int) -> tuple[str, int]:
    """A coordination body's name starts after the verb before it: 报市推动…领导小组办公室."""
    name = text[s:e]
    m = re.search(r"(及时报|报送|报|发挥|由|向|经|和|与|、|会同|设立|成立|建立|健全|完善|深化)", name)
    while m and m.end() < len(name) - 4:
        s += m.end()
        name = name[m.end():]
        m = re.search(r"(及时报|报送|报|发挥|由|向|经|和|与|、|会同|设立|成立|建立|健全|完善|深化)", name)
    return name, s


def lead_names(lead: list[str]) -> list[str]:
    return [re.sub(r"^(由|请)", "", x).strip() for x in lead if x.strip()]
