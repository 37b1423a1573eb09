"""Facts into words: the one presentation module shared by the terminal and the window.

The engine speaks in facts (typed news, turn records with causes, outcome progress); this
package words them for one reader, from that reader's point of view, with the origin of every
event. The strings live apart from the code (`strings.ENGLISH`) so they can be translated.
Pure: no I/O, no terminal, no pygame.

    p = Presenter(scenario, me="moscow")
    for line in p.news_lines(record["news"], record["turn"]): print(line.text, line.tag)   # the turn dates origins
    for change in p.changes(record["changes"], limit=3): print(change.text, change.because)
    for mark in p.history(record["turn"]): print(mark.banner, mark.source)   # 21 and 24 February 2022
    for row in p.timeline_rows(record_of_a_game["turns"]): print(row.days, row.moves, [h.line for h in row.real])
"""
from game.present.causes import CauseLine, ChangeLine
from game.present.history import HistoryLine, TimelineRow
from game.present.news import NewsLine
from game.present.origin import ARTICLE, GAME, HISTORY, MOVE, Origin
from game.present.presenter import Presenter, num, signed
from game.present.progress import ProgressLine
from game.present.strings import ENGLISH

__all__ = ["ARTICLE", "ENGLISH", "GAME", "HISTORY", "MOVE", "CauseLine", "ChangeLine", "HistoryLine", "NewsLine",
           "Origin", "Presenter", "ProgressLine", "TimelineRow", "num", "signed"]
