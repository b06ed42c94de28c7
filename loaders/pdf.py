"""PDF plans, read with pypdf (a well-kept pure-Python parser).

Scanned PDFs have no text layer; they are refused with a clear message rather
than producing an empty graph.
"""
from __future__ import annotations

import io

from kg.errors import LoaderError, require


def pdf_to_text(data: bytes) -> str:
    pypdf = require("pypdf", "pdf")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for damaged files
        raise LoaderError(f"cannot read the PDF: {exc.__class__.__name__}: {exc}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise LoaderError("the PDF has no text layer (a scan?); run OCR first and load the text")
    return text
