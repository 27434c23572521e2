"""Encoding decisions on small DBFs built here: .cpg, UTF-8, LDID, GB2312 look, Latin."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from landplanner.problems import InputError
from landplanner.sources import load_parcels
from landplanner.sources.encoding import (
    _looks_gb2312,
    decide_encoding,
    parse_cpg,
    read_dbf_header,
)

NAMES = ["安徽测试企业有限公司", "临高县高新区地块", "镕铖科技（GBK 扩展字）"]


def _write(folder: Path, values, encoding: str, ldid: int = 0, cpg: str | None = None,
           field: str = "NAME") -> Path:
    """A two-or-more-parcel shapefile whose DBF holds ``values`` in ``encoding``.

    GDAL writes a .cpg; it is replaced by ``cpg`` (or removed when None), and the DBF
    language byte (offset 29) is set to ``ldid``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    gdf = gpd.GeoDataFrame(
        {field: values},
        geometry=[shapely.box(i, 0, i + 1, 1) for i in range(len(values))],
        crs=4549,
    )
    shp = folder / "parcels.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, shp, encoding=encoding)
    shp.with_suffix(".cpg").unlink(missing_ok=True)
    if cpg is not None:
        shp.with_suffix(".cpg").write_bytes(cpg.encode("latin-1"))
    dbf = bytearray(shp.with_suffix(".dbf").read_bytes())
    dbf[29] = ldid
    shp.with_suffix(".dbf").write_bytes(bytes(dbf))
    return shp


def test_gbk_without_cpg_or_ldid_is_detected_as_gb18030(tmp_path):
    shp = _write(tmp_path, NAMES, "GBK")
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("GB18030", "detected")
    assert list(r.gdf["NAME"]) == NAMES  # including GBK-only characters


def test_gbk_field_names_are_decoded_too(tmp_path):
    shp = _write(tmp_path, NAMES[:2], "GBK", field="企业名称")
    r = load_parcels(shp)
    assert "企业名称" in r.gdf.columns
    assert list(r.gdf["企业名称"]) == NAMES[:2]


def test_ldid_936_is_used_without_cpg(tmp_path):
    shp = _write(tmp_path, NAMES, "GBK", ldid=0x4D)
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP936", "ldid")
    assert list(r.gdf["NAME"]) == NAMES


def test_valid_utf8_beats_a_wrong_ldid(tmp_path):
    shp = _write(tmp_path, NAMES, "UTF-8", ldid=0x57)
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("UTF-8", "detected")
    assert [p.code for p in r.report.problems if p.code.startswith("ldid")] == [
        "ldid_overridden_by_utf8"
    ]
    assert list(r.gdf["NAME"]) == NAMES


def test_latin1_is_not_read_as_gbk(tmp_path):
    values = ["Ñandú", "México", "Québec"]
    shp = _write(tmp_path, values, "ISO-8859-1")
    r = load_parcels(shp)
    assert r.report.encoding.name in ("CP1252", "ISO-8859-1")
    assert r.report.encoding.source == "detected"
    assert list(r.gdf["NAME"]) == values


def test_cpg_wins_over_ldid(tmp_path):
    shp = _write(tmp_path, NAMES, "GBK", ldid=0x01, cpg="936")
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP936", "cpg")
    assert list(r.gdf["NAME"]) == NAMES


def test_html_cpg_is_ignored_with_a_warning(tmp_path):
    shp = _write(tmp_path, NAMES, "UTF-8", cpg="<!DOCTYPE html><html><body>404</body></html>")
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("UTF-8", "detected")
    assert "cpg_garbage" in [p.code for p in r.report.problems]
    assert list(r.gdf["NAME"]) == NAMES


def test_ansi_spelling_of_a_code_page_is_read_with_a_warning(tmp_path):
    values = ["Hněvošický háj", "Čeřovka"]
    shp = _write(tmp_path, values, "CP1250", cpg="ANSI 1250")
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP1250", "cpg")
    assert "cpg_nonstandard" in [p.code for p in r.report.problems]
    assert list(r.gdf["NAME"]) == values


def test_user_override_wins_and_is_reported(tmp_path):
    shp = _write(tmp_path, NAMES, "GBK", ldid=0x57, cpg="UTF-8")
    r = load_parcels(shp, encoding="gbk")
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP936", "user")
    assert list(r.gdf["NAME"]) == NAMES


def test_unknown_user_encoding_is_refused(tmp_path):
    shp = _write(tmp_path, NAMES, "GBK")
    with pytest.raises(InputError) as info:
        load_parcels(shp, encoding="klingon-8")
    assert info.value.problem.code == "encoding_unknown"


def test_wrong_cpg_is_not_silent(tmp_path):
    # The .cpg says UTF-8 but the bytes are GBK: the .cpg wins, with a warning.
    shp = _write(tmp_path, NAMES, "GBK", cpg="UTF-8")
    r = load_parcels(shp)
    assert r.report.encoding.source == "cpg"
    assert "encoding_decode_errors" in [p.code for p in r.report.problems]


def test_western_ldid_on_chinese_text_warns(tmp_path):
    shp = _write(tmp_path, NAMES, "GBK", ldid=0x57)
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP1252", "ldid")
    assert "ldid_looks_chinese" in [p.code for p in r.report.problems]


def test_utf8_cut_at_the_field_width_is_still_utf8(tmp_path):
    # 30 Chinese characters in a 40-byte field: the writer cut the 14th character in half.
    long = "浙江省杭州市余杭区未来科技城高新技术产业园区地块编号零零一"
    shp = _write(tmp_path, [long[:10], long[:12]] * 20, "UTF-8")
    dbf = shp.with_suffix(".dbf")
    header = read_dbf_header(dbf)
    (field,) = header.fields
    raw = bytearray(dbf.read_bytes())
    cut = long.encode("utf-8")[: field.length]
    assert len(cut) == field.length and not _decodes(cut)
    start = header.header_len + field.offset  # record 0
    raw[start : start + field.length] = cut
    dbf.write_bytes(bytes(raw))
    info, problems = decide_encoding(dbf)
    assert info.name == "UTF-8"
    assert "encoding_mostly_utf8" in [p.code for p in problems]


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


@pytest.mark.parametrize(
    ("content", "codec"),
    [
        ("936", "gbk"),
        ("65001", "utf-8"),
        ("UTF-8", "utf-8"),
        ("utf8\n", "utf-8"),
        ("\ufeffGBK", "gbk"),
        ("GB2312", "gb2312"),
        ("1252", "cp1252"),
        ("88591", "iso8859-1"),
        ("8859_5", "iso8859-5"),
        ("ISO-8859-1", "latin-1"),
        ("System", None),
        ("ANSI 1250", None),
        ("", None),
        ("<html>", None),
    ],
)
def test_parse_cpg(content, codec):
    import codecs

    expected = None if codec is None else codecs.lookup(codec).name
    assert parse_cpg(content) == expected


def test_gb2312_look_against_independent_encodings():
    assert _looks_gb2312("安徽省合肥市高新区".encode("gb2312"))
    assert not _looks_gb2312("Ñandú México Québec".encode("latin-1"))
    assert not _looks_gb2312("Ministère des Ressources naturelles, à Montréal".encode("cp1252"))


def test_field_names_alone_can_decide(tmp_path):
    # Only the field name is non-ASCII (values are ASCII): still UTF-8, not Latin-1.
    shp = _write(tmp_path, ["a", "b"], "UTF-8", field="名称")
    info, _ = decide_encoding(shp.with_suffix(".dbf"))
    assert info.name == "UTF-8"
