"""Fact-check context for every claim, computed once per document: what a number is about and where it
comes from, so that a reader can check it.

:func:`claim_contexts` reads, for each claim (normalised offsets on ``Analysis.text``, never leaving the
claim's sentence):

- ``subject`` and ``attribution`` (``attribution.py``): the entity the claim is about and who said it:
  named sources, common-noun sources (警方, the central bank), unnamed ones (知情人士, people familiar with
  the matter) and documents (财报显示, the filing showed);
- ``predicate``: the short phrase saying what the number measures (营收, 资本支出, 裁员, revenue, layoffs):
  the nearest word of ``data/claims/predicates.json`` before the number in its clause, else right after
  it (与 Scale AI 的 143 亿美元交易, 12,000 jobs). Dates have none;
- ``time_scope``: the date claim of the same clause the number belongs to (the nearest before it, else the
  first after it), else a clause made of a date alone that opens the sentence (``2025 年，公司营收…``);
- ``hedge`` (``hedging.py``): the cue marking it as expected, possible or rumoured, as written;
- ``direction`` and ``comparison`` (``direction.py``): a rise or a fall, for every kind (a level reached
  after a rise, 上调至 700 亿美元, counts as the rise), and the base when written (同比, year on year);
- ``quoted``: the claim stands inside a direct quotation (its speaker is the attribution's);
- ``checkworthiness`` (``checkworthiness.py``) per sentence and per claim.

Clause breaks and quotation spans are found once for the whole text; everything else is a bounded look
around each claim, so the cost is linear in the document.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from extractor.claims.base import lexicon_patterns
from extractor.context import checkworthiness, direction, hedging
from extractor.context.attribution import _CLAUSE_BREAK, AttributionLink, _clause, link_claims

if TYPE_CHECKING:  # pragma: no cover
    from extractor.analysis import Analysis
    from extractor.claims.base import Candidate
    from extractor.entities.recognize import Mention

NUMERIC = ("money", "percent", "quantity")
# Attribution cues that make a forecast of what they report (瑞银预计，…; 据测算; analysts estimate): a hedge.
_FORECAST_CUES = frozenset(
    ["预计", "估计", "预测", "预估", "估算", "测算", "预期", "据…估计", "据…测算", "据…预测", "据…估算",
     "estimated", "estimates", "estimate", "expects", "expect", "predicted", "predicts", "predict", "forecast",
     "forecasts", "projected", "projects"]
)
REACH = 40  # characters around a claim where its predicate and comparison base are read: bounds the work
WALK = 16  # date claims looked at on each side of a claim for its time scope
PREDICATE_AFTER = 6  # characters after a number where its measured noun may follow (143 亿美元交易)
_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_GAP_AFTER = re.compile(r"\s*(?:(?:in|of|worth\s+of|the)\s+)?", re.I)
_QUOTES = re.compile(r"“[^”\n]{1,400}”|「[^」\n]{1,400}」|『[^』\n]{1,400}』|\"[^\"\n]{1,400}\"")
# A date written as what a change is measured against: 较上年, 比去年同期, from a year ago, than in 2024.
_COMPARED_BEFORE = re.compile(r"(?:较|比|与|相比|对比|相较)\s*$|(?i:\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?)(?:\s+in)?\s*$)")
_EN_DATE_AFTER = re.compile(r"\s*(?:(?i:in|for|during|on|at|as\s+of|through)\s+)?")


@functools.lru_cache(maxsize=1)
def _periods() -> tuple[re.Pattern, re.Pattern]:
    from extractor.claims.base import lexicon

    data = lexicon("periods")
    zh = re.compile("|".join(sorted(data["zh"], key=lambda p: (-len(p), p))))
    en = re.compile(r"\b(?:" + "|".join(sorted(data["en"], key=lambda p: (-len(p), p))) + r")\b", re.I)
    return zh, en


def _period(text: str, claim: "Candidate", clause: tuple[int, int], lang: str,
            dates: list[tuple[int, int, int]], date_starts: list[int], sentence_start: int) -> tuple[int, int] | None:
    """The period a number covers when no date claim gives it (``data/claims/periods.json``): the nearest in its
    clause before it, else the first after it (150,000 cars a year), else one that alone opens the sentence;
    never one inside a date claim. Read within ``REACH`` characters of the claim, so a clause of any length
    costs the same."""
    zh, en = _periods()
    patterns = (en,) if lang == "en" else (zh, en)

    def outside(span: tuple[int, int]) -> bool:
        k = bisect.bisect_left(date_starts, span[1]) - 1  # the last date starting before the span's end
        return k < 0 or dates[k][1] <= span[0]  # the claims do not overlap: the one before ends before it

    best = None
    for pattern in patterns:
        for found in pattern.finditer(text, max(clause[0], claim.start - REACH), claim.start):
            if outside(found.span()) and (best is None or found.end() > best[1]):
                best = found.span()
    if best is not None:
        return best
    for pattern in patterns:
        found = pattern.search(text, claim.end, min(clause[1], claim.end + REACH))
        if found is not None and outside(found.span()):
            return found.span()
    opening = _OPENING_SPACE.match(text, sentence_start).end()
    for pattern in patterns:  # 截至目前，该项目已募集…; So far this year, …: a period that opens the sentence alone
        found = pattern.match(text, opening, claim.start)
        if found is not None and _PERIOD_CLAUSE_END.match(text, found.end()) and outside(found.span()):
            return found.span()
    return None


_OPENING_SPACE = re.compile(r"[\s\"“「]*")
_PERIOD_CLAUSE_END = re.compile(r"\s*[，,]")


@dataclass(frozen=True)
class ClaimContext:
    subject: int | None  # index into the mentions
    attribution: AttributionLink | None
    predicate: tuple[int, int] | None
    time_scope: int | None  # index into the candidates
    hedge: str | None
    direction: str | None
    comparison: str | None
    quoted: bool
    checkworthiness: float
    named: tuple[int, int] | None = None  # a subject the entity model did not find (English names), as written
    period: tuple[int, int] | None = None  # what the number covers when no date claim does (目前, a year)


def _predicates() -> tuple[re.Pattern, re.Pattern]:
    return lexicon_patterns("predicates")


def _language(analysis: "Analysis", claim: "Candidate") -> str:
    if analysis.lang != "mixed":
        return analysis.lang
    around = analysis.text[max(0, claim.start - 8) : claim.end + 4]
    return "zh" if _HAN.search(around) else "en"


_NOT_A_NOUN_AFTER = re.compile(r"[的地得了左右以上下内外多余来之及和与或、]|以上|以下|左右|之间")


def _counted_noun(analysis: "Analysis", claim: "Candidate") -> tuple[int, int] | None:
    """The word a Chinese count counts, right after it (600 多名工程师 → 工程师): the longest word of jieba's
    dictionary (up to four characters) that starts there; a look-up, not a segmentation of the clause."""
    from extractor.text.segment import word_frequency

    text = analysis.text
    at = claim.end
    if at >= len(text) or not _HAN.match(text[at]) or _NOT_A_NOUN_AFTER.match(text, at):
        return None
    frequency = word_frequency()
    for end in range(min(len(text), at + 4), at + 1, -1):
        if frequency(text[at:end]):
            return (at, end)
    return None


# A run of capitalised words: a company or body the English entity model did not know (Kestrel Robotics,
# Harlow Foods, the Bank of Japan). Words that open sentences or name no one are passed over.
_EN_NAME = re.compile(r"\b[A-Z][\w&'’.-]*(?:\s+(?:of|and|&|de|for)?\s*[A-Z][\w&'’.-]*)*")
_WORD = re.compile(r"\S+")
_OPENING = re.compile(r"[ \"“‘']*")  # what may stand before a sentence's first word
MAX_NAME_REACH = 300  # characters before a claim searched for an unrecognised name
_NOT_NAMES = frozenset(
    "The A An In On At For By From To Of And But Or As It Its This That These Those There Their They He She We I "
    "Shares Sales Revenue Prices Rates Rents Cases Deaths Costs Net Gross Total Average Some Most More About "
    "Nearly Around Roughly Over Under January February March April May June July August September October "
    "November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Q1 Q2 Q3 Q4 CEO CFO US U.S.".split()
)


def _unrecognised_name(
    text: str, clause: tuple[int, int], claim: "Candidate", sentence_start: int, speaker: tuple[int, int] | None,
    speaker_is_mention: bool,
) -> tuple[int, int] | None:
    """The last capitalised name before an English claim in its clause, its opening words that are no names
    (The, Shares, May …) left out: a subject the entity model missed. None when there is none. A lone word
    opening the sentence is capitalised for that alone (Police said, Gold prices climbed, Retail investors),
    and a speaker the entity model found (Sen. Laura May said, the World Health Organization said) is not
    taken again: the subject rules weighed it. A speaker it missed (Harlow Foods announced) may be the subject."""
    best = None
    # Only the last stretch of the clause is read: a subject stands near its claim, and a clause without
    # punctuation a megabyte long would otherwise be read again for each of its claims.
    for found in _EN_NAME.finditer(text, max(clause[0], claim.start - MAX_NAME_REACH), claim.start):
        words = list(_WORD.finditer(found.group()))
        while words and words[0].group() in _NOT_NAMES:
            words.pop(0)
        start = found.start() + words[0].start() if words else found.end()
        if not words or found.end() - start < 3:
            continue
        if len(words) == 1 and _OPENING.fullmatch(text, sentence_start, start) and _common_word(words[0].group()):
            continue
        if speaker is not None and start < speaker[1] and speaker[0] < found.end() and speaker_is_mention:
            continue  # the subject rules weighed that speaker already (attribution.py)
        best = (start, found.end())
    return best


# jieba's word classes (and the name lexicon's labels) that a Chinese name or the noun ending it may have; a
# word the dictionary does not know (None: 瑞幸, 零跑, 极氪) is most often a name. 芯片初创公司星衡半导体, 瑞幸咖啡,
# 长沙市政府, A 股 read as one phrase; a time word, verb, adverb or number ends it.
_ZH_NAME_CLASSES = frozenset(["nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "ORG", "LOC", "PERSON", "PRODUCT", "eng", None])
_ZH_NOUN_CLASSES = _ZH_NAME_CLASSES | {"n"}
_ZH_SKIP_CLASSES = frozenset(["t"])  # 今年 / 上周 before the topic
MAX_TOPIC = 14  # characters of a topic phrase
_WORD_CHARS = re.compile(r"\w+")
_ZH_FUNCTION_END = frozenset("于在到为了着过的地得")
_ZH_NOT_TOPIC_START = frozenset("某该这那此其每各全以在于从对向到自和与为据把被让")


@functools.lru_cache(maxsize=1)
def _not_topic() -> frozenset:
    """Words that open a clause without naming anyone: comparison bases (同比), measures (营收), roles (财报)."""
    from extractor.claims.base import lexicon

    roles = lexicon("attribution")["zh_roles"]  # 财报, 公司, 数据: a document or a role speaks, no name
    return frozenset(lexicon("comparisons")["zh"]) | frozenset(lexicon("predicates")["zh"]) | frozenset(roles)


@functools.lru_cache(maxsize=1)
def _generic_latin() -> frozenset:
    from extractor.entities.recognize import GENERIC_LATIN_WORDS  # AI, GPU, IPO: ordinary words in Chinese news

    return GENERIC_LATIN_WORDS
_LATIN_WORD = re.compile(r"[A-Za-z][\w.+-]*")


def _zh_unrecognised_name(analysis: "Analysis", clause: tuple[int, int], sentence: tuple[int, int],
                          claim: "Candidate", dates: list[tuple[int, int, int]], mentions,
                          known_names: frozenset, heads: dict) -> tuple[int, int] | None:
    """The noun phrase opening the claim's clause, else its sentence, when it holds a name the entity model
    did not find (瑞幸咖啡第三季度门店净增…, 长沙市政府宣布，明年将投入…): the subject as written. Only a phrase
    with a name-like word in it (a word jieba does not know, a name class, Latin letters) and no mention."""
    from extractor.entities.zh_tokens import word_classes
    from extractor.text.segment import segment

    text = analysis.text
    classes = word_classes()
    date_end = {start: end for start, end, _ in dates}
    for floor in (clause[0], sentence[0]):
        at = floor
        while at < claim.start:  # past white space, punctuation and the dates that open the clause
            if at in date_end:
                at = date_end[at]
            elif not text[at].isalnum():
                at += 1
            else:
                break
        base = at
        if base >= claim.start or text[base] in _ZH_NOT_TOPIC_START or text[base].isdigit() or _overlaps(mentions, base, base + 1):
            if floor == sentence[0]:
                break
            continue  # no phrase, or one that opens with a mention the subject rules weighed: nothing to segment
        start = end = at
        named = False
        unknown = None  # a two-character word jieba does not know: a name only with a noun after it (瑞幸咖啡)
        head = heads.get(base)
        if head is None:  # the same clause or sentence opening serves every claim after it: segmented once
            head = heads[base] = segment(text[base : base + MAX_TOPIC + 4])
        for w_start, w_end in head:
            if base + w_end > claim.start:
                break
            word = text[base + w_start : base + w_end]
            kind = "eng" if _LATIN_WORD.fullmatch(word) else classes.get(word)
            if kind in _ZH_SKIP_CLASSES and end == start:  # 今年, 上周 before the topic
                start = end = base + w_end
                continue
            if kind not in _ZH_NOUN_CLASSES or not _WORD_CHARS.fullmatch(word) or word.isdigit() or word in _not_topic():
                break  # a verb, a time word, punctuation, a comparison base (同比), a measure (营收), 财报
            if kind is None and (len(word) < 2 or word[-1] in _ZH_FUNCTION_END):
                break  # 收于, 高于: an unknown verb, not a name
            if end == start and word[0] in _ZH_NOT_TOPIC_START:
                break  # 某车企, 该公司, 全球 AI 手机, 以…为例: no one named
            if kind is None and len(word) == 2:
                unknown = word
            elif kind is not None and kind in _ZH_NAME_CLASSES and (kind != "eng" or word not in _generic_latin()):
                named = True
            elif kind is None:
                named = True  # 三一重工, 海底捞: a longer unknown word is most often a name
            elif unknown is not None:
                named = True  # 瑞幸咖啡, 零跑汽车: an unknown word before a noun
            end = base + w_end
        phrase = text[start:end]
        named = named or (unknown is not None and phrase in known_names)  # 星衡, named elsewhere in the document
        if named and 2 <= end - start <= MAX_TOPIC and not _overlaps(mentions, start, end):
            return (start, end)
        if floor == sentence[0]:
            break
    return None


def _overlaps(mentions, start: int, end: int) -> bool:
    """Does a mention (``mentions`` sorted by start, not overlapping) overlap [start, end)? A bisect: a
    sentence may hold thousands of them."""
    k = bisect.bisect_left(mentions, end, key=lambda mention: mention.start) - 1
    return k >= 0 and mentions[k].end > start


# About 33,000 machinists at Corvane Aerospace, workers of Harlow Foods: the name right after the counted noun.
_EN_AT_NAME_AFTER = re.compile(r"\s+(?:at|of)\s+(?:the\s+)?(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})")
_EN_SPEECH_CUES = frozenset("said says say told announced stated reported confirmed disclosed added noted wrote".split())


def _en_name_after(text: str, claim: "Candidate", clause: tuple[int, int]) -> tuple[int, int] | None:
    found = _EN_AT_NAME_AFTER.match(text, claim.end, clause[1])
    if found is None or found.group("name").split()[0] in _NOT_NAMES:
        return None
    return found.span("name")


def _unrecognised_speaker(text: str, attribution: "AttributionLink | None") -> tuple[int, int] | None:
    """A company the entity model missed that announces its own figure (Harlow Foods announced it would close
    14 factories, affecting about 3,800 workers): the speaker as written, when it is a capitalised name that
    speaks (said, announced; not according to, not a forecast of others') and reports no one else's figures."""
    if attribution is None or attribution.speaker is not None or attribution.cue.lower() not in _EN_SPEECH_CUES:
        return None
    phrase = text[attribution.start : attribution.end]
    words = phrase.split()
    if not _EN_NAME.fullmatch(phrase) or words[0] in _NOT_NAMES or len(words) > 4 or _reporter(phrase):
        return None
    if len(words) == 1 and _common_word(words[0]):
        return None  # Police said, Officials said: a common noun, capitalised as the sentence opens
    return (attribution.start, attribution.end)


def _reporter(name: str) -> bool:
    from extractor.context.attribution import _words

    return _words().reporters.search(name) is not None


def _common_word(word: str) -> bool:
    from extractor.entities.en_tokens import common_words

    return word.lower() in common_words()


def _unit_noun(text: str, claim: "Candidate") -> tuple[int, int] | None:
    """The noun an English count ends with (12,000 jobs, 1.2 million users): its unit, inside its span."""
    unit = (claim.value or {}).get("unit")
    if not unit or not unit[:1].isalpha():
        return None
    at = text.rfind(unit, claim.start, claim.end)
    return (at, at + len(unit)) if at >= 0 else None


def _predicate(text: str, claim: "Candidate", clause: tuple[int, int], lang: str) -> tuple[int, int] | None:
    zh, en = _predicates()
    patterns = (en,) if lang == "en" else (zh, en)
    best = None
    for pattern in patterns:
        for found in pattern.finditer(text, max(clause[0], claim.start - REACH), claim.start):
            if best is None or found.end() > best[1] or (found.end() == best[1] and found.start() < best[0]):
                best = found.span()
    if best is not None:
        return best
    for pattern in patterns:  # 143 亿美元交易, 600 多名员工, 12,000 jobs, $5 billion in revenue
        found = pattern.search(text, claim.end, min(clause[1], claim.end + PREDICATE_AFTER + 12))
        if found is None:
            continue
        gap = text[claim.end : found.start()]
        if (pattern is zh and len(gap) <= PREDICATE_AFTER) or _EN_GAP_AFTER.fullmatch(gap):
            return found.span()
    return None


def _time_scope(
    claim: "Candidate", clause: tuple[int, int], sentence: tuple[int, int], dates: list[tuple[int, int, int]],
    starts: list[int], text: str, lang: str,
) -> int | None:
    """The date the number belongs to. ``dates``: (start, end, candidate index) of the date claims, sorted;
    ``starts`` their starts. A date written as the comparison base (较上年, from a year ago) is passed over."""
    j = bisect.bisect_left(starts, claim.start)

    def usable(k: int) -> bool:
        return _COMPARED_BEFORE.search(text, max(0, dates[k][0] - 20), dates[k][0]) is None

    if lang == "en":  # 2.7% in August: the date right after the number is its own
        for k in range(j, min(len(dates), j + 2)):
            if dates[k][0] >= claim.end and _EN_DATE_AFTER.fullmatch(text, claim.end, dates[k][0]) and usable(k):
                return dates[k][2]
    for floor in (clause[0], sentence[0]):  # the nearest before it in its clause, else in its sentence
        for k in range(j - 1, max(-1, j - 1 - WALK), -1):
            start, end, index = dates[k]
            if start < floor:
                break
            if end <= claim.start and usable(k):
                return index
        if floor == clause[0]:
            for k in range(j, min(len(dates), j + WALK)):  # else the first after it in its clause
                start, end, index = dates[k]
                if start >= clause[1]:
                    break
                if start >= claim.end and usable(k):
                    return index
    return None


def claim_contexts(
    analysis: "Analysis", candidates: Sequence["Candidate"], mentions: Sequence["Mention"], *, names: bool = False
) -> tuple[list[ClaimContext], list[float]]:
    """(the context of each candidate, in order; the check-worthiness of each sentence). ``names``: entities
    were looked for, so a Chinese name the model missed may be read from the clause (``_zh_unrecognised_name``)."""
    by_sentence: dict[int, list] = {}
    for mention in mentions:
        by_sentence.setdefault(analysis.sentence_at(mention.start), []).append(mention)
    for found in by_sentence.values():
        found.sort(key=lambda mention: mention.start)

    def sentence_mentions(index: int) -> list:
        return by_sentence.get(index, [])

    heads: dict[int, list] = {}  # phrase start -> its words (_zh_unrecognised_name)

    @functools.lru_cache(maxsize=1)
    def known_names() -> frozenset:
        return frozenset(analysis.text[m.start : m.end] for m in mentions)

    text = analysis.text
    links = link_claims(analysis, candidates, mentions) if candidates else []
    breaks = [match.span() for match in _CLAUSE_BREAK.finditer(text)] if candidates else []
    quotes = [match.span() for match in _QUOTES.finditer(text)] if candidates else []
    quote_starts = [start for start, _ in quotes]
    dates = sorted((c.start, c.end, i) for i, c in enumerate(candidates) if c.kind == "date")
    date_starts = [start for start, _, _ in dates]
    sentence_scores = _sentence_scores(analysis, candidates, mentions)
    rumours: dict[int, tuple[str, int] | None] = {}
    written = functools.lru_cache(maxsize=1)(analysis.normalized.as_written)
    contexts = []
    for i, claim in enumerate(candidates):
        index = analysis.sentence_at(claim.start)
        subject, attribution = links[i]
        if index is None:
            contexts.append(ClaimContext(subject, attribution, None, None, None, None, None, False, 0.0))
            continue
        sentence = analysis.sentences[index]
        lang = _language(analysis, claim)
        if index not in rumours:
            rumours[index] = hedging.sentence_rumour_at(text, analysis.lang, sentence)
        forecast = None
        if attribution is not None and attribution.cue in _FORECAST_CUES:
            at = text.find(attribution.cue.split("…")[-1], attribution.end, sentence[1])
            # a forecast hedges what it states, after it: not the shares that rose before the chipmaker forecast
            forecast = (at, at + len(attribution.cue.split("…")[-1])) if 0 <= at < claim.start else None
        where = hedging.hedge_cue(text, lang, (claim.start, claim.end), sentence, rumours[index], forecast)
        hedge = written()[where[0] : where[1]] if where else None  # as the document writes it (預計)
        clause = _clause(breaks, claim, sentence)
        numeric = claim.kind in NUMERIC
        predicate = None
        if claim.kind == "quantity" and lang != "en":
            predicate = _counted_noun(analysis, claim)
        elif claim.kind == "quantity":
            predicate = _unit_noun(text, claim)
        if predicate is None and numeric:
            predicate = _predicate(text, claim, clause, lang)
        scope = _time_scope(claim, clause, sentence, dates, date_starts, text, lang) if numeric else None
        period = _period(text, claim, clause, lang, dates, date_starts, sentence[0]) if numeric and scope is None else None
        if not numeric:
            way = None
        elif lang == "en":
            way = direction.en_direction(
                text, claim.start, claim.end, sentence[0], sentence[1], levels=True, counts=claim.kind == "money" or claim.kind == "quantity",
                after_words=claim.kind != "quantity",
            )
        else:
            way = direction.zh_direction(text, claim.start, sentence[0], levels=True, counts=claim.kind != "percent")
        near = (max(clause[0], claim.start - REACH), min(clause[1], claim.end + REACH))
        base = direction.comparison(text, near, lang) if numeric else None
        q = bisect.bisect_right(quote_starts, claim.start) - 1
        quoted = q >= 0 and quotes[q][0] < claim.start and claim.end < quotes[q][1]
        score = sentence_scores[index] * (checkworthiness.HEDGED if hedge else 1.0)
        named = None
        if subject is None and numeric and lang == "en":
            named = _unrecognised_name(
                text, clause, claim, sentence[0], (attribution.start, attribution.end) if attribution else None,
                attribution is not None and attribution.speaker is not None,
            ) or _en_name_after(text, claim, clause) or _unrecognised_speaker(text, attribution)
        elif subject is None and numeric and names:
            named = _zh_unrecognised_name(
                analysis, clause, sentence, claim, dates, sentence_mentions(index), known_names(), heads
            )
        contexts.append(
            ClaimContext(subject, attribution, predicate, scope, hedge, way, base, quoted, round(score, 3), named, period)
        )
    return contexts, sentence_scores


def _sentence_scores(analysis: "Analysis", candidates, mentions) -> list[float]:
    sentences = analysis.sentences
    numbers = [0] * len(sentences)
    dates = [0] * len(sentences)
    actors = [0] * len(sentences)
    for claim in candidates:
        index = analysis.sentence_at(claim.start)
        if index is not None:
            if claim.kind in NUMERIC:
                numbers[index] += 1
            else:
                dates[index] += 1
    for mention in mentions:
        index = analysis.sentence_at(mention.start)
        if index is not None and mention.label != "LOC":
            actors[index] += 1
    boilerplate = analysis.boilerplate.sentence_rules
    found = checkworthiness.cue_sentences(analysis.text, analysis._sentence_starts)
    return [
        checkworthiness.sentence_score(
            analysis.text[start:end], numbers=numbers[i], dates=dates[i], actors=actors[i], boilerplate=i in boilerplate,
            cues={kind for kind, where in found.items() if i in where},
        )
        for i, (start, end) in enumerate(sentences)
    ]
