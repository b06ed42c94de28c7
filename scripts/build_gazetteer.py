#!/usr/bin/env python3
"""Regenerate kg/data/divisions.tsv, the table of China's administrative divisions.

The source is jionlp's ``china_location.txt`` (Apache-2.0), the current table of
province-, prefecture- and county-level divisions with their GB/T 2260 codes.  It
is a development-time input only: the generated TSV is committed, so the tool
itself needs neither jionlp nor network access.

    pip download --no-deps jionlp -d /tmp/jio && unzip -o /tmp/jio/*.whl -d /tmp/jio/x
    unzip -o /tmp/jio/x/jionlp/dictionary/china_location.zip -d /tmp/jioloc
    pip install pypinyin
    python scripts/build_gazetteer.py /tmp/jioloc/china_location.txt kg/data/divisions.tsv

Town-level rows (no code in the source) are left out: plans name towns only
inside project names, where they are not places of their own.
"""
from __future__ import annotations

import csv
import sys

from pypinyin import lazy_pinyin

# Readings pypinyin gets wrong in place names (polyphonic characters).
PINYIN_FIXES = {
    "长": "chang", "朝阳": "chaoyang", "六安": "lu'an", "单县": "shan", "长宁": "changning",
    "重庆": "chongqing", "乐亭": "laoting", "蚌埠": "bengbu", "东阿": "dong'e", "番禺": "panyu",
    "铅山": "yanshan", "尉犁": "yuli", "厦门": "xiamen", "西安": "xi'an", "兴安": "xing'an",
    "泰安": "tai'an", "延安": "yan'an", "吉安": "ji'an", "淮安": "huai'an", "雅安": "ya'an",
    "广安": "guang'an", "瑞安": "rui'an", "六盘水": "liupanshui", "大足": "dazu",
}

KIND_EN = {
    "province": "Province", "autonomous_region": "Autonomous Region", "municipality": "",
    "sar": "Special Administrative Region", "prefecture_city": "", "prefecture": "Prefecture",
    "autonomous_prefecture": "Autonomous Prefecture", "league": "League", "district": "District",
    "county": "County", "autonomous_county": "Autonomous County", "county_city": "",
    "banner": "Banner", "autonomous_banner": "Autonomous Banner", "forestry_area": "Forestry District",
    "special_district": "Special District", "development_zone": "Development Zone",
}


def kind_of(name: str, level: int) -> str:
    if level == 1:
        if name.endswith("自治区"):
            return "autonomous_region"
        if name.endswith("特别行政区"):
            return "sar"
        if name in ("北京市", "天津市", "上海市", "重庆市"):
            return "municipality"
        return "province"
    if level == 2:
        if name.endswith("自治州"):
            return "autonomous_prefecture"
        if name.endswith("地区"):
            return "prefecture"
        if name.endswith("盟"):
            return "league"
        return "prefecture_city"
    if any(name.endswith(s) for s in ("开发区", "新区", "园区", "管理区", "示范区", "实验区")):
        return "development_zone"
    for suffix, kind in (("自治县", "autonomous_county"), ("自治旗", "autonomous_banner"),
                         ("林区", "forestry_area"), ("特区", "special_district"), ("区", "district"),
                         ("县", "county"), ("旗", "banner"), ("市", "county_city")):
        if name.endswith(suffix):
            return kind
    return "county"


def pinyin(short: str) -> str:
    if short in PINYIN_FIXES:
        return PINYIN_FIXES[short]
    syllables = lazy_pinyin(short)
    if short.startswith("长"):
        syllables[0] = "chang"
    # Hanyu Pinyin marks a syllable boundary before a, o, e: Xi'an, Nan'an
    return "".join(s if i == 0 or s[0] not in "aoe" else "'" + s for i, s in enumerate(syllables))


def english(short: str, kind: str) -> str:
    base = pinyin(short).replace("'", "’").capitalize().replace("’", "'")
    suffix = KIND_EN.get(kind, "")
    return f"{base} {suffix}".strip()


def main(src: str, dst: str) -> None:
    rows, parents = [], [None, None, None]
    with open(src, encoding="utf-8") as f:
        for line in f:
            depth = len(line) - len(line.lstrip("\t"))
            parts = line.strip().split("\t")
            if depth > 2 or len(parts) < 3:
                continue
            name, code, short = parts[0], parts[1], parts[2]
            level = depth + 1
            parents[depth] = code
            # municipalities repeat themselves at prefecture level: keep one row
            if level == 2 and code == parents[0]:
                continue
            parent = parents[depth - 1] if depth else ""
            if level == 3 and parent == parents[0]:
                parent = parents[0]
            if level == 3 and code == parent:
                continue  # Hong Kong's and Macao's districts carry their SAR's code in the source: no code of their own
            kind = kind_of(name, level)
            if kind == "development_zone" and name.endswith("新区") and int(code[-2:]) < 70:
                kind = "district"  # 浦东新区, 滨海新区: districts of the code table (zones are numbered 70 and up)
            if kind == "development_zone":
                continue  # functional zones are not administrative divisions
            if short in ("高新区", "开发区", "经开区") or "直辖" in name or name == "市辖区":
                continue  # placeholders of the code table, not places
            rows.append((code, name, short, level, kind, parent, pinyin(short), english(short, kind)))
    # children of skipped placeholders hang from their province
    codes = {r[0] for r in rows}
    rows = [r[:5] + ((r[5] if r[5] in codes or not r[5] else r[0][:2] + "0000"),) + r[6:] for r in rows]
    rows.sort()
    with open(dst, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(("code", "name", "short", "level", "kind", "parent", "pinyin", "name_en"))
        w.writerows(rows)
    print(f"wrote {len(rows)} divisions to {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
