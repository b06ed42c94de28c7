"""Word (.docx) plans: paragraphs of word/document.xml, one per line.

A .docx is a ZIP of XML parts; the paragraph text is all we need, so the
standard library and lxml suffice.
"""
from __future__ import annotations

import io
import zipfile

from kg.errors import LoaderError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes) -> str:
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise LoaderError(f"not a readable .docx file: {exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise LoaderError(f"the .docx body is not valid XML: {exc}") from exc
    lines = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            parts.append(node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n"))
        lines.append("".join(parts))
    return "\n".join(lines)
