"""What really happened: the scenario's real timeline, the dates a game's turns reach, and the game's
own timeline beside the real one. Words only; the turn records are the engine's facts.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from game.present import origin as origins


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One entry of the real timeline (a day of real history the game may pass). `turn` is the game
    turn whose days contain its date (None when the date is outside the game); `mark` says the players
    are told when their game reaches it."""

    date: dt.date
    headline: str
    text: str                     # the entry's longer text ('' if none)
    origin: origins.Origin
    line: str = ""                # "21 February 2022: Putin recognises …"
    source: str = ""              # the source as cited, '' if it names none
    url: str = ""
    mark: bool = True
    turn: int | None = None
    banner: str = ""              # "This turn reaches 21 February 2022. In reality: …" (marked entries)


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """A turn of the game beside what really happened on those days (`turn` None: real events after
    the game ended, or ones the game never reached)."""

    turn: int | None
    days: str                                        # "19–21 February 2022"
    moves: tuple[str, ...] = ()                      # "Moscow: Launch a full-scale invasion", one per side
    game: tuple[str, ...] = ()                       # agreements, breaches, phase changes, the outcome
    real: tuple[HistoryLine, ...] = field(default_factory=tuple)
    reached: bool = True                             # the game played this turn


def _turn_of(p, date: dt.date) -> int | None:
    """The turn whose days contain `date` (None: before the game or after its last turn)."""
    for turn in range(1, p.scenario.max_turns + 1):
        first, last = p.turn_days(turn)
        if first <= date <= last:
            return turn
        if date < first:
            return None
    return None


def history_lines(p) -> list[HistoryLine]:
    """The scenario's `history` entries, by date, worded for the Presenter `p`."""
    model = p._ix.model
    out = []
    for entry in sorted(getattr(model, "history", ()) or (), key=lambda e: e.date):
        origin = origins.of_history(model, entry)
        date, headline = p.date(entry.date), " ".join(entry.headline.split())
        banner = p.t("history.mark", date=date, headline=headline) if entry.mark else ""
        out.append(HistoryLine(entry.date, headline, " ".join(entry.text.split()), origin,
                               p.t("history.line", date=date, headline=headline), p.cite(origin, dated=True),
                               origin.url, entry.mark, _turn_of(p, entry.date), banner))
    return out


def _moves(p, record: Mapping) -> tuple[str, ...]:
    out = []
    for side, choice in (record.get("choices") or {}).items():
        action_id = choice.get("action") if isinstance(choice, Mapping) else None
        if action_id is None:
            continue
        spec = p.action_spec(side, action_id)
        label = spec.label if spec is not None else p.t("action.pass") if action_id == "pass" else action_id
        out.append(f"{p.side(side)}: {label}")
    return tuple(out)


_GAME_FACTS = ("agreement", "breach", "phase", "outcome")


def timeline_rows(p, turns: Iterable[Mapping]) -> list[TimelineRow]:
    history = p.history()
    rows, played = [], set()
    for record in turns:
        turn = record.get("turn")
        if not isinstance(turn, int):
            continue
        played.add(turn)
        facts = [f for f in record.get("news", ()) if isinstance(f, Mapping) and f.get("kind") in _GAME_FACTS]
        game = tuple(line.text for line in (p.news(f) for f in facts) if line is not None)
        rows.append(TimelineRow(turn, p.turn_span(turn), _moves(p, record), game,
                                tuple(h for h in history if h.turn == turn)))
    last = max(played, default=0)
    later = tuple(h for h in history if h.turn is None or h.turn > last)
    if later:
        rows.append(TimelineRow(None, p.t("history.after_game"), real=later, reached=False))
    return rows
