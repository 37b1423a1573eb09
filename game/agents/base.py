"""The agent interface shared by scripted, human and plugin players, and the agent registry.

Agents are named in two ways only: a built-in by its name (`random`), or a plugin that the person
running the program names on the command line, as `package.module:ClassName` or
`path/to/file.py:ClassName`. Saves and records only ever *mention* plugins: nothing read from a
file is ever imported or called.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
import weakref
from pathlib import Path
from typing import Protocol, runtime_checkable

from game.errors import HotlineError
from game.safetext import printable, safe_str, type_name

PLUGIN_FORMS = "'package.module:ClassName' or 'path/to/file.py:ClassName'"


class AgentSpecError(HotlineError, ValueError):
    """An agent name that is neither built in nor a loadable plugin; the message says why."""


class AgentUnavailable(AgentSpecError):
    """A computer player that cannot play this scenario or side (e.g. no historical line for it)."""


def cannot_play(agent, scenario, side: str) -> str | None:
    """Why `agent` (a class or an instance) cannot play `side` of `scenario`, or None when it can.

    A built-in player says so through an optional `cannot_play(scenario, side)` classmethod, so a
    player that only knows one crisis is refused before the game instead of faulting every turn.
    Plugins are not asked here (their code runs only under the match runner's guard)."""
    cls = agent if isinstance(agent, type) else type(agent)
    if not cls.__module__.startswith("game.agents."):   # built-ins live there (cheaper than the registry)
        return None
    check = getattr(cls, "cannot_play", None)
    return check(scenario, side) if callable(check) else None


def check_can_play(agent, scenario, side: str, name: str | None = None) -> None:
    """AgentUnavailable naming the agent, the side and the reason, if it cannot play that side."""
    reason = cannot_play(agent, scenario, side)
    if reason:
        label = name or getattr(agent, "name", None) or type(agent).__name__
        raise AgentUnavailable(f"the computer player '{label}' cannot play {side} in '{scenario.id}': {reason}")


@runtime_checkable
class Agent(Protocol):
    """Observation + legal choices in, one choice out.

    `observes = False` lets an agent that ignores observations (like the random one) skip
    their construction: it then gets `None`. `reset` is called once before the first turn with
    the agent's side, the compiled scenario and its own seeded random stream.
    """

    name: str
    observes: bool

    def reset(self, side: str, scenario, rng) -> None: ...

    def choose(self, observation, legal): ...


def builtin_agents() -> dict[str, type]:
    """name -> class of every built-in agent (the only agents a save may name to be rebuilt)."""
    from game.agents.registry import catalogue

    return catalogue()


# ---------------------------------------------------------------------------- plugin names

def is_file_spec(module_part: str) -> bool:
    """Whether the part before ':' names a file rather than a module."""
    return module_part.endswith(".py") or "/" in module_part or os.sep in module_part \
        or bool(os.altsep and os.altsep in module_part)


def split_spec(spec: str) -> tuple[str, str]:
    """(module or file, attribute) of a plugin spec; AgentSpecError when it is not one."""
    where, sep, attr = spec.rpartition(":")
    if not sep or not where.strip() or not attr.strip():
        raise AgentSpecError(f"'{printable(spec)}' is not a plugin name: use {PLUGIN_FORMS}")
    if not all(part.isidentifier() for part in attr.split(".")):
        raise AgentSpecError(f"'{printable(attr)}' in '{printable(spec)}' is not a class name")
    if not is_file_spec(where) and not all(part.isidentifier() for part in where.split(".")):
        hint = " (relative module names are not allowed)" if where.startswith(".") else ""
        raise AgentSpecError(f"'{printable(where)}' in '{printable(spec)}' is not a module name{hint}: "
                             f"use {PLUGIN_FORMS}")
    return where, attr


def normalize_spec(spec: str) -> str:
    """A spec in the form a save keeps: a built-in as is, a plugin file as an absolute path."""
    if spec in builtin_agents() or ":" not in spec:
        return spec
    where, attr = split_spec(spec)
    if is_file_spec(where):
        return f"{Path(where).expanduser().resolve()}:{attr}"
    return spec


def _load_file(path_text: str):
    path = Path(path_text).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise AgentSpecError(f"no such file: {printable(path_text)}") from None
    except OSError as exc:
        raise AgentSpecError(f"cannot read {printable(path_text)}: {exc.strerror or exc}") from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        raise AgentSpecError(f"{printable(path_text)} is not a regular file")
    resolved = path.resolve()
    name = "hotline_plugin_" + hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise AgentSpecError(f"{printable(path_text)} cannot be loaded as Python (does it end in .py?)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _load_attr(where: str, attr: str):
    """The object `attr` of module or file `where`; any failure is an AgentSpecError."""
    try:
        module = _load_file(where) if is_file_spec(where) else importlib.import_module(where)
    except AgentSpecError:
        raise
    except KeyboardInterrupt:
        raise
    except ModuleNotFoundError as exc:
        raise AgentSpecError(f"no module named '{printable(exc.name or where)}'") from None
    except BaseException as exc:   # noqa: BLE001 - loading a plugin may raise anything, even SystemExit
        raise AgentSpecError(f"loading {printable(where)} failed: {type_name(exc)}: {safe_str(exc)}") from None
    obj = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise AgentSpecError(f"{printable(where)} has no '{printable(attr)}'") from None
        except KeyboardInterrupt:
            raise
        except BaseException as exc:   # noqa: BLE001 - a module __getattr__ may raise anything
            raise AgentSpecError(f"reading '{printable(attr)}' from {printable(where)} failed: "
                                 f"{type_name(exc)}: {safe_str(exc)}") from None
    return obj


def make_agent(spec: str) -> Agent:
    """Build an agent from a command-line name: a built-in, `package.module:ClassName` or
    `path/to/file.py:ClassName`. Raises AgentSpecError with a one-line reason."""
    if not isinstance(spec, str) or not spec.strip():
        raise AgentSpecError("no agent named")
    builtins = builtin_agents()
    if spec in builtins:
        return builtins[spec]()
    if ":" not in spec:
        raise AgentSpecError(f"unknown agent '{printable(spec)}': use one of {', '.join(sorted(builtins))} "
                             f"or a plugin as {PLUGIN_FORMS}")
    where, attr = split_spec(spec)
    try:
        cls = _load_attr(where, attr)
    except AgentSpecError as exc:
        raise AgentSpecError(f"cannot load agent '{printable(spec)}': {exc}") from None
    if not callable(cls):
        raise AgentSpecError(f"'{printable(attr)}' in {printable(where)} is not a class")
    try:
        agent = cls()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:   # noqa: BLE001 - a plugin's constructor may raise anything
        raise AgentSpecError(f"agent '{printable(spec)}' failed to start: {type_name(exc)}: {safe_str(exc)}") from None
    try:
        chooses = callable(getattr(agent, "choose", None))
    except KeyboardInterrupt:
        raise
    except BaseException:   # noqa: BLE001
        chooses = False
    if not chooses:
        raise AgentSpecError(f"agent '{printable(spec)}' has no choose(observation, legal) method")
    remember_spec(agent, normalize_spec(spec))
    return agent


# ---------------------------------------------------------------------------- which spec made an agent

_specs: dict[int, tuple[object, str]] = {}


def remember_spec(agent, spec: str) -> None:
    """Note the command-line name an agent was made from (a save mentions it, never loads it)."""
    key = id(agent)
    try:
        ref = weakref.ref(agent, lambda _r, key=key: _specs.pop(key, None))
    except TypeError:   # not weak-referenceable (slots without __weakref__): keep it alive
        ref = lambda agent=agent: agent   # noqa: E731
    _specs[key] = (ref, spec)


def spec_of(agent) -> str | None:
    """The name `make_agent` built `agent` from, or None."""
    entry = _specs.get(id(agent))
    if entry is None or entry[0]() is not agent:
        return None
    return entry[1]
