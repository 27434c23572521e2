"""One scoring pipeline (issue 8 §1 "Scores", "Vetoed firms"): the app, ``score``, ``score
--indicators`` and the 企业清单 sheet give the same scores, ranks, classes and benchmark basis."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from landplanner import vocabulary
from landplanner.cli import export_command, score_command

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels"
# e.g. "亩均税收 基准 16.80 万元/亩 = 2024 年规上组均值 × 2" (the figure depends on the sample)
TAX_BASIS = re.compile(r"^亩均税收 基准 (\d+\.\d\d) 万元/亩 = 2024 年规上组均值 × 2$")


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample_project.gpkg"
    shutil.copy(SAMPLE / "sample_project.gpkg", path)
    return path


@pytest.fixture(scope="module")
def safety_vetoed() -> set[str]:
    """Codes of the 2025 firms the table flags with a major safety accident (read directly)."""
    from landplanner.analysis.indicators import read_indicator_table

    table, _ = read_indicator_table(SAMPLE / "indicators_2025.xlsx", year=2025)
    return set(table.loc[table["veto_safety"].astype(bool), "uscc"])


def tax_basis(texts) -> str:
    return next(t for t in texts if TAX_BASIS.match(t))


def cli(module, *argv) -> int:
    parser = argparse.ArgumentParser(prog="landplanner")
    module.add_parser(parser.add_subparsers(dest="command"))
    return module.run(parser.parse_args([*argv]))


def score_json(capsys, *argv) -> dict:
    capsys.readouterr()
    assert cli(score_command, "score", *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


def by_code(answer: dict) -> dict:
    return {r["uscc"]: (r["score"], r["rank"], r["class"]) for r in answer["enterprises"]}


def test_score_with_and_without_the_same_year_table_agree(sample_project, capsys):
    plain = score_json(capsys, str(sample_project))
    again = score_json(capsys, str(sample_project), "--indicators",
                       str(SAMPLE / "indicators_2025.xlsx"))
    assert plain["year"] == again["year"] == 2025
    assert by_code(again) == by_code(plain)
    assert [b["text"] for b in again["basis"]] == [b["text"] for b in plain["basis"]]
    # the 2024 table is kept: the benchmarks stay 2 × the 2024 group averages
    texts = [b["text"] for b in plain["basis"]]
    figure = TAX_BASIS.match(tax_basis(texts)).group(1)
    assert {b["rule"] for b in plain["basis"]} == {"previous_mean"}
    above = [r for r in plain["enterprises"] if r["group"] == "above"]
    assert {f"{r['benchmarks']['tax_per_mu']:.2f}" for r in above} == {figure}


def test_text_output_states_the_basis(sample_project, capsys):
    capsys.readouterr()
    assert cli(score_command, "score", str(sample_project)) == 0
    out = capsys.readouterr().out.splitlines()
    assert tax_basis(line[2:] for line in out if line.startswith("# "))
    header = out.index(next(line for line in out if not line.startswith("#")))
    assert out[header].startswith("评价组\t排名")


def test_vetoed_firm_is_d_unranked_and_after_the_ranked_firms(sample_project, safety_vetoed, capsys):
    answer = score_json(capsys, str(sample_project))
    firms = answer["enterprises"]
    vetoed = [r for r in firms if "重大安全事故" in (r["reason"] or "")]
    assert {r["uscc"] for r in vetoed} == safety_vetoed & {r["uscc"] for r in firms}
    assert all(r["class"] == "D" and r["rank"] is None and "一票否决" in r["reason"] for r in vetoed)
    above = [r for r in firms if r["group"] == "above"]
    # the case of the issue: a vetoed firm with a top score does not take rank 1 or 2
    best = max(vetoed, key=lambda r: r["score"])
    assert best["score"] > next(r["score"] for r in above if r["rank"] == 2)
    assert [r["rank"] for r in above[:2]] == [1, 2] and best not in above[:2]
    ranks = [r["rank"] for r in above]
    first_unranked = ranks.index(None)
    assert all(r is None for r in ranks[first_unranked:])            # vetoed ones come last
    assert ranks[:first_unranked] == sorted(ranks[:first_unranked])
    assert all("一票否决" in r["reason"] for r in above[first_unranked:])


def test_workbook_lists_the_pipeline_scores_and_basis(sample_project, tmp_path, capsys):
    answer = score_json(capsys, str(sample_project))
    out = tmp_path / "lists.xlsx"
    assert cli(export_command, "export", str(sample_project), "--xlsx", str(out),
               "--today", "2025-09-30") == 0
    book, basis = workbook_scores(out)
    assert book == by_code(answer)
    assert tax_basis(t for text in basis for t in text.split("；"))
    assert {code for code, (_, rank, cls) in book.items() if rank is None} == \
        {r["uscc"] for r in answer["enterprises"] if r["rank"] is None}


def workbook_scores(path: Path) -> tuple[dict, set]:
    """``{code: (score, rank, class)}`` and the 评价基准 texts of a workbook's 企业清单."""
    ws = openpyxl.load_workbook(path, read_only=True)["企业清单"]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    col = {name: header.index(name) for name in ("统一社会信用代码", "综合得分", "排名", "亩均等级",
                                                  "评价基准")}
    book, basis = {}, set()
    for row in rows:
        rank = row[col["排名"]]
        book[row[col["统一社会信用代码"]]] = (round(row[col["综合得分"]], 2),
                                       None if rank is None else int(rank),
                                       vocabulary.code_for("class", row[col["亩均等级"]]))
        basis.add(row[col["评价基准"]])
    return book, basis


def test_app_and_cli_scores_agree(sample_project, main_window, open_in_window, qtbot, capsys,
                                  tmp_path):
    from landplanner.ui.workers import running_tasks

    cli_answer = score_json(capsys, str(sample_project), "--year", "2025")
    open_in_window(main_window, sample_project)
    pm = main_window.project_model
    qtbot.waitUntil(lambda: pm.scores is not None and running_tasks() == 0, timeout=60000)
    panel = main_window.scoring
    assert panel.year.currentData() == 2025
    app = {r["uscc"]: (round(float(r["score"]), 2), None if pd.isna(r["rank"]) else int(r["rank"]),
                       r["class"]) for r in pm.scores.to_dict("records")}
    assert app == by_code(cli_answer)
    assert panel.basis.text().splitlines() == [b["text"] for b in cli_answer["basis"]]
    assert tax_basis(panel.basis.text().splitlines())
    # opening and scoring is no edit: nothing to save
    assert not pm.dirty

    # the app's workbook lists the same scores and basis
    out = tmp_path / "app.xlsx"
    main_window.export_excel(out)
    qtbot.waitUntil(lambda: out.exists() and running_tasks() == 0, timeout=60000)
    book, basis = workbook_scores(out)
    assert book == by_code(cli_answer)
    assert tax_basis(t for text in basis for t in text.split("；"))

    # the details of a vetoed firm's parcel: class D and the reason, no rank, indicator names
    vetoed = next(r for r in cli_answer["enterprises"] if r["rank"] is None and r["class"] == "D")
    position = int((pm.parcels["uscc"] == vetoed["uscc"]).to_numpy().nonzero()[0][0])
    pm.set_selection([position])
    details = main_window.details
    cells = {details.table.item(r, 0).text(): (details.table.item(r, 1) or details.table.item(r, 0)).text()
             for r in range(details.table.rowCount())}
    assert vetoed["reason"] in cells.values()
    assert not any(key.startswith("排名") or key.startswith("Rank") for key in cells)
    assert any("亩均税收" in key for key in cells)


def test_scoring_runs_on_a_snapshot_and_honours_cancel(sample_project, main_window, open_in_window,
                                                        qtbot, monkeypatch):
    from landplanner.services import scoring as scoring_service
    from landplanner.ui.workers import running_tasks

    open_in_window(main_window, sample_project)
    pm = main_window.project_model
    qtbot.waitUntil(lambda: pm.scores is not None and running_tasks() == 0, timeout=60000)
    seen = []
    real = scoring_service.score_project

    def cancelled_at_once(project, config, year, progress):
        seen.append(project)
        return real(project, config, year, progress=lambda *_: False)

    monkeypatch.setattr(scoring_service, "score_project", cancelled_at_once)
    before = pm.score_result
    main_window.scoring.rescore()
    qtbot.waitUntil(lambda: running_tasks() == 0 and bool(seen), timeout=30000)
    assert seen[0] is not pm.project and seen[0].parcels is not pm.project.parcels
    assert pm.score_result is before                        # cancelled: nothing replaced
    assert main_window.scoring.status.text() == main_window.scoring.tr("Scoring cancelled.")


def test_explain_shows_the_same_benchmark_and_no_rank_for_a_vetoed_firm(sample_project, capsys):
    answer = score_json(capsys, str(sample_project))
    firm = max((r for r in answer["enterprises"] if r["group"] == "above" and r["rank"] is None),
               key=lambda r: r["score"])
    figure = TAX_BASIS.match(tax_basis(b["text"] for b in answer["basis"])).group(1)
    assert cli(score_command, "score", str(sample_project), "--explain", firm["uscc"]) == 0
    text = capsys.readouterr().out
    assert "一票否决" in text and "不参加“规上”组排名" in text and "排第" not in text
    assert f"基准 {figure} →" in text.splitlines()[1]                  # the basis's figure
