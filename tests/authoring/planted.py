"""A broken copy of the bundled Ukraine scenario with one planted flaw per lint rule.

Each plant is inserted after a top-level anchor (stable however the scenario's content moves)
and carries a marker comment `# PLANT <rule>` on the line the finding must point at.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UKRAINE = ROOT / "scenarios" / "ukraine_2022.yaml"

# (anchor, text inserted right after it)
PLANTS = [
    ("\nvariables:\n", """\
  press_mood:                           # PLANT variable-unread
    label: Press mood
    initial: 50
  un_votes:                             # PLANT variable-unchanged
    label: UN votes
    initial: 3
  public_noise:
    label: Public figure
    initial: 10
    intel_noise: 4                      # PLANT noise-public
"""),
    ("\nactions:\n  moscow:\n", """\
    - id: impossible_move
      label: A move that never opens
      kind: military
      category: posturing
      requires: fighting > 100          # PLANT action-never
    - id: overdrive
      label: Turn everything up
      kind: military
      category: posturing
      effects:
        - tension += 150                # PLANT effect-clamped
        - press_mood += 5
        - public_noise += 1
    - id: peek_at_sanctions
      label: Act on what the West has prepared
      kind: diplomatic
      category: status_quo
      requires: sanctions_prepared >= 50   # PLANT leak
    - id: long_label
      label: A label so long that no menu row of the window and no line of the terminal could ever show it whole   # PLANT text-long
      kind: diplomatic
      category: status_quo
"""),
    ("\nnegotiation:\n  issues:\n", """\
    - id: idle_issue                    # PLANT issue-inert
      label: An issue that changes nothing
      options:
        - {id: yes_option, label: Agree, value: {moscow: 0, washington: 0}}
        - {id: no_option, label: Refuse, value: {moscow: 0, washington: 0}}
    - id: brittle_deal
      label: A deal that breaks at once
      options:
        - id: calm_down
          label: Calm down to 50
          value: {moscow: 5, washington: 5}
          effects: [tension = 50]
          commitment:
            by: moscow
            breach_if: tension >= 40    # PLANT commitment-at-once
        - {id: no_deal, label: No deal, value: {moscow: 0, washington: 0}}
"""),
    ("\nevents:\n", """\
  - id: impossible_event
    condition: troops_at_border > 250   # PLANT event-never
    headline: Never happens
  - id: macron_visit                    # PLANT unsourced
    date: 2022-02-07
    headline: Macron flies to Moscow to meet Putin
    effects: [tension -= 1]
  - id: un_count
    condition: un_votes >= 3 and tension >= 99
    headline: The General Assembly counts its votes
"""),
    ("\noutcomes:\n", """\
  - id: instant_end
    label: Over before it began
    phases: [standoff]
    condition: turn >= 1                # PLANT outcome-turn-1
    debrief: Planted.
    score: {moscow: 0, washington: 0}
  - id: beyond_the_scale
    label: Tension off the scale
    condition: tension >= 150           # PLANT outcome-never
    debrief: Planted.
    score: {moscow: 0, washington: 0}
"""),
    ("\nactions:\n", """\
# (phases appended at the end of the phase list)
"""),
]

# phases go at the end of the `phases:` mapping, i.e. just before `actions:`
PHASES = """\
  ghost_a:                              # PLANT phase-never
    transitions:
      - {to: ghost_b, when: tension >= 70}
  ghost_b:
    transitions:
      - {to: ghost_a, when: tension < 75}   # PLANT phase-flip
"""

NO_EXIT = """\
  limbo:                                # PLANT start-no-exit
    label: Limbo
"""


def broken_text() -> str:
    text = UKRAINE.read_text(encoding="utf-8")
    for anchor, insert in PLANTS:
        assert anchor in text, anchor
        if anchor == "\nactions:\n":
            text = text.replace(anchor, "\n" + PHASES + "actions:\n", 1)
        else:
            text = text.replace(anchor, anchor + insert, 1)
    return text


def no_exit_text() -> str:
    text = UKRAINE.read_text(encoding="utf-8")
    return text.replace("\nphases:\n", "\nphases:\n" + NO_EXIT, 1)


def planted_lines(text: str) -> dict[str, int]:
    """rule -> line number of its `# PLANT rule` marker."""
    out = {}
    for number, line in enumerate(text.splitlines(), 1):
        if "# PLANT " in line:
            out[line.split("# PLANT ", 1)[1].strip()] = number
    return out


#: a phase the game ends in as soon as it enters it, and an event and an action limited to it
ENDING_PHASE = """\
  aftermath:
    label: Aftermath
"""
ENDING_OUTCOME = """\
  - id: all_over
    label: All over
    phases: [aftermath]
    debrief: Planted.
    score: {moscow: 0, washington: 0}
"""
ENDING_EVENT = """\
  - id: too_late
    phases: [aftermath]                 # PLANT event-never
    chance: 0.5
    headline: Nobody is left to read this
"""
ENDING_ACTION = """\
    - id: too_late_move
      label: A move for after the end
      kind: diplomatic
      category: de_escalation
      phases: [aftermath]               # PLANT action-never
"""


def ending_phase_text() -> str:
    """Ukraine with a phase that ends the game on entry, reached from the start."""
    text = UKRAINE.read_text(encoding="utf-8")
    start = text.index("\nphases:\n")
    at = text.index("    transitions:\n", start) + len("    transitions:\n")
    text = text[:at] + "      - {to: aftermath, when: tension >= 99}\n" + text[at:]
    text = text.replace("\nactions:\n", "\n" + ENDING_PHASE + "actions:\n", 1)
    for anchor, insert in (("\noutcomes:\n", ENDING_OUTCOME), ("\nevents:\n", ENDING_EVENT),
                           ("\nactions:\n  moscow:\n", ENDING_ACTION)):
        text = text.replace(anchor, anchor + insert, 1)
    return text
