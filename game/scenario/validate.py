"""Validate a scenario file completely: safe YAML, the typed schema, then cross-references.

`validate_file` / `validate_text` return the `Scenario` model, or raise one `ScenarioError`
listing every problem of the file, sorted by line, each as `file:line:col: key.path: message`.
"""
from __future__ import annotations

import os

from pydantic import ValidationError

from game.scenario.crossref import check_references
from game.scenario.errors import ScenarioError, ScenarioIssue
from game.scenario.expr import suggestion_budget
from game.scenario.schema import Scenario
from game.scenario.schema_issues import schema_issues
from game.scenario.yaml_source import YamlDoc, read_file, read_text


def validate_file(path: str | os.PathLike) -> Scenario:
    """Read and validate the scenario at `path`; raises ScenarioError with all its issues."""
    return validate_doc(read_file(path))


def validate_text(text: str, filename: str = "<text>") -> Scenario:
    """Validate scenario YAML given as text; `filename` is used in the error messages."""
    return validate_doc(read_text(text, filename))


def validate_doc(doc: YamlDoc) -> Scenario:
    """Validate data already read by `yaml_source` (schema + cross-references, all issues at once)."""
    with suggestion_budget():   # "did you mean" for thousands of unknown names: linear, not quadratic
        return _validate(doc)


def _validate(doc: YamlDoc) -> Scenario:
    issues: list[ScenarioIssue] = list(doc.issues)
    if not isinstance(doc.data, dict):
        found = {type(None): "nothing", list: "a list", str: "a single text"}.get(type(doc.data), "a single value")
        line, col = (1, 1) if doc.data is None else (doc.root.line + 1, doc.root.col + 1)
        issues.append(ScenarioIssue(doc.filename, line, col, "",
                                    f"expected a scenario (a mapping of key: value lines) at the top "
                                    f"of the file, found {found}"))
        raise ScenarioError(issues)
    scenario = None
    later: list[ScenarioIssue] = []
    try:
        scenario = Scenario.model_validate(doc.data, strict=True)
    except ValidationError as exc:
        later.extend(schema_issues(exc, doc))
    later.extend(check_references(doc))
    # A YAML-level problem (a refused tag, an impossible date ...) explains its position already.
    explained = {(i.line, i.col) for i in doc.issues}
    issues.extend(i for i in later if (i.line, i.col) not in explained)
    if issues or scenario is None:
        raise ScenarioError(issues)
    return scenario
