"""Word lists of plan language shared by the extractors.

These are general lexicons of Chinese plan prose (verbs that open a task,
project-type suffixes, units, comparators), not names from any one document.
Each list says what it is for; rules that use them cite an example sentence.
"""
from __future__ import annotations

import re

CJK = r"\u4e00-\u9fff"
HAN = re.compile(f"[{CJK}]")

# Punctuation that ends a clause or separates list items.
CLAUSE_END = "，。；：！？,;:!?\n"
LIST_SEP = "、"

def normalise_quotes(text: str) -> str:
    """Pair straight quotes with curly ones, one character for one, so offsets do not move.

    Scraped plans mix “X" and "X" with “X”; matching works on the paired form.
    """
    out = []
    for line in text.split("\n"):
        open_ = False
        chars = list(line)
        for i, c in enumerate(chars):
            if c == "“":
                open_ = True
            elif c == "”":
                open_ = False
            elif c == '"':
                chars[i] = "”" if open_ else "“"
                open_ = not open_
        out.append("".join(chars))
    return "\n".join(out)


# Words that open an object phrase: a name never starts before them.
# "开工建设重庆新机场" -> 重庆新机场; "推动两江新区高水平开发开放" -> 两江新区.
# Nominal words that also occur inside names (发展, 创新, 合作, 协同, 服务, 示范,
# 治理, 改革…) are deliberately absent.
BOUNDARY_WORDS = sorted(set("""
建设 建成 新建 续建 扩建 改建 筹建 组建 共建 创建 争创 创设 搭建 兴建 构建 重建 在建
开工 动工 启动 实施 推进 推动 加快 加速 加强 加大 加密 强化 深化 优化 完善 健全 提升 提高 提速 提质 提档 升级
打造 培育 壮大 发展壮大 建立 设立 成立 布局 谋划 争取 力争 确保 实现
完成 形成 基本形成 基本建成 全面建成 建好 建强 用好 办好 做优 做强 做大
支持 鼓励 引导 依托 围绕 聚焦 立足 瞄准 对接 融入 衔接 联动 整合 统筹
协调 引进 引育 培养 吸引 集聚 承接 拓展 扩大 开展 开辟 开通 开行 开放
高标准 高水平 高质量 高起点 高定位 积极 大力 着力 全力 全面 持续 稳步
有序 加紧 尽快 率先 主动 切实 扎实 深入 进一步 继续 不断 接续 滚动
高质量发展 大力发展 加快发展 积极发展 创新发展 培育发展 提升发展
推广 申办 举办 承办 主办 参与 参加 落实 落地 获批 申报 谋划建设 规划建设
加快建设 加快推进 积极推进 开工建设 提速建设 提质建设 高标准建设 高水平建设
以及 及 和 与 等 按照 通过 利用 结合 基于 关于 推出 打通 畅通 贯通 连通 接入 纳入 入选 列入
做好 抓好 抓实 管好 保障 保持 巩固 拓宽 拓展 提升至 达到 超过 突破 增长 新增 累计
增强 发挥 深耕 加密 提升 提高 恢复 重塑 塑造 激发 激活 释放 营造 开发
招引 遴选 培植 申建 争设 落户 扩容 提能 赋能 发力 助力 带动 辐射 服务于
为了 作为 成为 以及 其中 包括 的 是指 东向 西向 南向 北向 指 指导 维护 践行 开通 开通运行 建设运行 上线运行
运行 例如 重点推进 积极争取 力争建成 全力推进 高位推进 加快建成 基本建成 建成投用 启动实施 谋划推进
实施好 推进实施 组织实施 深入实施 大力实施 全面实施 加快实施 积极实施 持续实施
研究实施 启动实施 重点推进 重点实施 重点建设 加快打造 着力打造 全力打造 积极打造
推动建设 支持建设 争取建设 力争开工 加快推动 着力推动 积极推动 大力推动 全面推进 纵深推进 深入推进
稳步推进 统筹推进 协同推进 梯次推动 加快完善 加快构建 着力建设 积极创建 争取创建 加快培育
""".split()), key=len, reverse=True)

_BY_LAST: dict[str, list[str]] = {}
_BY_FIRST: dict[str, list[str]] = {}
for _w in BOUNDARY_WORDS:  # longest first, as BOUNDARY_WORDS is sorted
    _BY_LAST.setdefault(_w[-1], []).append(_w)
    _BY_FIRST.setdefault(_w[0], []).append(_w)


def boundary_ending_at(text: str, pos: int) -> str:
    """The longest boundary word that ends at ``pos`` ('' if none)."""
    if pos <= 0:
        return ""
    for w in _BY_LAST.get(text[pos - 1], ()):
        if pos >= len(w) and text.startswith(w, pos - len(w)):
            return w
    return ""


def boundary_starting_at(text: str, pos: int) -> str:
    """The longest boundary word that starts at ``pos`` ('' if none)."""
    if pos >= len(text):
        return ""
    for w in _BY_FIRST.get(text[pos], ()):
        if text.startswith(w, pos):
            return w
    return ""


# Quantifiers and generic modifiers: a phrase starting with these names a class
# of things ("一批智慧停车场"), not one project.
GENERIC_PREFIXES = ("一批", "若干", "各类", "各级", "一系列", "这些", "其他", "有关", "相关", "重点", "重大",
                    "主要", "一些", "多个", "部分", "全部", "所有", "每个", "一个", "一流", "更多", "新一批",
                    "一大批", "一体化的", "各", "本", "该", "此", "其",
                    # an ordinal batch or first of a class: 首批国家级中试平台 is a list something enters
                    "首批", "第一批", "第二批", "第三批", "首个", "首家")

# Project-type suffixes (longest first) -> kind.  "铜锣峡、黄草峡储气库" shares the
# suffix 储气库 across the list.
PROJECT_SUFFIXES: list[tuple[str, str]] = sorted([
    # air
    ("国际机场", "airport"), ("新机场", "airport"), ("机场", "airport"), ("机场群", "airport"),
    ("航站楼", "airport_facility"), ("跑道", "airport_facility"), ("航空港", "airport"),
    # rail
    ("高速铁路", "railway"), ("高铁", "railway"), ("城际铁路", "railway"), ("铁路", "railway"),
    ("市域铁路", "urban_rail"), ("市域(郊)铁路", "urban_rail"), ("轨道交通", "urban_rail"), ("轻轨", "urban_rail"),
    ("地铁", "urban_rail"), ("铁路专用线", "railway"), ("动车所", "railway"), ("高铁站", "railway"),
    ("火车站", "railway"), ("铁路枢纽", "railway"),
    # road
    ("港", "port"), ("线", "urban_rail"),
    ("高速公路", "road"), ("快速路", "road"), ("快速通道", "road"), ("大道", "road"), ("国道", "road"),
    ("环线", "road"), ("立交", "road"), ("公路", "road"), ("高速", "road"),
    # bridges and tunnels
    ("长江大桥", "bridge"), ("特大桥", "bridge"), ("大桥", "bridge"), ("隧道", "tunnel"),
    # water transport
    ("港口群", "port"), ("港区", "port"), ("枢纽港", "port"), ("码头", "port"), ("航运中心", "port"),
    ("航道", "waterway"), ("黄金水道", "waterway"), ("运河", "waterway"),
    ("船闸", "waterway"),
    # energy
    ("抽水蓄能电站", "pumped_storage"), ("水电站", "power_plant"), ("核电站", "power_plant"),
    ("电厂", "power_plant"), ("电站", "power_plant"), ("发电厂", "power_plant"), ("风电场", "power_plant"),
    ("光伏电站", "power_plant"), ("清洁能源基地", "power_plant"), ("能源基地", "power_plant"),
    ("储气库", "gas_storage"), ("储气设施", "gas_storage"), ("储运基地", "other"), ("储备基地", "other"),
    ("特高压交流工程", "grid"), ("特高压直流工程", "grid"), ("特高压工程", "grid"), ("特高压主网架", "grid"),
    ("主网架", "grid"), ("输电工程", "grid"), ("变电站", "grid"), ("输气管道", "pipeline"), ("管道", "pipeline"),
    ("磁铁矿", "mine"), ("铁矿", "mine"), ("煤矿", "mine"), ("金矿", "mine"),
    ("铜矿", "mine"), ("锂矿", "mine"), ("稀土矿", "mine"),
    # water
    ("水库", "reservoir"), ("水网", "water_works"), ("水网工程", "water_works"), ("水资源配置工程", "water_works"),
    ("引水工程", "water_works"), ("调水工程", "water_works"), ("供水工程", "water_works"), ("灌区", "water_works"),
    ("水利枢纽", "water_works"), ("水利工程", "water_works"), ("防洪工程", "water_works"),
    ("治理工程", "water_works"), ("引水", "water_works"),
    # zones
    ("自由贸易试验区", "zone"), ("自贸试验区", "zone"), ("综合保税区", "zone"), ("保税区", "zone"),
    ("高新区", "zone"), ("经开区", "zone"), ("开发区", "zone"), ("新区", "zone"), ("示范区", "zone"),
    ("示范园区", "zone"), ("试验区", "zone"), ("先行区", "zone"), ("合作区", "zone"), ("创新区", "zone"),
    ("产业园区", "zone"), ("产业园", "zone"), ("科技园", "zone"), ("工业园", "zone"), ("园区", "zone"),
    ("科学城", "zone"), ("科技城", "zone"), ("科创城", "zone"), ("生态城", "zone"),
    ("新城", "zone"), ("商务区", "zone"), ("聚集区", "zone"), ("集聚区", "zone"), ("片区", "zone"),
    ("商圈", "zone"), ("示范带", "zone"), ("旅游带", "zone"), ("生产带", "zone"), ("农业带", "zone"),
    ("经济带", "corridor"), ("国家公园", "zone"), ("文化公园", "zone"), ("国家考古遗址公园", "zone"),
    ("考古遗址公园", "zone"), ("遗址公园", "zone"), ("植物园", "zone"), ("示范基地", "zone"),
    ("出口基地", "zone"), ("生态岛", "zone"),
    # research
    ("全国重点实验室", "lab"), ("国家实验室", "lab"), ("重点实验室", "lab"), ("实验室", "lab"),
    ("实验装置", "lab"), ("科学装置", "lab"), ("大科学装置", "lab"), ("科学中心", "lab"),
    ("实验站", "lab"), ("加速器", "lab"), ("经济区", "zone"),
    ("创新中心", "platform"), ("技术创新中心", "platform"), ("研究院", "lab"),
    # platforms
    ("大数据中心", "platform"), ("数据中心", "platform"), ("算力中心", "platform"), ("智算中心", "platform"),
    ("交易中心", "platform"), ("服务中心", "platform"), ("合作中心", "platform"), ("交流合作中心", "platform"),
    ("转化中心", "platform"), ("交易市场", "platform"), ("服务市场", "platform"), ("枢纽节点", "platform"),
    ("节点", "platform"), ("服务平台", "platform"), ("综合服务平台", "platform"), ("平台", "platform"),
    ("中心", "platform"), ("系统", "platform"), ("数据库", "platform"), ("大数据池", "platform"),
    ("专网", "network"), ("外网", "network"), ("政务热线", "platform"), ("服务热线", "platform"),
    ("自助终端", "platform"), ("专家库", "platform"),
    # corridors and networks
    ("经济走廊", "corridor"), ("综合交通走廊", "corridor"), ("走廊", "corridor"), ("大通道", "corridor"),
    ("新通道", "corridor"), ("运输通道", "corridor"), ("班列", "corridor"),
    ("集结中心", "other"),
    # programmes
    ("工程", "programme"), ("计划", "programme"), ("行动", "programme"), ("行动计划", "programme"),
    ("专项", "programme"), ("试点示范", "programme"),
    ("项目", "other"), ("基地", "other"),
    # railway stations named by direction, grid works
    ("东站", "railway"), ("西站", "railway"), ("南站", "railway"), ("北站", "railway"), ("输变电工程", "grid"),
    ("国家文化公园", "zone"),
    # public facilities: venues, hospitals, universities (the last two only while being built; see projects)
    ("博物馆", "culture"), ("纪念馆", "culture"), ("版本馆", "culture"), ("图书馆", "culture"), ("美术馆", "culture"),
    ("科技馆", "culture"), ("文化馆", "culture"), ("展览馆", "culture"), ("大剧院", "culture"), ("新馆", "culture"),
    ("体育馆", "sports"), ("体育场", "sports"), ("体育中心", "sports"), ("医院", "hospital"), ("综合楼", "hospital"),
    ("大学", "education"), ("学院", "education"), ("小镇", "zone"),
], key=lambda t: len(t[0]), reverse=True)

# Suffixes strong enough that any proper stem makes a project ("白市驿隧道").
STRONG_SUFFIXES = {"airport", "airport_facility", "railway", "urban_rail", "bridge", "tunnel", "reservoir",
                   "pumped_storage", "power_plant", "gas_storage", "lab", "port", "grid", "road", "water_works",
                   "pipeline", "waterway", "mine"}
# Programme suffixes: named only when quoted or tied to a place / numeral word.
PROGRAMME_SUFFIXES = {"工程", "计划", "行动", "专项", "行动计划", "试点示范", "战略", "项目"}

# Stems that are descriptions, not names ("智慧停车场", "公共服务平台").
GENERIC_STEMS = set("""
重点 重大 大型 中型 小型 大中型 新型 现代 现代化 智慧 智能 数字 数字化 绿色 特色 综合 一体化 公共 城市 城镇 乡村 农村
市级 省级 国家级 区县 县级 乡镇 基层 社区 各类 相关 有关 高端 高标准 高水平 重要 主要 骨干 支撑 配套 基础 示范 试点
专业 专业化 区域 区域性 地方 本地 全市 全省 全国 国际 国内 对外 开放 合作 协同 创新 科技 产业 文化 旅游 生态 民生
国家 国家级 世界级 国际级 全国性 一流 高品质 高能级 新一代 未来 特色化 标准化 规范化 先进 优质 优势 领军 标志性
民用 运输 通用 虚拟 支线 干线 零碳 低碳 绿电 直连 分布式 集中式 病险 老旧 老化
""".split())

# Status verbs: the state a plan gives a project, strongest first.
STATUS_VERBS = ["全面建成", "基本建成", "建成投用", "建成投运", "建成", "开工建设", "力争开工", "开工", "启动建设",
                "加快建设", "加快推进", "推进", "建设", "打造", "创建", "争创", "实施", "谋划", "争取", "规划建设",
                "提质建设", "高标准建设", "高水平建设", "布局", "完善", "提升", "深化", "支持"]

# Organisation suffixes (departments, governments, bodies).
ORG_SUFFIXES = sorted(set("""
人民政府 政府 党委 委员会 常委会 人大常委会 政协 纪委监委 纪委
监委 办公厅 办公室 领导小组办公室 领导小组 指挥部 工作专班 专班
发展改革委 发改委 经信委 经济和信息化委员会 科委 教委 卫健委 卫生健康委
民宗委 国资委 网信办 金融办 外办 研究室 宣传部 组织部 统战部 政法委
厅 局 委 署 部 办 院 所 中心 法院 法庭 检察院 秘书处 联席会议 集团
公司 银行 研究院 研究所 大学 学院 实验室 协会 商会 联合会 基金会
""".split()), key=len, reverse=True)
