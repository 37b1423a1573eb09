"""The terminal game in class: origins on every event, the real dates marked as the game reaches
them, the game beside what really happened at the end, and the record kept for the debrief."""
from __future__ import annotations

import re

from tests.cli.conftest import ALWAYS_FIRST, no_traceback, run_cli


def test_a_class_game_in_the_terminal_shows_origins_real_dates_and_offers_the_debrief(saves):
    proc = run_cli("play", "--text", "--side", "moscow", "--opponent", "dove", "--seed", "3", input=ALWAYS_FIRST,
                   saves=saves)
    no_traceback(proc)
    out = proc.stdout
    lines = out.splitlines()
    events = []   # each event with its wrapped continuation lines
    for k, line in enumerate(lines):
        if line.startswith("  Event — "):
            block = [line]
            for more in lines[k + 1:]:
                if not more.startswith("      "):
                    break
                block.append(more.strip())
            events.append(" ".join(block))
    assert len(events) > 10
    assert all(re.search(r"\[(from the article|real history|invented for the game)[^\]]*\]$", e) for e in events)
    assert "[from the article — Al Jazeera (with Reuters)]" in re.sub(r"\s+", " ", out)
    assert "◆ This turn reaches 21 February 2022. In reality: Putin recognises" in out
    assert "◆ This turn reaches 24 February 2022." in out
    assert "This game beside what really happened:" in out and "Questions for discussion:" in out
    records = list((saves / "records").glob("hotline-ukraine_2022-*.json"))
    assert len(records) == 1 and f"python run.py report {records[0]} --out debrief.html" in out


def test_a_headless_game_keeps_no_record_of_its_own(saves):
    proc = run_cli("play", "--moscow", "random", "--washington", "random", "--seed", "2", saves=saves)
    no_traceback(proc)
    assert proc.returncode == 0 and not (saves / "records").exists()


def test_the_move_menu_says_what_each_move_is_modelled_on(saves):
    proc = run_cli("play", "--text", "--side", "moscow", "--opponent", "dove", "--seed", "3", input="q\n", saves=saves)
    no_traceback(proc)
    assert "Send questions instead of an answer  [diplomatic · status quo 0 · article]" in proc.stdout
    assert "Hold position and wait  [diplomatic · status quo 0 · invented]" in proc.stdout


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
