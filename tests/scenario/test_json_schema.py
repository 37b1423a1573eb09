"""Rules for the published JSON Schema: it is the generator's output and accepts valid scenarios."""
from __future__ import annotations

import json

import pytest

from game.scenario.json_schema import SCHEMA_DIALECT, scenario_json_schema, schema_text
from game.scenario.yaml_source import read_file, to_plain

from .conftest import BUNDLED, MINIMAL, ROOT

jsonschema = pytest.importorskip("jsonschema")
COMMITTED = ROOT / "scenarios" / "hotline.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schema_equals_the_generator_output():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), \
        "scenarios/hotline.schema.json is stale: run `python run.py schema -o scenarios/hotline.schema.json`"


def test_schema_names_its_dialect_id_and_title():
    schema = scenario_json_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"] and schema["title"].startswith("Hotline scenario")
    assert list(schema)[:3] == ["$schema", "$id", "title"]


@pytest.mark.parametrize("path", [MINIMAL, *BUNDLED], ids=lambda p: p.name)
def test_valid_scenarios_pass_the_json_schema_after_yaml_to_json(validator, path):
    data = json.loads(json.dumps(to_plain(read_file(path).data)))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_the_json_schema_rejects_a_misspelt_key_and_a_bad_id(validator):
    data = to_plain(read_file(MINIMAL).data)
    data["sumary"] = data.pop("summary")
    data["id"] = "Not An Id"
    assert len(list(validator.iter_errors(data))) == 2
