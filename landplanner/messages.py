"""The one message catalogue of the core: every user-facing text in Chinese and English.

The core never hard-codes a sentence in one language. It calls :func:`text` with a code
and keyword arguments; the UI and the CLI choose the language with :func:`set_language`.
Modules register their messages at import time with :func:`register` so that the
catalogue stays next to the code that uses it while remaining one dictionary.
"""

from __future__ import annotations

import os

# code -> (Chinese, English); both are str.format templates.
_CATALOGUE: dict[str, tuple[str, str]] = {}
_language = os.environ.get("LANDPLANNER_LANG", "zh")


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add ``{code: (zh, en)}`` templates to the catalogue (a code may not change meaning)."""
    for code, pair in messages.items():
        if code in _CATALOGUE and _CATALOGUE[code] != pair:
            raise ValueError(f"message code {code!r} registered twice with different text")
        _CATALOGUE[code] = pair


def set_language(lang: str) -> None:
    """Choose ``"zh"`` (default) or ``"en"`` for :func:`text`."""
    global _language
    _language = "en" if lang.lower().startswith("en") else "zh"


def language() -> str:
    """The current language, ``"zh"`` or ``"en"``."""
    return _language


class Words(tuple):
    """A value inserted into a message in the message's language: ``Words((zh, en))``
    (the plain words for a library's error, a label), chosen when the message is written."""

    def pick(self, lang: str) -> str:
        return self[1] if lang == "en" else self[0]


def text(code: str, lang: str | None = None, **kwargs: object) -> str:
    """The message ``code`` in ``lang`` (default: the current language), formatted.

    A :class:`Words` value is put in as the words of that language."""
    zh, en = _CATALOGUE.get(code, (code, code))
    lang = "en" if (lang or _language) == "en" else "zh"
    template = en if lang == "en" else zh
    kwargs = {k: v.pick(lang) if isinstance(v, Words) else v for k, v in kwargs.items()}
    try:
        return template.format(**kwargs)
    except (KeyError, IndexError, ValueError):
        return template


def both(code: str, **kwargs: object) -> tuple[str, str]:
    """The message in Chinese and in English."""
    return text(code, "zh", **kwargs), text(code, "en", **kwargs)
