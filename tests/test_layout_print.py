"""Print layouts: page size, text layer, scale true on paper, PNG size, refusals, templates."""

import datetime as dt

import numpy as np
import pytest
import shapely

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")

PARKS = ("港闸经济开发区", "崇川经济开发区")
X0, Y0 = 490_030.0, 3_545_030.0  # parcel edges off the grid lines


def make_project(extra_name: str | None = None):
    import geopandas as gpd

    from landplanner.analysis.plans import Milestone, Plan
    from landplanner.project import Project, default_settings

    rows = []
    for p, park in enumerate(PARKS):
        for k in range(6):
            x = X0 + p * 3000 + (k % 3) * 400
            y = Y0 + (k // 3) * 400
            n = p * 6 + k
            rows.append({"parcel_id": f"DK{n + 1:03d}",
                         "enterprise": extra_name if (extra_name and n == 0)
                         else f"南通{park[:2]}企业{k + 1:02d}有限公司",
                         "uscc": f"91320611MA{n + 1:07d}X", "park": park,
                         "category": ("idle", "low_efficiency", "unsupplied")[k % 3],
                         "area_mu": 15.0, "geometry": shapely.box(x, y, x + 100, y + 100)})
    parcels = gpd.GeoDataFrame(rows, crs="EPSG:4549")
    parks = gpd.GeoDataFrame(
        {"name": list(PARKS)},
        geometry=[shapely.box(X0 - 200, Y0 - 200, X0 + 1100, Y0 + 700),
                  shapely.box(X0 + 2800, Y0 - 200, X0 + 4100, Y0 + 700)], crs="EPSG:4549")
    plans = [Plan(id="PLAN-0001", uscc=rows[1]["uscc"], enterprise=rows[1]["enterprise"],
                  parcel_ids=("DK002",), method="deadline", reason="闲置满两年",
                  responsible_unit="港闸开发区管委会", responsible_person="王芳",
                  milestones=(Milestone("约谈企业", dt.date(2026, 1, 10)),),
                  target_date=dt.date(2026, 6, 30), status="in_progress")]
    settings = default_settings(2026)  # a new project has no targets: this district's own
    settings["quotas"] = {"district_mu": 2600.0,
                          "parks": [{"name": p, "target_mu": 800.0} for p in PARKS]}
    return Project(parcels=parcels, parks=parks, plans=plans, settings=settings)


@pytest.fixture
def data(qapp):
    from landplanner.layout.data import build_map_data

    return build_map_data(make_project(), "category", today=dt.date(2026, 11, 1))


def test_a3_landscape_pdf_page_size_text_layer_and_metadata(data, tmp_path):
    from landplanner.layout.export import export_pdf
    from landplanner.layout.model import Layout

    out = tmp_path / "map.pdf"
    layout = Layout(paper="A3", orientation="landscape", title="2026年低效用地盘活工作图",
                    unit="南通市自然资源和规划局")
    result = export_pdf(out, layout, data)
    assert result.pages == 1
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(420 / 25.4 * 72, abs=1.0)
    assert float(box.height) == pytest.approx(297 / 25.4 * 72, abs=1.0)
    text = reader.pages[0].extract_text()
    assert "低效用地" in text  # an exact search finds it: real characters, not radicals
    assert not any(0x2F00 <= ord(c) <= 0x2FDF or 0x2E80 <= ord(c) <= 0x2EFF for c in text)
    for park in PARKS:
        assert park in text
    assert reader.metadata.title == "2026年低效用地盘活工作图"
    assert reader.metadata.author == "南通市自然资源和规划局"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "+" in str(desc["/FontName"])  # a subset, embedded
        assert "/FontFile2" in desc or "/FontFile3" in desc
    content = reader.pages[0].get_contents().get_data()
    assert content.count(b" re") + content.count(b" l") > 20  # vector drawing, not an image
    assert "/XObject" not in reader.pages[0]["/Resources"] or not any(
        x.get_object().get("/Subtype") == "/Image"
        for x in reader.pages[0]["/Resources"]["/XObject"].values())


def test_scale_bar_and_map_are_true_on_paper(data, tmp_path):
    """At 1:10,000 a 100 m parcel is 10 mm on paper, and the scale bar says what it is."""
    from PySide6.QtGui import QImage

    from landplanner.layout.export import export_png
    from landplanner.layout.model import Layout

    dpi = 300
    layout = Layout(paper="A3", orientation="landscape", scale=10_000,
                    extent=(X0, Y0, X0 + 100, Y0 + 100), style="category")
    out = tmp_path / "map.png"
    result = export_png(out, layout, data, dpi=dpi)
    placed = result.placed[0]
    assert placed.scale == 10_000
    # the bar's length on paper against its label
    assert placed.scale_bar_mm == pytest.approx(placed.scale_bar_m * 1000 / 10_000, rel=0.01)
    image = QImage(str(out))
    px_per_mm = dpi / 25.4
    # the scale bar measured in the image: dark and light segments with outline
    bar = placed.rects["scale_bar"]
    y = int((bar.top() + bar.height() / 2) * px_per_mm)
    row = [image.pixelColor(x, y).value() for x in range(image.width())]
    x0 = int(bar.left() * px_per_mm) - 3
    x1 = int(bar.right() * px_per_mm) + 3
    dark = [x for x in range(x0, x1) if row[x] < 100]
    measured_mm = (dark[-1] - dark[0] + 1) / px_per_mm
    assert measured_mm == pytest.approx(placed.scale_bar_mm, rel=0.01)
    # the map itself: parcel DK001 (100 m wide, idle fill) centred in the frame
    frame = placed.rects["map"]
    cy = int((frame.top() + frame.height() / 2) * px_per_mm)
    cx = int((frame.left() + frame.width() / 2) * px_per_mm)
    fill = image.pixelColor(cx, cy)
    assert fill.name() == "#fc8d62"
    inner = [x for x in range(cx - 400, cx + 400) if image.pixelColor(x, cy) == fill]

    def ink(x):
        c = image.pixelColor(x, cy)
        return c.value() < 250 or c.saturation() > 10

    left, right = cx, cx
    while ink(left - 1):
        left -= 1
    while ink(right + 1):
        right += 1
    outer = [left, right]
    # the outline is centred on the boundary: the fill ends half a line inside, the ink half
    # a line outside, so their mean is the parcel's width on paper
    width_mm = ((inner[-1] - inner[0] + 1) + (outer[-1] - outer[0] + 1)) / 2 / px_per_mm
    assert width_mm == pytest.approx(10.0, rel=0.01)


@pytest.mark.parametrize("dpi", [150, 300, 600])
def test_png_has_the_requested_pixel_size(data, tmp_path, dpi):
    from PySide6.QtGui import QImage

    from landplanner.layout.export import export_png
    from landplanner.layout.model import Layout

    layout = Layout(paper="A4", orientation="portrait")
    out = tmp_path / f"map{dpi}.png"
    export_png(out, layout, data, dpi=dpi)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
    assert image.dotsPerMeterX() == round(dpi / 0.0254)


def test_unwritable_output_names_the_file_and_leaves_nothing(data, tmp_path):
    from landplanner.layout.export import ExportError, export_pdf
    from landplanner.layout.model import Layout

    missing = tmp_path / "no_such_folder" / "map.pdf"
    with pytest.raises(ExportError) as err:
        export_pdf(missing, Layout(), data)
    assert str(missing) in err.value.problem.message
    folder = tmp_path / "as_dir.pdf"
    folder.mkdir()
    with pytest.raises(ExportError):
        export_pdf(folder, Layout(), data)


def test_missing_glyph_is_refused_before_drawing(qapp, tmp_path):
    from landplanner.layout.data import build_map_data
    from landplanner.layout.export import ExportError, export_pdf
    from landplanner.layout.model import Layout

    data = build_map_data(make_project(), "park")
    out = tmp_path / "map.pdf"
    with pytest.raises(ExportError) as err:
        export_pdf(out, Layout(title="低效用地 \U00020000 图"), data)  # CJK Ext. B, not in font
    assert "U+20000" in err.value.problem.message
    assert not out.exists()
    assert not list(tmp_path.iterdir())  # no temporary file left behind


def test_cancelled_export_is_not_a_success(data, tmp_path):
    from landplanner.layout.export import ExportError, export_pdf
    from landplanner.layout.model import Layout
    from landplanner.render.context import StopFlag

    stop = StopFlag()
    stop.stop()
    out = tmp_path / "map.pdf"
    with pytest.raises(ExportError):
        export_pdf(out, Layout(), data, stop=stop)
    assert not out.exists()


def test_legend_that_does_not_fit_is_refused(qapp, tmp_path):
    import geopandas as gpd

    from landplanner.layout.data import build_map_data
    from landplanner.layout.export import ExportError, export_pdf
    from landplanner.layout.model import Layout

    project = make_project()
    n = 160
    project.parcels = gpd.GeoDataFrame(
        {"parcel_id": [f"P{i}" for i in range(n)], "park": [f"第{i:03d}号产业园" for i in range(n)],
         "category": ["idle"] * n, "area_mu": [1.0] * n},
        geometry=[shapely.box(X0 + i * 50, Y0, X0 + i * 50 + 40, Y0 + 40) for i in range(n)],
        crs="EPSG:4549")
    project.parks = None
    data = build_map_data(project, "park")
    with pytest.raises(ExportError) as err:
        export_pdf(tmp_path / "map.pdf", Layout(paper="A4", orientation="portrait"), data)
    assert "图例" in err.value.problem.message or "legend" in err.value.problem.message


def test_round_scale_and_template_round_trip():
    from landplanner.layout.model import Layout, round_scale, template, with_template
    from landplanner.problems import InputError

    assert [round_scale(v) for v in (9_000, 10_000, 10_001, 23_000, 120_000)] == \
        [10_000, 10_000, 20_000, 25_000, 200_000]
    layout = Layout(name="挂图", paper="A0", title="作战图", scale=10000, note="备注")
    settings = with_template({"year": 2026}, layout)
    assert settings["year"] == 2026
    again = template(settings, "挂图")
    assert again == layout
    with pytest.raises(InputError):
        template(settings, "没有")
    with pytest.raises(InputError):
        Layout(paper="B5")
    with pytest.raises(InputError):
        Layout(scale=-5)


def test_geographic_crs_is_refused(qapp):
    from landplanner.layout.data import build_map_data
    from landplanner.problems import InputError

    project = make_project()
    project.parcels = project.parcels.to_crs("EPSG:4490")
    with pytest.raises(InputError):
        build_map_data(project)


def test_quota_table_on_paper_is_the_core_quota(data):
    from landplanner.analysis import quota
    from landplanner.layout.paint import quota_rows

    table = quota.compute(data.project.parcels, data.project.plans, data.project.settings,
                          data.today)
    rows = quota_rows(data)
    assert [r[0] for r in rows[:-1]] == [str(p) for p in table["park"][:-1]]
    assert rows[-1][2] == f"{table['done_mu'].iloc[-1]:,.1f}"
    assert np.isfinite(table["target_mu"]).all()


def test_png_too_large_for_memory_is_refused_with_the_numbers(data, tmp_path):
    from landplanner.layout.export import ExportError, export_png
    from landplanner.layout.model import Layout

    with pytest.raises(ExportError) as err:
        export_png(tmp_path / "a0.png", Layout(paper="A0"), data, dpi=600)
    assert "600" in err.value.problem.message
    assert not list(tmp_path.iterdir())


def test_fingerprint_follows_geometry_and_attributes_and_quota_is_lazy(qapp, monkeypatch):
    """The printed fingerprint changes with a vertex or a cell; a page without the quota
    table and without parks never computes the quota table."""
    from landplanner.analysis import quota
    from landplanner.layout.data import build_map_data, fingerprint
    from landplanner.layout.export import PDF_DPI
    from landplanner.layout.model import Layout
    from landplanner.layout.paint import paint_layout

    project = make_project()
    base = fingerprint(project)
    assert fingerprint(make_project()) == base
    moved = make_project()
    moved.parcels.loc[0, "geometry"] = shapely.box(X0, Y0, X0 + 100, Y0 + 101)
    assert fingerprint(moved) != base
    renamed = make_project()
    renamed.parcels.loc[3, "enterprise"] = "另一家公司"
    assert fingerprint(renamed) != base
    data = build_map_data(project, "category", today=dt.date(2026, 11, 1))
    assert data.fingerprint == base  # the layer's coordinates hash as the parcels' do

    calls = []
    real = quota.compute
    monkeypatch.setattr(quota, "compute", lambda *a, **k: calls.append(1) or real(*a, **k))
    project.parks = None
    data = build_map_data(project, "category", today=dt.date(2026, 11, 1))
    placed = paint_layout(None, Layout(quota_table=False), data, PDF_DPI)
    assert calls == [] and placed.complete
    assert data.quota is not None and calls == [1]  # asked for: computed once

    import landplanner.layout.data as layout_data

    scored = []
    monkeypatch.setattr(layout_data, "project_scores", lambda p: scored.append(1))
    build_map_data(project, "category", with_scores=False)
    assert scored == []  # a page that does not show the class does not score
    build_map_data(project, "class", with_scores=True)
    assert scored == [1]


def _render_pdf(path, dpi=100):
    """The first page of ``path`` as an RGB numpy array (Qt's own PDF renderer)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
    image = image.convertToFormat(image.Format.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width() * 3]
    return arr.reshape(image.height(), image.width(), 3).astype(int)


def test_parcel_stream_under_the_page_draws_what_qt_draws(data, tmp_path, monkeypatch):
    """The parcels written as the page's first content stream look as Qt's own drawing of
    them (same pixels), and the page keeps its text; a file not laid out as Qt writes it is
    left alone and the export draws through Qt instead."""
    from landplanner.layout import export as ex
    from landplanner.layout.model import Layout
    from landplanner.layout.pdf_underlay import UnderlayError, append_underlay

    layout = Layout(paper="A4", orientation="landscape", title="低效用地分布图", scale=25000)
    fast = tmp_path / "fast.pdf"
    ex.export_pdf(fast, layout, data)
    page = pypdf.PdfReader(str(fast)).pages[0]
    assert len(page["/Contents"]) == 2  # [parcels, Qt's page]
    assert "低效用地分布图" in page.extract_text() and PARKS[0] in page.extract_text()

    class QtOnly(ex.VectorUnderlay):
        def add(self, *args, **kwargs):
            return False

    monkeypatch.setattr(ex, "VectorUnderlay", QtOnly)
    slow = tmp_path / "slow.pdf"
    ex.export_pdf(slow, layout, data)
    assert not isinstance(pypdf.PdfReader(str(slow)).pages[0]["/Contents"], list)
    a, b = _render_pdf(fast), _render_pdf(slow)
    diff = np.abs(a - b).max(axis=2)
    assert (diff > 8).mean() < 0.001, (diff > 8).mean()
    # the parcels are on the page (orange 闲置 fill), not hidden under a white frame
    orange = (np.abs(a - np.array([0xfc, 0x8d, 0x62])).max(axis=2) < 6).sum()
    assert orange > 100

    odd = tmp_path / "odd.pdf"
    odd.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(UnderlayError):
        append_underlay(odd, ex.VectorUnderlay(), 600)
    assert odd.read_bytes() == b"%PDF-1.4\n%%EOF\n"


def test_path_lines_write_whole_numbers_signs_and_operators():
    from landplanner.layout.pdf_underlay import path_lines

    text, ends = path_lines(np.array([0, -5, 123, 10]), np.array([7, 10, -4560, 0]),
                            np.array([True, False, False, True]))
    assert text == b"0 7 m\n-5 10 l\n123 -4560 l\n10 0 m\n"
    assert ends.tolist() == [6, 14, 26, 33]
