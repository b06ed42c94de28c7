"""Projects: the named undertakings of a plan.

A project name is a noun phrase that ends in a project-type suffix (机场, 高铁,
隧道, 储气库, 示范区, 平台, 工程 …) and starts after the word that governs it
("开工建设|重庆新机场", "加快推进|白市驿隧道").  Plan prose coordinates names
with 、 and shares heads between them, so:

* "铜锣峡、黄草峡储气库" gives 铜锣峡储气库 and 黄草峡储气库;
* "藻渡、向阳、跳蹬等大中型水库" gives three 水库 (the modifiers before the shared
  head describe the class, not the names);
* "中心城区至永川、南川等市域铁路" gives 中心城区至永川市域铁路 and
  中心城区至南川市域铁路;
* "江北国际机场T3B航站楼及第四跑道" gives the runway its airport;
* a name may go on with its phase or section: 合川双槐电厂三期, 渝昆高铁川渝段.

A phrase is kept only when it names one thing: it is quoted, contains a place
or a code (T3B, 三期), or has a strong infrastructure suffix with a proper stem.
Descriptions ("一批智慧停车场", "公共服务平台") and unquoted generic campaigns
("实施乡村建设行动") are not projects.
"""
from __future__ import annotations

import bisect
import re

from kg.extract.projects.boundaries import clauses, left_edge
from kg.extract.projects.candidates import find_candidates
from kg.extract.projects.filters import keep
from kg.extract.projects.model import Candidate, SpanIndex, norm_key
from kg.extract.projects.status import status_for
from kg.model import Project

__all__ = ["Candidate", "SpanIndex", "clauses", "find_candidates", "find_projects", "keep", "left_edge", "norm_key",
           "status_for"]


def _sentence_at(sentences, starts: list[int], offset: int):
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[i] if i >= 0 else None


def find_projects(text: str, sentences, mention, place_spans, place_at, place_kinds: dict[str, str],
                  original: str) -> list[Project]:
    """The projects of a document.

    ``text`` is the cleaned text with its quotes paired (offsets as in ``original``, the text as written);
    ``sentences`` the sentences after the preamble; ``mention(start, end, surface)`` makes a mention; the
    place spans and ids let a project find the places in its name."""
    cands = find_candidates(text, sentences)
    sentence_starts = [s.start for s in sentences]
    region_names = _region_names(text, place_at, place_kinds)
    span_index, place_index = SpanIndex(place_spans), SpanIndex(place_at)
    by_key: dict[str, Project] = {}
    for c in cands:
        if not keep(c, text, span_index, region_names):
            continue
        key = norm_key(c.name)
        name = original[c.start:c.end] if text[c.start:c.end] == c.name else c.name  # as written
        proj = by_key.get(key)
        if proj is None:
            proj = by_key[key] = Project(id="project:" + key, name=name, kind=c.kind)
        for a in c.aliases:
            if norm_key(a) != key:
                proj.add_alias(a)
        proj.add_mention(mention(c.start, c.end, original[c.start:c.end]))
        for lo, hi in c.spans():
            for a, b, pid in place_index.within(lo, hi):
                self_span = not c.derived and a == c.start and b == c.end
                if pid not in proj.places and not self_span:
                    proj.places.append(pid)  # (a zone is not its own place)
        sent = _sentence_at(sentences, sentence_starts, c.start)
        status = status_for(text, c, sent.start if sent else c.start, sent.end if sent else c.end)
        if status and not proj.status:
            proj.status = status
    return _resolve_aliases(list(by_key.values()))


def _region_names(text, place_at, place_kinds: dict[str, str]) -> set[str]:
    """Names that are places rather than projects (planning regions, cities): 主城新区."""
    return {text[a:b] for a, b, pid in place_at if place_kinds.get(pid) != "zone"}


def _resolve_aliases(projects: list[Project]) -> list[Project]:
    """Merge a short form into its full form: 陆海新通道 -> 西部陆海新通道, “渝快办” -> “渝快办”政务服务平台."""
    keys = {norm_key(p.name): p for p in projects}
    merged: set[str] = set()
    for key, p in sorted(keys.items(), key=lambda kv: len(kv[0])):
        for other_key, q in keys.items():
            if other_key == key or other_key in merged or key in merged:
                continue
            rest_front = other_key[: len(other_key) - len(key)] if other_key.endswith(key) else None
            rest_back = other_key[len(key):] if other_key.startswith(key) else None
            # 陆海新通道 -> 西部陆海新通道; 中欧班列 -> 中欧班列(成渝)
            if (rest_front is not None and len(key) >= 4 and re.match(r"^(西部|全域|国家|中国)$", rest_front)) or \
                    (rest_back is not None and re.fullmatch(r"\([^()]{2,6}\)", rest_back)):
                _merge(q, p)
                merged.add(key)
    return sorted((p for k, p in keys.items() if k not in merged), key=lambda p: min(
        (m.start for m in p.mentions), default=0))


def _merge(into: Project, other: Project) -> None:
    into.add_alias(other.name)
    for a in other.aliases:
        into.add_alias(a)
    for m in other.mentions:
        into.add_mention(m)
    for pl in other.places:
        if pl not in into.places:
            into.places.append(pl)
