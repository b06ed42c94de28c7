"""Cleaning scraped plans: remove page chrome and web spam, keep a record of it.

Plans copied from portals and news sites arrive wrapped in the page:

* a header - widget runs (下载 / 打印 / 【字号： / 加大 / 减小 …), breadcrumbs
  (当前位置： 首页 > 要闻), label/value lines (来源： 四川日报, 发表时间：, 阅读量：),
  a photo caption and a news lead before a speech's salutation (各位代表：);
* chrome anywhere - citation codes and source links (【法宝引证码】, 原文链接：),
  reprint headers (原标题：), widget lines;
* a footer - editor credits, QR-code prompts, related-link blocks (相关报道：),
  print/close buttons, and whatever follows them;
* SEO spam - a keyword line at the top (``中级经济师 通过率重庆主要产业是什么…``)
  whose fragments are then pasted into sentences.

Everything is found by rules on the shape of the text and the general
vocabulary of web pages, never by listing one page's strings.  Each removal is
recorded (text, reason, line) so nothing is lost silently; the JSON output
keeps the record under ``removed``, and metadata lines (source, date, speaker)
are kept in the document's metadata.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2028\u2029\u2060\ufeff]")
# Control characters and non-characters carry no text, and XML (RDF/XML, GraphML, GEXF) cannot hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SENTENCE_PUNCT = re.compile(r"[，。；：、“”《》！？,;:!?（）()]")
_PROSE_PUNCT = re.compile(r"[，。；！？,;!?]")
_TITLE_WORDS = re.compile(r"(方案|规划|纲要|报告|意见|办法|通知|决定|计划|细则|要点|条例|规定|公告|通告|实施|工作)")
_NUMBERED = re.compile(r"^(第[一二三四五六七八九十百]+[章节篇条]|[一二三四五六七八九十]+、|"
                       r"[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])")

# -- vocabulary of web pages (general, not of any one page) ----------------------------
# Widgets: the controls a portal puts around an article.
_WIDGET_WORDS = (r"下载|打印|打印本页|全屏|收藏|加大|还原|减小|放大|缩小|字号|字体|纠错|关闭|关闭窗口|返回顶部|顶部|"
                 r"分享|分享到|分享到微信|分享到微博|微信|微博|二维码|大|中|小|默认|视力保护色|【|】|×|\||》》|《《")
_WIDGET_LINE = re.compile(rf"^【?(?:{_WIDGET_WORDS})[:：]?】?$")
# Labels of a page's metadata fields, whose value follows on the same or the next line.
_META_LABEL = re.compile(r"^(来源|信息来源|文章来源|稿源|时间|发布时间|发表时间|发布日期|更新时间|日期|作者|编辑|"
                         r"责任编辑|责编|审核|校对|阅读量|阅读次数|浏览次数|浏览量|点击数|点击量|访问量|索引号|"
                         r"主题分类|发文机构|发布机构|成文日期|发文日期|有效性|内容概述|字号|字体)[:：]\s*(.*)$")
_META_KEY = {"来源": "source", "信息来源": "source", "文章来源": "source", "稿源": "source", "时间": "published",
             "发布时间": "published", "发表时间": "published", "发布日期": "published", "更新时间": "published",
             "日期": "published", "成文日期": "issued", "发文日期": "issued", "作者": "author", "编辑": "editor",
             "责任编辑": "editor", "责编": "editor", "审核": "editor", "校对": "editor", "索引号": "index",
             "发文机构": "issuer", "发布机构": "issuer"}
_DATE_LINE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[时:：]\d{1,2}分?(\d{1,2}秒)?|"
                        r"\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?)$")
# Breadcrumbs: 当前位置： 首页 > 政务信息 > 要闻, on one line or one crumb a line.
_CRUMB_SEPARATOR = re.compile(r"^[>›»/→]+$")
_CRUMB_LABEL = re.compile(r"^(当前位置|您的位置|您现在的位置|所在位置|位置)[:：]")
_CRUMB_LINE = re.compile(r"^(?:首页|主页)\s*[>›»]")
# A photo caption or news byline: 殷勇同志作政府工作报告。本报记者 戴冰摄
_CAPTION = re.compile(r"(记者|通讯员|摄影|供图)[\s\u3000]*[\u4e00-\u9fff·][\u4e00-\u9fff·\s\u3000]{1,10}(摄|报道)?$|"
                      r"作(?:政府)?工作报告。?$")  # 省长某某作政府工作报告: a photo's caption
# The salutation that opens a speech (a work report): what precedes it, but the title lines, is the page.
_SALUTATION = re.compile(r"^各位(代表|委员|同志)[：:！!，,]")
_SUBTITLE = re.compile(r"^[—―\-─]{1,2}\s*\S|在.{2,24}(人民代表大会|代表大会|会议).{0,12}上$")
_SPEAKER = re.compile(r"^.{0,24}?(省长|市长|主席|区长|县长|州长|盟长|旗长|书记|主任|部长)[\s\u3000]*"
                      r"[\u4e00-\u9fff·](?:[\s\u3000]?[\u4e00-\u9fff·]){1,9}$")
# Whole-line chrome anywhere: (pattern, reason)
_CHROME = [
    (re.compile(r"^【法宝引证码】"), "citation code"),
    (re.compile(r"^(原文链接|原文地址|来源链接|网址)[:：]"), "source link"),
    (re.compile(r"^https?://\S+$"), "link"),
    (re.compile(r"^[0-9a-f]{24,40}[:：]?$"), "link id"),
    (re.compile(r"^原标题[:：]"), "reprint header"),
    (re.compile(r"^【(?:打印|关闭|纠错|收藏)[^】]{0,4}】$"), "page widget"),
    (_WIDGET_LINE, "page widget"),
]
# A footer line ends the document: everything after it is page furniture.
_FOOTER = re.compile(
    r"^(责任编辑|责编|编辑[:：]|扫一扫|打印本页|关闭窗口|相关(?:附件|链接|报道|文档|稿件|文章|阅读|新闻|资讯)|延伸阅读|推荐阅读|"
    r"上一篇|下一篇|版权所有|主办单位|主办[:：]|承办[:：]|网站标识码|网站地图|联系我们|分享到|【打印本页】|【关闭窗口】|"
    r"[》>]*\s*点击.{0,8}(?:进入|查看)|[（(](?:来源|稿源)[:：])")
# Footers glued to the last sentence: "…浓厚氛围。返回搜狐,查看更多"
_INLINE_FOOTER = re.compile(r"(返回[\u4e00-\u9fffA-Za-z]{1,8}[,，]?\s*查看更多|点击查看更多|阅读原文|（完）$|\(完\)$)")
# SEO question fragments ("…是什么", "…哪家好") pasted into prose
_SEO_QUESTION = re.compile(r"[\u4e00-\u9fff]{2,12}(是什么|哪家好|怎么样|多少钱|怎么办|有哪些)(?=[,，。；\s]|$)")


@dataclass
class Cleaned:
    text: str
    removed: list[dict] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


@dataclass
class _Record:
    """What cleaning took out, and the metadata it kept, as it goes."""

    removed: list[dict] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)

    def drop(self, number: int, text: str, reason: str) -> None:
        self.removed.append({"text": text, "reason": reason, "line": number + 1})

    def keep_meta(self, key: str, value: str) -> None:
        if value and key not in self.metadata:
            self.metadata[key] = value


Line = tuple[int, str]  # (raw line number, text)


def _normalise_line(line: str) -> str:
    line = _CONTROL.sub("", _ZERO_WIDTH.sub("", line)).replace("\xa0", " ").replace("\t", " ")
    return line.strip(" \u3000\r")


def clean(raw: str) -> Cleaned:
    lines = [_normalise_line(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    record = _Record()
    numbered = [(n, line) for n, line in enumerate(lines) if line]
    numbered = _cut_footer(numbered, record)
    numbered = _strip_header(numbered, record)
    numbered = _drop_chrome_lines(numbered, record)
    numbered = _drop_duplicates(numbered, record)
    numbered, fragments = _drop_keyword_lines(numbered, record)
    out_lines = [line for line in (_clean_inside(n, line, fragments, record) for n, line in numbered) if line]
    return Cleaned("\n".join(out_lines), record.removed, record.metadata)


# -- footer ------------------------------------------------------------------------------

def _cut_footer(lines: list[Line], record: _Record) -> list[Line]:
    """The first footer line in the second half of the page cuts the rest; then trailing widget lines go."""
    cut = len(lines)
    for i in range(len(lines) // 2, len(lines)):
        if _FOOTER.match(lines[i][1]):
            cut = i
            break
    while cut > 0 and _is_tiny(lines[cut - 1][1]) and _WIDGET_LINE.match(lines[cut - 1][1]):
        cut -= 1
    for n, line in lines[cut:]:
        record.drop(n, line, "page footer")
    return lines[:cut]


# -- header ------------------------------------------------------------------------------

def _is_tiny(line: str) -> bool:
    return len(line) <= 6 and not _PROSE_PUNCT.search(line) and not _NUMBERED.match(line)


def _header_end(lines: list[Line]) -> tuple[int, bool]:
    """Where the page header ends: at a speech's salutation (各位代表：) near the top, else at the first prose line.

    Returns (index, salutation found)."""
    for i, (_, line) in enumerate(lines[:40]):
        if _SALUTATION.match(line):
            return i, True
    for i, (_, line) in enumerate(lines[:40]):
        if len(line) >= 20 and _PROSE_PUNCT.search(line) and not _META_LABEL.match(line):
            return i, False
    return min(len(lines), 40), False


def _strip_header(lines: list[Line], record: _Record) -> list[Line]:
    end, salutation = _header_end(lines)
    header, body = lines[:end], lines[end:]
    drop = [False] * len(header)
    texts = [line for _, line in header]
    # a metadata label and its value on the next line are not widgets (来源： / 四川日报)
    labels = [_META_LABEL.match(t) for t in texts]
    fields = [bool(label) or (k > 0 and (previous := labels[k - 1]) is not None and not previous.group(2))
              for k, label in enumerate(labels)]
    _mark_widget_runs(texts, fields, drop)
    _mark_breadcrumbs(texts, drop)
    kept: list[Line] = []
    i = 0
    while i < len(header):
        n, line = header[i]
        if drop[i]:
            record.drop(n, line, "page widget")
            i += 1
            continue
        label = _META_LABEL.match(line)
        if label:
            value = label.group(2).strip()
            record.drop(n, line, "metadata")
            if not value and i + 1 < len(header) and _is_value(header[i + 1][1]):
                value = header[i + 1][1]
                record.drop(header[i + 1][0], value, "metadata")
                i += 1
            key = _META_KEY.get(label.group(1))
            if key:
                record.keep_meta(key, value)
            i += 1
            continue
        if _DATE_LINE.match(line):
            record.drop(n, line, "metadata")
            record.keep_meta("published", line)
        elif _CAPTION.search(line):
            record.drop(n, line, "photo caption")
        elif salutation and _SPEAKER.match(line) and not _SUBTITLE.search(line):
            record.drop(n, line, "metadata")
            record.keep_meta("speaker", line)
        elif salutation and _PROSE_PUNCT.search(line) and not _SUBTITLE.search(line):
            record.drop(n, line, "news lead")  # 2月3日，…会议开幕。省长…作政府工作报告。
        else:
            kept.append((n, line))
        i += 1
    return kept + body


def _is_value(line: str) -> bool:
    """A metadata value on its own line: short, no sentence, not another label."""
    return (len(line) <= 24 and not _PROSE_PUNCT.search(line) and not _META_LABEL.match(line)
            and not _WIDGET_LINE.match(line) and not _NUMBERED.match(line))


def _mark_widget_runs(texts: list[str], fields: list[bool], drop: list[bool]) -> None:
    """Three or more tiny lines in a row (下载/打印/全屏/【字号：/加大…) are a widget bar, not text."""
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and _is_tiny(texts[j]) and not fields[j] and not _SALUTATION.match(texts[j]) \
                and not _TITLE_WORDS.search(texts[j]):  # a short title (政府工作报告) right after the widget bar
            j += 1
        run = texts[i:j]
        if len(run) >= 3 and sum(map(len, run)) / len(run) <= 4:
            for k in range(i, j):
                drop[k] = True
        i = max(j, i + 1)


def _mark_breadcrumbs(texts: list[str], drop: list[bool]) -> None:
    """首页 > 政务信息 > 要闻: separators and the short crumbs around them (and a 当前位置： label)."""
    for i, text in enumerate(texts):
        if _CRUMB_LABEL.match(text) or _CRUMB_LINE.match(text):
            drop[i] = True
        if not _CRUMB_SEPARATOR.match(text):
            continue
        drop[i] = True
        for k in (i - 1, i + 1):
            if 0 <= k < len(texts) and len(texts[k]) <= 12 and not _PROSE_PUNCT.search(texts[k]):
                drop[k] = True
        # the crumb that names the current page is often repeated right after the last one (云南要闻 云南要闻)
        if i + 2 < len(texts) and texts[i + 2] == texts[i + 1]:
            drop[i + 2] = True


# -- chrome anywhere ---------------------------------------------------------------------

def _drop_chrome_lines(lines: list[Line], record: _Record) -> list[Line]:
    out = []
    for n, line in lines:
        reason = next((r for pattern, r in _CHROME if pattern.match(line)), None)
        if reason is None and _FOOTER.match(line) and not _SENTENCE_PUNCT.search(line[4:]):
            reason = "page widget"
        if reason:
            record.drop(n, line, reason)
        else:
            out.append((n, line))
    return out


def _drop_duplicates(lines: list[Line], record: _Record) -> list[Line]:
    """Drop lines repeated verbatim, and a line that merely glues the next two together."""
    out, seen = [], set()
    for idx, (n, line) in enumerate(lines):
        nxt = lines[idx + 1][1] if idx + 1 < len(lines) else ""
        nxt2 = lines[idx + 2][1] if idx + 2 < len(lines) else ""
        glued = nxt and nxt2 and re.sub(r"\s+", "", line).rstrip("。") == re.sub(r"\s+", "", nxt + nxt2).rstrip("。")
        if glued or (line in seen and len(line) >= 8):
            record.drop(n, line, "duplicate line")
            continue
        seen.add(line)
        out.append((n, line))
    return out


# -- spam --------------------------------------------------------------------------------

def _clean_inside(n: int, line: str, fragments: list[str], record: _Record) -> str:
    """Inside a line: a glued footer, pasted spam fragments and SEO questions."""
    m = _INLINE_FOOTER.search(line)
    if m and m.start() > 0 and len(line) - m.start() < 40:
        record.drop(n, line[m.start():], "page footer")
        line = line[: m.start()].rstrip()
    for fragment in fragments:
        if fragment in line:
            for _ in range(line.count(fragment)):
                record.removed.append({"text": fragment, "reason": "spam fragment", "line": n + 1})
            line = line.replace(fragment, "")
    for m in list(_SEO_QUESTION.finditer(line))[::-1]:
        if _looks_pasted(line, m.start(), m.end()):
            record.removed.append({"text": m.group(0), "reason": "spam fragment", "line": n + 1})
            line = line[: m.start()] + line[m.end():]
    return line


def _looks_pasted(line: str, start: int, end: int) -> bool:
    """A question phrase in a plan is spam when it sits mid-sentence, not as a quoted item."""
    before = line[start - 1] if start else ""
    return before not in "“\"'《" and line[end: end + 1] not in "”\"'》"


def _drop_keyword_lines(lines: list[Line], record: _Record) -> tuple[list[Line], list[str]]:
    """Find SEO keyword lines at the top and the fragments of them pasted into the body."""
    body = "\n".join(line for _, line in lines)
    fragments: list[str] = []
    out = []
    for idx, (n, line) in enumerate(lines):
        if idx < 3 and _is_keyword_line(line):
            rest = body.replace(line, "", 1)
            found = _recurring_fragments(line, rest)
            # spam is cut up and pasted: its pieces recur but the whole line does not
            if line not in rest and len(set(found)) >= 2:
                record.drop(n, line, "spam keyword line")
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
