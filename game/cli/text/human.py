"""A person at the terminal, as an Agent: shows the situation and menus, reads numbered choices.

Keys are stable for the whole game (see menus); at either prompt `i N` tells more about move
or message N, `n` shows last turn's news in full, `s` the situation with what each value
means, `?` the help.
"""
from __future__ import annotations

from game.cli.text import menus, render
from game.cli.text.console import Console, EndOfInput, ranges
from game.cli.text.layout import wrap
from game.cli.text.strings import TEXT
from game.engine.game import Choice
from game.present import Presenter


class HumanTerminalAgent:
    """Plays one side from the keyboard; raises StopMatch (EndOfInput) when input ends or on 'q'.

    With `hot_seat`, each turn starts with a hand-over so two players can share one keyboard.
    """

    name = "human"
    human = True
    observes = True

    def __init__(self, console: Console, hot_seat: bool = False):
        self.console = console
        self.hot_seat = hot_seat
        self.side = None
        self.scenario = None
        self.p: Presenter | None = None
        self._briefed = False
        self._listed_messages = False   # the whole message menu is shown once, then on request ('m')
        self.reported_turn = 0   # the last turn whose report the front end has just shown this player
        self.replay: list = []   # moves of a game before a reload (--watch), played again while still open

    def reset(self, side: str, scenario, rng) -> None:
        self.side = side
        self.scenario = scenario
        self.p = Presenter(scenario, me=side)
        self._briefed = False
        self._listed_messages = False

    def choose(self, obs, legal) -> Choice:
        """The player's choice. A terminal that fails (closed, gone) stops the game, saved, instead
        of being counted as a fault of the player every turn while the game plays on without them."""
        if self.replay:
            choice = legal.choice_by_ids(*self.replay.pop(0), self.scenario)
            if choice is not None:
                return choice
            self.replay = []     # no longer open on the new version: the player chooses from here
        try:
            return self._choose(obs, legal)
        except OSError as exc:
            raise EndOfInput(f"the terminal failed: {exc.strerror or exc}") from None

    def _choose(self, obs, legal) -> Choice:
        p, con = self.p, self.console
        me = p.side(self.side)
        if self.hot_seat:
            con.hand_over(me)
        if not self._briefed:
            self._show(render.briefing(p, con.width))
            con.pause(TEXT["press_enter_to_start"])
            self._briefed = True
        self._show(render.situation(p, obs, con.width, news=self.reported_turn != obs.turn - 1))
        self._show(menus.action_menu(p, legal, con.width))
        actions = {menus.action_key(a): a for a in legal.actions}
        key = con.ask_number(TEXT["action_prompt"].format(side=me, keys=ranges(actions)), actions,
                             command=lambda answer: self._command(answer, obs, legal, actions=True),
                             refuse=lambda n: self._refuse_action(n))
        action = actions[key]
        messages = {m.index: m for m in legal.messages}
        message = messages.get(0, legal.messages[0])
        if len(messages) > 1:
            self._show(menus.message_menu(p, obs, legal, con.width, full=not self._listed_messages))
            self._listed_messages = True
            key = con.ask_number(TEXT["message_prompt"].format(side=me, last=max(messages)), messages,
                                 default=0 if 0 in messages else None,
                                 command=lambda answer: self._command(answer, obs, legal, actions=False),
                                 refuse=lambda n: self._refuse_message(n, obs))
            message = messages[key]
        chose = TEXT["chose"].format(action=p.action(action),
                                     message=p.message(message, counter=obs.their_proposal is not None))
        self._show(wrap(chose, con.width, "  ", "    "))
        if self.hot_seat:
            con.clear()
        return Choice(action, message)

    # ------------------------------------------------------------------ commands at a prompt

    def _command(self, answer: str, obs, legal, actions: bool) -> list[str] | None:
        """Lines answering a command (help, details, news, situation), or None if it is not one."""
        p, width = self.p, self.console.width
        word, _, rest = answer.strip().lower().partition(" ")
        if word in ("?", "h", "help"):
            return menus.help_lines(width)
        if not actions and menus.full_menu_command(answer):
            return menus.message_menu(p, obs, legal, width)
        if word == "n":
            return [""] + render.news_in_full(p, obs.news, width, obs.turn - 1)
        if word == "s":
            return render.situation_in_full(p, obs, width)
        if word in ("i", "info") or (word.startswith("i") and word[1:].isdigit()):
            number = rest.strip() if word in ("i", "info") else word[1:]
            if not number.isdigit():
                return [f"  Type i and the number of a {'move' if actions else 'message'}, e.g. i 1."]
            space = p.scenario.moves[p.sides.index(self.side)]
            n = int(number)
            if actions:
                action = next((a for a in space.actions if menus.action_key(a) == n), None)
                if action is None:
                    return ["  " + TEXT["no_such_move"].format(key=n)]
                return menus.action_info(p, action, width, open_now=action in legal.actions)
            message = next((m for m in space.messages if m.index == n), None)
            if message is None:
                return ["  " + TEXT["no_such_move"].format(key=n)]
            return menus.message_info(p, message, self.side, width)
        return None

    def _refuse_action(self, n: int) -> str | None:
        space = self.scenario.moves[self.p.sides.index(self.side)]
        action = next((a for a in space.actions if menus.action_key(a) == n), None)
        if action is None:
            return TEXT["no_such_move"].format(key=n)
        return TEXT["not_open"].format(key=n) + f" ({self.p.action(action)})"

    def _refuse_message(self, n: int, obs) -> str | None:
        space = self.scenario.moves[self.p.sides.index(self.side)]
        message = next((m for m in space.messages if m.index == n), None)
        if message is None:
            return TEXT["no_such_move"].format(key=n)
        if message.kind in ("accept", "reject") and obs.their_proposal is None:
            return TEXT["nothing_to_answer"]
        return TEXT["message_not_open"].format(key=n)

    def _show(self, lines: list[str]) -> None:
        for line in lines:
            self.console.say(line)
