"""The grammar engine (extractor/claims/engine): rules over tokens, bottom-up to a fixpoint, one selection."""

from __future__ import annotations

from extractor.claims import engine
from extractor.claims.engine import Dim, Regex, Rule, Token

DIGITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _number(parts, chart):
    match = parts[0]
    return int(match.group()) if match.group().isdigit() else DIGITS[match.group()]


def _sum(parts, chart):
    return parts[0].value + parts[-1].value


def _range(parts, chart):
    low, high = parts[0].value, parts[-1].value
    return (low, high) if low <= high else None  # a producer may refuse


NUMBER = Rule("number", "number", (Regex(r"\d+|one|two|three|four|five"),), _number)
SUM = Rule("sum", "number", (Dim("number"), Regex(r"\+"), Dim("number")), _sum)
RANGE = Rule("range", "range", (Dim("number"), Regex(" to "), Dim("number")), _range)


def test_engine_composes_bottom_up_until_nothing_new_appears():
    chart = engine.parse("1+2+3 to 10", [RANGE, SUM, NUMBER])  # rule order does not matter
    found = {(t.rule, t.start, t.end, t.value if not isinstance(t.value, tuple) else t.value) for t in chart.tokens}
    assert ("sum", 0, 5, 6) in found  # 1+2 -> 3, then 3+3 (a sum over a sum)
    assert ("range", 0, 11, (6, 10)) in found  # a range over a sum over numbers
    best = engine.select(chart.tokens, ["range"])
    assert [(t.start, t.end, t.value) for t in best] == [(0, 11, (6, 10))]
    assert best[0].size == 1 + 1 + best[0].children[0].size  # the range, the number 10, the sum's parts


def test_engine_producer_refusal_adds_no_token():
    chart = engine.parse("5 to 2", [NUMBER, RANGE])
    assert [t.rule for t in chart.tokens] == ["number", "number"]


def test_engine_spaced_rules_allow_one_space_between_items():
    spaced = Rule("sum", "number", (Dim("number"), Regex(r"\+"), Dim("number")), _sum, spaced=True)
    assert any(t.value == 3 for t in engine.parse("1 + 2", [NUMBER, spaced]).tokens if t.rule == "sum")
    assert not any(t.rule == "sum" for t in engine.parse("1  +  2", [NUMBER, spaced]).tokens)
    assert not any(t.rule == "sum" for t in engine.parse("1 + 2", [NUMBER, SUM]).tokens)


def test_engine_selection_prefers_longest_then_fewest_rules_then_priority():
    a = Token("x", "long", 0, 6, "a")
    b = Token("x", "short", 0, 3, "b")
    c = Token("x", "deep", 6, 9, "c", children=(Token("x", 1, 6, 7, "n"),))
    d = Token("x", "flat", 6, 9, "d")
    e = Token("y", "low", 10, 12, "e")
    f = Token("y", "high", 10, 12, "f")
    chosen = engine.select([a, b, c, d, e, f], ["x", "y"], priority=lambda t: 1 if t.rule == "f" else 0)
    assert [t.value for t in chosen] == ["long", "flat", "high"]
    assert engine.select([a, e], ["y"]) == [e]  # only the dims asked for


def test_engine_gated_regex_finds_the_same_starts_as_a_full_scan():
    text = "x 12 元 and 7 蚊, 300 more text 5元 " * 20
    gated = Regex(r"\d+ ?[元蚊]", gate="元蚊", reach=8)
    full = Regex(r"\d+ ?[元蚊]")
    assert gated.starts(engine.Chart(text)) == full.starts(engine.Chart(text))
    assert Regex(r"\d+ ?元", gate="元").starts(engine.Chart("no amounts here 123")) == []


def test_engine_is_linear_in_the_number_of_tokens():
    text = "1+" * 3000 + "1"
    chart = engine.parse(text, [NUMBER, Rule("pair", "pair", (Dim("number"), Regex(r"\+"), Dim("number")), _sum)])
    assert sum(t.rule == "pair" for t in chart.tokens) == 3000
    assert len(chart.tokens) == 3001 + 3000  # numbers and pairs; a pair is no number, so nothing nests


def test_engine_word_list_item_matches_the_longest_listed_word():
    currency = Rule("money", "money", (Dim("number"), engine.words(["元", "元人民币", "美元"])),
                    lambda parts, chart: (parts[0].value, parts[1].group()))
    chart = engine.parse("5元人民币和7美元", [NUMBER, currency])
    assert [t.value for t in engine.select(chart.tokens, ["money"])] == [(5, "元人民币"), (7, "美元")]
