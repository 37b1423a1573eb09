"""`balance`: a report an author can open offline, with every outcome, the moves, dominant and
useless moves and passive play, from the round robin's very games (replayed identically)."""
from __future__ import annotations

import json
import re

import pytest

from game.authoring.balance import PASSIVE_SPEC, run_balance
from game.authoring.report import glance, write
from game.cli.main import main
from game.scenario.load import load_scenario

AGENTS = ["random", "dove", PASSIVE_SPEC]


@pytest.fixture(scope="module")
def cuba(tmp_path_factory):
    scenario = load_scenario("cuba_1962")
    out = tmp_path_factory.mktemp("balance")
    result = run_balance(scenario, AGENTS, games=4, seed=1, out_dir=out, probe_games=3, jobs=1, progress=False)
    return result, write(result, "python run.py balance cuba_1962 --games 4")


def test_the_replayed_games_are_the_round_robins_games(cuba):
    result, _ = cuba
    assert len(result.rows) == len(AGENTS) ** 2 * 4 and result.mismatches == 0 and result.errors == 0
    recorded = sum(run.summary.outcomes[o] for run in result.tournament.runs.values() for o in result.outcome_ids())
    assert recorded == len(result.rows)


def test_the_html_report_is_offline_and_shows_every_outcome(cuba):
    result, (html, md, data) = cuba
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"(src|href)=[\"']?https?:", page)
    assert page.count("<svg") >= 3
    for outcome in result.outcome_ids():
        assert outcome in page and outcome in md.read_text(encoding="utf-8")
    for heading in ("Outcomes per pairing", "Escalation", "Mean scores", "how often chosen", "Dominant and useless",
                    "almost never happen", "passive play"):
        assert heading in page


def test_the_markdown_and_json_carry_the_numbers(cuba):
    result, (_, md, data) = cuba
    text = md.read_text(encoding="utf-8")
    assert "## At a glance" in text and "passive v passive" in text
    numbers = json.loads(data.read_text(encoding="utf-8"))
    assert numbers["replayed"] == len(result.rows) and set(numbers["mean_scores"]) == {"moscow", "washington"}
    assert {m["move"] for m in numbers["moves"]["moscow"]} >= {"hold_course", "dismantle_sites"}
    assert set(numbers["probes"]) == {"moscow", "washington"}


def test_passive_play_and_move_figures_add_up(cuba):
    result, _ = cuba
    passive = result.passive()
    assert sum(passive["both"].values()) == 4
    for side_index, (side, rows) in enumerate(result.move_stats().items()):
        assert sum(r["chosen"] for r in rows) == sum(len(r.moves[side_index]) for r in result.rows)
    assert glance(result)[0].startswith("Most common ending")


def test_balance_command_writes_the_report_and_refuses_bad_flags(tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["balance", "cuba_1962", "--games", "2", "--probe-games", "1", "--agents", "random,passive",
                 "--jobs", "1", "--out", str(out)]) == 0
    assert (out / "report.html").exists() and (out / "report.md").exists()
    said = capsys.readouterr().out
    assert "wrote" in said and "[4/4] passive v passive" in said and "replaying the 8 games" in said
    assert main(["balance", "cuba_1962", "--games", "0"]) == 2
    assert main(["balance", str(tmp_path)]) == 2
    assert "is a folder: give one scenario file" in capsys.readouterr().err
    assert main(["balance", "no_such_scenario"]) == 2


def test_bar_values_never_overlap_the_move_names():
    from game.authoring.svg import bars

    chart = bars([("a_long_move_name", 5.0), ("another_one", -20.0)])
    lefts = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', chart)]
    value_ends = [float(x) for x in re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="end">-20.0', chart)]
    assert min(lefts) >= 240 + 40 and value_ends[0] - 40 >= 240   # the number fits between name and bar
