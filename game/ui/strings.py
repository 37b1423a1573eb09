"""The window's own words, kept in `locale/<lang>.yaml` apart from the code so they can be translated.

`t("start.new_game")` returns the text; `t("turn.header", turn=3)` fills `{turn}`. A missing key is
a programming error and raises KeyError naming it (the tests read every screen, so none slips by).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGE = "en"


@lru_cache(maxsize=4)
def _table(language: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{language}.yaml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))   # C parser when present
    flat: dict[str, str] = {}

    def walk(prefix: str, node) -> None:
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                walk(name, value)
            else:
                flat[name] = str(value).strip() if isinstance(value, str) else value
    walk("", data)
    return flat


def t(key: str, **values) -> str:
    """The text for `key` in the current language, with `{name}` fields filled from `values`."""
    text = _table(LANGUAGE)[key]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in _table(LANGUAGE)
