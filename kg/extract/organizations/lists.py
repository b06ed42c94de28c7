"""Organizations known only by the list they are written in.

Plans name enterprises by their short names, which carry no type word:
``培育了超聚变、中创智领等一批行业领军企业``, ``支持甲乙、丙丁等龙头企业牵头组建创新联合体``.
The head after 等 says what the items are.  The same holds for universities
(…等高校), research institutes (…等科研院所), people's organizations
(…等群团组织) and international bodies (…等国际组织).
"""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK
from kg.extract.organizations.names import is_proper_prefix, lead_word_ending_at

# what may stand between 等 and the head: quantities and qualities (一批, 19家, 行业领军, 世界一流, 省属)
_BETWEEN = rf"(?:[0-9一二三四五六七八九十百多余几数]+[家所个]|一批|一大批|[{CJK}]{{0,6}}?)"
_HEADS: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"等(?P<between>{_BETWEEN})(?:企业|公司|集团|央企|国企|民企|外企|车企|药企|外资项目|外资企业|跨国公司)"),
     "enterprise"),
    (re.compile(rf"等(?P<between>{_BETWEEN})(?:高校|院校|高等学校|大学)"), "university"),
    (re.compile(rf"等(?P<between>{_BETWEEN})(?:科研院所|研究院所|科研机构|研究机构)"), "research_institute"),
    (re.compile(rf"等(?P<between>{_BETWEEN})(?:群团组织|人民团体)"), "association"),
    (re.compile(rf"等(?P<between>{_BETWEEN})(?:国际组织|国际机构)"), "international"),
]
# a head qualified by where or in which field (郑州、洛阳等地企业; 汽车、家电等行业企业) lists places or sectors
_NOT_BETWEEN = re.compile(r"^(?:[地国省市县区]|城市|地区|国家|行业|领域|产业|方面)(?!属)|^(?:行业|领域|产业)$"
                          # 协会、联盟等与企业对接: a preposition makes the head the partner, not the kind
                          r"|^(?:与|和|及|同|跟|向|对|为|在|从|把|将|让|使)")
# sector and product words: 汽车、家电等企业 lists what the enterprises make
_SECTOR_END = re.compile(r"(?:产业|行业|领域|企业|制造|装备|材料|能源|汽车|电子|化工|医药|食品|纺织|钢铁|建材|"
                         r"机械|信息|服务|物流|金融|农业|工业|商贸|文旅|旅游|家电|数码|芯片|软件|电池|光伏|储能|"
                         r"半导体|技术|产品|项目|经济|平台|基地|园区|中心|领军|龙头|单位|部门|机构|团队|人才|"
                         r"行动|工程|发展|更新|数据|建设|管理|运营|投资|资源|交通|水利|文化|教育|医疗|健康|养老|"
                         r"应用|测试|研发|生产|加工|维修|检测|设计|销售|开发|运维|合作|总部|矿|危险源|品)$")
# 等 inside a word: 高等院校, 平等, 同等
_EQUAL_WORDS = set("平同对均相次")
_TYPE_WORD = re.compile(r"(?:企业|公司|集团|高校|大学|学院|院校)$")
_ITEM = re.compile(rf"[{CJK}“”·]{{2,12}}")
_CLAUSE_MARKS = "，。；：！？,;:!?\n（(）)"


def listed_organizations(text: str, start: int, end: int, is_place=None) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) of the items of lists whose head names a kind of organization."""
    found: list[tuple[int, int, str, str]] = []
    for pattern, kind in _HEADS:
        for m in pattern.finditer(text, start, end):
            if _NOT_BETWEEN.search(m.group("between")) or text[m.start() - 1:m.start()] in _EQUAL_WORDS or \
                    text.startswith(("高等院校", "高等学校", "高等教育"), m.start() - 1):
                continue
            for s, e in _items_before(text, start, m.start()):
                if "“" in text[s:e] or "”" in text[s:e] or e - s > 8:
                    continue  # “企呼我办”: a quoted item is a scheme or brand
                name = text[s:e]
                s += len(text[s:e]) - len(text[s:e].lstrip("“”"))
                e = s + len(name)
                if not _ITEM.fullmatch(name) or _SECTOR_END.search(name):
                    continue
                if (is_place and is_place(name)) or not is_proper_prefix(name):
                    continue
                typed = _TYPE_WORD.search(name)
                if typed and not is_proper_prefix(name[:typed.start()]):
                    continue  # 上市公司、独角兽企业等: an item with a type word of its own names a class
                found.append((s, e, name, kind))
    return found


def _items_before(text: str, lo: int, deng: int) -> list[tuple[int, int]]:
    """Spans of the list items that end at 等: 甲、乙和丙 -> 甲, 乙, 丙."""
    clause = max(text.rfind(c, lo, deng) for c in _CLAUSE_MARKS) + 1
    clause = max(clause, lo)
    spans: list[tuple[int, int]] = []
    item_end = deng
    i = deng
    while i > clause:
        ch = text[i - 1]
        if ch == "、" or (ch in "和及与" and i - 1 > clause and len(spans) == 0 and item_end - i >= 2):
            spans.append((i, item_end))
            item_end = i - 1
        i -= 1
    # the first item starts after the verb that governs the list: 培育了|超聚变
    first = clause
    for pos in range(item_end - 2, clause, -1):
        if len(lead_word_ending_at(text, pos)) >= 2:
            first = pos
            break
    if item_end - first >= 2:
        spans.append((first, item_end))
    return spans
