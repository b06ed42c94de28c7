"""Places: administrative divisions, planning regions, rivers, areas, countries.

Recognition, in order of trust:

1. names from the gazetteer - full division names anywhere (璧山区), short
   names of provinces and prefectures anywhere (四川, 遂宁), short names of
   counties and districts in the issuing province (璧山 in a Chongqing plan),
   planning regions, rivers, landscapes, countries and blocs;
2. composite abbreviations, read character by character against the
   province abbreviations and the names in play: 川渝 (四川, 重庆), 成渝中线
   (成都, 重庆), 万达开 (万州, 达州, 开州), 渝遂绵, 宜西攀高铁, 孟中印缅; and the
   spelled-out form 合(川)广(安)长(寿);
3. shaped names: 渝西 / 川南 (a province abbreviation and a direction), 长江上游
   (a river and its reach), "寨山坪等67处…山体" (an item of a list of mountains),
   RCEP成员国.

Longest match wins, so 嘉陵江 is a river and not the district 嘉陵.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import CJK, boundary_ending_at, boundary_starting_at
from kg.loaders.gazetteer import Area, Division, Gazetteer

# Short names of divisions that are also ordinary words in plan prose.
_COMMON_WORD_SHORTS = set("""
城区 郊区 矿区 市中 东区 西区 南区 北区 中区 新区 高新 开发 新城 老城 城中 城东 城西 城南 城北 东城 西城 南城 北城
河东 河西 江南 江北区 和平 太平 长安 永安 安定 新华 白云 南山 北山 中山 东山 西山 青山 城关 红旗 胜利 解放 建设 平安 安居
前锋 朝天 名山 仁和 大安 东兴 新龙 白玉 宁南 南部 中江 江安 大英 东坡 仁寿 金川 通川 宣汉 达川 华蓥 邻水 会东 会理 德昌
普格 布拖 金阳 昭觉 喜德 越西 甘洛 美姑 雷波 木里 盐源 盐边 米易 东兴 沿滩 江阳 大通 城阳 市南 市北 海港 海城 铁西 铁东
立新 振兴 光明 长治 大同 安康 白银 大庆 东方 中山 金华 通化 白山 小金 新兴 永新 新建 建新 三江 文峰 文昌 开平 新兴 兴安 平山 龙华 宝安 福田 罗湖 天河 海珠 越秀 花都 黄埔 南沙 番禺 丰台 通州 海淀 朝阳
永定 永和 合作 安远 合山 普安 安化 太和 泰和 天长 长丰 长宁 新宁 石门 东方 五指 三沙 东港 西安 香洲 金湾 斗门 龙岗 坪山
""".split())
# Composite abbreviations that are fixed expressions (literary or customary).
_FIXED_COMPOSITES = {
    "巴蜀": ["重庆", "四川"], "巴渝": ["重庆"], "港澳台": ["香港", "澳门", "台湾"], "港澳": ["香港", "澳门"],
    "京津冀": ["北京", "天津", "河北"], "江浙沪": ["江苏", "浙江", "上海"], "苏浙沪": ["江苏", "浙江", "上海"],
    "黑吉辽": ["黑龙江", "吉林", "辽宁"], "陕甘宁": ["陕西", "甘肃", "宁夏"], "云贵川": ["云南", "贵州", "四川"],
    "蓉城": ["成都"], "鹏城": ["深圳"], "羊城": ["广州"], "泉城": ["济南"],
    # the two pairs every Sichuan/Chongqing plan uses, read before any district name inside them (成渝中线)
    "成渝": ["成都", "重庆"], "川渝": ["四川", "重庆"],
}
# Customary one-character names of cities, used inside composites (蓉欧, 沪汉蓉).
_CITY_ABBR = {"蓉": "成都", "汉": "武汉", "穗": "广州", "榕": "福州", "甬": "宁波", "邕": "南宁", "筑": "贵阳",
              "锡": "无锡", "鹏": "深圳", "昆": "昆明", "厦": "厦门", "杭": "杭州", "宁": "南京", "蓉城": "成都"}
_COUNTRY_ABBR = {"中": "中国", "欧": "欧洲", "新": "新加坡", "老": "老挝", "俄": "俄罗斯", "蒙": "蒙古国",
                 "美": "美国", "日": "日本", "韩": "韩国", "孟": "孟加拉国", "印": "印度", "缅": "缅甸",
                 "巴": "巴基斯坦", "哈": "哈萨克斯坦", "泰": "泰国", "越": "越南", "柬": "柬埔寨",
                 "马": "马来西亚", "菲": "菲律宾", "德": "德国", "法": "法国", "英": "英国", "非": "非洲", "东盟": "东盟"}
# What may follow a composite: transport lines, cooperation words.
_COMPOSITE_AFTER = re.compile(
    r"^(高速铁路|高铁|城际|铁路|高速公路|高速|快速通道|线|段|走廊|经济带|经济区|经济走廊|经济圈|都市圈|城市群|"
    r"地区|一体化|协同|协作|合作|毗邻|班列|特高压|扩容|扩能|输电|管道|航线|东西部|中线|主轴|（|\()")
_CHINA_SLOGANS = {"健康", "美丽", "平安", "数字", "法治", "幸福", "书香", "智慧", "创新", "文化", "体育", "网络"}
_MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
# Province abbreviations that are also everyday characters (新, 青, 宁…): weaker readings.
_COMMON_ABBR = set("新青宁台吉黑云贵港澳秦陇申")
_COUNTRY_AFTER = re.compile(r"^等?(班列|经济走廊|合作|互联互通|自贸|铁路|金融|友好|（|\(|战略|国际)")
_DIRECTIONS = ("东北", "东南", "西北", "西南", "东", "西", "南", "北", "中")
_REACH = re.compile(r"(上游|中游|下游|中上游|中下游)")
_LIST_OF_FEATURES = re.compile(
    rf"([{CJK}“”\"]{{2,6}})等\d+[处条座个片]([{CJK}]{{0,10}}?)(山体|山岭|山峰|湖泊|河流|岛屿|水库|湿地)")
_MEMBER_STATES = re.compile(r"([A-Z]{2,10})成员国")
_SPELLED = re.compile(rf"(?:[{CJK}][（(][{CJK}]{{1,2}}[)）]){{2,}}")
_ZONE_PLACE = re.compile(rf"((?:西部|东部|中部|中国|成渝|[{CJK}]{{2}}(?=[（(]))[（(][{CJK}]{{2,4}}[)）](?:科学城|科技城))|((?<![{CJK}])[{CJK}]{{2,4}}高新区)")
_SETTLEMENT = re.compile(rf"([{CJK}]{{2,4}}?)(街道|村|镇|乡)")
_NOT_SETTLEMENT = re.compile(r"(城|区|县|市|乡|村|镇|美丽|示范|特色|振兴|旅游|全域|重点|中心|新型|传统|古|名)")
_RESOURCE_FLOW = re.compile(r"([\u4e00-\u9fff])[电煤气油水]([入送])([\u4e00-\u9fff])")


@dataclass
class PlaceMatch:
    start: int
    end: int
    surface: str
    ref: object  # Division | Area | str (pattern-made area name)
    via: str  # "name", "composite", "pattern"


class PlaceMatcher:
    def __init__(self, gaz: Gazetteer, issuer_province: str | None):
        self.gaz = gaz
        self.issuer = issuer_province
        self.names: dict[str, list] = {}
        for d in gaz.divisions.values():
            # two-character county names (范县, 郊区) hide inside words (示范县): trust them at home only
            if len(d.name) > 2 or d.level < 3 or d.province == issuer_province:
                if d.name not in _COMMON_WORD_SHORTS:
                    self._add(d.name, d)
            if d.short and d.short != d.name and len(d.short) >= 2 and d.short not in _COMMON_WORD_SHORTS:
                if d.level <= 2 or d.province == issuer_province:
                    self._add(d.short, d)
        for name, area in gaz.area_index.items():
            if area.context and area.context != issuer_province:
                continue
            self._add(name, area)
        for name in _FIXED_COMPOSITES:
            self.names.setdefault(name, [])
        self.max_len = max(len(n) for n in self.names)
        self.by_first: dict[str, list[str]] = {}
        for n in sorted(self.names, key=len, reverse=True):
            self.by_first.setdefault(n[0], []).append(n)

    def _add(self, name: str, ref) -> None:
        self.names.setdefault(name, []).append(ref)

    # -- choosing among homonyms ----------------------------------------------
    def best(self, refs: list, mentioned: set[str]):
        def rank(r):
            if isinstance(r, Area):
                return (3, 0, 0)
            return (2 if r.province == self.issuer else (1 if r.province in mentioned else 0),
                    -r.level, 0)
        return max(refs, key=rank) if refs else None

    # -- the scan ---------------------------------------------------------------
    def find(self, text: str) -> list[PlaceMatch]:
        matches: list[PlaceMatch] = []
        taken = [False] * len(text)
        mentioned_provinces: set[str] = set()
        # 0. zones named with a place in brackets: 西部(重庆)科学城, 稀土高新区
        zone_starts = {}
        for m in _ZONE_PLACE.finditer(text):
            zone_starts[m.start()] = m.end()
            matches.append(PlaceMatch(m.start(), m.end(), m.group(0), ("zone", m.group(0), None), "pattern"))
        # 1. names, longest first at each position
        i = 0
        while i < len(text):
            hit = None
            for name in self.by_first.get(text[i], ()):
                if text.startswith(name, i):
                    hit = name
                    break
            if hit and i in zone_starts and i + len(hit) < zone_starts[i]:
                hit = None  # 西部 in 西部(重庆)科学城 is part of the zone's name
            if hit == "中国" and (text[i + 2:i + 3] in "（(" or text[max(0, i - 2):i] in _CHINA_SLOGANS):
                hit = None  # 中国(重庆)自由贸易试验区, 健康中国: a name, not a mention of the country
            if hit:
                if hit in _FIXED_COMPOSITES:
                    for member in _FIXED_COMPOSITES[hit]:
                        ref = self.best(self.gaz.lookup(member), set()) or self.gaz.area(member)
                        if ref is not None:
                            matches.append(PlaceMatch(i, i + len(hit), hit, ref, "composite"))
                else:
                    ref = self.best(self.names[hit], mentioned_provinces)
                    matches.append(PlaceMatch(i, i + len(hit), hit, ref, "name"))
                    if isinstance(ref, Division):
                        mentioned_provinces.add(ref.province)
                for k in range(i, i + len(hit)):
                    taken[k] = True
                i += len(hit)
            else:
                i += 1
        context = {self.issuer} | mentioned_provinces if self.issuer else set(mentioned_provinces)
        context.discard(None)
        matches += self._spelled(text, taken)
        matches += self._composites(text, taken, context)
        self.covered_rivers: set[int] = set()
        matches += self._shaped(text, taken, context)
        matches += self._settlements(text, taken, matches)
        # 长江上游 stands for itself: drop the bare river mention inside it, unless the reach is the only
        # place the river is named (金沙江中上游 still tells the reader the plan concerns 金沙江)
        def inside_reach(m):
            return (m.via == "name" and m.start in self.covered_rivers
                    and isinstance(m.ref, Area) and m.ref.kind == "river")

        named_alone = {m.ref.id for m in matches if isinstance(m.ref, Area) and not inside_reach(m)}
        matches = [m for m in matches if not inside_reach(m) or m.ref.id not in named_alone]
        matches.sort(key=lambda m: (m.start, m.end))
        return matches

    def _mark(self, taken, start, end):
        for k in range(start, end):
            taken[k] = True

    def _spelled(self, text, taken) -> list[PlaceMatch]:
        """合(川)广(安)长(寿) -> 合川, 广安, 长寿."""
        out = []
        for m in _SPELLED.finditer(text):
            parts = re.findall(rf"([{CJK}])[（(]([{CJK}]{{1,2}})[)）]", m.group(0))
            refs = [self.best(self.gaz.lookup(a + b), set()) for a, b in parts]
            if refs and all(refs):
                for ref in refs:
                    out.append(PlaceMatch(m.start(), m.end(), m.group(0), ref, "composite"))
                self._mark(taken, m.start(), m.end())
        return out

    # -- composites ---------------------------------------------------------------
    def _char_candidates(self, ch: str, context: set[str]) -> list[tuple[int, object]]:
        """Readings of one character of a composite, scored; weak readings are left out (memoised per scan)."""
        key = (ch, frozenset(context))
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = self._char_candidates_uncached(ch, context)
        return memo[key]

    def _char_candidates_uncached(self, ch: str, context: set[str]) -> list[tuple[int, object]]:
        cands: list[tuple[int, object]] = []
        for code in self.gaz.abbreviations.get(ch, []):
            primary = self.gaz.primary_abbr.get(code) == ch
            score = 6 if primary else 4
            if ch in _COMMON_ABBR:
                score -= 2
            cands.append((score, self.gaz.divisions[code]))
        if ch in _CITY_ABBR:
            d = self.best(self.gaz.lookup(_CITY_ABBR[ch]), set())
            if d is not None:
                cands.append((5, d))
        neighbours = set()
        for c in context:
            neighbours |= self.gaz.neighbours.get(c, set())
        for d in self.gaz.by_first_char.get(ch, []):
            if d.short in _COMMON_WORD_SHORTS:
                continue
            if d.province == self.issuer:
                # county-level cities are the ones abbreviated in line names (西昌 in 西香高速); in
                # a municipality the districts play that part (万州, 开州 in 万达开)
                if d.level == 2:
                    score = 5
                elif d.kind == "county_city" or self.issuer in _MUNICIPALITIES:
                    score = 4.5
                else:
                    score = 3
            elif d.level == 2 and d.province in context:
                score = 5
            elif d.level == 3 and d.province in _MUNICIPALITIES and d.province in context and \
                    d.province in self.gaz.neighbours.get(self.issuer, set()):
                score = 4.8  # a neighbouring municipality's districts rank as cities (万州 in 成达万, 铜梁 in 铜资)
            elif d.level == 2 and d.province in neighbours:
                score = 3
            elif d.level == 3 and d.province in context and d.kind == "county_city":
                score = 3
            elif d.level == 3 and d.province in neighbours and d.kind == "county_city":
                score = 2
            else:
                continue
            cands.append((score, d))
        return cands

    def resolve_composite(self, token: str, context: set[str]) -> list | None:
        """Read ``token`` one character per place; None unless every character is clear."""
        token = re.sub(r"[（()）]", "", token)
        if not 2 <= len(token) <= 5:
            return None
        out, scores = [], []
        for ch in token:
            cands = self._char_candidates(ch, context)
            if not cands:
                return None
            cands = sorted(cands, key=lambda t: t[0], reverse=True)
            if len(cands) > 1 and cands[0][0] == cands[1][0] and cands[0][1] is not cands[1][1]:
                return None  # two equally likely readings: do not guess
            out.append(cands[0][1])
            scores.append(cands[0][0])
        if len({d.code for d in out}) < len(out):
            return None
        self.last_min_score = min(scores)
        return out

    def _composites(self, text: str, taken, context: set[str]) -> list[PlaceMatch]:
        out: list[PlaceMatch] = []
        run = re.compile(rf"[{CJK}（()）]{{2,}}")
        for m in run.finditer(text):
            end = m.end()
            while end >= m.start() + 2:  # right to left, so 川黔粤桂走廊 is read whole
                if not self._char_candidates(text[end - 1], context):
                    end -= 1  # the last character names no place: no composite ends here
                    continue
                after = text[end: end + 4]
                quoted = text[end: end + 1] == "”"
                head = bool(_COMPOSITE_AFTER.match(after))
                found = self._best_token(text, taken, m.start(), end, context, head or quoted, head)
                if found:
                    start, refs = found
                    for ref in refs:
                        out.append(PlaceMatch(start, end, text[start:end], ref, "composite"))
                    self._mark(taken, start, end)
                    end = start
                else:
                    end -= 1
        out += self._countries(text, taken)
        for m in _RESOURCE_FLOW.finditer(text):  # 疆电入渝, 北煤入渝
            for ch, pos in ((m.group(1), m.start(1)), (m.group(3), m.start(3))):
                codes = self.gaz.abbreviations.get(ch, [])
                if codes and not taken[pos]:
                    out.append(PlaceMatch(pos, pos + 1, ch, self.gaz.divisions[codes[0]], "composite"))
        return out

    def _best_token(self, text, taken, seg_start, end, context, strict_follow, line_head=False):
        """The composite ending at ``end``: it starts after a boundary and reads cleanly."""
        best = None
        for start in range(max(seg_start, end - 7), end - 1):
            if any(taken[start:end]) or text[start] in "（()）":
                continue
            token = text[start:end]
            lead = boundary_starting_at(token, 0)
            if lead and len(lead) <= len(token) - 2:
                continue
            refs = self.resolve_composite(token, context)
            if not refs:
                continue
            chars = re.sub(r"[（()）]", "", token)
            provinces = sum(1 for r, c in zip(refs, chars) if r.level == 1 and self.gaz.primary_abbr.get(r.code) == c)
            anchored = any(r.province in context for r in refs)
            clear = self.last_min_score >= 4.5
            ok = anchored and ((strict_follow and self.last_min_score >= 4.5) or (provinces == len(chars) and self.last_min_score >= 6)
                               # 川青铁路: province abbreviations before a line's head, everyday characters (青) too
                               or (line_head and provinces == len(chars) and self.last_min_score >= 4)
                               or (len(chars) >= 3 and provinces >= 1 and clear))
            if not ok:
                continue
            after_boundary = start == seg_start or bool(boundary_ending_at(text, start))
            key = (after_boundary, end - start)
            if best is None or key > best[0]:
                best = (key, start, refs)
        return (best[1], best[2]) if best else None

    def _countries(self, text, taken) -> list[PlaceMatch]:
        out = []
        for m in re.finditer(rf"[{CJK}]{{2,}}", text):
            seg = m.group(0)
            for i in range(len(seg)):
                for j in range(len(seg), i + 1, -1):
                    token = seg[i:j]
                    start = m.start() + i
                    if "中" not in token or any(taken[start:start + len(token)]):
                        continue
                    if all(c in _COUNTRY_ABBR for c in token) and _COUNTRY_AFTER.match(text[start + len(token):]):
                        for c in token:
                            out.append(PlaceMatch(start, start + len(token), token,
                                                  self.gaz.area(_COUNTRY_ABBR[c]) or _COUNTRY_ABBR[c], "composite"))
                        self._mark(taken, start, start + len(token))
                        break
        return out

    # -- shaped names ---------------------------------------------------------------
    def _settlements(self, text, taken, matches) -> list[PlaceMatch]:
        """A town or village written after its county: 丹巴县基卡依村, 璧山区丁家街道."""
        out = []
        for m in list(matches):
            if not (isinstance(m.ref, Division) and m.ref.level == 3 and m.surface == m.ref.name):
                continue
            s = _SETTLEMENT.match(text, m.end)
            if not s or any(taken[s.start():s.end()]):
                continue
            stem = s.group(1)
            if any(boundary_starting_at(stem, k) for k in range(len(stem))) or _NOT_SETTLEMENT.search(stem):
                continue
            kind = {"村": "village", "镇": "town", "乡": "town", "街道": "subdistrict"}[s.group(2)]
            out.append(PlaceMatch(s.start(), s.end(), s.group(0), (kind, s.group(0), m.ref.code), "pattern"))
            self._mark(taken, s.start(), s.end())
        return out

    def _shaped(self, text, taken, context) -> list[PlaceMatch]:
        out: list[PlaceMatch] = []
        abbr_to_code = {self.gaz.primary_abbr[c]: c for c in context if c in self.gaz.primary_abbr}
        for ch, code in abbr_to_code.items():
            for d in _DIRECTIONS:
                token = ch + d
                for m in re.finditer(re.escape(token), text):
                    if any(taken[m.start():m.end()]) or token == "京东":
                        continue
                    if d in ("东", "西", "南", "北", "中") and text[m.end(): m.end() + 1] in ("部", "方", "侧", "面", "线"):
                        continue
                    division = self.best(self.gaz.lookup(token), set())
                    if division is not None:  # 渝北, 渝中: a district's own short name, not "north of 渝"
                        out.append(PlaceMatch(m.start(), m.end(), token, division, "pattern"))
                        self._mark(taken, m.start(), m.end())
                        continue
                    area = self.gaz.area(token)
                    out.append(PlaceMatch(m.start(), m.end(), token, area or ("region", token, code), "pattern"))
                    self._mark(taken, m.start(), m.end())
        # rivers with their reach: 长江上游
        for m in _REACH.finditer(text):
            left = text[max(0, m.start() - 6): m.start()]
            for river in sorted((a for a in self.gaz.area_index if left.endswith(a)), key=len, reverse=True):
                area = self.gaz.area(river)
                if area and area.kind == "river":
                    out.append(PlaceMatch(m.start() - len(river), m.end(), river + m.group(1),
                                          ("area", river + m.group(1), area.id), "pattern"))
                    self.covered_rivers.add(m.start() - len(river))
                break
        for m in _LIST_OF_FEATURES.finditer(text):
            name = m.group(1)
            lead = boundary_starting_at(name, 0)
            if lead and len(name) - len(lead) >= 2:
                name = name[len(lead):]
            name = name.strip("“”\"")
            if not any(taken[m.start(1):m.end(1)]) and len(name) >= 2:
                out.append(PlaceMatch(m.start(1), m.end(1), m.group(1), ("area", name, None), "pattern"))
                self._mark(taken, m.start(1), m.end(1))
        for m in _MEMBER_STATES.finditer(text):
            out.append(PlaceMatch(m.start(), m.end(), m.group(0), ("bloc", m.group(0), None), "pattern"))
        return out
