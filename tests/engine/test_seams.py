"""The engine's seams for the layers above it, each test named after the rule it checks:
games are values, the compiled scenario is shared safely, moves have stable numbers, the engine
speaks in facts with causes, and what an agent receives is a read-only snapshot."""
from __future__ import annotations

import copy
import json
import random
import threading

import numpy as np
import pytest

from game.agents import RandomAgent
from game.engine.game import ENGINE_VERSION, Choice, Game
from game.engine.negotiation import NO_MESSAGE
from game.engine.observation import from_observation, observation_layout, observe
from game.engine.record import RecordError, dumps, replay_game
from game.engine.rng import Stream
from game.match import Match
from game.scenario.expr import compile_effects, compile_settle, variable_names
from game.scenario.load import load_scenario
from tests.engine.conftest import pick, play

N, S = 0, 1


@pytest.fixture(scope="module")
def ukraine():
    return load_scenario("ukraine_2022")


def random_game(scenario, seed, turns=None, log=True):
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=seed, log=log)
    while not match.over and (turns is None or match.game.turn <= turns):
        match.step()
    return match


# --- games are values ---------------------------------------------------------------------------

def test_a_clone_plays_on_independently_of_its_original(ukraine):
    original = random_game(ukraine, 3, turns=4).game
    before = original.snapshot()
    twin = original.clone()
    assert twin.snapshot() == before
    rng = random.Random(1)
    while not twin.over:
        legal = [twin.legal(s) for s in (0, 1)]
        twin.step(*(Choice(rng.choice(lg.actions), rng.choice(lg.messages)) for lg in legal))
    assert original.snapshot() == before and not original.over


def test_a_clone_given_the_same_choices_replays_the_same_game(ukraine):
    match = random_game(ukraine, 8, turns=3)
    twin = match.game.clone()
    match.play()
    for first, second in match.game.choices[len(twin.choices):]:
        twin.step(first, second)
    assert twin.snapshot() == match.game.snapshot()
    assert dumps(twin.turns) == dumps(match.game.turns)


def test_deepcopy_gives_an_independent_game(ukraine):
    game = random_game(ukraine, 5, turns=2).game
    twin = copy.deepcopy(game)
    assert twin.scenario is game.scenario and twin.snapshot() == game.snapshot()
    twin.v[0] += 1
    assert twin.v[0] != game.v[0]


def test_determinized_game_keeps_what_the_side_sees_and_resamples_what_it_cannot(ukraine):
    game = random_game(ukraine, 11, turns=5).game
    if game.over:
        pytest.skip("game ended early")
    side = 0
    obs = observe(game, side)
    exact, hidden = ukraine.sight[side]
    samples = [game.determinize(side, random.Random(k)) for k in range(200)]
    for guess in samples[:5]:
        assert [guess.v[i] for i in exact] == [game.v[i] for i in exact]
        assert guess.phase == game.phase and guess.turn == game.turn
        assert guess.pending == game.pending and guess.agreed == game.agreed
    for i in hidden:
        name = ukraine.var_ids[i]
        mean = np.mean([g.v[i] for g in samples])
        assert abs(mean - obs.estimates[name]) < 3 * obs.uncertainty[name]   # around the estimate
        assert len({g.v[i] for g in samples}) > 100                           # resampled


def test_determinizing_reads_only_the_observation(ukraine):
    game = random_game(ukraine, 12, turns=3).game
    obs = observe(game, 1)
    a = from_observation(ukraine, obs, random.Random(5))
    b = game.determinize(1, random.Random(5))
    assert a.snapshot() == b.snapshot()


def test_a_determinized_game_can_be_played_to_the_end(ukraine):
    game = random_game(ukraine, 4, turns=2).game
    guess = game.determinize(0, random.Random(2))
    match = Match(ukraine, [RandomAgent(), RandomAgent()], seed=1, game=guess)
    assert match.play().over


# --- the compiled scenario is shared safely -----------------------------------------------------

def test_games_on_eight_threads_give_the_records_of_sequential_play(ukraine):
    seeds = list(range(240))
    sequential = {seed: dumps(random_game(ukraine, seed).record()) for seed in seeds}
    threaded: dict[int, str] = {}

    def worker(chunk):
        for seed in chunk:
            threaded[seed] = dumps(random_game(ukraine, seed).record())

    threads = [threading.Thread(target=worker, args=(seeds[k::8],)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert threaded == sequential


def test_the_compiled_scenario_cannot_be_changed_by_assignment(ukraine):
    with pytest.raises(AttributeError):
        ukraine.max_turns = 2


def test_the_phase_table_agrees_with_the_transitions_machine_on_every_move(ukraine):
    moves = 0
    n = len(ukraine.var_ids)
    for seed in range(60):
        match = Match(ukraine, [RandomAgent(), RandomAgent()], seed=seed, log=False)
        while not match.over:
            before = match.game.phase
            match.step()
            v = list(match.game.v)
            v[n] = float(match.game.turn - 1)   # the phase moved before the turn counter did
            assert ukraine.phase_machine.follow(before, v) == match.game.phase
            moves += match.game.phase != before
    assert moves > 20


# --- stable move numbers ------------------------------------------------------------------------

def test_every_move_keeps_its_number_all_game(ukraine):
    for side in (0, 1):
        space = ukraine.moves[side]
        assert [a.index for a in space.actions] == list(range(len(space.actions)))
        assert [m.index for m in space.messages] == list(range(len(space.messages)))
        assert [m.kind for m in space.messages[:3]] == ["none", "accept", "reject"]
    match = random_game(ukraine, 21, turns=8)
    for side in (0, 1):
        space = ukraine.moves[side]
        for turn in match.game.choices:
            assert space.actions[turn[side].action.index] is turn[side].action
            assert space.messages[turn[side].message.index] is turn[side].message


def test_legal_mask_marks_exactly_the_legal_choices(ukraine):
    game = random_game(ukraine, 2, turns=4).game
    for side in (0, 1):
        legal, space = game.legal(side), ukraine.moves[side]
        mask = game.legal_mask(side)
        assert mask.dtype == np.bool_ and mask.shape == (space.size,)
        assert set(np.flatnonzero(mask[:len(space.actions)])) == {a.index for a in legal.actions}
        assert set(np.flatnonzero(mask[len(space.actions):])) == {m.index for m in legal.messages}
        for a in np.flatnonzero(legal.action_mask):
            assert legal.allows(legal.choice(int(a), 0))


def test_a_choice_found_by_ids_is_the_legal_one_or_none_when_not_open(ukraine):
    game = random_game(ukraine, 4, turns=3).game
    legal = game.legal(0)
    for action in legal.actions:
        for message in legal.messages:
            found = legal.choice_by_ids(action.id, message.to_json(ukraine), ukraine)
            assert found.action is action and found.message is message and legal.allows(found)
    assert legal.choice_by_ids("no_such_move", None, ukraine) is None
    assert legal.choice_by_ids(legal.actions[0].id, {"kind": "nonsense"}, ukraine) is None
    assert legal.choice_by_ids(legal.actions[0].id, "not a message", ukraine) is None
    closed = [m for m in ukraine.moves[0].messages if m not in legal.message_set]
    if closed:
        assert legal.choice_by_ids(legal.actions[0].id, closed[0].to_json(ukraine), ukraine) is None


def test_observation_vector_follows_its_layout(ukraine):
    game = random_game(ukraine, 6, turns=3).game
    for side in (0, 1):
        vec = game.observation_vector(side)
        assert vec.dtype == np.float32 and vec.shape == (len(observation_layout(ukraine, side)),)
        assert np.all(np.isfinite(vec))


# --- facts and causes ---------------------------------------------------------------------------

def test_news_are_facts_without_sentences(ukraine):
    match = random_game(ukraine, 9)
    for turn in match.record()["turns"]:
        for fact in turn["news"]:
            assert "headline" not in fact and "kind" in fact


def test_every_change_is_explained_by_its_causes(ukraine):
    for seed in range(20):
        for turn in random_game(ukraine, seed).game.turns:
            for var, change in turn["changes"].items():
                total = sum(c["amount"] for c in change["causes"])
                assert total == pytest.approx(change["to"] - change["from"], abs=1e-9), (var, change)
                assert change["causes"], var


def test_logging_never_changes_the_game(ukraine):
    for seed in range(30):
        logged, silent = random_game(ukraine, seed, log=True), random_game(ukraine, seed, log=False)
        assert logged.game.snapshot() == silent.game.snapshot()


def test_both_forms_of_an_effect_list_give_bit_identical_states():
    names = variable_names(["a", "b", "c"])
    lo, hi = (0.0, -50.0, 0.0, 0.0), (100.0, 50.0, 1.0, 99.0)
    rng = random.Random(4)
    ops = ["+=", "-=", "*=", "/=", "="]
    for _ in range(20000):
        texts = []
        for _ in range(rng.randint(1, 4)):
            op = rng.choice(ops)
            value = f"{rng.uniform(0.1, 9):.3f}" if op == "/=" else \
                rng.choice([f"{rng.uniform(0.1, 9):.3f}", "b * 0.37", "max(a, c) / 3", "turn * 1.1"])
            texts.append(f"{rng.choice('abc')} {op} {value}")
        eff = compile_effects(texts, names, lo, hi)
        v = [rng.uniform(0, 100), rng.uniform(-50, 50), rng.random(), 3.0]
        delta_form, now_form = list(v), list(v)
        game = Game.__new__(Game)   # the engine's own add-and-clamp over the delta form
        game.v, game._d, game._causes = delta_form, [0.0] * 4, None
        game.scenario = type("S", (), {"lo": lo, "hi": hi})
        eff.apply(delta_form, game._d)
        game._apply(eff.targets)
        eff.apply_now(now_form)
        assert delta_form == now_form, texts


def test_the_compiled_settle_adds_and_clamps_as_the_engine_loop_does():
    # the batch path settles every variable's delta in one compiled call instead of looping over
    # the touched indices: the same values, NaN and overflow included, and the deltas left zero
    names = variable_names(["a", "b", "c"])
    lo, hi = (0.0, -50.0, 0.0, 0.0), (100.0, 50.0, 1.0, 99.0)
    settle = compile_settle(lo, hi, 3)
    rng = random.Random(5)
    huge = " * ".join(["1e15"] * 21)   # past the largest float: inf, and inf - inf is NaN
    texts_pool = ["a += 7.5", "b -= 3", "c *= 1.7", f"a = (a + 1) * {huge}", f"b = (c + 1) * {huge} - (c + 1) * {huge}",
                  "c /= 3", "a -= a", "b = max(a, c) / 3", "c += turn * 0.1"]
    for _ in range(5000):
        lists = [compile_effects(rng.sample(texts_pool, rng.randint(0, 3)), names) for _ in range(rng.randint(1, 4))]
        v = [rng.uniform(0, 100), rng.uniform(-50, 50), rng.random(), 3.0]
        loop_form, settled = list(v), list(v)
        game = Game.__new__(Game)
        game.v, game._d, game._causes = loop_form, [0.0] * 4, None
        game.scenario = type("S", (), {"lo": lo, "hi": hi})
        d = [0.0] * 4
        touched = ()
        for eff in lists:
            eff.apply(loop_form, game._d)
            eff.apply(settled, d)
            touched += eff.targets
        game._apply(touched)
        settle(settled, d)
        assert loop_form == settled and d == [0.0] * 4, [eff.source for eff in lists]
    assert compile_settle((0.0,) * 100, (1.0,) * 100, 100) is None   # many variables: the loop is cheaper


# --- rules a class can trust --------------------------------------------------------------------

def test_identical_crossing_proposals_are_an_agreement(duel):
    game = Game(duel, 1)
    record = play(game, (("wait", ("propose", {"toll": "half"})), ("wait", ("propose", {"toll": "half"}))))
    assert game.snapshot()["agreed"] == {"toll": "half"}
    assert {"kind": "agreement", "issue": "toll", "option": "half"} in record["news"]
    assert game.pending == [None, None]


def test_a_replaced_proposal_lapses_with_its_reason(duel):
    game = Game(duel, 1)
    play(game, (("wait", ("propose", {"toll": "half"})), "wait"))
    record = play(game, (("wait", ("propose", {"toll": "none"})), "wait"))
    assert any(f["kind"] == "lapsed" and f["reason"] == "replaced" and f["terms"] == {"toll": "half"}
               for f in record["news"])


def test_a_countered_proposal_lapses_with_its_reason(duel):
    game = Game(duel, 1)
    play(game, ("wait", ("wait", ("propose", {"toll": "none"}))))
    record = play(game, (("wait", ("propose", {"toll": "half"})), "wait"))
    lapsed = [f for f in record["news"] if f["kind"] == "lapsed"]
    assert lapsed == [{"kind": "lapsed", "side": "south", "terms": {"toll": "none"}, "package": None,
                       "reason": "countered"}]
    assert any(f["kind"] == "proposal" and f["counter"] for f in record["news"])


def test_a_record_of_another_engine_version_is_refused_naming_both(ukraine):
    record = random_game(ukraine, 1).record()
    record["engine"] = "0.1.0"
    with pytest.raises(RecordError, match=rf"0\.1\.0.*engine version {ENGINE_VERSION}"):
        replay_game(record, ukraine)


# --- safe to hand to an agent -------------------------------------------------------------------

def _vandalise(obj, depth=0):
    """Try to change everything reachable from `obj`; swallow every refusal."""
    if depth > 3 or isinstance(obj, (np.ndarray, str, bytes, int, float)):
        return
    for name in [n for n in dir(obj) if not n.startswith("__") and not n.startswith("model_")]:
        try:
            value = getattr(obj, name)
        except Exception:
            continue
        for attempt in (lambda: setattr(obj, name, None), lambda: value.clear(), lambda: value.append(1),
                        lambda: value.__setitem__(0, 99.0), lambda: value.pop()):
            try:
                attempt()
            except Exception:
                pass
        if not callable(value):
            _vandalise(value, depth + 1)
    for container in (obj if isinstance(obj, (tuple, list)) else ()):
        _vandalise(container, depth + 1)
    if hasattr(obj, "items") and callable(obj.items):
        try:
            for key, value in list(obj.items()):
                try:
                    obj[key] = 999.0
                except Exception:
                    pass
                _vandalise(value, depth + 1)
        except Exception:
            pass


class Vandal(RandomAgent):
    """Plays like RandomAgent, after trying to change everything it was given."""

    name = "vandal"
    observes = True

    def choose(self, observation, legal):
        _vandalise(observation)
        _vandalise(legal)
        return super().choose(observation, legal)


class Polite(RandomAgent):
    name = "vandal"
    observes = True


def test_an_agent_that_mutates_what_it_receives_changes_neither_game_nor_record(ukraine):
    for seed in (1, 2, 3):
        vandal = Match(ukraine, [Vandal(), Vandal()], seed=seed)
        vandal.play()
        polite = Match(ukraine, [Polite(), Polite()], seed=seed)
        polite.play()
        assert not vandal.faults
        assert dumps(vandal.record()) == dumps(polite.record())


def test_a_lookalike_of_a_legal_action_is_not_legal(ukraine):
    game = Game(ukraine, 1)
    real = game.legal(0).actions[0]

    class Lookalike:
        escalation = -18000.0
        def __eq__(self, other):
            return True
        def __hash__(self):
            return hash(real)

    assert not game.legal(0).allows(Choice(Lookalike(), NO_MESSAGE))
    assert not game.legal(0).allows((real, NO_MESSAGE))   # a plain tuple is not a Choice


def test_an_agents_stream_resumes_exactly_after_save_and_load():
    stream = Stream(42)
    stream.random(), stream.gauss(0, 1)                   # leaves a second gauss draw pending
    state = json.loads(json.dumps(stream.state()))
    restored = Stream.from_state(state)
    assert [restored.gauss(0, 1) for _ in range(3)] == [stream.gauss(0, 1) for _ in range(3)]


def test_the_fused_event_firing_equals_the_selector_and_its_loop(ukraine):
    # off the log, on turns without scheduled events, a phase's `fire` selects, marks and applies
    # its events in one call: the same draws, the same fired flags and the same state as the
    # selector followed by each event's apply_now, in every phase and from many states
    rng = random.Random(6)
    sc = ukraine
    for k in range(600):
        phase = sc.phases[k % len(sc.phases)]
        game = random_game(sc, k, turns=rng.randint(0, 8)).game
        v = list(game.v)
        for i in range(len(sc.var_ids)):   # states the played games rarely reach, too
            if rng.random() < 0.3:
                v[i] = rng.uniform(sc.lo[i], sc.hi[i])
        fired = bytearray(rng.random() < 0.3 for _ in sc.events)
        seed = rng.getrandbits(64)
        v1, f1, r1 = list(v), bytearray(fired), Stream(seed)
        happening = phase.events(v1, f1, r1.random)
        for ev in happening:
            f1[ev.index] = 1
            ev.effects.apply_now(v1)
        v2, f2, r2 = list(v), bytearray(fired), Stream(seed)
        assert bool(phase.fire(v2, f2, r2.random)) == bool(happening)
        assert (v1, f1, r1.random()) == (v2, f2, r2.random()), (phase.id, k)
