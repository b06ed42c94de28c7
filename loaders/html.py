"""Saved HTML pages: keep the main text, drop navigation, scripts and page chrome.

Government pages wrap the document in menus, share buttons, related-link lists
and footers.  The main text is the block with the most Chinese prose and the
fewest links; paragraphs inside it become lines.
"""
from __future__ import annotations

import re

from kg.errors import LoaderError, require

_DROP = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form",
         "button", "select", "textarea", "svg", "canvas", "object", "embed", "template")
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
          "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "td", "th"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<head" in head


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return (main text with one paragraph per line, page title)."""
    lxml_html = require("lxml.html", "html")
    from lxml import etree

    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise LoaderError(f"cannot parse the HTML page: {exc}") from exc
    if root is None:
        raise LoaderError("the HTML page has no content")
    title_el = root.find(".//title")
    title = _squash(title_el.text_content()) if title_el is not None else None
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(el)
    for tag in _DROP:
        for el in list(root.iter(tag)):
            _remove(el)
    body = root.find("body") if root.find("body") is not None else root
    best = _main_block(body)
    lines = [_squash(line) for line in _text_lines(best)]
    text = "\n".join(line for line in lines if line)
    if len(_CJK.findall(text)) < 20:
        # libxml2 gives up on pathological nesting; a flat pass still reads the words
        fallback = _flat_text(markup)
        if len(_CJK.findall(fallback)) > len(_CJK.findall(text)):
            text = fallback
    return text, title


def _flat_text(markup: str) -> str:
    """Text of a page without building a tree (any depth), blocks as lines."""
    from html.parser import HTMLParser

    class Flat(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out, self.skip = [""], 0

        def handle_starttag(self, tag, attrs):
            if tag in _DROP:
                self.skip += 1
            elif tag in _BLOCK:
                self.out.append("")

        def handle_endtag(self, tag):
            if tag in _DROP:
                self.skip = max(0, self.skip - 1)
            elif tag in _BLOCK:
                self.out.append("")

        def handle_data(self, data):
            if not self.skip:
                self.out[-1] += data

    parser = Flat()
    parser.feed(markup)
    parser.close()
    return "\n".join(line for line in (_squash(x) for x in parser.out) if line)


def _remove(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:  # keep the text that follows the removed element
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _prose_score(el) -> float:
    """Chinese characters outside links, discounted by how link-heavy the block is."""
    cjk = len(_CJK.findall(el.text_content()))
    if cjk == 0:
        return 0.0
    link_text = sum(len(_CJK.findall(a.text_content())) for a in el.iter("a"))
    density = link_text / cjk
    return 0.0 if density > 0.5 else cjk * (1 - density)


def _main_block(body):
    """Start from the whole page and step into a child while it keeps most of the prose."""
    block, score = body, _prose_score(body)
    while True:
        children = [c for c in block if isinstance(c.tag, str)]
        scored = [(_prose_score(c), i, c) for i, c in enumerate(children)]
        if not scored:
            return block
        best_score, _, best = max(scored, key=lambda t: (t[0], -t[1]))
        if best_score < 0.85 * score or best_score < 50:
            return block
        block, score = best, best_score


def _text_lines(el) -> list[str]:
    out: list[str] = []
    buf: list[str] = []

    def flush():
        if buf:
            out.append("".join(buf))
            buf.clear()

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCK:
            flush()
        if node.text and tag != "br":
            buf.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if tag in _BLOCK:
            flush()

    walk(el)
    flush()
    return out


def _squash(text: str) -> str:
    return re.sub(r"[ \t\r\f\v\xa0]+", " ", text).strip()
