"""Cleaning scraped plans: remove page chrome and web spam, keep a record of it.

Plans copied from portals arrive with:

* page chrome - font-size and share widgets, date/source lines, citation codes
  and source links (``【法宝引证码】``, ``原文链接：``), reprint headers
  (``原标题：``), footers (``责任编辑``, ``扫一扫在手机打开当前页``, ``打印本页``,
  ``返回搜狐,查看更多``) and what follows them (related-link lists, repeats);
* SEO spam - a keyword line at the top (``中级经济师 通过率重庆主要产业是什么…``)
  whose fragments are then pasted into sentences (``…管网短板重庆主要产业是什么,
  天然气…``).

Everything is found by rules on the shape of the text, never by listing one
page's strings.  Each removal is recorded (text, reason, line) so nothing is
lost silently; the JSON output keeps the record under ``removed``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2028\u2029\u2060\ufeff]")
# Control characters and non-characters carry no text, and XML (RDF/XML, GraphML, GEXF) cannot hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SENTENCE_PUNCT = re.compile(r"[，。；：、“”《》！？,;:!?（）()]")
_TITLE_WORDS = re.compile(r"(方案|规划|纲要|报告|意见|办法|通知|决定|计划|细则|要点|条例|规定|公告|通告|实施|工作)")

# Page chrome recognised line by line: (pattern, reason)
_CHROME = [
    (re.compile(r"^【?字体[:：]?\s*(大|中|小|\s)*】?$"), "font-size widget"),
    (re.compile(r"^[大中小]$"), "font-size widget"),
    (re.compile(r"^】$"), "font-size widget"),
    (re.compile(r"^(分享|分享到)[:：]?\s*$"), "share widget"),
    (re.compile(r"^【法宝引证码】"), "citation code"),
    (re.compile(r"^(原文链接|原文地址|来源链接|网址)[:：]"), "source link"),
    (re.compile(r"^https?://\S+$"), "link"),
    (re.compile(r"^[0-9a-f]{24,40}[:：]?$"), "link id"),
    (re.compile(r"^原标题[:：]"), "reprint header"),
    (re.compile(r"^(浏览次数|阅读量|阅读次数|点击数|字号|打印|收藏|纠错)[:：]?"), "page widget"),
    (re.compile(r"^(【打印】|【关闭】|【纠错】|【收藏】)"), "page widget"),
]
# Metadata lines at the top of a page: kept in document metadata, not in the text.
_METADATA = [
    (re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[时:：]\d{1,2}分?(\d{1,2}秒)?$"), "published"),
    (re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$"), "published"),
    (re.compile(r"^(发布时间|发布日期|时间)[:：]\s*(.+)$"), "published"),
    (re.compile(r"^(来源|信息来源|文章来源)[:：]\s*(.*)$"), "source"),
    (re.compile(r"^(作者|编辑|责任编辑|校对|审核)[:：]\s*(.*)$"), "editor"),
]
# A footer line ends the document: everything after it is page furniture.
_FOOTER = re.compile(
    r"^(责任编辑|扫一扫|打印本页|关闭窗口|相关附件\s*>*|相关链接\s*>*|相关阅读|相关新闻|上一篇|下一篇|"
    r"版权所有|主办单位|主办[:：]|承办[:：]|网站标识码|网站地图|联系我们|分享到|【打印本页】|【关闭窗口】)")
# Footers glued to the last sentence: "…浓厚氛围。返回搜狐,查看更多"
_INLINE_FOOTER = re.compile(r"(返回[\u4e00-\u9fffA-Za-z]{1,8}[,，]?\s*查看更多|点击查看更多|阅读原文|（完）$|\(完\)$)")
# SEO question fragments ("…是什么", "…哪家好") pasted into prose
_SEO_QUESTION = re.compile(r"[\u4e00-\u9fff]{2,12}(是什么|哪家好|怎么样|多少钱|怎么办|有哪些)(?=[,，。；\s]|$)")


@dataclass
class Cleaned:
    text: str
    removed: list[dict] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


def _normalise_line(line: str) -> str:
    line = _CONTROL.sub("", _ZERO_WIDTH.sub("", line)).replace("\xa0", " ").replace("\t", " ")
    return line.strip(" \u3000\r")


def clean(raw: str) -> Cleaned:
    lines = [_normalise_line(l) for l in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    removed: list[dict] = []
    metadata: dict = {}
    keep: list[tuple[int, str]] = []  # (raw line number, text)

    def drop(n: int, text: str, reason: str):
        removed.append({"text": text, "reason": reason, "line": n + 1})

    # 1. footer: the first footer line in the last part of the document cuts the rest
    content_lines = [i for i, l in enumerate(lines) if l]
    cut = len(lines)
    if content_lines:
        first_allowed = content_lines[int(len(content_lines) * 0.5)]
        for i, line in enumerate(lines):
            if i >= first_allowed and line and _FOOTER.match(line):
                cut = i
                break
    for i in range(cut, len(lines)):
        if lines[i]:
            drop(i, lines[i], "page footer")

    # 2. line by line: chrome, metadata, duplicates
    in_widget = False
    for i, line in enumerate(lines[:cut]):
        if not line:
            continue
        if line.startswith("【字体") and "】" not in line:
            in_widget = True
        if in_widget:
            drop(i, line, "font-size widget")
            if line.endswith("】"):
                in_widget = False
            continue
        reason = next((r for pat, r in _CHROME if pat.match(line)), None)
        if reason:
            drop(i, line, reason)
            continue
        if i < 15 or len(keep) < 8:
            meta = next(((pat, key) for pat, key in _METADATA if pat.match(line)), None)
            if meta:
                pat, key = meta
                m = pat.match(line)
                value = (m.group(m.lastindex) if m.lastindex else line).strip()
                drop(i, line, "metadata")
                if value:
                    metadata.setdefault(key, value)
                elif key == "source":
                    metadata["source"] = None  # the value is on the next line
                continue
            if metadata.get("source", "") is None and len(line) <= 20 and not _SENTENCE_PUNCT.search(line):
                metadata["source"] = line
                drop(i, line, "metadata")
                continue
        if _FOOTER.match(line) and not _SENTENCE_PUNCT.search(line[4:]):
            drop(i, line, "page widget")
            continue
        keep.append((i, line))

    keep = _drop_duplicates(keep, drop)
    keep, fragments = _drop_keyword_lines(keep, drop)

    # 3. inside lines: glued footers and spam fragments
    out_lines = []
    for n, line in keep:
        m = _INLINE_FOOTER.search(line)
        if m and m.start() > 0 and len(line) - m.start() < 40:
            drop(n, line[m.start():], "page footer")
            line = line[: m.start()].rstrip()
        for frag in fragments:
            if frag in line:
                for _ in range(line.count(frag)):
                    removed.append({"text": frag, "reason": "spam fragment", "line": n + 1})
                line = line.replace(frag, "")
        for m in list(_SEO_QUESTION.finditer(line))[::-1]:
            if _looks_pasted(line, m.start(), m.end()):
                removed.append({"text": m.group(0), "reason": "spam fragment", "line": n + 1})
                line = line[: m.start()] + line[m.end():]
        if line:
            out_lines.append(line)
    return Cleaned("\n".join(out_lines), removed, {k: v for k, v in metadata.items() if v})


def _looks_pasted(line: str, start: int, end: int) -> bool:
    """A question phrase in a plan is spam when it sits mid-sentence, not as a quoted item."""
    before = line[start - 1] if start else ""
    return before not in "“\"'《" and line[end: end + 1] not in "”\"'》"


def _drop_duplicates(keep, drop):
    """Drop lines repeated verbatim, and a line that merely glues the next two together."""
    out, seen = [], set()
    for idx, (n, line) in enumerate(keep):
        nxt = keep[idx + 1][1] if idx + 1 < len(keep) else ""
        nxt2 = keep[idx + 2][1] if idx + 2 < len(keep) else ""
        glued = nxt and nxt2 and re.sub(r"\s+", "", line).rstrip("。") == re.sub(r"\s+", "", nxt + nxt2).rstrip("。")
        if glued:
            drop(n, line, "duplicate line")
            continue
        if line in seen and len(line) >= 8:
            drop(n, line, "duplicate line")
            continue
        seen.add(line)
        out.append((n, line))
    return out


def _drop_keyword_lines(keep, drop):
    """Find SEO keyword lines at the top and the fragments of them pasted into the body."""
    body = "\n".join(line for _, line in keep)
    fragments: list[str] = []
    out = []
    for idx, (n, line) in enumerate(keep):
        if idx < 3 and _is_keyword_line(line):
            rest = body.replace(line, "", 1)
            found = _recurring_fragments(line, rest)
            # spam is cut up and pasted: its pieces recur but the whole line does not
            if line not in rest and len(set(found)) >= 2:
                drop(n, line, "spam keyword line")
                fragments.extend(found)
                continue
        out.append((n, line))
    fragments.sort(key=len, reverse=True)
    return out, fragments


def _is_keyword_line(line: str) -> bool:
    return (len(line) <= 80 and not _SENTENCE_PUNCT.search(line) and not _TITLE_WORDS.search(line)
            and not re.search(r"\d{4}年", line))


def _recurring_fragments(line: str, body: str, min_len: int = 5) -> list[str]:
    """Maximal substrings of ``line`` (at least ``min_len`` characters) that occur in ``body``."""
    found: list[str] = []
    i = 0
    while i < len(line):
        best = ""
        for j in range(len(line), i + min_len - 1, -1):
            piece = line[i:j]
            if piece.strip() == piece and piece in body:
                best = piece
                break
        if best:
            found.append(best)
            i += len(best)
        else:
            i += 1
    return found
