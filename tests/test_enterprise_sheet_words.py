"""企业清单 in both languages: headers and cells in words of the vocabulary, no codes."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import openpyxl
import pytest

from landplanner import vocabulary
from landplanner.cli import export_command

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels" / "sample_project.gpkg"
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not generated")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enterprise_sheet_reads_in_words(tmp_path, lang, capsys):
    parser = argparse.ArgumentParser()
    export_command.add_parser(parser.add_subparsers(dest="command"))
    out = tmp_path / f"{lang}.xlsx"
    args = parser.parse_args(["export", str(SAMPLE), "--xlsx", str(out), "--today", "2026-11-23",
                              "--lang", lang])
    assert export_command.run(args) == 0
    wb = openpyxl.load_workbook(out, read_only=True)
    ws = wb["企业清单" if lang == "zh" else "Enterprises"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    print(f"\n{lang} 企业清单 header:", head)
    print(f"{lang} first row:", rows[1])
    value, points = ("（值）", "（得分）") if lang == "zh" else (" (value)", " (points)")
    tax = vocabulary.label("indicator", "tax_per_mu", lang)
    assert tax + value in head and tax + points in head
    assert not any(str(h).startswith(("value:", "points:")) or "_" in str(h) for h in head)
    groups = {r[head.index(vocabulary.label("field", "group", lang))] for r in rows[1:]}
    assert groups and groups <= set(vocabulary.labels("group", lang).values())
    classes = {r[head.index(vocabulary.label("field", "class", lang))] for r in rows[1:]}
    assert classes and classes <= set(vocabulary.labels("class", lang).values())
    if lang == "zh":
        for h in head:
            assert not ASCII_WORD.search(h), h
        for r in rows[1:]:
            for key in ("group", "class"):
                assert not ASCII_WORD.search(str(r[head.index(vocabulary.label("field", key))]))
