"""Finding entity mentions: the trained model first, then the rules a model cannot learn from the corpora.

Order of work on the normalised text of the content sentences:

1. the language's spaCy pipeline (``model.py``) tags PERSON / ORG / LOC / PRODUCT; Chinese text is
   read through the traditional -> simplified table first (``text/variants.py``, same length);
2. in Chinese text, Latin-script names are checked against the bundled lexicon and against Chinese
   context cues (``创始人 X`` is a person, ``X 公司`` an organisation, ``X 模型`` a product): no
   corpus teaches the types of Latin names inside Chinese, so the model alone types them poorly;
   Latin pieces one space apart become one name (``Core`` + ``Scientific``); Chinese organisation
   names the tagger cut short are completed (``北京`` + ``迈`` + ``迪卡科技有限公司``), and so are
   surnames tagged alone before a given name (``吴`` + ``重阳，``); a handle that is a Chinese name
   (``@段钢:``) is a person;
3. a product name takes its version with it (``Llama`` + `` 4``, ``Claude`` + `` Opus 4.5``);
4. a name split by a stray middle dot (``彭博·社``) is joined when the joined name is in the lexicon,
   two person pieces around a name dot always (``萨蒂亚 • 纳德拉``); curated Chinese names of three or
   more characters that the model missed are added (``英伟达`` before ``股价``);
5. the user's lexicon, when one is given (``user_lexicon.py``): its names are found with their labels
   and replace what they overlap, and its suppressed phrases drop the mentions inside them;
6. parenthetical aliases (``汪滔 ( Alexandr Wang )``, ``超级智能实验室(Superintelligence Labs,MSL)``)
   become mentions of their own, linked to the name they follow.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from extractor.entities.lexicon import Lexicon, compact, load_lexicon
from extractor.text.segment import word_frequency
from extractor.text.variants import to_simplified

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")
_HAN_ONLY = re.compile(f"[{HAN}]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
CHUNK_CHARS = 1000  # sentences are batched into model inputs of about this size


@dataclass
class Mention:
    start: int  # normalised offsets
    end: int
    label: str
    rule: str
    aliases: set[int] = field(default_factory=set)  # indices of mentions linked by a parenthesis


# --- Chinese context cues for Latin-script names ------------------------------------------------------
_PERSON_BEFORE = re.compile(
    r"(?:创始人|联合创始人|首席执行官|首席技术官|首席科学家|首席财务官|首席运营官|CEO|CTO|CFO|COO|总裁|董事长|"
    r"副总裁|总经理|总监|负责人|分析师|研究员|科学家|工程师|经济学家|教授|主席|发言人|记者|主播|作者|部长|议员|"
    r"先生|女士)\s*$"
)
_PERSON_AFTER = re.compile(r"^\s*(?:表示|指出|认为|称|说|透露|写道|先生|女士|教授|博士)")
_ORG_AFTER = re.compile(
    r"^\s*(?:公司|集团|银行|资本|基金|证券|控股|实验室|研究院|研究所|大学|学院|团队|旗下|股价|股票|市值|"
    r"财报|董事会|首席|创始人|联合创始人|CEO|发言人|分析师|官方|总部|的股价|的市值|的财报|的创始人|的首席)"
)
_PRODUCT_AFTER = re.compile(r"^\s*(?:大模型|模型|芯片|处理器|GPU|手机|系统|应用|App|APP|平台|眼镜|头显|游戏|软件|服务器)")
_LOC_AFTER = re.compile(r"^\s*(?:州|市|郡|县|地区|园区)")
# Words in capitals that Chinese tech news uses as ordinary words, not names.
GENERIC_LATIN_WORDS = frozenset(
    "AI AGI API APP App CEO CTO CFO COO CPU GPU TPU NPU IPO ETF PE VC IT PC OS UI ID VR AR XR MR LLM "
    "SaaS PaaS IaaS B2B B2C IoT EV SUV USB HTTP PDF OK GDP CPI PMI M2 ESG CBD KOL UP APP IP Q1 Q2 Q3 Q4 "
    "H1 H2 H100 FY A B C D E".split()
)
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&'’.\-]*(?: +[A-Za-z0-9][A-Za-z0-9&'’.\-]*)*")
# A product's version or variant after its name. Han characters count as word characters for \b,
# so the ends are lookaheads: "iPhone 17的" must still take the 17.
_END = r"(?![A-Za-z0-9])"
_VERSION = re.compile(
    rf"(?:[ -]?(?:\d+(?:\.\d+)*[A-Za-z]?{_END}|[A-Z]\d+[a-z]?{_END})"
    r"| (?:Opus|Sonnet|Haiku|Pro|Ultra|Max|Mini|mini|Flash|Turbo|Plus|Lite|Nano|Air|Instruct|Coder|Vision|"
    rf"Omni|Scout|Maverick|Behemoth|Edge|Elite|Series|Gen){_END})"
)
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_PAREN = re.compile(r"\s*[(（]\s*([^()（）\n]{1,80}?)\s*[)）]")
_ALIAS_SPLIT = re.compile(r"\s*[,，、;；/]\s*")
_ALIAS_PREFIX = re.compile(r"^(?:以下简称|下称|简称|英文名|英文|原名|又称|即)\s*[:：]?\s*")
_REMARKS = frozenset("下同 下称 化名 音译 译音 左 右 中 图 注 前排 后排 资料图".split())
_QUOTES = "\"'“”‘’「」『』《》"


def find_mentions(analysis, lang: str, user=None) -> list[Mention]:
    """Mentions in the content sentences of ``analysis`` (normalised offsets), in text order; ``user``: the
    user's lexicon (a UserLexicon), which has the last word."""
    return mentions_in(analysis.text, _chunks(analysis), lang, user)


BATCH = 32  # chunks (sentences or windows) the network reads at once


def mentions_in(text: str, chunks: list[tuple[int, int]], lang: str, user=None) -> list[Mention]:
    """Mentions inside the given (start, end) chunks of ``text``; lang "en" uses the English model."""
    from extractor.entities.model import load_pipeline, one_blas_thread

    pipeline_lang = "en" if lang == "en" else "zh"
    if pipeline_lang == "zh":
        # Same length, so offsets hold; the model, jieba and the lexicon know simplified forms.
        text = to_simplified(text)
    mentions: list[Mention] = []
    if chunks:
        nlp = load_pipeline(pipeline_lang)
        with one_blas_thread():
            if pipeline_lang == "zh":  # the network on feature arrays, no Docs (entities/zh_direct.py)
                from extractor.entities.zh_direct import direct_tagger

                tagger = direct_tagger(nlp)
                found = []
                for first in range(0, len(chunks), BATCH):
                    found += tagger.entities([text[s:e] for s, e in chunks[first : first + BATCH]])
            else:
                docs = nlp.pipe((text[s:e] for s, e in chunks), batch_size=BATCH)
                found = [[(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] for doc in docs]
            for (offset, _), spans in zip(chunks, found):
                for ent_start, ent_end, label in spans:
                    start, end = _strip(text, offset + ent_start, offset + ent_end)
                    if end > start:
                        mentions.append(Mention(start, end, label, f"ner.{pipeline_lang}.model"))
    mentions = [m for m in mentions if _plausible(text[m.start : m.end], m.label)]
    _snap_to_latin_runs(text, mentions)
    lexicon = load_lexicon()
    if pipeline_lang == "zh":
        mentions = _merge_place_into_org(text, mentions)
        mentions = _complete_org_names(text, mentions)
        _complete_lone_surnames(text, mentions)
        mentions = _named_handles(text, chunks, mentions)
        mentions = _latin_names(text, chunks, mentions, lexicon)
        mentions = _join_latin_neighbours(text, mentions)
        mentions = _join_split_names(text, mentions, lexicon)
        mentions = _join_dotted_persons(text, mentions)
        _complete_from_lexicon(text, mentions, lexicon)
        mentions = _chinese_lexicon(text, chunks, mentions, lexicon)
    else:
        mentions = _english_lexicon(text, chunks, mentions, lexicon)
        mentions = _english_institutions(text, chunks, mentions)
        _titled_persons(text, mentions)
    for mention in mentions:
        surface = text[mention.start : mention.end]
        if has_org_designator(surface) or has_institution_head(surface):
            mention.label = "ORG"
    _extend_versions(text, mentions)
    _include_title_marks(text, mentions)
    mentions = _resolve_overlaps(mentions)
    if user is not None and len(user):
        mentions = user_names(text, chunks, mentions, user)
        lexicon = user.over(lexicon)
    return _parenthetical_aliases(text, mentions, lexicon)


def user_names(text: str, chunks, mentions: list[Mention], user) -> list[Mention]:
    """The user's lexicon over everything found so far (mentions in text order, no overlaps, no aliases yet).

    A listed name replaces the mentions inside it and those running across its ends: the user knows the
    name, the model guessed. A longer mention around it stands (``星河云计算有限公司`` around a listed
    ``星河云计算``; the short form then joins it in clustering). A suppressed phrase (label NONE) drops
    the mentions inside it, and so does a mention that is itself a suppressed name in another case."""
    from extractor.entities.user_lexicon import SUPPRESS

    index = _SpanIndex(mentions)
    removed: set[int] = set()
    added = []
    for start, end, entry in user.find(text, chunks):
        clash = [m for m in index.overlapping(start, end) if id(m) not in removed]
        if entry.label == SUPPRESS:
            removed.update(id(m) for m in clash if start <= m.start and m.end <= end)
            continue
        if any(m.start <= start and end <= m.end and m.end - m.start > end - start for m in clash):
            continue
        removed.update(id(m) for m in clash)
        added.append(Mention(start, end, entry.label, "ner.user_lexicon"))
    for mention in mentions:
        entry = user.get(text[mention.start : mention.end])
        if entry is not None and entry.label == SUPPRESS:
            removed.add(id(mention))
    if not added and not removed:
        return mentions
    return sorted([m for m in mentions if id(m) not in removed] + added, key=lambda m: m.start)


def _chunks(analysis) -> list[tuple[int, int]]:
    """Runs of consecutive content sentences of about CHUNK_CHARS characters each."""
    chunks: list[tuple[int, int]] = []
    start = end = None
    for _, (s, e) in analysis.content_sentences():
        if start is not None and (s != end or e - start > CHUNK_CHARS):
            chunks.append((start, end))
            start = None
        if start is None:
            start = s
        end = e
    if start is not None:
        chunks.append((start, end))
    text = analysis.text
    return [piece for s, e in chunks if text[s:e].strip() for piece in _windows(text, s, e)]


_BREAK = re.compile(r"[\s,，;；、。!?！？:：]")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run longer than CHUNK_CHARS (one endless sentence) in pieces that end at a space or punctuation
    near the limit when there is one: memory stays bounded and spaCy's length limit is never met."""
    pieces = []
    while end - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        cut = None
        for match in _BREAK.finditer(text, limit - 200, limit):
            cut = match.end()
        cut = cut if cut and cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


_EDGE_PUNCTUATION = set(" \t\r\n\u3000“”‘’\"'「」『』《》〈〉()（）[]【】<>,，。、;；:：!！?？")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """A name never starts or ends with a space or a quotation mark, bracket or stop — except a
    title in book-title marks, which keeps them (《王者荣耀》 is how CLUENER marks a game)."""
    if text[start : start + 1] == "《" and text[end - 1 : end] == "》" and "》" not in text[start : end - 1]:
        return start, end
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    return start, end


def cue_label(text: str, start: int, end: int) -> str | None:
    """The label Chinese context gives a name at text[start:end], if any."""
    before = text[max(0, start - 8) : start]
    after = text[end : end + 8]
    if _PERSON_BEFORE.search(before):
        return "PERSON"
    if _PRODUCT_AFTER.match(after):
        return "PRODUCT"
    if _ORG_AFTER.match(after):
        return "ORG"
    if _PERSON_AFTER.match(after) and " " in text[start:end].strip():
        return "PERSON"
    if _LOC_AFTER.match(after):
        return "LOC"
    return None


# Words a model tags in news that are never names by themselves.
_GENERIC = frozenset(
    "公司 集团 实验室 政府 银行 交易所 研究院 研究所 大学 中心 委员会 董事会 基金 资本 团队 平台 部门 总部 "
    "本公司 该公司 这家公司 子公司 母公司 资产管理公司 管理公司 投资公司 科技公司 基金公司 证券公司 信托公司 保险公司 "
    "咨询公司 数据中心 智算中心 护城河".split()
)
# One Han character is a name only as a standard abbreviation of a place (中, 美, 京, 沪) or a
# surname (李, 王); a lone character typed ORG or PRODUCT is a tagging slip.
_SURNAMES = frozenset("李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


# The one-character place abbreviations seen at least five times in the Chinese training corpora.
_PLACE_ABBREVIATIONS = frozenset(
    "中美华日京巴俄印藏以港法欧淮韩奥英亚澳青江意台德埃厄墨黄阿伊葡南加苏非罗燕塔泰菲斯朝马哈陕叙科拉津沪尼湘月"
    "粤鲁贵塞川西瑞云柬几豫比乌桂闽新地冀黎保海鄂缅晋土徽"
)


def _plausible(surface: str, label: str) -> bool:
    if surface in GENERIC_LATIN_WORDS or surface in _GENERIC:
        return False
    if len(surface) == 1 and _HAN_CHAR.match(surface):
        return (label == "LOC" and surface in _PLACE_ABBREVIATIONS) or (label == "PERSON" and surface in _SURNAMES)
    return True


def _merge_place_into_org(text: str, mentions: list[Mention]) -> list[Mention]:
    """``上海`` + ``百润香精香料股份有限公司`` → one ORG: a Chinese organisation's name starts with its
    place (美国商务部, 兰州大学经济系). A character tagger with a narrow window often opens the place
    and the organisation separately; in the corpora's convention, and in news, it is one name."""
    merged: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.end == mention.start
            and mention.label == "ORG"
            and last.label == "LOC"
            and _HAN_CHAR.match(text[last.end - 1])
            and _HAN_CHAR.match(text[mention.start])
        ):
            last.end, last.label = mention.end, "ORG"
            continue
        merged.append(mention)
    return merged


# jieba classes of the words that make up a Chinese organisation's name around its head (北京 / 迈迪卡 /
# 科技有限公司): names, unknown words, nouns and abbreviations. Verbs, prepositions, particles,
# numbers and pronouns (任职于, 的, 一家, 该) never do.
_ORG_NAME_PARTS = frozenset("new n nz nr nrt nrfg ns nt j vn b an ng nl LOC ORG PERSON".split())
_ORG_GAP_CHARS = 4
# The generic head word that ends an organisation's full name. A mention may be extended on its right
# only to one of these words: one character (局, 部) is as often the end of an ordinary word (格局,
# 胜局) or a department (采购部) as an organisation's head.
_ORG_HEAD_WORDS = (
    "公司|集团|事务所|委员会|协会|学会|商会|联合会|基金会|中心|研究所|研究院|大学|学院|医院|银行|学校|中学|小学|"
    "指挥部|合作社|办公室|管理局|工厂"
)
_ORG_HEAD_WORD = re.compile(f"(?:{_ORG_HEAD_WORDS})$")
# Any head, one character included; only names with one are completed leftwards.
_ORG_HEAD = re.compile(f"(?:{_ORG_HEAD_WORDS}|证券|[厂站局处科室部所院社行])$")
# Characters that open a clause or a date, not a name, when jieba glues them to an unknown word
# (据易联公司, 5月华油…公司).
_CLAUSE_OPENERS = frozenset("的在于对据由向与和及或为被将把从自是了任就职等至到经曾现原即年月")
# Between a place and an organisation, another place or a person's role means two names, not one
# (美国 参议员 新华社): the corpora keep each place on its own.
_NOT_IN_ORG_GAP = re.compile(r"[员人者家长官士师]$")


def _complete_org_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Chinese organisation names the tagger cut short: ``迪卡科技有限公司`` after ``北京迈``.

    A character tagger with a narrow window often opens a long name at its generic part, or stops
    before its head. Measured on the dev sets (``benchmarks/ner_accuracy.py``), this step took Resume
    from 0.794 to 0.810 and MSRA from 0.890 to 0.893. An ORG mention

    * ending in a head (公司, 研究所, 局) starts at the start of the jieba word its first character
      sits in (``迈迪卡``), when that word is name-like (see ``_ORG_NAME_PARTS``);
    * not ending in one takes a head word up to four characters on (``路村咨询`` + ``策划公司``);
    * with a head joins the place or head-less organisation right before it, or one to four
      name-like characters before it (``东莞`` + ``首道`` + ``超净技术有限公司``). In the corpora's
      convention and in news, the whole is one name.
    """
    from extractor.entities.zh_tokens import word_classes
    from extractor.text.segment import segment

    classes = word_classes()

    def name_like(start: int, end: int, gap: bool = False) -> bool:
        if text[start] in _CLAUSE_OPENERS or (start > 0 and text[start - 1].isdigit()):
            return False
        for s, e in segment(text[start:end]):
            word = text[start + s : start + e]
            kind = classes.get(word, "new")
            if not _HAN_ONLY.fullmatch(word) or kind not in _ORG_NAME_PARTS:
                return False
            if gap and (kind in ("ns", "LOC") or _NOT_IN_ORG_GAP.search(word)):
                return False
        return True

    def starts_with_place(mention: Mention) -> bool:
        """泰安市泰山区国税局 already names its place: a place before it (山东) stays a place of its own."""
        words = segment(text[mention.start : mention.end])
        return bool(words) and classes.get(text[mention.start : mention.start + words[0][1]]) in ("ns", "LOC")

    def word_ends_at(end: int) -> bool:
        low = max(0, end - 6)
        return not any(low + s < end < low + e for s, e in segment(text[low : end + 4]))

    def open_earlier(mention: Mention, floor: int) -> None:
        window = max(floor, mention.start - 8)
        for match in _BREAK.finditer(text, window, mention.start):
            window = match.end()
        for s, e in segment(text[window : mention.end]):
            s, e = s + window, e + window
            if s < mention.start < e and name_like(s, e):
                mention.start, mention.rule = s, "ner.zh.org_completed"
                return

    def close_later(mention: Mention, limit: int) -> None:
        for end in range(min(limit, mention.end + _ORG_GAP_CHARS), mention.end, -1):
            if (
                _HAN_ONLY.fullmatch(text[mention.end : end])
                and _ORG_HEAD_WORD.search(text[mention.start : end])
                and name_like(mention.end, end)
                and word_ends_at(end)
            ):
                mention.end, mention.rule = end, "ner.zh.org_completed"
                return

    done: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for i, mention in enumerate(ordered):
        previous = done[-1] if done else None
        if mention.label != "ORG" or not _HAN_CHAR.match(text[mention.start]) or not _HAN_CHAR.match(text[mention.end - 1]):
            done.append(mention)
            continue
        if _ORG_HEAD.search(text[mention.start : mention.end]):
            open_earlier(mention, previous.end if previous else 0)
        else:
            close_later(mention, ordered[i + 1].start if i + 1 < len(ordered) else len(text))
        if (
            previous is not None
            and previous.label in ("LOC", "ORG")
            and _HAN_CHAR.match(text[previous.end - 1])
            and _ORG_HEAD.search(text[mention.start : mention.end])
            and not _ORG_HEAD.search(text[previous.start : previous.end])
        ):
            gap = mention.start - previous.end
            if (gap == 0 and not starts_with_place(mention)) or (
                0 < gap <= _ORG_GAP_CHARS and name_like(previous.end, mention.start, gap=True)
            ):
                previous.end, previous.label, previous.rule = mention.end, "ORG", "ner.zh.org_completed"
                continue
        done.append(mention)
    return done


# What follows a person's full name: a stop, a bracket, a title or a reporting verb.
_AFTER_FULL_NAME = re.compile(r"[，,、。；;：:（(\s]|先生|女士|同志|教授|博士|等人|一同|分别|表示|指出|认为|说")
# A surname followed by a title or a kinship word is how Chinese names a known person (刘老师,
# 毛主席, 唐老板); the corpora label the surname alone there.
_TITLE_AFTER_SURNAME = re.compile(
    r"老师|老板|主席|总理|书记|部长|局长|厅长|省长|市长|县长|校长|院长|厂长|所长|队长|科长|处长|主任|经理|董事|"
    r"总|工|师傅|医生|大夫|教授|博士|律师|记者|警官|同学|老|小|姐|哥|叔|婶|姨|嫂|伯|爷|奶|妈|爸"
)


def _complete_lone_surnames(text: str, mentions: list[Mention]) -> None:
    """A PERSON mention that is a surname alone (``吴`` of ``吴重阳，中国国籍``) takes the one or two
    Han characters after it when a stop, a title or a reporting verb closes them: the tagger opened
    the name and lost it, and a surname alone is a name only before such a word (``姜先生``)."""
    starts = sorted(m.start for m in mentions)
    for mention in mentions:
        if mention.label != "PERSON" or mention.end - mention.start != 1 or text[mention.start] not in _SURNAMES:
            continue
        following = starts[bisect.bisect_right(starts, mention.start)] if mention.start < starts[-1] else len(text)
        for size in (2, 1):
            end = mention.end + size
            given = text[mention.end : end]
            if (
                end <= following
                and _HAN_ONLY.fullmatch(given)
                and given[0] not in _CLAUSE_OPENERS
                and not _AFTER_FULL_NAME.match(given)
                and not _TITLE_AFTER_SURNAME.match(given)
                and _AFTER_FULL_NAME.match(text, end)
            ):
                mention.end, mention.rule = end, "ner.zh.surname_completed"
                break


# A social-media handle that is a Chinese personal name: @ + surname + one or two characters, closed
# by a colon, a space, another handle or a stop (``//@段钢:``). In Weibo NER's training split, 18 of
# the 19 such handles are labelled as people; handles that are not names (@一只踢足球的袜子) do not
# start with a surname or run longer.
_NAMED_HANDLE = re.compile(rf"@([{HAN}]{{2,3}})(?=[:：\s@/，,。！!]|$)")


def _named_handles(text: str, chunks, mentions: list[Mention]) -> list[Mention]:
    found = [
        Mention(match.start(1), match.end(1), "PERSON", "ner.zh.handle")
        for chunk_start, chunk_end in chunks
        for match in _NAMED_HANDLE.finditer(text, chunk_start, chunk_end)
        if match.group(1)[0] in _SURNAMES
    ]
    return _take_spans(mentions, found)


def _take_spans(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """Each found mention replaces the mentions inside its span (pieces of the name, or the name
    mistyped), unless a mention runs across one of its ends: the model read it as part of something
    longer, and that reading stands."""
    index = _SpanIndex(mentions)
    removed: set[int] = set()
    taken = []
    for mention in found:
        inside = index.overlapping(mention.start, mention.end)
        if any(m.start < mention.start or m.end > mention.end for m in inside):
            continue
        removed.update(id(m) for m in inside)
        taken.append(mention)
    if not taken:
        return mentions
    return sorted([m for m in mentions if id(m) not in removed] + taken, key=lambda m: m.start)


# The last word of a company's Latin-script name that says it is one: Redfield Partners, Lumora AI Inc.
_ORG_DESIGNATOR = re.compile(
    r"\s(?:Inc|Corp|Corporation|Co|Ltd|Limited|LLC|LLP|PLC|plc|AG|GmbH|Group|Holdings|Partners|Capital|Bank|"
    r"Technologies|Labs|Laboratories|Ventures|Securities|Investments|Associates|Airlines|Motors)\.?$"
)


def has_org_designator(surface: str) -> bool:
    return bool(_ORG_DESIGNATOR.search(surface)) and not _HAN_CHAR.search(surface)


# The last word of a Latin-script name that makes it an institution: the model often calls
# ``Connecticut Lottery`` or ``State Railway of Thailand`` a place from their first words. Measured
# with benchmarks/ner_accuracy.py: wikigold 0.641 -> 0.665, redocred 0.693 -> 0.696, uner_en 0.611 ->
# 0.615, the others unchanged. Union (Soviet Union), Court (Hampton Court), Office and Church name
# places as often, and are left out.
_INSTITUTION_HEADS = (
    "University|College|School|Institute|Academy|Railway|Railways|Lottery|Council|Committee|Association|"
    "Society|Party|Army|Regiment|Brigade|Division|Corps|Ministry|Department|Agency|Commission|Federation|League|"
    "Club|Foundation|Trust|Hospital|Orchestra|Records|Press|Company|Team|Navy|Board|Authority|Assembly|"
    "Parliament|Senate|Congress"
)
# ... Lottery, or University of Chicago / Ministry for Foreign Affairs.
_INSTITUTION_HEAD = re.compile(rf"\s(?:{_INSTITUTION_HEADS})$|(?:^|\s)(?:{_INSTITUTION_HEADS}) (?:of|for) [A-Z][^()]*$")


def has_institution_head(surface: str) -> bool:
    return bool(_INSTITUTION_HEAD.search(surface)) and not _HAN_CHAR.search(surface)


def _snap_to_latin_runs(text: str, mentions: list[Mention]) -> None:
    """A mention never starts or ends inside a Latin/digit run: ``GB`` of ``GB300`` becomes ``GB300``."""
    for mention in mentions:
        if mention.start > 0 and _is_alnum(text[mention.start - 1]) and _is_alnum(text[mention.start]):
            while mention.start > 0 and _is_alnum(text[mention.start - 1]):
                mention.start -= 1
        if mention.end < len(text) and _is_alnum(text[mention.end]) and _is_alnum(text[mention.end - 1]):
            while mention.end < len(text) and _is_alnum(text[mention.end]):
                mention.end += 1


def _is_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _is_latin(text: str) -> bool:
    return bool(_LATIN_LETTER.search(text)) and not _HAN_CHAR.search(text)


class _SpanIndex:
    """Which of a list of mentions overlap a span, by bisection: every check against all the mentions
    of a document would make long documents quadratic. Mentions are kept sorted by start; they rarely
    overlap each other, and the backward walk stops at the first one that ends before the span."""

    def __init__(self, mentions=()):
        self.items = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.items]

    def add(self, mention: Mention) -> None:
        i = bisect.bisect_right(self.starts, mention.start)
        self.starts.insert(i, mention.start)
        self.items.insert(i, mention)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        found = []
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0 and self.items[i].end > start:
            found.append(self.items[i])
            i -= 1
        return found


def _lexicon_matches(text: str, runs, lexicon: Lexicon, rule: str) -> list[tuple[Mention, object]]:
    """Longest lexicon names inside each run of Latin words, left to right, with their entries."""
    found = []
    for run in runs:
        words = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\S+", run.group())]
        i = 0
        while i < len(words):
            matched = None
            for j in range(min(len(words), i + lexicon.max_latin_words), i, -1):
                start, end = words[i][0], words[j - 1][1]
                end = _trim_punct(text, start, end)
                form = text[start:end]
                entry = lexicon.latin_forms.get(form) or (lexicon.get(form) if len(form) >= 4 else None)
                # A CC-CEDICT name only counts when it is the whole run: that lexicon is large and
                # knows many surnames as places (Mandal), which must not cut "Rhea Mandal" in two.
                partial = i > 0 or j < len(words)
                if entry and form not in GENERIC_LATIN_WORDS and not (partial and entry.source != "curated"):
                    matched = (Mention(start, end, entry.label, rule), entry)
                    i = j
                    break
            if matched:
                found.append(matched)
            else:
                i += 1
    return found


# English: runs of capitalised words, allowing the lower-case joints of names (Bank of America).
# A word keeps its stop only as an initial or abbreviation (C., Dr., U.S.), so that a run ends with its
# sentence ("... Conference. The ...").
_CAPITALISED_WORD = r"(?:[A-Z](?:\.[A-Z])*\.|[A-Z][a-z]{0,2}\.|[A-Z][\w&'’\-]*)"
_CAPITALISED_RUN = re.compile(rf"{_CAPITALISED_WORD}(?:(?: (?:of|the|de|for|and|&))? {_CAPITALISED_WORD})*")


def _english_lexicon(text: str, chunks, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Names the lexicon knows, in English text: the model's type is corrected by the curated list,
    and a known name it missed is added."""
    runs = [run for start, end in chunks for run in _CAPITALISED_RUN.finditer(text, start, end)]
    index = _SpanIndex(mentions)
    removed: set[int] = set()
    added = []
    for found, entry in _lexicon_matches(text, runs, lexicon, "ner.en.lexicon"):
        if entry.source != "curated":  # measured: CC-CEDICT's English names cost more than they add
            continue
        clash = index.overlapping(found.start, found.end)
        if not clash:
            added.append(found)
        elif all(found.start <= m.start and m.end <= found.end for m in clash):  # the curated name wins
            removed.update(id(m) for m in clash)
            added.append(found)
    return sorted([m for m in mentions if id(m) not in removed] + added, key=lambda m: m.start)


# A run of capitalised words ending in one of these is an institution's whole name. Company is left
# out: filings write "the Borrower Company", "the Parent Company" for roles, not names.
_INSTITUTION_RUN_END = re.compile(
    rf"\s(?:{_INSTITUTION_HEADS.replace('|Company|', '|')}|Center|Centre|Conference|Bureau|Service|Services)$"
)
_LEADING_ARTICLE = re.compile(r"(?:The|A|An) ")


def _english_institutions(text: str, chunks, mentions: list[Mention]) -> list[Mention]:
    """A run of capitalised words that ends in an institution's head is one ORG, whatever pieces the
    model found in it: ``George Washington`` (PERSON) + ``University Hospital``, ``West Virginia`` (LOC)
    + ``Intercollegiate Athletic Conference``. Measured with benchmarks/ner_accuracy.py (with the fixed
    capitalised-run pattern): wikigold 0.667 -> 0.692; btc, redocred, uner_en, wnut17 and sec_filings
    within 0.001."""
    found = []
    for chunk_start, chunk_end in chunks:
        for run in _CAPITALISED_RUN.finditer(text, chunk_start, chunk_end):
            start, end = run.start(), _trim_punct(text, run.start(), run.end())
            article = _LEADING_ARTICLE.match(text, start, end)
            if article:
                start = article.end()
            if _INSTITUTION_RUN_END.search(text, start, end):
                found.append(Mention(start, end, "ORG", "ner.en.institution"))
    return _take_spans(mentions, found)


# A title right before a name makes it a person. Left out: words that also open other names
# (General Motors, Major League, St. Louis, Prince Edward Island).
_PERSON_TITLE = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Gen|Lt|Col|Capt|Sgt|Rev|Gov|Sen|Rep|President|Senator|Governor|Judge|"
    r"Justice|Pope|Archbishop|Bishop|Colonel|Lieutenant|Admiral|Professor|Chancellor|Minister|King|Queen|Lady|"
    r"Lord)\.? $"
)


def _titled_persons(text: str, mentions: list[Mention]) -> None:
    """``Dr Harthoorn``: a one-word name, or one the model called a place, after a title is a person.
    Measured with benchmarks/ner_accuracy.py: wikigold 0.692 -> 0.697, uner_en 0.626 -> 0.630, the
    other English corpora unchanged."""
    for mention in mentions:
        if mention.label == "PERSON" or not _PERSON_TITLE.search(text, max(0, mention.start - 16), mention.start):
            continue
        if mention.label == "LOC" or " " not in text[mention.start : mention.end]:
            mention.label = "PERSON"


def _latin_names(text: str, chunks, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    runs = [run for start, end in chunks for run in _LATIN_RUN.finditer(text, start, end)]
    found = [mention for mention, _ in _lexicon_matches(text, runs, lexicon, "ner.zh.lexicon")]
    # Lexicon matches replace the model's Latin-only mentions they overlap.
    found_index = _SpanIndex(found)
    dropped: set[int] = set()
    kept = []
    for mention in mentions:
        surface = text[mention.start : mention.end]
        clash = found_index.overlapping(mention.start, mention.end)
        if clash and (_is_latin(surface) or any(f.start <= mention.start and mention.end <= f.end for f in clash)):
            continue
        if clash:  # a mixed-script model span containing a lexicon name: the model's span stands
            dropped.update(id(f) for f in clash)
        kept.append(mention)
    found = [f for f in found if id(f) not in dropped]
    # Latin names the model found but the lexicon does not know: Chinese context may retype them.
    for mention in kept:
        if _is_latin(text[mention.start : mention.end]):
            label = cue_label(text, mention.start, mention.end)
            if label and label != mention.label:
                mention.label, mention.rule = label, "ner.zh.latin_cue"
    # Latin runs nobody tagged: a strong cue makes them names.
    covered = _SpanIndex(kept + found)
    added = []
    for run in runs:
        start, end = run.start(), _trim_punct(text, run.start(), run.end())
        form = text[start:end]
        if form in GENERIC_LATIN_WORDS or not form[:1].isupper() or covered.overlapping(start, end):
            continue
        label = cue_label(text, start, end)
        if label:
            added.append(Mention(start, end, label, "ner.zh.latin_cue"))
    return kept + found + added


def _join_neighbours(mentions: list[Mention], belong_together, on_join) -> list[Mention]:
    """Mentions in text order, each next one that ``belong_together(previous, it)`` merged into the
    previous (which ``on_join`` may then retype)."""
    joined: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        previous = joined[-1] if joined else None
        if previous is not None and belong_together(previous, mention):
            previous.end = mention.end
            on_join(previous, mention)
            continue
        joined.append(mention)
    return joined


def _join_latin_neighbours(text: str, mentions: list[Mention]) -> list[Mention]:
    """Latin-script mentions one space apart in Chinese text are one name the tagger cut in pieces
    (``Core`` + ``Scientific``, ``Microsoft`` + ``365`` + ``Copilot``): Chinese text separates two
    names with 、 or 和, not with a bare space. The whole is an ORG if it ends in a company designator,
    a PRODUCT if a piece was one, else it keeps the first piece's type."""

    def belong_together(previous: Mention, mention: Mention) -> bool:
        return (
            text[previous.end : mention.start] == " "
            and _is_latin(text[previous.start : previous.end])
            and not _HAN_CHAR.search(text[mention.start : mention.end])
        )

    def retype(whole: Mention, piece: Mention) -> None:
        if has_org_designator(text[whole.start : whole.end]):
            whole.label = "ORG"
        elif piece.label == "PRODUCT":
            whole.label = "PRODUCT"
        whole.rule = "ner.zh.latin_joined"

    return _join_neighbours(mentions, belong_together, retype)


def _trim_punct(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".-'’":
        end -= 1
    return end


def _join_split_names(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """``彭博·社`` is one name when ``彭博社`` is in the lexicon; a stray dot must not cut it."""
    for mention in mentions:
        for _ in range(2):
            match = re.match(rf"\s*·\s*([{HAN}]{{1,4}})", text[mention.end : mention.end + 12])
            if not match:
                break
            for k in range(len(match.group(1)), 0, -1):
                joined = text[mention.start : mention.end] + match.group(1)[:k]
                entry = lexicon.get(joined)
                if entry:
                    mention.end = mention.end + match.start(1) + k
                    mention.label = entry.label
                    mention.rule = "ner.zh.joined"
                    break
            else:
                break
    return mentions


_NAME_DOT = re.compile(r"\s*[\u00b7\u2022\u30fb\u2027]\s*")


def _join_dotted_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two people joined by a name dot are one transliterated name: ``萨蒂亚 • 纳德拉`` (the dot
    separates a foreign given name from the family name; it never stands between two people)."""

    def belong_together(previous: Mention, mention: Mention) -> bool:
        return previous.label == mention.label == "PERSON" and bool(
            _NAME_DOT.fullmatch(text[previous.end : mention.start])
        )

    def mark(whole: Mention, piece: Mention) -> None:
        whole.rule = "ner.zh.joined"

    return _join_neighbours(mentions, belong_together, mark)


def _complete_from_lexicon(text: str, mentions: list[Mention], lexicon: Lexicon) -> None:
    """A Chinese mention cut one or two characters short of a name the lexicon knows is completed:
    ``伟达`` in ``英伟达股价`` becomes ``英伟达`` (the tagger read 英 as Britain)."""
    for mention in mentions:
        surface = text[mention.start : mention.end]
        if not _HAN_CHAR.match(surface[:1]) or lexicon.get(surface):
            continue
        best = None
        for left in range(0, 3):
            for right in range(0, 3):
                start, end = mention.start - left, mention.end + right
                if (left == right == 0) or start < 0 or end > len(text):
                    continue
                if not all(_HAN_CHAR.match(c) for c in text[start : mention.start] + text[mention.end : end]):
                    continue
                entry = lexicon.get(text[start:end]) if end - start >= 3 else None
                # Only the team's curated names: CC-CEDICT knows so many that it stretches
                # correct person names into longer headwords.
                if entry and entry.source == "curated" and (best is None or end - start > best[1] - best[0]):
                    best = (start, end)
        if best:
            mention.start, mention.end = best
            mention.label = lexicon.get(text[best[0] : best[1]]).label
            mention.rule = "ner.zh.lexicon_completed"


# Curated forms of three or more Han characters that also name something else (README.md beside
# curated.json; 奥特曼 is also Ultraman): never matched on their own.
_AMBIGUOUS_FORMS = frozenset({"华盛顿", "迪士尼", "奥特曼"})


@functools.lru_cache(maxsize=1)
def _curated_han_forms() -> re.Pattern | None:
    forms = {
        form
        for form, entry in load_lexicon().forms()
        if entry.source == "curated" and len(form) >= 3 and _HAN_ONLY.fullmatch(form) and form not in _AMBIGUOUS_FORMS
    }
    if not forms:
        return None
    return re.compile("|".join(map(re.escape, sorted(forms, key=lambda f: (-len(f), f)))))


def _inside_title(text: str, start: int, end: int) -> bool:
    opening = text.rfind("《", max(0, start - 30), start)
    closing = text.find("》", end, end + 30)
    return opening >= 0 and closing >= 0 and "》" not in text[opening:start] and "《" not in text[end:closing]


def _crosses_a_word(text: str, start: int, end: int) -> bool:
    """Whether a jieba dictionary word of 2-4 characters runs across ``start`` or ``end``."""
    frequency = word_frequency()
    for edge in (start, end):
        for left in range(max(0, edge - 3), edge):
            for right in range(edge + 1, min(len(text), left + 4) + 1):
                if frequency(text[left:right]):  # jieba keeps bare prefixes with frequency 0
                    return True
    return False


def _chinese_lexicon(text: str, chunks, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Curated Chinese names of three or more characters that the model missed (英伟达 before 股价).

    A match counts only where no word of jieba's dictionary crosses either of its ends, so a name
    inside a longer word (亚马逊 in 亚马逊河) is left alone; only where no mention overlaps it; and
    not inside a title in book-title marks (芝加哥 in 《芝加哥太阳报》 is part of a newspaper's name).
    """
    pattern = _curated_han_forms()
    if pattern is None:
        return mentions
    index = _SpanIndex(mentions)
    added = []
    for chunk_start, chunk_end in chunks:
        for match in pattern.finditer(text, chunk_start, chunk_end):
            start, end = match.span()
            if index.overlapping(start, end) or _inside_title(text, start, end):
                continue
            if not _crosses_a_word(text, start, end):
                entry = lexicon.get(match.group())
                found = Mention(start, end, entry.label, "ner.zh.lexicon")
                index.add(found)
                added.append(found)
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


# After a version number, a unit or time word means the number was a count or a date, not a version:
# iPhone 17 2026 年, iPhone 5000 万部, GPT-5 2 weeks ago.
_NOT_A_VERSION_AFTER = re.compile(
    r"\s*(?:[年月日号万亿千百部台颗款个名家元块%％]|美元|(?:weeks?|days?|months?|years?|hours?|million|billion|"
    r"thousand|units?|percent|per cent)\b)"
)


def _include_title_marks(text: str, mentions: list[Mention]) -> None:
    """A product that fills a pair of book-title marks is the title, marks included (``《博德之门》``):
    Chinese writes the name of a game, film or book that way, and a mention keeps them when the model
    gives them (``_strip``)."""
    for mention in mentions:
        if (
            mention.label == "PRODUCT"
            and text[mention.start - 1 : mention.start] == "《"
            and text[mention.end : mention.end + 1] == "》"
        ):
            mention.start -= 1
            mention.end += 1


def _extend_versions(text: str, mentions: list[Mention]) -> None:
    """``Llama`` + `` 4``, ``Claude`` + `` Opus 4.5``: variant words any number of times, one number at most."""
    for mention in mentions:
        if mention.label != "PRODUCT":
            continue
        numbered = text[mention.end - 1 : mention.end].isdigit()
        while True:
            match = _VERSION.match(text, mention.end)
            if not match:
                break
            is_number = any(c.isdigit() for c in match.group())
            if is_number and (numbered or _NOT_A_VERSION_AFTER.match(text, match.end())):
                break
            numbered = numbered or is_number
            mention.end = match.end()


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longer of two overlapping mentions (the earlier on a tie)."""
    kept = _SpanIndex()
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not kept.overlapping(mention.start, mention.end):
            kept.add(mention)
    return kept.items


def _parenthetical_aliases(text: str, mentions: list[Mention], lexicon=None) -> list[Mention]:
    """A name followed by other names of it in parentheses: each one a mention, all linked. ``lexicon``
    tells names of different entities apart (the user's names over the shipped ones; default the shipped)."""
    by_start = {m.start: i for i, m in enumerate(mentions)}
    index_of_mentions = _SpanIndex(mentions)
    lexicon = lexicon or load_lexicon()
    added: list[Mention] = []
    for index, mention in enumerate(list(mentions)):
        paren = _PAREN.match(text, mention.end)
        if not paren:
            continue
        head_text = text[mention.start : mention.end]
        if _DATELINE_PLACE.fullmatch(head_text):  # SAN FRANCISCO (Reuters) - : a dateline, not an alias
            continue
        inner_start = paren.start(1)
        cursor = inner_start
        for part in _ALIAS_SPLIT.split(paren.group(1)):
            part_start = text.index(part, cursor) if part else cursor
            cursor = part_start + len(part)
            prefix = _ALIAS_PREFIX.match(part)
            start = part_start + (prefix.end() if prefix else 0)
            end = part_start + len(part)
            while start < end and (text[start] in _QUOTES or text[start].isspace()):
                start += 1
            while end > start and (text[end - 1] in _QUOTES or text[end - 1].isspace()):
                end -= 1
            alias_text = text[start:end]
            if not _looks_like_name(alias_text):
                continue
            # A Chinese alias is trusted after a Latin name (``Alexandr Wang(汪滔)``) or after 简称;
            # otherwise Chinese in parentheses is usually a remark (下同, 化名, 美国).
            if _HAN_CHAR.search(alias_text) and not (
                prefix or not _HAN_CHAR.search(text[mention.start : mention.end])
            ):
                continue
            if alias_text in _REMARKS or not _same_entity(head_text, mention.label, alias_text, lexicon):
                continue
            other = by_start.get(start)
            if other is not None and mentions[other].end == end:
                if mentions[other].label == mention.label:  # Sam Altman（OpenAI）: two entities
                    mention.aliases.add(other)
                    mentions[other].aliases.add(index)
                continue
            if index_of_mentions.overlapping(start, end):
                continue
            alias = Mention(start, end, mention.label, "ner.alias.parenthesis", {index})
            added.append(alias)
            mention.aliases.add(len(mentions) + len(added) - 1)
    if not added:
        return mentions
    combined = mentions + added
    order = sorted(range(len(combined)), key=lambda i: combined[i].start)
    renumber = {old: new for new, old in enumerate(order)}
    result = []
    for old in order:
        mention = combined[old]
        mention.aliases = {renumber[a] for a in mention.aliases}
        result.append(mention)
    return result


_DATELINE_PLACE = re.compile(r"[A-Z][A-Z .'\-]{2,}")
# Stock codes and tickers in parentheses are not names: (00700.HK), (600519.SH), (NVDA.US), (NASDAQ: NVDA).
_TICKER = re.compile(r"\d{3,6}(?:\.[A-Za-z]{1,2})?|[A-Z]{1,5}\.[A-Z]{1,2}|[A-Za-z]+\s*[:：]\s*[A-Z.]{1,6}")
_WIRE_SERVICES = frozenset("Reuters AP AFP Xinhua UPI 新华社 路透社 法新社 美联社 中新社".split())


def _same_entity(head: str, head_label: str, alias: str, lexicon: Lexicon) -> bool:
    """Can ``alias`` in parentheses after ``head`` be another name of it? Not when the lexicon knows
    them as different things (``Meta（美国）``, ``OpenAI (US)``), nor a wire service after a name."""
    if alias in _WIRE_SERVICES:
        return False
    head_entry, alias_entry = lexicon.get(head), lexicon.get(alias)
    if alias_entry is not None:
        if head_entry is not None and head_entry.canonical != alias_entry.canonical:
            return False
        if alias_entry.label != head_label:
            return False
    return True


def _looks_like_name(candidate: str) -> bool:
    if not candidate or len(candidate) > 60 or len(compact(candidate)) < 2:
        return False
    if re.fullmatch(r"[\d\s.,%:：\-+]+", candidate) or _TICKER.fullmatch(candidate):  # codes, numbers, dates
        return False
    if _HAN_CHAR.search(candidate):
        return bool(re.fullmatch(rf"[{HAN}·]{{2,12}}", candidate))
    return bool(re.fullmatch(r"[A-Z0-9][A-Za-z0-9&'’.\- ]*", candidate)) and candidate not in GENERIC_LATIN_WORDS
