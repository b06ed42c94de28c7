#!/usr/bin/env python3
"""A synthetic corpus of plan-like documents, for benchmarks (not tests).

Each document looks like an action plan: a notice title with a period, chapters
with an intro paragraph ("…到2027年，…"), numbered measures naming projects,
districts and departments, and quantitative targets.  Entities overlap across
documents the way real plans do: a few projects and places are named by many
plans (a Zipf-like draw from shared pools), most by one or two.

    python bench/synth.py --docs 100 --out /tmp/corpus-100
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

PROVINCES = ["重庆市", "四川省", "贵州省", "陕西省", "湖北省", "湖南省"]
DEPARTMENTS = ["发展改革委", "财政局", "交通局", "住房城乡建设委", "生态环境局", "科技局", "经济信息委", "商务委",
               "农业农村委", "文化旅游委", "教育委", "卫生健康委", "水利局", "规划自然资源局", "大数据发展局"]
SUFFIXES = [("高铁", "railway"), ("城际铁路", "railway"), ("国际机场", "airport"), ("大桥", "bridge"),
            ("隧道", "tunnel"), ("水库", "reservoir"), ("抽水蓄能电站", "pumped_storage"), ("储气库", "gas_storage"),
            ("高新区", "zone"), ("综合保税区", "zone"), ("实验室", "lab"), ("大数据中心", "platform"),
            ("物流园区", "zone"), ("港", "port"), ("快速通道", "road")]
STEMS = ["金凤", "明月", "东湖", "临江", "青山", "云岭", "龙溪", "白沙", "石门", "双桥", "新城", "天府", "巴山", "长岭",
         "红岩", "翠湖", "凤凰", "玉泉", "清溪", "盘龙", "锦屏", "望江", "朝阳", "飞来", "黄桷", "雁塔", "滨江", "桃源"]
INDICATORS = [("地区生产总值", "万亿元", (1, 5)), ("常住人口城镇化率", "%", (55, 85)),
              ("研发经费投入强度", "%", (2, 4)), ("高速公路通车里程", "公里", (2000, 6000)),
              ("社会消费品零售总额", "亿元", (5000, 20000)), ("森林覆盖率", "%", (40, 60)),
              ("城镇新增就业", "万人", (50, 300)), ("高新技术企业数", "家", (3000, 12000)),
              ("进出口总额", "亿元", (3000, 12000)), ("数字经济增加值占地区生产总值比重", "%", (30, 55))]
CUES = [("超过", ">"), ("达到", ">="), ("提高到", ">="), ("控制在", "<=")]
CHAPTERS = ["构建现代基础设施网络", "建设现代化产业体系", "增强科技创新能力", "推进城乡区域协调发展",
            "推动绿色低碳发展", "深化改革开放", "增进民生福祉"]


def districts_of(province_name: str) -> list[str]:
    from kg.loaders.gazetteer import gazetteer

    g = gazetteer()
    code = g.province_code(province_name)
    districts = [d.name for d in g.divisions.values() if d.level == 3 and d.province == code and d.kind == "district"]
    return districts[:40] or [d.name for d in g.divisions.values() if d.level == 2 and d.province == code][:20]


def make_pools(rng: random.Random) -> dict:
    places = {p: districts_of(p) for p in PROVINCES}
    projects = []
    for _ in range(600):
        province = rng.choice(PROVINCES)
        place = rng.choice(places[province])
        suffix, kind = rng.choice(SUFFIXES)
        stem = rng.choice(STEMS) + ("" if rng.random() < 0.5 else rng.choice(STEMS))
        name = f"{place.rstrip('区县')}{stem}{suffix}"
        projects.append((province, name, kind))
    return {"places": places, "projects": projects}


def zipf_pick(rng: random.Random, items: list, s: float = 1.1):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def document(i: int, rng: random.Random, pools: dict, chapters: int = 7, measures_per: int = 8) -> tuple[str, str]:
    province = PROVINCES[i % len(PROVINCES)]
    start = 2021 + i % 5
    end = start + 4
    city = province[:-1] if province.endswith(("市", "省")) else province
    title = f"{province}推动高质量发展行动方案第{i + 1}号({start}—{end}年)"
    lines = [f"{province}人民政府关于印发{title}的通知".replace("的通知", "的通知"),
             f"现将《{title}》印发给你们,请认真贯彻执行。",
             f"为深入贯彻落实国家战略部署,推动{city}高质量发展,制定本行动方案。"]
    n = 0
    own = [p for p in pools["projects"] if p[0] == province]
    for c in range(chapters):
        name = CHAPTERS[c % len(CHAPTERS)]
        ind, unit, (lo, hi) = rng.choice(INDICATORS)
        cue, _ = rng.choice(CUES)
        value = round(rng.uniform(lo, hi), 1)
        lines.append(f"{name}是{city}发展的重要支撑。到{end}年,{ind}{cue}{value:g}{unit},"
                     f"{rng.choice(INDICATORS)[0]}稳步提高,发展质量明显提升。")
        for _ in range(measures_per):
            n += 1
            proj_a = zipf_pick(rng, own)
            proj_b = rng.choice(pools["projects"])
            place = rng.choice(pools["places"][province])
            other = rng.choice(pools["places"][rng.choice(PROVINCES)])
            dept = rng.choice(DEPARTMENTS)
            ind, unit, (lo, hi) = rng.choice(INDICATORS)
            cue, _ = rng.choice(CUES)
            count = rng.randint(5, 120)
            lines.append(
                f"{n}.推进{name[2:]}第{n}项任务。加快建设{proj_a[1]},开工建设{proj_b[1]},支持{place}与{other}"
                f"深化合作。到{end}年,{ind}{cue}{round(rng.uniform(lo, hi), 1):g}{unit},"
                f"新建{count}个智慧社区。完善配套政策,健全协调机制,强化要素保障,推动重大项目、重大平台、重大改革"
                f"落地见效,加强跨区域协同,提升公共服务水平,营造良好发展环境。市{dept}牵头负责。")
    n += 1
    lines.append(f"{n}.强化组织领导。各区县政府要建立工作台账,市级有关部门要加强指导。")
    return f"synthetic-plan-{i + 1:04d}.txt", "\n".join(lines) + "\n"


def generate(docs: int, out: Path, seed: int = 42) -> list[Path]:
    rng = random.Random(seed)
    pools = make_pools(rng)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(docs):
        name, text = document(i, rng, pools)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    paths = generate(args.docs, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
