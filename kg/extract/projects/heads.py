"""Project-type heads (机场, 高铁, 示范区, 平台, 工程 …) and what makes the words before them generic.

The heads come from :data:`kg.extract.lexicon.PROJECT_SUFFIXES`, longest first.
Their classes decide how much a name needs to be kept: a strong infrastructure
head (隧道, 水库) names one thing with any proper stem; a weak head (平台, 中心)
needs a place, a code or a specific stem; a zone head (示范区) a specific stem.
"""
from __future__ import annotations

import re

from kg.extract.lexicon import CJK, GENERIC_STEMS, PROJECT_SUFFIXES

SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in PROJECT_SUFFIXES))


SUFFIX_KIND = dict(PROJECT_SUFFIXES)


# A suffix that is really the start of another word: 中心城区, 平台公司, 工程师, 系统性.
NOT_A_SUFFIX_AFTER = re.compile(r"^(城区|城市|公司|师|性|化|体系|区域|站点|能力|功能|水平|单位|企业|级|型|群体|"
                                 r"网络|副中心|主任|人员|经济|物流|港|集成)")


PHASE = re.compile(rf"^(?:[（(][{CJK}]{{1,6}}段[)）]|[一二三四五六七八九十\d]+期(?:工程)?(?![{CJK}]{{0,1}}[规项])|"
                    rf"[{CJK}]{{2,12}}?段(?=[、，。；及和等建]|$))")


PAREN_TAIL = re.compile(rf"^[（(][{CJK}]{{2,6}}段?[)）]")


QUOTE = re.compile(r"“([^“”]{1,30})”")


# Suffix classes.
WEAK_HEADS = {"中心", "平台", "系统", "服务平台", "综合服务平台", "数据库", "专家库", "政务热线", "服务热线",
         "自助终端", "节点", "枢纽节点", "基地", "项目",
         "服务中心", "市场", "交易市场", "服务市场", "班列", "新城", "片区", "园区", "产业园", "科技园",
         "工业园", "产业园区", "示范基地", "出口基地", "储备基地", "集聚区", "聚集区", "商务区", "大数据池",
         "专网", "外网", "走廊", "大通道", "运输通道"}


ZONE_HEADS = {"国家文化公园", "示范区", "示范园区", "试验区", "先行区", "合作区", "新区", "自由贸易试验区",
                "自贸试验区", "综合保税区", "保税区", "科学城", "科技城", "科创城", "生态城", "国家公园", "文化公园",
                "国家考古遗址公园", "考古遗址公园", "遗址公园", "植物园",
                "经济走廊", "新通道", "黄金水道", "经济带", "旅游带", "示范带", "生产带", "农业带",
                "生态岛", "主网架", "特高压主网架", "商圈", "储运基地", "创新区",
                "高新区", "经开区", "开发区", "综合交通走廊", "经济区"}


SUFFIX_END = re.compile(f"(?:{SUFFIX_RE.pattern})$")


def contains_suffix(item: str) -> bool:
    return any(m for m in SUFFIX_RE.finditer(item) if len(m.group(0)) >= 2)


def own_head(item: str) -> bool:
    """The item ends in a project suffix (possibly with a phase): 渝昆高铁川渝段, 合川双槐电厂三期."""
    for m in SUFFIX_RE.finditer(item):
        if len(m.group(0)) < 2:
            continue
        rest = item[m.end():]
        if not rest or PHASE.fullmatch(rest) or PAREN_TAIL.fullmatch(rest):
            return True
    return False


def generic(stem: str) -> bool:
    stem = stem.strip("“”")
    if not stem or stem in GENERIC_STEMS:
        return True
    rest = stem
    while rest:
        for g in sorted(GENERIC_STEMS, key=len, reverse=True):
            if rest.startswith(g):
                rest = rest[len(g):]
                break
        else:
            return False
    return True


DESCRIPTIVE_OK = {"平台", "系统", "服务平台", "综合服务平台", "数据库", "数据中心", "大数据中心", "专网", "外网",
                   "专家库", "政务热线", "服务热线", "自助终端",
                   "大数据池", "节点", "枢纽节点"}


VAGUE = set("""
综合 公共 服务 开放 合作 协同 创新 发展 一体化 数字 数字化 智慧
智能 信息 信息化 管理 科创 特色 重点 重大 新型 现代 现代化
统一 全市 全省 全市统一 全省统一 共享 交流 支撑 基础 平台 绿色 国际 国家 国家级 区域 地区 毗邻 毗邻地区 产业 协作 联动
融合 高水平 高质量 功能 应用 运营 示范 试点 新 大 小 中 高 级 级的 各类 多元 综合性 世界 全球 美丽 中国 生态 安全 维护
""".split())


def specific(stem: str, min_len: int = 3) -> bool:
    """Does the stem say which system it is (养老, 就业培训, 不动产登记) beyond generic words?"""
    stem = re.sub(r"^(省|市|区|县|自治区)(?=[\u4e00-\u9fff]{3})", "", stem)
    rest, specific = stem, 0
    while rest:
        for n in (4, 3, 2, 1):
            if rest[:n] in VAGUE:
                rest = rest[n:]
                break
        else:
            specific += 1
            rest = rest[1:]
    return specific >= 2 and len(stem) >= min_len
