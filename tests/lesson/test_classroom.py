"""`class collect`: a folder of a class's records and saves becomes one CSV table and one HTML page;
bad or foreign files are listed, never fatal; the same game found twice counts once."""
from __future__ import annotations

import csv
import io
import json

import pytest

from game.lesson.classroom import CSV_NAME, HTML_NAME, ClassError, collect, csv_text
from tests.cli.conftest import no_traceback, run_cli
from tests.lesson.conftest import play_record
from tests.lesson.test_briefing import well_formed

PAIRINGS = [("random", "random"), ("hawk", "dove"), ("dove", "dove"), ("tit_for_tat", "hawk"), ("dove", "hawk"),
            ("hawk", "hawk")]


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory, ukraine):
    """30 records in a folder per machine, plus a corrupt record, a text file and foreign JSON."""
    root = tmp_path_factory.mktemp("class")
    for n in range(30):
        moscow, washington = PAIRINGS[n % len(PAIRINGS)]
        folder = root / f"machine{n % 5 + 1}" / "records"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"game{n:02d}.json").write_text(json.dumps(play_record(ukraine, moscow, washington, 100 + n)))
    good = (root / "machine1" / "records" / "game00.json").read_text()
    (root / "machine2" / "corrupt.json").write_text(good[: len(good) // 2])
    (root / "machine3" / "notes.txt").write_text("bring the briefings")
    (root / "machine4" / "package.json").write_text('{"name": "not a game"}')
    return root


def test_thirty_records_a_corrupt_one_and_a_text_file_make_the_table_and_the_page(class_folder, tmp_path):
    out = tmp_path / "results"
    proc = run_cli("class", "collect", str(class_folder), "--out", str(out))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("30 games collected")
    for name in ("corrupt.json", "notes.txt", "package.json"):
        assert f"left out: machine" in proc.stdout and name in proc.stdout
    rows = list(csv.DictReader(io.StringIO((out / CSV_NAME).read_text(encoding="utf-8"))))
    assert len(rows) == 30 and {r["finished"] for r in rows} == {"yes"}
    assert all(r["side_1"] == "moscow" and r["side_2"] == "washington" for r in rows)
    assert all(len(r["escalation_by_turn_1"].split()) == int(r["turns"]) for r in rows)
    html = (out / HTML_NAME).read_text(encoding="utf-8")
    well_formed(html)
    for part in ("Outcomes across the class", "Escalation curves, side by side", "Which moves led where",
                 "Every game", "Files left out", "the file is truncated"):
        assert part in html
    assert html.count("<svg") == 3            # outcomes, and one escalation chart per side
    assert "notes.txt" in html and "package.json" in html


def test_outcomes_across_the_class_count_every_game_once(class_folder):
    c = collect(class_folder)
    assert len(c.games) == 30 and len(c.problems) == 3
    outcomes = {g.outcome for g in c.games}
    assert len(outcomes) >= 3                         # the pairings end differently
    assert sum(g.first_violence is not None for g in c.games) >= 5


def test_a_save_and_the_record_of_the_same_game_count_once(tmp_path, ukraine):
    from game.agents import make_agent
    from game.match import Match
    from game.saves import save_game

    match = Match(ukraine, [make_agent("dove"), make_agent("hawk")], seed=9)
    for _ in range(3):
        match.step()
    save_game(match, tmp_path / "autosave.json")
    match.play()
    (tmp_path / "final.json").write_text(json.dumps(match.record()))
    c = collect(tmp_path)
    assert len(c.games) == 1 and c.games[0].finished
    assert c.problems == [("autosave.json", "the same game as final.json, which is further on")]
    assert csv_text(c).count("\n") == 2


def test_an_unfinished_save_counts_as_unfinished(tmp_path, ukraine):
    from game.agents import make_agent
    from game.match import Match
    from game.saves import save_game

    match = Match(ukraine, [make_agent("random"), make_agent("random")], seed=4)
    match.step()
    save_game(match, tmp_path / "pair7.json")
    (game,) = collect(tmp_path).games
    assert (game.kind, game.finished, game.outcome_label, game.turns) == ("save", False, "unfinished", 1)


def test_a_missing_folder_is_a_usage_error_in_one_line(tmp_path):
    with pytest.raises(ClassError):
        collect(tmp_path / "nowhere")
    proc = run_cli("class", "collect", str(tmp_path / "nowhere"))
    no_traceback(proc)
    assert proc.returncode == 2 and proc.stderr.strip().endswith("no such folder")


def test_the_outcome_bars_say_one_game_and_many_games():
    from game.lesson.html import bar_chart

    svg = bar_chart([("A managed standoff", 1, "#333"), ("War", 3, "#900")], unit=(" game", " games"))
    assert ">1 game<" in svg and ">3 games<" in svg
