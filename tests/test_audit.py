"""The corpus check: on the bundled documents and the 27 provincial work reports, nothing is wrong on its face."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.audit import CHECKS, audit, summary

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted((ROOT / "kg" / "data" / "samples").glob("*.txt")) + \
    sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))


@pytest.fixture(scope="module")
def findings():
    from kg.extract import extract_file

    return audit(extract_file(str(path)) for path in DOCUMENTS)


def test_the_corpus_is_all_there():
    assert len(DOCUMENTS) == 30


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_no_suspicious_output(findings, check):
    rows = {row["check"]: row for row in summary(findings)}
    assert rows[check]["count"] == 0, [f.to_row() for f in findings if f.check == check][:10]


def test_each_check_catches_what_it_describes():
    from kg.extract import extract
    from kg.loaders import RawDocument

    text = ("下载\n打印\n政府工作报告\n——2030年1月20日在湖北省第九届人民代表大会第三次会议上\n各位代表：\n"
            "一、工作回顾\n过去一年，经济增长5%。\n二、今年安排\n1.稳定就业。\n2.扩大消费。")
    raw = RawDocument(text=text, source="t.txt", sha256="0" * 64, encoding="utf-8", format="text", size=len(text))
    ex = extract(raw)
    # break the extraction the way the checks describe, and see each fire
    ex.document.title = "政府工作报告"
    ex.document.period = {"start": 2012, "end": 2012}
    ex.document.text += "\n【字号：大"
    from kg.model import Measure, Project

    ex.measures = [Measure(number=1, title="稳定就业", text="稳定就业。", start=0, end=5)]
    ex.projects = [Project(id="project:a", name="在长江经济带"), Project(id="project:b", name="“形象工程”"),
                   Project(id="project:c", name="形象工程")]
    fired = {f.check for f in audit([ex])}
    assert fired == set(CHECKS), set(CHECKS) - fired
