"""Generate the landplanner sample dataset (fictional, reproducible): ``python sample_parcels/generate.py [OUTDIR]``.

Three parks of 崇川区, 南通 (DOMAIN §1), with parcels cut from a jittered street grid, in
CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549), DBF in GBK with a ``.cpg``:

* ``parks.shp`` — 园区名称, 简称, 规划面积 (km²);
* ``parcels.shp`` — 地块编号, 企业名称, 信用代码 (统一社会信用代码: a DBF field name holds at
  most 10 bytes, 5 Chinese characters in GBK, so the full name cannot be used), 园区,
  地块类型, 土地用途, 用地面积 (亩), 容积率, 供地日期, 约定动工;
* ``indicators_2025.xlsx``, ``indicators_2024.xlsx`` — one row per enterprise, DOMAIN §6 headers.

Everything is drawn from one seeded generator, and file headers carry fixed dates, so two
runs give byte-identical files. Park outlines and centres are approximate, enterprises and
credit codes are invented (their check characters are valid); nothing here is real data.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import sys
import zipfile
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import Polygon, mapping

SEED = 20251123
OUT = Path(__file__).resolve().parent
M2_PER_MU = 10000.0 / 15.0
FIXED_DATE = dt.datetime(2025, 1, 1)
PRJ_WKT = (
    'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",'
    'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],'
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],'
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)

# name, short name, centre (lon, lat), planned area km², parcel-ID prefix
PARKS = (
    ("港闸经济开发区", "港闸开发区", (120.80, 32.04), 38.0, "GZ"),
    ("市北高新技术产业开发区", "市北高新区", (120.845, 32.093), 16.0, "SB"),
    ("崇川经济开发区", "崇川开发区", (120.93, 31.99), 24.0, "CC"),
)
CATEGORIES = (
    ("正常", 0.60),
    ("低效", 0.20),
    ("闲置", 0.08),
    ("征而未供", 0.06),
    ("批而未供", 0.06),
)
BLOCK_KEEP = 0.45  # share of street blocks that hold recorded industrial parcels

BRANDS = (
    "恒力",
    "通润",
    "金鹰",
    "海润",
    "华强",
    "瑞丰",
    "宏达",
    "中天",
    "鑫源",
    "国泰",
    "永盛",
    "天工",
    "博远",
    "长鸿",
    "联发",
    "振华",
    "安泰",
    "华峰",
    "锦程",
    "信达",
    "凯盛",
    "东方",
    "江海",
    "紫琅",
    "濠河",
    "崇明",
    "港城",
    "通州",
    "华鼎",
    "正大",
    "明德",
    "启航",
    "嘉诚",
    "德兴",
    "祥和",
    "富源",
    "远洋",
    "星辰",
    "汇通",
    "新时代",
    "宝钢",
    "协力",
    "精工",
    "宏泰",
    "泰和",
    "海天",
    "宇航",
    "卓越",
    "万达",
    "华新",
    "立信",
    "盛世",
    "恒通",
    "大成",
    "隆盛",
    "金三角",
    "方圆",
    "银河",
    "九圩",
    "通吕",
)
INDUSTRIES = (
    ("机械", 3),
    ("纺织", 3),
    ("家纺", 2),
    ("电子", 2),
    ("精密制造", 2),
    ("新材料", 2),
    ("电气", 2),
    ("船舶配件", 1),
    ("食品", 1),
    ("光电", 1),
    ("医疗器械", 1),
    ("模具", 1),
    ("环保科技", 1),
    ("化纤", 1),
    ("包装", 1),
    ("建材", 1),
    ("汽车零部件", 2),
    ("智能装备", 1),
    ("印染", 1),
)
SUFFIXES = (("有限公司", 6), ("科技有限公司", 2), ("股份有限公司", 1), ("制造有限公司", 1))
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

PARCEL_SCHEMA = {
    "geometry": "Polygon",
    "properties": {
        "地块编号": "str:12",
        "企业名称": "str:60",
        "信用代码": "str:18",
        "园区": "str:40",
        "地块类型": "str:10",
        "土地用途": "str:12",
        "用地面积": "float:12.2",
        "容积率": "float:6.2",
        "供地日期": "date",
        "约定动工": "date",
    },
}
PARK_SCHEMA = {
    "geometry": "Polygon",
    "properties": {"园区名称": "str:40", "简称": "str:20", "规划面积": "float:8.2"},
}
INDICATOR_HEADERS = (
    "统一社会信用代码",
    "企业名称",
    "企业规模",
    "用地面积(亩)",
    "税收(万元)",
    "应税销售(万元)",
    "工业增加值(万元)",
    "综合能耗(吨标煤)",
    "主要污染物排放量(吨)",
    "年平均职工人数",
    "研发经费支出(万元)",
    "主营业务收入(万元)",
    "用电量(万千瓦时)",
    "安全事故",
    "环境违法",
)


# ---------------------------------------------------------------- credit codes


def uscc_check(code17: str) -> str:
    """GB 32100 check character (kept here so the generator runs without the package)."""
    total = sum(CHARSET.index(c) * w for c, w in zip(code17, USCC_WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def org_check(body8: str) -> str:
    """GB 11714 organisation-code check character."""
    value = 11 - sum(int(c, 36) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(rng: np.random.Generator, region: str) -> str:
    if rng.random() < 0.4:  # pre-2015 organisation code, digits only
        body = str(rng.choice(["13", "14", "25", "60", "67", "70", "72", "73", "75", "79"]))
        body += "".join(str(d) for d in rng.integers(0, 10, 6))
    else:  # new-style body issued with the credit code
        body = "MA1" + "".join(rng.choice(list(CHARSET), 5))
    code17 = "91" + region + body + org_check(body)
    return code17 + uscc_check(code17)


# ---------------------------------------------------------------- geometry


def park_outline(centre_xy, area_m2: float, rng: np.random.Generator) -> Polygon:
    """An irregular star-shaped outline of the given area around ``centre_xy``."""
    theta = np.linspace(0, 2 * math.pi, 90, endpoint=False)
    radius = np.ones_like(theta)
    for k in (2, 3, 4, 5):
        radius += rng.uniform(0.02, 0.09) * np.cos(k * theta + rng.uniform(0, 2 * math.pi))
    for k in range(6, 14):  # small bends, as boundaries follow roads and canals
        radius += rng.uniform(0.003, 0.015) * np.cos(k * theta + rng.uniform(0, 2 * math.pi))
    stretch, turn = rng.uniform(1.0, 1.35), rng.uniform(0, math.pi)
    x, y = radius * np.cos(theta) * stretch, radius * np.sin(theta) / stretch
    x, y = x * math.cos(turn) - y * math.sin(turn), x * math.sin(turn) + y * math.cos(turn)
    shape = Polygon(zip(x, y, strict=True))
    scale = math.sqrt(area_m2 / shape.area)
    return shapely.affinity.translate(
        shapely.affinity.scale(shape, scale, scale, origin=(0, 0)), *centre_xy
    )


def street_blocks(park: Polygon, rng: np.random.Generator) -> list[Polygon]:
    """Blocks between jittered, slightly rotated streets, inset by half a road width."""
    cx, cy = park.centroid.x, park.centroid.y
    angle = rng.uniform(-20, 20)
    local = shapely.affinity.rotate(park, -angle, origin=(cx, cy))
    minx, miny, maxx, maxy = local.bounds
    us = np.concatenate([[minx - 300], minx - 300 + np.cumsum(rng.uniform(380, 620, 40))])
    vs = np.concatenate([[miny - 300], miny - 300 + np.cumsum(rng.uniform(380, 620, 40))])
    us, vs = us[us < maxx + 700], vs[vs < maxy + 700]
    jitter = rng.normal(0, 22, (len(us), len(vs), 2))
    inner = park.buffer(-25)
    blocks = []
    for i in range(len(us) - 1):
        for j in range(len(vs) - 1):
            corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
            quad = Polygon([(us[a] + jitter[a, b, 0], vs[b] + jitter[a, b, 1]) for a, b in corners])
            cell = shapely.affinity.rotate(quad, angle, origin=(cx, cy))
            road = rng.uniform(10, 18)
            block = cell.buffer(-road, join_style="mitre").intersection(inner)
            keep = rng.random() < BLOCK_KEEP
            for part in getattr(block, "geoms", [block]):
                if keep and isinstance(part, Polygon) and part.area > 8 * M2_PER_MU:
                    blocks.append(part)
    return blocks


def _rounded(geom, decimals: int):
    """Coordinates rounded with numpy, so that GEOS versions' last-bit differences vanish.

    (GEOS's own ``set_precision`` snaps differently from one version to the next.) Parks are
    rounded to the millimetre; parcels to the micrometre, which keeps the slivers between
    neighbours far below 0.001 m².
    """
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull (Andrew's monotone chain), counter-clockwise, from sorted unique points."""
    pts = np.unique(np.round(points, 6), axis=0)

    def half(seq):
        out: list = []
        for p in seq:
            while len(out) >= 2:
                (ax, ay), (bx, by) = out[-2], out[-1]
                if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) > 0:
                    break
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(pts[::-1])
    return np.asarray(lower[:-1] + upper[:-1])


def _long_axis(points: np.ndarray) -> np.ndarray:
    """Unit vector along the long side of the minimum-area bounding rectangle.

    Computed here with numpy, not with ``shapely.minimum_rotated_rectangle``, whose result
    (minimum width or minimum area, and the corner order) differs between GEOS versions; the
    sign is fixed (x > 0, or y > 0 on a vertical axis) so that reruns on any GEOS agree.
    """
    hull = _hull(points)
    best = None
    for edge in np.diff(np.vstack([hull, hull[:1]]), axis=0):
        length = math.hypot(*edge)
        if length < 1e-9:
            continue
        u = edge / length
        n = np.array([-u[1], u[0]])
        along, across = hull @ u, hull @ n
        du, dn = np.ptp(along), np.ptp(across)
        area = du * dn
        if best is None or area < best[0] - 1e-6:
            best = (area, u if du >= dn else n)
    axis = best[1]
    if axis[0] < -1e-12 or (abs(axis[0]) <= 1e-12 and axis[1] < 0):
        axis = -axis
    return axis


def _split(poly: Polygon, rng: np.random.Generator) -> list[Polygon]:
    """Cut across the polygon's long axis at 35–65 %, sometimes on a slant."""
    d = _long_axis(np.asarray(poly.exterior.coords)[:-1])
    if rng.random() < 0.3:
        tilt = math.radians(rng.uniform(-12, 12))
        d = np.array(
            [
                d[0] * math.cos(tilt) - d[1] * math.sin(tilt),
                d[0] * math.sin(tilt) + d[1] * math.cos(tilt),
            ]
        )
    coords = np.asarray(poly.exterior.coords)
    proj = coords @ d
    cut = proj.min() + rng.uniform(0.35, 0.65) * (proj.max() - proj.min())
    n = np.array([-d[1], d[0]])
    big = 1e4
    centre = coords.mean(axis=0)
    origin = centre + d * (cut - centre @ d)  # on the cut line, next to the polygon
    half = Polygon(
        [origin + n * big, origin + n * big + d * big, origin - n * big + d * big, origin - n * big]
    )
    pieces = []
    for geom in (poly.intersection(half), poly.difference(half)):
        pieces += [
            g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and not g.is_empty
        ]
    return pieces


def subdivide(block: Polygon, rng: np.random.Generator) -> list[Polygon]:
    """Parcels of about a lognormal target size (2–200 mu) covering the block."""
    target = float(np.clip(rng.lognormal(math.log(32), 0.75), 6, 150)) * M2_PER_MU
    todo, done = [block], []
    while todo:
        poly = todo.pop()
        if poly.area > target * 1.3:
            pieces = _split(poly, rng)
            if len(pieces) < 2:
                raise RuntimeError("a cut failed to split a block")
            todo += pieces
        elif poly.area >= 2.3 * M2_PER_MU:  # smaller scraps become green space
            done.append(poly)
    return done


# ---------------------------------------------------------------- attributes


def _weighted(rng: np.random.Generator, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    p = np.asarray(weights, dtype=float)
    return values[rng.choice(len(values), p=p / p.sum())]


def enterprise_name(rng: np.random.Generator, taken: set[str]) -> str:
    while True:
        brand = str(rng.choice(BRANDS))
        industry, suffix = _weighted(rng, INDUSTRIES), _weighted(rng, SUFFIXES)
        r = rng.random()
        if r < 0.70:
            name = f"南通{brand}{industry}{suffix}"
        elif r < 0.85:
            name = f"江苏{brand}{industry}{suffix}"
        elif r < 0.95:
            name = f"南通市{brand}{industry}{suffix}"
        else:
            name = f"{brand}{industry}（南通）有限公司"
        if name not in taken:
            taken.add(name)
            return name


def _date(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def parcel_attributes(rng, category: str, area_mu: float, land_use: str) -> dict:
    if rng.random() < 0.03:  # a few declared areas more than 1 % off the drawing
        declared = area_mu * (1 + rng.choice([-1, 1]) * rng.uniform(0.015, 0.08))
    else:
        declared = area_mu * (1 + float(np.clip(rng.normal(0, 0.002), -0.008, 0.008)))
    supply = start = ratio = None
    if category in ("正常", "低效"):
        supply = _date(rng, dt.date(2003, 1, 1), dt.date(2022, 12, 31))
        ratio = rng.uniform(1.0, 2.6) if category == "正常" else rng.uniform(0.25, 0.95)
    elif category == "闲置":
        supply = _date(rng, dt.date(2016, 1, 1), dt.date(2023, 6, 30))
        ratio = 0.0 if rng.random() < 0.7 else rng.uniform(0.05, 0.3)
    if supply is not None:
        start = supply + dt.timedelta(days=int(rng.integers(90, 366)))
        if category == "闲置":  # at least a year past the agreed start by mid-2025
            start = min(start, dt.date(2024, 6, 30))
    return {
        "土地用途": land_use,
        "用地面积": round(declared, 2),
        "容积率": None if ratio is None else round(ratio, 2),
        "供地日期": supply,
        "约定动工": start,
    }


def build(rng: np.random.Generator):
    """Parks and parcels as (geometry, properties) lists, plus the enterprises."""
    to_gk = pyproj.Transformer.from_crs(4490, 4549, always_xy=True)
    parks, outlines = [], []
    for name, short, (lon, lat), km2, _prefix in PARKS:
        outline = park_outline(to_gk.transform(lon, lat), km2 * 1e6, rng)
        for other in outlines:  # parks never overlap: keep 200 m apart
            outline = outline.difference(other.buffer(200))
        if not isinstance(outline, Polygon):
            outline = max(outline.geoms, key=lambda g: g.area)
        outline = _rounded(outline, 3)
        outlines.append(outline)
        parks.append(
            (outline, {"园区名称": name, "简称": short, "规划面积": round(outline.area / 1e6, 2)})
        )

    parcels, enterprises, taken = [], {}, set()
    for (name, short, _c, _a, prefix), outline in zip(PARKS, outlines, strict=True):
        region = "320611" if prefix == "GZ" else "320602"  # old 港闸区 code, 崇川区
        previous = None
        number = 0
        for block in street_blocks(outline, rng):
            for geom in subdivide(block, rng):
                if not isinstance(geom, Polygon) or geom.area < 2.05 * M2_PER_MU:
                    continue
                number += 1
                category = _weighted(rng, CATEGORIES)
                use = _weighted(
                    rng,
                    (
                        ("工业用地", 80),
                        ("仓储用地", 8),
                        ("科研用地", 15 if prefix == "SB" else 3),
                        ("商服用地", 4),
                    ),
                )
                if category in ("征而未供", "批而未供"):
                    use, owner = "工业用地", None
                elif previous is not None and rng.random() < 0.22:
                    owner = previous  # neighbours often share an owner
                else:
                    owner = make_uscc(rng, region)
                    while owner in enterprises:
                        owner = make_uscc(rng, region)
                    enterprises[owner] = enterprise_name(rng, taken)
                previous = owner or previous
                r = rng.random()
                park_value = name if r < 0.92 else (short if r < 0.97 else None)
                props = {
                    "地块编号": f"{prefix}-{number:04d}",
                    "企业名称": enterprises.get(owner) if owner else None,
                    "信用代码": owner,
                    "园区": park_value,
                    "地块类型": category,
                }
                props.update(parcel_attributes(rng, category, geom.area / M2_PER_MU, use))
                parcels.append((_rounded(geom, 6), props))
    return parks, parcels, enterprises


def indicator_rows(parcels, enterprises, rng: np.random.Generator) -> tuple[list, list]:
    """Rows of the 2025 and 2024 indicator tables (money in 万元)."""
    land, worst = {}, {}
    rank = {"正常": 0, "低效": 1, "闲置": 2}
    for _geom, p in parcels:
        code = p["信用代码"]
        if code:
            land[code] = land.get(code, 0.0) + p["用地面积"]
            worst[code] = max(worst.get(code, 0), rank[p["地块类型"]])
    rows25, rows24 = [], []
    for code, name in enterprises.items():
        quality = (1.0, 0.35, 0.08)[worst[code]] * rng.lognormal(0, 0.55)
        sales = land[code] * 150 * quality
        values = {
            "税收(万元)": sales * rng.uniform(0.03, 0.08),
            "应税销售(万元)": sales,
            "工业增加值(万元)": sales * rng.uniform(0.18, 0.32),
            "综合能耗(吨标煤)": sales * rng.uniform(0.02, 0.15),
            "年平均职工人数": max(3, round(sales / rng.uniform(80, 250))),
            "主营业务收入(万元)": sales * rng.uniform(0.9, 1.05),
        }
        values["主要污染物排放量(吨)"] = values["综合能耗(吨标煤)"] * rng.uniform(0.0005, 0.004)
        values["研发经费支出(万元)"] = values["主营业务收入(万元)"] * rng.uniform(0.0, 0.05)
        values["用电量(万千瓦时)"] = values["综合能耗(吨标煤)"] * rng.uniform(0.4, 0.9) / 1.229
        growth = rng.normal(1.05, 0.1)
        for rows, factor in ((rows25, 1.0), (rows24, 1.0 / growth)):
            row = {"统一社会信用代码": code, "企业名称": name, "用地面积(亩)": round(land[code], 2)}
            for key, value in values.items():
                scaled = value * factor
                row[key] = (
                    int(round(scaled))
                    if key == "年平均职工人数"
                    else round(scaled, 3 if "排放" in key else 2)
                )
                if key not in ("应税销售(万元)", "税收(万元)") and rng.random() < 0.015:
                    row[key] = None  # a department did not report this figure
            # 规模以上: main business revenue of at least 2000 万元 (the statistics rule).
            row["企业规模"] = "规上" if values["主营业务收入(万元)"] * factor >= 2000 else "规下"
            row["安全事故"] = "是" if rng.random() < 0.012 else "否"
            row["环境违法"] = "是" if rng.random() < 0.012 else "否"
            rows.append([row[h] for h in INDICATOR_HEADERS])
    return rows25, rows24


# ---------------------------------------------------------------- writing


def write_shapefile(path: Path, schema: dict, features: list) -> None:
    import fiona

    with fiona.open(
        path, "w", driver="ESRI Shapefile", schema=schema, crs="EPSG:4549", encoding="GBK"
    ) as dst:
        for geom, props in features:
            dst.write({"geometry": mapping(geom), "properties": props})
    path.with_suffix(".prj").write_text(PRJ_WKT, encoding="ascii")
    path.with_suffix(".cpg").write_text("GBK", encoding="ascii")
    with open(path.with_suffix(".dbf"), "r+b") as dbf:
        dbf.seek(1)  # last-update date: fixed, so reruns are byte-identical
        dbf.write(bytes([FIXED_DATE.year - 1900, FIXED_DATE.month, FIXED_DATE.day]))
        dbf.seek(29)  # language driver 0x4D = code page 936 (GBK), agreeing with the .cpg
        dbf.write(b"\x4d")


def write_workbook(path: Path, title: str, rows: list) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(INDICATOR_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in rows:
        ws.append(row)
    widths = (22, 34, 9, 12, 11, 13, 14, 14, 16, 12, 15, 15, 14, 9, 9)
    for letter, width in zip("ABCDEFGHIJKLMNO", widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C2"
    wb.properties.creator = "landplanner sample generator"
    buffer = io.BytesIO()
    wb.save(buffer)
    _fix_zip_dates(buffer.getvalue(), path)


def _fix_zip_dates(data: bytes, path: Path) -> None:
    """Rewrite the .xlsx with fixed entry times and document dates (byte-identical reruns)."""
    import re

    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", text)
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, content)


def generate(out: Path = OUT, seed: int = SEED) -> dict[str, Path]:
    """Write the sample files into ``out``; return their paths by name."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    parks, parcels, enterprises = build(rng)
    paths = {
        "parks": out / "parks.shp",
        "parcels": out / "parcels.shp",
        "indicators_2025": out / "indicators_2025.xlsx",
        "indicators_2024": out / "indicators_2024.xlsx",
    }
    write_shapefile(paths["parks"], PARK_SCHEMA, parks)
    write_shapefile(paths["parcels"], PARCEL_SCHEMA, parcels)
    rows25, rows24 = indicator_rows(parcels, enterprises, rng)
    write_workbook(paths["indicators_2025"], "2025年亩均效益", rows25)
    write_workbook(paths["indicators_2024"], "2024年亩均效益", rows24)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for key, file in generate(target).items():
        print(f"{key}: {file}")
