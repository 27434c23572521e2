"""CRS from .prj files written here, including CGCS2000 under non-standard ESRI names."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from pyproj import CRS

from landplanner.sources import load_parcels
from landplanner.sources.crs_detect import crs_from_prj, recognise_cgcs2000, suggest_crs

GEOGCS_NONSTANDARD = (
    'GEOGCS["GCS_CGCS_2000",DATUM["D_2000",SPHEROID["S_2000",6378137.0,298.257222101]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)


def gk_wkt(cm: float, false_easting: float, name: str, geogcs: str = GEOGCS_NONSTANDARD) -> str:
    return (
        f'PROJCS["{name}",{geogcs},PROJECTION["Gauss_Kruger"],'
        f'PARAMETER["False_Easting",{false_easting}],PARAMETER["False_Northing",0.0],'
        f'PARAMETER["Central_Meridian",{cm}],PARAMETER["Scale_Factor",1.0],'
        f'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    )


def _prj(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.prj"
    path.write_text(text, encoding="utf-8")
    return path


def _epsg_params(code: int) -> tuple[float, float]:
    """Central meridian and false easting of an EPSG CRS, from the EPSG database."""
    params = {p.code: p.value for p in CRS.from_epsg(code).coordinate_operation.params}
    return params["8802"], params["8806"]


def test_nonstandard_geographic_cgcs2000_is_4490(tmp_path):
    info, crs, problems = crs_from_prj(_prj(tmp_path, GEOGCS_NONSTANDARD))
    assert info.epsg == 4490 and crs == CRS.from_epsg(4490)
    assert "crs_cgcs2000_recognised" in [p.code for p in problems]
    # PROJ alone cannot match it, and a loose match would pick a wrong code.
    assert CRS.from_wkt(GEOGCS_NONSTANDARD).to_epsg() is None


def test_nonstandard_gk_cm_120e_is_4549(tmp_path):
    wkt = gk_wkt(120.0, 500000.0, "CGCS2000_3_Degree_GK_CM_120E")
    info, crs, _ = crs_from_prj(_prj(tmp_path, wkt))
    assert info.epsg == 4549
    assert _epsg_params(4549) == (120.0, 500000.0)


def test_zone_prefix_gives_the_zone_code(tmp_path):
    wkt = gk_wkt(120.0, 40500000.0, "CGCS2000_3_Degree_GK_Zone_40")
    info, _, _ = crs_from_prj(_prj(tmp_path, wkt))
    assert info.epsg == 4528
    assert _epsg_params(4528) == (120.0, 40500000.0)


@pytest.mark.parametrize("cm", range(75, 136, 3))
def test_every_3_degree_zone_matches_the_epsg_database(cm):
    for fe in (500000.0, cm // 3 * 1e6 + 500000.0):
        code = recognise_cgcs2000(CRS.from_wkt(gk_wkt(cm, fe, f"CGCS2000_3_Degree_GK_CM_{cm}E")))
        assert code is not None
        assert _epsg_params(code) == (cm, fe)
        assert "3-degree" in CRS.from_epsg(code).name


@pytest.mark.parametrize("zone", range(13, 24))
def test_6_degree_zones_with_prefix(zone):
    cm = zone * 6 - 3
    fe = zone * 1e6 + 500000.0
    code = recognise_cgcs2000(CRS.from_wkt(gk_wkt(cm, fe, f"CGCS2000_GK_Zone_{zone}")))
    assert _epsg_params(code) == (cm, fe)
    assert "3-degree" not in CRS.from_epsg(code).name


def test_d_china_2000_spelling(tmp_path):
    geog = (
        'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",'
        'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
        'UNIT["Degree",0.0174532925199433]]'
    )
    assert crs_from_prj(_prj(tmp_path, gk_wkt(111.0, 500000.0, "CGCS2000_3_Degree_GK_CM_111E", geog)))[0].epsg == 4546


def test_other_datum_on_the_same_ellipsoid_is_not_cgcs2000():
    # NAD83 uses GRS 80, whose size equals CGCS2000's: only the datum tells them apart.
    nad83 = (
        'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",'
        'SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
        'UNIT["Degree",0.0174532925199433]]'
    )
    assert recognise_cgcs2000(CRS.from_wkt(nad83)) is None


def test_wrong_ellipsoid_named_2000_is_not_cgcs2000():
    fake = GEOGCS_NONSTANDARD.replace("6378137.0,298.257222101", "6378245.0,298.3")
    assert recognise_cgcs2000(CRS.from_wkt(fake)) is None


def test_non_gk_projection_on_cgcs2000_is_not_a_gk_code():
    wkt = gk_wkt(120.0, 500000.0, "odd").replace('PARAMETER["Scale_Factor",1.0]', 'PARAMETER["Scale_Factor",0.9996]')
    assert recognise_cgcs2000(CRS.from_wkt(wkt)) is None


def test_html_prj_is_unknown(tmp_path):
    info, crs, problems = crs_from_prj(_prj(tmp_path, "<!DOCTYPE html><html></html>"))
    assert info.name == "unknown" and info.epsg is None and crs is None
    assert [p.code for p in problems] == ["prj_unreadable"]


def test_suggestions_from_coordinate_magnitudes():
    assert suggest_crs((117.0, 31.0, 118.0, 32.0))[:2] == ("crs_suggest_degrees", 4490)
    assert suggest_crs((420000.0, 3300000.0, 480000.0, 3350000.0))[:2] == ("crs_suggest_gk3", None)
    code, epsg, name = suggest_crs((40420000.0, 3300000.0, 40480000.0, 3350000.0))
    assert (code, epsg) == ("crs_suggest_gk_zone", 4528) and "zone 40" in name
    assert suggest_crs((1e9, 1e9, 2e9, 2e9))[1] is None


def _parcels(folder: Path, coords_offset: float, prj: str | None) -> Path:
    folder.mkdir()
    gdf = gpd.GeoDataFrame(
        {"ID": [1]}, geometry=[shapely.box(coords_offset, 3300000, coords_offset + 100, 3300100)]
    )
    shp = folder / "p.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gdf, shp)
    shp.with_suffix(".prj").unlink(missing_ok=True)
    if prj is not None:
        shp.with_suffix(".prj").write_text(prj)
    return shp


def test_loaded_layer_carries_the_recognised_crs(tmp_path):
    shp = _parcels(tmp_path / "a", 450000.0, gk_wkt(120.0, 500000.0, "CGCS2000_3_Degree_GK_CM_120E"))
    r = load_parcels(shp)
    assert r.report.crs.epsg == 4549 and r.gdf.crs.to_epsg() == 4549
    assert r.report.crs.name == CRS.from_epsg(4549).name


def test_missing_prj_is_unknown_with_a_suggestion_never_applied(tmp_path):
    shp = _parcels(tmp_path / "b", 40450000.0, None)
    r = load_parcels(shp)
    assert r.report.crs.name == "unknown" and r.report.crs.epsg is None
    assert r.report.crs.suggested_epsg == 4528 and r.report.crs.suggestion
    assert r.gdf.crs is None
    (problem,) = r.report.problems_with("crs_unknown")
    assert "4528" in problem.message_en and "4528" in problem.message_zh
    assert problem.severity == "warning"
