"""Organizations: governments, departments, party bodies, legislatures, courts, enterprises, banks,
universities, institutes, associations, international bodies and the military, as actors of a plan.

Three sources of names, from the most to the least certain:

* the rules of :mod:`.patterns` (the naming habits of Chinese administration, and type words such as
  …集团, …大学, …研究院 after a proper name);
* the known bodies of ``kg/data/organizations.yaml`` (central enterprises, large banks, international
  bodies: names with no type word, each list with its public source), in :mod:`.known`;
* lists whose head says what their items are (甲、乙等龙头企业), in :mod:`.lists`.

Bodies named in a measure's responsibility note (``Measure.lead``, filled by the structure parser) or
followed by 牵头 / 负责 are responsible for that measure (:mod:`.leads`).  :mod:`.resolve` makes one
organization of the ways a document writes it.
"""
from __future__ import annotations

import re

from kg.extract.organizations import known, names
from kg.extract.organizations.leads import lead_names
from kg.extract.organizations.lists import listed_organizations
from kg.extract.organizations.patterns import SUFFIX_RULES, WHOLE_NAME_RULES, Rule
from kg.extract.organizations.resolve import OrganizationTable, issuer_place_name
from kg.extract.words import plain_words
from kg.model import Organization

__all__ = ["find_organizations", "kind_of", "lead_names", "organizations"]

# 大局, 布局: words that end like a bureau but are not one
_NOT_A_BODY = re.compile(r"(大局|布局|格局|全局|当局|结局|变局|开局|破局)$")
# a college being set up is a project of the plan, not yet an actor: 新设…学院, 支持…大学筹建
_BEING_SET_UP_BEFORE = re.compile(r"(新设|设立|筹建|筹设|新建|组建|创建|建设)(?:[^，。；、]{2,14}、)*$")
_BEING_SET_UP_AFTER = re.compile(r"^(?:、[^，。；、]{2,14})*[^，。；、]{0,3}"
                                 r"(筹建|获批成立|获批设立|挂牌|揭牌|建成|开工|加快建设)")
# abbreviations of colleges take a one-character place: 陕工院
_ONE_CHARACTER_PREFIX = {"工院", "职院", "农大", "师大", "工大", "医大", "财大", "交大"}
# courts that are named by their field alone: 知识产权法庭
_FIELD_COURTS = {"金融法院", "知识产权法院", "海事法院", "破产法庭", "知识产权法庭"}
_ASSOCIATION_OWNER = re.compile(r"^(中国|中华|全国|国际|世界|亚洲|亚太|长三角|京津冀|粤港澳|省|市|自治区|区|县)")
_LAB_NOT_NAMED = re.compile(r"(^多|国家|全国|省|市|区|重点|联合|场景|工程|系列|共建|校企|概念验证|中试|[0-9])")
# 市城管局、市公安局按职责分工负责: every body of a list that ends in 牵头 / 负责 leads; 配合 makes a helper
_LEAD_AFTER = re.compile(r"^[^，。；：）)\n]{0,40}?(牵头|负责)")
_HELPER_AFTER = re.compile(r"^[^，。；：）)\n]{0,40}?(配合|协助|参与|支持)")
# issuer-relative names that must start a word: 城市政府 holds no 市政府, 县委员 no 县委
_AT_WORD_START = {"government (short)", "party committee and its departments", "provincial and city centres"}


def find_organizations(text: str, start: int, end: int, is_division=None) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) of organization mentions in text[start:end], without overlaps.

    ``is_division(name)`` tells whether a name is a real division (四川省, 包头市): it settles where a
    government's name starts (年四川省人民政府 -> 四川省人民政府).
    """
    candidates: list[tuple[int, int, str, str, int]] = []  # + the order of the source, for ties
    for order, rule in enumerate(WHOLE_NAME_RULES):
        for m in rule.pattern.finditer(text, start, end):
            found = _whole_name(text, start, m, rule, is_division)
            if found:
                candidates.append((*found, order))
    for s, e, name, kind in known.find_known(text, start, end):
        candidates.append((s, e, name, kind, -1))
    for order, rule in enumerate(SUFFIX_RULES, start=len(WHOLE_NAME_RULES)):
        for m in rule.pattern.finditer(text, start, end):
            found = _suffix_name(text, start, m, rule, is_division)
            if found:
                candidates.append((*found, order))
    is_place = (lambda n: is_division(n) or is_division(n + "省") or is_division(n + "市")) if is_division else None
    listed = [(s, e, name, kind, _LISTED) for s, e, name, kind in listed_organizations(text, start, end, is_place)]
    listed += [(s, e, name, "enterprise", _LISTED) for s, e, name in _honoured(text, start, end, is_place)]
    return _without_overlaps(candidates + listed)


# 百瑞源荣获中国质量奖提名奖: a short name that opens a sentence and receives an honour is a body
_HONOURED = re.compile(r"(?<=[。；！？\n])([\u4e00-\u9fff]{2,5})(?=荣获|荣膺|获评|入选)")
_NOT_HONOURED = re.compile(r"^(?:我|全|各|本|该|其|多|一|共|新|累计|先后|成功|首次|再次|连续)"
                           r"|(?:[市县区州盟旗镇乡村省局委厅部湖山江河海岛园馆]|遗址)$")


def _honoured(text: str, start: int, end: int, is_place) -> list[tuple[int, int, str]]:
    found = []
    for m in _HONOURED.finditer(text, start, end):
        name = m.group(1)
        if _NOT_HONOURED.search(name) or plain_words(name) or (
                is_place and any(is_place(name[:k]) for k in range(2, len(name) + 1))):
            continue
        found.append((m.start(1), m.end(1), name))
    return found


_LISTED = 10_000  # the order of list items: they only fill the gaps the rules leave


def _without_overlaps(candidates) -> list[tuple[int, int, str, str]]:
    """The longest name wins where two overlap (联合国教科文组织 over 联合国); at equal length, the earlier rule.
    A list item yields to any rule's name it overlaps."""
    if not candidates:
        return []
    taken = bytearray(max(c[1] for c in candidates))  # one flag per character: linear in the names, not quadratic
    kept = []
    for s, e, name, kind, _ in sorted(candidates, key=lambda c: (c[4] == _LISTED, -(c[1] - c[0]), c[4], c[0])):
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append((s, e, name, kind))
    return sorted(kept)


def _whole_name(text: str, lo: int, m: re.Match, rule: Rule, is_division):
    s, e = m.span("name")
    name = m.group("name")
    if rule.label == "people's government":
        start = names.government_start(text, lo, s, is_division)
        if start is None:
            return None
        s = start
        name = text[s:e]
    elif rule.label == "people's congress by its session":
        prefix = name[: name.index("第")]
        cut = next((i for i in range(len(prefix)) if is_division and is_division(prefix[i:])), None)
        if cut is None:
            return None
        s += cut
        name = text[s:e]
    elif (rule.kind in ("government_department", "party_committee", "party_department", "public_institution",
                        "government", "research_institute")
          and not name.startswith(("各", "国家", "中央", "中共", "国务院", "党中央"))):
        s = names.with_division_prefix(text, lo, s, name, is_division)
        name = text[s:e]
    if _NOT_A_BODY.search(name):
        return None
    if rule.label in _AT_WORD_START and not names.at_word_start(text, s):
        return None
    return s, e, name, rule.kind


def _suffix_name(text: str, lo: int, m: re.Match, rule: Rule, is_division):
    suffix_start, e = m.span("name")
    suffix = m.group("name")
    if rule.kind == "coordination_body":
        s = names.coordination_start(text, lo, e)
        word = names.lead_word_ending_at(text, s + 2) or names.lead_word_ending_at(text, s + 1)
        if word and text.startswith(word, s):
            s += len(word)  # 充实|市级专班
        name = text[s:e]
        if len(name) < 6 or "“" in name or "”" in name or re.search(r"一.{1,2}一", name):
            return None  # 一企一策一专班 is a way of working
        return s, e, name, rule.kind
    min_len = 1 if suffix in _ONE_CHARACTER_PREFIX else 2
    start = names.proper_name_start(text, lo, suffix_start, min_len)
    if start is None:
        if rule.kind == "court" and suffix in _FIELD_COURTS:
            return suffix_start, e, suffix, rule.kind
        return None
    s = start
    while s < suffix_start and text[s] in "“”":
        s += 1
    name = text[s:e]
    if "“" in name or "”" in name:
        return None
    if rule.kind == "lab" and not _named_lab(name[: -len(suffix)], is_division):
        return None
    if rule.kind == "association" and not (_ASSOCIATION_OWNER.match(name) or text[s - 1:s] == "“" or (
            is_division and any(is_division(name[:k]) or is_division(name[:k] + "省") for k in range(2, 5)))):
        return None  # 产业创新联盟, 行业协会: a kind of association, not one
    if rule.kind == "university" and (_BEING_SET_UP_BEFORE.search(text[max(lo, s - 40):s])
                                      or _BEING_SET_UP_AFTER.match(text[e:e + 40])):
        return None
    if rule.kind in ("court", "government") and is_division:
        s = names.with_division_prefix(text, lo, s, name, is_division)
        name = text[s:e]
    return s, e, name, rule.kind


def _named_lab(prefix: str, is_division) -> bool:
    """A laboratory with a name of its own (嵩山实验室), not a series or a class (国家实验室, 省重点实验室,
    陕西实验室, 甘蔗生物育种实验室)."""
    if not 2 <= len(prefix) <= 3 or _LAB_NOT_NAMED.search(prefix):
        return False
    if is_division and any(is_division(prefix[i:j]) or is_division(prefix[i:j] + "省")
                           or is_division(prefix[i:j] + "市")
                           for i in range(len(prefix)) for j in range(i + 2, len(prefix) + 1)):
        return False
    return True


def kind_of(name: str) -> str:
    """The kind of a body known only by its name (a responsibility note): 市发展改革委 -> government_department."""
    found = find_organizations(name, 0, len(name))
    if found and found[0][0] == 0 and found[0][1] == len(name):
        return found[0][3]
    if re.search(r"(办公厅|办公室|政府)$", name):
        return "government"
    if re.search(r"(委|局|厅|办|部|署)$", name):
        return "government_department"
    return "other"


def organizations(text: str, structure, sentences, gaz) -> list[Organization]:
    """The organizations of a document: every mention, and the measures each leads."""
    issuer = issuer_place_name(structure.title, structure.issuer, text, gaz) or structure.issuer
    table = OrganizationTable(issuer, structure.title, gaz)

    def is_division(prefix: str) -> bool:
        return any(d.name == prefix for d in gaz.lookup(prefix))

    for s, e, name, kind in find_organizations(text, 0, len(text), is_division):
        mention = sentences.mention(s, e, name)
        after = text[e:e + 48]
        lead_after, helper_after = _LEAD_AFTER.match(after), _HELPER_AFTER.match(after)
        lead = bool(mention.measure is not None and lead_after and not (
            helper_after and helper_after.end() < lead_after.end()))
        table.add(name, kind, mention, mention.measure, lead, same_as=known.canonical_name(name))
    for measure in structure.measures:
        for name in lead_names(measure.lead):
            pos = text.find(name, measure.start, measure.end + 1)
            if pos < 0:
                pos = text.find(name)
            if pos < 0:
                continue  # a name the parser rewrote: no words of the text to point at
            table.add(name, kind_of(name), sentences.mention(pos, pos + len(name), name), measure.number, lead=True)
    return table.organizations()
