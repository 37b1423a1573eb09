"""The JSON Schema of the scenario format, generated from the pydantic models.

Editors use it (via the `# yaml-language-server: $schema=./hotline.schema.json` line at the top
of a scenario) for completion and inline checks; `scenarios/hotline.schema.json` is this
generator's output, kept in the repository and tested to stay equal to it.
"""
from __future__ import annotations

import json

from game.scenario.schema import FORMAT_VERSION, Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:hotline:scenario-format:{FORMAT_VERSION}"


def scenario_json_schema() -> dict:
    """JSON Schema (draft 2020-12) of a scenario file, as a dict."""
    body = Scenario.model_json_schema(mode="validation")
    head = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"Hotline scenario (format {FORMAT_VERSION})",
        "description": "A crisis scenario for the Hotline negotiation game. Structure only: "
                       "names that refer to each other and the condition/effect expressions are "
                       "checked by `python run.py validate`.",
    }
    body.pop("title", None)
    body.pop("description", None)
    return {**head, **body}


def schema_text() -> str:
    """The schema as the exact text of `scenarios/hotline.schema.json` (newline at end)."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
