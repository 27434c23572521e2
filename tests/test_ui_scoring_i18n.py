"""Scoring panel over the core, language switching, and the headless screenshot."""

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")


@pytest.fixture
def loaded(main_window, ui_parcel_file, open_in_window):
    open_in_window(main_window, ui_parcel_file)
    return main_window


def test_import_indicators_scores_like_the_core(loaded, ui_indicator_file, qtbot):
    from landplanner.analysis.indicators import build_enterprises, read_indicator_table
    from landplanner.analysis.scoring import score
    from landplanner.ui.workers import running_tasks

    loaded.import_indicators(ui_indicator_file)
    qtbot.waitUntil(lambda: loaded.project_model.scores is not None and running_tasks() == 0, timeout=30000)
    pm = loaded.project_model
    table, _ = read_indicator_table(ui_indicator_file)
    enterprises, _ = build_enterprises(pm.parcels, table, 2025)
    expected = score(enterprises, loaded.scoring.config)
    got = pm.scores.set_index("uscc").loc[expected["uscc"]]
    assert list(got["class"]) == list(expected["class"])
    assert got["score"].to_numpy() == pytest.approx(expected["score"].to_numpy())
    # The table shows each parcel's class from its enterprise.
    col = [c.key for c in loaded.table.model.columns].index("class")
    assert loaded.table.model.index(0, col).data()
    # Changing a weight in the form re-scores (debounced) with the new weight.
    panel = loaded.scoring
    old = pm.scores
    panel.indicators.item(0, 1).setText("0")
    qtbot.waitUntil(lambda: pm.scores is not old and running_tasks() == 0, timeout=30000)
    assert panel.config.indicators[0].weight == 0


def test_chinese_catalogue_is_complete():
    import xml.etree.ElementTree as ET

    ts = Path(__file__).resolve().parents[1] / "landplanner" / "i18n" / "landplanner_zh_CN.ts"
    unfinished = [
        m.find("source").text
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished" or not (m.find("translation").text or "")
    ]
    assert unfinished == []


def test_ui_strings_are_in_the_bundled_font(qapp):
    from PySide6.QtGui import QFont, QRawFont

    from landplanner.ui.fonts import register_bundled_font

    raw = QRawFont.fromFont(QFont(register_bundled_font()))
    root = Path(__file__).resolve().parents[1] / "landplanner"
    text = "".join(p.read_text(encoding="utf-8") for p in (root / "i18n").glob("*.ts"))
    missing = sorted({ch for ch in text if ord(ch) > 0x2000 and not raw.supportsCharacter(ord(ch))})
    assert missing == []


def test_language_switch_rebuilds_window_in_english(qapp, ui_settings, ui_parcel_file, qtbot):
    from landplanner.ui.app_controller import AppController
    from landplanner.ui.i18n import install_language

    install_language(qapp, "zh")
    controller = AppController(qapp)
    window = controller.start(None)
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    window.actions["lang_en"].trigger()
    english = controller.window
    assert english is not window
    assert english.menuBar().actions()[0].text() == "&File"
    assert english.actions["open"].text() == "Open…"
    english.actions["lang_zh"].trigger()
    assert controller.window.actions["open"].text() == "打开…"
    install_language(qapp, "zh")
    for w in (controller.window,):
        w._replacing = True
        w.close()


def test_screenshot_mode_writes_png(ui_parcel_file, tmp_path):
    out = tmp_path / "shot.png"
    code = (
        "import sys; from landplanner.cli import main; "
        f"sys.exit(main([{str(ui_parcel_file)!r}, '--screenshot', {str(out)!r}, "
        "'--size', '1280x800', '--style', 'park']))"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1], env=env)
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # the user's window layout is left as it was (a scripted picture is not a session)
    conf = "".join(p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*.conf"))
    assert "[window]" not in conf and "state=" not in conf


def test_screenshot_of_missing_file_fails_cleanly(tmp_path):
    code = (
        "import sys; from landplanner.cli import main; "
        f"sys.exit(main([{str(tmp_path / 'nope.shp')!r}, '--screenshot', {str(tmp_path / 'x.png')!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_every_ui_string_in_the_code_has_a_chinese_translation(tmp_path):
    """The catalogue is complete for the code as it is, not only for itself: lupdate over the
    UI sources finds no string without a Chinese translation (an English undo text slipped
    into the Chinese UI this way)."""
    import shutil
    import xml.etree.ElementTree as ET

    from landplanner.i18n import update_translations as ut

    lupdate = ut.tool("pyside6-lupdate")
    if shutil.which(lupdate) is None and not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate not available")
    ts = tmp_path / "zh.ts"
    shutil.copy(ut.HERE / "landplanner_zh_CN.ts", ts)
    subprocess.run([lupdate, *ut.sources(), "-no-obsolete", "-target-language", "zh_CN", "-ts",
                    str(ts)], check=True, cwd=ut.HERE.parent.parent, capture_output=True)
    unfinished = [m.find("source").text for m in ET.parse(ts).getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished"
                  or not (m.find("translation").text or "")]
    assert unfinished == []
