"""Changes of a turn with their causes: 'Tension 31 → 43 because: +12 …', only what the reader may see."""
from __future__ import annotations

from game.present import Presenter


def change(old, new, *causes):
    return {"from": old, "to": new, "causes": list(causes)}


GAS = {"kind": "action", "side": "moscow", "id": "gas_squeeze", "amount": 12}
CYBER = {"kind": "action", "side": "moscow", "id": "cyber_attack", "amount": 5}


def test_a_change_reads_old_new_and_because_with_each_cause_and_its_amount(ukraine):
    [line] = Presenter(ukraine, me="washington").changes({"tension": change(31, 43, GAS)})
    assert line.text == "Tension 31 → 43"
    assert line.because == "because: +12 Moscow: " + ukraine.model.actions["moscow"][21].news
    assert [c.amount for c in line.causes] == [12]


def test_your_own_move_reads_your_move(ukraine):
    [line] = Presenter(ukraine, me="moscow").changes({"tension": change(31, 43, GAS)})
    assert line.because == "because: +12 your move: Squeeze gas deliveries to Europe"


def test_a_cause_you_could_not_see_is_not_named(ukraine):
    [line] = Presenter(ukraine, me="washington").changes({"tension": change(60, 65, CYBER)})
    assert line.because == "because: +5 a move you could not see"
    [line] = Presenter(ukraine, me="moscow").changes({"tension": change(60, 65, CYBER)})
    assert "Deniable cyberattack" in line.because


def test_a_change_that_seems_to_contradict_an_event_is_explained_by_all_its_causes(ukraine):
    # the repro of the issue: "Gazprom cuts spot gas supplies (+12)" while tension stays 31 -> 31
    causes = [{"kind": "event", "id": "unsc_debate", "amount": 12},
              {"kind": "message", "side": "washington", "message": "question", "amount": -2},
              {"kind": "agreement", "issue": "transparency", "option": "inspections", "amount": -10},
              {"kind": "limit", "amount": 0}]
    [line] = Presenter(ukraine, me="moscow").changes({"tension": change(31, 31, *causes)})
    assert line.because.startswith("because: +12 UN Security Council holds")
    assert "-10 agreement on Transparency and arms control: Mutual inspections" in line.because
    assert "-2 Washington's question" in line.because and "0 cut by the limit of the range" in line.because


def test_the_largest_causes_come_first_and_a_limit_counts_the_rest(ukraine):
    causes = [{"kind": "event", "id": e, "amount": a}
              for e, a in (("unsc_debate", 2), ("lawmakers_warn", 1), ("embassy_facebook", 1),
                           ("lavrov_blinken_call", -2), ("putin_keep_talking", -1), ("allied_resolve", 4))]
    [line] = Presenter(ukraine, me="moscow").changes({"tension": change(60, 63, *causes)}, limit=2)
    assert line.because.startswith("because: +4 Russia–Belarus")
    assert line.because.endswith("and 4 more")
    assert len(line.causes) == 6


def test_values_hidden_from_the_reader_are_left_out(ukraine):
    changes = {"readiness": change(45, 50), "tension": change(60, 61)}
    assert [c.variable for c in Presenter(ukraine, me="washington").changes(changes)] == ["tension"]
    assert [c.variable for c in Presenter(ukraine, me="moscow").changes(changes)] == ["readiness", "tension"]
    assert [c.variable for c in Presenter(ukraine, me=None, sees=()).changes(changes)] == ["tension"]


def test_units_are_shown_and_an_old_record_pair_still_reads(ukraine):
    [line] = Presenter(ukraine, me="moscow").changes({"readiness": [45, 39.5]})
    assert line.text == "Russian invasion readiness 45% → 39.5%" and line.because == ""


def test_a_breach_and_your_message_are_causes_in_words(ukraine):
    causes = [{"kind": "breach", "issue": "ukraine_nato", "option": "never", "amount": 15},
              {"kind": "message", "side": "moscow", "message": "reject", "amount": 1}]
    [line] = Presenter(ukraine, me="moscow").changes({"tension": change(50, 66, *causes)})
    assert line.because == "because: +15 broken commitment on Ukraine's NATO membership, +1 your rejection"
