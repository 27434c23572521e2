"""The core and the analysis package must not import Qt (DESIGN: data flows one way)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "landplanner"
#: Packages that draw with QtGui (headless, no widgets): the renderer and print layouts.
GUI_PACKAGES = ("render", "layout")
CORE_MODULES = sorted(
    "landplanner." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for p in PACKAGE.rglob("*.py")
    if "ui" not in p.relative_to(PACKAGE).parts and p.name != "__main__.py"
    and "app_command" not in p.name
    and not set(GUI_PACKAGES) & set(p.relative_to(PACKAGE).parts)
    and p.name not in ("print_command.py", "atlas_command.py")
)
DRAWING_MODULES = sorted(
    "landplanner." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for name in GUI_PACKAGES for p in (PACKAGE / name).rglob("*.py")
)


@pytest.mark.parametrize("module", DRAWING_MODULES)
def test_drawing_module_imports_no_widgets_and_nothing_from_ui(module):
    code = textwrap.dedent(
        f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == 'PySide6.QtWidgets' or name.startswith('landplanner.ui'):
                    raise ImportError('blocked in render/layout: ' + name)
        sys.meta_path.insert(0, Block())
        import {module}
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_qt(module):
    code = textwrap.dedent(
        f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'):
                    raise ImportError('Qt is blocked in the core: ' + name)
        sys.meta_path.insert(0, Block())
        import {module}
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
