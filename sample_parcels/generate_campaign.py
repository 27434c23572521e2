"""Generate the campaign sample tables (fictional, seeded): ``python sample_parcels/generate_campaign.py [OUTDIR]``.

Separate from ``generate.py`` (whose parcels and indicators it does not change); it reads the
sample parcels to link some assets to parcel ids and to place others by coordinates:

* ``assets_state.xlsx`` — 国有资产 of government units and state companies: 资产编号, 资产名称,
  权属单位, 街道, 坐落, 楼栋, 楼层, 房号, 建筑面积(平方米), 可出租面积(平方米), 用途, 年初状态,
  使用状态 (出租/闲置/自用/出售/待处置), 盘活日期, 承租人, 租金(元/平方米/月), 租期起, 租期止,
  关联地块编号, X, Y (EPSG:4549);
* ``assets_collective.xlsx`` — 农村集体资产资源: 资产编号, 资产名称, 街道, 村/社区, 资产类型
  (厂房/商铺/土地/鱼塘/其他), 面积(平方米), 年初状态, 状态 (出租/发包/闲置), 盘活日期, 承租(承包)方,
  合同到期日, 关联地块编号;
* ``incoming_projects.xlsx`` — 地等项目: 项目名称, 所属行业, 用地需求下限(亩), 用地需求上限(亩),
  投资强度(万元/亩), 预期亩均税收(万元/亩), 意向园区, 容积率要求.

The figures are set near the district's targets (去化率 ≥ 10 %, 出租率 ≥ 87 %, 盘活率 ≥ 85 %,
出租（发包）率 ≥ 90 %), some above and some below. Rows carry fixed dates relative to 2026.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 20261127
YEAR = 2026

STREETS = ("和平桥街道", "任港街道", "新城桥街道", "虹桥街道", "学田街道", "钟秀街道", "文峰街道",
           "观音山街道", "狼山镇街道", "幸福街道", "陈桥街道", "秦灶街道", "唐闸镇街道", "天生港镇街道")
OWNERS = ("区机关事务管理中心", "区城建集团", "区国有资产投资控股公司", "区文旅集团", "区教育体育局",
          "区卫生健康委员会", "区交通产业集团", "区科创投资集团")
TENANTS = ("南通明远贸易有限公司", "江苏和润餐饮管理有限公司", "南通启航教育咨询有限公司",
           "南通海川物流有限公司", "南通瑞丰电子科技有限公司", "南通嘉禾物业服务有限公司",
           "江苏通宇建设工程有限公司", "南通优品便利店", "南通新锐文化传媒有限公司", "个体户 王某")
USES = ("办公", "商业", "仓储", "厂房", "门面")
VILLAGES = ("五星村", "新桥村", "永兴社区", "东港村", "天生港村", "长桥村", "秦灶村", "陈桥社区",
            "幸福村", "芦泾港社区", "城港村", "钟秀村")
C_TYPES = ("厂房", "商铺", "土地", "鱼塘", "其他")
INDUSTRIES = ("智能制造", "高端装备", "新材料", "电子信息", "生物医药", "新能源", "汽车零部件",
              "节能环保")
PARKS = ("港闸经济开发区", "崇川经济开发区", "市北高新技术产业开发区", "港闸开发区", "市北高新区", "")


def _date(d: dt.date | None) -> dt.date | None:
    return d


def _parcels():
    import geopandas as gpd

    gdf = gpd.read_file(HERE / "parcels.shp", encoding="gbk")
    return gdf


def state_assets(rng: np.random.Generator, parcels) -> pd.DataFrame:
    """About 160 state-owned assets; 去化率 and 出租率 near their targets."""
    n = 160
    rows = []
    ids = parcels["地块编号"].to_numpy()
    cents = parcels.geometry.representative_point()
    for i in range(n):
        area = float(np.round(rng.uniform(60, 3000), 1))
        rentable = float(np.round(area * rng.uniform(0.85, 1.0), 1))
        start = rng.choice(["出租", "闲置", "自用", "出售", "待处置"], p=[0.70, 0.16, 0.10, 0.01, 0.03])
        now = start
        revit = None
        if start == "闲置":
            r = rng.random()
            if r < 0.14:
                now = "出租"
                revit = dt.date(YEAR, 1, 10) + dt.timedelta(days=int(rng.integers(0, 250)))
            elif r < 0.18:
                now = "出售"
                revit = dt.date(YEAR, 2, 1) + dt.timedelta(days=int(rng.integers(0, 200)))
        elif start == "出租" and rng.random() < 0.06:
            now = "闲置"  # a tenant left
        tenant = lease_start = lease_end = rent = None
        if now == "出租":
            tenant = str(rng.choice(TENANTS))
            lease_start = (revit or dt.date(YEAR - int(rng.integers(1, 4)), int(rng.integers(1, 13)), 1))
            lease_end = dt.date(YEAR, 10, 1) + dt.timedelta(days=int(rng.integers(-20, 900)))
            rent = float(np.round(rng.uniform(12, 85), 1))
        link = x = y = None
        r = rng.random()
        if r < 0.35:
            j = int(rng.integers(0, len(ids)))
            link = str(ids[j])
        elif r < 0.75:
            j = int(rng.integers(0, len(ids)))
            x = round(float(cents.x.iat[j]) + float(rng.uniform(-20, 20)), 1)
            y = round(float(cents.y.iat[j]) + float(rng.uniform(-20, 20)), 1)
        street = str(rng.choice(STREETS))
        rows.append({
            "资产编号": f"GY-{i + 1:04d}",
            "资产名称": f"{street[:-2]}{rng.choice(['综合楼', '办公楼', '商业用房', '门面房', '仓库', '厂房'])}"
                    f"{int(rng.integers(1, 30))}号",
            "权属单位": str(rng.choice(OWNERS)),
            "街道": street,
            "坐落": f"崇川区{street[:-2]}路{int(rng.integers(1, 300))}号",
            "楼栋": f"{int(rng.integers(1, 8))}幢",
            "楼层": f"{int(rng.integers(1, 12))}层",
            "房号": f"{int(rng.integers(101, 1210))}",
            "建筑面积(平方米)": area,
            "可出租面积(平方米)": rentable,
            "用途": str(rng.choice(USES)),
            "年初状态": start,
            "使用状态": now,
            "盘活日期": revit,
            "承租人": tenant,
            "租金(元/平方米/月)": rent,
            "租期起": lease_start,
            "租期止": lease_end,
            "关联地块编号": link,
            "X": x,
            "Y": y,
        })
    return pd.DataFrame(rows)


def collective_assets(rng: np.random.Generator, parcels) -> pd.DataFrame:
    """About 120 collective assets and resources; 盘活率 and 出租（发包）率 near target."""
    n = 120
    rows = []
    ids = parcels["地块编号"].to_numpy()
    for i in range(n):
        kind = str(rng.choice(C_TYPES, p=[0.35, 0.25, 0.2, 0.12, 0.08]))
        area = float(np.round(rng.uniform(200, 8000) if kind != "鱼塘" else rng.uniform(3000, 30000), 1))
        start = str(rng.choice(["出租", "发包", "闲置"], p=[0.62, 0.26, 0.12]))
        now, revit = start, None
        if start == "闲置" and rng.random() < 0.85:
            now = "发包" if kind in ("土地", "鱼塘") else "出租"
            revit = dt.date(YEAR, 1, 15) + dt.timedelta(days=int(rng.integers(0, 240)))
        end = None
        tenant = None
        if now in ("出租", "发包"):
            tenant = str(rng.choice(TENANTS))
            end = dt.date(YEAR, 10, 1) + dt.timedelta(days=int(rng.integers(-10, 1500)))
        village = str(rng.choice(VILLAGES))
        rows.append({
            "资产编号": f"JT-{i + 1:04d}",
            "资产名称": f"{village}{kind}{int(rng.integers(1, 20))}号",
            "街道": str(rng.choice(STREETS)),
            "村/社区": village,
            "资产类型": kind,
            "面积(平方米)": area,
            "年初状态": start,
            "状态": now,
            "盘活日期": revit,
            "承租(承包)方": tenant,
            "合同到期日": end,
            "关联地块编号": str(ids[int(rng.integers(0, len(ids)))]) if rng.random() < 0.3 else None,
        })
    return pd.DataFrame(rows)


def incoming_projects(rng: np.random.Generator) -> pd.DataFrame:
    """Twelve incoming projects: five smart-manufacturing projects needing 10–20 mu in 港闸."""
    rows = []
    for i in range(12):
        smart = i < 5
        industry = "智能制造" if smart else str(rng.choice(INDUSTRIES))
        low = float(rng.choice([10, 12, 15])) if smart else float(rng.choice([5, 8, 20, 30, 50]))
        high = low + (float(rng.choice([5, 8])) if smart else float(rng.choice([5, 10, 20])))
        rows.append({
            "项目名称": f"{industry}项目{i + 1}",
            "所属行业": industry,
            "用地需求下限(亩)": low,
            "用地需求上限(亩)": min(high, 20.0) if smart else high,
            "投资强度(万元/亩)": float(np.round(rng.uniform(300, 800), 0)),
            "预期亩均税收(万元/亩)": float(np.round(rng.uniform(15, 60), 1)),
            "意向园区": "港闸经济开发区" if smart else str(rng.choice(PARKS)),
            "容积率要求": float(rng.choice([1.2, 1.5, 2.0])),
        })
    return pd.DataFrame(rows)


def _write(df: pd.DataFrame, path: Path, title: str) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, startrow=1)
        sheet = writer.sheets["Sheet1"]
        sheet["A1"] = title
    # fixed timestamps: reruns give the same content
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.properties.created = dt.datetime(2026, 1, 1)
    book.properties.modified = dt.datetime(2026, 1, 1)
    for row in book.active.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Rewrite the .xlsx (a zip) with fixed entry and document times (openpyxl stamps the
    save time), so reruns are byte-identical."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def generate(out: Path = HERE) -> list[Path]:
    """Write the three tables to ``out``; returns their paths."""
    rng = np.random.default_rng(SEED)
    parcels = _parcels()
    out = Path(out)
    files = [
        (state_assets(rng, parcels), out / "assets_state.xlsx", f"{YEAR}年崇川区国有资产清单（示例）"),
        (collective_assets(rng, parcels), out / "assets_collective.xlsx",
         f"{YEAR}年崇川区农村集体资产资源清单（示例）"),
        (incoming_projects(rng), out / "incoming_projects.xlsx", "地等项目：拟引进项目清单（示例）"),
    ]
    for df, path, title in files:
        _write(df, path, title)
    return [p for _, p, _ in files]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for p in generate(target):
        print(p)
