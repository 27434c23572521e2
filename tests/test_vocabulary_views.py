"""Every code present in the sample project has both labels; the legend shows the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from landplanner import messages, vocabulary

SAMPLE = Path(__file__).resolve().parent.parent / "sample_parcels" / "sample_project.gpkg"


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample project not generated")
def test_every_code_in_the_sample_has_both_labels():
    from landplanner.store import open_project

    project = open_project(SAMPLE)
    present = {
        "category": set(project.parcels["category"].dropna()),
        "status": {p.status for p in project.plans},
        "method": {p.method for p in project.plans if p.method},
        "subject_kind": {p.subject_kind for p in project.plans},
        "plan_field": {e["field"] for p in project.plans for e in p.history},
    }
    scores = (project.settings or {}).get("scores") or []
    present["group"] = {r["group"] for r in scores if r.get("group")}
    present["class"] = {r["class"] for r in scores if r.get("class")}
    assert present["category"] and present["status"] and present["method"]
    for domain, found in present.items():
        for code in found:
            assert code in vocabulary.codes(domain) or (domain == "plan_field" and code == "created"), \
                (domain, code)
            assert vocabulary.label(domain, code, "zh") and vocabulary.label(domain, code, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name,domain", [("category", "category"), ("class", "class"),
                                         ("status", "status")])
def test_legend_labels_are_the_catalogue(monkeypatch, lang, name, domain):
    pytest.importorskip("PySide6")
    from landplanner.ui.styles import get_style

    monkeypatch.setattr(messages, "_language", lang)
    style = get_style(name)
    want = [vocabulary.label(domain, k, lang) if k else vocabulary.missing_label(domain, lang)
            for k in style.keys]
    assert style.labels == want
    assert all(want)
