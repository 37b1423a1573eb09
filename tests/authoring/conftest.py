"""Shared helpers for the authoring tool tests."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
#: small playouts keep the suite fast; the rules do not depend on the number of games
FAST = {"games": 60, "scripted_games": 1, "passive_games": 3}
