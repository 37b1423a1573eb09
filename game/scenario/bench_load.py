"""Timing of scenario loading (YAML + schema + cross-references, then compiling for the engine),
for `python run.py bench`."""
from __future__ import annotations

import os
import statistics
import time

from pydantic import ValidationError

from game.scenario.compiled import compile_scenario
from game.scenario.crossref import check_references
from game.scenario.expr import clear_caches
from game.scenario.schema import Scenario
from game.scenario.validate import validate_file
from game.scenario.yaml_source import read_file


def bench_load(path: str | os.PathLike, repeats: int = 20) -> dict:
    """Validate `path` `repeats` times; median/min/max ms in total and per stage.

    `total` is validation alone (the authors' budget); `load_median_ms` adds compiling it for
    the engine, i.e. all of `load_scenario`.

    Raises ScenarioError if the file is invalid (a broken file's timing means little).
    """
    validate_file(path)  # warm up caches and refuse an invalid file before timing
    stages: dict[str, list[float]] = {"total": [], "yaml": [], "schema": [], "references": [], "compile": []}
    for _ in range(max(1, repeats)):
        clear_caches()   # each repeat times a first load, as a fresh process would see it
        t0 = time.perf_counter()
        model = validate_file(path)
        t1 = time.perf_counter()
        doc = read_file(path)
        t2 = time.perf_counter()
        try:
            Scenario.model_validate(doc.data, strict=True)
        except ValidationError:  # pragma: no cover - the file validated just above
            pass
        t3 = time.perf_counter()
        check_references(doc)
        t4 = time.perf_counter()
        compile_scenario(model)
        t5 = time.perf_counter()
        for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            stages[name].append(seconds * 1000)
    total = stages["total"]
    result = {
        "path": os.fspath(path),
        "file": os.fspath(path),
        "bytes": os.path.getsize(path),
        "repeats": len(total),
        "median_ms": statistics.median(total),
        "min_ms": min(total),
        "max_ms": max(total),
    }
    for name in ("yaml", "schema", "references", "compile"):
        result[f"{name}_median_ms"] = statistics.median(stages[name])
    result["load_median_ms"] = statistics.median(t + c for t, c in zip(total, stages["compile"]))
    return result
