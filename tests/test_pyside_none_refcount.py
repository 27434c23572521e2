"""Guard against PySide6 6.12.0's None-refcount bug coming back (../shared/traps).

On CPython 3.11 each void method call dropped one reference to None and the process died
with ``Fatal Python error: none_dealloc``. On 3.12+ None is immortal, so the count cannot
show it there; we check the installed version instead.
"""

import sys

import pytest

pytest.importorskip("PySide6")
from PySide6 import QtCore, QtGui  # noqa: E402
from PySide6 import __version__ as pyside_version


def test_installed_pyside_is_not_the_broken_release():
    assert pyside_version != "6.12.0", "PySide6 6.12.0 corrupts None's refcount; see pyproject"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on 3.12+")
def test_void_calls_keep_none_refcount(qapp):
    image = QtGui.QImage(50, 50, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    painter = QtGui.QPainter(image)
    poly = QtGui.QPolygonF([QtCore.QPointF(0, 0), QtCore.QPointF(10, 0), QtCore.QPointF(10, 10)])
    before = sys.getrefcount(None)
    for _ in range(1000):
        painter.drawPolygon(poly)
    obj = QtCore.QObject()
    for _ in range(1000):
        obj.setObjectName("x")
    delta = sys.getrefcount(None) - before
    painter.end()
    assert abs(delta) < 100, f"None refcount changed by {delta} over 2000 void calls"
