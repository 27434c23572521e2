"""The house, enforced: the import-linter contracts of pyproject.toml hold (DESIGN: data flows
one way; no Qt below ui/). import-linter reads every import, also those inside functions."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
grimp = pytest.importorskip("grimp")
pytest.importorskip("importlinter")


def lint_imports(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    env = {"PYTHONPATH": str(cwd), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run([exe, "--no-cache", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_import_contracts_are_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_contracts_catch_qt_and_ui_imports_inside_functions(tmp_path):
    """The contracts, run over a copy of the package with a Qt import hidden in a function of
    the core and an import of ui/ in analysis/, report both: the contracts can fail."""
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copy(REPO / "pyproject.toml", copy)
    shutil.copytree(REPO / "landplanner", copy / "landplanner",
                    ignore=shutil.ignore_patterns("__pycache__", "*.otf", "*.qm", "*.ts"))
    area = copy / "landplanner" / "area.py"
    area.write_text(area.read_text(encoding="utf-8")
                    + "\n\ndef _later():\n    from PySide6.QtCore import QObject\n\n    return QObject\n",
                    encoding="utf-8")
    quota = copy / "landplanner" / "analysis" / "quota.py"
    quota.write_text(quota.read_text(encoding="utf-8")
                     + "\n\ndef _peek():\n    from landplanner.ui import labels\n\n    return labels\n",
                     encoding="utf-8")
    result = lint_imports(cwd=copy)
    assert result.returncode != 0
    assert "landplanner.area -> PySide6" in result.stdout
    assert "landplanner.analysis.quota -> landplanner.ui.labels" in result.stdout


def test_print_packages_paint_without_widgets():
    """render/ and layout/ may use QtGui (QPainter on any paint device) but no QtWidgets."""
    graph = grimp.build_graph("landplanner", include_external_packages=True, cache_dir=None)
    found = []
    for package in ("landplanner.render", "landplanner.layout"):
        if package not in graph.modules:
            continue  # not built yet: checked once it lands
        for module in {package} | graph.find_descendants(package):
            for imported in ("PySide6", "shiboken6"):
                for detail in graph.get_import_details(importer=module, imported=imported):
                    if re.search(r"QtWidgets|shiboken6", detail["line_contents"]):
                        found.append(f"{module}:{detail['line_number']}: {detail['line_contents']}")
    assert found == []
