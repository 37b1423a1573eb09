"""The phase machine: a `transitions` state machine built from the scenario's validated phases.

One machine per scenario, shared by every game (building one per game would cost more than a
whole game). The engine checks the current phase's compiled transition conditions each turn
(cheap); only when one holds does it fire the machine, which re-checks the condition and moves.
Triggers, states and conditions come only from validated names and engine-owned callables: no
string from YAML is ever resolved to a Python callable (auto_transitions is off too).
"""
from __future__ import annotations

from transitions import Machine, MachineError


class PhaseError(RuntimeError):
    """The machine refused a move the engine asked for: a bug, never a player's mistake."""


class _Cursor:
    """The machine's model: holds the phase of the game currently being moved."""

    state: str


class PhaseMachine:
    def __init__(self, scenario):
        self._ids = [p.id for p in scenario.phases]
        self._index = {p: i for i, p in enumerate(self._ids)}
        self._cursor = _Cursor()
        transitions = []
        for phase in scenario.phases:
            for dest, condition in phase.transitions:
                transitions.append({
                    "trigger": self.trigger_name(phase.index, dest),
                    "source": phase.id,
                    "dest": self._ids[dest],
                    "conditions": [condition],   # compiled closure: called as condition(v)
                })
        self.machine = Machine(model=self._cursor, states=list(self._ids), transitions=transitions,
                               initial=self._ids[0], auto_transitions=False, ignore_invalid_triggers=False)
        self._states = [self.machine.get_state(p) for p in self._ids]
        self._events = self.machine.events

    @staticmethod
    def trigger_name(source: int, dest: int) -> str:
        return f"move_{source}_{dest}"

    def move(self, source: int, dest: int, v: list) -> int:
        """Fire source -> dest for state vector `v`; return the phase index the machine lands in."""
        cursor = self._cursor
        if cursor.state != self._ids[source]:
            self.machine.set_state(self._states[source], cursor)
        try:
            moved = self._events[self.trigger_name(source, dest)].trigger(cursor, v)
        except (MachineError, KeyError) as exc:
            raise PhaseError(f"the phase machine has no move {self._ids[source]} -> {self._ids[dest]}") from exc
        if not moved:
            raise PhaseError(f"the phase machine refused {self._ids[source]} -> {self._ids[dest]}")
        return self._index[cursor.state]
