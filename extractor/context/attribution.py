"""Who said a claim and what it is about: ``link_claims`` gives each claim its ``attribution`` and ``subject``.

Everything works in normalised offsets on ``Analysis.text`` and never leaves a claim's sentence.

**Attribution.** Reporting cues are found once over the whole text, each with its speaker:

- Chinese ``X … 表示/称/说/指出/透露/…`` (word list in ``data/claims/attribution.json``): X is the nearest
  entity mention before the cue, at most ``MAX_GAP_ZH`` characters away and with no clause punctuation
  or quote mark in between (``扎克伯格在财报电话会上表示``). Forecast verbs (预计, 估计, 预测 …) are also
  ordinary predicates (``资本开支预计为``), so for them only a time word or adverb may stand between
  (``高盛此前预计``).
- A role word right after the entity widens the speaker's span but the entity stays the speaker:
  ``Meta 发言人周二表示`` → speaker Meta, span ``Meta 发言人``; ``A Meta spokesperson said`` likewise.
- An unnamed source (知情人士, 接近该团队的人士, people familiar with the matter) is the speaker even when
  it names an entity (``接近 Meta 的人士称`` → speaker null, span ``接近 Meta 的人士``); with no entity
  before the cue, a role word is a speaker of its own (``分析师表示`` → span ``分析师``). A pronoun is
  not a speaker: ``他表示`` gives no attribution (no coreference here).
- ``据 X 报道/消息/数据/…`` (also 根据, 依据): X is what lies between; an entity in it is the speaker,
  else X as written (``据多名与会员工回忆`` → ``多名与会员工``), and the cue is written ``据…报道``.
  ``据 X 援引 Y`` and ``X 援引 Y`` give Y. Cue words inside a 据 phrase are not read again.
- English ``X said/told/wrote/reported/announced …`` (the same gap rule, plus an apposition
  ``X, a spokesperson, said``), ``expects/estimated …`` with only an adverb between, never after a
  form of *be* (``is expected``); ``added/noted`` only before *that*, a comma or the sentence end
  (``Meta added 10 million users`` is no speech); ``"…," said X`` after a quote or comma;
  ``according to X``.
- A cue governs the claims of its sentence: each claim takes the nearest cue before it, else the first
  after it. A sentence that is entirely a quotation, with no cue of its own, borrows the cue of the
  short sentence after it that only names the speaker (``“……。” 该人士说。``), or of the sentence
  before it that ends in ``X 说：``.

**Subject.** The nearest ORG/PERSON/PRODUCT mention before the claim in its clause (clauses split at
``，,；;：:`` and stops; not at a comma between digits), else the first after it in the clause, else the
nearest before it in the sentence, else the first after it in the sentence. When the attribution phrase
(speaker to cue words) lies wholly in another clause than the claim (``据彭博社报道，Meta …``), the
speaker and the mentions inside that phrase are passed over, and taken only when nothing else is left
(``Meta 表示，明年将投资…`` → Meta). A place (LOC) is the subject only when no ORG/PERSON/PRODUCT is.
A speaker borrowed from a neighbouring sentence is never the subject.

**Cost.** A few regex passes over the text, then per cue and per claim a bisect and a bounded walk
(``WALK`` mentions at most): linear in the document, however many claims a sentence holds.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from extractor.claims.anchor import anchored
from extractor.claims.base import lexicon
from extractor.text import compiled

if TYPE_CHECKING:  # pragma: no cover
    from extractor.analysis import Analysis
    from extractor.claims.base import Candidate
    from extractor.entities.recognize import Mention

LOC = "LOC"
MAX_GAP_ZH = 20  # characters between a Chinese speaker and its cue: 扎克伯格[在财报电话会上]表示
MAX_GAP_EN = 40  # Meta [on Tuesday] said
MAX_APPOSITION_EN = 100  # Andy Stone[, a spokesperson for the company,] said
MAX_REGION = 30  # 据 X 报道: the longest X
MAX_REGION_EN = 80  # according to X / "…," said X
MAX_TAG_SENTENCE = 40  # a sentence that only names the speaker of the quotation next to it
WALK = 32  # mentions looked at around one claim or cue before giving up: bounds the work per claim

# Clause punctuation and quote marks: a speaker and its cue never have one between them.
_ZH_GAP_BREAK = compiled.compile(r"[，,；;：:。！？!?“”\"「」『』\n]")
_EN_GAP_BREAK = compiled.compile(r"[,;:!?\"“”\n]")
# Where a 据 X / according to X / said X region ends.
_ZH_REGION_END = _ZH_GAP_BREAK
_EN_REGION_END = compiled.compile(r"[,;:!?\"“”()\n]|\.(?=\s|$)")
# Clauses for the subject: split at ，,；;：: (and at stops inside quotations); not 1,000 or 10:30.
_CLAUSE_BREAK = compiled.compile(r"[，；;：。！？!?\n]|(?<!\d)[,:]|[,:](?!\d)")

_ZH_WEAK_GAP = compiled.compile(
    r"\s*(?:(?:此前|日前|近日|目前|同时|也|还|则|仍|现|并|更|曾|再次|进一步|今日|昨日|今天|昨天|本周|上周|"
    r"周[一二三四五六日天]|\d{1,2}月\d{1,2}日|\d{1,2}日)\s*)*"
)
_EN_WEAK_GAP = compiled.compile(
    r"\s*(?:(?:also|now|still|previously|earlier|further|had|has|have|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"this (?:week|month|year)|last (?:week|month|year)|in a (?:research )?(?:note|report|statement|filing))\s*)*",
    re.I,
)
_EN_APPOSITION = compiled.compile(r",[^,;:!?\"“”\n]{1,%d},\s*" % MAX_APPOSITION_EN)
_EN_BE_BEFORE = compiled.compile(r"\b(?:is|was|are|were|be|been|being)\s+$", re.I)
_EN_SPEECH_AFTER = compiled.compile(r"\s+that\b|\s*[,.:;\"”]|\s*$")  # Smith added that … / …, he noted.
_EN_INVERTED_BEFORE = compiled.compile(r"[,\"”'’]\s*$")
# A place after a preposition is a setting, not a speaker (Cloud providers in the U.S. have warned, 在美国表示).
_ZH_PLACE_PREPOSITION = compiled.compile(r"(?:在|于|从|对|向|赴|到|自|和|与)\s*$")
_EN_PLACE_PREPOSITION = compiled.compile(
    r"\b(?:in|at|from|of|for|across|within|to|into|outside|throughout|and)\s+(?:the\s+)?$", re.I
)
_ZH_NOT_ACCORDING = "数证占盘字单票收论凭割拮"
MAX_TITLE_GAP = 30
_TITLE = compiled.compile(
    r"\s*(?:的|'s|’s)?\s*(?:前任|现任|联合)?(?:首席执行官|首席财务官|首席技术官|首席运营官|董事长|总裁|副总裁|高级副总裁|总经理|"
    r"创始人|联合创始人|董事|CEO|CFO|CTO|COO|(?i:chief\s+\w+\s+officer|chief\s+executive|chairman|chairwoman|chair|"
    r"president|vice\s+president|founder|co-founder|head|director|spokesperson|spokesman|spokeswoman))?\s*"
)
_LOWER_WORD = compiled.compile(r"[a-z][a-z\s'’-]*")
MAX_REGION_WORDS = 6  # an English according-to source with no name or role in it is taken whole up to this
MAX_REGION_AS_WRITTEN = 12  # a 据 X 报道 source with no entity, role or place in it is taken whole up to this
# …but not an adverbial or a quantity that fills the slot (据不完全统计, 据初步测算, 据最新数据, 据 3 位人士).
_ZH_NOT_A_SOURCE = compiled.compile(r"(?:不完全|初步|粗略|最新|公开|有关|相关|此前|目前|官方|[\d一二三四五六七八九十两几多]|[^\u3400-\u9fffA-Za-z《])")
_ZH_TITLE = compiled.compile(r"\s*《([^》\n]{1,20})》(?:\s*(?:报道|报导|称|消息|援引|披露|透露|刊文|文章))?")
_EN_RELAYED_BY = compiled.compile(
    r"\s+(?:seen|obtained|reviewed|polled|surveyed|cited|compiled|published|released|quoted|commissioned|"
    r"conducted|gathered|collected)\s+by\b", re.I
)
# Between an inverted cue and its speaker ("…," said Jane Doe, says the company): a few plain words at most.
_EN_INVERTED_GAP = compiled.compile(r"\s*(?:[A-Za-z][\w'’.-]*\s+){0,2}")
# An apposition between a speaker and its cue: "X, which has 250 employees, says", "The report, published in May, found".
_EN_APPOSITION_END = compiled.compile(r",[^,;:!?\"“”\n]{1,%d},\s*$" % MAX_APPOSITION_EN)
_EN_RELATIVE_GAP = compiled.compile(r",\s*(?:which|who|whose)\b[^,;:!?\"“”\n]{1,%d},\s*" % MAX_APPOSITION_EN, re.I)
_EN_DOCUMENT_CUE = compiled.compile(r"(?:show|found|find)", re.I)  # a document states (the filing showed, the report found)
_EN_SET_OFF = compiled.compile(r"\s*,\s*")
_EN_COMMA_BEFORE = compiled.compile(r",\s*$")
_ZH_DISPOSAL_BEFORE = compiled.compile(r"[把将]\s*$")
_ZH_OWNS_AFTER = compiled.compile(r"\s*(?:在[^，,。；;]{1,8}?)?的")
_EN_ROLE_AT = compiled.compile(r"(?P<role>\b[A-Za-z]+(?:\s+[a-z]+)?)\s+(?:at|from|with)\s+(?:the\s+)?$")
# A mention inside a relative clause or an example list (Verdant Foods, whose brands include Sunny Oats, said)
# is not what the sentence's figures are about.
_EN_ASIDE_BEFORE = compiled.compile(r"[,(]\s*(?:which|who|whose|where|including|such\s+as|like)\b[^,;:()]*$", re.I)
MAX_CLAUSE_HEAD = 14  # characters of a speaker that is only the phrase opening its clause (长沙市政府宣布)
# The phrase that opens a clause: after the last clause break (or the sentence start) up to the cue.
_ZH_CLAUSE_HEAD = compiled.compile(r"(?:^|(?<=[，,；;：:。！？!?“”\"\n]))\s*(?P<phrase>[^，,；;：:。！？!?“”\"\n\d]+?)$")
# A clause opening with a preposition, a pronoun or a time word names no speaker (在美国表示, 他说, 今天宣布).
_ZH_NOT_HEAD = compiled.compile(r"[在于从对向到自和与为据他她它我你这那此今昨明本上下同也还并又再将会已]")
# The owner glued before a role or document word: 乘联会(的)数据, LSEG data.
_ZH_OWNER = compiled.compile(r"[\u4e00-\u9fffA-Za-z·]{2,12}的?$")
_EN_NAME_BEFORE = compiled.compile(r"(?P<phrase>(?!(?:He|She|They|It|We|I|You|This|That|These|Those|There)\b)(?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)\s*(?:(?:also|now|on \w+day)\s+)?$")
_EN_NOUN_PHRASE_BEFORE = compiled.compile(r"(?P<phrase>\b(?:[Tt]he|[Aa]n?|[Tt]wo|[Tt]hree|[Ss]everal)\s+(?:[\w&'’-]+\s+){0,3}[\w'’-]+)\s*$")
_EN_OWNER = compiled.compile(r"(?:[A-Z][\w&.'’-]*\s+){1,3}$")
_TOPIC_AFTER = compiled.compile(r"\s*(?:来说|而言|来讲)")
# A mention right after one of these is the object of the clause's verb, not its subject.
_OBJECT_BEFORE = compiled.compile(
    r"(?:向|对|给|与|和|跟|同|从|为|比|把|将|被|包括|由|于|在|位于|来自|"
    r"(?i:(?:\bby|\bfrom|\bto|\bwith|\bled by|\bfor|\bagainst|\binto|\bof)(?:\s+the)?))\s*$"
)  # 数据, 证据, 占据 … are not 据 X
_QUOTE_OPEN = "“\"「『"
_QUOTE_CLOSE = "”\"」』"


@dataclass(frozen=True)
class AttributionLink:
    """Who said a claim: ``speaker`` is a mention index (None for 知情人士, analysts …), ``start``/``end`` the
    speaker as written, ``cue`` the reporting words (表示, 据…报道, said, according to)."""

    speaker: int | None
    start: int
    end: int
    cue: str


@dataclass(frozen=True)
class _Cue:
    at: int  # where the cue words start: decides which claims of the sentence it governs
    link: AttributionLink
    lo: int  # the whole attribution phrase, speaker and cue words
    hi: int


# --- word lists --------------------------------------------------------------------------------------


def _zh_alternation(words, guards) -> str:
    """Longest first; a guarded word may not follow / precede the listed characters (简称, 称为, 小说)."""
    parts = []
    for word in sorted(set(words), key=lambda word: (-len(word), word)):
        piece = re.escape(word)
        guard = guards.get(word, {})
        if guard.get("not_before"):
            piece = f"(?<![{guard['not_before']}])" + piece
        for char, unless in guard.get("not_before_unless", {}).items():  # 人称 (nicknamed), but 发言人称
            piece = f"(?<!(?<![{unless}]){re.escape(char)})" + piece
        if guard.get("not_after"):
            piece += f"(?![{guard['not_after']}])"
        parts.append(piece)
    return "|".join(parts)


def _zh_lead_alternation(words, guards, not_before: str) -> str:
    """``(?<![not_before])(?:<_zh_alternation(words, guards)>)`` written so that every word starts with its
    first character and reads the character before it just after that (``说(?<![被]说)``): the same
    matches, but the regex engine, seeing a literal first, skips to the places where a word can start
    instead of trying every place of the text."""
    parts = []
    for word in sorted(set(words), key=lambda word: (-len(word), word)):
        first, rest = re.escape(word[0]), re.escape(word[1:])
        guard = guards.get(word, {})
        piece = first + f"(?<![{not_before}]{first})"
        if guard.get("not_before"):
            piece += f"(?<![{guard['not_before']}]{first})"
        for char, unless in guard.get("not_before_unless", {}).items():
            piece += f"(?<!(?<![{unless}]){re.escape(char)}{first})"
        piece += rest
        if guard.get("not_after"):
            piece += f"(?![{guard['not_after']}])"
        parts.append(piece)
    return "|".join(parts)


def _en_alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda word: (-len(word), word)))


@dataclass(frozen=True)
class _Words:
    zh_cue: re.Pattern
    zh_weak: frozenset
    zh_cite: frozenset
    zh_according: re.Pattern
    zh_according_cue: re.Pattern
    zh_anonymous: re.Pattern
    zh_role: re.Pattern
    zh_role_after: re.Pattern
    en_cue: re.Pattern
    en_weak: frozenset
    en_inverted: frozenset
    en_speech_only: frozenset
    en_according: re.Pattern
    en_anonymous: re.Pattern
    en_role: re.Pattern
    en_role_after: re.Pattern
    reporters: re.Pattern
    org_head: re.Pattern
    zh_rumours: frozenset


@functools.lru_cache(maxsize=None)
def _words() -> _Words:
    data = lexicon("attribution")
    sources = lexicon("sources")
    guards = data["zh_guards"]
    zh_cues = data["zh_cues"] + data["zh_weak_cues"]
    # A document "shows" what it states (the filing showed, data show): read like a forecast verb, with the
    # source right before it.
    en_cues = (
        data["en_cues"] + data["en_weak_cues"] + data["en_document_cues"] + data["en_speech_only_cues"]
        + data["en_inverted_cues"]
    )
    zh_roles = _zh_alternation(data["zh_roles"], {})
    en_roles = _en_alternation(data["en_roles"])
    en_cue_words = _en_alternation(en_cues)
    anonymous_en = (
        rf"\b(?:{_en_alternation(data['en_anonymous_heads'])})\s+(?:{_en_alternation(data['en_anonymous_links'])})"
        rf"(?:\s+(?!(?:{en_cue_words})\b)[\w'’.\-]+){{1,3}}|\b(?:{_en_alternation(data['en_anonymous_words'])})\b"
    )
    return _Words(
        zh_cue=compiled.compile(_zh_lead_alternation(zh_cues, guards, "被")),
        zh_weak=frozenset(data["zh_weak_cues"]),
        zh_cite=frozenset(data["zh_cite_cues"]),
        zh_according=compiled.compile(_zh_lead_alternation(data["zh_according_prefixes"], {}, _ZH_NOT_ACCORDING)),
        zh_according_cue=compiled.compile(_zh_alternation(data["zh_according_cues"], guards)),
        zh_anonymous=compiled.compile(
            rf"(?:接近[^，,。；;：:！？!?“”\n]{{1,16}}?的)?(?:{_zh_alternation(data['zh_anonymous'], {})})"
        ),
        zh_role=compiled.compile(zh_roles),
        zh_role_after=compiled.compile(rf"\s*的?\s*(?:一位|一名|多位|多名|几位|某位)?\s*(?:{zh_roles})"),
        en_cue=anchored(compiled.compile(rf"\b(?:{en_cue_words})\b", re.I)),
        en_weak=frozenset(w.lower() for w in data["en_weak_cues"] + data["en_document_cues"]),
        en_inverted=frozenset(w.lower() for w in data["en_inverted_cues"]),
        en_speech_only=frozenset(w.lower() for w in data["en_speech_only_cues"]),
        en_according=anchored(compiled.compile(r"\baccording\s+to\b", re.I)),
        en_anonymous=compiled.compile(anonymous_en, re.I),
        en_role=compiled.compile(rf"\b(?:{en_roles})\b", re.I),
        en_role_after=compiled.compile(rf"(?:'s|’s)?\s+(?:{en_roles})\b", re.I),
        reporters=compiled.compile(
            rf"(?:{_zh_alternation(sources['zh'], {})})$|\b(?:{_en_alternation(sources['en'])})\b"
        ),
        zh_rumours=frozenset(data["zh_rumours"]),
        org_head=compiled.compile(
            rf"(?:{_zh_alternation(data['zh_org_heads'], {})})|"
            rf"(?i:the|its)\s+(?:[\w-]+\s+){{0,2}}(?:{_en_alternation(data['en_org_heads'])})\b"
        ),
    )


# --- mentions ----------------------------------------------------------------------------------------


class _Pool:
    """Some of the mentions, sorted by start, with bounded nearest-neighbour look-ups."""

    def __init__(self, ids: list[int], mentions: Sequence["Mention"]):
        self.ids = ids
        self.starts = [mentions[i].start for i in ids]
        self.ends = [mentions[i].end for i in ids]

    def before(self, pos: int, floor: int, exclude=frozenset()) -> int | None:
        """The mention ending at or before ``pos`` nearest to it, starting at or after ``floor``."""
        j = bisect.bisect_left(self.starts, pos) - 1
        stop = max(-1, j - WALK)
        while j > stop and self.starts[j] >= floor:
            if self.ends[j] <= pos and self.ids[j] not in exclude:
                return self.ids[j]
            j -= 1
        return None

    def after(self, pos: int, ceiling: int, exclude=frozenset()) -> int | None:
        """The first mention starting at or after ``pos`` and ending at or before ``ceiling``."""
        j = bisect.bisect_left(self.starts, pos)
        stop = min(len(self.ids), j + WALK)
        while j < stop and self.starts[j] < ceiling:
            if self.ends[j] <= ceiling and self.ids[j] not in exclude:
                return self.ids[j]
            j += 1
        return None

    def within(self, lo: int, hi: int) -> list[int]:
        j = bisect.bisect_left(self.starts, lo)
        found = []
        while j < len(self.ids) and self.starts[j] < hi and len(found) < WALK:
            if self.ends[j] <= hi:
                found.append(self.ids[j])
            j += 1
        return found

    def covers(self, pos: int) -> bool:
        """Is ``pos`` inside a mention (so 统计 in 国家统计局 is no cue when the bureau is a mention)?"""
        j = bisect.bisect_right(self.starts, pos) - 1
        return j >= 0 and self.ends[j] > pos


# --- the linker ----------------------------------------------------------------------------------------

_Speaker = tuple[int | None, int, int]  # (mention index or None, start, end of the speaker as written)


class _Linker:
    def __init__(self, analysis: "Analysis", mentions: Sequence["Mention"]):
        self.analysis = analysis
        self.text = analysis.text
        self.mentions = mentions
        self.words = _words()
        self.wanted: frozenset | None = None  # the sentences whose cues are read (None: all)
        order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
        self.all = _Pool(order, mentions)
        # A lower-case English word tagged as a name (rose, bank) is the model's slip, never a subject.
        self.named = _Pool(
            [i for i in order if mentions[i].label != LOC and not _LOWER_WORD.fullmatch(self.text, mentions[i].start, mentions[i].end)],
            mentions,
        )
        self.places = _Pool(
            [i for i in order if mentions[i].label == LOC and not _LOWER_WORD.fullmatch(self.text, mentions[i].start, mentions[i].end)],
            mentions,
        )

    # Speakers --------------------------------------------------------------------------------------

    def _entity(self, index: int, limit: int, lang: str) -> _Speaker:
        """A mention as speaker; a role word right after it (Meta 发言人, Meta's CEO) widens the span."""
        mention = self.mentions[index]
        role_after = self.words.zh_role_after if lang == "zh" else self.words.en_role_after
        match = role_after.match(self.text, mention.end, max(mention.end, limit))
        return (index, mention.start, match.end() if match else mention.end)

    def _gap_ok(self, gap: str, lang: str, weak: bool) -> bool:
        if lang == "zh":
            plain = len(gap) <= MAX_GAP_ZH and not _ZH_GAP_BREAK.search(gap)
            return plain and (not weak or _ZH_WEAK_GAP.fullmatch(gap) is not None)
        plain = len(gap) <= MAX_GAP_EN and not _EN_GAP_BREAK.search(gap)
        if not plain and _EN_APPOSITION.fullmatch(gap) is None:
            return False
        return not weak or _EN_WEAK_GAP.fullmatch(gap) is not None

    def _may_speak(self, index: int, cue: int, lang: str) -> bool:
        """A place speaks only right before its cue and not after a preposition (美国表示, the U.S. said)."""
        mention = self.mentions[index]
        if mention.label != LOC:
            return True
        preposition = _ZH_PLACE_PREPOSITION if lang == "zh" else _EN_PLACE_PREPOSITION
        if preposition.search(self.text, max(0, mention.start - 12), mention.start):
            return False
        return self._gap_ok(self.text[mention.end : cue], lang, weak=True)

    def speaker_before(self, cue: int, sentence_start: int, lang: str, weak: bool) -> _Speaker | None:
        """X 表示 / X said: an unnamed source, else the nearest mention, else a role word before the cue; a
        common noun for an organisation (the automaker said, 公司公告称) stands for the one its sentence names."""
        speaker = self._speaker_before(cue, sentence_start, lang, weak)
        if speaker is not None and speaker[0] is None and self.words.org_head.match(self.text, speaker[1]):
            antecedent = self._antecedent(sentence_start, speaker[1])
            if antecedent is not None:
                return (antecedent, speaker[1], speaker[2])
        return speaker

    def _antecedent(self, sentence_start: int, limit: int) -> int | None:
        """The organisation a later 'the company' / 该公司 refers to: the first ORG mention of the sentence
        before ``limit`` that is not a prepositional object (orders from Airbus, 向 Scale AI 投资)."""
        for index in self.named.within(sentence_start, limit):
            mention = self.mentions[index]
            if mention.label == "ORG" and not _OBJECT_BEFORE.search(self.text, max(0, mention.start - 8), mention.start):
                return index
        return None

    def _speaker_before(self, cue: int, sentence_start: int, lang: str, weak: bool) -> _Speaker | None:
        reach = MAX_GAP_ZH + 30 if lang == "zh" else MAX_APPOSITION_EN + 40
        lo = max(sentence_start, cue - reach)
        text = self.text
        anonymous = self.words.zh_anonymous if lang == "zh" else self.words.en_anonymous
        role = self.words.zh_role if lang == "zh" else self.words.en_role

        def last_fitting(pattern):
            best = None
            for match in pattern.finditer(text, lo, cue):
                if self._gap_ok(text[match.end() : cue], lang, weak):
                    best = match
            return best

        entity = None
        pos, steps = cue, 0
        while steps < 4:  # the nearest few: an apposition puts a mention between (Stone, a Meta spokesperson, said)
            index = self.all.before(pos, lo)
            if index is None:
                break
            candidate = self._entity(index, cue, lang)
            gap = text[candidate[2] : cue]
            set_off = lang == "en" and _EN_SET_OFF.fullmatch(gap) is not None and _EN_COMMA_BEFORE.search(
                text, max(lo, self.mentions[index].start - 3), self.mentions[index].start
            ) is not None  # The team's owner, Richard May, said: the name set off by commas speaks
            aside = lang == "en" and _EN_RELATIVE_GAP.fullmatch(gap) is not None  # Tessera AI, which has …, says
            if (self._gap_ok(gap, lang, weak) and (self._may_speak(index, cue, lang) or aside)) or (set_off and not weak):
                entity = candidate
                break
            pos, steps = self.mentions[index].start, steps + 1
        unnamed = last_fitting(anonymous)
        if unnamed is not None and (entity is None or entity[2] <= unnamed.end()):
            return (None, unnamed.start(), unnamed.end())
        if entity is not None:
            at = self._role_at_before(entity[1], lo, lang)
            return (entity[0], at, entity[2]) if at is not None else entity  # economists at Wells Fargo warned
        plain = last_fitting(role)
        if plain is not None:
            return (None, self._owner_start(plain.start(), lo, lang), plain.end())
        if lang == "zh":  # 长沙市政府宣布, 该医院院长告诉记者: the short phrase that opens the clause
            if weak:
                return None  # 营收超预期, 毛利率预计为: a forecast verb needs a named speaker
            head = _ZH_CLAUSE_HEAD.search(text, lo, cue)
            if (
                head is not None and 2 <= cue - head.start("phrase") <= MAX_CLAUSE_HEAD
                and not _ZH_NOT_HEAD.match(text, head.start("phrase"))
                and text[head.start("phrase") : cue].strip() not in self.words.zh_rumours  # 传闻称: hearsay
            ):
                return (None, head.start("phrase"), cue)
            return None
        # A name the model missed (Harlow Foods announced), or a common-noun source (the tourism ministry
        # said, A Reuters tally showed), right before the cue.
        aside = _EN_APPOSITION_END.search(text, max(lo, cue - MAX_APPOSITION_EN - 2), cue)
        ends = (cue,) if aside is None else (cue, aside.start())  # Skyline Pacific, which operates 340 aircraft, said
        for end in ends:
            for pattern in (_EN_NAME_BEFORE, _EN_NOUN_PHRASE_BEFORE) if not weak or _EN_DOCUMENT_CUE.match(text, cue) else ():
                found = pattern.search(text, max(lo, end - MAX_REGION_EN), end)
                if found is not None and (end != cue or self._gap_ok(text[found.end("phrase") : cue], lang, weak)):
                    return (None, found.start("phrase"), found.end("phrase"))
        return None

    def _role_at_before(self, start: int, floor: int, lang: str) -> int | None:
        """Where 'analysts at' / 'economists from' starts when it stands right before a speaker's name: the
        people of an organisation speak, with their own view (their forecasts are not its figures)."""
        if lang != "en":
            return None
        found = _EN_ROLE_AT.search(self.text, max(floor, start - 40), start)
        return found.start() if found is not None and self.words.en_role.fullmatch(found.group("role")) else None

    def _owner_start(self, start: int, floor: int, lang: str) -> int:
        """Where a role or document word's owner starts: 乘联会数据, 普华永道报告, LSEG data (the words
        glued before it in its clause); ``start`` itself when there is none."""
        pattern = _ZH_OWNER if lang == "zh" else _EN_OWNER
        found = pattern.search(self.text, max(floor, start - MAX_CLAUSE_HEAD), start)
        return found.start() if found is not None and found.end() == start else start

    def speaker_in(self, lo: int, hi: int, lang: str, *, from_end: bool, whole: bool) -> _Speaker | None:
        """The speaker inside a delimited region (据 X, according to X, 援引 Y, said X)."""
        text = self.text
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo >= hi:
            return None
        anonymous = self.words.zh_anonymous if lang == "zh" else self.words.en_anonymous
        role = self.words.zh_role if lang == "zh" else self.words.en_role

        def pick(pattern):
            matches = list(pattern.finditer(text, lo, hi))
            return (matches[-1] if from_end else matches[0]) if matches else None

        def nearest(pool):
            return pool.before(hi, lo) if from_end else pool.after(lo, hi)

        unnamed = pick(anonymous)
        named = nearest(self.named)
        if unnamed is not None:
            m = None if named is None else self.mentions[named]
            if m is None or (m.end <= unnamed.end() if from_end else m.start >= unnamed.start()):
                return (None, lo, hi) if whole else (None, unnamed.start(), unnamed.end())
        if named is not None:
            return self._entity(named, hi, lang)
        plain = pick(role)
        if plain is not None:
            return (None, lo, hi) if whole else (None, self._owner_start(plain.start(), lo, lang), plain.end())
        if lang == "en" and not from_end and len(text[lo:hi].split()) <= MAX_REGION_WORDS:
            return (None, lo, hi)  # according to an annual count: the source as written
        if lang == "zh" and whole and hi - lo <= MAX_REGION_AS_WRITTEN and not _ZH_NOT_A_SOURCE.match(text, lo):
            return (None, lo, hi)  # 据第一财经报道: a name the entity model missed, as written
        place = nearest(self.places)
        return self._entity(place, hi, lang) if place is not None else None

    # Cues --------------------------------------------------------------------------------------------

    def _sentence(self, offset: int) -> tuple[int, int, int] | None:
        index = self.analysis.sentence_at(offset)
        if index is None or self.analysis.is_boilerplate(index):
            return None
        if self.wanted is not None and index not in self.wanted:
            return None
        start, end = self.analysis.sentences[index]
        return index, start, end

    def cues(self, wanted: frozenset | None = None) -> dict[int, list[_Cue]]:
        """The cues of every sentence, or of the sentences in ``wanted`` only (the others are left out).

        A cue's reading never leaves its sentence (a 据 phrase ends at its sentence's end), so the cues of
        a sentence are the same whichever other sentences are read."""
        self.wanted = wanted
        found: list[tuple[int, _Cue]] = []
        lang = self.analysis.lang
        if lang in ("zh", "mixed"):
            found += self._zh_cues()
        if lang in ("en", "mixed"):
            found += self._en_cues()
        by_sentence: dict[int, list[_Cue]] = {}
        for index, cue in found:
            by_sentence.setdefault(index, []).append(cue)
        for cues in by_sentence.values():
            cues.sort(key=lambda cue: cue.at)
        return by_sentence

    def _cue(self, at: int, speaker: _Speaker, cue_start: int, cue_end: int, words: str) -> _Cue:
        index, start, end = speaker
        return _Cue(at, AttributionLink(index, start, end, words), min(start, cue_start), max(end, cue_end))

    def _zh_cues(self) -> list[tuple[int, _Cue]]:
        text, words = self.text, self.words
        found: list[tuple[int, _Cue]] = []
        taken: list[tuple[int, int]] = []  # 据 phrases, in text order: their cue words are not read again
        for match in words.zh_according.finditer(text):
            where = self._sentence(match.start())
            if where is None:
                continue
            index, _, sentence_end = where
            limit = min(sentence_end, match.end() + MAX_REGION)
            stop = _ZH_REGION_END.search(text, match.end(), limit)
            limit = stop.start() if stop else limit
            title = _ZH_TITLE.match(text, match.end(), limit)
            if title is not None:  # 据《财新》报道, 据《21 世纪经济报道》，: the publication named, whatever follows
                taken.append((match.start(), title.end()))
                speaker = self.speaker_in(title.start(1), title.end(1), "zh", from_end=True, whole=True)
                speaker = speaker or (None, title.start(1), title.end(1))
                found.append((index, self._cue(match.start(), speaker, match.start(), title.end(), f"{match.group()}…")))
                continue
            in_names = self.all.covers  # 统计 in 国家统计局 is part of the source's name
            words_after = words.zh_according_cue.finditer(text, match.end(), limit)
            word = next((w for w in words_after if not in_names(w.start())), None)
            if word is None:
                continue  # 据悉, 据了解: no source named
            end = word.end()
            if word.group() in words.zh_cite:  # 据 X 援引 Y (报道): Y said it
                after = words.zh_according_cue.search(text, word.end(), limit)
                y_end = after.start() if after else limit
                end = after.end() if after else limit
                speaker = self.speaker_in(word.end(), y_end, "zh", from_end=False, whole=False)
                speaker = speaker or self.speaker_in(match.end(), word.start(), "zh", from_end=True, whole=True)
            else:
                speaker = self.speaker_in(match.end(), word.start(), "zh", from_end=True, whole=True)
            taken.append((match.start(), end))
            if speaker is not None:
                cue_words = f"{match.group()}…{word.group()}"
                found.append((index, self._cue(match.start(), speaker, match.start(), end, cue_words)))
        taken_starts = [start for start, _ in taken]
        for match in words.zh_cue.finditer(text):
            where = self._sentence(match.start())
            if where is None:
                continue
            k = bisect.bisect_right(taken_starts, match.start()) - 1
            if (k >= 0 and match.start() < taken[k][1]) or self.all.covers(match.start()):
                continue  # read already as part of 据 X 报道, or part of a name
            index, sentence_start, sentence_end = where
            cue = match.group()
            speaker = None
            if cue in words.zh_cite:  # X 援引 Y: Y
                stop = _ZH_REGION_END.search(text, match.end(), min(sentence_end, match.end() + MAX_REGION))
                hi = stop.start() if stop else min(sentence_end, match.end() + MAX_REGION)
                after = words.zh_according_cue.search(text, match.end(), hi)
                hi = after.start() if after else hi
                speaker = self.speaker_in(match.end(), hi, "zh", from_end=False, whole=False)
            if speaker is None:
                speaker = self.speaker_before(match.start(), sentence_start, "zh", cue in words.zh_weak)
            if speaker is not None:
                found.append((index, self._cue(match.start(), speaker, match.start(), match.end(), cue)))
        return found

    def _en_region_end(self, start: int, sentence_end: int) -> int:
        limit = min(sentence_end, start + MAX_REGION_EN)
        stop = _EN_REGION_END.search(self.text, start, limit)
        return stop.start() if stop else limit

    def _en_cues(self) -> list[tuple[int, _Cue]]:
        text, words = self.text, self.words
        found: list[tuple[int, _Cue]] = []
        taken: list[tuple[int, int]] = []
        for match in words.en_according.finditer(text):
            where = self._sentence(match.start())
            if where is None:
                continue
            index, _, sentence_end = where
            hi = self._en_region_end(match.end(), sentence_end)
            relayed = _EN_RELAYED_BY.search(text, match.end(), hi)
            taken.append((match.start(), hi))
            hi = relayed.start() if relayed is not None else hi  # a memo seen by Reuters: the memo says it
            speaker = self.speaker_in(match.end(), hi, "en", from_end=False, whole=False)
            if speaker is not None:
                found.append((index, self._cue(match.start(), speaker, match.start(), match.end(), match.group())))
        taken_starts = [start for start, _ in taken]
        for match in words.en_cue.finditer(text):
            where = self._sentence(match.start())
            if where is None:
                continue
            k = bisect.bisect_right(taken_starts, match.start()) - 1
            if (k >= 0 and match.start() < taken[k][1]) or self.all.covers(match.start()):
                continue
            index, sentence_start, sentence_end = where
            before = text[max(sentence_start, match.start() - 12) : match.start()]
            if _EN_BE_BEFORE.search(before):
                continue  # is expected, was reported: no one is speaking
            cue = match.group()
            speaker = None
            if cue.lower() not in words.en_speech_only or _EN_SPEECH_AFTER.match(text, match.end(), sentence_end):
                speaker = self.speaker_before(match.start(), sentence_start, "en", cue.lower() in words.en_weak)
            if speaker is None and cue.lower() in words.en_inverted:
                head = text[sentence_start : match.start()]
                if not head.strip() or _EN_INVERTED_BEFORE.search(head):  # "…," said Jane Doe
                    hi = self._en_region_end(match.end(), sentence_end)
                    speaker = self.speaker_in(match.end(), hi, "en", from_end=False, whole=False)
                    if speaker is not None and not _EN_INVERTED_GAP.fullmatch(text, match.end(), speaker[1]):
                        speaker = None  # …, says its software is used by the Fortune 500: no speaker follows
            if speaker is not None:
                found.append((index, self._cue(match.start(), speaker, match.start(), match.end(), cue)))
        return found

    # Quotations --------------------------------------------------------------------------------------

    def _is_quotation(self, start: int, end: int) -> bool:
        body = self.text[start:end].strip().rstrip("。.!！?？ ")
        return len(body) >= 2 and body[0] in _QUOTE_OPEN and body[-1] in _QUOTE_CLOSE

    def borrowed(self, index: int, cues: dict[int, list[_Cue]]) -> _Cue | None:
        """The cue of the speaker tag next to a sentence that is all quotation (“……。” 该人士说。)."""
        sentences = self.analysis.sentences
        if not self._is_quotation(*sentences[index]):
            return None
        following = cues.get(index + 1)
        if following:
            start, end = sentences[index + 1]
            rest = self.text[following[-1].hi : end].strip(" \t。.!！,，")
            if end - start <= MAX_TAG_SENTENCE and not rest:
                return following[-1]
        preceding = cues.get(index - 1)
        if preceding:
            _, end = sentences[index - 1]
            if self.text[preceding[-1].hi : end].strip() in (":", "：", ",", "，"):
                return preceding[-1]
        return None

    # Subject -----------------------------------------------------------------------------------------

    def excluded(self, cue: _Cue) -> frozenset:
        """The speaker, its parenthetical aliases and every mention inside the attribution phrase."""
        ids = set(self.all.within(cue.lo, cue.hi))
        speaker = cue.link.speaker
        if speaker is not None:
            ids.add(speaker)
            ids.update(getattr(self.mentions[speaker], "aliases", ()) or ())
        return frozenset(ids)

    def subject(self, claim: "Candidate", sentence: tuple[int, int], clause: tuple[int, int], cue: _Cue | None,
                excluded: frozenset) -> int | None:
        """The mention a claim is about (see the module docstring, **Subject**)."""
        speaker = cue.link.speaker if cue is not None else None
        if cue is not None and cue.lo < clause[1] and clause[0] < cue.hi and cue.lo < claim.start:
            # The attribution phrase opens the claim's clause (Meta 预计明年资本开支为…, Lumora, a start-up,
            # said on Wednesday …): the speaker is also what the clause is about. A tag after the claim
            # (…, economists at Wells Fargo warned) keeps its names out.
            # …but a reporter of others' figures stays out (the Ministry of Health said 1,284 cases…, A Reuters
            # tally showed), and so do the people of an organisation (economists at Wells Fargo expect)
            excluded = frozenset(
                i for i in excluded if self._reports_others(i) or (i == speaker and not self._speaks_for_itself(cue))
                and cue.link.start < self.mentions[i].start
            )
        text = self.text

        def is_object(index: int) -> bool:  # 向 Scale AI 投资, led by Arclight Partners: not what the claim is about
            mention = self.mentions[index]
            if _TOPIC_AFTER.match(text, mention.end):
                return False  # 对 Meta 来说: Meta is the topic
            if _EN_ASIDE_BEFORE.search(text, max(sentence[0], mention.start - 60), mention.start):
                return True  # whose brands include Sunny Oats: an aside about another name
            if _ZH_DISPOSAL_BEFORE.search(text, max(0, mention.start - 3), mention.start) and _ZH_OWNS_AFTER.match(text, mention.end):
                return False  # 将阿里巴巴的目标价上调, 把 PS5 的售价上调: the measure is that name's
            return _OBJECT_BEFORE.search(text, max(0, mention.start - 8), mention.start) is not None

        found = self.named.before(claim.start, clause[0], excluded)
        if found is not None and is_object(found):
            earlier = self.named.before(self.mentions[found].start, clause[0], excluded)
            found = earlier if earlier is not None else found
        if found is None:
            after = self.named.after(claim.end, clause[1], excluded)
            found = after if after is not None and not is_object(after) else None
        if found is None:  # 中国今年 GDP, U.S. retail sales (not 在澳大利亚投资, 位于成都的工作室: a setting)
            place = self.places.before(claim.start, clause[0], excluded)
            found = place if place is not None and not is_object(place) else None
        if found is None and speaker is not None and speaker in excluded and self._speaks_for_itself(cue):
            found = speaker  # 英伟达表示，第三季度营收… (not 据新华社报道, 瑞银预计, 国家统计局表示)
        if found is None:
            found = self._topic(sentence, claim.start, excluded, is_object)
        if found is None and claim.kind == "date":  # 2026年第一季度，OpenAI …: a date opening the sentence
            found = self.named.after(claim.end, sentence[1], excluded)
        if found is None:
            place = self.places.before(claim.start, sentence[0], excluded)
            found = place if place is not None and not is_object(place) else None
        if found is None:
            return None
        found = self._employer(found)
        if found == speaker and self.mentions[found].label == "PERSON" and cue.link.end == self.mentions[found].end:
            # (a role after the name, JPMorgan's chief executive, makes the name an employer whatever its label)
            # A person reporting a figure (Linda May said revenue at Harlow Foods rose 8%, 雷军在微博上说) is
            # its source, not what it measures; an officer speaking for a company was mapped to it above.
            return None
        return found

    def _employer(self, index: int) -> int:
        """A person named with the title of a company's officer (Meta 首席执行官马克 · 扎克伯格, Vellum Audio
        chief executive Priya Raman, JPMorgan's CEO) speaks for the company: its figures are the company's."""
        mention = self.mentions[index]
        if mention.label != "PERSON":
            return index
        company = self.named.before(mention.start, max(0, mention.start - MAX_TITLE_GAP))
        if company is None or self.mentions[company].label != "ORG":
            return index
        between = self.text[self.mentions[company].end : mention.start]
        return company if _TITLE.fullmatch(between) else index

    def _topic(self, sentence, limit: int, excluded: frozenset, is_object) -> int | None:
        """The sentence's first named mention before ``limit`` that is neither in the attribution phrase nor
        a prepositional object: what a clause without a name of its own is about (阿联酋航空宣布订购…，交易价值…)."""
        for index in self.named.within(sentence[0], limit):
            if index not in excluded and not is_object(index):
                return index
        return None

    def _reports_others(self, speaker: int) -> bool:
        """A name that reports others' figures (media, agencies, statistics offices, rating agencies)."""
        mention = self.mentions[speaker]
        return self.words.reporters.search(self.text, mention.start, mention.end) is not None

    def _speaks_for_itself(self, cue: _Cue) -> bool:
        """Can the speaker be what its figures are about? Not a forecast of others (预计, expects), not a 据 /
        according-to source, not a name that reports others' figures (media, agencies, data providers)."""
        words = self.words
        if cue.link.cue in words.zh_weak or cue.link.cue.lower() in words.en_weak or "…" in cue.link.cue:
            return False
        if cue.link.cue.lower().startswith("according"):
            return False
        mention = self.mentions[cue.link.speaker]
        if cue.link.start < mention.start and _EN_ROLE_AT.search(self.text, cue.link.start, mention.start):
            return False  # economists at Wells Fargo: their view, not the bank's figures
        return words.reporters.search(self.text[mention.start : mention.end]) is None


def link_claims(
    analysis: "Analysis", candidates: Sequence["Candidate"], mentions: Sequence["Mention"]
) -> list[tuple[int | None, AttributionLink | None]]:
    """For each candidate, in order: (index into ``mentions`` of its subject, its attribution), either None."""
    if not candidates:
        return []
    linker = _Linker(analysis, mentions)
    # Cues matter in the sentences of the claims and their neighbours (a quotation borrows the cue of the
    # sentence next to it): only those are read.
    wanted = set()
    for claim in candidates:
        index = analysis.sentence_at(claim.start)
        if index is not None:
            wanted.update((index - 1, index, index + 1))
    cues = linker.cues(frozenset(wanted))
    cue_starts = {index: [cue.at for cue in found] for index, found in cues.items()}
    borrowed: dict[int, _Cue | None] = {}
    excluded: dict[int, frozenset] = {}  # id(cue) -> mentions passed over as subject
    # Subjects are mentions: with none (claims only), every subject is None and no clause is needed.
    breaks = [match.span() for match in _CLAUSE_BREAK.finditer(analysis.text)] if mentions else []
    results: list[tuple[int | None, AttributionLink | None]] = []
    for claim in candidates:
        index = analysis.sentence_at(claim.start)
        if index is None:
            results.append((None, None))
            continue
        sentence = analysis.sentences[index]
        if not mentions:
            if index in cues:
                j = bisect.bisect_left(cue_starts[index], claim.start)
                cue = _governing(cues[index], j, linker.words)
                cue = None if _inside_phrase(cue, claim) else cue
            else:
                if index not in borrowed:
                    borrowed[index] = linker.borrowed(index, cues)
                cue = borrowed[index]
            results.append((None, cue.link if cue is not None else None))
            continue
        clause = _clause(breaks, claim, sentence)
        if index in cues:
            j = bisect.bisect_left(cue_starts[index], claim.start)
            cue = _governing(cues[index], j, linker.words)
            if _inside_phrase(cue, claim):
                results.append((linker.subject(claim, sentence, clause, None, frozenset()), None))
                continue
            if id(cue) not in excluded:
                excluded[id(cue)] = linker.excluded(cue)
            subject = linker.subject(claim, sentence, clause, cue, excluded[id(cue)])
        else:
            if index not in borrowed:
                borrowed[index] = linker.borrowed(index, cues)
            cue = borrowed[index]
            # A borrowed speaker stands in the next or previous sentence: never this claim's subject.
            subject = linker.subject(claim, sentence, clause, None, frozenset())
        results.append((subject, cue.link if cue is not None else None))
    return results


def _inside_phrase(cue: _Cue, claim: "Candidate") -> bool:
    """The claim stands inside the attribution phrase, before its cue words (Skyline Pacific, which operates
    340 aircraft, said): background on the speaker, not what the speaker said."""
    return cue.lo <= claim.start and claim.end <= cue.at


def _governing(cues: list[_Cue], j: int, words: _Words) -> _Cue:
    """The cue governing a claim whose sentence's cues before it are ``cues[:j]``: the nearest before it, else
    the first after it; a forecast verb (预计, expects) gives way to a reporting cue before it in the sentence
    (据彭博社报道，Meta 预计…; JPMorgan's chief executive said the bank expects …): that is the source."""
    cue = cues[j - 1] if j > 0 else cues[0]
    if cue.link.cue in words.zh_weak or cue.link.cue.lower() in words.en_weak:
        for earlier in reversed(cues[: max(j - 1, 0)]):
            if earlier.link.cue not in words.zh_weak and earlier.link.cue.lower() not in words.en_weak:
                return earlier
    return cue


def _clause(breaks: list[tuple[int, int]], claim: "Candidate", sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause holding the claim: from the break before it to the break after it, within the sentence.
    ``breaks`` are the (start, end) of every clause break of the text, found once."""
    j = bisect.bisect_right(breaks, (claim.start, claim.start)) - 1
    while j >= 0 and breaks[j][1] > claim.start:  # a break inside the claim's own span does not count
        j -= 1
    start = max(sentence[0], breaks[j][1]) if j >= 0 else sentence[0]
    k = bisect.bisect_left(breaks, (claim.end, claim.end))
    end = min(sentence[1], breaks[k][0]) if k < len(breaks) else sentence[1]
    return start, end
