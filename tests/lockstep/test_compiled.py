"""The compiled turn (game.lockstep.compiled) plays exactly as the numpy columns: the same results
game for game, every scenario and batch player; it compiles once, refuses code outside the
language, and falls back to the columns where numba is missing."""
from __future__ import annotations

import numpy as np
import pytest

from game.lockstep import compiled
from game.lockstep.engine import LockstepGames, new_batch, play
from game.lockstep.players import PLAYERS
from game.lockstep.rules import BatchRules
from game.lockstep.vector import NotVectorisable
from game.scenario.load import load_scenario
from tests.engine.conftest import FIXTURES

SCENARIOS = ["ukraine_2022", "cuba_1962", "duel.yaml", "pact.yaml", "berlin_1961.yaml"]


@pytest.fixture(scope="module", params=SCENARIOS)
def rules(request):
    name = request.param
    return BatchRules(load_scenario(name if not name.endswith(".yaml") else FIXTURES / name))


def results(rules, players, games, compiled_turn, seed=5):
    return sorted(play(rules, tuple(PLAYERS[p]() for p in players), games, seed, compiled=compiled_turn),
                  key=lambda r: r["game"])


@pytest.mark.parametrize("players", [("random", "random"), ("hawk", "dove"), ("tit_for_tat", "random")])
def test_compiled_turn_gives_the_same_games_as_the_columns(rules, players):
    games = range(400)
    assert results(rules, players, games, True) == results(rules, players, games, False)


def test_compiled_legal_moves_are_the_columns_legal_moves(rules):
    fast, slow = new_batch(rules, range(200), 3, True), new_batch(rules, range(200), 3, False)
    for _ in range(4):
        for side in (0, 1):
            assert np.array_equal(fast.legal_actions(side), slow.legal_actions(side))
            assert np.array_equal(fast.legal_messages(side), slow.legal_messages(side))
        moves = [fast.random_moves(s) for s in (0, 1)]
        assert all(np.array_equal(a, b) for s in (0, 1) for a, b in zip(moves[s], slow.random_moves(s)))
        for batch in (fast, slow):
            batch.step((moves[0][0], moves[1][0]), (moves[0][1], moves[1][1]))
        assert np.array_equal(fast.V, slow.V) and np.array_equal(fast.pending, slow.pending)


def test_each_function_compiles_once_whatever_the_batch_does(rules):
    """Arrays reaching the kernel keep one layout (a shrunk batch too): no recompiling mid-run."""
    list(play(rules, (PLAYERS["random"](), PLAYERS["hawk"]()), range(300), 1, compiled=True))
    module = compiled.kernel_for(rules).module
    for name in ("step", "random_moves", "legal_actions", "legal_messages"):
        assert len(getattr(module, name).signatures) <= 1, name


def test_code_outside_the_language_is_refused_not_compiled():
    for code in ("__import__('os')", "v.__class__", "[x for x in v]", "(y := 1)"):
        with pytest.raises(NotVectorisable):
            compiled.scalar(code)
    assert compiled.scalar("(v[3] > 2.0 and not v[4] == 1.0)") == "V[g, 3] > 2.0 and (not V[g, 4] == 1.0)"


def test_without_numba_the_columns_play(monkeypatch):
    rules = BatchRules(load_scenario("ukraine_2022"))
    monkeypatch.setattr(compiled, "available", lambda: False)
    batch = new_batch(rules, range(3), 0)
    assert type(batch) is LockstepGames


def test_an_unwritable_cache_folder_falls_back_to_a_private_temporary_one(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HOTLINE_CACHE", str(blocker))
    path = compiled.write_module("x = 1\n")
    assert path.is_file() and blocker not in path.parents
    assert path.parent.stat().st_mode & 0o077 == 0   # nobody else can place a module or numba cache there


def test_a_cache_folder_others_can_write_into_is_not_used(monkeypatch, tmp_path):
    """What is imported (the module) and unpickled (numba's cache) must come from a folder only
    this user can write: a group- or world-writable one is passed over."""
    shared = tmp_path / "shared"
    (shared / "kernels").mkdir(parents=True)
    (shared / "kernels").chmod(0o777)
    monkeypatch.setenv("HOTLINE_CACHE", str(shared))
    path = compiled.write_module("y = 2\n")
    assert shared not in path.parents and path.read_text() == "y = 2\n"


def test_a_compiled_turn_that_cannot_be_built_leaves_the_columns_to_play(monkeypatch):
    rules = BatchRules(load_scenario(FIXTURES / "duel.yaml"))
    monkeypatch.setattr(compiled, "load", lambda source: (_ for _ in ()).throw(OSError("read-only disk")))
    with pytest.warns(UserWarning, match="read-only disk"):
        batch = new_batch(rules, range(3), 0)
    assert type(batch) is LockstepGames
    assert type(new_batch(rules, range(3), 0)) is LockstepGames   # tried once, said once
    with pytest.raises(compiled.KernelUnavailable):
        new_batch(rules, range(3), 0, compiled=True)


def test_the_kernel_source_runs_as_plain_python_with_every_index_checked(rules):
    """numba does not check indices; the same source run by Python with numpy arrays does (an
    out-of-range write is an IndexError there), and must give the compiled turn's games."""
    import types

    source, _ = compiled.module_source(rules)
    source = source.replace("from numba import njit", "njit = lambda **options: (lambda fn: fn)")
    plain = types.ModuleType("plain_kernel")
    exec(compile(source, "<plain kernel>", "exec"), plain.__dict__)   # our own generated source
    fast, slow = new_batch(rules, range(60), 9, True), new_batch(rules, range(60), 9, True)
    slow.kernel = types.SimpleNamespace(module=plain)
    with np.errstate(over="ignore"):   # the keyed hash wraps around on purpose
        for _ in range(6):
            moves = [[b.random_moves(s) for s in (0, 1)] for b in (fast, slow)]
            assert all(np.array_equal(x, y) for s in (0, 1) for x, y in zip(moves[0][s], moves[1][s]))
            ends = [b.step((m[0][0], m[1][0]), (m[0][1], m[1][1])) for b, m in zip((fast, slow), moves)]
            assert np.array_equal(*ends) and np.array_equal(fast.V, slow.V)
