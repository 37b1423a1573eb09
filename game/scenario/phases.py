"""The phase machine: a `transitions` state machine built from the scenario's validated phases.

The machine defines and checks the phases (states, edges and their compiled conditions); it is
built once when a scenario is compiled and never changes afterwards. Games do not fire it:
each phase's compiled `next_phase` (its edges' conditions in the machine's order) is the table
derived from it, which a game reads without touching anything shared, so games on many threads
never interfere. `follow` fires the machine itself on a private model, for the test that proves
the table and the machine agree on every move. Triggers, states and conditions come only from
validated names and engine-owned callables (auto_transitions off): no YAML string is ever
resolved to a Python callable.
"""
from __future__ import annotations

from transitions import Machine, MachineError

from game.errors import HotlineError


class PhaseError(HotlineError, RuntimeError):
    """The machine refused a move the table asked for: a bug, never a player's mistake."""


class _Cursor:
    """A model for the machine: holds one phase."""

    state: str


class PhaseMachine:
    """The scenario's phases as a `transitions` machine, and the move table derived from it."""

    def __init__(self, phases):
        self.ids = tuple(p.id for p in phases)
        self._index = {p: i for i, p in enumerate(self.ids)}
        transitions = [{"trigger": self.trigger_name(phase.index, k), "source": phase.id,
                        "dest": self.ids[dest], "conditions": [condition]}
                       for phase in phases for k, (dest, condition) in enumerate(phase.transitions)]
        self.machine = Machine(model=None, states=list(self.ids), transitions=transitions, initial=self.ids[0],
                               auto_transitions=False, ignore_invalid_triggers=False)
        #: per phase index: the destinations of its edges, in the order they are checked
        self.table = tuple(
            tuple(self._index[t.dest] for event in self.machine.events.values()
                  for t in event.transitions.get(phase_id, ()))
            for phase_id in self.ids)
        for phase, row in zip(phases, self.table):   # the compiled selectors follow the machine
            if row != tuple(dest for dest, _ in phase.transitions):
                raise PhaseError(f"phase '{phase.id}': compiled edges {phase.transitions} disagree with the machine")

    @staticmethod
    def trigger_name(source: int, edge: int) -> str:
        """One trigger per edge (the edge's position among its phase's transitions)."""
        return f"move_{source}_{edge}"

    def follow(self, source: int, v: list) -> int:
        """Fire the machine from `source` for state `v` on a private model: the first edge whose
        condition holds moves it; returns the phase index it lands in (source if none holds)."""
        cursor = _Cursor()
        machine = Machine(model=cursor, states=list(self.ids), initial=self.ids[source], auto_transitions=False)
        for event in self.machine.events.values():   # the same edges, conditions and order
            for t in event.transitions.get(self.ids[source], ()):
                machine.add_transition(event.name, t.source, t.dest,
                                       conditions=[c.func for c in t.conditions])
        for event_name in machine.events:
            try:
                if machine.events[event_name].trigger(cursor, v):
                    return self._index[cursor.state]
            except MachineError as exc:
                raise PhaseError(str(exc)) from exc
        return source
