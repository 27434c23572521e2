"""Display labels for coded values (categories, classes, plan statuses), through ``tr()``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def category_label(code: object) -> str:
    """闲置 / 低效 / 未供 / 其他 for the canonical category tags."""
    labels = {
        "idle": QCoreApplication.translate("Labels", "Idle land"),
        "low_efficiency": QCoreApplication.translate("Labels", "Low-efficiency land"),
        "unsupplied": QCoreApplication.translate("Labels", "Approved, not supplied"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }
    return labels.get(code, "" if code is None else str(code))


def category_codes() -> list[str]:
    """The canonical category tags, in display order."""
    return ["idle", "low_efficiency", "unsupplied", "other"]


def class_label(code: object) -> str:
    """A–D with the policy name, T for not graded."""
    labels = {
        "A": QCoreApplication.translate("Labels", "A Priority development"),
        "B": QCoreApplication.translate("Labels", "B Encouraged to improve"),
        "C": QCoreApplication.translate("Labels", "C Regulated"),
        "D": QCoreApplication.translate("Labels", "D Backward, to be rectified"),
        "T": QCoreApplication.translate("Labels", "T Not graded"),
    }
    return labels.get(code, "" if code is None or code != code else str(code))


def status_label(code: object) -> str:
    """Plan status: codes or the Chinese words themselves are accepted."""
    labels = {
        "not_started": QCoreApplication.translate("Labels", "Not started"),
        "未启动": QCoreApplication.translate("Labels", "Not started"),
        "in_progress": QCoreApplication.translate("Labels", "In progress"),
        "推进中": QCoreApplication.translate("Labels", "In progress"),
        "completed": QCoreApplication.translate("Labels", "Completed"),
        "done": QCoreApplication.translate("Labels", "Completed"),
        "已完成": QCoreApplication.translate("Labels", "Completed"),
        "closed": QCoreApplication.translate("Labels", "Closed"),
        "已销号": QCoreApplication.translate("Labels", "Closed"),
    }
    if code is None or code != code:
        return QCoreApplication.translate("Labels", "No plan")
    return labels.get(code, str(code))


def style_names() -> list[tuple[str, str]]:
    """Thematic map styles: ``(code, label)``."""
    return [
        ("category", QCoreApplication.translate("Labels", "By land category")),
        ("class", QCoreApplication.translate("Labels", "By per-mu class")),
        ("status", QCoreApplication.translate("Labels", "By plan status")),
        ("park", QCoreApplication.translate("Labels", "By park")),
    ]
