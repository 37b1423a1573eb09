"""A person at the terminal, as an Agent: shows the situation and menus, reads numbered choices."""
from __future__ import annotations

from game.cli.text import render
from game.cli.text.console import Console, EndOfInput
from game.engine.game import Choice
from game.engine.negotiation import NO_MESSAGE


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
        self._briefed = False
        self.reported_turn = 0   # the last turn whose report the front end has just shown this player

    def reset(self, side: str, scenario, rng) -> None:
        self.side = side
        self.scenario = scenario
        self._briefed = False

    def choose(self, obs, legal) -> Choice:
        """The player's choice. A terminal that fails (closed, gone) stops the game, saved, instead
        of being counted as a fault of the player every turn while the game plays on without them."""
        try:
            return self._choose(obs, legal)
        except OSError as exc:
            raise EndOfInput(f"the terminal failed: {exc.strerror or exc}") from None

    def _choose(self, obs, legal) -> Choice:
        sc, con = self.scenario, self.console
        me = sc.sides.index(self.side)
        if self.hot_seat:
            con.hand_over(render.side_name(sc, me))
        if not self._briefed:
            self._show(render.briefing(sc, me))
            self._briefed = True
        self._show(render.situation(sc, obs, news=self.reported_turn != obs.turn - 1))
        self._show(render.action_menu(sc, legal))
        actions = legal.actions
        pick = con.ask_number(f"{render.side_name(sc, me)}, action [1-{len(actions)}]: ", range(1, len(actions) + 1))
        action = actions[pick - 1]
        messages = render.message_options(legal)
        message = NO_MESSAGE if NO_MESSAGE in legal.messages else legal.messages[0]
        if messages:
            self._show(render.message_menu(sc, legal, me))
            n = con.ask_number(f"{render.side_name(sc, me)}, message [0-{len(messages)}]: ",
                               range(0, len(messages) + 1))
            if n:
                message = messages[n - 1]
        con.say(f"  You chose: {action.label}; {render.message_text(sc, message)}.")
        if self.hot_seat:
            con.clear()
        return Choice(action, message)

    def _show(self, lines: list[str]) -> None:
        for line in lines:
            self.console.say(line)
