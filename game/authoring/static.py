"""The static lint rules: what the file proves about the game it makes, without playing it.

Each rule reads the validated model (and the compiled scenario for the opening state) and adds
findings with the key path of the part at fault. "Never" and "always" are proofs over the ranges
of `game.authoring.ranges`; what cannot be proved is left to the playouts.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from game.authoring import intervals as iv
from game.authoring.findings import Finding
from game.authoring.ranges import at_turn, base_ranges, bounds
from game.authoring.walk import Cond, all_effects, commitments, conditions, effect_lists, score_trees
from game.scenario import expr
from game.scenario.errors import format_path
from game.scenario.yaml_source import YamlDoc


def _fmt(x: float) -> str:
    return "-inf" if x == -iv.INF else "inf" if x == iv.INF else f"{x:g}"


def _span(r) -> str:
    return _fmt(r[0]) if r[0] == r[1] else f"{_fmt(r[0])}..{_fmt(r[1])}"


def _and(*trees: ast.AST) -> ast.AST:
    return ast.BoolOp(op=ast.And(), values=list(trees))


def _not(tree: ast.AST) -> ast.AST:
    return ast.UnaryOp(op=ast.Not(), operand=tree)


class StaticLint:
    """Runs the static rules over one scenario; `findings` collects what they find."""

    def __init__(self, doc: YamlDoc, model, scenario):
        self.doc, self.model, self.sc = doc, model, scenario
        self.findings: list[Finding] = []
        self.env = base_ranges(model, scenario.names)
        self.bounds = bounds(model)
        self.conds = conditions(model)
        self.start = next(iter(model.phases))
        self.reachable: set[str] = set()
        self.dead_edges: list[tuple] = []
        self.ending: dict[str, str] = {}   # phase -> outcome ending the game on entry (after phases())

    # -- reporting ---------------------------------------------------------------------------

    def add(self, path: tuple, severity: str, code: str, message: str, hint: str = "", *,
            at_key: bool = False, name: str | None = None, text: str | None = None) -> None:
        """A finding at `path` (at the key itself with `at_key`; at `name` inside `text`, if given)."""
        if name is not None and text is not None:
            m = re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", text.strip())
            mark = self.doc.text_mark(path, text, m.start() if m else 0)
        else:
            mark = self.doc.key_mark(path) if at_key else self.doc.mark(path)
        self.findings.append(Finding(self.doc.filename, mark.line, mark.col, format_path(path), severity, code,
                                     message, hint))

    def why(self, tree: ast.AST, env) -> str:
        """The ranges of the names a condition reads, as evidence: 'tension is 0..100'."""
        names = sorted(n for n in iv.names_in(tree) if n in env)
        return "; ".join(f"{n} is {_span(env[n])}" for n in names[:4])

    # -- rules -------------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        self.phases()
        self.ending = self._ending_on_entry()
        self.outcomes()
        self.events()
        self.actions()
        self.options()
        self.variables()
        self.effects_clamped()
        self.commitments()
        self.flips()
        self.leaks()
        self.intel_noise()
        self.issues_inert()
        return self.findings

    def phases(self) -> None:
        """Phases never entered (the graph of transitions that can hold), and a start with no way out."""
        model, env = self.model, self.env
        self.reachable = {self.start}
        queue = [self.start]
        while queue:
            pid = queue.pop()
            for k, t in enumerate(model.phases[pid].transitions):
                tree = expr.condition_tree(t.when)
                verdict = iv.verdict(tree, env)
                path = ("phases", pid, "transitions", k, "when")
                if verdict == "never":
                    self.dead_edges.append(path)
                    self.add(path, "warning", "transition-never",
                             f"this transition to '{t.to}' can never be taken: its condition never holds "
                             f"({self.why(tree, env)})",
                             "change the threshold or the variable's range, or remove the transition")
                    continue
                if t.to not in self.reachable:
                    self.reachable.add(t.to)
                    queue.append(t.to)
                if verdict == "always":
                    for j in range(k + 1, len(model.phases[pid].transitions)):
                        later = ("phases", pid, "transitions", j, "when")
                        self.dead_edges.append(later)
                        self.add(later, "warning", "transition-never",
                                 f"this transition is never taken: the transition before it (to "
                                 f"'{t.to}') always holds and is checked first",
                                 "put the more specific transition first, or narrow the earlier condition")
                    break
        start_exits = [t for k, t in enumerate(model.phases[self.start].transitions)
                       if ("phases", self.start, "transitions", k, "when") not in self.dead_edges]
        if len(model.phases) > 1 and not start_exits:
            self.add(("phases", self.start), "error", "start-no-exit",
                     f"the starting phase '{self.start}' has no way out: no transition of it can ever be "
                     f"taken, so the game never leaves it and the other phases are never entered",
                     "give the first phase a transition (e.g. {to: crisis, when: tension >= 70})", at_key=True)
            return
        for pid in model.phases:
            if pid not in self.reachable:
                self.add(("phases", pid), "error", "phase-never", f"phase '{pid}' is never entered: no "
                         f"transition that can be taken leads to it from the starting phase '{self.start}'",
                         f"add a transition to '{pid}' from a phase the game reaches, or remove it",
                         at_key=True)

    def _phase_gate(self, phases: list[str] | None) -> list[str]:
        """The reachable phases among `phases` (all reachable ones for None)."""
        return [p for p in self.model.phases if p in self.reachable and (phases is None or p in phases)]

    def _ending_on_entry(self) -> dict[str, str]:
        """phase -> the ongoing outcome that ends the game in the turn the game enters it (one with
        no condition, or one that always holds). Nothing is ever chosen or fired in such a phase:
        moves are chosen and events fire before the turn's phase change, the end is checked after
        it. The starting phase is not one: its turn 1 is played before any end is checked."""
        out: dict[str, str] = {}
        for o in self.model.outcomes:
            if o.final or (o.condition and iv.verdict(expr.condition_tree(o.condition), self.env) != "always"):
                continue
            for p in self._phase_gate(o.phases):
                if p != self.start:
                    out.setdefault(p, o.id)
        return out

    def _playable(self, phases: list[str] | None, what: str, path: tuple, code: str, never: str) -> bool:
        """Whether the game can be in one of `phases` with a turn to play; if not, an error at `path`."""
        gate = self._phase_gate(phases)
        if not gate:
            self.add(path, "error", code, f"{what} {never}: the game never enters its phases", "fix its phases")
            return False
        ending = self.ending
        if all(p in ending for p in gate):
            ends = ", ".join(f"'{p}' (outcome '{ending[p]}')" for p in gate)
            self.add(path, "error", code, f"{what} {never}: the game ends as soon as it enters its phases: {ends}",
                     "list a phase where the game goes on, or give that outcome a condition")
            return False
        return True

    def outcomes(self) -> None:
        """Outcomes that can never happen (impossible, in phases never entered, or always caught by
        an earlier outcome), and outcomes that end every game on turn 1."""
        model, sc = self.model, self.sc
        last_turn = at_turn(self.env, model.max_turns)
        earlier: list[tuple[int, object]] = []
        for i, o in enumerate(model.outcomes):
            path = ("outcomes", i)
            env = last_turn if o.final else self.env
            tree = expr.condition_tree(o.condition) if o.condition else None
            phases = self._phase_gate(o.phases)
            if not phases:
                self.add((*path, "phases"), "error", "outcome-never",
                         f"outcome '{o.id}' can never happen: the game never enters its phases "
                         f"({', '.join(o.phases or [])})", "fix the phases, or the transitions that lead there")
                continue
            if tree is not None and iv.verdict(tree, env) == "never":
                self.add((*path, "condition"), "error", "outcome-never",
                         f"outcome '{o.id}' can never happen: its condition never holds ({self.why(tree, env)})",
                         "lower the threshold, raise the variable's max, or let some effect move the "
                         "variable there")
                continue
            shadow = self._shadowed(o, tree, phases, earlier, env)
            if shadow is not None:
                self.add(path, "error", "outcome-shadowed",
                         f"outcome '{o.id}' can never happen: whenever it holds, the earlier outcome "
                         f"'{shadow}' holds too and is checked first",
                         "put the more specific outcome before the general one (order matters)", at_key=False)
            earlier.append((i, (o, tree, phases)))
            if not o.final and self.start in phases:
                verdict = "always" if tree is None else iv.verdict(tree, self.env)
                if verdict == "always":
                    self.add(path if tree is None else (*path, "condition"), "error", "outcome-turn-1",
                             f"outcome '{o.id}' ends every game on turn 1: it holds whatever happens",
                             "give it a condition that the opening situation does not meet, or make it "
                             "'final: true'")
                elif tree is not None and expr.compile_condition(o.condition, sc.names)(list(sc.initial)):
                    self.add((*path, "condition"), "warning", "outcome-turn-1",
                             f"outcome '{o.id}' already holds in the opening situation: the game ends after "
                             f"turn 1 unless the first moves change {self.why(tree, self.env).split(' is')[0]}",
                             "make the condition need something the opening situation does not have")

    def _shadowed(self, o, tree, phases, earlier, env) -> str | None:
        """The id of an earlier outcome (of the same kind) that holds whenever this one does."""
        for _, (p, ptree, pphases) in earlier:
            if p.final != o.final or not set(phases) <= set(pphases):
                continue
            if ptree is None:
                return p.id
            rest = _not(ptree) if tree is None else _and(tree, _not(ptree))
            if not iv.possible(rest, env):
                return p.id
        return None

    def events(self) -> None:
        """Events that can never fire: phases never entered, no chance where the game goes, or a
        condition that never holds."""
        model, sc = self.model, self.sc
        for i, ev in enumerate(model.events):
            path = ("events", i)
            if not self._playable(ev.phases, f"event '{ev.id}'", (*path, "phases") if ev.phases else path,
                                  "event-never", "can never fire"):
                continue
            phases = [p for p in self._phase_gate(ev.phases) if p not in self.ending]
            compiled = sc.events[i]
            if compiled.chance is not None:
                odds = [compiled.chance[sc.phase_index[p]] for p in phases]
                if max(odds) <= 0:
                    self.add((*path, "chance_in" if ev.chance_in else "chance"), "error", "event-never",
                             f"event '{ev.id}' can never fire: its chance is 0 in every phase the game "
                             f"reaches where it may fire ({', '.join(phases)})",
                             "give it a chance in a phase the game reaches")
                    continue
            if ev.condition:
                env = at_turn(self.env, compiled.turn) if compiled.turn else self.env
                tree = expr.condition_tree(ev.condition)
                if iv.verdict(tree, env) == "never":
                    self.add((*path, "condition"), "error", "event-never",
                             f"event '{ev.id}' can never fire: its condition never holds ({self.why(tree, env)})",
                             "change the threshold or the variable's range")

    def actions(self) -> None:
        for side, menu in self.model.actions.items():
            for i, a in enumerate(menu):
                path = ("actions", side, i)
                if not self._playable(a.phases, f"action '{a.id}'", (*path, "phases") if a.phases else path,
                                      "action-never", "is never open"):
                    continue
                if a.requires and iv.verdict(expr.condition_tree(a.requires), self.env) == "never":
                    tree = expr.condition_tree(a.requires)
                    self.add((*path, "requires"), "error", "action-never",
                             f"action '{a.id}' is never open: its requires never holds ({self.why(tree, self.env)})",
                             "change the threshold or the variable's range")

    def options(self) -> None:
        for i, issue in enumerate(self.model.negotiation.issues):
            for j, opt in enumerate(issue.options):
                if opt.requires and iv.verdict(expr.condition_tree(opt.requires), self.env) == "never":
                    self.add(("negotiation", "issues", i, "options", j, "requires"), "warning", "option-never",
                             f"option '{issue.id}.{opt.id}' can never be proposed: its requires never holds",
                             "change the condition")
        for i, p in enumerate(self.model.negotiation.packages):
            if p.requires and iv.verdict(expr.condition_tree(p.requires), self.env) == "never":
                self.add(("negotiation", "packages", i, "requires"), "warning", "option-never",
                         f"package '{p.id}' can never be tabled: its requires never holds", "change the condition")

    def variables(self) -> None:
        """Variables nothing changes (constants) and variables nothing reads (shown only)."""
        model = self.model
        changed = {e.target for _, e in all_effects(model)}
        read: set[str] = set()
        for c in self.conds:
            read |= c.names
        for _, tree in score_trees(model):
            read |= iv.names_in(tree)
        for _, e in all_effects(model):
            read |= {n for n in e.reads() if n != e.target}
            read |= {n for guard, _ in e.guards for n in iv.names_in(guard)}
        for vid in model.variables:
            path = ("variables", vid)
            if vid not in changed:
                self.add(path, "warning", "variable-unchanged",
                         f"variable '{vid}' never changes: no action, agreement, breach, message or event "
                         f"has an effect on it, so it stays at its initial value",
                         "give some move or event an effect on it, or write the number into the conditions "
                         "that read it", at_key=True)
            if vid not in read:
                self.add(path, "note", "variable-unread",
                         f"variable '{vid}' is never read: no condition, score or other variable's effect "
                         f"depends on it, so changing it changes nothing in the game (it is only shown)",
                         "read it where it should matter (a requires, a transition, an outcome, an event), "
                         "or remove it", at_key=True)

    def effects_clamped(self) -> None:
        """Effects that always run into a range limit: their result is outside min..max in every state."""
        for path, e in all_effects(self.model):
            lo, hi = self.bounds[e.target]
            env = self.env
            for guard, holds in e.guards:   # the state the effect runs in
                if holds:
                    env = iv.narrowed(guard, env)
            result = e.result(env)
            if result[0] > hi or result[1] < lo:
                limit, value = ("max", hi) if result[0] > hi else ("min", lo)
                self.add(path, "warning", "effect-clamped",
                         f"'{e.text}' always runs into {e.target}'s {limit} ({_fmt(value)}): it would give "
                         f"{_span(result)} while {e.target} is {_span(self.env[e.target])}; the rest is lost",
                         f"make the change smaller, or widen {e.target}'s range")

    def commitments(self) -> None:
        """Commitments broken as soon as the deal is made, or that can never be broken."""
        model, sc = self.model, self.sc
        for i, issue in enumerate(model.negotiation.issues):
            for j, opt in enumerate(issue.options):
                here = ("negotiation", "issues", i, "options", j)
                effects = [e for _, e in iv.flatten(opt.effects)]
                env = iv.after(effects, self.env, self.bounds)
                for fact in ("agreed", "committed"):
                    env[f"{fact}.{issue.id}.{opt.id}"] = (1.0, 1.0)
                env[f"breached.{issue.id}.{opt.id}"] = (0.0, 0.0)
                compiled = sc.issues[i].options[j]
                for k, (path, c) in enumerate(commitments(here, opt)):
                    tree = expr.condition_tree(c.breach_if)
                    at = (*path, "breach_if")
                    if not iv.possible(tree, env, negate=True):
                        self.add(at, "error", "commitment-at-once",
                                 f"'{issue.id}.{opt.id}' is broken as soon as it is agreed: after the option's "
                                 f"effects its breach_if always holds ({self.why(tree, env)})",
                                 "make the option's effects leave breach_if false (the breach is checked the "
                                 "turn the deal is made)")
                    elif not iv.possible(tree, self.env):
                        self.add(at, "note", "commitment-never",
                                 f"the commitment of '{issue.id}.{opt.id}' can never be broken: its breach_if "
                                 f"never holds ({self.why(tree, self.env)})", "check the threshold")
                    elif self._breaks_at_opening(compiled, k):
                        self.add(at, "warning", "commitment-at-once",
                                 f"'{issue.id}.{opt.id}' agreed in the opening situation is broken the same turn: "
                                 f"after its effects, breach_if holds ({self.why(tree, env)})",
                                 "make the option's effects leave breach_if false in the situation it is "
                                 "likely to be agreed in")

    def _breaks_at_opening(self, option, k: int) -> bool:
        """Whether the k-th commitment of a compiled option breaks when agreed in the opening state."""
        sc = self.sc
        v = list(sc.initial)
        d = [0.0] * len(v)
        option.effects.apply(v, d)
        for i in option.effects.targets:
            v[i] = min(max(v[i] + d[i], sc.lo[i]), sc.hi[i])
            d[i] = 0.0
        agreed, committed, _ = sc.facts.deals[option.issue][option.index]
        v[agreed] = v[committed] = 1.0
        return bool(option.commitments[k].breach_if(v))

    def flips(self) -> None:
        """Pairs of phases whose transitions both hold at once: the phase flips every turn."""
        model = self.model
        seen: set[frozenset] = set()
        for a, phase in model.phases.items():
            for k, t in enumerate(phase.transitions):
                b = t.to
                if b == a or ("phases", a, "transitions", k, "when") in self.dead_edges or frozenset((a, b)) in seen:
                    continue
                for m, back in enumerate(model.phases[b].transitions):
                    path = ("phases", b, "transitions", m, "when")
                    if back.to != a or path in self.dead_edges:
                        continue
                    both = _and(expr.condition_tree(t.when), expr.condition_tree(back.when))
                    if iv.possible(both, self.env):
                        seen.add(frozenset((a, b)))
                        overlap = iv.narrowed(both, self.env)
                        shared = sorted(iv.names_in(both) & set(model.variables))
                        where = ", ".join(f"{n} {_span(overlap[n])}" for n in shared[:3])
                        self.add(path, "warning", "phase-flip",
                                 f"phases '{a}' and '{b}' can flip back and forth every turn: the state that "
                                 f"moves '{a}' -> '{b}' ({t.when}) can also move '{b}' -> '{a}' ({back.when})"
                                 + (f", e.g. with {where}" if where else ""),
                                 "leave a gap between the two thresholds (e.g. up at >= 70, down at < 65)")
                    break

    def leaks(self) -> None:
        """Conditions a side can see that read a value hidden from it (or the other side's secret moves)."""
        model = self.model
        sides = list(model.sides)
        hidden_from = {vid: [s for s in sides if v.visible_to not in ("all", s)]
                       for vid, v in model.variables.items()}
        secret = {f"{kind}.{side}.{a.id}": side for side, menu in model.actions.items() for a in menu
                  if not a.public for kind in ("last", "played")}
        for c in self.conds:
            if c.role in ("outcome", "note", "if"):
                continue   # read at the end, or inside effects: nobody sees the condition itself
            for name in sorted(c.names):
                if c.role == "action":
                    learners = [c.side] if c.side in hidden_from.get(name, []) else []
                    if secret.get(name) not in (None, c.side):
                        learners = [c.side]
                elif c.role == "package" and c.side is not None:
                    learners = hidden_from.get(name, [])
                    if name in secret:
                        learners = [s for s in sides if s != secret[name]]
                else:
                    learners = hidden_from.get(name, [])
                    if name in secret:
                        learners = [s for s in sides if s != secret[name]]
                if not learners:
                    continue
                what = f"the secret move {name}" if name in secret else f"'{name}', hidden from {' and '.join(learners)}"
                if c.role in ("event", "breach"):
                    self.add(c.path, "note", "leak",
                             f"this condition reads {what}: when the {'event fires' if c.role == 'event' else 'breach is announced'}, "
                             f"{' and '.join(learners)} can infer it", "fine if intended (an intelligence leak); "
                             "otherwise read a public variable", name=name, text=c.text)
                    continue
                seen = {"action": f"{' and '.join(learners)} sees its own list of open moves",
                        "transition": "both sides see the phase change",
                        "option": "both sides see which proposals they may send and accept",
                        "package": "both sides see which packages may be tabled and accepted"}[c.role]
                self.add(c.path, "warning", "leak",
                         f"this condition reads {what}, and {seen}: the value leaks to {' and '.join(learners)}",
                         "gate it on a public variable or one of the side's own (see 'Avoid writing requires in "
                         "terms of a variable the other side cannot see' in the guide)", name=name, text=c.text)

    def intel_noise(self) -> None:
        for vid, v in self.model.variables.items():
            if v.visible_to == "all" and v.intel_noise is not None:
                self.add(("variables", vid, "intel_noise"), "warning", "noise-public",
                         f"'{vid}' is public (visible_to: all), so its intel_noise has no effect: both sides "
                         f"see the exact value", "remove intel_noise, or hide the variable with visible_to: <side>",
                         at_key=True)

    def issues_inert(self) -> None:
        """Issues whose agreement changes nothing: no option has effects, commitments or value, and
        nothing reads their facts."""
        model = self.model
        read = set()
        for c in self.conds:
            read |= c.names
        for _, tree in score_trees(model):
            read |= iv.names_in(tree)
        for i, issue in enumerate(model.negotiation.issues):
            facts = {f"{k}.{issue.id}.{o.id}" for o in issue.options for k in ("agreed", "committed", "breached")}
            moves = any(o.effects or o.commitment or o.commitments or any(o.value.values()) for o in issue.options)
            if not moves and not facts & read:
                self.add(("negotiation", "issues", i), "warning", "issue-inert",
                         f"issue '{issue.id}' changes nothing when agreed: its options have no effects, no "
                         f"commitments and no value, and no condition or score reads them",
                         "give its options values for each side or effects")


def static_findings(doc: YamlDoc, model, scenario) -> tuple[list[Finding], set[str]]:
    """The static findings, and the phases the static analysis shows reachable."""
    lint = StaticLint(doc, model, scenario)
    return lint.run(), lint.reachable


def effect_list_paths(model) -> Iterable[tuple]:
    return (e.path for e in effect_lists(model))


__all__ = ["StaticLint", "static_findings", "Cond"]
