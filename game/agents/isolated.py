"""Computer players in processes of their own: for untrusted agents (a class tournament of plugins).

`IsolatedAgent(spec)` stands in the match for an agent that is built and run in a child process
(multiprocessing, forkserver or spawn: never a fork of the running game). The child gets only
plain data: the scenario's validated model (it compiles its own copy), its side, its random
stream's state, and each turn its observation and the stable numbers of its legal moves. It
answers with JSON (never pickle: the parent does not unpickle what an agent sends) naming the
numbers of its choice, which the parent checks against its own legal choices.

Crashes, `os._exit`, hangs and answers too late or malformed are faults: the side holds its
position, the child is ended, and a fresh one is started for the next turn (at most
MAX_RESTARTS times, then the agent is out of the game and its side holds position). A time
limit is enforced by ending the process, so it holds even against one long C call.
This isolates the game from the agent, not the computer: the child runs as the same user.
"""
from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from types import MappingProxyType

from game.agents.base import AgentSpecError, builtin_agents, normalize_spec, spec_of, split_spec
from game.match import AgentFailure, IllegalAnswer
from game.safetext import printable, safe_str, type_name

#: per-move limit when isolating without a time limit: a hung agent is still a fault
DEFAULT_MOVE_LIMIT = 60.0
#: time to start a child (import, compile the scenario, build and reset the agent)
START_LIMIT = 60.0
#: time for get_state / set_state
STATE_LIMIT = 10.0
#: failures (crash, hang, garbage) after which the agent is out of the game
MAX_RESTARTS = 3
#: the largest answer read from a child
MAX_REPLY = 8 * 1024 * 1024
#: the longest fault text a child sends
MAX_TEXT = 300


class AgentProcessError(AgentFailure):
    """The agent's process failed: crashed, exited, hung, or answered with garbage."""


#: modules a child needs, loaded once by the fork server so each child starts in milliseconds
PRELOAD = ["game.agents.isolated", "game.agents.registry", "game.engine.game", "game.engine.observation",
           "game.scenario.compiled", "game.match"]
_ctx = []


def _context():
    """Fork server where there is one (children forked from a clean, preloaded server process,
    never from the running game), else spawn."""
    if not _ctx:
        if "forkserver" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
        else:
            ctx = multiprocessing.get_context("spawn")
        _ctx.append(ctx)
    return _ctx[0]


def isolated(agent, time_limit: float | None = None):
    """`agent` as an IsolatedAgent (people and outside players stay as they are).

    Accepts a command-line name, an agent made by `make_agent`, a built-in agent, or an
    IsolatedAgent; anything else cannot be rebuilt in another process: ValueError."""
    if agent is None or type(agent) is IsolatedAgent:
        if agent is not None and time_limit is not None:
            agent.time_limit = time_limit
        return agent
    if isinstance(agent, str):
        return IsolatedAgent(agent, time_limit)
    try:
        human = getattr(agent, "human", False) is True
    except Exception:   # noqa: BLE001
        human = False
    if human:
        return agent
    spec = spec_of(agent)
    if spec is None:
        spec = next((name for name, cls in builtin_agents().items() if type(agent) is cls), None)
    if spec is None:
        raise ValueError(f"cannot isolate a {type_name(agent)}: give it as a name "
                         f"('package.module:Class' or 'file.py:Class') or make it with make_agent")
    return IsolatedAgent(spec, time_limit)


class IsolatedAgent:
    """The match's side of an agent that runs in a child process (see the module doc)."""

    human = False

    def __init__(self, spec: str, time_limit: float | None = None):
        if not isinstance(spec, str) or not spec.strip():
            raise AgentSpecError("no agent named")
        if spec not in builtin_agents():
            if ":" not in spec:
                from game.agents.base import make_agent

                make_agent(spec)   # raises the usual 'unknown agent' error; builds nothing
            split_spec(spec)
        self.spec = normalize_spec(spec)
        self.time_limit = time_limit
        self.name = spec if spec in builtin_agents() else printable(spec.rpartition(":")[2], 60)
        self.observes = True
        self.start_problem: str | None = None
        self.failures = 0
        self._process = None
        self._conn = None
        self._start_args = None
        self._pending_state = None

    # ------------------------------------------------------------------ the agent interface

    def reset(self, side: str, scenario, rng) -> None:
        self._start_args = (scenario.model, scenario.content_hash, scenario.source,
                            scenario.sides.index(side), side, rng.state())
        self._start()

    def choose(self, observation, legal):
        from game.engine.game import Choice

        self._ensure_running()
        reply = self._ask(("choose", observation if self.observes else None,
                           [a.index for a in legal.actions], [m.index for m in legal.messages]),
                          self._move_limit(), "choose")
        if "fault" in reply:
            raise AgentProcessError(_text(reply["fault"]))
        if "illegal" in reply:
            return IllegalAnswer(_text(reply["illegal"]))
        pair = reply.get("choice")
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(i) is int for i in pair)):
            self._fail()
            raise AgentProcessError("sent a malformed answer; its process was ended")
        space = legal.space
        ai, mi = pair
        if not (0 <= ai < len(space.actions) and 0 <= mi < len(space.messages)):
            return IllegalAnswer(f"move numbers {ai}, {mi} out of range")
        return Choice(space.actions[ai], space.messages[mi])

    def get_state(self):
        if self._process is None:
            return None
        reply = self._ask(("get_state",), STATE_LIMIT, "get_state")
        if "fault" in reply:
            raise AgentProcessError(_text(reply["fault"]))
        return reply.get("state")

    def set_state(self, state) -> None:
        self._ensure_running()
        reply = self._ask(("set_state", state), STATE_LIMIT, "set_state")
        if "fault" in reply:
            raise AgentProcessError(_text(reply["fault"]))

    def close(self) -> None:
        """End the child process (politely, then by force)."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send_bytes(pickle.dumps((0, ("close",))))
        if process is not None:
            process.join(0.5)
            if process.is_alive():
                process.kill()
                process.join(5)
            with contextlib.suppress(ValueError, AttributeError):
                process.close()
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()

    def __del__(self):
        with contextlib.suppress(Exception):
            self.close()

    # ------------------------------------------------------------------ the process

    def _move_limit(self) -> float:
        return self.time_limit if self.time_limit is not None else DEFAULT_MOVE_LIMIT

    def _ensure_running(self) -> None:
        if self._process is not None:
            return
        if self.start_problem is not None:
            raise AgentProcessError(f"could not start: {self.start_problem}")
        if self.failures >= MAX_RESTARTS:
            raise AgentProcessError(f"is out of the game after {self.failures} failures of its process")
        if self._start_args is None:
            raise AgentProcessError("was never started (reset was not called)")
        self._start()

    def _start(self) -> None:
        ctx = _context()
        parent, child = ctx.Pipe(duplex=True)
        process = ctx.Process(target=child_main, args=(child,), daemon=True, name=f"hotline-agent-{self.name}")
        with _quiet_signals():
            process.start()
        child.close()
        self._process, self._conn = process, parent
        model, content_hash, source, side_index, side, rng_state = self._start_args
        reply = self._ask(("start", self.spec, model, content_hash, source, side_index, side, rng_state),
                          START_LIMIT + (self.time_limit or 0), "start")
        if "error" in reply:
            self.start_problem = _text(reply["error"])
            self.close()
            raise AgentProcessError(f"could not start: {self.start_problem}")
        if isinstance(reply.get("name"), str) and reply["name"].strip():
            self.name = printable(reply["name"], 60)
        self.observes = reply.get("observes") is not False
        if "fault" in reply:
            raise AgentProcessError(_text(reply["fault"]))

    def _ask(self, message, limit: float, what: str) -> dict:
        """Send `message`, wait at most `limit` seconds for a JSON object back; the process is
        ended (and AgentProcessError raised) if it dies, is late or answers garbage."""
        conn = self._conn
        self._seq = getattr(self, "_seq", 0) + 1
        try:
            data = _dumps((self._seq, message))
        except Exception as exc:   # noqa: BLE001 - our own data; say what could not be sent
            raise AgentProcessError(f"could not be sent its {what} request: {type_name(exc)}: {safe_str(exc)}") from None
        try:
            conn.send_bytes(data)
        except (OSError, ValueError) as exc:
            how = self._exit_text()
            self._fail()
            raise AgentProcessError(f"its process is gone ({how}){_was(exc)}") from None
        started = time.monotonic()
        try:
            ready = conn.poll(limit)
        except (OSError, ValueError, EOFError):
            ready = True
        if not ready:
            self._fail()
            raise AgentProcessError(f"took longer than {limit:g} s ({what}); its process was ended")
        try:
            raw = conn.recv_bytes(MAX_REPLY)
        except EOFError:
            how = self._exit_text()
            self._fail()
            raise AgentProcessError(f"its process ended ({how}); a new one starts next turn"
                                    if self.failures < MAX_RESTARTS else f"its process ended ({how})") from None
        except (OSError, ValueError):
            self._fail()
            raise AgentProcessError("sent an answer too large or broken; its process was ended") from None
        took = time.monotonic() - started
        if took > limit:   # a reply that raced the deadline still counts as late
            self._fail()
            raise AgentProcessError(f"took {took:.3g} s, longer than {limit:g} s ({what}); its process was ended")
        try:
            reply = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        except (ValueError, UnicodeDecodeError, RecursionError):
            reply = None
        if not isinstance(reply, dict) or reply.pop("seq", None) != self._seq:
            self._fail()
            raise AgentProcessError("sent a malformed answer; its process was ended")
        return reply

    def _exit_text(self) -> str:
        process = self._process
        if process is None:
            return "no process"
        process.join(1)
        code = process.exitcode
        if code is None:
            return "not answering"
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by {signal.Signals(-code).name}"
            return f"killed by signal {-code}"
        return f"exit code {code}"

    def _fail(self) -> None:
        """The process misbehaved: end it; the next move starts a new one (while restarts last)."""
        self.failures += 1
        process = self._process
        if process is not None and process.is_alive():
            process.kill()
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
        if process is not None:
            process.join(5)
        self._process = None


def _was(exc) -> str:
    return f": {safe_str(exc, 80)}" if str(exc) else ""


def _no_constant(text):
    raise ValueError(text)


def _text(value) -> str:
    return printable(value if isinstance(value, str) else safe_str(value), MAX_TEXT)


@contextlib.contextmanager
def _quiet_signals():
    """Start children with Ctrl-C and hang-up ignored (the parent decides; a child must not die of
    the terminal's signals and be counted as a crash)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}
    for name in ("SIGINT", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            with contextlib.suppress(OSError, ValueError):
                saved[signum] = signal.signal(signum, signal.SIG_IGN)
    try:
        yield
    finally:
        for signum, handler in saved.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, handler)


# ---------------------------------------------------------------------------- parent -> child data

class _Pickler(pickle.Pickler):
    """Pickles observations: read-only mappings as dicts (rebuilt read-only), messages by number."""

    def reducer_override(self, obj):
        if type(obj) is MappingProxyType:
            return _read_only, (dict(obj),)
        from game.engine.negotiation import Message

        if type(obj) is Message:
            return _message, (obj.kind, obj.terms, obj.package, obj.issue, obj.index)
        return NotImplemented


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _dumps(message) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(message)
    return buffer.getvalue()


#: in the child: the compiled scenario (to turn message numbers back into the child's own objects)
_child_scenario = None


def _message(kind, terms, package, issue, index):
    """In the child: the child's own Message with this number (of either side), else a copy."""
    from game.engine.negotiation import Message

    scenario = _child_scenario
    if scenario is not None:
        for space in scenario.moves:
            if 0 <= index < len(space.messages):
                m = space.messages[index]
                if (m.kind, m.terms, m.package, m.issue) == (kind, terms, package, issue):
                    return m
    return Message(kind=kind, terms=terms, package=package, issue=issue, index=index)


# ---------------------------------------------------------------------------- the child

def child_main(conn) -> None:
    """The child process: build the agent, then answer the parent's requests until told to stop."""
    for name in ("SIGINT", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(signum, signal.SIG_IGN)
    _watch_parent()
    state = {}
    while True:
        try:
            seq, request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply = _handle(state, request)
        except BaseException as exc:   # noqa: BLE001 - even sys.exit() inside a call: a fault, not an exit
            reply = {"fault": _failure(exc)}
        if reply is None:
            os._exit(0)
        reply["seq"] = seq
        try:
            conn.send_bytes(_reply_bytes(reply))
        except (OSError, ValueError):
            os._exit(0)


def _watch_parent() -> None:
    """End the child if its parent goes away (a killed game must not leave agents running)."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="hotline-parent-watch").start()


def _reply_bytes(reply: dict) -> bytes:
    seq = reply.get("seq")
    try:
        text = json.dumps(reply, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        text = json.dumps({"seq": seq, "fault": f"answered with what is not plain JSON: {safe_str(exc, 120)}"})
    data = text.encode("utf-8", "replace")
    if len(data) > MAX_REPLY:
        data = json.dumps({"seq": seq, "fault": f"answered with {len(data):,} bytes (the limit is {MAX_REPLY:,})"}).encode()
    return data


def _failure(exc: BaseException) -> str:
    return f"raised {type_name(exc)}: {safe_str(exc, MAX_TEXT)}"


def _handle(state: dict, request) -> dict | None:
    global _child_scenario
    kind = request[0]
    if kind == "close":
        return None
    if kind == "start":
        _, spec, model, content_hash, source, side_index, side, rng_state = request
        from game.agents.base import make_agent
        from game.engine.rng import Stream
        from game.scenario.compiled import compile_scenario

        try:
            agent = make_agent(spec)
        except AgentSpecError as exc:
            return {"error": str(exc)}
        except BaseException as exc:   # noqa: BLE001
            return {"error": _failure(exc)}
        scenario = _child_scenario = compile_scenario(model, content_hash, source)
        state.update(agent=agent, scenario=scenario, side=side_index)
        reply = {"ok": True, "name": _attr(agent, "name", None), "observes": _attr(agent, "observes", True) is not False}
        if not isinstance(reply["name"], str):
            reply["name"] = None
        reset = _attr(agent, "reset", None)
        if callable(reset):
            try:
                reset(side, scenario, Stream.from_state(rng_state))
            except BaseException as exc:   # noqa: BLE001
                reply["fault"] = _failure(exc)
        return reply
    agent = state["agent"]
    if kind == "choose":
        return _choose(state, agent, *request[1:])
    if kind == "get_state":
        get_state = _attr(agent, "get_state", None)
        if not callable(get_state):
            return {"state": None}
        try:
            return {"state": get_state()}
        except BaseException as exc:   # noqa: BLE001
            return {"fault": _failure(exc)}
    if kind == "set_state":
        try:
            agent.set_state(request[1])
        except BaseException as exc:   # noqa: BLE001
            return {"fault": _failure(exc)}
        return {"ok": True}
    return {"fault": f"unknown request {safe_str(kind, 40)}"}


def _attr(obj, name, default):
    try:
        return getattr(obj, name, default)
    except BaseException:   # noqa: BLE001
        return default


def _choose(state: dict, agent, observation, action_numbers, message_numbers) -> dict:
    from game.engine.game import Legal
    from game.match import describe_choice, genuine

    scenario, side = state["scenario"], state["side"]
    space = scenario.moves[side]
    actions = tuple(space.actions[i] for i in action_numbers)
    messages = tuple(space.messages[i] for i in message_numbers)
    legal = Legal(side=side, actions=actions, messages=messages, message_set=frozenset(messages), space=space)
    try:
        choice = agent.choose(observation, legal)
    except BaseException as exc:   # noqa: BLE001
        return {"fault": _failure(exc)}
    if not (genuine(choice) and legal.allows(choice)):
        return {"illegal": describe_choice(choice)}
    return {"choice": [choice[0].index, choice[1].index]}
