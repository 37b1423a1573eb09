"""The scripted computer players: legal choices only, determinism, exact resumption, and the
behaviour each one's name promises."""
from __future__ import annotations

import itertools
import json

import pytest

from game.agents.base import builtin_agents
from game.engine.record import dumps
from game.match import Match
from game.saves import load_game, save_game
from tests.agents.conftest import new_agent, play

SCRIPTED = ("hawk", "dove", "tit_for_tat", "negotiator", "historical", "easy", "normal")


class Checked:
    """Wraps an agent and checks every answer against the legal choices it was given."""

    def __init__(self, agent):
        self.agent, self.name, self.observes = agent, agent.name, agent.observes
        self.illegal = []

    def reset(self, side, scenario, rng):
        self.agent.reset(side, scenario, rng)

    def choose(self, observation, legal):
        choice = self.agent.choose(observation, legal)
        if not legal.allows(choice):
            self.illegal.append(choice)
        return choice


@pytest.mark.parametrize("name", SCRIPTED)
def test_an_agent_only_ever_returns_legal_choices_on_either_side(ukraine, name):
    for seed, opponent in itertools.product(range(24), ("random", name, "hawk", "dove")):
        for side in (0, 1):
            checked = Checked(new_agent(name))
            agents = [checked, new_agent(opponent)] if side == 0 else [new_agent(opponent), checked]
            match = Match(ukraine, agents, seed=seed, log=False)
            match.play()
            assert checked.illegal == [] and match.faults == [], (seed, side, opponent, match.faults)


@pytest.mark.parametrize("name", SCRIPTED)
def test_the_same_seed_gives_the_same_game(ukraine, name):
    for seed in (3, 11):
        first = play(ukraine, name, "random", seed, log=True).record()
        again = play(ukraine, name, "random", seed, log=True).record()
        assert dumps(first) == dumps(again)
        mirrored = play(ukraine, "random", name, seed, log=True).record()
        assert dumps(mirrored) == dumps(play(ukraine, "random", name, seed, log=True).record())


@pytest.mark.parametrize("name", SCRIPTED)
def test_a_saved_game_resumes_with_the_agent_exactly_where_it_was(ukraine, name, tmp_path):
    seed = 5
    whole = play(ukraine, name, name, seed, log=True)
    match = Match(ukraine, [new_agent(name), new_agent(name)], seed=seed)
    for _ in range(min(4, whole.game.turn - 2)):   # stop before the end, at the latest after 4 turns
        match.step()
    assert not match.over
    path = save_game(match, tmp_path / "game.json")
    resumed = load_game(path, ukraine)
    assert [type(a) for a in resumed.agents] == [type(a) for a in match.agents]
    resumed.play()
    assert dumps(resumed.record()) == dumps(whole.record())


@pytest.mark.parametrize("name", SCRIPTED)
def test_an_agents_state_is_plain_json_and_restores_its_choices(ukraine, name):
    match = Match(ukraine, [new_agent(name), new_agent("random")], seed=9)
    for _ in range(3):
        match.step()
    assert not match.over
    state = json.loads(json.dumps(match.agents[0].get_state()))
    twin = new_agent(name)
    twin.reset(ukraine.sides[0], ukraine, match.agents[0].rng)
    twin.set_state(state)
    legal = match.game.legal(0)
    from game.engine.observation import observe

    obs = observe(match.game, 0)
    ours = match.agents[0].choose(obs, legal)
    assert twin.choose(obs, legal) == ours


def test_a_damaged_agent_state_is_refused_with_a_clear_error(ukraine):
    agent = new_agent("negotiator")
    match = Match(ukraine, [agent, new_agent("random")], seed=1)
    with pytest.raises(ValueError, match="negotiator"):
        agent.set_state({"rng": match.agents[1].get_state(), "memory": {"seen": "x"}})
    with pytest.raises(ValueError, match="not a saved agent state"):
        agent.set_state([1, 2])


def test_hawk_makes_the_most_escalatory_move_open(ukraine):
    match = Match(ukraine, [new_agent("hawk"), new_agent("random")], seed=2, log=True)
    legal = match.game.legal(0)
    top = max(a.escalation for a in legal.actions)
    assert match.choice_of(0).action.escalation == top


def proposals(match):
    """(side index, terms as (issue, option) index pairs) of every proposal in a logged match."""
    sc = match.scenario
    out = []
    for turn in match.record()["turns"]:
        for side, choice in turn["choices"].items():
            message = choice["message"]
            if message and message["kind"] == "propose":
                terms = []
                for issue_id, option_id in message["terms"].items():
                    issue = next(i for i in sc.issues if i.id == issue_id)
                    terms.append((issue.index, next(o.index for o in issue.options if o.id == option_id)))
                out.append((sc.sides.index(side), tuple(terms)))
    return out


def test_dove_makes_the_most_conciliatory_move_and_offers_compromise_not_surrender(ukraine):
    from game.agents.common import tables
    from game.agents.dove import FLOOR

    match = Match(ukraine, [new_agent("dove"), new_agent("random")], seed=2, log=True)
    legal = match.game.legal(0)
    assert match.choice_of(0).action.escalation == min(a.escalation for a in legal.actions)
    match = play(ukraine, "dove", "dove", 4, log=True)
    offers = proposals(match)
    assert offers
    for side, terms in offers:
        assert tables(ukraine, side).our_utility(terms) >= FLOOR * len(terms)


def test_tit_for_tat_answers_an_escalation_in_kind_and_calm_with_calm(ukraine):
    from game.agents.tit_for_tat import TitForTatAgent

    match = Match(ukraine, [new_agent("hawk"), TitForTatAgent()], seed=6, log=True)
    match.play()
    turns = match.record()["turns"]
    escal = [(t["escalation"]["moscow"], t["escalation"]["washington"]) for t in turns]
    assert escal[0][1] <= 0                                   # it opens conciliatory
    public = {a.id: a.public for a in ukraine.actions[0]}
    for (m_before, _), (_, w_now), turn in zip(escal, escal[1:], turns):
        if public[turn["choices"]["moscow"]["action"]] and m_before > 0:
            assert w_now > 0                                  # a threat is answered with a threat


def test_the_negotiator_opens_by_asking_and_never_proposes_terms_worth_less_than_nothing(ukraine):
    match = play(ukraine, "negotiator", "negotiator", 8, log=True)
    turns = match.record()["turns"]
    assert all(t["choices"][s]["message"]["kind"] == "question" for t in turns[:1] for s in ukraine.sides)
    sc = ukraine
    for turn in turns:
        for side, choice in turn["choices"].items():
            message = choice["message"]
            if message and message["kind"] == "propose":
                s = sc.sides.index(side)
                value = sum(next(o for o in next(i for i in sc.issues if i.id == k).options if o.id == v).value[s]
                            for k, v in message["terms"].items())
                assert value > 0


def test_the_negotiator_opens_with_its_best_terms_and_concedes_over_time(ukraine):
    from game.agents.common import tables

    match = play(ukraine, "negotiator", "hawk", 3, log=True)
    offers = [(turn, terms) for turn, (side, terms) in enumerate(proposals(match)) if side == 0]
    assert len(offers) >= 3
    t = tables(ukraine, 0)
    share = [t.our_utility(terms) / len(terms) for _, terms in offers]
    assert share[0] == 1.0 and share[-1] < share[0]


def test_answers_to_questions_replace_the_zero_sum_guess_of_what_the_other_side_wants(ukraine):
    """Moscow guesses Washington likes 'no limits' on weapons best (the reverse of its own
    ranking); Washington's answer says reciprocal missile limits, and the answer wins."""
    from game.agents.common import tables

    t = tables(ukraine, 0)
    weapons = t.issue_index["weapons_near_russia"]
    options = {o.id: o.index for o in ukraine.issues[weapons].options}
    guess = {k: t.their_utility(weapons, i, {}) for k, i in options.items()}
    assert max(guess, key=guess.get) == "no_limits"
    answer = {"weapons_near_russia": ("missile_limits", "no_limits", "halt_all")}
    told = {k: t.their_utility(weapons, i, answer) for k, i in options.items()}
    assert max(told, key=told.get) == "missile_limits" and told["halt_all"] == 0.0


def test_every_builtin_has_a_one_line_description_and_difficulty_levels_come_first():
    from game.agents.registry import menu

    agents = builtin_agents()
    for name, cls in agents.items():
        assert cls.name == name and cls.description and "\n" not in cls.description
    names = [name for name, _ in menu()]
    assert names[:3] == ["easy", "normal", "hard"] and "random" in names and "llm" not in names


def test_historical_refuses_a_scenario_without_a_line_with_one_clear_error():
    from game.agents.historical import HistoricalAgent, LineError
    from game.engine.rng import Stream
    from game.scenario.load import load_scenario
    from tests.engine.conftest import FIXTURES

    duel = load_scenario(FIXTURES / "duel.yaml")
    with pytest.raises(LineError, match="no historical line for scenario 'duel'.*ukraine_2022"):
        HistoricalAgent().reset(duel.sides[0], duel, Stream(1))


def test_a_line_naming_what_its_scenario_lacks_is_refused_with_where_and_what(ukraine, tmp_path):
    from game.agents.common import tables
    from game.agents.historical import CompiledLine, LineError, load_line, line_path

    text = line_path("ukraine_2022").read_text().replace("action: belarus_exercises", "action: belarus_drills")
    bad = tmp_path / "ukraine_2022.yaml"
    bad.write_text(text)
    with pytest.raises(LineError, match=r"sides\.moscow\.moves\[\d+\]\.action: .*no action 'belarus_drills'"):
        CompiledLine(load_line("ukraine_2022", bad), ukraine, 0, tables(ukraine, 0))
    bad.write_text("scenario: ukraine_2022\nsides: {moscow: {moves: [{date: 2022-02-01}]}}\n")
    with pytest.raises(LineError, match="exactly one of action, question or propose"):
        load_line("ukraine_2022", bad)


def test_the_built_in_line_fits_the_built_in_scenario_for_both_sides(ukraine):
    from game.agents.common import tables
    from game.agents.historical import CompiledLine, load_line

    line = load_line("ukraine_2022")
    for side in (0, 1):
        compiled = CompiledLine(line, ukraine, side, tables(ukraine, side))
        assert compiled.moves and compiled.summary


def test_historical_moscow_follows_the_dated_line_while_washington_allows_it(ukraine):
    """Against historical Washington: questions first, troops, Belarus, recognition on the turn of
    21 February, the invasion on the turn of 24 February."""
    match = play(ukraine, "historical", "historical", 1, log=True)
    moves = {turn["date"]: turn["choices"]["moscow"]["action"] for turn in match.record()["turns"]}
    assert moves["2022-02-01"] == "send_questions"
    assert moves["2022-02-10"] == "belarus_exercises"
    assert moves["2022-02-19"] == "recognise_republics"      # the turn of 19-21 February
    assert moves["2022-02-22"] == "full_invasion"            # the turn of 22-24 February


def test_historical_moscow_holds_back_when_washington_signs_its_treaty(ukraine):
    """'As far as the other side's moves allow': with its demands signed, no invasion."""
    from game.agents.historical import HistoricalAgent

    class Signs:
        name, observes = "signs", True

        def choose(self, observation, legal):
            from game.engine.game import Choice

            accept = next((m for m in legal.messages if m.kind == "accept"), legal.messages[0])
            return Choice(min(legal.actions, key=lambda a: a.escalation), accept)

    match = Match(ukraine, [HistoricalAgent(), Signs()], seed=3, log=True)
    match.play()
    moves = [turn["choices"]["moscow"]["action"] for turn in match.record()["turns"]]
    assert "full_invasion" not in moves and match.game.outcome.id == "moscow_treaty"


def test_historical_is_refused_before_a_game_of_a_scenario_it_has_no_line_for(ukraine):
    """Not a fault every turn: the match refuses it at once, naming player, side and reason."""
    from game.agents.base import AgentUnavailable, cannot_play
    from game.agents.historical import HistoricalAgent
    from game.agents.registry import menu
    from game.scenario.load import load_scenario

    cuba = load_scenario("cuba_1962")
    assert "no historical line for scenario 'cuba_1962'" in cannot_play(HistoricalAgent, cuba, "moscow")
    assert cannot_play(HistoricalAgent, ukraine, "moscow") is None
    assert cannot_play(HistoricalAgent, ukraine, "washington") is None
    with pytest.raises(AgentUnavailable, match="'historical' cannot play moscow in 'cuba_1962'"):
        Match(cuba, [new_agent("historical"), new_agent("hawk")], seed=1)
    assert "historical" not in [name for name, _ in menu(cuba)]
    assert "historical" in [name for name, _ in menu(ukraine)]
    from game.cli.tournament import default_agents

    assert "historical" not in default_agents(cuba) and "historical" in default_agents(ukraine)


def test_batch_commands_refuse_a_player_that_cannot_play_the_scenario_before_any_game(tmp_path):
    from tests.cli.conftest import run_cli

    out = tmp_path / "r.jsonl"
    done = run_cli("simulate", "--scenario", "cuba_1962", "--moscow", "historical", "--games", "2",
                   "--out", str(out), cwd=tmp_path)
    assert done.returncode != 0 and not out.exists()
    assert "cannot play moscow in 'cuba_1962'" in done.stderr and "Traceback" not in done.stderr
