"""The scenario file format as typed pydantic models: one source for validation and JSON Schema.

Conditions (`tension >= 70 and troops_at_border > 120`) and effects (`tension += 10`) are kept
as strings here; `game.scenario.expr` parses and checks them after the structure is valid. An
effect list item may also be a mapping `{if: <condition>, then: [...], else: [...]}`.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

FORMAT_VERSION = 1

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Condition = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Effect = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Text = Annotated[str, StringConstraints(max_length=20000)]
#: Largest magnitude of any number in a scenario: far beyond any crisis quantity, yet every sum
#: over a whole game (escalation totals, scores) stays finite and fits a float32 observation.
MAX_NUMBER = 1e15
Number = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]

#: a score: a number, or an expression over the final state (`"40 + 10 * agreed.sanctions.freeze_new"`)
ScoreValue = Union[Number, Annotated[str, StringConstraints(min_length=1, max_length=2000)]]

#: union tags pydantic puts into error locations of an effect list item (schema_issues drops them)
EFFECT_TEXT_TAG, EFFECT_IF_TAG = "effect:text", "effect:if"
UNION_TAGS = frozenset({EFFECT_TEXT_TAG, EFFECT_IF_TAG})

#: Escalation ladder of Rivera et al. (2024), "Escalation Risks from Language Models in
#: Military and Diplomatic Decision-Making": the default so that runs compare with that work.
RIVERA_2024_LADDER: dict[str, int] = {
    "de_escalation": -2,
    "status_quo": 0,
    "posturing": 4,
    "non_violent_escalation": 12,
    "violent_escalation": 28,
    "nuclear": 60,
}


class Model(BaseModel):
    """Base for every scenario model: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Quote(Model):
    """A short quotation from one of the scenario's sources, shown to students."""

    source: Id = Field(description="id of an entry in `sources`")
    text: Text = Field(min_length=1, description="the quoted words, verbatim")


class Origin(Model):
    """Where a text shown to students comes from: the scenario's article, later history, or the game's
    invention. Front ends show it beside the text; `validate` warns about history without a source."""

    kind: Literal["article", "history", "invented"] = Field(
        description="article: from one of the sources as quoted; history: something that really happened "
                    "(give its date and a source); invented: made up for the game")
    source: Id | None = Field(None, description="id of an entry in `sources` that reports it")
    date: dt.date | None = Field(None, description="when it really happened (history)")
    note: Text = Field("", description="a short word on how the game uses it, e.g. 'the game's date; "
                                       "the thaw itself is seasonal'")


class Source(Model):
    """A document the scenario is built from."""

    id: Id = Field(description="short name that quotes use to cite it, e.g. aljazeera_2022_02_01")
    title: Text = Field(description="the document's title, as published")
    publisher: Text = Field("", description="who published or wrote it, e.g. 'Al Jazeera (with Reuters)'")
    date: dt.date | None = Field(None, description="when it was published, YYYY-MM-DD")
    url: Text = Field("", description="where to read it, if it is online")
    facts: list[Text] = Field(default_factory=list, description="facts the scenario takes from this source")


class Side(Model):
    """One of the two players."""

    name: Text = Field(description="short name shown everywhere, e.g. 'Moscow'")
    role: Text = Field("", description="who the player is, e.g. 'The Kremlin'")
    briefing: Text = Field(description="what the player reads before the first turn")
    objectives: list[Text] = Field(default_factory=list, description="the side's aims, one line each, shown with the briefing")


class Variable(Model):
    """A named number of the crisis state, kept inside [min, max] after every change."""

    label: Text = Field("", description="the name players see (the id is shown if left out)")
    description: Text = Field("", description="what the number means, e.g. what 0 and 100 stand for")
    unit: Text = Field("", description="shown after the value, e.g. 'thousand troops' or '%'")
    min: Number = Field(0, description="the lowest value; every change is clamped to min..max")
    max: Number = Field(100, description="the highest value")
    initial: Number = Field(description="the value on turn 1, inside min..max")
    visible_to: Literal["all"] | Id = Field(
        "all", description="'all', or the one side that sees the exact value")
    intel_noise: float | None = Field(
        None, ge=0, le=MAX_NUMBER,
        description="standard deviation of the other side's intelligence estimate of a hidden "
                    "variable; leave out and the other side sees nothing of it")


def _effect_kind(value) -> str:
    return EFFECT_IF_TAG if isinstance(value, (dict, ConditionalEffect)) else EFFECT_TEXT_TAG


class ConditionalEffect(Model):
    """Effects that apply only while a condition holds: `{if: trust >= 40, then: [...], else: [...]}`.

    The condition is read from the same state as the list's other effects (effects are simultaneous)."""

    if_: Condition = Field(alias="if", description="the condition, read before any effect of the list applies")
    then: list[EffectItem] = Field(default_factory=list, description="effects applied when the condition holds")
    else_: list[EffectItem] = Field(default_factory=list, alias="else",
                                    description="effects applied when it does not hold")


#: one item of an effect list: `x += 5`, or a conditional mapping
EffectItem = Annotated[Union[Annotated[Effect, Tag(EFFECT_TEXT_TAG)],
                             Annotated[ConditionalEffect, Tag(EFFECT_IF_TAG)]], Discriminator(_effect_kind)]
Effects = list[EffectItem]


class PhaseTransition(Model):
    """An edge of the phase machine: move to `to` as soon as `when` holds."""

    to: Id = Field(description="the phase to move to")
    when: Condition = Field(description="the condition, checked after the events of each turn")


class Phase(Model):
    """A stage of the crisis: it gates actions and shifts event odds."""

    label: Text = Field("", description="the name players see (the id is shown if left out)")
    description: Text = Field("", description="what this stage of the crisis is like")
    transitions: list[PhaseTransition] = Field(
        default_factory=list, description="edges to other phases, checked in order; the first whose `when` holds is taken")


class Action(Model):
    """A move on one side's menu."""

    id: Id = Field(description="unique within the side's list; conditions read it as last.<side>.<id>")
    label: Text = Field(description="the name on the button or menu line")
    kind: Literal["diplomatic", "military", "economic", "informational"] = Field(
        description="what sort of move it is (menus group by it)")
    category: Id = Field(description="a step of the escalation ladder, e.g. 'posturing'")
    escalation: Number | None = Field(None, description="override of the ladder's score for this action")
    phases: list[Id] | None = Field(None, description="phases in which the action is open; leave out for all")
    requires: Condition | None = Field(None, description="condition that must hold for the action to be open")
    once: bool = Field(False, description="true: the side can play this action at most once per game")
    cooldown: int | None = Field(
        None, ge=1, le=1000,
        description="after it is played, the action stays closed for this many turns")
    effects: Effects = Field(default_factory=list, description="what it changes when played (section 5)")
    text: Text = Field("", description="what a student reads about this move")
    news: Text = Field("", description="headline when it is played; the other side sees it if public")
    public: bool = Field(True, description="whether the other side learns of this move")
    quote: Quote | None = Field(None, description="a short verbatim quotation from one of the sources")
    origin: Origin | None = Field(None, description="where the move's text comes from (a quote implies the article)")


class Commitment(Model):
    """What an agreed option binds a side to, and what breaking it costs."""

    by: Id = Field(description="the side bound by the commitment")
    breach_if: Condition = Field(description="the commitment is breached on the first turn this holds")
    effects: Effects = Field(default_factory=list, description="consequences of a breach")
    headline: Text = Field("", description="the news line when it is broken")


class IssueOption(Model):
    """One way an issue could be settled."""

    id: Id = Field(description="unique within the issue; conditions read it as agreed.<issue>.<id>")
    label: Text = Field(description="the option as players see it")
    text: Text = Field("", description="a longer explanation")
    value: dict[Id, Number] = Field(description="how much each side values this option (score points)")
    requires: Condition | None = Field(
        None, description="a proposal containing this option can be sent (and accepted) only while this holds")
    effects: Effects = Field(default_factory=list, description="applied when an agreement includes it")
    commitment: Commitment | None = Field(None, description="what the agreement binds a side to")
    commitments: list[Commitment] = Field(
        default_factory=list,
        description="further commitments, each binding its own side (`by`); breaking any one breaks the deal")


class Issue(Model):
    """A negotiable question, e.g. Ukraine's NATO membership."""

    id: Id = Field(description="unique among the issues")
    label: Text = Field(description="the issue as players see it")
    text: Text = Field("", description="what is at stake")
    options: list[IssueOption] = Field(min_length=2, description="the ways it could be settled (at least 2)")


class Package(Model):
    """A named proposal a side can table in one move, e.g. a draft treaty."""

    id: Id = Field(description="unique among the packages")
    label: Text = Field(description="its name, e.g. 'Moscow\'s draft treaty'")
    by: Id | None = Field(None, description="the side that may table it; leave out for both")
    text: Text = Field("", description="what it contains, in words")
    terms: dict[Id, Id] = Field(min_length=1, description="issue id -> option id")
    requires: Condition | None = Field(
        None, description="the package can be tabled (and accepted) only while this holds")


class MessageEffects(Model):
    """Effects of the negotiation moves themselves (the act of proposing, rejecting, ...)."""

    propose: Effects = Field(default_factory=list, description="applied when a side sends a proposal")
    accept: Effects = Field(default_factory=list, description="applied when a side accepts a proposal")
    reject: Effects = Field(default_factory=list, description="applied when a side rejects a proposal")
    question: Effects = Field(default_factory=list, description="applied when a side asks a follow-up question")


class Negotiation(Model):
    """The negotiable issues, named packages and the effects of talking."""

    issues: list[Issue] = Field(default_factory=list, description="the negotiable questions")
    packages: list[Package] = Field(default_factory=list, description="named proposals of several options")
    effects: MessageEffects = Field(default_factory=MessageEffects, description="effects of the act of sending each kind of message")


class Event(Model):
    """Something that happens to both sides: scheduled, conditional or random."""

    id: Id = Field(description="unique among the events")
    headline: Text = Field(description="the news line both sides see when it fires")
    text: Text = Field("", description="a longer explanation for students")
    actor: Text = Field("", description="who acts, e.g. 'UN Security Council', 'Kyiv', 'markets'")
    turn: int | None = Field(None, ge=1, description="fires on this turn (scheduled)")
    date: dt.date | None = Field(None, description="fires on the turn containing this date (scheduled)")
    condition: Condition | None = Field(None, description="fires when this holds (alone: conditional)")
    chance: float | None = Field(None, ge=0, le=1, description="probability per turn (random)")
    chance_in: dict[Id, Annotated[float, Field(ge=0, le=1)]] = Field(
        default_factory=dict, description="phase id -> probability per turn there, overriding `chance`")
    phases: list[Id] | None = Field(None, description="phases in which it can fire; leave out for all")
    once: bool = Field(True, description="fire at most once per game")
    effects: Effects = Field(default_factory=list, description="what it changes when it fires")
    quote: Quote | None = Field(None, description="a short verbatim quotation from one of the sources")
    origin: Origin | None = Field(None, description="where the event comes from (a quote implies the article)")


class DebriefNote(Model):
    """A paragraph added to an outcome's debrief when its condition holds at the end."""

    when: Condition = Field(description="added when this holds in the final state")
    text: Text = Field(min_length=1, description="the paragraph")


class Outcome(Model):
    """An end of the game, with a debrief and a score for each side."""

    id: Id = Field(description="unique among the outcomes")
    label: Text = Field(description="the ending's name, e.g. 'A negotiated settlement'")
    condition: Condition | None = Field(None, description="ends the game when it holds")
    phases: list[Id] | None = Field(None, description="only in these phases")
    final: bool = Field(False, description="checked only when the turn limit is reached")
    debrief: Text = Field(description="what happened, why, and what really happened; read at the end")
    debrief_notes: list[DebriefNote] = Field(
        default_factory=list, description="paragraphs added to the debrief when their `when` holds at the end")
    score: dict[Id, ScoreValue] = Field(
        description="per side: a number, or an expression read from the final state, "
                    "e.g. \"30 + 10 * agreed.sanctions_relief.freeze_new\"")
    origin: Origin | None = Field(None, description="where the ending's story comes from (usually invented)")


class Scoring(Model):
    """What scores mean: their scale and how to read them."""

    min: Number = Field(-100, description="the worst score a side can get")
    max: Number = Field(100, description="the best score a side can get")
    text: Text = Field("", description="what the numbers mean, shown with the final scores")


class HistoryEntry(Model):
    """Something that really happened after the start date: shown as the game reaches its date and
    beside the game's own timeline at the end, so students can tell the game from history."""

    date: dt.date
    headline: Text = Field(min_length=1, description="what happened, in one line")
    text: Text = Field("", description="more on it, for the debrief")
    source: Id | None = Field(None, description="id of an entry in `sources` that reports it")
    mark: bool = Field(True, description="tell the players when a turn of their game reaches this date "
                                         "(false: only beside the game's timeline at the end and in the debrief)")

    def __str__(self) -> str:
        return f"{self.date.isoformat()}: {self.headline}"


class Question(Model):
    """A question for the debrief, shown after the game (all of them, or only when `when` holds at the
    end and the game ended in one of `outcomes`)."""

    text: Text = Field(min_length=1)
    topic: Text = Field("", description="what it teaches, e.g. 'signalling', 'security dilemma'")
    when: Condition | None = Field(None, description="ask it only if this holds in the final state")
    outcomes: list[Id] | None = Field(None, description="ask it only after these outcomes")

    def __str__(self) -> str:
        return self.text


class Scenario(Model):
    """A whole crisis."""

    format: Literal[1] = Field(1, description="version of the scenario format")
    id: Id = Field(description="short name, e.g. cuba_1962 (usually the file name)")
    title: Text = Field(description="the title shown to players")
    summary: Text = Field("", description="a paragraph shown before the game starts")
    start_date: dt.date = Field(description="the date of turn 1, YYYY-MM-DD")
    turn_days: int = Field(1, ge=1, le=366, description="calendar days one turn stands for")
    max_turns: int = Field(ge=1, le=1000, description="the turn limit; then the final outcomes decide")
    sources: list[Source] = Field(default_factory=list, description="the documents the scenario is built from")
    sides: dict[Id, Side] = Field(min_length=2, max_length=2,
                                  description="exactly two sides, by id (any ids: moscow and washington, red and blue ...)")
    escalation_ladder: dict[Id, Number] = Field(default_factory=lambda: dict(RIVERA_2024_LADDER),
                                                description="escalation categories and their scores (default: Rivera et al. 2024)")
    variables: dict[Id, Variable] = Field(min_length=1, description="the numbers that describe the crisis")
    phases: dict[Id, Phase] = Field(min_length=1, description="the first listed is where the game starts")
    actions: dict[Id, list[Action]] = Field(description="each side's menu of moves, by side id")
    negotiation: Negotiation = Field(default_factory=Negotiation,
                                     description="negotiable issues, packages and the effects of talking")
    events: list[Event] = Field(default_factory=list, description="what happens to both sides: scheduled, conditional, random")
    outcomes: list[Outcome] = Field(min_length=1, description="the ways the game can end, checked in order")
    scoring: Scoring = Field(default_factory=Scoring,
                             description="the scale of the scores (default -100..100) and what they mean")
    history: list[HistoryEntry] = Field(
        default_factory=list, description="the real course of events from the start date on, dated and sourced")
    discussion: list[Question] = Field(default_factory=list, description="questions for the debrief")


ConditionalEffect.model_rebuild()
