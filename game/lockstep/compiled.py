"""The batch engine's turn compiled for one scenario: a loop over the games instead of column
operations, the same rules and arithmetic, many times the rate at any batch size.

The turn itself is `turn_kernel` (hand-written once, for every scenario). What is the scenario's
own is generated here from the checked code the one-game engine runs: `cond_event(k, V, g)` and
its kin (the conditions checked at each place of the turn, numbered, compiled into that place) and `number_at(k, V, g)` (every change not a fixed amount),
with `v[i]` read as `V[g, i]` (game g's row), and the tables of `KernelRules` (the rest, fixed amounts included). The module is written to a cache
folder named by its content and compiled by numba with its on-disk cache: the first use of a
scenario on a machine compiles (seconds), later runs load it.

Needs numba (the `fast` extra). Without it `games()` falls back to the numpy engine, with the same
results.
"""
from __future__ import annotations

import ast
import hashlib
import importlib.util
import inspect
import os
import sys
import tempfile
from collections import namedtuple
from pathlib import Path

import numpy as np

from game.errors import HotlineError
from game.lockstep import turn_kernel
from game.lockstep.engine import LockstepGames
from game.lockstep.rules import K_NONE, BatchRules, _constant, gate_conditions
from game.lockstep.vector import ARITHMETIC, LOGIC, NotVectorisable
from game.scenario.expr import condition_code, effect_parts

MARKER = "# --- compiled from here"
#: where the turn checks a condition: each place gets its own numbered set, inlined there
PURPOSES = ("action", "gate", "commit", "event", "phase", "end")
FIELDS = ("n_actions act_open act_cond act_eff act_esc act_public act_notes n_messages msg_kind msg_terms "
          "msg_touch msg_need kind_eff gate_bit gate_cond n_issues issue_bits deal_slots binds opt_eff n_commit "
          "commit_cond commit_eff ev_order ev_in_phase ev_once ev_chance ev_cond ev_eff ev_when tr_start tr_dest "
          "tr_cond end_ids end_cond end_final end_in_phase max_turns turn_slot lo hi eff_start part_slot part_amount "
          "part_number max_targets")
KernelRules = namedtuple("KernelRules", FIELDS)


def available() -> bool:
    """Whether numba is installed (the `fast` extra)."""
    return importlib.util.find_spec("numba") is not None


def cache_dir() -> Path:
    """Where compiled scenarios are kept: $HOTLINE_CACHE, else the user's cache folder."""
    base = os.environ.get("HOTLINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "hotline")
    return Path(base) / "kernels"


class _ScalarCode(ast.NodeTransformer):
    """The checker's code over `v` (one game) as code over row g of `V` (games, slots)."""

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        if isinstance(node.value, ast.Name) and node.value.id == "v" and isinstance(node.slice, ast.Constant):
            return ast.Subscript(value=ast.Name(id="V", ctx=ast.Load()),
                                 slice=ast.Tuple(elts=[ast.Name(id="g", ctx=ast.Load()), node.slice], ctx=ast.Load()),
                                 ctx=ast.Load())
        raise NotVectorisable(f"unexpected subscript {ast.unparse(node)}")

    def visit_Call(self, node: ast.Call) -> ast.expr:
        if not isinstance(node.func, ast.Name) or node.func.id not in ("min", "max", "abs") or node.keywords:
            raise NotVectorisable(f"unexpected call {ast.unparse(node)}")
        node.args = [self.visit(a) for a in node.args]
        return node

    def generic_visit(self, node):
        if not isinstance(node, ARITHMETIC + LOGIC):
            raise NotVectorisable(f"'{type(node).__name__}' cannot be compiled")
        return super().generic_visit(node)


def scalar(code: str) -> str:
    """Checked scalar code over `v` rewritten over `V[g]` (refusing anything else)."""
    tree = _ScalarCode().visit(ast.parse(code, mode="eval"))
    return ast.unparse(tree.body)


def _dispatch(name: str, args: str, bodies: list[list[str]], default: str, inline: bool = False) -> str:
    """`def name(k, args)`: body k run for k, by a balanced tree of comparisons (log2 steps);
    `inline`: compiled into its caller (no call, no array passed)."""
    out = ["@inline" if inline else "@kernel", f"def {name}(k, {args}):"]

    def tree(lo: int, hi: int, pad: str) -> None:
        if hi - lo == 1:
            out.extend(pad + line for line in bodies[lo])
            return
        mid = (lo + hi) // 2
        out.append(f"{pad}if k < {mid}:")
        tree(lo, mid, pad + "    ")
        out.append(f"{pad}else:")
        tree(mid, hi, pad + "    ")

    if bodies:
        tree(0, len(bodies), "    ")
    else:
        out.append(f"    return {default}")
    return "\n".join(out)


class _Codes:
    """The scenario's conditions and effect lists, numbered as the kernel's tables refer to them.
    An effect list is a run of parts (target, fixed amount or computed number); only conditions
    and computed numbers become generated code (most changes are fixed amounts: tables)."""

    def __init__(self, names):
        self.names = names
        self.conditions: dict[str, dict[str, int]] = {purpose: {} for purpose in PURPOSES}
        self.numbers: dict[str, int] = {}
        self.effects: dict[tuple, int] = {}
        self.parts: list[tuple[int, float, int]] = []   # (target, amount, number or -1)
        self.starts = [0]
        self.longest = 0   # the most parts one effect list has

    def cond(self, purpose: str, text) -> int:
        """The number of the condition `text` (format text) among `purpose`'s, -1 for none."""
        if not text:
            return -1
        return self.code(purpose, condition_code(text, self.names))

    def code(self, purpose: str, code: str | None) -> int:
        """The number of already-checked condition code among `purpose`'s, -1 for none."""
        if code is None:
            return -1
        numbered = self.conditions[purpose]
        return numbered.setdefault(scalar(code), len(numbered))

    def effect(self, items) -> int:
        """The number of an effect list (format items), -1 for an empty one."""
        parts = tuple(effect_parts(items, self.names))
        if not parts:
            return -1
        if parts not in self.effects:
            self.effects[parts] = len(self.effects)
            for i, code in parts:
                amount = _constant(code)
                number = -1 if amount is not None else self.numbers.setdefault(scalar(code), len(self.numbers))
                self.parts.append((i, amount or 0.0, number))
            self.starts.append(len(self.parts))
            self.longest = max(self.longest, len(parts))
        return self.effects[parts]

    def tables(self, n_issues: int) -> dict:
        """The effect lists as tables; `max_targets` bounds the changes gathered before one apply:
        the turn gathers at most four lists at once (two actions, two message kinds) and agreeing
        one option list per issue; a list may come twice (two sides' identical effects)."""
        slots, amounts, numbers = zip(*self.parts) if self.parts else ((), (), ())
        return {"eff_start": np.array(self.starts, dtype=np.int64), "part_slot": np.array(slots, dtype=np.int64),
                "part_amount": np.array(amounts, dtype=float), "part_number": np.array(numbers, dtype=np.int64),
                "max_targets": max(4, n_issues) * self.longest + 1}

    def source(self) -> str:
        out = [_dispatch(f"cond_{purpose}", "V, g", [[f"return bool({code})"] for code in self.conditions[purpose]],
                         "False", inline=True) for purpose in PURPOSES]
        out.append(_dispatch("number_at", "V, g", [[f"return float({code})"] for code in self.numbers], "0.0"))
        return "\n\n\n".join(out) + "\n"


def _tables(rules: BatchRules, codes: _Codes) -> KernelRules:
    sc = rules.scenario
    n_i = max(rules.n_issues, 1)
    A = max(s.n_actions for s in rules.sides)
    M = max(s.n_messages for s in rules.sides)
    P = rules.n_phases
    act_open = np.zeros((2, A, P), dtype=bool)
    act_cond = np.full((2, A), -1, dtype=np.int64)
    act_eff = np.full((2, A), -1, dtype=np.int64)
    act_esc = np.zeros((2, A))
    act_public = np.zeros((2, A), dtype=bool)
    act_notes = np.zeros((2, A, 5), dtype=np.int64)
    msg_kind = np.zeros((2, M), dtype=np.int64)
    msg_terms = np.full((2, M, n_i), -1, dtype=np.int64)
    msg_touch = np.zeros((2, M), dtype=np.int64)
    msg_need = np.zeros((2, M), dtype=np.int64)
    for s, sr in enumerate(rules.sides):
        na, nm = sr.n_actions, sr.n_messages
        act_open[s, :na] = sr.open
        act_esc[s, :na] = sr.escalation
        act_public[s, :na] = sr.public
        act_notes[s, :na] = sr.notes
        act_notes[s, na:] = sr.notes[-1]
        legality = tuple(sc.legality[s]) + (None,)   # `pass` (last) has no condition
        for a, action in enumerate(sc.moves[s].actions):
            act_cond[s, a] = codes.code("action", legality[a] or None)
            act_eff[s, a] = codes.effect(action.spec.effects)
        msg_kind[s, :nm] = sr.kind
        msg_terms[s, :nm] = sr.terms
        msg_touch[s, :nm] = sr.touch_bits
        msg_need[s, :nm] = sr.need
    neg = sc.model.negotiation.effects
    kind_eff = np.full(5, -1, dtype=np.int64)
    for k, name in enumerate(("none", "propose", "accept", "reject", "question")):
        if k != K_NONE:
            kind_eff[k] = codes.effect(getattr(neg, name))
    gates = gate_conditions(sc)
    gate_bit = np.array([bit for bit, _ in gates], dtype=np.int64)
    gate_cond = np.array([codes.cond("gate", text) for _, text in gates], dtype=np.int64)
    O = rules.max_options
    opt_eff = np.full((n_i, O), -1, dtype=np.int64)
    most = max((len(c) for c in rules.commitments.values()), default=1)
    n_commit = np.zeros((n_i, O), dtype=np.int64)
    commit_cond = np.full((n_i, O, most), -1, dtype=np.int64)
    commit_eff = np.full((n_i, O, most), -1, dtype=np.int64)
    for issue in sc.issues:
        for opt in issue.options:
            i, o = issue.index, opt.index
            opt_eff[i, o] = codes.effect(opt.spec.effects)
            specs = ([opt.spec.commitment] if opt.spec.commitment else []) + list(opt.spec.commitments)
            n_commit[i, o] = len(specs)
            for k, c in enumerate(specs):
                commit_cond[i, o, k] = codes.cond("commit", c.breach_if)
                commit_eff[i, o, k] = codes.effect(c.effects)
    table = rules.event_table
    if table is None:
        ev_order = np.zeros(0, dtype=np.int64)
        ev_in_phase, ev_once = np.zeros((0, P), dtype=bool), np.zeros(0, dtype=bool)
        ev_chance, ev_when = np.zeros((0, P)), np.zeros(0, dtype=np.int64)
    else:
        ev_order, ev_in_phase, once, chance, _, ev_when = table
        ev_once = once
        ev_chance = chance if chance is not None else np.full((len(ev_order), P), 2.0)
    ev_cond = np.array([codes.cond("event", sc.events[e].spec.condition) for e in ev_order], dtype=np.int64)
    ev_eff = np.array([codes.effect(sc.events[e].spec.effects) for e in ev_order], dtype=np.int64)
    tr_start, tr_dest, tr_cond = [0], [], []
    for phase in sc.phases:
        for t in sc.model.phases[phase.id].transitions:
            tr_dest.append(sc.phase_index[t.to])
            tr_cond.append(codes.cond("phase", t.when))
        tr_start.append(len(tr_dest))
    ends = [o for o in sc.outcomes if not o.final] + [o for o in sc.outcomes if o.final]
    return KernelRules(
        n_actions=np.array([s.n_actions for s in rules.sides], dtype=np.int64), act_open=act_open,
        act_cond=act_cond, act_eff=act_eff, act_esc=act_esc, act_public=act_public, act_notes=act_notes,
        n_messages=np.array([s.n_messages for s in rules.sides], dtype=np.int64), msg_kind=msg_kind,
        msg_terms=msg_terms, msg_touch=msg_touch, msg_need=msg_need, kind_eff=kind_eff,
        gate_bit=gate_bit, gate_cond=gate_cond, n_issues=rules.n_issues,
        issue_bits=np.asarray(rules.issue_bits, dtype=np.int64), deal_slots=rules.deal_slots,
        binds=rules.binds, opt_eff=opt_eff, n_commit=n_commit, commit_cond=commit_cond, commit_eff=commit_eff,
        ev_order=np.asarray(ev_order, dtype=np.int64), ev_in_phase=np.ascontiguousarray(ev_in_phase),
        ev_once=np.ascontiguousarray(ev_once), ev_chance=np.ascontiguousarray(ev_chance, dtype=float),
        ev_cond=ev_cond, ev_eff=ev_eff, ev_when=np.asarray(ev_when, dtype=np.int64),
        tr_start=np.array(tr_start, dtype=np.int64), tr_dest=np.array(tr_dest, dtype=np.int64),
        tr_cond=np.array(tr_cond, dtype=np.int64), end_ids=rules.end_ids,
        end_cond=np.array([codes.cond("end", o.spec.condition) for o in ends], dtype=np.int64),
        end_final=rules.end_final, end_in_phase=np.ascontiguousarray(rules.end_in_phase),
        max_turns=sc.max_turns, turn_slot=rules.turn_slot, lo=rules.lo, hi=rules.hi, **codes.tables(rules.n_issues))


def module_source(rules: BatchRules) -> tuple[str, KernelRules]:
    """The scenario's kernel module (the turn, then its generated conditions and effects) and tables."""
    codes = _Codes(rules.scenario.names)
    tables = _tables(rules, codes)
    turn = inspect.getsource(turn_kernel)
    body = turn[turn.index(MARKER):]
    head = ('"""Generated by game.lockstep.compiled for one scenario: do not edit."""\n'
            "import numpy as np\nfrom numba import njit\n\n"
            "kernel = njit(cache=True, nogil=True)\n"
            "inline = njit(cache=True, nogil=True, inline='always')\n\n")
    constants = "".join(f"{name.upper()} = {_literal(value)}\n" for name, value in tables._asdict().items())
    return head + constants + "\n\n" + body + "\n\n" + codes.source(), tables


def _number(x) -> str:
    return repr(x) if x == x and abs(x) != float("inf") else "np.nan" if x != x else ("np.inf" if x > 0 else "-np.inf")


def _literal(value) -> str:
    """Python source for a table: numba takes a module's arrays as constants of the compiled code."""
    if not isinstance(value, np.ndarray):
        return repr(int(value))
    flat = ", ".join(_number(float(x)) if value.dtype.kind == "f" else repr(x.item()) for x in value.ravel())
    return f"np.array([{flat}], dtype=np.{value.dtype.name}).reshape({value.shape})"


_LOADED: dict[str, object] = {}


def _private(folder: Path) -> bool:
    """Whether only this user can write into `folder` (and numba's __pycache__ in it): the module is
    imported and numba's cache files are unpickled from there, so nobody else may place files."""
    if not hasattr(os, "getuid"):   # Windows: the user's own profile folders
        return True
    for f in (folder, folder / "__pycache__"):
        try:
            st = f.stat()
        except FileNotFoundError:
            continue
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return False
    return True


_OWN_TEMP: list[Path] = []   # this process's private temporary folder, made when first needed


def _folders():
    """The cache folder, then a private temporary one (never a shared, guessable /tmp path)."""
    yield cache_dir()
    if not _OWN_TEMP:
        _OWN_TEMP.append(Path(tempfile.mkdtemp(prefix="hotline-kernels-")))   # mode 0700
    yield _OWN_TEMP[0]


def write_module(source: str) -> Path:
    """The file holding this source under cache_dir() (a private temporary folder if that cannot be
    written or others could write into it), named by its digest; written once, atomically
    (parallel workers may race)."""
    name = f"hotline_kernel_{hashlib.sha256(source.encode()).hexdigest()[:20]}"
    for folder in _folders():
        path = folder / f"{name}.py"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(folder):
                continue
            if not path.is_file() or path.read_text(encoding="utf-8") != source:
                tmp = folder / f".{name}.{os.getpid()}.tmp"
                tmp.write_text(source, encoding="utf-8")
                os.replace(tmp, path)   # atomic: a parallel process sees the whole file or none
            return path
        except OSError:
            continue
    raise OSError(f"cannot write the compiled scenario to {cache_dir()} or a temporary folder")


def load(source: str):
    """The compiled module for this source: written once under cache_dir() (named by its digest,
    so numba's on-disk cache of it stays valid), imported once per process."""
    path = write_module(source)
    name = path.stem
    if name in _LOADED:
        return _LOADED[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    _LOADED[name] = module
    return module


class Kernel:
    """A scenario's compiled turn (built once per BatchRules)."""

    def __init__(self, rules: BatchRules):
        self.rules = rules
        source, self.tables = module_source(rules)
        self.module = load(source)

    def warm(self) -> None:
        """Compile (or load from the disk cache) every function now, by one turn of one game."""
        batch = CompiledGames(self.rules, [0], 0)
        moves = [batch.random_moves(s) for s in (0, 1)]
        batch.legal_actions(0)
        batch.legal_messages(0)
        batch.step((moves[0][0], moves[1][0]), (moves[0][1], moves[1][1]))
        batch.keep(np.array([0]))


class KernelUnavailable(HotlineError, RuntimeError):
    """The compiled turn could not be built here (numba missing or failing, no folder to keep it)."""


def kernel_for(rules: BatchRules) -> Kernel:
    """The scenario's compiled turn, compiled (or loaded from disk) and run once on first use."""
    k = getattr(rules, "_kernel", None)
    if isinstance(k, KernelUnavailable):   # tried already: not again
        raise k
    if k is None:
        try:
            k = rules._kernel = Kernel(rules)
            k.warm()
        except Exception as exc:   # numba's errors have no common public base; any of them means "not here"
            rules._kernel = KernelUnavailable(f"the batch engine's compiled turn is not available for '{rules.scenario.id}' "
                                              f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")
            raise rules._kernel from exc
    return k


class CompiledGames(LockstepGames):
    """LockstepGames whose turn, legal moves and random moves run compiled (numba)."""

    COLUMNS = tuple(name for name in LockstepGames.COLUMNS if name != "V")

    def __init__(self, rules: BatchRules, game_ids, seed: int):
        super().__init__(rules, game_ids, seed)
        self.kernel = kernel_for(rules)
        self.V = np.asfortranarray(self.V)   # V.T: a game's state one contiguous row, as the kernel reads it

    def keep(self, rows: np.ndarray) -> None:
        super().keep(rows)
        self.V = np.take(self.V.T, rows, axis=0).T

    def _rows(self) -> np.ndarray:
        """The state as the kernel takes it: (games, slots), C-ordered (a view of V, so it writes V)."""
        if not self.V.flags.f_contiguous:   # V was replaced from outside: back to the kernel's order
            self.V = np.asfortranarray(self.V)
        return self.V.T

    def legal_actions(self, side: int) -> np.ndarray:
        out = np.empty((self.rules.sides[side].n_actions, self.size), dtype=bool)
        self.kernel.module.legal_actions(side, self._rows(), self.phase, out)
        return out

    def legal_messages(self, side: int, bits=None) -> np.ndarray:
        out = np.empty((self.rules.sides[side].n_messages, self.size), dtype=bool)
        self.kernel.module.legal_messages(side, self._rows(), self.pending, self.agreed, self.broken, out)
        return out

    def random_moves(self, side: int) -> tuple[np.ndarray, np.ndarray]:
        actions = np.empty(self.size, dtype=np.int64)
        messages = np.empty(self.size, dtype=np.int64)
        self.kernel.module.random_moves(side, self._rows(), self.phase, self.pending, self.agreed,
                                        self.broken, self.keys, self.turns, actions, messages)
        return actions, messages

    def step(self, actions, messages) -> np.ndarray:
        outcome = np.empty(self.size, dtype=np.int64)
        forced = self.forced_draws
        self.kernel.module.step(
            self._rows(), self.phase, self.fired, self.pending, self.agreed, self.broken, self.committed,
            self.agreed_turn, self.escalation, self.last_action, self.public_escalation, self.turns, self.keys,
            np.stack(actions).astype(np.int64, copy=False), np.stack(messages).astype(np.int64, copy=False),
            forced if forced is not None else _NO_DRAWS, forced is not None, outcome)
        return outcome


_NO_DRAWS = np.zeros(1)


