"""MapCanvas driven through real mouse events: select, identify, zoom, measure, render."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

pytest.importorskip("PySide6")
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from landplanner.render.context import MapView  # noqa: E402
from landplanner.ui.map_canvas import MapCanvas, ToolMode  # noqa: E402

X0, Y0 = 500_000.0, 3_540_000.0  # EPSG:4549, near Nantong


def _parcels():
    # three 100 m squares in a row, 50 m apart
    geoms = [shapely.box(X0 + i * 150, Y0, X0 + i * 150 + 100, Y0 + 100) for i in range(3)]
    return gpd.GeoDataFrame({"parcel_id": ["P1", "P2", "P3"], "category": ["idle"] * 3},
                            geometry=geoms, crs="EPSG:4549")


@pytest.fixture
def canvas(qtbot):
    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(400, 300)
    c.show()
    c.setParcels(_parcels())
    # 1 m per pixel, map x = X0 - 20 + px, y = Y0 + 150 - py: clicks land on whole metres
    c.setView(MapView(X0 + 180.0, Y0 + 0.0, 1.0, 400, 300))
    c.waitForRender()
    return c


def _send(widget, kind, px, py, button=Qt.MouseButton.LeftButton, mods=Qt.KeyboardModifier.NoModifier):
    pos = QPointF(px, py)
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    ev = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, mods)
    QApplication.sendEvent(widget, ev)


def _click(widget, px, py, mods=Qt.KeyboardModifier.NoModifier):
    _send(widget, QEvent.Type.MouseButtonPress, px, py, mods=mods)
    _send(widget, QEvent.Type.MouseButtonRelease, px, py, mods=mods)


def _drag(widget, a, b, mods=Qt.KeyboardModifier.NoModifier):
    _send(widget, QEvent.Type.MouseButtonPress, *a, mods=mods)
    _send(widget, QEvent.Type.MouseMove, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, mods=mods)
    _send(widget, QEvent.Type.MouseMove, *b, mods=mods)
    _send(widget, QEvent.Type.MouseButtonRelease, *b, mods=mods)


def _px(canvas, x, y):
    return canvas.view().to_pixel(x, y)


def test_click_select_emits_the_parcel_under_the_cursor(canvas, qtbot):
    canvas.setToolMode(ToolMode.SELECT)
    px, py = _px(canvas, X0 + 150 + 50, Y0 + 50)  # middle of the second square
    with qtbot.waitSignal(canvas.selectionChanged) as sig:
        _click(canvas, px, py)
    assert sig.args == [[1]]


def test_shift_click_adds_and_box_select(canvas, qtbot):
    canvas.setToolMode(ToolMode.SELECT)
    _click(canvas, *_px(canvas, X0 + 50, Y0 + 50))
    with qtbot.waitSignal(canvas.selectionChanged) as sig:
        _click(canvas, *_px(canvas, X0 + 350, Y0 + 50), mods=Qt.KeyboardModifier.ShiftModifier)
    assert sig.args == [[0, 2]]
    # a box over the first two squares only (x from X0-10 to X0+200)
    a = _px(canvas, X0 - 10, Y0 + 120)
    b = _px(canvas, X0 + 200, Y0 - 10)
    with qtbot.waitSignal(canvas.selectionChanged) as sig:
        _drag(canvas, a, b)
    assert sig.args == [[0, 1]]
    with qtbot.waitSignal(canvas.selectionChanged) as sig:
        _drag(canvas, _px(canvas, X0 + 290, Y0 + 120), _px(canvas, X0 + 420, Y0 - 10),
              mods=Qt.KeyboardModifier.ShiftModifier)
    assert sig.args == [[0, 1, 2]]


def test_set_selection_from_the_table_emits_nothing(canvas, qtbot):
    with qtbot.assertNotEmitted(canvas.selectionChanged):
        canvas.setSelection([2, 0, 7])
    assert canvas.selection() == [0, 2]  # out-of-range rows are ignored


def test_a_selection_is_drawn_and_goes_when_cleared(canvas, qtbot):
    assert "selection" not in canvas._images  # nothing selected: no layer image at all
    centre = _px(canvas, X0 + 50, Y0 + 50)  # middle of the first square
    before = canvas.grab().toImage().pixelColor(int(centre[0]), int(centre[1]))
    canvas.setSelection([0])
    canvas.waitForRender()
    assert "selection" in canvas._images
    selected = canvas.grab().toImage().pixelColor(int(centre[0]), int(centre[1]))
    assert selected != before  # the translucent highlight over the parcel
    canvas.setSelection([])
    canvas.waitForRender()
    assert "selection" not in canvas._images
    assert canvas.grab().toImage().pixelColor(int(centre[0]), int(centre[1])) == before


def test_identify_click_and_miss(canvas, qtbot):
    canvas.setToolMode(ToolMode.IDENTIFY)
    with qtbot.waitSignal(canvas.featureIdentified) as sig:
        _click(canvas, *_px(canvas, X0 + 320, Y0 + 10))
    assert sig.args == [2]
    with qtbot.waitSignal(canvas.featureIdentified) as sig:
        _click(canvas, *_px(canvas, X0 + 125, Y0 + 50))  # in the gap between squares
    assert sig.args == [-1]


def test_wheel_zoom_keeps_the_map_point_under_the_cursor(canvas):
    pos = QPointF(123, 77)
    before = canvas.view().to_map(pos.x(), pos.y())
    ev = QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 240),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, ev)
    assert canvas.view().res == pytest.approx(1.0 / 1.25 ** 2)
    assert canvas.view().to_map(pos.x(), pos.y()) == pytest.approx(before)


def test_measure_area_of_a_square_in_mu(canvas):
    canvas.setToolMode(ToolMode.MEASURE_AREA)
    # a 90 m x 90 m square: 8100 m² = 8100 / (10000 / 15) = 12.15 mu
    for x, y in [(0, 0), (90, 0), (90, 90), (0, 90)]:
        _click(canvas, *_px(canvas, X0 + x, Y0 + y))
    m = canvas.measurement()
    assert m.area_m2 == pytest.approx(8100.0)
    assert m.area_mu == pytest.approx(12.15)
    assert m.length_m == pytest.approx(360.0)
    text = canvas.measurementText()
    assert "12.15 mu" in text or "12.15 亩" in text  # English source or the zh translation


def test_measure_distance(canvas):
    canvas.setToolMode(ToolMode.MEASURE_DISTANCE)
    for x, y in [(0, 0), (30, 40), (30, 140)]:  # 50 m + 100 m
        _click(canvas, *_px(canvas, X0 + x, Y0 + y))
    assert canvas.measurement().length_m == pytest.approx(150.0)


def test_pan_drag_moves_the_view(canvas):
    canvas.setToolMode(ToolMode.PAN)
    before = canvas.view()
    _drag(canvas, (200, 150), (250, 130))
    after = canvas.view()
    assert after.cx == pytest.approx(before.cx - 50)
    assert after.cy == pytest.approx(before.cy - 20)


def test_scale_and_full_extent_and_render_finished(canvas, qtbot):
    with qtbot.waitSignal(canvas.renderFinished, timeout=5000):
        canvas.zoomToFullExtent()
    xmin, ymin, xmax, ymax = canvas.view().extent
    assert xmin <= X0 and xmax >= X0 + 400 and ymin <= Y0 and ymax >= Y0 + 100
    dpi = canvas.logicalDpiX()
    assert canvas.scale() == pytest.approx(canvas.view().res / (0.0254 / dpi))


def test_rendered_canvas_shows_the_style_colour(canvas):
    canvas.setStyle("category")
    canvas.waitForRender()
    image = canvas.grab().toImage()
    px, py = _px(canvas, X0 + 15, Y0 + 15)  # away from the centred label
    assert image.pixelColor(int(px), int(py)).name() == "#fc8d62"
    px, py = _px(canvas, X0 + 125, Y0 + 50)
    assert image.pixelColor(int(px), int(py)).name() == "#ffffff"


def test_style_status_classifies_chinese_and_keys():
    from landplanner.ui.styles import get_style

    df = gpd.GeoDataFrame({"plan_status": ["未启动", "in_progress", "已销号", None, "???"],
                           "overdue": [True, False, None, False, True]})
    style = get_style("status")
    assert style.classify(df).tolist() == [0, 1, 3, 4, 4]
    assert style.overdue(df).tolist() == [True, False, False, False, True]
    legend = style.legend(df)
    assert legend[-1].accent and legend[0].label.endswith("(1)")
    assert np.bincount(style.classify(df)).sum() == 5


def test_markers_lie_under_the_park_gauges(canvas):
    """Asset and candidate markers are painted under the overlay (park boundaries, quota
    gauges, labels), as QGIS draws labels over every symbol: a gauge stays readable."""
    park = shapely.box(X0 - 10, Y0 - 40, X0 + 400, Y0 + 140)
    canvas.setParks(gpd.GeoDataFrame({"name": ["测试园区"]}, geometry=[park], crs="EPSG:4549"))
    canvas.setQuotaLabels({"测试园区": (400.0, 800.0, False)})
    canvas.waitForRender()
    centre = shapely.point_on_surface(park)
    canvas.setMarkers("assets", [(centre.x, centre.y, "#ff00ff", "")])
    canvas.repaint()
    image = canvas.grab().toImage()
    px, py = _px(canvas, centre.x, centre.y)
    colour = image.pixelColor(int(px), int(py))
    # under the gauge's near-opaque white box: pale, not the marker's magenta
    assert colour.green() > 180, colour.name()
    # the same marker away from the gauge is drawn in its colour
    canvas.setMarkers("assets", [(X0 + 15, Y0 + 15, "#ff00ff", "")])
    canvas.repaint()
    image = canvas.grab().toImage()
    px, py = _px(canvas, X0 + 15, Y0 + 15)
    assert image.pixelColor(int(px), int(py)).name() == "#ff00ff"


@pytest.mark.parametrize("dtype", ["object", "str", "string[pyarrow]", "category"])
def test_a_style_classifies_the_same_whatever_the_columns_storage(dtype):
    """Text read from a file (pyarrow-backed), typed in the app (object) or categorical: the
    same words give the same classes; padding and case of the key spellings do not matter."""
    from landplanner.ui.styles import get_style

    words = ["闲置", " idle ", "低效", "LOW_EFFICIENCY", None, "其他用途", "unsupplied", "闲置"]
    df = pd.DataFrame({"category": pd.Series(words, dtype=dtype)})
    style = get_style("category")
    last = len(style.keys) - 1
    idle, low, unsupplied = (style.keys.index(k) for k in ("idle", "low_efficiency",
                                                             "unsupplied"))
    assert style.classify(df).tolist() == [idle, idle, low, low, last, last, unsupplied, idle]


def test_a_style_classifies_numbers_and_flags_by_their_text():
    from landplanner.ui.styles import get_style

    style = get_style("park", pd.DataFrame({"park": ["1", "True", "2.5"]}))
    one, true, half, last = (style.keys.index(k) for k in ("1", "True", "2.5", ""))
    cases = [((1, 1, None), ("object", "Int64"), [one, one, last]),
             ((2.5, float("nan"), 1.0), ("object", "float64"), [half, last, last]),
             ((True, None, True), ("object", "boolean"), [true, last, true])]
    for values, dtypes, expected in cases:
        for dtype in dtypes:
            df = pd.DataFrame({"park": pd.Series(list(values), dtype=dtype)})
            assert style.classify(df).tolist() == expected, (values, dtype)


@pytest.mark.parametrize("values, dtype", [
    (["P1", None, "地块3"], "str"), (["P1", None, [1, 2]], "object"), ([1.5, None, 3.0], "float64"),
    ([1, None, 3], "Int64"), (["2026-01-02", None, "2026-03-04"], "datetime64[ns]"),
    (["甲", None, "乙"], "category"), ([True, None, False], "boolean")])
def test_label_texts_are_the_columns_values_as_text(values, dtype):
    from landplanner.ui.map_canvas import LabelTexts

    column = pd.Series(values, dtype=dtype)
    texts = LabelTexts(column)
    expected = np.where(column.isna(), None, column.astype(str)).astype(object)  # (all at once)
    assert len(texts) == 3 and [texts[i] for i in range(3)] == expected.tolist()
    assert texts[np.int64(1)] is None
