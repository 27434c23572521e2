"""argparse's own words (usage, errors, headings) in Chinese when the language is Chinese.

argparse looks its strings up through ``gettext`` (module globals ``_`` and ``ngettext``);
:func:`install` replaces those two with a lookup in :data:`ZH` that follows
:func:`landplanner.messages.language` at call time. Strings not in the table stay as
argparse wrote them. Install before building a parser: headings are looked up then.
"""

from __future__ import annotations

import argparse

from landplanner import messages

#: argparse's English msgids -> Chinese (same % placeholders).
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
}

#: The help texts of landplanner's own options (written in English in each command module)
#: -> Chinese. ``{}`` stands for a value formatted into the English text.
HELP_ZH: dict[str, str] = {
    "show program's version number and exit": "显示版本号并退出",
    "parcel file (.shp/.zip/.gpkg/.geojson) or project": "地块文件（.shp/.zip/.gpkg/.geojson）或项目",
    "save a screenshot and quit": "保存截图后退出",
    "map theme of the screenshot": "截图的地图专题",
    "window size, e.g. 1280x800": "窗口大小，如 1280x800",
    "language (default zh)": "语言（默认 zh 中文）",
    ".shp / .zip / folder / .gpkg / .geojson": ".shp / .zip / 文件夹 / .gpkg / .geojson",
    "layer name (a folder, zip or GeoPackage with several)": "图层名（文件夹、zip 或 GeoPackage 含多个图层时）",
    "DBF text encoding, e.g. GBK, UTF-8 (overrides detection)": "DBF 文字编码，如 GBK、UTF-8（代替自动判断）",
    "print one JSON object": "输出一个 JSON 对象",
    "language of messages (default zh)": "提示信息的语言（默认 zh 中文）",
    "language of messages": "提示信息的语言",
    "project (.gpkg) or parcel file (.shp/.zip/.gpkg/.geojson)": "项目（.gpkg）或地块文件（.shp/.zip/.gpkg/.geojson）",
    "workbook to write": "要写入的 Excel 工作簿",
    "indicator table (.xlsx/.csv)": "指标表（.xlsx/.csv）",
    "scoring preset": "评价方案",
    "scoring configuration file": "评价配置文件",
    "indicator year to score (default: the latest)": "评价的指标年度（默认：最新一年）",
    "reference date for idle years, overdue flags and quotas": "计算闲置年限、逾期标记和任务进度的基准日期",
    "language of the workbook and messages (default zh)": "工作簿和提示信息的语言（默认 zh 中文）",
    "print JSON": "输出 JSON",
    "quota year (default: the project's, or this year)": "任务年度（默认：项目设置的年度，或今年）",
    "reference date for the projection (default: today)": "预测的基准日期（默认：今天）",
    "亩均论英雄 scoring / enterprise scoring": "亩均论英雄 企业评价",
    "indicator table (.xlsx/.csv), parcel file, or project (.gpkg)": "指标表（.xlsx/.csv）、地块文件或项目（.gpkg）",
    "preset (default {})": "评价方案（默认 {}）",
    "year to score (default: the latest in the table)": "评价年度（默认：表中最新一年）",
    "print the result as JSON": "以 JSON 输出结果",
    "write the scoring configuration used to a TOML file": "把所用评价配置写入 TOML 文件",
    "explain one enterprise's class (USCC or exact name)": "说明一家企业的分类依据（统一社会信用代码或完整名称）",
    "Score, rank and class enterprises (亩均论英雄). Presets: {}": "企业评价、排名和分类（亩均论英雄）。评价方案：{}",
    "coordinate system of a file without a usable one, e.g. EPSG:4490": "文件没有可用坐标系时指定坐标系，如 EPSG:4490",
    "show the project's settings": "显示项目设置",
    "landplanner project file": "landplanner 项目文件",
    "set one setting (repeatable), e.g. year=2026": "修改一项设置（可重复），如 year=2026",
}


def translate_help(text: str | None) -> str | None:
    """A help text of :data:`HELP_ZH` in Chinese when the language is Chinese."""
    if not text or messages.language() != "zh":
        return text
    if text in HELP_ZH:
        return HELP_ZH[text]
    for english, chinese in HELP_ZH.items():
        if "{}" in english:
            head, tail = english.split("{}", 1)
            if text.startswith(head) and text.endswith(tail) and len(text) >= len(head + tail):
                return chinese.replace("{}", text[len(head) : len(text) - len(tail)])
    return text


def gettext(message: str) -> str:
    """``message`` in the current language (argparse's English when not Chinese)."""
    if messages.language() == "zh":
        return ZH.get(message, message)
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of ``message`` in the current language."""
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's strings through :func:`gettext` and option help through
    :func:`translate_help` (idempotent)."""
    argparse._ = gettext
    argparse.ngettext = ngettext
    formatter = argparse.HelpFormatter
    if not getattr(formatter, "_landplanner_zh", False):
        expand, add_text = formatter._expand_help, formatter.add_text

        def _expand_help(self, action):
            original = action.help
            action.help = translate_help(original)
            try:
                return expand(self, action)
            finally:
                action.help = original

        def _add_text(self, text):
            return add_text(self, translate_help(text))

        formatter._expand_help = _expand_help
        formatter.add_text = _add_text
        formatter._landplanner_zh = True


def language_from_argv(argv: list[str]) -> str | None:
    """The ``--lang`` given on the command line (``--lang en`` or ``--lang=en``), if any."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
