"""Speed of loading a large parcel file: ``landplanner check`` against a bare read.

Generates (seeded, cached in the temp folder) 100,000 parcels in a shapefile with a GBK
DBF of 20 fields in CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549), by default
without a .cpg and with the DBF language byte 0x4D, as Chinese files usually come. Then
runs each of these in its own process and prints its wall time and peak memory (RSS):

* ``pyogrio``        bare ``pyogrio.read_dataframe(path, encoding="GBK")``
* ``pyogrio-arrow``  the same with ``use_arrow=True``
* ``check``          ``python -m landplanner check FILE --json`` (the whole process)
* ``fiona``          bare ``geopandas.read_file(path, engine="fiona", encoding="GBK")``

Two files are measured: a clean one, and one where most credit codes are invalid (``--invalid``,
default 80 %: tens of thousands of problems). The goal (issue 9, §5), for both: ``check`` at
most 0.8 × the bare ``pyogrio`` read, at most 1 GB. Each child's peak memory is its own
(VmHWM, recorded inside the child).

Usage::

    python bench/bench_load.py [--parcels 100000] [--repeat 1] [--cpg] [--skip fiona]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SEED = 20240611
GOAL_RSS_MB = 1024.0
GOAL_RATIO = 0.8

_SURNAMES = list(
    "张王李赵陈刘杨黄周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓萧冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱施牛洪龚"
)
_WORDS = [
    "通达",
    "江海",
    "华新",
    "恒力",
    "瑞丰",
    "宏图",
    "金港",
    "中天",
    "博远",
    "新源",
    "东方",
    "长江",
    "海星",
    "天成",
    "鼎盛",
    "富华",
    "永兴",
    "立信",
    "国泰",
    "星辰",
]
_TRADES = [
    "机械制造",
    "纺织",
    "电子科技",
    "新材料",
    "船舶配件",
    "精密仪器",
    "生物医药",
    "化纤",
    "服装",
    "物流",
    "食品",
    "包装印刷",
    "汽车零部件",
    "智能装备",
]
_PARKS = ["崇川经济开发区", "港闸经济开发区", "市北高新技术产业开发区"]
_CATEGORIES = ["闲置", "低效", "征而未供", "批而未供", "正常"]
_USES = ["工业用地", "仓储用地", "商服用地", "科研用地"]
_ROADS = ["通富路", "江海大道", "永兴路", "城港路", "钟秀路", "青年路", "崇川路", "深南路"]
# Ordinary parcels dominate, as in real inventories.
_CATEGORY_WEIGHTS = [0.12, 0.18, 0.06, 0.04, 0.60]


def _uscc(rng: np.random.Generator, n: int, invalid: float = 0.0) -> list[str]:
    """统一社会信用代码 (GB 32100-2015 check character); a share ``invalid`` of them with a
    wrong check character or a wrong length, as in a badly kept inventory."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = rng.integers(0, 31, size=(n, 17))
    body[:, 0] = 9  # 工商
    body[:, 1] = 1  # 企业
    codes = []
    for row in body:
        check = (31 - int(np.dot(row, weights)) % 31) % 31
        codes.append("".join(alphabet[i] for i in row) + alphabet[check])
    if invalid:
        bad = np.flatnonzero(rng.random(n) < invalid)
        for k, i in enumerate(bad):
            code = codes[i]
            if k % 4 == 3:
                codes[i] = code[:17]  # one character short
            else:  # another check character
                codes[i] = code[:17] + alphabet[(alphabet.index(code[17]) + 1) % 31]
    return codes


def generate(path: Path, n: int, with_cpg: bool, invalid: float = 0.0) -> None:
    """Write ``n`` seeded parcels with 20 GBK fields to the shapefile ``path``."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely

    rng = np.random.default_rng(SEED)
    mu = rng.uniform(2.0, 200.0, n)
    m2 = mu * 10000.0 / 15.0
    aspect = rng.uniform(0.5, 2.0, n)
    width = np.sqrt(m2 * aspect)
    height = m2 / width
    # A grid of cells 1 km apart around the three parks (x ≈ 575 km, y ≈ 3546 km in EPSG:4549).
    side = int(np.ceil(np.sqrt(n)))
    col, row = np.arange(n) % side, np.arange(n) // side
    x0 = 560000.0 + col * 1200.0 + rng.uniform(0, 100, n)
    y0 = 3530000.0 + row * 1200.0 + rng.uniform(0, 100, n)
    # Eight vertices per ring: a rectangle with a notch-free bevel, like a surveyed parcel.
    bevel = np.minimum(width, height) * 0.05
    xs = np.stack(
        [
            x0 + bevel,
            x0 + width - bevel,
            x0 + width,
            x0 + width,
            x0 + width - bevel,
            x0 + bevel,
            x0,
            x0,
            x0 + bevel,
        ],
        axis=1,
    )
    ys = np.stack(
        [
            y0,
            y0,
            y0 + bevel,
            y0 + height - bevel,
            y0 + height,
            y0 + height,
            y0 + height - bevel,
            y0 + bevel,
            y0,
        ],
        axis=1,
    )
    geometry = shapely.polygons(np.stack([xs, ys], axis=2))

    def pick(options: list[str], p: list[float] | None = None) -> np.ndarray:
        return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=p)]

    names = (pick(_SURNAMES) + pick(_WORDS) + pick(_TRADES) + "有限公司").astype(str)
    supply = pd.Timestamp("2005-01-01") + pd.to_timedelta(rng.integers(0, 6500, n), unit="D")
    start = supply + pd.to_timedelta(rng.integers(180, 720, n), unit="D")
    frame = {
        "地块编号": [f"DK{i:06d}" for i in range(1, n + 1)],
        "企业名称": names,
        "信用代码": _uscc(rng, n, invalid),
        "园区": pick(_PARKS),
        "类别": pick(_CATEGORIES, _CATEGORY_WEIGHTS),
        "土地用途": pick(_USES),
        "用地面积": np.round(mu * rng.normal(1.0, 0.004, n), 2),
        "容积率": np.round(rng.uniform(0.3, 2.5, n), 2),
        "供地日期": supply.normalize(),
        "动工日期": start.normalize(),
        "税收万元": np.round(rng.gamma(2.0, 40.0, n), 2),
        "坐落": (
            "南通市崇川区"
            + pick(_ROADS)
            + pd.Series(rng.integers(1, 999, n)).astype(str).to_numpy()
            + "号"
        ).astype(str),
        "权利人": pick(_SURNAMES) + pick(_SURNAMES),
        "ZDH": [f"320602{i:09d}" for i in rng.integers(0, 10**9, n)],
        "BZ": pick(["", "厂房空置", "部分停产", "已列入盘活计划", "拟收回"]),
        "XMMC": (pick(_WORDS) + pick(_TRADES) + "项目").astype(str),
        "JZMJ": np.round(m2 * rng.uniform(0.3, 2.0, n), 1),
        "LXR": pick(_SURNAMES) + pick(["先生", "女士", "经理"]),
        "DH": [f"0513-8{i:07d}" for i in rng.integers(0, 10**7, n)],
        "NF": rng.integers(2005, 2025, n).astype("int32"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # The driver writes .shp/.shx/.prj; the DBF is then written as Chinese DBFs are.
    shapes = gpd.GeoDataFrame({"id": np.arange(n)}, geometry=geometry, crs="EPSG:4549")
    pyogrio.write_dataframe(shapes, path, driver="ESRI Shapefile")
    _write_dbf(path.with_suffix(".dbf"), frame)
    path.with_suffix(".cpg").unlink(missing_ok=True)
    if with_cpg:
        path.with_suffix(".cpg").write_text("GBK", encoding="ascii")


# name -> (DBF type, width, decimals) of the benchmark fields.
_DBF_FIELDS = {
    "地块编号": ("C", 12, 0),
    "企业名称": ("C", 60, 0),
    "信用代码": ("C", 18, 0),
    "园区": ("C", 40, 0),
    "类别": ("C", 10, 0),
    "土地用途": ("C", 20, 0),
    "用地面积": ("N", 12, 2),
    "容积率": ("N", 6, 2),
    "供地日期": ("D", 8, 0),
    "动工日期": ("D", 8, 0),
    "税收万元": ("N", 12, 2),
    "坐落": ("C", 80, 0),
    "权利人": ("C", 10, 0),
    "ZDH": ("C", 15, 0),
    "BZ": ("C", 30, 0),
    "XMMC": ("C", 60, 0),
    "JZMJ": ("N", 12, 1),
    "LXR": ("C", 12, 0),
    "DH": ("C", 15, 0),
    "NF": ("N", 4, 0),
}


def _write_dbf(dbf: Path, columns: dict) -> None:
    """Write a dBASE III table in GBK with language byte 0x4D (code page 936).

    Written here rather than by the driver so the file has what Chinese DBFs have: real
    date (``D``) fields, fixed widths, and the language byte.
    """
    import datetime as dt

    n = len(next(iter(columns.values())))
    cells = []
    for name, values in columns.items():
        kind, width, decimals = _DBF_FIELDS[name]
        if kind == "C":
            encoded = [str(v).encode("gbk")[:width].ljust(width) for v in values]
        elif kind == "D":
            encoded = [v.strftime("%Y%m%d").encode("ascii") for v in values]
        else:
            encoded = [f"{v:{width}.{decimals}f}".encode("ascii") for v in values]
        cells.append(np.array(encoded, dtype=f"S{width}"))
    record_length = 1 + sum(_DBF_FIELDS[name][1] for name in columns)
    header_length = 32 + 32 * len(columns) + 1
    today = dt.date.today()
    header = bytearray(32)
    header[0] = 0x03
    header[1:4] = bytes([today.year - 1900, today.month, today.day])
    header[4:8] = n.to_bytes(4, "little")
    header[8:10] = header_length.to_bytes(2, "little")
    header[10:12] = record_length.to_bytes(2, "little")
    header[29] = 0x4D
    for name in columns:
        kind, width, decimals = _DBF_FIELDS[name]
        descriptor = bytearray(32)
        descriptor[0:11] = name.encode("gbk").ljust(11, b"\x00")
        descriptor[11] = ord(kind)
        descriptor[16] = width
        descriptor[17] = decimals
        header += descriptor
    header += b"\x0d"
    records = np.empty(
        n, dtype=[("flag", "S1")] + [(f"f{i}", c.dtype) for i, c in enumerate(cells)]
    )
    records["flag"] = b" "
    for i, c in enumerate(cells):
        records[f"f{i}"] = c
    with open(dbf, "wb") as handle:
        handle.write(bytes(header))
        handle.write(records.tobytes())
        handle.write(b"\x1a")


def dataset(n: int, with_cpg: bool, invalid: float = 0.0) -> Path:
    """The cached benchmark shapefile (generated on first use)."""
    folder = (
        Path(tempfile.gettempdir())
        / "landplanner-bench"
        / f"parcels-{n}-{SEED}-{'cpg' if with_cpg else 'ldid'}"
        f"{f'-invalid{invalid:g}' if invalid else ''}"
    )
    path = folder / "地块.shp"
    if not path.with_suffix(".dbf").exists():
        started = time.perf_counter()
        generate(path, n, with_cpg, invalid)
        print(f"generated {path} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


# Run in each child: the measured command, then its own peak memory written to a file.
# Not ru_maxrss from wait4/getrusage: on Linux that includes the memory of the process the
# child was started from (the peak survives fork and exec), so every row showed the bench's
# own peak. VmHWM in /proc/self/status is the peak of the child's own address space.
_CHILD = r"""
import atexit, resource, runpy, sys
out = sys.argv[1]
def _peak():
    kb = None
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                kb = int(line.split()[1])
    except OSError:
        pass
    if kb is None:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kb = kb / 1024 if sys.platform == "darwin" else kb
    with open(out, "w") as f:
        f.write(str(kb))
atexit.register(_peak)
mode, target = sys.argv[2], sys.argv[3]
sys.argv = [target] + sys.argv[4:]
if mode == "-m":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
"""


def measure(command: list[str], stdout_path: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit status of ``command`` in its own process.

    ``command`` is ``[python, "-c", CODE]`` or ``[python, "-m", MODULE, args…]``; it runs
    under a small wrapper that records the child's own peak memory (VmHWM) at its exit; where
    the OS reports a child's own resource use (``os.wait4``), a child that ends without its
    exit handlers (``os._exit``) is measured by that instead.
    """
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r", suffix=".peak", delete=False) as peak_file:
        peak_path = Path(peak_file.name)
    wrapped = [command[0], "-c", _CHILD, str(peak_path), *command[1:]]
    max_rss_kb = None
    with tempfile.TemporaryFile() as err:
        try:
            started = time.perf_counter()
            process = subprocess.Popen(wrapped, cwd=REPO, stdout=out, stderr=err)
            if hasattr(os, "wait4"):  # the child's own rusage, even when it skips atexit
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = code = os.waitstatus_to_exitcode(status)
                max_rss_kb = usage.ru_maxrss
            else:
                code = process.wait()
            seconds = time.perf_counter() - started
        finally:
            if stdout_path:
                out.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if code not in (0, 2):
        print(stderr[-2000:], file=sys.stderr)
    try:  # VmHWM written at the child's exit; a child that ends by os._exit writes none
        peak_mb = float(peak_path.read_text() or "nan") / 1024.0
    except (OSError, ValueError):
        peak_mb = float("nan")
    if peak_mb != peak_mb and max_rss_kb is not None:
        peak_mb = max_rss_kb / 1024.0
    peak_path.unlink(missing_ok=True)
    return seconds, peak_mb, code


def commands(path: Path) -> dict[str, list[str]]:
    py = sys.executable
    p = json.dumps(str(path))
    return {
        "pyogrio": [
            py,
            "-c",
            f"import pyogrio; df = pyogrio.read_dataframe({p}, encoding='GBK'); print(len(df))",
        ],
        "pyogrio-arrow": [
            py,
            "-c",
            f"import pyogrio; df = pyogrio.read_dataframe({p}, encoding='GBK', use_arrow=True); print(len(df))",
        ],
        "check": [py, "-m", "landplanner", "check", str(path), "--json"],
        "fiona": [
            py,
            "-c",
            f"import geopandas as g; df = g.read_file({p}, engine='fiona', encoding='GBK'); print(len(df))",
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=100_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per measurement; the best is shown"
    )
    parser.add_argument(
        "--cpg", action="store_true", help="write a .cpg (default: language byte only)"
    )
    parser.add_argument(
        "--skip", action="append", default=[], help="skip a measurement (e.g. fiona)"
    )
    parser.add_argument(
        "--invalid", type=float, default=0.8,
        help="share of invalid credit codes in the second file (0 to skip it)",
    )
    args = parser.parse_args(argv)

    files = {"clean": dataset(args.parcels, args.cpg)}
    if args.invalid:
        files[f"invalid {args.invalid:.0%}"] = dataset(args.parcels, args.cpg, args.invalid)
    passed = True
    for label, path in files.items():
        print(f"\n== {label}: {path}")
        passed &= _bench_file(path, args)
    return 0 if passed else 1


def _bench_file(path: Path, args: argparse.Namespace) -> bool:
    results: dict[str, tuple[float, float, int]] = {}
    out = path.parent / "check.json"
    print(f"{'measurement':<15} {'wall s':>8} {'peak MB':>9}  status")
    for name, command in commands(path).items():
        if name in args.skip:
            continue
        runs = [measure(command, out if name == "check" else None) for _ in range(args.repeat)]
        results[name] = min(runs)
        seconds, rss, code = results[name]
        print(f"{name:<15} {seconds:8.2f} {rss:9.0f}  {code}", flush=True)
    if "check" not in results:
        return True
    report = json.loads(out.read_text(encoding="utf-8"))
    rows = sum(p.get("count", 1) for p in report["problems"])
    print(
        f"check: ok={report['ok']} features={report['features']} "
        f"encoding={report['encoding']} area_mu_total={report['area_mu_total']} "
        f"problem records={len(report['problems'])} rows concerned={rows}"
    )
    if "pyogrio" not in results:
        return True
    seconds, rss, _ = results["check"]
    bare = results["pyogrio"][0]
    ok = seconds <= GOAL_RATIO * bare and rss <= GOAL_RSS_MB
    print(
        f"goal (check <= {GOAL_RATIO:g} x bare pyogrio read, <= {GOAL_RSS_MB:.0f} MB): "
        f"{'PASS' if ok else 'FAIL'} ({seconds:.2f} s vs {bare:.2f} s = "
        f"{seconds / bare:.2f}x, {rss:.0f} MB)"
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
