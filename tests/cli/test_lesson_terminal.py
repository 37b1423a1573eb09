"""The terminal game in class: origins on every event, the real dates marked as the game reaches
them, the game beside what really happened at the end, and the record kept for the debrief."""
from __future__ import annotations

import re

import pytest

from tests.cli.conftest import ALWAYS_FIRST, no_traceback, run_cli


def test_a_class_game_in_the_terminal_shows_origins_real_dates_and_offers_the_debrief(saves):
    proc = run_cli("play", "--text", "--side", "moscow", "--opponent", "dove", "--seed", "3", input=ALWAYS_FIRST,
                   saves=saves)
    no_traceback(proc)
    out = proc.stdout
    tags = re.findall(r"^  \[(article|history[^\]]*|invented[^\]]*)\] ", out, re.M)
    assert len(tags) > 10 and any(t.startswith("history 4 February 2022") for t in tags)
    assert "reports from the article, as in your briefing (aljazeera_2022_02_01)" in out
    flat = " ".join(out.split())
    assert "Real history on these days: 21 February 2022 — Putin recognises" in flat
    assert "Real history on these days: 24 February 2022 — Russia launches a full-scale invasion" in flat
    assert "Key moments:" in out and "Questions for discussion:" in out
    records = list((saves / "records").glob("hotline-ukraine_2022-*.json"))
    assert len(records) == 1 and f"python run.py report {records[0]} --out debrief.html" in out


@pytest.mark.parametrize("scenario_id", ["ukraine_2022", "cuba_1962"])
def test_every_event_of_a_played_game_names_its_origin(scenario_id):
    """Issue 10: every on-screen event of both bundled crises says article, history or invented."""
    from game.agents import RandomAgent
    from game.match import Match
    from game.present import Presenter
    from game.scenario.load import load_scenario

    scenario = load_scenario(scenario_id)
    p = Presenter(scenario, me="moscow")
    match = Match(scenario, [RandomAgent(), RandomAgent()], seed=5)
    match.play()
    events = [line for record in match.game.turns for line in p.news_lines(record["news"]) if line.kind == "event"]
    assert len(events) > 5 and all(line.tag for line in events)


def test_a_headless_game_keeps_no_record_of_its_own(saves):
    proc = run_cli("play", "--moscow", "random", "--washington", "random", "--seed", "2", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0 and not (saves / "records").exists()


def test_a_moves_details_say_what_it_is_modelled_on(saves):
    proc = run_cli("play", "--text", "--side", "moscow", "--opponent", "dove", "--seed", "3", input="i 2\ni 1\nq\n",
                   saves=saves)
    no_traceback(proc)
    text = " ".join(proc.stdout.split())
    assert "Origin: from the article: Al Jazeera (with Reuters)" in text
    assert "Origin: invented for the game" in text


def test_the_guide_prints_as_a_page_and_the_readme_points_teachers_to_it(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    head = "\n".join((root / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "[teacher's guide](scenarios/teachers_guide.md)" in head
    out = tmp_path / "guide.html"
    proc = run_cli("guide", "--out", str(out))
    no_traceback(proc)
    html = out.read_text(encoding="utf-8")
    for heading in ("What students learn", "Before class", "The 45-minute lesson", "Variants", "The debrief",
                    "Installing on school machines without a network"):
        assert heading in html
    assert "<script" not in html and "python run.py wheelhouse" in html
