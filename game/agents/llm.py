"""A language-model player: asks a chat model on a server the user runs (any OpenAI-compatible
`/v1/chat/completions` endpoint: llama.cpp, vLLM, Ollama, LM Studio ...) for each turn's choice.

The prompt holds the side's briefing and what its observation shows, then every legal action and
message under its stable number; the model answers `{"action": N, "message": M}`. A reply that
is late, malformed or names an illegal move raises `LanguageModelError`: the match runner records
it as a fault and plays the side's safest move, and the game goes on. Configure with arguments or
HOTLINE_LLM_URL (e.g. http://127.0.0.1:8080/v1), HOTLINE_LLM_MODEL, HOTLINE_LLM_TIMEOUT (seconds)
and HOTLINE_LLM_KEY (sent as a bearer token, if the server wants one). Standard library only.
"""
from __future__ import annotations

import json
import os
import re
import socket
import urllib.error
import urllib.request

from game.agents.common import tables
from game.engine.game import Choice
from game.engine.rng import Stream
from game.errors import HotlineError

DEFAULT_URL = "http://127.0.0.1:8080/v1"
DEFAULT_MODEL = "local-model"
DEFAULT_TIMEOUT = 60.0
_JSON_OBJECT = re.compile(r"\{[^{}]*\}", re.S)


class LanguageModelError(HotlineError):
    """The model's server could not be reached, or its answer was late, malformed or illegal."""


def endpoint(url: str) -> str:
    """The chat-completions URL for a server address given with or without `/v1`."""
    url = url.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


def _number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def parse_reply(text: str) -> tuple[int, int]:
    """(action number, message number) from the model's text: the first JSON object in it
    (code fences and words around it are tolerated); LanguageModelError if there is none."""
    for match in _JSON_OBJECT.finditer(text or ""):
        try:
            data = json.loads(match.group(0))
        except ValueError:
            continue
        if isinstance(data, dict) and "action" in data:
            action = _number(data.get("action"))
            message = _number(data.get("message", 0))
            if action is None or message is None:
                raise LanguageModelError(f"the answer's numbers are not whole numbers: {match.group(0)[:120]}")
            return action, message
    raise LanguageModelError(f"the answer holds no {{\"action\": N, \"message\": M}} object: {(text or '')[:120]!r}")


class PromptBuilder:
    """Words one side's observation and legal moves for the model, moves by their stable numbers."""

    def __init__(self, scenario, side: int):
        self.scenario = scenario
        self.side = side
        self.t = tables(scenario, side)
        model = scenario.model
        me = model.sides[scenario.sides[side]]
        labels = {name: var.label for name, var in model.variables.items()}
        self.labels = labels
        objectives = "\n".join(f"- {o}" for o in me.objectives)
        self.system = (
            f"You play {me.name} ({me.role}) in Hotline, a crisis negotiation game: {model.title}.\n"
            f"{me.briefing}\nYour objectives:\n{objectives}\n"
            "Each turn both sides choose at the same time: one action and at most one negotiation "
            "message, each by its number from the lists you are given. Only listed numbers are legal. "
            'Answer with one JSON object and nothing else: {"action": <number>, "message": <number>}.')

    def action_number(self, action) -> int:
        return action.index

    def describe_message(self, m) -> str:
        sc = self.scenario
        if m.kind == "none":
            return "no message this turn"
        if m.kind == "accept":
            return "accept their proposal on the table"
        if m.kind == "reject":
            return "reject their proposal on the table"
        if m.kind == "question":
            return f"ask a follow-up question on: {sc.issues[m.issue].label}"
        terms = "; ".join(f"{sc.issues[i].label}: {sc.issues[i].options[o].label} "
                          f"(worth {sc.issues[i].options[o].value[self.side]:+g} to you)" for i, o in m.terms)
        if m.package:
            label = next(p.label for p in sc.packages if p.id == m.package)
            return f"propose the package '{label}': {terms}"
        return f"propose {terms}"

    def user(self, obs, legal) -> str:
        lines = [f"Turn {obs.turn} of {obs.max_turns}, {obs.date.isoformat()}. Phase: {obs.phase}."]
        lines.append("What you know exactly: " + ", ".join(
            f"{self.labels.get(k, k)} {v:g}" for k, v in obs.variables.items()) + ".")
        if obs.estimates:
            lines.append("Intelligence estimates of the other side's hidden figures: " + ", ".join(
                f"{self.labels.get(k, k)} about {v:g}" for k, v in obs.estimates.items()) + ".")
        if obs.their_proposal is not None:
            lines.append("On the table from them: " + self.describe_message(obs.their_proposal) + ".")
        if obs.our_proposal is not None:
            lines.append("Your proposal awaiting their answer: " + self.describe_message(obs.our_proposal) + ".")
        if obs.agreed:
            lines.append("Agreed so far: " + ", ".join(f"{k} = {v}" for k, v in obs.agreed.items()) + ".")
        if obs.answers:
            lines.append("Their answers to your questions (their options, most preferred first): " + "; ".join(
                f"{k}: {', '.join(v)}" for k, v in obs.answers.items()) + ".")
        lines.append("Escalation so far: " + ", ".join(f"{k} {v:g}" for k, v in obs.escalation.items()) + ".")
        news = [dict(n) for n in obs.news]
        if news:
            lines.append("Last turn's news (facts): " + json.dumps(
                [{k: (dict(v) if hasattr(v, "items") else v) for k, v in n.items()} for n in news],
                ensure_ascii=False, default=str))
        lines.append("Your legal actions:")
        lines += [f"  {self.action_number(a)}: {a.label} — {' '.join(a.spec.text.split())}"
                  for a in legal.actions]
        lines.append("Your legal messages:")
        lines += [f"  {self.t.number(m)}: {self.describe_message(m)}" for m in legal.messages]
        lines.append('Reply with JSON only, e.g. {"action": %d, "message": 0}.' % self.action_number(legal.actions[0]))
        return "\n".join(lines)


class LanguageModelAgent:
    name = "llm"
    observes = True
    description = "a language model on your own server (set HOTLINE_LLM_URL and HOTLINE_LLM_MODEL)"

    def __init__(self, url: str | None = None, model: str | None = None, timeout: float | None = None,
                 temperature: float = 0.0, api_key: str | None = None):
        self.url = endpoint(url or os.environ.get("HOTLINE_LLM_URL") or DEFAULT_URL)
        self.model = model or os.environ.get("HOTLINE_LLM_MODEL") or DEFAULT_MODEL
        if timeout is None:
            try:
                timeout = float(os.environ.get("HOTLINE_LLM_TIMEOUT") or DEFAULT_TIMEOUT)
            except ValueError:
                timeout = DEFAULT_TIMEOUT
        self.timeout = timeout
        self.temperature = temperature
        self.api_key = api_key if api_key is not None else os.environ.get("HOTLINE_LLM_KEY")
        self.rng: Stream | None = None
        self.prompt: PromptBuilder | None = None
        self.calls = 0
        self.faults = 0

    def reset(self, side: str, scenario, rng) -> None:
        self.rng = rng
        self.prompt = PromptBuilder(scenario, scenario.sides.index(side))
        self.calls = self.faults = 0

    def get_state(self) -> dict:
        return {"rng": self.rng.state(), "calls": self.calls, "faults": self.faults}

    def set_state(self, state: dict) -> None:
        if self.prompt is None:
            raise ValueError("llm: reset() must come before set_state()")
        self.rng = Stream.from_state(state["rng"])
        self.calls, self.faults = int(state["calls"]), int(state["faults"])

    # ------------------------------------------------------------------ the turn

    def choose(self, observation, legal) -> Choice:
        self.calls += 1
        try:
            text = self.ask(self.prompt.system, self.prompt.user(observation, legal))
            return self._choice(*parse_reply(text), legal)
        except LanguageModelError:
            self.faults += 1
            raise

    def _choice(self, action_number: int, message_number: int, legal) -> Choice:
        action = next((a for a in legal.actions if a.index == action_number), None)
        if action is None:
            raise LanguageModelError(f"the model chose action {action_number}, which is not legal now "
                                     f"(legal: {', '.join(str(a.index) for a in legal.actions)})")
        number = self.prompt.t.number
        message = next((m for m in legal.messages if number(m) == message_number), None)
        if message is None:
            raise LanguageModelError(f"the model chose message {message_number}, which is not legal now")
        return Choice(action, message)

    def ask(self, system: str, user: str) -> str:
        """One chat completion: the reply's text, or LanguageModelError saying what went wrong."""
        body = {"model": self.model, "temperature": self.temperature, "max_tokens": 300,
                "seed": self.rng.getrandbits(31),
                "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=json.dumps(body).encode("utf-8"), headers=headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise LanguageModelError(f"the server at {self.url} answered HTTP {exc.code} {exc.reason}") from None
        except (socket.timeout, TimeoutError):
            raise LanguageModelError(f"no answer from {self.url} within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (socket.timeout, TimeoutError)):
                raise LanguageModelError(f"no answer from {self.url} within {self.timeout:g} s") from None
            raise LanguageModelError(f"cannot reach {self.url}: {exc.reason}") from None
        except OSError as exc:
            raise LanguageModelError(f"connection to {self.url} failed: {exc}") from None
        try:
            data = json.loads(raw)
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LanguageModelError(f"the server's reply is not a chat completion: {raw[:120]!r}") from None
        if not isinstance(content, str):
            raise LanguageModelError("the chat completion has no text content")
        return content
