"""Where an organization's name begins, and whether what precedes its type word is a proper name.

A plan writes a name after a verb or a list mark, not after a space:
``组建省国金投资集团、江苏农商联合银行`` holds 省国金投资集团 (after 组建) and
江苏农商联合银行 (after 、).  A name whose words before the type word are all
generic (上市公司, 商业银行, 一批产业集团, 高水平研究型大学) names a class of
bodies, not one body.
"""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK, boundary_ending_at
from kg.extract.organizations.patterns import GENERIC_ENDINGS, GENERIC_MODIFIERS, RELATIVE_LEVEL, SECTOR_WORDS

_HAN = re.compile(f"[{CJK}]")
# words after which a name starts, besides the general boundary verbs of the lexicon
_LEAD_WORDS = sorted(set("""
由 与 同 向 对 在 将 把 被 经 获 让 请 使 给 从 跟 会同 联合 联手 携手 依托 推动 支持 组建 成立 设立 实现 完成 促进
服务保障好 服务保障 保障好 集聚了 培育了 引进了 吸引了 落户 入驻 牵手 推进 加快 深化 鼓励 引导 办好 建好 用好 发挥 提升
有效发挥 充分发挥 更好发挥 扶持 帮扶 资助 表彰 授予 委托 授权
走访 调研 考察 参观 访问 签约 签署 对口 支援 入选 荣获 获得
获评 评为 列为 纳入 加入 成为 邀请 吸引 引入 招引 当选 新晋 增选 新设 筹设 筹建 获批设立 争取设立
升格 更名 改名 合并 吸收合并 并入 转设 进入 对标 建强 运营 充实 认定 贯彻 落实 按照 根据 对接 配合
上报 报请 提请 接受 听取 是 为 即 以 帮助 协助 指导 督促 组织 邀请 其中 包括 如 例如 像 特别是 尤其是
""".split()), key=len, reverse=True)
_QUANTITY = re.compile(r"^[一二三四五六七八九十两几多数百千万余]+[家所个批类位种项]")
# endings that make the words before a type word a category: 研究型, 政策性, 省级, 集团化
_CATEGORY_END = re.compile(r"(?:[型类性级化的和及与或子分母]|(?<![高中初])等)$")
_COUNT_BEFORE = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几多]+[个家所项批座条位名]$")
_GENERIC = set(GENERIC_MODIFIERS)
_MAX_NAME = 18


def lead_word_ending_at(text: str, pos: int) -> str:
    word = boundary_ending_at(text, pos)
    for w in _LEAD_WORDS:
        if len(w) > len(word) and pos >= len(w) and text.startswith(w, pos - len(w)):
            return w
    return word


def segment_start(text: str, lo: int, pos: int, max_len: int = _MAX_NAME) -> int:
    """The start of the run of name characters that ends at ``pos`` (Han characters and quote marks)."""
    i = pos
    limit = max(lo, pos - max_len)
    while i > limit and (_HAN.match(text[i - 1]) or text[i - 1] in "“”·"):
        i -= 1
    return i


def is_proper_prefix(prefix: str, min_len: int = 2) -> bool:
    """Whether the words before a type word make a proper name: 苏豪 yes; 上市, 一批产业, 研究型 no."""
    prefix = prefix.strip("“”·")
    if len(prefix) < min_len or _QUANTITY.match(prefix) or _CATEGORY_END.search(prefix):
        return False
    rest = prefix
    changed = True
    while rest and changed:
        changed = False
        for word in GENERIC_MODIFIERS:
            if rest.startswith(word):
                rest, changed = rest[len(word):], True
                break
    if len(rest) < min_len or rest in _GENERIC or rest in SECTOR_WORDS:
        return False
    if any(prefix.endswith(word) for word in GENERIC_ENDINGS) or "型" in prefix:
        return False
    # a level word alone is not a name (省集团); 省国金投资集团 is
    return not re.fullmatch(RELATIVE_LEVEL, rest)


def proper_name_start(text: str, lo: int, suffix_start: int, min_len: int = 2) -> int | None:
    """Where the proper name before a type word begins, or None when the words there are generic.

    The closest boundary word wins (组建|省国金投资集团), unless it leaves nothing before the type word:
    then it is part of the name (中国建设|银行 -> 中国建设银行).
    """
    seg = segment_start(text, lo, suffix_start)
    skipped_short_word = False
    if len(boundary_ending_at(text, suffix_start)) >= 2:
        return None  # 提升|实验室: nothing names the body
    if _COUNT_BEFORE.search(text[max(lo, seg - 4):seg + 1]):
        return None  # 5个天府实验室: a count of a class of bodies
    for start in range(suffix_start - 1, seg - 1, -1):
        word = lead_word_ending_at(text, start) if start > seg else ""
        if start == seg or (word and start - len(word) >= seg):
            if suffix_start - start < min_len and start > seg:
                skipped_short_word = skipped_short_word or len(word) < 2
                continue  # 建设|银行: the boundary word belongs to the name
            if start == seg and (skipped_short_word or lead_word_starting_at(text, start, suffix_start)):
                return None  # 建成|环大学, 示范区和|环大学: a verb or conjunction the name was skipped over
            return start if is_proper_prefix(text[start:suffix_start], min_len) else None
    return None


def lead_word_starting_at(text: str, pos: int, limit: int) -> bool:
    return any(lead_word_ending_at(text, k) and k - len(lead_word_ending_at(text, k)) == pos
               for k in range(pos + 1, min(limit, pos + 6) + 1))


def at_word_start(text: str, pos: int) -> bool:
    """Whether a name may start at ``pos``: after punctuation, a list mark or a verb (贯彻|市委), not inside a
    word (城市政府 holds no 市政府)."""
    return pos == 0 or not _HAN.match(text[pos - 1]) or text[pos - 1] in _ONE_CHARACTER_LEADS or bool(
        lead_word_ending_at(text, pos))


_ONE_CHARACTER_LEADS = set("托合由和与及报向在对为将请即经会同的让使并要是、")


def government_start(text: str, lo: int, pos: int, is_division) -> int | None:
    """The start of a 人民政府 name ending its prefix at ``pos``: a division (包头市人民政府), a level word
    (省人民政府, 各区县人民政府) or None when neither precedes (地方人民政府 is no one body)."""
    for k in range(min(10, pos - lo), 0, -1):
        head = text[pos - k:pos]
        if is_division and is_division(head):
            return pos - k
        if re.fullmatch(rf"各?{RELATIVE_LEVEL}", head):
            return pos - k
    return None


_BODY_VERBS = re.compile(r"(及时报|报送|报|由|发挥|成立|建立|设立|健全|完善|组建|落地|牵头|"
                         r"会同|依托|召开|通过|参考|和|与|以及|发挥好|用好|建好|加强|推动|支持)")


def coordination_start(text: str, lo: int, end: int) -> int:
    """A coordination body's name runs back to punctuation or a governing verb: 报|市推动…领导小组办公室."""
    i = end
    while i > lo and end - i < 40 and text[i - 1] not in "，。；：、,;:\n（(“”":
        i -= 1
    seg = text[i:end]
    last = None
    for m in _BODY_VERBS.finditer(seg):
        if len(seg) - m.end() >= 6:
            last = m
    return i + (last.end() if last else 0)


def with_division_prefix(text: str, lo: int, start: int, name: str, is_division) -> int:
    """重庆市发展改革委 names its place: widen 市发展改革委 to the division written before it."""
    level = re.match(r"(自治区|省|市|区|县|州|盟|旗)", name)
    if not level or is_division is None:
        return start
    for k in range(min(8, start - lo), 1, -1):
        if is_division(text[start - k:start] + level.group(1)):
            return start - k
    return start
