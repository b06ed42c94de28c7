"""Decoding plain-text plans: the encoding is detected, never assumed.

Chinese government sites publish UTF-8 (with or without a BOM), GB2312/GBK/
GB18030 and occasionally Big5 or UTF-16.  GB18030 decodes almost any byte
string, so a successful decode proves little; each candidate is scored on how
much of the result is ordinary Chinese text, and the best plausible one wins.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from kg.errors import EncodingError, LoaderError

# 3,500 most common characters would be ideal; the CJK Unified block with a
# penalty for rare ranges is a good, dependency-free approximation.
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PRIVATE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str]


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of a binary file, or None when the bytes may be text."""
    signatures = (
        (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (e.g. .docx)"),
        (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"), (b"\x7fELF", "an executable"),
        (b"\x1f\x8b", "a gzip archive"), (b"RIFF", "a RIFF media file"), (b"BM", None),
    )
    for magic, kind in signatures:
        if kind and data.startswith(magic):
            return kind
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    sample = data[:65536]
    if b"\x00" in sample:
        return "a binary file"
    return None


def _score(text: str) -> float:
    """Fraction of characters that look like ordinary text (higher is better)."""
    if not text:
        return 0.0
    sample = text[:200_000]
    n = len(sample)
    cjk = len(_CJK.findall(sample))
    ascii_printable = sum(1 for c in sample if " " <= c <= "~" or c in "\n\r\t")
    bad = len(_CONTROL.findall(sample)) + len(_PRIVATE.findall(sample)) + sample.count("\ufffd")
    punct = sum(1 for c in sample if unicodedata.category(c).startswith("P") and ord(c) > 0x2000)
    return (cjk + ascii_printable + punct - 5 * bad) / n


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; ``encoding`` forces a codec.  Raises EncodingError when unsure."""
    warnings: list[str] = []
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding, warnings)
        except (LookupError, UnicodeDecodeError) as exc:
            raise EncodingError(f"cannot decode as {encoding}: {exc}") from exc
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[3:], "utf-8-sig", warnings)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", warnings)
        except UnicodeDecodeError as exc:
            raise EncodingError(f"the file starts with a UTF-16 mark but is not UTF-16: {exc}") from exc
    try:
        return _utf8(data, "utf-8", warnings)
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), codec, text))
    if not candidates:
        raise EncodingError("cannot detect the text encoding (not UTF-8, GB18030 or Big5); "
                            "name it with --encoding")
    score, codec, text = max(candidates)
    if score < 0.85:
        raise EncodingError(f"cannot detect the text encoding with confidence (best guess {codec}, "
                            f"{score:.0%} plausible characters); name it with --encoding")
    return Decoded(text, codec, warnings)


def _utf8(data: bytes, name: str, warnings: list[str]) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), name, warnings)
    except UnicodeDecodeError as exc:
        # A file cut in the middle of a character: keep what is whole, say so.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            warnings.append(f"the file ends in the middle of a UTF-8 character; {len(data) - exc.start} "
                            "byte(s) dropped")
            return Decoded(data[: exc.start].decode("utf-8"), name, warnings)
        raise


def check_text(text: str, source: str) -> None:
    """Refuse text that decoded but is not prose (e.g. a binary file that passed as GB18030)."""
    if not text.strip():
        raise LoaderError(f"{source}: the document is empty")
    if _score(text) < 0.6:
        raise LoaderError(f"{source}: this does not look like a text document "
                          "(too many control or unprintable characters)")
