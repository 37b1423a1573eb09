"""The terminal front end's parts in-process: the human agent, hand-over, and what each player may read."""
from __future__ import annotations

import io

import pytest

from game import Agent, Choice, Match, RandomAgent, observe
from game.cli.text import render
from game.cli.text.console import Console, EndOfInput
from game.cli.text.human import HumanTerminalAgent
from game.present import Presenter
from game.match import StopMatch
from tests.cli.conftest import ALWAYS_FIRST, run_cli


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def pick(game, side: int, action_id: str) -> Choice:
    legal = game.legal(side)
    return Choice(next(a for a in legal.actions if a.id == action_id), legal.messages[0])


def test_the_human_terminal_agent_is_an_agent_that_observes():
    agent = HumanTerminalAgent(Console(io.StringIO(), io.StringIO()))
    assert isinstance(agent, Agent)
    assert agent.observes is True and agent.name == "human"


def test_the_human_agent_raises_stop_match_at_the_end_of_input(duel):
    out = io.StringIO()
    match = Match(duel, [HumanTerminalAgent(Console(io.StringIO("1\n"), out)), RandomAgent()], seed=1)
    with pytest.raises(StopMatch):
        match.step()
    assert match.game.turn == 1 and not match.faults        # nothing was played, nothing faulted
    assert "North, message [0-" in out.getvalue()


def test_the_human_agent_returns_the_numbered_action_and_message(duel):
    match = Match(duel, [HumanTerminalAgent(Console(io.StringIO("2\n3\n"), io.StringIO())), RandomAgent()],
                  seed=1)
    record = match.step()
    assert record["choices"]["north"]["action"] == match.game.choices[0][0].action.id == "shout"
    assert record["choices"]["north"]["message"] == {"kind": "propose", "terms": {"bridge": "north_keeps"}}


def test_hand_over_clears_a_real_terminal_so_the_last_choice_cannot_be_read():
    tty = FakeTty()
    console = Console(FakeTty("\n"), tty)
    console.clear()
    console.hand_over("Washington")
    assert tty.getvalue().startswith("\033[H\033[2J\033[3J")     # the scrollback too
    assert "Pass the keyboard to Washington" in tty.getvalue()


def test_piped_output_is_never_cleared():
    out = io.StringIO()
    Console(io.StringIO(), out).clear()
    assert out.getvalue() == ""


def test_the_end_of_input_is_end_of_input_not_an_error():
    with pytest.raises(EndOfInput):
        Console(io.StringIO(""), io.StringIO()).ask_number("? ", range(1, 3))


SECRET_NEWS = "Ukrainian banks and ministries hit by cyberattack"


def test_a_secret_move_is_reported_only_to_its_own_side(ukraine):
    match = Match(ukraine, [None, None], seed=1)
    game = match.game
    record = game.step(pick(game, 0, "cyber_attack"), pick(game, 1, "hold_position"))
    moscow, washington = Presenter(ukraine, me="moscow"), Presenter(ukraine, me="washington")
    both = Presenter(ukraine, me=None, sees=())
    assert any(SECRET_NEWS in line and "(secret)" in line for line in render.turn_report(moscow, record, 80))
    assert not any(SECRET_NEWS in line for line in render.turn_report(washington, record, 80))
    assert "  Moscow did something you could not see" in render.turn_report(washington, record, 80)
    assert not any(SECRET_NEWS in line for line in render.turn_report(both, record, 80))
    assert not any(SECRET_NEWS in line for line in render.situation(washington, observe(game, 1), 80))


def test_hot_seat_never_shows_one_players_secret_move_to_the_other(saves):
    # Moscow plays the secret cyberattack (9) on turn 1; Washington holds.
    proc = run_cli("play", "--text", "--side", "both", "--seed", "1",
                   input="\n10\n0\n\n1\n0\n" + ALWAYS_FIRST, saves=saves)
    out = proc.stdout
    assert "You chose: Deniable cyberattack on Ukraine" in out        # on Moscow's own screen
    after_hand_over = out.split("Pass the keyboard to Washington", 1)[1].split("Pass the keyboard to Moscow")[0]
    assert "cyberattack" not in after_hand_over.lower()
    assert "What happened, 1–3 February 2022 (turn 1)" in after_hand_over
    assert "Moscow made a secret move" in after_hand_over


def test_the_debrief_has_outcome_scores_agreements_and_an_escalation_timeline(duel):
    match = Match(duel, [RandomAgent(), RandomAgent()], seed=4)
    match.play()
    text = "\n".join(render.final_report(match, 80))
    assert f"OUTCOME after {match.game.turn - 1} turns: {match.game.outcome.spec.label}" in text
    assert match.game.outcome.spec.debrief.split()[0] in text
    assert "Scores: North" in text and "Agreements reached:" in text
    timeline = render.timeline(Presenter(duel), match.game)
    assert len(timeline) == 3 + len(match.game.choices) + 1
    total = match.game.escalation
    assert "".join(timeline[-1].split()) == f"total{render.signed(total[0])}inall{render.signed(total[1])}inall"


def test_the_terminal_tags_a_dated_event_on_another_day_as_modelled_on_it_and_on_its_day_as_history():
    from game.scenario.load import load_scenario

    p = Presenter(load_scenario("cuba_1962"))
    shot = [{"kind": "event", "id": "u2_shot_down"}]
    assert render.news_block(p, shot, 100, turn=12)[0].startswith("  [history 27 October 1962] ")
    assert render.news_block(p, shot, 100, turn=8)[0].startswith("  [modelled on 27 October 1962] ")
    full = " ".join(" ".join(render.news_in_full(p, shot, 100, 8)).split())
    assert "Invented for the game, modelled on real history of 27 October 1962 — Robert F. Kennedy" in full
