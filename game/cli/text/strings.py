"""The terminal's own words (headings, prompts, help), as data beside game.present's strings.

Kept out of the code so they can be translated with the rest; fields are `str.format` names.
"""
from __future__ import annotations

from types import MappingProxyType

TEXT = MappingProxyType({
    # briefing
    "you_play": "You play {side}{role}.",
    "objectives": "Your objectives:",
    "length": "The game lasts at most {turns} turns of {days}, from {start}. Both sides choose at the "
              "same time; neither sees the other's choice before it is made.",
    "how_to": "Each turn: pick a move by its number (a move keeps its number all game), then a message "
              "(Enter for none). Type i and a number for more on a move, ? for help, q to save and quit.",
    "press_enter_to_start": "Press Enter to start. ",

    # the turn
    "header": "{side} · {turn} · {days} · {phase}",
    "real_history": "Real history on these days: {entries}",
    "values": "Situation:",
    "estimate": "{label} ~{value} (estimate ±{sd})",
    "estimate_no_sd": "{label} ~{value} (estimate)",
    "escalation": "Escalation so far: {totals}",
    "escalation_note": " (theirs: public moves only)",
    "on_table": "{side} proposes: {terms} ({worth} for you) — answer it below.",
    "on_table_package": "{side} proposes the package '{package}' ({worth} for you): {terms} — answer it below.",
    "yours_waiting": "Your proposal awaits their answer: {terms}",
    "agreed": "Agreed: {terms}",
    "answers": "{side} prefers on {issue}: {ranking}",
    "last_turn": "Last turn:",

    # menus
    "moves_heading": "Your move — i N: more on move N · ?: help",
    "move_line": "{key:>3} {label} ({tag})",
    "message_heading": "Your message to {side} (Enter or 0: no message · i N: more on message N):",
    "answer_heading": "Answer first — {side} proposes: {terms} ({worth} for you)",
    "answer_line": "{accept}  ·  {reject}  ·  or counter-propose with any proposal below",
    "propose_heading": "Propose (your new proposal replaces your last one):",
    "counter_heading": "Counter-propose (sets their proposal aside):",
    "packages": "Packages",
    "ask_heading": "Ask a follow-up question — they must tell you which options they prefer:",
    "no_message": "0 No message",
    "compact_propose": "Propose: packages {packages}, single terms {terms}",
    "compact_counter": "Counter-propose: packages {packages}, single terms {terms}",
    "compact_ask": "ask a follow-up question: {keys}",
    "compact_more": " — m lists them with what each is worth to you.",
    "key_item": "{key} {label}",
    "worth_item": "{key} {label} ({worth})",
    "action_prompt": "{side}, action [{keys}]: ",
    "message_prompt": "{side}, message [0-{last}, Enter = none]: ",
    "chose": "You chose: {action}; {message}.",
    "not_open": "move {key} is not open now",
    "message_not_open": "message {key} is not open now",
    "nothing_to_answer": "there is no proposal of theirs on the table to answer",
    "no_such_move": "there is no move {key}",

    # details and help
    "info_tag": "{kind}, {tag}",
    "info_origin": "Origin: {origin}.",
    "info_total": "In all: {worth} for you",
    "info_option": "  {issue}: {option} ({worth} for you)",
    "info_requires": "Needs: {condition}",
    "info_not_open": "Not open now.",
    "help": [
        "How to play a turn:",
        "  1. Pick one move by its number. A move keeps its number all game; only open moves are shown.",
        "  2. Pick one message to the other side, or press Enter for none. Answer what is on the table",
        "     (accept, reject, or counter-propose with your own proposal), propose, or ask a question.",
        "  Both sides choose at the same time; then the turn is resolved and you see what happened and why.",
        "Commands at any prompt:",
        "  i N   more on move or message N (what it does, where it comes from)",
        "  m     at the message prompt: every proposal and question with what it is worth to you",
        "  n     last turn's news in full, with where each item comes from",
        "  s     the situation again, every value with what it means",
        "  ?     this help        q   save and quit (continue later with --load)",
    ],
    "no_news": "No news last turn.",

    # after a turn
    "report_heading": "What happened, {days} (turn {turn}):",
    "article_group": "{count} reports from the article, as in your briefing ({source}): {actors} — "
                     "type n at the next prompt to read them",
    "tagged": "[{tag}] {text}",
    "changes": "Changes:",
    "change": "{text}  {because}",
    "watch_pause": "Enter: next turn · f: play to the end · q: quit ",

    # the end
    "stopped_before_outcome": "The game stopped after {turns} turns, before any outcome.",
    "outcome_heading": "OUTCOME after {turns} turns: {outcome}",
    "scores": "Scores: {scores}",
    "scale": " (scale {low} to {high})",
    "agreements": "Agreements reached:",
    "agreement_none": "  none",
    "agreement_line": "  {issue}: {option}",
    "agreement_broken": "  {issue}: {option} — BROKEN",
    "faults": "Agent faults:",
    "fault_line": "  turn {turn}, {side} ({agent}): {message}",
    "timeline_heading": "Escalation timeline (the score of each move; * real history on those days):",
    "source": "source: {source}",
    "timeline_total": "in all",
})
