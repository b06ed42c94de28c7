"""Document loaders: bytes on disk to raw text, by format.

Loaders are registered by format name; :func:`load` picks one from the file's
extension and content.  Every loader returns plain text with one paragraph per
line; cleaning and structure come later (:mod:`kg.loaders.clean`,
:mod:`kg.extract.structure`).
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentTooLargeError, LoaderError

DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # plans are well under 2 MB; override with KG_MAX_BYTES


@dataclass
class RawDocument:
    source: str
    text: str
    format: str
    encoding: str
    sha256: str
    size: int
    title_hint: str | None = None
    warnings: list[str] = field(default_factory=list)


def _load_text(data: bytes, encoding: str | None) -> tuple[str, str, str | None, list[str]]:
    from kg.loaders.text import decode

    decoded = decode(data, encoding)
    return decoded.text, decoded.encoding, None, decoded.warnings


def _load_html(data: bytes, encoding: str | None) -> tuple[str, str, str | None, list[str]]:
    from kg.loaders.html import html_to_text
    from kg.loaders.text import decode

    decoded = decode(data, encoding or _declared_charset(data))
    text, title = html_to_text(decoded.text)
    return text, decoded.encoding, title, decoded.warnings


def _load_pdf(data: bytes, encoding: str | None):
    from kg.loaders.pdf import pdf_to_text

    return pdf_to_text(data), "pdf", None, []


def _load_docx(data: bytes, encoding: str | None):
    from kg.loaders.docx import docx_to_text

    return docx_to_text(data), "docx", None, []


LOADERS: dict[str, Callable] = {"text": _load_text, "html": _load_html, "pdf": _load_pdf, "docx": _load_docx}
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".xhtml": "html", ".shtml": "html", ".pdf": "pdf", ".docx": "docx"}


def _declared_charset(data: bytes) -> str | None:
    import re

    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    # pages that declare gb2312 routinely contain GBK characters
    return "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name


def detect_format(path: Path, data: bytes) -> str:
    from kg.loaders.html import looks_like_html
    from kg.loaders.text import sniff_binary

    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and path.suffix.lower() == ".docx":
        return "docx"
    kind = sniff_binary(data)
    if kind:
        raise LoaderError(f"{path}: this is {kind}, not a plan document "
                          f"(supported: text, HTML, PDF, .docx)")
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt in (None, "text") and looks_like_html(data):
        return "html"
    return fmt or "text"


def max_bytes() -> int:
    value = os.environ.get("KG_MAX_BYTES")
    try:
        return int(value) if value else DEFAULT_MAX_BYTES
    except ValueError:
        raise LoaderError(f"KG_MAX_BYTES must be a number of bytes, not {value!r}") from None


def load(path: str | os.PathLike, encoding: str | None = None, fmt: str | None = None,
         limit: int | None = None) -> RawDocument:
    """Read a document from disk.  Raises LoaderError (or a subclass) with a one-line reason."""
    from kg.loaders.text import check_text

    p = Path(path)
    if not p.exists():
        raise LoaderError(f"{p}: no such file")
    if p.is_dir():
        raise LoaderError(f"{p}: is a directory, not a document")
    size = p.stat().st_size
    cap = limit if limit is not None else max_bytes()
    if size > cap:
        raise DocumentTooLargeError(
            f"{p}: {size / 2**20:.1f} MB is over the {cap / 2**20:.1f} MB limit for one document; "
            "split it or raise the limit with --max-bytes / KG_MAX_BYTES")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoaderError(f"{p}: cannot read: {exc.strerror}") from exc
    if not data.strip():
        raise LoaderError(f"{p}: the document is empty")
    fmt = fmt or detect_format(p, data)
    if fmt not in LOADERS:
        raise LoaderError(f"no loader for format '{fmt}' (available: {', '.join(sorted(LOADERS))})")
    try:
        text, enc, title, warnings = LOADERS[fmt](data, encoding)
    except LoaderError as exc:
        raise type(exc)(f"{p}: {exc}") from exc
    check_text(text, str(p))
    return RawDocument(source=str(p), text=text, format=fmt, encoding=enc,
                       sha256=hashlib.sha256(data).hexdigest(), size=size, title_hint=title,
                       warnings=warnings)
