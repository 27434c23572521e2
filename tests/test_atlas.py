"""一企一策 atlas: one page per selected record, filters, chosen pages, splits, CLI."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")

from test_layout_print import PARKS, make_project  # noqa: E402


@pytest.fixture
def data(qapp):
    from landplanner.layout.data import build_map_data

    return build_map_data(make_project(), "category", today=dt.date(2026, 11, 1))


def _record_pages(reader, front):
    return [reader.pages[i].extract_text() for i in range(front, len(reader.pages))]


def test_one_page_per_enterprise_with_cover_and_contents(data, tmp_path):
    from landplanner.layout.atlas import atlas_records, export_atlas, front_pages

    out = tmp_path / "atlas.pdf"
    records = atlas_records(data)
    assert len(records) == 12  # one per enterprise (USCC)
    result = export_atlas(out, data)
    front = front_pages(records)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == result.pages == front + 12
    pages = _record_pages(reader, front)
    names = data.parcels["enterprise"].tolist()
    for name in names:  # every enterprise on exactly one record page
        assert sum(name in text for text in pages) == 1, name
    assert "目" in reader.pages[1].extract_text()  # contents
    plan_page = next(t for t in pages if "南通港闸企业02有限公司" in t)
    assert "港闸开发区管委会" in plan_page and "王芳" in plan_page
    assert "经济账" in plan_page and "逾期" in plan_page


def test_filter_and_chosen_pages(data, tmp_path):
    from landplanner.layout.atlas import atlas_records, export_atlas, front_pages
    from landplanner.layout.export import ExportError

    one_park = atlas_records(data, "enterprise", f"park={PARKS[1]}")
    assert len(one_park) == 6 and {r.park for r in one_park} == {PARKS[1]}
    overdue = atlas_records(data, "enterprise", "overdue")
    assert [r.title for r in overdue] == ["南通港闸企业02有限公司"]
    idle = atlas_records(data, "parcel", "category=idle and park=" + PARKS[0])
    assert [r.key for r in idle] == ["DK001", "DK004"]
    same = atlas_records(data, "parcel", "category=闲置土地，park=" + PARKS[0])  # words work too
    assert [r.key for r in same] == ["DK001", "DK004"]
    assert [r.key for r in atlas_records(data, "parcel", "status=推进中")] == ["DK002"]
    assert [r.key for r in atlas_records(data, "parcel", "状态=推进中，逾期")] == ["DK002"]
    chosen = ["DK004", "DK001", "DK004"]  # asked twice: printed once
    out = tmp_path / "chosen.pdf"
    export_atlas(out, data, "parcel", pages=chosen)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == front_pages(["a", "b"]) + 2
    with pytest.raises(ExportError):
        atlas_records(data, "parcel", pages=["DK999"])
    with pytest.raises(ExportError):
        atlas_records(data, "enterprise", "colour=red")
    with pytest.raises(ExportError):
        export_atlas(tmp_path / "none.pdf", data, "enterprise", "class=D")  # nothing scored
    assert not (tmp_path / "none.pdf").exists()


def test_split_per_page_and_per_park(data, tmp_path):
    from landplanner.layout.atlas import export_atlas

    result = export_atlas(tmp_path / "p.pdf", data, "park", split="page")
    assert len(result.files) == 2
    for f in result.files:
        assert len(pypdf.PdfReader(str(f)).pages) == 1
    result = export_atlas(tmp_path / "k.pdf", data, "enterprise", split="park")
    assert sorted(f.name for f in result.files) == sorted(f"k-{p}.pdf" for p in PARKS)
    assert result.records == 12


def test_cancel_leaves_no_file(data, tmp_path):
    from landplanner.layout.atlas import export_atlas
    from landplanner.layout.export import ExportError
    from landplanner.render.context import StopFlag

    stop = StopFlag()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done == 3:
            stop.stop()

    with pytest.raises(ExportError):
        export_atlas(tmp_path / "a.pdf", data, progress=progress, stop=stop)
    assert seen[0] == (1, 12)
    assert not list(tmp_path.iterdir())


def test_cli_print_and_atlas(qapp, tmp_path, capsys):
    from landplanner.cli import main
    from landplanner.store.gpkg_store import save_project

    path = tmp_path / "p.gpkg"
    save_project(make_project(), path)
    assert main(["print", str(path), "--out", str(tmp_path / "m.pdf"), "--paper", "A4",
                 "--title", "低效用地图"]) == 0
    assert "低效用地图" in pypdf.PdfReader(str(tmp_path / "m.pdf")).pages[0].extract_text()
    assert main(["print", str(path), "--out", str(tmp_path / "m.png"), "--dpi", "150",
                 "--paper", "A4", "--orientation", "portrait"]) == 0
    assert main(["print", str(path), "--out", str(tmp_path / "x" / "m.pdf")]) == 2
    assert main(["print", str(path), "--out", str(tmp_path / "m.pdf"), "--scale", "0"]) == 2
    assert main(["print", str(path), "--out", str(tmp_path / "m.pdf"), "--template", "无"]) == 2
    assert main(["atlas", str(path), "--out", str(tmp_path / "a.pdf"), "--filter",
                 "overdue"]) == 0
    assert main(["atlas", str(path), "--out", str(tmp_path / "b.pdf"), "--filter",
                 "colour=red"]) == 2
    err = capsys.readouterr().err
    assert "colour=red" in err


def test_account_figures_in_words_on_the_plan_page(qapp, tmp_path):
    """The three accounts' figures print by their vocabulary names and units, as the 一企一策
    sheet writes them (one function: accounts.entered_text), never as raw keys."""
    import dataclasses

    from landplanner import vocabulary
    from landplanner.analysis.accounts import entered_text
    from landplanner.layout.atlas import atlas_records, export_atlas, front_pages
    from landplanner.layout.data import build_map_data

    project = make_project()
    economic = {"text": "", "figures": {"tax_before": 12.0, "tax_after": 30.5}}
    project.plans = [dataclasses.replace(project.plans[0], accounts={"economic": economic})]
    data = build_map_data(project, "category", today=dt.date(2026, 11, 1))
    out = tmp_path / "atlas.pdf"
    export_atlas(out, data)
    reader = pypdf.PdfReader(str(out))
    pages = _record_pages(reader, front_pages(atlas_records(data)))
    page = next(t for t in pages if "南通港闸企业02有限公司" in t)
    assert "tax_before" not in page and "tax_after" not in page
    assert vocabulary.label("account_figure", "tax", "zh") in page
    assert "30.50" in page and "12.00" in page
    assert "30.50" in entered_text(economic)


def test_plan_fields_named_as_in_the_catalogue(qapp, tmp_path):
    """The case file names a plan's fields with the catalogue's words (plan_field), as the
    plan editor and the workbook do: one name for 完成时限, 盘活面积 …"""
    from landplanner import vocabulary
    from landplanner.layout.atlas import atlas_records, export_atlas, front_pages
    from landplanner.layout.data import build_map_data

    data = build_map_data(make_project(), "category", today=dt.date(2026, 11, 1))
    out = tmp_path / "atlas.pdf"
    export_atlas(out, data)
    reader = pypdf.PdfReader(str(out))
    pages = _record_pages(reader, front_pages(atlas_records(data)))
    page = next(t for t in pages if "处置方式" in t or vocabulary.label("plan_field", "method", "zh") in t)
    for name in ("method", "reason", "responsible_unit", "responsible_person", "target_date",
                 "mu_to_free", "status"):
        assert vocabulary.label("plan_field", name, "zh") in page, name
