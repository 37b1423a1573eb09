"""The authoring guide keeps its promises: the field reference is generated from the schema and
current, and the tutorial's files validate, lint as it says and play."""
from __future__ import annotations

import re

from game.authoring.lint import lint_file
from game.authoring.reference import GUIDE, current_guide_section, reference
from game.cli.main import main
from game.scenario.validate import validate_file

from .conftest import FAST

TEXT = GUIDE.read_text(encoding="utf-8")
TUTORIAL = TEXT.split("## 9. Tutorial", 1)[1].split("## 10.", 1)[0]
MARKER = "<!-- tutorial: the complete file"


def test_the_field_reference_in_the_guide_is_current():
    assert current_guide_section(TEXT) == reference(), \
        "the field reference is stale: run python -m game.authoring.reference --write"


def test_the_field_reference_covers_every_key_of_the_format():
    from game.authoring.reference import sections

    ref = reference()
    for model, _ in sections():
        for name, field in model.model_fields.items():
            assert f"| `{field.alias or name}` |" in ref.split(f"#### {model.__name__}\n", 1)[1]
        assert model.__name__ in ref


def _complete_file() -> str:
    return re.findall(r"```yaml\n(.*?)```", TUTORIAL.split(MARKER, 1)[1], re.S)[0]


def test_the_tutorials_complete_file_validates_lints_clean_and_plays(tmp_path, capsys):
    path = tmp_path / "harbour_standoff.yaml"
    path.write_text(_complete_file(), encoding="utf-8")
    model = validate_file(path)
    assert list(model.sides) == ["north", "south"]
    report = lint_file(path, **FAST)
    assert {f.code for f in report.findings} == {"no-sources", "passive-play"}
    assert all(f.severity == "note" for f in report.findings)
    assert main(["play", "--scenario", str(path), "--agent", "north=random", "--agent", "south=dove",
                 "--seed", "1"]) == 0
    assert "outcome:" in capsys.readouterr().out


def test_the_tutorials_step_5_file_has_the_flaws_step_6_shows(tmp_path):
    steps = re.findall(r"```yaml\n(.*?)```", TUTORIAL.split("**Step 6", 1)[0], re.S)
    path = tmp_path / "harbour_standoff.yaml"
    path.write_text("".join(steps), encoding="utf-8")
    validate_file(path)
    report = lint_file(path, **FAST)
    codes = {(f.code, f.severity) for f in report.findings}
    assert {("phase-flip", "warning"), ("variable-unread", "note"), ("passive-play", "warning"),
            ("no-sources", "note")} <= codes
    shown = TUTORIAL.split("**Step 6", 1)[1].split("**Step 7", 1)[0]
    for f in report.findings:
        if f.method == "static":
            assert f"{f.path}: {f.message}" in shown
