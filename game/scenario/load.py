"""Finding and loading scenarios: validate once, hash the content, compile for the engine."""
from __future__ import annotations

import hashlib
from pathlib import Path

from game.scenario.compiled import CompiledScenario, compile_scenario
from game.scenario.schema import Scenario
from game.errors import HotlineError

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_SCENARIO = "ukraine_2022"


class ScenarioNotFound(HotlineError, FileNotFoundError):
    """No scenario file at that path and no bundled scenario with that id."""


def content_hash(model: Scenario) -> str:
    """Hash of the validated content: comments and layout of the file do not change it."""
    return hashlib.sha256(model.model_dump_json().encode()).hexdigest()


def bundled_scenarios() -> list[Path]:
    return sorted(BUNDLED_DIR.glob("*.yaml"))


def find_scenario(name: str | Path | None = None) -> Path:
    """A path as given, or the bundled scenario whose file stem or id is `name`."""
    name = DEFAULT_SCENARIO if name is None else name
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise ScenarioNotFound(f"no scenario file at {path}")
        return path
    for candidate in bundled_scenarios():
        if candidate.stem == str(name):
            return candidate
    known = ", ".join(p.stem for p in bundled_scenarios()) or "none"
    raise ScenarioNotFound(f"no bundled scenario '{name}' (bundled: {known}); give a path to a .yaml file")


def load_scenario(name: str | Path | None = None) -> CompiledScenario:
    """Validate and compile a scenario file (raises ScenarioError listing every problem)."""
    from game.scenario.validate import validate_file

    path = find_scenario(name)
    model = validate_file(path)
    return compile_scenario(model, content_hash(model), str(path))
