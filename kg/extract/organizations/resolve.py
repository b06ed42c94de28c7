"""One organization for the ways a document writes it, with an id that holds across documents.

Bodies named relative to the issuer (省政府, 市委, 人大, 政协) are the issuer's:
in Sichuan's report 四川省人民政府, 省人民政府 and 省政府 are one body, and so
are 中共四川省委 and 省委, 四川省第十四届人民代表大会 and 省人大.
"""
from __future__ import annotations

import re

from kg.model import Organization

_LEVELS = ("自治区", "省", "市", "区", "县")
_RELATIVE = re.compile(r"^(市|省|区|县|自治区|区县|旗县区|州|盟|旗)")
_SESSION = re.compile(r"第[一二三四五六七八九十]+届人民代表大会(?:第[一二三四五六七八九十]+次会议)?$")
_CONGRESS_WORDS = ("人大", "人大常委会", "政协")
# the full and short names of people's organizations (红十字会 / 红十字)
_SHORT_FORMS = {"红十字会": "红十字", "贸促会": "贸促", "供销合作社": "供销社", "武警部队": "武警"}


def issuer_place_name(title: str, issuer: str | None, text: str, gaz) -> str | None:
    """The full name of the issuing division: 包头市 in 包头市人民政府办公室.

    Without one in the title or issuer line, the division whose government, congress or party committee the
    opening lines name (四川省第十四届人民代表大会, 中共四川省委) stands in.
    """
    for source in (issuer or "", title):
        found = _division_in(source, gaz)
        if found:
            return found
    head = text[:3000]
    for m in re.finditer(r"([\u4e00-\u9fff]{2,10}?)(?:人民政府|第[一二三四五六七八九十]+届人民代表大会|委员会)", head):
        candidate = m.group(1).removeprefix("中共")
        for k in range(len(candidate) - 1):
            if any(d.name == candidate[k:] for d in gaz.lookup(candidate[k:])):
                return candidate[k:]
    return None


def _division_in(source: str, gaz) -> str | None:
    for n in range(min(len(source), 10), 1, -1):
        for i in range(0, len(source) - n + 1):
            if any(d.name == source[i:i + n] for d in gaz.lookup(source[i:i + n])):
                return source[i:i + n]
    return None


def issuer_level(issuer: str | None) -> str | None:
    """省 for 四川省, 市 for 重庆市, 自治区 for 宁夏回族自治区."""
    if not issuer:
        return None
    m = re.search(r"(自治区|省|市|自治州|州|县|区|盟|旗)$", issuer)
    return m.group(1) if m else None


def org_key(name: str, issuer: str | None) -> str:
    """One key for the ways a body is written: 四川省人民政府 / 省人民政府 / 省政府; 各区县政府 / 区县政府;
    中共四川省委 / 省委; 四川省第十四届人民代表大会 / 省人大 / 人大 (in Sichuan's own report)."""
    key = name.replace("“", "").replace("”", "")
    key = re.sub(r"^(驻.)", "", key)
    if key.startswith("中共") and re.search(r"委(员会)?$", key):
        key = re.sub(r"委员会$", "委", key[2:])
    level = issuer_level(issuer)
    if issuer and level and key.startswith(issuer):
        key = level + key[len(issuer):]
    key = re.sub(r"^(各|有关)", "", key).replace("有关", "").replace("人民政府", "政府").replace("、", "")
    key = _SESSION.sub("人大", key)
    key = key.replace("人民代表大会常务委员会", "人大常委会").replace("人民代表大会", "人大")
    key = key.replace("党委", "委") if re.match(r"^(自治区|省|市|区|县|州)党委", key) else key
    if key == "人民政协":
        key = "政协"
    key = _SHORT_FORMS.get(key, key)
    if key == "人民解放军" or key == "解放军":
        key = "人民解放军"
    if key in _CONGRESS_WORDS and level:
        key = level + key  # 人大 in a province's report is its own 省人大
    return key


def org_id(key: str, issuer: str | None, title: str, gaz) -> str:
    """Bodies named relative to the issuer (市政府, 市发展改革委) are that issuer's: org:重庆市:市政府.

    A body that names its place (四川省发展改革委) gets the id its own plans would give it
    (org:四川省:省发展改革委), so the same body is one entity in every document.
    """
    if _RELATIVE.match(key):
        return f"org:{issuer or title[:12]}:{key}"
    for n in range(min(len(key) - 2, 10), 1, -1):
        head = key[:n]
        level = re.search(r"(自治区|省|市|区|县|州|盟|旗)$", head)
        if level and any(d.name == head for d in gaz.lookup(head)):
            return f"org:{head}:{level.group(1)}{key[n:]}"
    return f"org:{key}"


def _preferred(current: str, new: str) -> bool:
    """Whether ``new`` is the better display name: the short form a plan uses (市政府 over 重庆市人民政府),
    but with its level (省人大 over 人大) and never a collective form (各区县政府)."""
    if new.startswith(("各", "有关")) or "“" in new:
        return False
    new_level, cur_level = bool(_RELATIVE.match(new)), bool(_RELATIVE.match(current))
    if new_level != cur_level and len(new) <= 4 and len(current) <= 4:
        return new_level
    return len(new) < len(current)


class OrganizationTable:
    """The organizations of one document, keyed by :func:`org_key`."""

    def __init__(self, issuer: str | None, title: str, gaz):
        self.issuer, self.title, self.gaz = issuer, title, gaz
        self.by_key: dict[str, Organization] = {}

    def add(self, name: str, kind: str, mention, measure: int | None = None, lead: bool = False,
            same_as: str | None = None) -> Organization:
        """Record a mention of ``name``; ``same_as`` is the name it stands for when the text uses a short
        form (中石化 for 中国石油化工集团)."""
        key = self._key_with_level(org_key(same_as or name, self.issuer), name)
        org = self.by_key.get(key)
        # 人大 in a province's report is named 省人大, as the province's own documents call it
        display = key if name in _CONGRESS_WORDS and key.endswith(name) else name
        if org is None:
            org = self.by_key[key] = Organization(id=org_id(key, self.issuer, self.title, self.gaz), name=display,
                                                  kind=kind)
            org.add_alias(name)
        elif display != org.name:
            if _preferred(org.name, display):
                previous, org.name = org.name, display
                org.add_alias(previous)
            else:
                org.add_alias(display)
        org.add_alias(name)
        org.add_mention(mention)
        if lead and measure is not None and measure not in org.responsible_for:
            org.responsible_for.append(measure)
        return org

    def _key_with_level(self, key: str, name: str) -> str:
        """审批服务局 is 市审批服务局 written short; a later 市审批服务局 takes over an earlier short form."""
        for level in _LEVELS:
            if level + key in self.by_key:
                return level + key
        for level in _LEVELS:
            if key.startswith(level) and key[len(level):] in self.by_key:
                old = self.by_key.pop(key[len(level):])
                previous = old.name
                old.name, old.id = name, org_id(key, self.issuer, self.title, self.gaz)
                old.add_alias(previous)
                self.by_key[key] = old
                break
        return key

    def merge_suffix_forms(self) -> None:
        """省际协商合作联席会议 is 西部陆海新通道省际协商合作联席会议 written short; 平煤神马 is 中国平煤神马."""
        for key in sorted(self.by_key, key=len):
            if key not in self.by_key:
                continue
            longer = [k for k in self.by_key if k != key and k.endswith(key) and (len(key) >= 6 or k == "中国" + key)]
            if len(longer) == 1:
                org, short = self.by_key[longer[0]], self.by_key.pop(key)
                org.add_alias(short.name)
                for mention in short.mentions:
                    org.add_mention(mention)
                org.responsible_for.extend(n for n in short.responsible_for if n not in org.responsible_for)

    def organizations(self) -> list[Organization]:
        self.merge_suffix_forms()
        return sorted(self.by_key.values(), key=lambda o: o.name)
