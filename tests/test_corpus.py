"""Every case of the shared real-file corpus (../shared/corpus) through the loader.

Each case asserts its specific right outcome (see the corpus README): loaded with the right
text, CRS, counts and repairs, or refused with a clear code — never a traceback, never
mojibake, and never a changed or added file in the corpus.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pyogrio
import pytest
import shapely

from landplanner.problems import InputError
from landplanner.sources import list_layers, load_parcels
from landplanner.sources.crs_detect import crs_from_prj
from landplanner.sources.encoding import decide_encoding
from landplanner.sources.shapefile_check import check_shapefile


def _codes(report) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in report.problems:  # rows per code (a grouped problem counts its rows)
        counts[p.code] = counts.get(p.code, 0) + max(p.count, 1)
    return counts


def _refused(path: Path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        load_parcels(path, **kw)
    return info.value


def _text_of(shp: Path):
    """Decide the encoding, then read the attributes of a (possibly non-polygon) shapefile."""
    sset = check_shapefile(shp, lambda: Path(tempfile.mkdtemp(prefix="lp-test-")))
    info, problems = decide_encoding(sset.dbf, sset.cpg)
    df = pyogrio.read_dataframe(sset.shp, encoding=info.name, read_geometry=False)
    return info, problems, df


def _holes(gdf) -> int:
    return int(shapely.get_num_interior_rings(shapely.get_parts(gdf.geometry.values)).sum())


def _all_valid(gdf) -> bool:
    geoms = gdf.geometry.values
    present = ~shapely.is_missing(geoms)
    return bool(shapely.is_valid(geoms[present]).all())


# ----------------------------------------------------------------- one function per case


def case_cn01(d):
    r = load_parcels(d / "chinese_encoding.shp")
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP936", "ldid")
    assert r.report.features == 78 and len(r.gdf) == 78
    assert r.gdf.shape[1] == 136 + 1  # 136 fields + geometry: a wide table is fine
    assert r.gdf["PRO_NAME"].iloc[0] == "安徽"
    assert "天长市" in set(r.gdf["NAME99"])
    assert r.report.crs.epsg is None and r.report.crs.name == "unknown"
    assert r.gdf.crs is None  # the suggestion is never applied
    assert r.report.crs.suggested_epsg == 4490  # Anhui in degrees
    assert "crs_unknown" in _codes(r.report)


def case_cn06(d):
    shp = d / "海南省.shp"
    r = load_parcels(shp)
    assert (r.report.encoding.name, r.report.encoding.source) == ("UTF-8", "detected")
    assert "临高县" in set(r.gdf["name"])
    assert r.report.features == 27
    assert r.report.layers == ["海南省"]
    assert r.report.crs.name == "unknown"


def case_cn07(d):
    shp = d / "file_cp936.shp"
    info, _, df = _text_of(shp)
    assert (info.name, info.source) == ("CP936", "cpg")  # the .cpg beats LDID 0x01 (cp437)
    assert df["TEST"].iloc[0] == "测试中文"
    err = _refused(shp)  # a MultiLineString is not a parcel
    assert err.problem.code == "not_polygons" and "LineString" in err.problem.message_en


def case_cn09(d):
    err = _refused(d / "三亚市建成区2025_CGCS2000_111E.shp")
    assert err.problem.code == "lfs_pointer"
    assert "Git LFS pointer" in err.problem.message_en
    info, crs, _ = crs_from_prj(d / "三亚市建成区2025_CGCS2000_111E.prj")
    assert info.epsg == 4546  # the real .prj: CGCS2000 3-degree GK CM 111E


def case_o01(d):
    r = load_parcels(d / "empty.shp")
    assert r.report.features == 0 and len(r.gdf) == 0
    assert {"empty_layer", "declared_not_polygon"} <= set(_codes(r.report))
    assert r.report.crs.epsg == 4326


def case_o02(d):
    r = load_parcels(d / "EmptyShapeFile.shp")
    assert r.report.features == 0
    assert {"shx_missing_rebuilt", "dbf_missing", "empty_layer"} <= set(_codes(r.report))


def case_o03(d):
    r = load_parcels(d / "shapetype.shp")
    assert r.report.features == 0 and "empty_layer" in _codes(r.report)


def case_o04(d):
    r = load_parcels(d / "3d_point_empty.shp")
    assert r.report.features == 0 and "empty_layer" in _codes(r.report)
    assert r.report.crs.epsg == 3857


def case_o05(d):
    r = load_parcels(d / "poly_null_poly.shp")
    assert r.report.features == 3
    nulls = r.report.problems_with("null_geometry")
    assert [p.feature for p in nulls] == [1]
    assert r.gdf.geometry.iloc[1] is None and r.gdf.geometry.iloc[0] is not None


def case_o06(d):
    err = _refused(d / "point_null_point.shp")
    assert err.problem.code == "not_polygons" and "Point" in err.problem.message_en


def case_o07(d):
    base = load_parcels(d / "UnifiedChecksMaterial.shp")
    assert "shx_missing_rebuilt" in _codes(base.report)
    for name, fid in (("NullAtStart", 0), ("NullInMiddle", 1), ("NullAtEnd", 2)):
        r = load_parcels(d / f"UnifiedChecksMaterial{name}.shp")
        codes = _codes(r.report)
        assert codes.get("shx_missing_rebuilt") == 1 and codes.get("dbf_missing") == 1
        assert [p.feature for p in r.report.problems_with("null_geometry")] == [fid]
        assert r.report.features == 3


def case_o08(d):
    r = load_parcels(d / "AllNulls.shp")
    assert r.report.features == 1 and "shx_missing_rebuilt" in _codes(r.report)
    row = r.gdf.iloc[0]
    assr_date = r.gdf["DateTime"]
    assert str(assr_date.dtype).startswith("datetime64") and assr_date.isna().all()
    assert row.isna()["String"] and row.isna()["Float"]


def case_o09(d):
    info, _, df = _text_of(d / "NullTest.shp")
    assert df.isna().any().any()  # null text, int, real and date values come back as nulls
    assert _refused(d / "NullTest.shp").problem.code == "not_polygons"


def case_o10(d):
    r = load_parcels(d / "no-dbf.shp")
    codes = _codes(r.report)
    assert r.report.features == 14
    assert codes["invalid_repaired"] == 9
    assert codes["dbf_missing"] == 1 and codes["shx_missing_rebuilt"] == 1
    assert list(r.gdf.columns) == ["geometry"] and _all_valid(r.gdf)


def case_o11(d):
    r = load_parcels(d / "Sept_polygones.shp")
    assert r.report.features == 12 and r.gdf.shape[1] == 11 + 1
    assert _holes(r.gdf) == 5
    assert (r.report.encoding.name, r.report.encoding.source) == ("CP1252", "ldid")
    assert "Plan du cadastre du Québec" in set(r.gdf.iloc[:, 2])


def case_o12(d):
    r = load_parcels(d / "error_union.shp")
    assert r.report.features == 511
    (invalid,) = r.report.problems_with("invalid_repaired")  # one record for the kind
    assert invalid.count == 78 and len(set(invalid.rows.tolist())) == 78
    assert _all_valid(r.gdf) and _holes(r.gdf) >= 920


def case_o13(d):
    r = load_parcels(d / "polygon intersecting line.shp")  # a space in the name
    assert r.report.features == 2
    assert [p.feature for p in r.report.problems_with("ring_unclosed_fixed")] == [1]
    assert _all_valid(r.gdf)


def case_o14(d):
    err = _refused(d / "Volume2.shp")
    assert err.problem.code == "shp_record_corrupt"
    assert "corrupt" in err.problem.message_en


def case_o15(d):
    assert _refused(d / "christchurch-canterbury-h.shp").problem.code == "shp_header_corrupt"


def case_o16(d):
    err = _refused(d / "corrupt_too_long.shp")  # ten LineStrings: not parcels
    assert err.problem.code == "not_polygons"
    assert "shp_longer_than_header" in [p.code for p in err.problems]


def case_o17(d):
    err = _refused(d / "bad.shp")
    assert err.problem.code == "shp_is_other" and "DBF" in err.problem.message_en


def case_o18(d):
    info, crs, problems = crs_from_prj(d / "htmlprj.prj")
    assert info.name == "unknown" and crs is None
    assert [p.code for p in problems] == ["prj_unreadable"]
    enc, _, df = _text_of(d / "htmlprj.shp")
    assert enc.name == "UTF-8" and "💩" in set(df.iloc[:, 0])


def case_o19(d):
    enc, problems, df = _text_of(d / "htmlcpg.shp")
    assert (enc.name, enc.source) == ("UTF-8", "detected")
    assert "cpg_garbage" in [p.code for p in problems]
    assert "💩" in set(df.iloc[:, 0])


def case_o20(d):
    enc, problems, df = _text_of(d / "codepage.shp")
    assert (enc.name, enc.source) == ("CP1250", "cpg")
    assert "cpg_nonstandard" in [p.code for p in problems]
    assert "Hněvošický háj" in set(df.iloc[:, 0])


def case_o21(d):
    enc, _, df = _text_of(d / "latin1-property.shp")
    assert (enc.name, enc.source) == ("CP1252", "ldid")
    assert "México" in set(df.iloc[:, 0])


def case_o22(d):
    r = load_parcels(d / "latin1.shp")
    assert r.report.encoding.name == "CP1252" and r.report.encoding.source == "detected"
    values = set(r.gdf.drop(columns="geometry").astype(str).to_numpy().ravel())
    assert "Ñandú" in values


def case_o23(d):
    enc, problems, df = _text_of(d / "farsi-labels.shp")
    assert (enc.name, enc.source) == ("UTF-8", "detected")
    assert "ldid_overridden_by_utf8" in [p.code for p in problems]
    assert "پاکستان" in set(df.iloc[:, 0])


def case_o24(d):
    enc, _, df = _text_of(d / "utf8-property.shp")
    assert (enc.name, enc.source) == ("UTF-8", "cpg")
    assert list(df.columns) == ["☃"] and df["☃"].iloc[0] == "ηελλο ςορλδ"


def case_o25(d):
    _, _, dates = _text_of(d / "date-property.shp")
    assert str(dates["date"].dtype).startswith("datetime64")
    assert dates["date"].iloc[0].date().isoformat() == "2013-01-02"
    assert _refused(d / "boolean-property.shp").problem.code == "not_polygons"


def case_o26(d):
    good = load_parcels(d / "crustal_test.shp")
    bugged = load_parcels(d / "crustal_test_bugged.shp")
    assert good.report.features == bugged.report.features == 19
    assert good.gdf.shape[1] == 10 + 1 and bugged.gdf.shape[1] == 9 + 1


def case_o27(d):
    for name in ("MyPolyZ.shp", "polygonz.shp"):
        r = load_parcels(d / name)
        assert r.report.features == 1 and "z_dropped" in _codes(r.report)
        assert not shapely.has_z(r.gdf.geometry.values).any()


def case_o30(d):
    err = _refused(d / "test_tin.shp")
    assert err.problem.code == "not_polygons" and "MultiPatch" in err.problem.message_en


def case_o31(d):
    r = load_parcels(d / "poly-multihole.shp")
    assert r.report.geometry_type == "MultiPolygon" and _holes(r.gdf) >= 1
    assert r.report.crs.epsg == 4326


def case_o33(d):
    rel = load_parcels(d / "REL.zip")  # the shapefile sits in REL/
    assert rel.report.features == 1 and rel.report.layers == ["releaseArea20090407"]
    assert _refused(d / "badzip.zip").problem.code == "zip_invalid"
    assert list_layers(d / "blockgroups_multishapefile.zip") == ["blockgroups", "blockgroups2"]
    err = _refused(d / "blockgroups_multishapefile.zip")
    assert err.problem.code == "layer_required" and "blockgroups2" in err.problem.message_en
    assert (
        load_parcels(d / "blockgroups_multishapefile.zip", layer="blockgroups2").report.features
        == 663
    )
    mixed = load_parcels(d / "mixedcase.zip")  # senate.DBF
    assert mixed.report.features == 40 and mixed.gdf.shape[1] > 1
    assert _codes(mixed.report)["invalid_repaired"] == 1
    assert mixed.report.crs.epsg == 26986
    nodbf = load_parcels(d / "no-dbf.zip")
    assert nodbf.report.features == 14 and "dbf_missing" in _codes(nodbf.report)
    assert _refused(d / "noshp.zip").problem.code == "zip_no_shp"
    assert _refused(d / "empty_zipfile.zip").problem.code == "zip_no_shp"
    assert load_parcels(d / "qgis.zip").report.features == 2  # an extra .mshp member
    assert _refused(d / "zero-len-line.zip").problem.code == "not_polygons"


def case_o34(d):
    r = load_parcels(d / "CA_Cable_region.shp")
    assert r.report.features == 49 and r.gdf.shape[1] == 33 + 1
    assert _holes(r.gdf) == 356


def case_p01(d):
    r = load_parcels(d / "farms_33S.shp")
    assert r.report.features == 2008 and r.report.crs.epsg == 32733
    assert _codes(r.report)["invalid_repaired"] == 16
    assert _all_valid(r.gdf)
    assert r.gdf.crs.to_epsg() == 32733


def case_pf01(d):
    r = load_parcels(d / "merge.shp")
    assert r.report.features == 6630 and r.gdf.shape[1] == 43 + 1


@pytest.fixture
def corpus(request) -> Path:
    """The ``corpus_dir`` fixture; LANDPLANNER_CORPUS points elsewhere (e.g. from a worktree)."""
    override = os.environ.get("LANDPLANNER_CORPUS")
    if override and Path(override).is_dir():
        return Path(override)
    return request.getfixturevalue("corpus_dir")


CASES = {
    name.removeprefix("case_"): fn for name, fn in globals().items() if name.startswith("case_")
}


def _folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_every_corpus_folder_has_a_case(corpus):
    folders = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    assert len(folders) == 37
    assert sorted(f.split("_")[0] for f in folders) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_corpus_case(corpus, case):
    (folder,) = [p for p in corpus.iterdir() if p.is_dir() and p.name.split("_")[0] == case]
    before = _folder_state(folder)
    CASES[case](folder)
    assert _folder_state(folder) == before  # nothing changed, nothing written beside it
