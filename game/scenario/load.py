"""Finding and loading scenarios: validate once, hash the content, compile for the engine."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from game.scenario.compiled import CompiledScenario, compile_scenario
from game.scenario.schema import Scenario
from game.errors import HotlineError

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_SCENARIO = "ukraine_2022"
#: the environment variable naming the user's own scenario folder (default ~/.hotline/scenarios)
USER_DIR_ENV = "HOTLINE_SCENARIOS_DIR"
_PATTERNS = ("*.yaml", "*.yml")


class ScenarioNotFound(HotlineError, FileNotFoundError):
    """No scenario file at that path and no bundled scenario with that id."""


def content_hash(model: Scenario) -> str:
    """Hash of the validated content: comments and layout of the file do not change it."""
    return hashlib.sha256(model.model_dump_json().encode()).hexdigest()


def bundled_scenarios() -> list[Path]:
    """The scenarios shipped with the game (scenarios/*.yaml), the default one first: lists, menus and
    `bench` start with the crisis the game opens on."""
    return sorted(BUNDLED_DIR.glob("*.yaml"), key=lambda p: (p.stem != DEFAULT_SCENARIO, p.name))


def user_scenarios_dir() -> Path:
    """The folder of the user's own scenarios: $HOTLINE_SCENARIOS_DIR, else ~/.hotline/scenarios."""
    configured = os.environ.get(USER_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".hotline" / "scenarios"


def user_scenarios() -> list[Path]:
    """The .yaml/.yml files in the user's scenario folder (none if it does not exist)."""
    folder = user_scenarios_dir()
    try:
        return sorted({p for pattern in _PATTERNS for p in folder.glob(pattern) if p.is_file()})
    except OSError:   # unreadable folder: as if it were empty
        return []


def available_scenarios() -> list[Path]:
    """Every scenario the game lists: the bundled ones, then the user's own folder's."""
    return bundled_scenarios() + user_scenarios()


def find_scenario(name: str | Path | None = None) -> Path:
    """A path as given, or the bundled (then the user's) scenario whose file stem is `name`."""
    name = DEFAULT_SCENARIO if name is None else name
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise ScenarioNotFound(f"no scenario file at {path}")
        return path
    for candidate in available_scenarios():
        if candidate.stem == str(name):
            return candidate
    bundled = ", ".join(p.stem for p in bundled_scenarios()) or "none"
    own = ", ".join(p.stem for p in user_scenarios()) or "none"
    raise ScenarioNotFound(f"no bundled scenario '{name}' (bundled: {bundled}; yours in {user_scenarios_dir()}: "
                           f"{own}); give a path to a .yaml file")


def load_scenario(name: str | Path | None = None) -> CompiledScenario:
    """Validate and compile a scenario file (raises ScenarioError listing every problem)."""
    from game.scenario.validate import validate_file

    path = find_scenario(name)
    model = validate_file(path)
    return compile_scenario(model, content_hash(model), str(path))
