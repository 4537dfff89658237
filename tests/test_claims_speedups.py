"""The speed-ups of the claims-only path must never change what is found.

- claims/prefilter.py scans each rule only in the runs of text around its triggers: the claims must be
  those of a whole-text scan, and each rule's ``gate`` must hold for every match its builder keeps;
- text/regexfacts.py reads facts off parsed patterns: checked against the regex engine itself;
- the faster text layer (translation, sentence splitting, language counts, boilerplate) and the hedge
  cues must give what the straightforward code gives.
"""

import json
import random
import re

import pytest

import extractor.claims as claims
from extractor.analysis import analyse
from extractor.claims import gated_rules, rules_for
from extractor.claims.base import RuleContext, contains_cue, contains_en_cue, cue_pattern, lexicon
from extractor.claims.prefilter import Scan
from extractor.text import regexfacts
from extractor.text.boilerplate import find_boilerplate
from extractor.text.language import detect_language
from extractor.text.normalize import HAN, _TABLE, _translate, normalize
from extractor.text.sentences import _split_line, split_sentences, split_sentences_by_line
from tests.conftest import ROOT, SAMPLES

CORPUS_TEXTS = [json.loads(line)["text"] for path in sorted((ROOT / "tests" / "corpus").glob("*/*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip
SAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]

# Pieces that rules are made of, to glue into texts that sit at run and sentence edges.
_PIECES = (
    "年 月 日 号 周 星期 礼拜 点 时 分 秒 : - / . ~ 至 到 和 与 之间 以前 以后 之前 之后 起 以来 前 后 上午 下午 晚上 今晚 "
    "昨天 今天 明天 上周 下周 本月 上个月 去年 今年 明年 季度 Q3 上半年 年底 年初 第 个 的 多 余 约 近 超过 不到 左右 以上 "
    "万 亿 千 百 十 一 二 两 三 五 九 零 〇 元 美元 人民币 港元 $ ¥ € 块 毛 角 % 百分之 个百分点 基点 成 折 人 名 家 台 辆 "
    "用户 GW kg 年代 世纪 康熙 民国 过去 未来 最近 单一元素 一元复始 元素 营收 增长 下降 预计 据悉 公司 。 ， 、 ！ ？ ( ) "
    "2026 1998 12 9 20 5 3.5 1,000 700 720 62 11 30 2026-11-20 11/20/2026 2026/1/10"
).split() + [" ", "\n", "  ", "\t", "\u3000"]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        texts.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30))))
    return texts


FUZZ = _random_texts(1500, seed=4)


def _claims(analysis):
    found = claims.extract_claims(analysis)
    return [(c.kind, c.start, c.end, c.rule, json.dumps(c.value, sort_keys=True)) for c in found]


def _both(texts, lang=None, ref_date=None):
    import datetime as dt

    reference = dt.date.fromisoformat(ref_date) if ref_date else None
    fast, slow = [], []
    for text in texts:
        claims.PREFILTER = True
        fast.append(_claims(analyse(text, lang=lang, reference_date=reference)))
        claims.PREFILTER = False
        try:
            slow.append(_claims(analyse(text, lang=lang, reference_date=reference)))
        finally:
            claims.PREFILTER = True
    return fast, slow


@pytest.mark.parametrize("lang", [None, "zh", "mixed"])
def test_prefilter_finds_what_a_whole_text_scan_finds(lang):
    texts = CORPUS_TEXTS + SAMPLE_TEXTS + FUZZ
    fast, slow = _both(texts, lang=lang, ref_date="2026-11-24")
    for text, a, b in zip(texts, fast, slow):
        assert a == b, text


def test_prefilter_without_reference_date():
    fast, slow = _both(FUZZ[:500] + SAMPLE_TEXTS)
    assert fast == slow


def test_scan_yields_the_whole_text_matches_in_its_runs():
    """Regex-level triggers: every non-empty finditer match; builder-level gates: a subset that keeps
    every match containing a match of the gate."""
    texts = [normalize(text).text for text in CORPUS_TEXTS + SAMPLE_TEXTS + FUZZ[:600]]
    for lang in ("zh", "en"):
        for rule, gate in gated_rules(lang):
            if gate is None:
                continue
            gate_regex = re.compile(rule.gate) if rule.gate else None
            for text in texts:
                whole = [m.span() for m in rule.pattern.finditer(text) if m.end() > m.start()]
                scanned = [m.span() for m in Scan(text).matches(rule.pattern, gate)]
                if gate_regex is None:
                    assert scanned == whole, (rule.name, text)
                else:
                    assert set(scanned) <= set(whole), (rule.name, text)
                    kept = [span for span in whole if gate_regex.search(text, *span)]
                    assert set(kept) <= set(scanned), (rule.name, text)


def test_gates_hold_for_every_kept_match():
    """A rule's gate promises: every match the builder keeps contains a match of the gate regex."""
    import datetime as dt

    gated = [rule for lang in ("zh", "en") for rule in rules_for(lang) if rule.gate]
    assert gated, "no rule declares a gate any more: drop this test"
    for text in CORPUS_TEXTS + SAMPLE_TEXTS + FUZZ:
        for reference in (dt.date(2026, 11, 24), None):
            analysis = analyse(text, reference_date=reference)
            for rule in gated:
                gate = re.compile(rule.gate)
                for match in rule.pattern.finditer(analysis.text):
                    if match.end() == match.start():
                        continue
                    index = analysis.sentence_at(match.start())
                    if index is None:
                        continue
                    try:
                        kept = rule.build(match, RuleContext(analysis, analysis.sentences[index]))
                    except (ValueError, OverflowError):
                        continue
                    if kept is not None:
                        assert gate.search(analysis.text, match.start(), match.end()), (rule.name, match.group())


def test_the_news_rules_are_prefiltered():
    """The Chinese rules keep a prefilter (a change to a pattern can silently lose it, and the speed)."""
    assert all(gate is not None for _, gate in gated_rules("zh"))


# --- regexfacts ------------------------------------------------------------------------------------------


def test_ascii_case_variants_are_what_the_engine_folds():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    for code in range(128):
        char = chr(code)
        found = set(re.findall("(?i:" + re.escape(char) + ")", everything))
        assert found == set(regexfacts.case_variants(char)), char


@pytest.mark.parametrize(
    "pattern, inside, outside",
    [
        (r"(?<!\d)\d{1,3}年(?=[上下])", "0123456789年", "上下"),
        (r"(?i:usd)\s?\d+", "uUsSdD \t0123456789\u017f", "x-"),
        (r"[^a]+", None, None),
        (r"a.b", None, None),
    ],
)
def test_alphabet(pattern, inside, outside):
    atoms = regexfacts.alphabet(*regexfacts.parse(pattern))
    if inside is None:
        assert atoms is None
        return
    run = re.compile(regexfacts.char_class(atoms) + "*")
    assert run.fullmatch(inside)
    assert all(run.fullmatch(char) is None for char in outside)


def test_requirements_and_words_are_required():
    rng = random.Random(11)
    patterns = [rule.pattern for lang in ("zh", "en") for rule in rules_for(lang)]
    texts = [normalize(text).text for text in CORPUS_TEXTS + SAMPLE_TEXTS] + _random_texts(300, seed=12)
    rng.shuffle(texts)
    texts = texts[:500]
    for pattern in patterns:
        items, ignore_case = regexfacts.parse(pattern.pattern, pattern.flags)
        checks = [re.compile(regexfacts.char_class(atoms)) for atoms in regexfacts.requirements(items, ignore_case)]
        checks += [re.compile(regexfacts.word_pattern(words)) for words in regexfacts.words(items, ignore_case)]
        for text in texts:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    for check in checks:
                        assert check.search(match.group()), (pattern.pattern[:60], check.pattern[:60], match.group())


def test_first_chars_and_reach():
    assert regexfacts.first_chars(*regexfacts.parse(r"(?:约|近)?\d+元")) == frozenset(
        {("c", "约"), ("c", "近"), ("k", r"\d")}
    )
    assert regexfacts.first_chars(*regexfacts.parse(r"a?")) is None
    assert regexfacts.reach(regexfacts.parse(r"\d+(?=年|月份)")[0]) == (2, True)
    assert regexfacts.reach(regexfacts.parse(r"\d+(?![一二]+日)")[0]) == (0, False)  # monotone: re-checked
    assert regexfacts.reach(regexfacts.parse(r"\d+(?=.*年)")[0]) is None


# --- text layer ------------------------------------------------------------------------------------------


def _random_unicode(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = [chr(code) for code in _TABLE] + list("abcXYZ 中文年月日。！？!?.“”「」『』‘’\"'()（）\n\r\t\u2028\x85")
    pool.append("\U0001f600")
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_translate_is_str_translate():
    for text in _random_unicode(2000, seed=1) + CORPUS_TEXTS + SAMPLE_TEXTS:
        assert _translate(text) == text.translate(_TABLE)


def test_language_counts_are_the_regex_counts():
    han, latin = re.compile(f"[{HAN}]"), re.compile(r"[A-Za-z\u00c0-\u024f]")

    def reference(text):
        h, l = len(han.findall(text)), len(latin.findall(text)) / 3
        if h + l == 0:
            return "zh"
        share = h / (h + l)
        return "zh" if share >= 0.7 else "en" if share <= 0.3 else "mixed"

    edges = "Z[a{À\u024f\u0250\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\U00020000"
    for text in _random_unicode(2000, seed=2) + CORPUS_TEXTS + SAMPLE_TEXTS + [edges, edges * 3 + "abc"]:
        assert detect_language(text) == reference(text), text


def _reference_sentences(text):
    spans = []
    for line in re.finditer(r"[^\n\r]+", text):
        previous = 0
        for boundary in [*_split_line(line.group()), len(line.group())]:
            piece = line.group()[previous:boundary]
            if piece.strip():
                start = line.start() + previous + len(piece) - len(piece.lstrip())
                spans.append((start, start + len(piece.strip())))
            previous = boundary
    return spans


def test_sentence_fast_path_is_the_general_splitter():
    for text in _random_unicode(3000, seed=3) + CORPUS_TEXTS + SAMPLE_TEXTS + FUZZ:
        spans, lines = split_sentences_by_line(text)
        assert spans == split_sentences(text) == _reference_sentences(text), text
        for (a, _), (b, _), la, lb in zip(spans, spans[1:], lines, lines[1:]):
            assert (la == lb) == (re.search(r"[\n\r]", text[a:b]) is None)


def test_boilerplate_with_line_numbers_from_the_splitter():
    rng = random.Random(5)
    words = ["配资", "鑫融配资平台", "免责声明", "责任编辑", "记者", "版权所有", "copyright", "All Rights Reserved", "扫码",
             "不代表本站观点", "Reporting by", "Disclaimer:", "公司", "营收增长", "。", "！", "\n", "\r\n", " ", ":", "【", "】"]  # fmt: skip
    for _ in range(3000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        sentences, lines = split_sentences_by_line(text)
        with_lines, counted = find_boilerplate(text, sentences, lines), find_boilerplate(text, sentences)
        assert (with_lines.sentence_rules, with_lines.injections) == (counted.sentence_rules, counted.injections)


def test_cue_searches_are_substring_checks():
    cues = lexicon("cues")
    for text in _random_unicode(500, seed=6) + CORPUS_TEXTS + ["预计", "据悉某", "is expected to", "EXPECTED", "unexpected"]:
        for name in ("hedge_modal_zh", "hedge_source_zh", "future_zh"):
            assert contains_cue(text, cues[name]) == any(cue in text for cue in cues[name])
        for name in ("hedge_modal_en", "hedge_source_en", "future_en"):
            words = "|".join(sorted(map(re.escape, cues[name]), key=len, reverse=True))
            old = re.compile(r"\b(?:" + words + r")\b", re.I)
            assert contains_en_cue(text, cues[name]) == (old.search(text) is not None)
    assert not contains_cue("anything", [])
    assert cue_pattern(["a"], english=False) is cue_pattern(["a"], english=False)


def test_segment_is_jieba_tokenize():
    from extractor.text.segment import segment, segment_reference

    rng = random.Random(6)
    pool = "".join(CORPUS_TEXTS + SAMPLE_TEXTS)
    clauses = [pool[i : i + rng.randint(0, 60)] for i in (rng.randrange(len(pool)) for _ in range(3000))]
    for text in clauses + _random_unicode(500, seed=3) + FUZZ + CORPUS_TEXTS + SAMPLE_TEXTS:
        assert segment(text) == segment_reference(text), text


def test_both_cuts_are_jieba_tokenize(monkeypatch):
    """The C++ cut (jieba-fast-dat, where installed) and the Python one each give jieba's words: the
    entity model's word features were trained on them."""
    from extractor.text import segment as module

    rng = random.Random(11)
    pool = "".join(CORPUS_TEXTS + SAMPLE_TEXTS)
    texts = [pool[i : i + rng.randint(0, 200)] for i in (rng.randrange(len(pool)) for _ in range(1500))]
    texts += _random_unicode(300, seed=5) + FUZZ + ["\r\n\t  ", "Ａ１２３ＡＢＣ", "𠀀𠀁中文\U0001F600", "甲" * 3000]
    for text in texts:
        reference = [word for word, _, _ in module._tokenizer().tokenize(text, HMM=True)]
        assert module._cut(text, fast=False) == reference, text
        assert module._cut(text) == reference, text


def test_the_fast_cut_is_used_where_installed():
    import importlib.util

    from extractor.text import segment as module

    installed = importlib.util.find_spec("jieba_fast_dat") is not None
    assert (module._fast_route() is not None) == installed


def test_cue_words_read_the_character_before_as_a_lookbehind_would():
    from extractor.context import attribution as context

    data = lexicon("attribution")
    guards = data["zh_guards"]
    cues = data["zh_cues"] + data["zh_weak_cues"]
    prefixes = data["zh_according_prefixes"]
    plain = {
        "cue": re.compile(f"(?<!被)(?:{context._zh_alternation(cues, guards)})"),
        "according": re.compile(f"(?<![{context._ZH_NOT_ACCORDING}])(?:{context._zh_alternation(prefixes, {})})"),
    }
    words = context._words()
    pieces = cues + prefixes + list(context._ZH_NOT_ACCORDING) + ["被", "，", "a", " "]
    for guard in guards.values():
        for chars in guard.values():  # a string of characters, or {character: characters that free it}
            pieces += [chars] if isinstance(chars, str) else [*chars, *chars.values(), *(k + v for k, v in chars.items())]
    rng = random.Random(8)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    for text in texts + CORPUS_TEXTS + SAMPLE_TEXTS:
        for name, fast in (("cue", words.zh_cue), ("according", words.zh_according)):
            expected = [(m.span(), m.group()) for m in plain[name].finditer(text)]
            assert [(m.span(), m.group()) for m in fast.finditer(text)] == expected, (name, text)


def test_cues_of_some_sentences_are_their_cues_among_all():
    from extractor.context.attribution import _Linker

    data = lexicon("attribution")
    pieces = list(_PIECES) + data["zh_cues"][:20] + data["zh_according_prefixes"] + ["“", "”", "：", "据", "报道", "说"]
    rng = random.Random(9)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(800)]
    for text in texts + SAMPLE_TEXTS:
        analysis = analyse(text)
        every = _Linker(analysis, []).cues()
        for _ in range(3):
            wanted = frozenset(i for i in range(len(analysis.sentences)) if rng.random() < 0.5)
            some = _Linker(analysis, []).cues(wanted)
            assert some == {i: cues for i, cues in every.items() if i in wanted}
