#!/usr/bin/env python3
"""Regenerate kg/data/words.txt and kg/data/features.tsv from jieba's dictionary.

The source is the dictionary of jieba 0.42.1 (``jieba/dict.txt``, MIT licence):
349,046 words of general Chinese with frequencies and part-of-speech tags.  It is
a development-time input only; the generated files are committed.

* ``words.txt`` - common vocabulary (not proper nouns): the words a place or
  organization name must not cut in half.  共同|心声 shows that 同心 (a county's
  short name) is not named in 共同心声; 长治久安 that 长治 is not named there.
* ``everyday.txt`` - the frequent two-character common words (jieba frequency 500 or more, not proper
  nouns): a division's short name that is one of them (合作, 延长, 南岸) is a
  mention only when written in full or named beside places of its province.
* ``frequent.txt`` - words so frequent they are everyday whatever jieba's tag (城市, 社区, 江北): they
  count as plain words of a description, but never cut a place's name.
* ``lead_words.txt`` - verbs and adverbs (tags v, d, ad; two characters, frequency 300 or more): words that
  govern a name and never begin one when a place follows them (专门|听取|海南自由贸易港).
* ``features.tsv`` - natural and cultural features (mountains, rivers, lakes,
  deserts, gorges, islands …) tagged as place names (``ns``), three characters
  or more, with their kind, so 六盘山, 腾格里沙漠 and 抚仙湖 are places wherever
  they are written.

    pip download --no-deps jieba==0.42.1 -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    python scripts/build_lexicon.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "data"
PROPER = {"ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "x", "eng"}
# Feature suffixes, longest first, and the kind each names.
FEATURE_KINDS = [
    ("沙漠", "desert"), ("沙地", "desert"), ("戈壁", "desert"), ("盆地", "basin"), ("平原", "plain"),
    ("高原", "plateau"),
    ("草原", "grassland"), ("湿地", "wetland"), ("峡谷", "gorge"), ("海峡", "strait"), ("群岛", "island"),
    ("半岛", "peninsula"), ("冰川", "glacier"), ("雪山", "mountain"), ("山脉", "mountain"), ("水库", "reservoir"),
    ("瀑布", "waterfall"), ("山", "mountain"), ("岭", "mountain"), ("峰", "mountain"), ("湖", "lake"), ("江", "river"),
    ("河", "river"), ("溪", "river"), ("峡", "gorge"), ("海", "sea"), ("岛", "island"), ("湾", "bay"),
]
# Stems that describe rather than name (大山, 高原 …): not features.
GENERIC_STEMS = set("大 小 高 深 青 绿 名 江 河 湖 山 海 东 西 南 北 中 上 下 内 外 前 后 新 老 长 短 "
                    "冰 雪 火 沙 石 荒".split())


def main(dictionary: str) -> None:
    divisions = set()
    with open(DATA / "divisions.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            divisions.update(filter(None, (row.get("name"), row.get("short"))))
    import yaml

    areas = {e["name"] for entries in yaml.safe_load((DATA / "areas.yaml").read_text(encoding="utf-8")).values()
             for e in entries}
    known = divisions | areas
    words, features, everyday, leads, frequent = [], [], [], [], []
    with open(dictionary, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", word):
                continue
            # idioms are often tagged nz (安居乐业): longer words keep that tag
            proper = PROPER if len(word) == 2 else PROPER - {"nz"}
            if tag not in proper and ((len(word) == 2 and freq >= 50) or (3 <= len(word) <= 4 and freq >= 20)):
                words.append(word)
            elif freq >= 1000 and len(word) <= 4:
                frequent.append(word)  # so frequent it is everyday whatever its tag (城市, 社区)
            if len(word) == 2 and freq >= 500 and tag not in PROPER:
                everyday.append(word)
            if len(word) == 2 and freq >= 300 and tag in ("v", "d", "ad"):
                leads.append(word)
            # a feature named after a division (贺兰山, tagged as a person's name) is a feature whatever its tag
            after_division = word[:-1] in divisions and word[-1] in "山湖江河" and freq >= 20
            if (tag == "ns" or after_division) and len(word) >= 3 and word not in divisions:
                kind = next((k for suffix, k in FEATURE_KINDS if word.endswith(suffix)), None)
                stem = word[: -1]
                joined = any(word[:k] in known and word[k:] in known for k in range(2, len(word) - 1))
                idiom = word.endswith(("江山", "河山", "山河", "江湖"))  # 半壁江山
                if kind and not all(c in GENERIC_STEMS for c in stem) and not joined and not idiom:  # not 长江黄河
                    features.append((word, kind))
    (DATA / "words.txt").write_text(
        "# Common Chinese vocabulary (jieba 0.42.1 dict.txt, MIT; proper nouns left out). "
        "Regenerate: scripts/build_lexicon.py\n" + "\n".join(sorted(set(words))) + "\n", encoding="utf-8")
    (DATA / "everyday.txt").write_text(
        "# Frequent two-character words (jieba 0.42.1 dict.txt, MIT). Regenerate: scripts/build_lexicon.py\n"
        + "\n".join(sorted(set(everyday))) + "\n", encoding="utf-8")
    (DATA / "frequent.txt").write_text(
        "# Frequent words jieba tags as proper nouns (frequency 1000 or more; jieba 0.42.1 dict.txt, MIT). "
        "Regenerate: scripts/build_lexicon.py\n" + "\n".join(sorted(set(frequent))) + "\n", encoding="utf-8")
    (DATA / "lead_words.txt").write_text(
        "# Verbs and adverbs (jieba 0.42.1 dict.txt, MIT). Regenerate: scripts/build_lexicon.py\n"
        + "\n".join(sorted(set(leads))) + "\n", encoding="utf-8")
    with open(DATA / "features.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Natural and cultural features (jieba 0.42.1 dict.txt ns words, MIT). "
                "Regenerate: scripts/build_lexicon.py\n")
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "kind"])
        writer.writerows(sorted(set(features)))
    print(f"{len(set(words))} words, {len(set(everyday))} everyday words, {len(set(features))} features")


if __name__ == "__main__":
    main(sys.argv[1])
