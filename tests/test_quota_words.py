"""Quota figures and words: the panel, ``landplanner quota`` (text and --json) and the
workbook's 园区进度 sheet show the same numbers under the same terms."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from landplanner import messages, vocabulary
from landplanner.cli import quota_command

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels" / "sample_project.gpkg"
TODAY = dt.date(2026, 11, 23)
FIGURES = ("target_mu", "done_mu", "in_progress_mu", "planned_mu", "candidate_mu",
           "projected_mu")

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not generated")


def _cli(capsys, *extra):
    parser = argparse.ArgumentParser()
    quota_command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["quota", str(SAMPLE), "--today", TODAY.isoformat(), *extra])
    assert quota_command.run(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_panel_cli_and_workbook_agree(qtbot, tmp_path, capsys, monkeypatch, lang):
    pytest.importorskip("PySide6")
    from landplanner.export.xlsx_export import export_workbook
    from landplanner.store import open_project
    from landplanner.ui.project_model import ProjectModel
    from landplanner.ui.quota_panel import QuotaPanel

    monkeypatch.setattr(messages, "_language", lang)
    rows = json.loads(_cli(capsys, "--json", "--lang", lang))
    by_park = {r["park"]: r for r in rows}
    text = _cli(capsys, "--lang", lang).splitlines()

    project = open_project(SAMPLE)
    pm = ProjectModel()
    pm.today = TODAY
    pm.set_project(project, SAMPLE, saved=True)
    panel = QuotaPanel(pm)
    qtbot.addWidget(panel)
    assert [c.park for c in panel.cards] == [r["park"] for r in rows]

    out = export_workbook(project, tmp_path / "w.xlsx", language=lang, today=TODAY)
    ws = openpyxl.load_workbook(out, read_only=True)["园区进度" if lang == "zh" else "Park progress"]
    sheet = list(ws.iter_rows(values_only=True))
    head = list(sheet[0])

    # the same words: workbook headers, CLI text header
    terms = {k: vocabulary.header("quota", k, lang) for k in ("park", *FIGURES, "behind")}
    assert set(terms.values()) <= set(head)
    assert set(terms.values()) <= set(text[0].split("\t"))
    assert vocabulary.header("quota", "percent", lang) in head

    district = vocabulary.label("quota", "district", lang)
    assert sheet[-1][0] == district and text[-1].split("\t")[0] == district
    for card in panel.cards:
        cli = by_park[card.park]
        xl = next(r for r in sheet[1:] if r[0] == (district if card.park == "district" else card.park))
        # the same words; a no-break space only keeps a figure with its unit when a line wraps
        words = " ".join(w.text() for w in card.findChildren(type(panel.message))).replace("\u00a0", " ")
        for key in FIGURES:
            panel_value = card.row[key]
            if cli[key] is None:
                assert panel_value != panel_value and xl[head.index(terms[key])] is None
                continue
            assert round(panel_value, 2) == cli[key]
            assert round(xl[head.index(terms[key])], 2) == cli[key]
            # the panel names every figure with the same term and shows the same number
            assert f"{vocabulary.label('quota', key, lang)} {cli[key]:,.2f}" in words, (key, words)
        if cli["percent"] is not None:
            assert round(xl[head.index(vocabulary.header("quota", "percent", lang))] * 100, 2) \
                == pytest.approx(cli["percent"], abs=0.011)
            assert card.bar.format() == f"{vocabulary.label('quota', 'percent', lang)} {cli['percent']:.1f}%"
        assert cli["behind"] == (vocabulary.label("quota", "behind", lang) in words)

