"""Why a value changed: a turn record's `changes` as "Tension 31 → 43 because: +12 …" lines.

Only values the reader may see are worded; a cause the reader may not see (the other side's
secret move) is "a move you could not see", never its name.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CauseLine:
    amount: float
    text: str          # e.g. "+12 Gazprom cuts spot gas supplies"
    what: str          # the cause alone, e.g. "Gazprom cuts spot gas supplies"


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One variable's change in a turn: `text` 'Tension 31 → 43', `because` the causes in a line."""

    variable: str
    label: str
    old: float
    new: float
    text: str
    old_text: str      # '110', '45%'
    new_text: str      # '114 thousand troops', '48%'
    causes: tuple[CauseLine, ...]
    because: str       # "because: +12 …, -2 …" ('' when the record gives no causes)


def change_lines(p, changes: Mapping, limit: int | None = None) -> list[ChangeLine]:
    """The visible changes in the record's order; with `limit`, only the largest causes of each
    and "and N more" (a turn with nine events should not bury the prompt)."""
    out = []
    for var_id, change in changes.items():
        if not p.visible(var_id):
            continue
        old, new, causes = _unpack(change)
        words = sorted((_cause(p, c) for c in causes), key=lambda c: -abs(c.amount))
        shown = words if limit is None else words[:limit]
        parts = [c.text for c in shown]
        if len(shown) < len(words):
            parts.append(p.t("more_causes", count=len(words) - len(shown)))
        because = p.t("because", causes=", ".join(parts)) if parts else ""
        old_text, new_text = _old(p, var_id, old), p.value(var_id, new)
        text = p.t("change", variable=p.variable(var_id), old=old_text, new=new_text)
        out.append(ChangeLine(var_id, p.variable(var_id), old, new, text, old_text, new_text, tuple(words), because))
    return out


def _old(p, var_id: str, old: float) -> str:
    """The value before, with its unit only when it is a sign ('45%'), not a word said twice."""
    value = p.value(var_id, old)
    return value if value.endswith("%") else p.num(old)


def _unpack(change) -> tuple[float, float, list]:
    """A change as the contract writes it ({"from", "to", "causes"}), or an older [from, to] pair."""
    if isinstance(change, Mapping):
        return float(change.get("from", 0)), float(change.get("to", 0)), list(change.get("causes") or ())
    old, new = change
    return float(old), float(new), []


def cause_text(p, cause: Mapping) -> str:
    """The cause alone, in words: 'Washington: US imposes new sanctions on Russia'."""
    kind = cause.get("kind")
    if kind == "action":
        side, action_id = cause.get("side"), cause.get("id")
        spec = p.action_spec(side, action_id)
        public = spec.public if spec is not None else True
        if not public and not p.sees_side(side):
            return p.t("cause.action_unseen")
        if p.is_me(side):
            return p.t("cause.action_you", action=spec.label if spec is not None else p.action_news(side, action_id))
        return p.said_by(p.side(side), p.action_news(side, action_id))
    if kind == "message":
        key = f"cause.message.{cause.get('message')}"
        if key not in p.strings:
            return p.t("cause.other", kind=cause.get("message"))
        return p.t(key + ("_you" if p.is_me(cause.get("side")) else ""), side=p.side(cause.get("side")))
    if kind in ("agreement", "breach"):
        issue = cause.get("issue")
        return p.t(f"cause.{kind}", issue=p.issue(issue), option=p.option(issue, cause.get("option")))
    if kind == "event":
        return p.t("cause.event", headline=p.event(cause.get("id")))
    if kind in ("limit", "drift"):
        return p.t(f"cause.{kind}")
    return p.t("cause.other", kind=kind)


def _cause(p, cause: Mapping) -> CauseLine:
    amount = float(cause.get("amount", 0))
    what = cause_text(p, cause)
    return CauseLine(amount, p.t("cause", amount=p.signed(amount), what=what), what)
