"""Loading documents: encodings are detected, bad files get one clear error."""
from __future__ import annotations

import io
import zipfile

import pytest

from kg.errors import DocumentTooLargeError, EncodingError, LoaderError
from kg.loaders import load

TEXT = "重庆市推动成渝地区双城经济圈建设行动方案\n1.建设西部(重庆)科学城。推动大学城与科学城融合发展。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    p = tmp_path / "plan.txt"
    p.write_bytes(TEXT.encode(encoding))
    doc = load(p)
    assert doc.text.replace("\r\n", "\n") == TEXT
    assert doc.encoding.replace("-sig", "") in (encoding.replace("-sig", ""), "gb18030")


def test_gbk_without_declaration_is_not_mistaken_for_utf8(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes((TEXT * 20).encode("gbk"))
    assert load(p).encoding == "gb18030"


def test_truncated_utf8_keeps_what_is_whole(tmp_path):
    p = tmp_path / "plan.txt"
    data = TEXT.encode("utf-8")
    p.write_bytes(data[:-2])  # cut inside the last character (\n is one byte, 。 three)
    doc = load(p)
    assert doc.text.startswith("重庆市")
    assert any("middle of a UTF-8 character" in w for w in doc.warnings)


def test_forced_encoding_that_does_not_fit_is_a_clear_error(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes(TEXT.encode("gb18030"))
    with pytest.raises(EncodingError, match="cannot decode as utf-8"):
        load(p, encoding="utf-8")


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "executable"),
    (bytes(range(256)) * 4, "binary"),
])
def test_binary_files_are_refused(tmp_path, data, kind):
    p = tmp_path / "plan.txt"
    p.write_bytes(data)
    with pytest.raises(LoaderError) as err:
        load(p)
    assert kind.split()[0].lower() in str(err.value).lower() or "not" in str(err.value)
    assert "\n" not in str(err.value)


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n ")
    with pytest.raises(LoaderError, match="empty"):
        load(empty)
    with pytest.raises(LoaderError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(LoaderError, match="directory"):
        load(tmp_path)


def test_oversized_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    with pytest.raises(DocumentTooLargeError, match="50.0 MB is over"):
        load(big)
    monkeypatch.setenv("KG_MAX_BYTES", "not-a-number")
    with pytest.raises(LoaderError, match="KG_MAX_BYTES"):
        load(big)


def test_html_keeps_the_main_text(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>行动方案</title>
    <script>var spam = "重庆主要产业是什么";</script><style>p{color:red}</style></head><body>
    <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/x">政务公开</a></div>
    <div id="content"><h1>重庆市推动成渝地区双城经济圈建设行动方案</h1>
    <p>1.建设西部(重庆)科学城。高水平建设两江新区，推动大学城与科学城融合发展，打造科技创新中心。</p>
    <p>2.建设国际性综合交通枢纽城市。开工建设重庆新机场，成渝中线高铁建成投用。</p></div>
    <div class="footer"><a href="/about">关于我们</a> 版权所有</div></body></html>"""
    p = tmp_path / "plan.html"
    p.write_bytes(page.encode("gb18030"))
    doc = load(p)
    assert doc.format == "html"
    assert any(line.startswith("1.建设西部(重庆)科学城。") for line in doc.text.split("\n"))
    assert "重庆主要产业是什么" not in doc.text and "首页" not in doc.text and "版权所有" not in doc.text
    assert doc.title_hint == "行动方案"


def test_malformed_and_deeply_nested_html(tmp_path):
    deep = "<div>" * 3000 + "规划建设重庆新机场。" * 10 + "</div>" * 10
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + deep + "<p>未闭合<b>标签", encoding="utf-8")
    doc = load(p)
    assert "重庆新机场" in doc.text


def test_docx(tmp_path):
    body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            '<w:p><w:r><w:t>行动方案</w:t></w:r></w:p><w:p><w:r><w:t>1.建设重庆新机场。</w:t></w:r></w:p>'
            '</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", body)
    p = tmp_path / "plan.docx"
    p.write_bytes(buf.getvalue())
    doc = load(p)
    assert doc.format == "docx" and doc.text.splitlines() == ["行动方案", "1.建设重庆新机场。"]


def test_a_pdf_without_a_text_layer_is_refused(tmp_path):
    pytest.importorskip("pypdf")
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    p = tmp_path / "blank.pdf"
    with open(p, "wb") as f:
        w.write(f)
    with pytest.raises(LoaderError, match="no text layer"):
        load(p)


def _cjk_font():
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family="Noto Sans CJK SC"), fallback_to_default=False)
    return font_manager.FontProperties(fname=path)


PDF_LINES = ["某市推动交通发展行动方案(2024—2026年)",
             "1.建设交通枢纽。推进璧山区综合交通枢纽建设,开工建设重庆新机场。",
             "2.完善路网。到2026年,高速公路通车里程超过3000公里。"]


def test_pdf_with_a_chinese_text_layer(tmp_path):
    """A real PDF (matplotlib's PDF backend, a CJK font embedded) read back by the loader and extracted."""
    pytest.importorskip("pypdf")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from kg.extract import extract
    from kg.loaders import load

    font = _cjk_font()
    fig = plt.figure(figsize=(8.27, 11.69))
    for i, line in enumerate(PDF_LINES):
        fig.text(0.08, 0.9 - i * 0.04, line, fontproperties=font, fontsize=12)
    path = tmp_path / "plan.pdf"
    with matplotlib.rc_context({"pdf.fonttype": 42}):  # the font embedded as TrueType, with its Unicode map
        fig.savefig(path, format="pdf")
    plt.close(fig)
    assert b"/FontFile2" in path.read_bytes()
    doc = load(path)
    assert doc.format == "pdf" and doc.text.split() == PDF_LINES
    ex = extract(doc)
    assert [m.number for m in ex.measures] == [1, 2]
    assert "重庆新机场" in {p.name for p in ex.projects}
    assert "500120" in {p.code for p in ex.places}
    assert any(t.value == 3000 and t.unit == "公里" and t.year == 2026 for t in ex.targets)
