"""The language-model player against a small local server speaking the OpenAI chat API: good
answers are played, and malformed, slow, illegal or failed answers are recorded faults while the
game goes on."""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from game.agents.llm import LanguageModelAgent, LanguageModelError, endpoint, parse_reply
from game.agents.random_agent import RandomAgent
from game.engine.rng import Stream
from game.match import Match


def legal_numbers(prompt: str, heading: str, until: str) -> list[int]:
    part = prompt.split(heading, 1)[1].split(until, 1)[0]
    return [int(n) for n in re.findall(r"^\s+(\d+):", part, re.M)]


class FakeModel(BaseHTTPRequestHandler):
    """Answers each POST by the next mode of the server's script (then 'good' for ever)."""

    def log_message(self, *args):   # keep the test output clean
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length))
        server = self.server
        server.requests.append((self.path, request))
        mode = server.script.pop(0) if server.script else "good"
        prompt = request["messages"][-1]["content"]
        actions = legal_numbers(prompt, "Your legal actions:", "Your legal messages:")
        messages = legal_numbers(prompt, "Your legal messages:", "Reply with JSON")
        pick = {"action": actions[-1], "message": messages[-1]}
        server.picks.append(pick)
        if mode == "slow":
            time.sleep(1.5)
        if mode == "http500":
            self.send_response(500)
            self.end_headers()
            return
        if mode == "not_json":
            body = b"<html>busy</html>"
        else:
            content = {"good": f"```json\n{json.dumps(pick)}\n```", "slow": json.dumps(pick),
                       "malformed": "I think we should keep talking.",
                       "illegal": json.dumps({"action": 999, "message": 0})}[mode]
            body = json.dumps({"id": "x", "object": "chat.completion", "model": request["model"],
                               "choices": [{"index": 0, "finish_reason": "stop",
                                            "message": {"role": "assistant", "content": content}}]}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:   # the client gave up waiting (the slow answer)
            pass


@pytest.fixture
def model_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
    server.daemon_threads = True
    server.requests, server.picks, server.script = [], [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def url_of(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/v1"


def test_the_model_plays_its_answers_and_bad_answers_are_faults_while_the_game_goes_on(ukraine, model_server):
    model_server.script = ["good", "malformed", "slow", "illegal", "not_json", "http500", "good"]
    agent = LanguageModelAgent(url=url_of(model_server), model="tiny-test-model", timeout=0.5)
    match = Match(ukraine, [agent, RandomAgent()], seed=1, log=True)
    match.play()
    assert match.game.outcome is not None
    faults = {f.turn: f.message for f in match.faults}
    assert sorted(faults) == [2, 3, 4, 5, 6]
    assert "no {\"action\": N, \"message\": M} object" in faults[2]
    assert "within 0.5 s" in faults[3]
    assert "action 999, which is not legal" in faults[4]
    assert "not a chat completion" in faults[5]
    assert "HTTP 500" in faults[6]
    assert agent.faults == 5 and agent.calls == match.game.turn - 1
    # the good answers were played exactly as the model chose them
    choices = match.record()["choices"]
    actions = {a.id: a.index for a in ukraine.actions[0]}
    for turn in (1, 7):
        assert actions[choices[turn - 1]["moscow"]["action"]] == model_server.picks[turn - 1]["action"]


def test_requests_follow_the_chat_completions_protocol_with_the_legal_moves_by_number(ukraine, model_server):
    agent = LanguageModelAgent(url=url_of(model_server), model="tiny-test-model", timeout=5)
    match = Match(ukraine, [RandomAgent(), agent], seed=4)
    match.step()
    path, request = model_server.requests[0]
    assert path == "/v1/chat/completions"
    assert request["model"] == "tiny-test-model"
    assert [m["role"] for m in request["messages"]] == ["system", "user"]
    assert "Washington" in request["messages"][0]["content"]
    prompt = request["messages"][1]["content"]
    offered = legal_numbers(prompt, "Your legal actions:", "Your legal messages:")
    assert offered == [a.index for a in Match(ukraine, [RandomAgent(), RandomAgent()], seed=4).game.legal(1).actions]
    assert "Turn 1 of 18" in prompt
    assert match.faults == []


def test_an_unreachable_server_is_a_fault_not_a_crash(ukraine):
    agent = LanguageModelAgent(url="http://127.0.0.1:9/v1", model="m", timeout=2)
    match = Match(ukraine, [agent, RandomAgent()], seed=2)
    match.step()
    assert len(match.faults) == 1 and "cannot reach" in match.faults[0].message


def test_replies_are_read_leniently_but_must_hold_the_two_numbers():
    assert parse_reply('Sure! {"action": 3, "message": 12} is my move') == (3, 12)
    assert parse_reply('```json\n{"action": "4"}\n```') == (4, 0)
    with pytest.raises(LanguageModelError):
        parse_reply('{"move": 3}')
    with pytest.raises(LanguageModelError):
        parse_reply('{"action": 2.5, "message": 0}')


def test_the_server_address_may_be_given_with_or_without_the_api_path():
    assert endpoint("http://h:8080") == "http://h:8080/v1/chat/completions"
    assert endpoint("http://h:8080/v1/") == "http://h:8080/v1/chat/completions"
    assert endpoint("http://h/v1/chat/completions") == "http://h/v1/chat/completions"


def test_the_agent_state_saves_and_restores(ukraine, model_server):
    agent = LanguageModelAgent(url=url_of(model_server), model="m", timeout=5)
    match = Match(ukraine, [agent, RandomAgent()], seed=3)
    match.step()
    state = json.loads(json.dumps(agent.get_state()))
    twin = LanguageModelAgent(url=url_of(model_server), model="m", timeout=5)
    twin.reset("moscow", ukraine, Stream(1))
    twin.set_state(state)
    assert twin.calls == 1 and twin.rng.getrandbits(31) == agent.rng.getrandbits(31)
