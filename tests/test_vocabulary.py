"""The one catalogue of codes (landplanner.vocabulary): complete, two languages, parseable."""

from __future__ import annotations

import math
import re

import pytest

from landplanner import vocabulary as vocab

ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("domain", vocab.DOMAINS)
def test_every_code_has_a_chinese_and_an_english_label(domain):
    assert vocab.codes(domain), domain
    for code in vocab.codes(domain):
        zh = vocab.label(domain, code, "zh")
        en = vocab.label(domain, code, "en")
        assert zh.strip() and en.strip(), (domain, code)
        assert not ASCII_WORD.search(zh), f"English word in the Chinese label {domain}/{code}: {zh!r}"
        assert re.search(r"[\u4e00-\u9fff]", zh), (domain, code, zh)
        assert not re.search(r"[\u4e00-\u9fff]", en), (domain, code, en)
        assert not ASCII_WORD.search(vocab.unit(domain, code, "zh")), (domain, code)


@pytest.mark.parametrize("domain", vocab.DOMAINS)
def test_labels_are_distinct_and_round_trip(domain):
    for lang in ("zh", "en"):
        labels = vocab.labels(domain, lang)
        assert list(labels) == vocab.codes(domain)
        if domain != "field":  # "园区" names the park field and the quota column alike
            assert len(set(labels.values())) == len(labels), (domain, lang)
        for code, text in labels.items():
            assert vocab.code_for(domain, text) == code, (domain, lang, text)
            assert vocab.code_for(domain, f"  {text.upper()} ") == code
    for code in vocab.codes(domain):
        assert vocab.code_for(domain, code) == code


def test_missing_and_unknown_codes():
    for domain in vocab.DOMAINS:
        assert vocab.label(domain, None) == ""
        assert vocab.label(domain, math.nan) == ""
        assert vocab.code_for(domain, None) is None
    assert vocab.label("category", "no-such-code") == "no-such-code"
    assert vocab.code_for("category", "no-such-code") is None
    assert vocab.missing_label("status", "zh") == "无方案"
    assert vocab.missing_label("status", "en") == "No plan"
    with pytest.raises(KeyError):
        vocab.codes("nope")


def test_legacy_words_parse_to_codes():
    assert vocab.code_for("status", "未启动") == "not_started"
    assert vocab.code_for("status", "done") == "completed"
    assert vocab.code_for("category", "闲置") == "idle"
    assert vocab.code_for("category", "批而未供") == "unsupplied"
    assert vocab.code_for("group", "above") == "above"
    assert vocab.code_for("group", "租赁厂房") == "renting"
    assert vocab.code_for("class", "C supervised") == "C"
    assert vocab.code_for("quota", "已计划") == "planned_mu"
    assert vocab.code_for("quota", "候选") == "candidate_mu"
    # a legacy word is shown with its code's label
    assert vocab.label("status", "推进中", "en") == "In progress"
    assert vocab.label("group", "above", "zh") == "规上"


def test_one_english_wording_for_class_c():
    assert vocab.label("class", "C", "en") == "C Regulated"
    assert vocab.label("band", "C", "en") == "Regulated"
    assert vocab.label("class", "C", "zh") == "C 监管调控"


def test_headers_carry_units():
    assert vocab.header("quota", "done_mu", "zh") == "已销号（亩）"
    assert vocab.header("quota", "done_mu", "en") == "Closed (mu)"
    assert vocab.header("indicator", "tax_per_mu", "zh") == "亩均税收（万元/亩）"
    assert vocab.header("quota", "behind", "zh") == "进度滞后"


def test_default_language_follows_messages(monkeypatch):
    from landplanner import messages

    monkeypatch.setattr(messages, "_language", "en")
    assert vocab.label("status", "closed") == "Closed"
    monkeypatch.setattr(messages, "_language", "zh")
    assert vocab.label("status", "closed") == "已销号"


def test_shipped_presets_name_bands_and_indicators_as_the_catalogue():
    from landplanner.analysis import scoring_config

    for name in scoring_config.preset_names():
        config = scoring_config.load_preset(name)
        for band in config.bands:
            assert (band.label_zh, band.label_en) == vocab.pair("band", band.cls), (name, band)
        for ind in config.indicators:
            assert ind.key in vocab.codes("indicator"), (name, ind.key)
            assert not ASCII_WORD.search(ind.label_zh + ind.unit), (name, ind.key)
            if ind.label_zh == vocab.label("indicator", ind.key, "zh"):
                assert ind.label_en == vocab.label("indicator", ind.key, "en"), (name, ind.key)
                assert ind.unit == vocab.unit("indicator", ind.key, "zh"), (name, ind.key)


# Technical names that stay as they are inside Chinese text (formats, codes, commands).
_ALLOWED = {
    "epsg", "cgcs", "geopackage", "gpkg", "dbf", "shp", "shx", "prj", "cpg", "zip", "sqlite",
    "html", "json", "geojson", "utf", "gbk", "gb", "fid", "ldid", "shapefile", "landplanner",
    "pyogrio", "fiona", "git", "lfs", "pull", "pip", "install", "pyside", "yyyy", "mm", "dd",
    "xlsx", "csv", "file", "table", "uscc", "gdal", "toml", "ok", "qt", "excel",
    "wps", "libreoffice", "postgis", "postgresql", "psycopg", "binary", "deflate", "nan", "gis", "qgis",
    "migrate", "schema", "create", "extension",  # product names; commands quoted for the user
    "pdf", "png", "dpi",  # file formats and the resolution unit (print)
    "kb",  # a size unit
    "createrole",  # the PostgreSQL privilege the administrator has to grant, named as SQL names it
}


def test_no_english_words_inside_chinese_messages():
    import importlib
    import pkgutil

    import landplanner
    from landplanner import messages

    for mod in pkgutil.walk_packages(landplanner.__path__, "landplanner."):
        if ".ui" in mod.name or mod.name.endswith("__main__") or ".fonts" in mod.name:
            continue
        importlib.import_module(mod.name)
    bad = []
    for code, (zh, _en) in messages._CATALOGUE.items():
        text = re.sub(r"\{[^}]*\}", "", zh)  # placeholders are filled with data
        text = re.sub(r"--?[a-z][a-z-]*", "", text)  # command-line options
        words = {w.lower() for w in ASCII_WORD.findall(text)} - _ALLOWED
        if words:
            bad.append((code, zh, sorted(words)))
    assert not bad, bad


def test_a_crs_without_a_name_reads_as_unknown_in_words():
    assert vocab.crs_label("unknown", None, "zh") == "未知坐标系"
    assert vocab.crs_label(None, None, "en") == "unknown coordinate system"
    assert vocab.crs_label("unknown", 4549, "zh") == "EPSG:4549"
    assert vocab.crs_label("CGCS2000 / 3-degree Gauss-Kruger CM 120E", 4549) \
        == "EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E"


def test_every_plan_field_has_a_name():
    import dataclasses

    from landplanner.analysis import plans

    names = {f.name for f in dataclasses.fields(plans.Plan)} - {"history"}
    assert names <= set(vocab.codes("plan_field"))
    assert set(plans.SUBJECT_KINDS) <= set(vocab.codes("subject_kind"))


def test_asset_columns_of_table_and_workbook_are_the_catalogues():
    """The asset list's headers in the app and in the workbook are one catalogue's words."""
    pytest.importorskip("PySide6")
    from landplanner.export.campaign_sheets import ASSET_COLUMNS
    from landplanner.ui.assets_panel import COLUMNS

    sheet = {key: (zh, en) for key, zh, en, _kind in ASSET_COLUMNS}
    for key, zh, en, _kind in COLUMNS:
        assert sheet[key] == (zh, en) == vocab.pair("asset_field", key)
