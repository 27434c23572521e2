"""Display labels for coded values (categories, classes, plan statuses), through ``tr()``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def category_label(code: object) -> str:
    """闲置 / 低效 / 未供 / 其他 for the canonical category tags."""
    labels = {
        "idle": _t("Idle land"),
        "low_efficiency": _t("Low-efficiency land"),
        "unsupplied": _t("Approved, not supplied"),
        "other": _t("Other"),
    }
    return labels.get(code, "" if code is None else str(code))


def category_codes() -> list[str]:
    """The canonical category tags, in display order."""
    return ["idle", "low_efficiency", "unsupplied", "other"]


def class_label(code: object) -> str:
    """A–D with the policy name, T for not graded."""
    labels = {
        "A": _t("A Priority development"),
        "B": _t("B Encouraged to improve"),
        "C": _t("C Regulated"),
        "D": _t("D Backward, to be rectified"),
        "T": _t("T Not graded"),
    }
    return labels.get(code, "" if code is None or code != code else str(code))


def status_label(code: object) -> str:
    """Plan status: codes or the Chinese words themselves are accepted."""
    labels = {
        "not_started": _t("Not started"),
        "未启动": _t("Not started"),
        "in_progress": _t("In progress"),
        "推进中": _t("In progress"),
        "completed": _t("Completed"),
        "done": _t("Completed"),
        "已完成": _t("Completed"),
        "closed": _t("Closed"),
        "已销号": _t("Closed"),
    }
    if code is None or code != code:
        return _t("No plan")
    return labels.get(code, str(code))


def style_names() -> list[tuple[str, str]]:
    """Thematic map styles: ``(code, label)``."""
    return [
        ("category", _t("By land category")),
        ("class", _t("By per-mu class")),
        ("status", _t("By plan status")),
        ("park", _t("By park")),
    ]
