"""Finding candidate names: every project head in a clause, with the name that ends in it."""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK, STRONG_SUFFIXES
from kg.extract.projects.boundaries import clauses, continues_word, ends_phrase, left_edge
from kg.extract.projects.heads import NOT_A_SUFFIX_AFTER, PAREN_TAIL, PHASE, SUFFIX_KIND, SUFFIX_RE, ZONE_HEADS
from kg.extract.projects.lists import with_list
from kg.extract.projects.model import Candidate
from kg.extract.projects.quoted import bare_quotes, enumerated, shaped_names, split_quoted_run


def find_candidates(text: str, sentences) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in sentences:
        for cs, ce in clauses(text, sent.start, sent.end):
            out.extend(_clause_candidates(text, cs, ce))
    return out


def _suffix_hits(text: str, cs: int, ce: int):
    hits = []
    for m in SUFFIX_RE.finditer(text, cs, ce):
        s, e = m.start(), m.end()
        after = NOT_A_SUFFIX_AFTER.match(text[e:e + 4])
        if after and not (after.group(0) == "功能" and m.group(0).endswith(("平台", "系统"))):
            continue  # 枢纽功能 is what a hub does; 服务平台功能 are the features of a named system
        # a longer suffix may start inside this one (平台 / 台…): the regex already prefers long ones
        hits.append((s, e, m.group(0)))
    return hits


def _extend_right(text: str, end: int, ce: int) -> int:
    if text[end:end + 1] in ("”", '"') and text.rfind("“", 0, end) > text.rfind(text[end], 0, end):
        end += 1  # 高等教育“登峰计划”: the name ends with its quote
    m = PHASE.match(text[end:ce])
    if m and not re.search(r"(发展|建设|工程|项目)$", m.group(0)):
        end += m.end()
    m = PAREN_TAIL.match(text[end:ce])
    if m:
        end += m.end()
    return end


def _clause_candidates(text: str, cs: int, ce: int) -> list[Candidate]:
    out: list[Candidate] = []
    covered_until = cs
    for s, e, suffix in _suffix_hits(text, cs, ce):
        if s < covered_until:
            continue
        # the suffix must end the phrase: what follows is a verb, a list mark, a phase or the clause end
        end = _extend_right(text, e, ce)
        nxt = text[end:end + 1]
        if nxt and re.match(f"[{CJK}]", nxt) and not ends_phrase(text, end, ce) and not (
                len(suffix) >= 2 and SUFFIX_KIND[suffix] in STRONG_SUFFIXES and not continues_word(text, end)):
            continue  # an infrastructure head ends the name unless a word runs on (东庄水利枢纽|下闸蓄水)
        q_open = text.rfind("“", cs, s)
        if q_open > text.rfind("”", cs, s) and q_open >= 0:
            start = left_edge(text, cs, q_open, stop_at_deng=True)  # the head is inside a quoted name
        else:
            start = left_edge(text, cs, s)
        if start >= s:
            continue
        inner = list(re.finditer(r"(重点工程|重大工程|重点项目|重大项目|工程|项目)", text[start:s]))
        if inner and s - (start + inner[-1].end()) >= 2 and not text[start + inner[-1].end()] in "“":
            start += inner[-1].end()
        kind = SUFFIX_KIND[suffix]
        inner_name = re.match(rf"^(.+(?:{'|'.join(sorted(ZONE_HEADS, key=len, reverse=True))}))建设(行动|工程)$",
                              text[start:end])
        if inner_name:  # “一带一路”科技创新合作区建设行动 is about the zone
            end = start + len(inner_name.group(1))
            suffix = next(sf for sf in sorted(ZONE_HEADS, key=len, reverse=True) if inner_name.group(1).endswith(sf))
            s = end - len(suffix)
            kind = SUFFIX_KIND.get(suffix, "zone")
        if out and not out[-1].derived and start <= out[-1].start and out[-1].end <= s and \
                not re.search(r"[、等]", text[out[-1].end:s]):
            out.pop()  # 江北国际机场 inside 江北国际机场T3B航站楼
        out.extend(with_list(text, cs, start, s, end, suffix, kind, out))
        covered_until = end
    out = [part for c in out for part in split_quoted_run(c)]
    out.extend(enumerated(text, cs, ce))
    out.extend(shaped_names(text, cs, ce, out))
    out.extend(bare_quotes(text, cs, ce, out))
    return out
