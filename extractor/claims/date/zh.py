"""Dates and periods in Chinese text, resolved against the reference date.

Full and year-less dates (2026年11月20日, 12月9日, 29日, 本月10日), months (11月, 今年10月, 11月底), years and
their parts (2025年, 07年, 2025财年, 2026年第一季度, 上半年, 2025年底, 2025年夏天), weeks and parts of them
(下下周, 2021年的第一周, 十月的第一周, 上半月, 下半周), relative days, weeks, months, quarters and years (昨天, 上周,
上个月, 下季度, 去年), spans (过去两年, 未来三年内, 近三个月), clock times and parts of days, alone or with a
day (下午5:00, 凌晨2点半, 明天上午, 7月25日早间, 今晚6点, 周一上午10点到12点), ranges (2023年至2025年,
12月9日至11日, 三月和九月之间), open-ended periods (2018年以前, 2015年起, 自2018年以来, 2019年8月6日或之后),
decades and centuries (上世纪90年代, 十九世纪七十年代) and era years (康熙二十年, 民国三年).

Traditional characters (週三, 後天, 上上個週末) arrive folded to simplified ones by the text normaliser.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import replace

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, contains_cue, follows_product_name, lexicon, trie_alternation
from extractor.claims.date import calendar as cal
from extractor.claims.date import zones
from extractor.claims.date import resolve
from extractor.claims.date import numeric
from extractor.claims.date.calendar import Period
from extractor.claims.numbers.zh import ZH_DIGIT_CHARS, parse_numeral
from extractor.text.variants import all_spellings, to_simplified
from extractor.text import compiled

_FUTURE = lexicon("cues")["future_zh"]
_FUTURE_NOT_JIANG = tuple(cue for cue in _FUTURE if cue not in ("将", "將"))

def _compile(source: str) -> re.Pattern:
    return compiled.compile(source)


# --- Building blocks ---------------------------------------------------------------------------------
CN = "一二三四五六七八九"
YEAR_NUM = rf"(?:\d{{4}}|[{ZH_DIGIT_CHARS}]{{4}})"
YY_NUM = r"(?:\d\d|[零〇][零〇一二三四五六七八九])"  # 08年, 零八年: a two-digit year
MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]|廿[一二三四五六七八九]?|卅一?)"
HOUR_NUM = r"(?:2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[零一二三四五六七八九十两])"
MIN_NUM = r"(?:[0-5]?\d|半|一刻|三刻|[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|零[一二三四五六七八九]|[一二三四五六七八九])"
SEC_NUM = r"(?:[0-5]?\d|[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
COUNT = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
# 上年/下年 (statistics' and Cantonese last/next year) never after 以 (以上年龄) nor before 龄/纪/级/轻.
REL_YEAR_OFFSET = {"大前年": -3, "大后年": 3, "今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2, "上年": -1,
                   "下年": 1}  # fmt: skip
# 本财年, 上个财年, 下一个财政年度: a fiscal year counted from this one (read as the calendar year it mostly is)
REL_YEAR_OFFSET.update(
    {which + one + fiscal: offset for which, offset in (("上", -1), ("下", 1)) for one in ("", "一", "个", "一个")
     for fiscal in ("财年", "财政年度")}
    | {"本财年": 0, "本财政年度": 0, "今财年": 0}
)
REL_YEAR = "|".join(sorted(set(REL_YEAR_OFFSET) - {"上年", "下年"}, key=lambda word: (-len(word), word))) + r"|(?<!以)[上下]年(?![龄纪级轻])"
SEASONS = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
YEAR_PART = {"初": "early", "中": "mid", "底": "late", "末": "late"}
MONTH_PART = {"初": "early", "上旬": "early", "中旬": "mid", "中": "mid", "下旬": "late", "底": "late", "末": "late",
              "上中旬": "early", "中下旬": "mid"}
_TWO_TENS = {"上中旬": ("early", "mid"), "中下旬": ("mid", "late")}  # two ten-day parts of a month in a row
APPROX_SUFFIX = r"(?:前后|左右)"
WEEK_OFFSET = {"上上": -2, "上": -1, "本": 0, "这": 0, "今": 0, "呢": 0, "下": 1, "下下": 2}  # 呢個: Cantonese this

# Parts of a day (hours [from, to)), and the words that put a clock time after noon. A window covers every
# hour the word names with a clock time: 早上四点 … 早上十一点, 下午一点 … 下午六点, 晚上六点 … 晚上十一点
# (not the English evening's 16–20: 晚上十点 is 晚上). 上午 keeps [08, 12), and so do 早间 and 早 after a date
# (7月25日早间 in market news: the morning session).
DAY_PART = (
    r"上午|下午|中午|晚上|凌晨|早上|早晨|早间|清晨|傍晚|晚间|夜间|夜里|深夜|半夜|晏昼|晏晝|朝早|下昼|下晝"  # Cantonese 朝早, 下晝
    r"|白天(?!鹅|鵝)"  # 明天白天多云: the daytime of weather forecasts, 08 to 20
    r"|早(?![于些已就在日期年先饭餐点班晚])|晚(?![于些会报宴饭餐点年期霞上间])|夜(?![班市宵校里间])"
)
PART_HOURS = {"上午": (8, 12), "早上": (4, 12), "早晨": (4, 12), "早间": (8, 12), "早": (8, 12), "清晨": (4, 8),
              "朝早": (4, 12), "下昼": (12, 18), "下晝": (12, 18),
              "下午": (12, 18), "晏昼": (12, 18), "晏晝": (12, 18), "晚上": (18, 24), "傍晚": (16, 20), "晚间": (18, 24), "晚": (18, 24),
              "夜间": (20, 24), "夜里": (20, 24), "深夜": (20, 24), "夜": (20, 24), "凌晨": (0, 6), "半夜": (0, 4),
              "白天": (8, 20)}  # fmt: skip
PM_PARTS = {"下午", "晏昼", "晏晝", "下昼", "下晝", "晚上", "傍晚", "晚间", "夜间", "夜里", "深夜", "晚", "夜"}
# 今晚 and friends: a day and its part in one word.
DAY_AND_PART = {"今晚": (0, "晚上"), "昨晚": (-1, "晚上"), "明晚": (1, "晚上"), "当晚": (0, "晚上"),
                "今夜": (0, "夜间"), "昨夜": (-1, "夜间"), "今早": (0, "早上"), "今晨": (0, "早上"),
                "明早": (1, "早上"), "昨早": (-1, "早上"), "前晚": (-2, "晚上"), "今朝": (0, "早上")}  # fmt: skip
REL_DAY_OFFSET = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "当天": 0, "当日": 0,
                  "明天": 1, "明日": 1, "后天": 2, "大后天": 3,
                  # literary and Cantonese: 前日, 尋日 / 琴日 (yesterday), 聽日 (tomorrow), 後日, 大後日
                  "前日": -2, "尋日": -1, "寻日": -1, "琴日": -1, "聽日": 1, "听日": 1, "后日": 2, "後日": 2, "大后日": 3,
                  "大後日": 3}  # fmt: skip
REL_DAY = "|".join(sorted(REL_DAY_OFFSET, key=len, reverse=True))
REL_DAY_ALONE = "|".join(sorted(set(REL_DAY_OFFSET) - {"当天", "当日"}, key=lambda word: (-len(word), word)))  # 当天: that day, not today
NIGHT_DAY = "|".join(sorted(DAY_AND_PART, key=len, reverse=True))

# Open ends: 2018年以前 (before), 2019年8月6日或之前 (until, inclusive), 2018年之后 (after),
# 2018年起 / 自2018年以来 / 2019年8月6日或之后 (since). 前/后 alone must not start 前三季度 or 后续.
_NOT_QIANHOU = rf"(?![{CN}十两\d半个几续期来者面台端勤果悔援备景提身往线沿夕任瞻列茅天年日周月])"
PRE = r"(?P<pre>自从|(?<![来各独亲源出])自|从)?"
POST = (
    r"(?P<post>或之前|或以前|及之前|及以前|或之后|或以后|及之后|及以后|以前|之前|以后|之后|以来"
    rf"|前{_NOT_QIANHOU}|后{_NOT_QIANHOU}|起(?![诉草飞跑航身步床来见])|开始)?"
)
BEFORE, UNTIL = {"以前", "之前", "前"}, {"或之前", "或以前", "及之前", "及以前"}
AFTER, SINCE = {"以后", "之后", "后"}, {"或之后", "或以后", "及之后", "及以后", "以来", "起", "开始"}

UNIT_NAMES = {"年": "year", "月": "month", "周": "week", "星期": "week", "天": "day", "季度": "quarter"}


def _number(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)  # what parse_numeral gives for plain digits, without its Decimal round trip
    return int(parse_numeral(text))


def _prefer(ctx: RuleContext) -> str:
    """How to read a date without its year, week or month here (claims/date/resolve.py)."""
    return resolve.preference(ctx, lambda clause: contains_cue(clause, _FUTURE), _fronted_future)


# After a fronted time phrase (3月5日，公司将召开…) a bare 将 counts only before a verb or an adverb of the
# future: 将其, 将嫌疑人抓获 use 将 as 把 (something done, often in the past).
_FRONTED_JIANG = compiled.compile(
    r"[将將](?=[于於在会會要对對进進召举舉发發推公迎达達继繼正全开開启啓上下实實执執提有成再持出登亮首参參赴陆陸逐组組建投落完增加"
    r"重不停暂暫关關取恢保扩擴降面放迎])"
)


def _fronted_future(clause: str) -> bool:
    if _REPORTED.search(clause):
        return False  # 周二晚间，公司发布公告称拟回购: the announcing is what the day dates; the plan is its content
    return (
        contains_cue(clause, _FUTURE_NOT_JIANG)
        or _FRONTED_JIANG.search(clause) is not None
        or _FRONTED_MODAL.search(clause) is not None
    )


# A reporting verb, unless 将 puts it ahead (25日，国家统计局将公布最新数据).
_REPORTED = compiled.compile(r"(?<![将將])(?:称|表示|宣布|公告|公布|批准了|通过了|发布了|决定|透露|指出|说|宣佈|表明)")
# What must or is to be done by the fronted time (3月底前，各地要完成排查; 3月15日前，各单位需上报方案): a modal
# before a verb points ahead. Not 主要, 重要, 只要, 要求, 需求, 需要 (need: 需要说明的是).
_FRONTED_MODAL = compiled.compile(r"(?<![主重只不])(?:要(?![求闻點点素是])|需(?![求要])|须|必须|务必|應當|应当)(?=[\u4e00-\u9fff])")


def _two_digit_year(text: str, reference: dt.date | None) -> int:
    """08年 → 2008, 98年 → 1998: the century that puts the year at most 20 years after the reference."""
    yy = _number(text) if not text.isdigit() else int(text)
    horizon = (reference.year if reference else 2026) + 20
    return 2000 + yy if 2000 + yy <= horizon else 1900 + yy


def _year_of(match: re.Match, reference: dt.date | None) -> tuple[int | None, bool]:
    """(year, relative) from a 2026年 / 08年 / 今年 prefix; (None, False) without one."""
    if match.group("y"):
        return _number(match.group("y")), False
    if match.groupdict().get("yy"):
        return _two_digit_year(match.group("yy"), reference), False
    if match.group("ry"):
        if reference is None:
            return None, True
        return reference.year + REL_YEAR_OFFSET[match.group("ry")], True
    return None, False


def _candidate(match: re.Match, period: Period | None, rule: str, *, start: int | None = None) -> Candidate:
    value = period.as_dict() if period else None
    return Candidate("date", match.start() if start is None else start, match.end(), value, rule)


def _open(
    match: re.Match, period: Period | None, rule: str, *, instant: bool = False, deadline: bool = False
) -> Candidate | None:
    """Apply the open-end words around a period (groups ``pre`` and ``post``) and make the candidate.

    before X → [null, start of X); until X (或之前) → [null, end of X); after X → [end of X, null);
    since X (起, 以来, 或之后, 自X) → [start of X, null). A clock time is an instant: its start is both ends.
    The end of a year or month (年底前, 月底前) is a deadline: before it runs to the end of the period.
    从 without 起/开始 is left out of the span (从2018年的数据看)."""
    groups = match.groupdict()
    pre, post = groups.get("pre"), groups.get("post")
    start, end = match.start(), match.end()
    if pre and not post and pre == "从":
        start = match.end("pre")
    if post == "开始" and not pre and (instant or _AT_TIME.search(match.string, max(0, start - 2), start)):
        # 于下午3时30分开始, 将于明年2月下旬开始, 今晚7点开始: when a thing starts, not an open stretch from then
        post, end = None, match.start("post")
    if period is None:
        return Candidate("date", start, end, None, rule)
    if post or (pre and pre != "从"):
        if post in AFTER and pre:
            post = "起"  # 从2018年以后: from 2018 on
        point_end = period.start if instant else period.end
        if post in BEFORE:
            low, high = None, period.end if deadline else period.start
        elif post in UNTIL:
            low, high = None, point_end
        elif post in AFTER:
            low, high = point_end, None
        else:
            low, high = period.start, None
        period = Period(low, high, "range", period.relative, period.approximate)
    return Candidate("date", start, end, period.as_dict(), rule)


_AT_TIME = compiled.compile(r"[于於在]$")


# --- Patterns ----------------------------------------------------------------------------------------
_YEAR = rf"(?:(?P<y>{YEAR_NUM})年|(?<!\d)(?P<yy>{YY_NUM})年(?={MONTH_NUM}月)|(?P<ry>{REL_YEAR}))"
_RANGE = r"(?:至|到|-|~|—|–)"


def _clock(s: str, *, first: bool = False) -> str:
    """A clock time (3点, 三点一刻, 17点55分23秒, 5:00, 2:00pm); group names end with ``s``.

    The first clock of a range may drop its 点 when a second one follows (早上五到六点)."""
    loose = rf"|(?=(?:到|至)(?:{DAY_PART})?{HOUR_NUM}[点时])" if first else ""
    return (
        rf"(?:(?P<h{s}>{HOUR_NUM})(?:[点时](?:(?P<mi{s}>{MIN_NUM})(?P<fen{s}>分)?)?(?:(?P<se{s}>{SEC_NUM})秒)?"
        rf"(?P<zheng{s}>整|钟)?{loose})"
        rf"|(?P<hh{s}>2[0-4]|[01]?\d):(?P<mm{s}>[0-5]\d)(?::(?P<ss{s}>[0-5]\d))?(?![\d:])"  # 1:400 is a ratio
        rf"(?:\s?(?P<ap{s}>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
        rf"|(?P<hp{s}>1[0-2]|0?[1-9])\s?(?P<app{s}>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))"  # 3pm in Chinese text
    )


# 29日, and the spoken 29号 where a day is meant: before punctuation, a part of the day, a time word or a
# verb of schedules (15号开盘, 28号晚上, 10号到15号), never before a noun (3号线, 15号楼, 5号球员, 1号文件).
_BARE_DAY = (
    rf"(?<![\d月第个周期拜近每前后数几多续十{CN}零〇两年号日廿卅路街巷弄道])(?<![路街巷弄道] )(?P<bd>3[01]|[12]\d|0?[1-9]|三十一?|二十[{CN}]?|十[{CN}]|廿[{CN}]|卅一?)"
    r"(?:日|号(?=[\s,，。;；:：!！?？、）)]|[上下中晚早凌傍深夜午前后起以至到开召举发公正截当那]))"
)
_WEEKDAY = r"(?P<which>上上|下下|上|下|本|这|今|呢(?=个))?(?:个)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"
_ANCHOR = (
    rf"(?:{_YEAR}?(?P<m>{MONTH_NUM})月(?P<d>{DAY_NUM})[日号]"
    rf"|(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)(?P<id>3[01]|[12]\d|0?[1-9])(?![\d/])"
    rf"|(?P<nd>{NIGHT_DAY})|(?P<rd>{REL_DAY})|{_WEEKDAY}|{_BARE_DAY})"
)
DATETIME = _compile(
    rf"(?<![第\d.])(?=[\d{CN}十零两今昨明当前后大上下本这周星礼中晚凌早清傍夜深半约晏琴寻尋听聽朝])"
    rf"{_ANCHOR}?(?P<about>大约|大概|约)?(?P<dp>{DAY_PART})?(?:{_clock('', first=True)}"
    rf"(?:{_RANGE}(?P<rd2>{REL_DAY})?(?P<dp2>{DAY_PART})?{_clock('2')})?)?(?P<approx>{APPROX_SUFFIX})?{POST}"
)
# The day may drop its 日 after a full year when the phrase ends there (二零零四年八月十五。); without the year
# 八月十五 is also the Mid-Autumn Festival's lunar date, so it stays a month.
FULL = _compile(
    rf"{PRE}{_YEAR}?(?P<m>{MONTH_NUM})月(?P<d>{DAY_NUM})(?:[日号]|(?(y)(?=[，,。；;、！？!?\s)）]|$)|(?!)))"
    rf"(?:{_RANGE}(?:(?P<y2>{YEAR_NUM}|{YY_NUM})年)?(?:(?P<m2>{MONTH_NUM})月)?(?P<d2>{DAY_NUM})[日号])?"
    rf"(?P<approx>{APPROX_SUFFIX})?{POST}"
)
OPEN_ISO = _compile(rf"{PRE}{numeric.ISO_DATE.pattern}{POST}")
MONTH = _compile(
    # 1-10月 / 1至3月: statistics share one 月 between the two months of a range.
    # 7、8月份: two months in a row listed, one stretch. 十月中旬到十一月初: a part of the second month too.
    rf"{PRE}{_YEAR}?(?P<m>{MONTH_NUM})(?:月份|月|(?={_RANGE}{MONTH_NUM}月)|(?P<listed>(?=、{MONTH_NUM}月)))(?!\d|[{ZH_DIGIT_CHARS}十]+[日号])(?P<part>上中旬|中下旬|上旬|中旬|下旬|初|中|底|末)?"
    rf"(?:(?:{_RANGE}|(?(listed)、|(?!)))(?P<m2>{MONTH_NUM})(?:月份|月)(?P<part2>上旬|中旬|下旬|初|底|末)?|(?:和|与|及)(?P<m3>{MONTH_NUM})月(?:之间|间))?(?P<approx>{APPROX_SUFFIX})?{POST}"
)
_YY_PART = r"年(?:第?[一二三四1-4]季度| ?Q[1-4]|前三季度|[上下前后]半年|年?[初末]|年?底(?!薪)|[春夏秋冬](?:天|季))"
# 29年 is a year after a word that places an event in time (预计29年投产, 于23年上市, 截至24年): no count of
# years comes there; not before the words that make it a span (29年来, 29年间, 29年多, 29年后, 29年的时间).
_YY_AFTER_CUE = "(?:" + "|".join(f"(?<={cue})" for cue in ("预计", "计划", "将于", "将在", "定于", "预期", "有望", "于", "截至", "截止", "直到", "早在", "自", "从", "到了")) + ")"
_YY_NOT_SPAN = r"(?![来間间多前后後内裡里以之的半左底初末度])"
# 中 that starts a word of its own after 年/月 (今年中央财政, 今年中国经济, 本月中旬 aside): no middle of the year.
_ZHONG_NOT_WORD = r"(?![央国國华華方共部东東西南北小大学學医醫文外级級资資心层層间間标標美日欧歐韩韓企铁鐵石信兴興航海化科超])"
YEAR_PERIOD = _compile(
    # 08年 alone; 24年 only before a part of it (24年第一季度, 25年底): 24年 alone is as often 24 years
    rf"{PRE}(?:(?P<y>{YEAR_NUM})(?:年|财年|年度|财政年度)|(?<!\d)(?P<yy>0\d|[零〇][零〇一二三四五六七八九]|\d\d(?={_YY_PART})|{_YY_AFTER_CUE}\d\d(?=年{_YY_NOT_SPAN}))年"
    rf"|(?P<ry>{REL_YEAR})(?:年度)?)"
    # 2026年第三季: Taiwan and Hong Kong write the quarter without 度 (not 季节, a season)
    rf"(?:(?P<q>(?:的第|第)?[一二三四1-4]个?季度|第[一二三四1-4]季(?![度节節])| ?Q[1-4]|的?(?:最后一个|最后一|首个|第一个)季度|首季度?(?![节節]))"
    # 首三季, 前三季: Hong Kong and Taiwan write the first three quarters without 度
    rf"|(?P<first3>前三季度|首三季度?|前三季(?![度节節]))|(?P<half>上半年|下半年|前半年|后半年)"
    rf"|(?P<spart>初|早|盛|仲|晚|深|暮)(?P<season2>[春夏秋冬])(?:天|季)?"  # 明年初夏, 今年深秋: a third of the season
    rf"|年?(?P<part>初|中{_ZHONG_NOT_WORD}|底|末)|(?P<season>[春夏秋冬])(?:天|季)|(?P<same>同期))?(?P<approx>{APPROX_SUFFIX})?{POST}"
)
YEAR_RANGE = _compile(
    rf"(?P<y1>{YEAR_NUM})年?{_RANGE}(?P<y2>{YEAR_NUM})年(?:间)?|(?P<y3>{YEAR_NUM})年(?:和|与|及)(?P<y4>{YEAR_NUM})年(?:之间|间)"
)
BARE_PERIOD = _compile(
    r"(?<![\d年])(?P<q>第?[一二三四]季度|(?<![\d.])[1-4]季度|Q[1-4](?![\d]))|(?<![年])(?P<first3>前三季度|首三季度?)|(?<![年个])(?P<half>上半年|下半年)"
)
# 年初至今 (so far this year: to the reference day); 年底前 (by the year's end), 本月以来, 下月起 (open ends)
RELATIVE = _compile(
    rf"{PRE}(?P<word>{REL_DAY_ALONE}|上上个?月|下下个?月|上个月|上月|本月|这个月|今个月|下个月|下月|上季度|上一季度|本季度|下季度|下一季度"
    rf"|(?<![\d{CN}十百千两几多])(?:月初|月中{_ZHONG_NOT_WORD}|月底|月末|年初|年中{_ZHONG_NOT_WORD}|年底(?!薪)|年末))"  # 24年中: in 24 years
    r"(?:(?P<sofar>至今|迄今)|(?![\d一二三四五六七八九十]))" + POST
)
# 本周末 (the weekend), 下周初 (early next week: Monday to Wednesday; not 初步, 初次)
WEEK = _compile(
    r"(?<![马以之向])(?P<wk>上上|下下|上|本|这|今|呢(?=个)|下)(?:个|一)?(?:周|星期|礼拜)(?!期)"
    r"(?:(?P<end>末)|(?P<early>初)(?![步次衷级等赛选审稿创见评心始期]))?(?![一二三四五六日天\d])" + POST
)
HALVES = _compile(r"(?P<which>上|下|前|后)半(?P<unit>月|周)|(?P<rel>上|下)(?:个|一个)半年")
REL_MONTH_PART = _compile(r"(?P<rm>上个?月|本月|这个月|今个月|下个?月)(?P<part>上旬|中旬|下旬|初|中|底|末)" + POST)
WEEKDAY = _compile(_WEEKDAY)
ORDINAL = _compile(
    rf"(?:(?:(?P<my>{YEAR_NUM})年|(?P<mry>{REL_YEAR})的?)?(?P<m>{MONTH_NUM})月份?|(?P<y>{YEAR_NUM})年|(?P<ry>{REL_YEAR})"
    r"|(?P<rm>上个?月|本月|这个月|今个月|下个?月))的?"
    r"(?:(?P<nth>第一|第二|第三|第四|第五|最后一)个(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"
    r"|(?P<bnth>第一|第二|第三|第四|第五|最后一)个(?P<bday>工作日|交易日)"  # 本月最后一个交易日
    rf"|第(?P<n>{COUNT})(?:个|個)?(?P<u>周|星期|月|天)|(?P<dir>前|首|头|頭|最后)(?P<n2>{COUNT})(?:个|個)?(?P<u2>周|星期|月|天))"
)
DAY_OF_MONTH = _compile(
    rf"(?:(?P<rm>上上个?月|上个?月|本月|这个月|今个月|当月|下个?月)(?P<d>{DAY_NUM})[日号]"
    rf"|{_BARE_DAY}(?:(?<=号)|(?![内均线游以后前间子常记志元本报])))" + POST  # 15日前 may be 15 days ago; 15号前 is a day
)
DECADE = _compile(
    rf"(?P<century>上世纪|上个世纪|本世纪|(?P<cn>\d{{1,2}}|二十一|二十|十[{CN}]|[{CN}])世纪)?"
    rf"(?:(?<!\d)(?P<full>1[0-9]\d0|20\d0)|(?P<dec>\d0|[{CN}]十|零|〇))年代"  # 2020年代: the whole decade
    r"(?P<dpart>初期|初|早期|中期|中叶|后期|後期|末期|末|晚期)?"  # 九十年代初: its first, middle or last years
)
_DECADE_PARTS = {"初期": "early", "初": "early", "早期": "early", "中期": "mid", "中叶": "mid", "后期": "late",
                 "後期": "late", "末期": "late", "末": "late", "晚期": "late"}  # fmt: skip
ERA_FIRST_YEAR = {"贞观": 627, "神龙": 705, "开元": 713, "天宝": 742, "洪武": 1368, "永乐": 1403, "万历": 1573,
                  "崇祯": 1628, "顺治": 1644, "康熙": 1662, "雍正": 1723, "乾隆": 1736, "嘉庆": 1796, "道光": 1821,
                  "咸丰": 1851, "同治": 1862, "光绪": 1875, "宣统": 1909, "民国": 1912}  # fmt: skip
ERA = _compile(
    rf"(?P<era>{'|'.join(ERA_FIRST_YEAR)})(?P<n>元|\d{{1,3}}|[{CN}十]{{1,3}})年"
    rf"(?:(?P<m>正|{MONTH_NUM})月(?:(?P<d>初[{CN}十]|{DAY_NUM})(?:[日号])?)?)?"
)


# --- Helpers -----------------------------------------------------------------------------------------
def _at(base: dt.date, hour: int, minute: int = 0, second: int | None = None) -> Period | None:
    """A clock time on day ``base``: grain hour, minute or second (an instant as long as its grain)."""
    if second is None:
        return cal.at_time(base, hour, minute, grain="minute" if minute else "hour")
    if not (0 <= hour <= 24 and 0 <= minute < 60 and 0 <= second < 60):
        return None
    start = dt.datetime(base.year, base.month, base.day) + dt.timedelta(hours=hour, minutes=minute, seconds=second)
    return Period(start, start + dt.timedelta(seconds=1), "second")


def _clock_parts(match: re.Match, s: str, *, timed: bool = False) -> tuple[int, int, int | None, str | None] | None:
    """(hour, minute, second, am/pm) of clock ``s`` as written, or None (no clock, or a decimal: 三点五).
    ``timed``: a day or a part of the day stands before it, so 三点零五 is five past three."""
    g = match.groupdict()
    if g.get("hh" + s):
        second = int(g["ss" + s]) if g.get("ss" + s) else None
        ampm = (g.get("ap" + s) or "").lower()[:1] or None
        return int(g["hh" + s]), int(g["mm" + s]), second, ampm
    if g.get("hp" + s):
        return int(g["hp" + s]), 0, None, g["app" + s].lower()[:1]
    if not g.get("h" + s):
        return None
    hour = _number(g["h" + s])
    minute_text, second_text = g.get("mi" + s), g.get("se" + s)
    minute = 0
    if minute_text:
        named = {"半": 30, "一刻": 15, "三刻": 45}.get(minute_text)
        if named is not None:
            minute = named
        else:
            short = len(minute_text) == 1 or minute_text.startswith("零")
            if short and not g.get("fen" + s) and not (timed and minute_text.startswith("零")):
                return None  # 三点五, 3点5: a decimal, not a time
            minute = _number(minute_text)
    second = _number(second_text) if second_text else None
    return hour, minute, second, None


_NIGHT_PARTS = {"晚上", "晚间", "夜间", "夜里", "深夜", "半夜", "晚", "夜"}


def _hour_of_day(hour: int, part: str | None, ampm: str | None) -> int:
    if hour == 12 and part in _NIGHT_PARTS:
        return 24  # 夜里十二点 is midnight, the end of that day
    if ampm == "p" and hour < 12:
        return hour + 12
    if ampm == "a" and hour == 12:
        return 0
    if part in PM_PARTS and hour < 12:
        return hour + 12
    if part == "中午" and hour < 6:
        return hour + 12
    return hour


def _part_of_day(base: dt.date, part: str) -> Period | None:
    hours = PART_HOURS.get(part)
    if hours is None:
        return None
    start = dt.datetime(base.year, base.month, base.day)
    return Period(start + dt.timedelta(hours=hours[0]), start + dt.timedelta(hours=hours[1]), "hour")


def _iso_week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _first_week(start: dt.date) -> dt.date:
    """Monday of the first week of a month or year: the week holding its 4th day (ISO 8601)."""
    return _iso_week(start + dt.timedelta(days=3))


def _last_week(end: dt.date) -> dt.date:
    """Monday of the last week of a period ending (exclusive) at ``end``: the week holding its 4th-last day."""
    return _iso_week(end - dt.timedelta(days=4))


# --- Builders ----------------------------------------------------------------------------------------
def _anchor_day(match: re.Match, ctx: RuleContext) -> tuple[dt.date | None, bool, str | None, bool, tuple]:
    """(day, relative, implied part of day, ok, the other days the policy did not take) of the DATETIME
    anchor; day None when there is none."""
    g = match.groupdict()
    reference = ctx.analysis.reference_date
    if g.get("m"):
        month, day_of_month = _number(g["m"]), _number(g["d"])
        year, relative = _year_of(match, reference)
        if year is None:
            if reference is None:
                return None, True, None, False, ()
            period = resolve.pick_year(lambda y: cal.day(y, month, day_of_month), reference, prefer=_prefer(ctx))
            return (period.start if period else None), True, None, period is not None, _other_days(period)
        period = cal.day(year, month, day_of_month)
        return (period.start if period else None), relative, None, period is not None, ()
    if g.get("iy"):
        period = cal.day(int(g["iy"]), int(g["im"]), int(g["id"]))
        return (period.start if period else None), False, None, period is not None, ()
    if reference is None:
        anchored = bool(g.get("nd") or g.get("rd") or g.get("wd") or g.get("bd"))
        return None, anchored, None, not anchored, ()
    if g.get("nd"):
        offset, part = DAY_AND_PART[g["nd"]]
        return reference + dt.timedelta(days=offset), True, part, True, ()
    if g.get("rd"):
        return reference + dt.timedelta(days=REL_DAY_OFFSET[g["rd"]]), True, None, True, ()
    if g.get("wd"):
        return _weekday(match, ctx, reference).start, True, None, True, ()
    if g.get("bd"):
        period = resolve.pick_day_of_month(reference, _number(g["bd"]), prefer=_prefer(ctx))
        return (period.start if period else None), True, None, period is not None, _other_days(period)
    return None, False, None, True, ()


def _other_days(period: Period | None) -> tuple:
    return tuple(other.start for other in period.alternatives) if period is not None and period.alternatives else ()


_DONE = compiled.compile(r"了|已|曾|过(?!去)|過(?!去)|发生|發生|被|事发|事發")


def build_datetime(match: re.Match, ctx: RuleContext) -> Candidate | None:
    g = match.groupdict()
    anchored = bool(g.get("m") or g.get("iy") or g.get("nd") or g.get("rd") or g.get("wd") or g.get("bd"))
    clock = _clock_parts(match, "", timed=anchored or bool(g.get("dp")))
    if (g.get("h") or g.get("hh")) and clock is None:
        return None
    part = g.get("dp")
    if clock is None and not g.get("nd") and not (part and part in PART_HOURS):
        return None  # a day alone is FULL's or RELATIVE's; 凌晨/中午 alone have no agreed hours
    if part and len(part) == 1 and not anchored:
        return None  # 早/晚/夜 alone are not times
    if clock is None and not anchored and ctx.text[match.end() : match.end() + 1] in _NOT_A_PART_NEXT:
        return None  # 下午茶, 晚上好
    if clock is not None and not (anchored or part) and (g.get("h") or "").isdigit():
        if _POINTS_BEFORE.search(ctx.text, max(0, match.start() - 6), match.start()):
            return None  # 指数上涨3点, 高开5点后回落: index points
    if clock is not None and not (anchored or part) and g.get("hh"):
        if _SCORE_BEFORE.search(ctx.text, max(0, match.start() - 9), match.start()):
            return None  # 比分3:15, 以3:1获胜: a score
    if clock is not None and not (anchored or part or g.get("about") or g.get("post") or g.get("h2") or g.get("hh2")):
        if not _bare_clock_ok(match, ctx):
            return None
    if clock is not None and g.get("h") and not re.search(r"[点时]", match.group(0)[match.start("h") - match.start():]):
        if not (g.get("h2") or g.get("hh2")):
            return None
    reference = ctx.analysis.reference_date
    day, relative, implied, ok, other_days = _anchor_day(match, ctx)
    if not ok:
        return Candidate("date", match.start(), match.end(), None, "date.zh.time") if reference is None else None
    if day is None:
        if reference is None:
            return Candidate("date", match.start(), match.end(), None, "date.zh.time")
        day, relative = reference, True
        day_from_reference = True
    else:
        day_from_reference = False
    part = part or implied
    if clock is None:
        period = _part_of_day(day, part)
        if period is None:
            return None
        return _open(match, period.with_flags(relative=relative), "date.zh.time")
    hour, minute, second, ampm = clock
    now = ctx.analysis.reference_time
    if (
        relative
        and not anchored
        and not (part or ampm)
        and now is not None
        and 1 <= hour <= 12
        and not (g.get("h2") or g.get("hh2"))
        and not re.search(r"(?<!\d)\d\d[:：]\d", match.group(0))  # 10:30, 09:30: a 24-hour clock, as written
    ):
        # 三点 with neither day nor half of the day, said at a known time: the policy picks among the
        # readings around it (three in the night or the afternoon, today or the days either side); under the
        # news default without a future cue the hour stays as written (as the English rules read it).
        readings = [_at(now.date() + dt.timedelta(days=offset), h, minute, second)
                    for offset in (-1, 0, 1) for h in (hour % 12, hour % 12 + 12)]
        if _prefer(ctx) in resolve.PAST and (ctx.analysis.prefer_dates or resolve.DEFAULT) == resolve.DEFAULT:
            written = dt.datetime(now.year, now.month, now.day, hour % 24, minute, second or 0)
            period = resolve.clock_as_written(readings, written)
        else:
            period = resolve.pick_clock(readings, now, prefer=_prefer(ctx))
        period = period.with_flags(approximate=bool(g.get("about") or g.get("approx"))) if period else None
        return _open(match, period, "date.zh.time", instant=True) if period else None
    hour = _hour_of_day(hour, part, ampm)
    period = _at(day, hour, minute, second)
    if period is None:
        return None
    if other_days:  # 21日8时: the same clock on the other days the policy could have read (a range's end needs them)
        period = period.with_flags(alternatives=tuple(p for p in (_at(other, hour, minute, second) for other in other_days) if p))
    if day_from_reference and not anchored and not (g.get("h2") or g.get("hh2")):
        # 事故发生在晚上十点 said at 09:15: last night. Chinese marks no tense, so the past reading moves a
        # clock time back only where the clause tells of something done (了, 已, 发生, 被 ...).
        prefer = _prefer(ctx)
        start, end = resolve.clause_of(ctx)
        start, end = max(start, match.start() - 40), min(end, match.end() + 40)  # near it: linear on long lines
        if prefer not in resolve.PAST or _DONE.search(ctx.text, start, end):
            period = resolve.clock_on_its_day(period, now, prefer)
    if g.get("h2") or g.get("hh2"):
        second_clock = _clock_parts(match, "2", timed=True)
        if second_clock is None:
            return None
        hour2, minute2, second2, ampm2 = second_clock
        day2 = day
        if g.get("rd2"):
            if reference is None:
                return None
            day2 = reference + dt.timedelta(days=REL_DAY_OFFSET[g["rd2"]])
        part2 = g.get("dp2")
        if part2 or ampm2:
            hour2 = _hour_of_day(hour2, part2, ampm2)
        elif hour >= 12 and hour2 < 12 and hour2 + 12 > hour and not g.get("rd2"):
            hour2 += 12  # 下午五点一刻到六点: the second time keeps the afternoon
        end = _at(day2, hour2, minute2, second2)
        if end is None:
            return None
        end_moment = end.start
        if end_moment <= period.start and not g.get("rd2"):
            end_moment += dt.timedelta(days=1)  # 晚上10点到凌晨2点
        if end_moment <= period.start:
            return None
        period = Period(period.start, end_moment, "range")
    period = period.with_flags(relative=relative, approximate=bool(g.get("about") or g.get("approx")))
    return _open(match, period, "date.zh.time", instant=period.grain != "range")


# 下午茶, 晚上好, 夜间模式, 晚间版, 夜间列车, 夜间经济, 夜间门诊, 早间新闻: a kind of thing, no time
_NOT_A_PART_NEXT = set("茶好饭餐班场报模版列航车经门照消市营巡出新节")
_BARE_CLOCK_NEXT = set("前后左起开到至之以的时在,，。;；!！?？、)）」”")


def _bare_clock_ok(match: re.Match, ctx: RuleContext) -> bool:
    """3点 with nothing around it: a time when written 3点整/3点钟, as digits before punctuation or a time
    word (9点的时候, 13点开始), or as 零点; 三点意见 and 有一点 are not times."""
    g = match.groupdict()
    if g.get("hh") or g.get("hp") or g.get("mi") or g.get("se") or g.get("zheng"):
        return True
    hour_text = g.get("h") or ""
    text = ctx.text
    after = text[match.end() : match.end() + 1]
    if hour_text == "零":
        return after not in set(ZH_DIGIT_CHARS) | set("十")
    if hour_text.isdigit():
        return after == "" or after in _BARE_CLOCK_NEXT or not _is_cjk(after)
    return False


# 比分 or 以 just before a bare 3:15 makes it a score.
_SCORE_BEFORE = compiled.compile(r"(?:比分|比数|以|战成|打成)(?:一度|最终|最后|暂时|已经|已)?(?:为|是)?\s?$")
# A rise or fall just before a bare 3点 makes it points of an index, not a time.
_POINTS_BEFORE = compiled.compile(r"(?:涨|跌|升|降|回落|反弹|高开|低开|上扬|下挫|走高|走低|收于|报收)了?(?:约|近|超过?|逾)?$")


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def build_full(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    start = match.start("m") if not (match.group("y") or match.group("yy") or match.group("ry")) else match.start()
    if ctx.text[max(0, match.start() - 1) : match.start()] == "第" or ctx.text[start - 1 : start] == "第":
        return None
    month, day_of_month = _number(match.group("m")), _number(match.group("d"))
    year, relative = _year_of(match, reference)
    if year is None and not relative:
        if reference is None:
            return _open(match, None, "date.zh.day")
        period = resolve.pick_year(lambda y: cal.day(y, month, day_of_month), reference, prefer=_prefer(ctx))
    elif year is None:
        return _open(match, None, "date.zh.day")
    else:
        period = cal.day(year, month, day_of_month)
        period = period.with_flags(relative=relative) if period else None
    if period is None:
        return None
    if match.group("d2"):
        last_month = _number(match.group("m2")) if match.group("m2") else period.start.month
        if match.group("y2"):
            y2 = match.group("y2")
            last_year = _number(y2) if len(y2) == 4 else _two_digit_year(y2, reference)
        else:
            last_year = period.start.year + (1 if last_month < period.start.month else 0)
        last = cal.day(last_year, last_month, _number(match.group("d2")))
        period = cal.span(period, last) if last else None
        if period is None:
            return None
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return _open(match, period, "date.zh.day")


def build_open_iso(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if not match.group("post") and match.group("pre") in (None, "从"):
        return None  # a plain date is numeric's
    period = cal.day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return _open(match, period, "date.zh.day") if period else None


def build_month(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    head = ctx.text[max(0, match.start() - 1) : match.start()]
    if head in ("第", "个") or head.isdigit() or head.isascii() and head.isalpha():
        return None  # 第3月, 理想 L9 月销量: no month
    month = _number(match.group("m"))
    year, relative = _year_of(match, reference)
    part = MONTH_PART.get(match.group("part") or "")

    def make(y: int) -> Period | None:
        whole = cal.month(y, month)
        if whole is None:
            return None
        if not part:
            return whole
        if match.group("part") in _TWO_TENS:  # 12月中下旬: from the 11th to the month's end
            first, last = (cal.part_of_month(y, month, p, approximate=False) for p in _TWO_TENS[match.group("part")])
            return cal.span(first, last)
        return cal.part_of_month(y, month, part, approximate="旬" not in match.group("part"))

    if year is None and (relative or reference is None):
        return _open(match, None, "date.zh.month")
    period = make(year) if year is not None else resolve.pick_year(make, reference, prefer=_prefer(ctx))
    if period is None:
        return None
    period = period.with_flags(relative=relative or period.relative)
    last_text = match.group("m2") or match.group("m3")
    if last_text:
        last_month = _number(last_text)
        if match.group("listed") is not None and last_month != month + 1:
            return None  # 3、5月: two months apart, no stretch
        last_year = period.start.year + (1 if last_month < period.start.month else 0)  # 8月至2月
        last = cal.month(last_year, last_month)
        part2 = match.group("part2")
        if last is not None and part2:
            last = cal.part_of_month(last_year, last_month, MONTH_PART[part2], approximate="旬" not in part2)
        period = cal.span(period, last) if last else None
        if period is None:
            return None
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return _open(match, period, "date.zh.month", deadline=(match.group("part") or "") in ("底", "末", "下旬"))


def _year_period(year: int, match: re.Match) -> Period | None:
    if match.group("q"):
        q = match.group("q")
        if "最后" in q or "首" in q:  # 2026年最后一个季度: the fourth; 首个季度: the first
            return cal.quarter(year, 4 if "最后" in q else 1)
        return cal.quarter(year, _number(re.search(r"[一二三四1-4]", q).group(0)))  # 第二个季度, 3季度, Q3, 首个 = 第一个
    if match.group("first3"):
        return cal.Period(dt.date(year, 1, 1), dt.date(year, 10, 1), "range")
    if match.group("half"):
        return cal.half(year, 1 if match.group("half") in ("上半年", "前半年") else 2)
    if match.group("part"):
        return cal.part_of_year(year, YEAR_PART[match.group("part")])
    if match.group("season"):
        return cal.season(year, SEASONS[match.group("season")])
    if match.group("season2"):
        season = cal.season(year, SEASONS[match.group("season2")])
        month = cal.add_months(season.start, _SEASON_THIRD[match.group("spart")])
        return Period(month, cal.add_months(month, 1), "month", approximate=True)
    return cal.year(year)


_SEASON_THIRD = {"初": 0, "早": 0, "盛": 1, "仲": 1, "晚": 2, "深": 2, "暮": 2}


_YEAR_NAMED = compiled.compile(r"(?<!\d)((?:19|20)\d\d)\s?年(?![代龄])")


def build_year_period(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if match.group("yy"):
        year, relative = _two_digit_year(match.group("yy"), reference), False
    else:
        year, relative = _year_of(match, reference)
    if match.group("ry") in ("上年", "下年"):
        # 2023年，营收较上年增长20%: the year before the one the sentence names (a report's own year), not
        # the reference's; 去年 and 明年 always count from the reference.
        named = _YEAR_NAMED.findall(ctx.text, max(ctx.sentence[0], match.start() - 120), match.start())
        if named:
            year, relative = int(named[-1]) + REL_YEAR_OFFSET[match.group("ry")], False
    if year is None:
        return _open(match, None, "date.zh.year")
    if not 1000 <= year <= 2999:
        return None
    after = ctx.text[match.end() : match.end() + 2]
    plain = not any(match.group(g) for g in ("q", "first3", "half", "part", "season", "season2", "post", "approx", "same"))
    if match.group("y") and plain:
        if after[:1] == "工" or after.startswith("历史") or after.startswith("的历史"):
            return None  # 20年工龄 is never matched (four digits needed); 2000年历史 is a duration
    period = _year_period(year, match)
    if period is None:
        return None
    period = period.with_flags(relative=relative)
    if match.group("approx") or match.group("same"):  # 去年同期: the same stretch of last year, roughly
        period = period.with_flags(approximate=True)
    return _open(match, period, "date.zh.year", deadline=(match.group("part") or "") in ("底", "末"))


def build_year_range(match: re.Match, ctx: RuleContext) -> Candidate | None:
    first_text, last_text = match.group("y1") or match.group("y3"), match.group("y2") or match.group("y4")
    first, last = _number(first_text), _number(last_text)
    if not (1000 <= first < last <= 2999):
        return None
    return _candidate(match, cal.span(cal.year(first), cal.year(last)), "date.zh.year_range")


# A season, school year or fiscal year named by the two years it spans (2024/25赛季, 2024-2025学年, 2025/26财年):
# from the month such a year starts in to the same month of the next year, approximate (leagues, schools and
# governments start theirs in different months). Hong Kong's and Britain's fiscal years start in April.
TWO_YEAR_LABEL = _compile(
    r"(?<![\d/.-])(?P<y1>(?:19|20)\d\d)\s?[/\-–]\s?(?P<y2>\d\d|(?:19|20)\d\d)(?![\d/.-])\s?(?P<kind>赛季|賽季|学年|學年|财年|財年|财政年度|財政年度)"
)
_TWO_YEAR_START = {"赛季": 7, "賽季": 7, "学年": 9, "學年": 9, "财年": 4, "財年": 4, "财政年度": 4, "財政年度": 4}


def build_two_year_label(match: re.Match, ctx: RuleContext) -> Candidate | None:
    first, second = int(match.group("y1")), match.group("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last != first + 1:
        return None
    month = _TWO_YEAR_START[match.group("kind")]
    period = Period(dt.date(first, month, 1), dt.date(last, month, 1), "year", approximate=True)
    return _candidate(match, period, "date.zh.two_year_label")


def build_bare_period(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.period")
    if match.group("q"):
        q = match.group("q")
        number = (int(q[-3]) if q[-3].isdigit() else _number(q[-3])) if q.endswith("季度") else int(q[-1])
        period = resolve.pick_year(lambda y: cal.quarter(y, number), reference, prefer=_prefer(ctx))
    elif match.group("first3"):
        period = Period(dt.date(reference.year, 1, 1), dt.date(reference.year, 10, 1), "range", relative=True)
    else:
        h = 1 if match.group("half") == "上半年" else 2
        period = resolve.pick_year(lambda y: cal.half(y, h), reference, prefer=_prefer(ctx))
    return _candidate(match, period, "date.zh.period")


def build_relative(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.relative")
    word = match.group("word")
    if word in REL_DAY_OFFSET:
        target = reference + dt.timedelta(days=REL_DAY_OFFSET[word])
        period = cal.day(target.year, target.month, target.day)
    elif "季度" in word:
        offset = -1 if word.startswith("上") else 1 if word.startswith("下") else 0
        this_quarter = cal.quarter(reference.year, (reference.month - 1) // 3 + 1)
        start = cal.add_months(this_quarter.start, 3 * offset)
        period = cal.quarter(start.year, (start.month - 1) // 3 + 1)
    elif word[:2] in ("月初", "月中", "月底", "月末"):
        period = cal.part_of_month(reference.year, reference.month, MONTH_PART[word[1]])
    elif word[:2] in ("年初", "年中", "年底", "年末"):
        period = cal.part_of_year(reference.year, YEAR_PART[word[1]])
    else:
        offset = -1 if word.startswith("上") else 1 if word.startswith("下") else 0
        offset *= 2 if word[:2] in ("上上", "下下") else 1  # 上上个月: the month before last
        start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
        period = cal.month(start.year, start.month)
    if match.group("sofar"):  # 年初至今: from the start of the period through the reference day
        if period.start > reference:
            return None
        period = Period(period.start, reference + dt.timedelta(days=1), "day")
    return _open(match, period.with_flags(relative=True), "date.zh.relative", deadline=word[-1] in "底末")


def build_week(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.relative")
    monday = cal.week(reference).start + dt.timedelta(weeks=WEEK_OFFSET[match.group("wk")])
    if match.group("end"):
        period = Period(monday + dt.timedelta(days=5), monday + dt.timedelta(days=7), "day")
    elif match.group("early"):
        period = Period(monday, monday + dt.timedelta(days=3), "week", approximate=True)
    else:
        period = Period(monday, monday + dt.timedelta(days=7), "week")
    return _open(match, period.with_flags(relative=True), "date.zh.relative", deadline=bool(match.group("end")))


def build_halves(match: re.Match, ctx: RuleContext) -> Candidate | None:
    """上半月 [1st, 16th), 下半月 [16th, next 1st); 上半周 [Mon, Thu), 下半周 [Thu, next Mon); 上个半年."""
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.relative")
    if match.group("rel"):
        this_half = 1 if reference.month <= 6 else 2
        index = reference.year * 2 + this_half - 1 + (-1 if match.group("rel") == "上" else 1)
        period = cal.half(index // 2, index % 2 + 1)
    elif match.group("unit") == "月":
        first = dt.date(reference.year, reference.month, 1)
        middle = first.replace(day=16)
        period = Period(first, middle, "month") if match.group("which") in "上前" else Period(middle, cal.add_months(first, 1), "month")
    else:
        monday = cal.week(reference).start
        thursday = monday + dt.timedelta(days=3)
        period = Period(monday, thursday, "week") if match.group("which") in "上前" else Period(thursday, monday + dt.timedelta(days=7), "week")
    return _candidate(match, period.with_flags(relative=True), "date.zh.relative")


def build_month_part(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.relative")
    offset = -1 if match.group("rm").startswith("上") else 1 if match.group("rm").startswith("下") else 0
    start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
    part = match.group("part")
    period = cal.part_of_month(start.year, start.month, MONTH_PART[part], approximate="旬" not in part)
    return _open(match, period.with_flags(relative=True), "date.zh.relative", deadline=part in ("底", "末"))


def _weekday(match: re.Match, ctx: RuleContext, reference: dt.date) -> Period:
    weekday = min("一二三四五六日天".index(match.group("wd")), 6)
    which = match.group("which")
    if which:
        target = cal.week(reference).start + dt.timedelta(weeks=WEEK_OFFSET[which], days=weekday)
        return Period(target, target + dt.timedelta(days=1), "day", relative=True)
    return resolve.pick_weekday(reference, weekday, prefer=_prefer(ctx), same_day_is_today=resolve.news_default(ctx))


def build_weekday(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.weekday")
    return _candidate(match, _weekday(match, ctx, reference).with_flags(relative=True), "date.zh.weekday")


def _month_of_anchor(match: re.Match, ctx: RuleContext) -> Period | None:
    """The month an ORDINAL or DAY_OF_MONTH match speaks of (十月, 2021年10月, 本月, 上个月)."""
    reference = ctx.analysis.reference_date
    g = match.groupdict()
    if g.get("rm"):
        if reference is None:
            return None
        rm = g["rm"]
        offset = -2 if rm.startswith("上上") else -1 if rm.startswith("上") else 1 if rm.startswith("下") else 0
        start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
        return cal.month(start.year, start.month).with_flags(relative=True)
    month = _number(g["m"])
    if g.get("my"):
        return cal.month(_number(g["my"]), month)
    if reference is None:
        return None
    if g.get("mry"):  # 明年3月的第一个周一
        return cal.month(reference.year + REL_YEAR_OFFSET[g["mry"]], month).with_flags(relative=True)
    return resolve.pick_year(lambda y: cal.month(y, month), reference, prefer=_prefer(ctx))


def build_ordinal(match: re.Match, ctx: RuleContext) -> Candidate | None:
    """第一周, 前2周, 最后3周, 第三个月, 前10天, 最后一个星期一 of a year or a month."""
    reference = ctx.analysis.reference_date
    g = match.groupdict()
    if g.get("y") or g.get("ry"):
        if g.get("ry"):
            if reference is None:
                return _candidate(match, None, "date.zh.ordinal")
            year, relative = reference.year + REL_YEAR_OFFSET[g["ry"]], True
        else:
            year, relative = _number(g["y"]), False
        if not 1000 <= year <= 2999:
            return None
        whole = cal.year(year).with_flags(relative=relative)
    else:
        whole = _month_of_anchor(match, ctx)
        if whole is None:
            return _candidate(match, None, "date.zh.ordinal")
    unit = g.get("u") or g.get("u2")
    if g.get("bday"):  # the n-th working or trading day: Monday to Friday but New Year's Day (other public
        # holidays, China's make-up working weekends among them, are not known here)
        days = [whole.start + dt.timedelta(days=i) for i in range((whole.end - whole.start).days)]
        working = [d for d in days if d.weekday() < 5 and (d.month, d.day) != (1, 1)]
        index = -1 if g["bnth"] == "最后一" else "一二三四五".index(g["bnth"][1])
        if not working or index >= len(working):
            return None
        target = working[index]
        period = Period(target, target + dt.timedelta(days=1), "day")
    elif g.get("wd"):
        weekday = min("一二三四五六日天".index(g["wd"]), 6)
        if g["nth"] == "最后一":
            last = whole.end - dt.timedelta(days=1)
            target = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        else:
            first = whole.start + dt.timedelta(days=(weekday - whole.start.weekday()) % 7)
            target = first + dt.timedelta(weeks="一二三四五".index(g["nth"][1]))
        if not whole.start <= target < whole.end:
            return None
        period = Period(target, target + dt.timedelta(days=1), "day")
    else:
        count = _number(g.get("n") or g.get("n2"))
        if count <= 0 or count > 366:
            return None
        last = g.get("dir") == "最后"
        if unit in ("周", "星期"):
            step, grain = dt.timedelta(weeks=1), "week"
            if g.get("n"):
                start = _first_week(whole.start) + step * (count - 1)
                end = start + step
            elif last:
                end = _last_week(whole.end) + step
                start = end - step * count
            else:
                start = _first_week(whole.start)
                end = start + step * count
        elif unit == "月":
            if whole.grain != "year":
                return None
            grain = "month"
            if g.get("n"):
                if count > 12:
                    return None
                start = cal.add_months(whole.start, count - 1)
                end = cal.add_months(start, 1)
            elif last:
                end, start = whole.end, cal.add_months(whole.end, -count)
            else:
                start, end = whole.start, cal.add_months(whole.start, count)
        else:
            grain = "day"
            if g.get("n"):
                start = whole.start + dt.timedelta(days=count - 1)
                end = start + dt.timedelta(days=1)
            elif last:
                end, start = whole.end, whole.end - dt.timedelta(days=count)
            else:
                start, end = whole.start, whole.start + dt.timedelta(days=count)
        if start < whole.start - dt.timedelta(days=6) or end > whole.end + dt.timedelta(days=6):
            return None
        period = Period(start, end, grain)
    return _candidate(match, period.with_flags(relative=whole.relative), "date.zh.ordinal")


def build_day_of_month(match: re.Match, ctx: RuleContext) -> Candidate | None:
    """29日 alone: the day of the latest month that has it, not after the reference (or the next, for the
    future); 本月10日, 上个月5日: the day of that month."""
    reference = ctx.analysis.reference_date
    if reference is None:
        return _open(match, None, "date.zh.day")
    if match.group("rm"):
        month = _month_of_anchor(match, ctx)
        period = cal.day(month.start.year, month.start.month, _number(match.group("d"))) if month else None
    else:
        period = resolve.pick_day_of_month(reference, _number(match.group("bd")), prefer=_prefer(ctx))
    if period is None:
        return None
    return _open(match, period.with_flags(relative=True), "date.zh.day")


def build_decade(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if match.group("full"):
        if match.group("century"):
            return None  # 二十世纪1990年代: not a form
        return _candidate(match, _decade_part(cal.decade(int(match.group("full"))), match), "date.zh.decade")
    dec = match.group("dec")
    tens = 0 if dec in ("零", "〇") else _number(dec)
    century_word = match.group("century") or ""
    if match.group("cn"):
        number = _number(match.group("cn"))
        if not 1 <= number <= 29:
            return None
        century = (number - 1) * 100
    elif century_word == "本世纪":
        century = 2000
    elif century_word:
        century = 1900
    else:
        century = 1900
        if tens < 30 and ctx.analysis.reference_date is not None:
            century = 2000 if 2000 + tens <= ctx.analysis.reference_date.year else 1900
    # 上世纪 names the century through the reference date: relative, as 去年 is.
    relative = century_word.startswith("上") or century_word == "本世纪"
    return _candidate(match, _decade_part(cal.decade(century + tens), match).with_flags(relative=relative), "date.zh.decade")


def _decade_part(period: Period, match: re.Match) -> Period:
    """九十年代初: the first three years of the decade, 中期 the middle four, 末 the last three (approximate),
    as the English early/mid/late 1990s read."""
    part = _DECADE_PARTS.get(match.group("dpart") or "")
    if part is None:
        return period
    first = period.start.year
    low, high = {"early": (0, 3), "mid": (3, 7), "late": (7, 10)}[part]
    return Period(dt.date(first + low, 1, 1), dt.date(first + high, 1, 1), "decade", approximate=True)


def build_era(match: re.Match, ctx: RuleContext) -> Candidate | None:
    """康熙二十年 → 1681, 民国三年 → 1914. Imperial years and months are lunar: approximate."""
    n = match.group("n")
    year = ERA_FIRST_YEAR[match.group("era")] + (0 if n == "元" else _number(n) - 1)
    if not 1 <= year <= 2999:
        return None
    approximate = match.group("era") != "民国"
    if match.group("d"):
        d = match.group("d")
        month = 1 if match.group("m") == "正" else _number(match.group("m"))
        period = cal.day(year, month, _number(d[1:] if d.startswith("初") else d))
    elif match.group("m"):
        period = cal.month(year, 1 if match.group("m") == "正" else _number(match.group("m")))
    else:
        period = cal.year(year)
    return _candidate(match, period.with_flags(approximate=approximate), "date.zh.era") if period else None


# --- Holidays, festivals, solar terms and dates of the Chinese calendar -------------------------------
# 春节, 2027年中秋节, 今年国庆, 明年清明节前后, 冬至; 正月初七, 农历二月二十八日, 腊月廿三, 农历闰五月初一. The
# names and their dates are data (data/claims/holidays_zh.json); lunar dates and solar terms are dated by
# lunar-python. A holiday without its year takes the date policy's reading (claims/date/resolve.py).
_HOLIDAYS = lexicon("holidays_zh")
# 东正教复活节, 东正教圣周五: the Western feasts' names after 东正教, counted from Orthodox Easter.
# Seasons are left out: the Orthodox Great Lent is reckoned otherwise (from Clean Monday).
_ORTHODOX = {"东正教" + name: offset for name, offset in _HOLIDAYS["easter"].items() if isinstance(offset, int)}
_HOLIDAY_NAMES = [
    n for kind in ("lunar", "solar", "term", "nth_weekday", "easter", "orthodox", "hijri", "world", "english")
    for n in _HOLIDAYS[kind]
]
_HOLIDAY_NAMES += list(_ORTHODOX)
# A name matches in either script (聖誕節, 勞動節): a trie of every spelling, cheap on any text; the
# builder reads it back in simplified form.
_HOLIDAY_PATTERN = trie_alternation(spelling for name in _HOLIDAY_NAMES for spelling in all_spellings(name))
# The rule finds the names alone, then reads the year and the open-end words around each one with
# HOLIDAY, anchored where they start.
HOLIDAY_NAME = compiled.compile(rf"(?<![{ZH_DIGIT_CHARS}\d十])(?:{_HOLIDAY_PATTERN})")
_NEEDS_CONTEXT = set(_HOLIDAYS["needs_context"])
_CONTEXT_AFTER = compiled.compile(trie_alternation(spelling for word in _HOLIDAYS["context_after"] for spelling in all_spellings(word)))
HOLIDAY = _compile(
    rf"{PRE}(?:(?:(?P<y>{YEAR_NUM})年|(?P<ry>{REL_YEAR}))的?)?(?<![{ZH_DIGIT_CHARS}\d十])(?P<name>{_HOLIDAY_PATTERN})"
    r"(?P<break>小长假|长假|假期|黄金周|放假期间|期间)?(?P<eve>前夕)?"
    # 国庆假期第三天, 五一假期首日, 春节假期最后一天: a day inside it
    rf"(?:的?(?:第(?P<inside>\d{{1,2}}|[{CN}十]{{1,3}})[天日]|(?P<first>首日|第一天|头一天)|(?P<last>最后一天|最后一日|末日|收官日)"
    rf"|(?<=[期假周])前(?P<lead>[两{CN}]|\d)[天日]))?"  # 国庆假期前三天: its first three days
    # 国庆节后第三天 (three days after it), 春节后第一个交易日 / 节后首个工作日 (the first working day after its break)
    rf"(?:(?:后|後|之后|之後)的?(?:第(?P<nth>\d{{1,2}}|[{CN}十]{{1,3}})[天日]|(?:第一个|第一個|首个|首個)(?P<bday>工作日|交易日)))?"
    rf"(?P<approx>{APPROX_SUFFIX})?{POST}"
)
# The days off the State Council sets around a statutory festival (春节假期, 国庆长假, 五一小长假): from the
# holidays package's calendar of China, the run of days off (its holidays, and weekends that are not made
# working days) that holds the festival: 2025's Spring Festival break is 28 January to 4 February.
_STATUTORY = {"春节": "Chinese New Year (Spring Festival)", "国庆节": "National Day", "国庆": "National Day",
              "劳动节": "Labor Day", "五一": "Labor Day", "端午节": "Dragon Boat Festival", "端午": "Dragon Boat Festival",
              "中秋节": "Mid-Autumn Festival", "中秋": "Mid-Autumn Festival", "清明节": "Tomb-Sweeping Day",
              "清明": "Tomb-Sweeping Day", "元旦": "New Year's Day"}  # fmt: skip


@functools.lru_cache(maxsize=256)
def statutory_break(name: str, year: int) -> Period | None:
    """The days off around statutory festival ``name`` in ``year``, or None outside the package's tables."""
    import holidays

    english = _STATUTORY.get(name)
    if english is None:
        return None
    try:
        days = dict(holidays.country_holidays("CN", years=(year - 1, year, year + 1), language="en_US"))
    except Exception:  # noqa: BLE001 - a year past the tables: no break known
        return None
    working = set()
    for label in days.values():
        for made in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", label):
            working.add(dt.date(int(made[2]), int(made[0]), int(made[1])))
    anchors = sorted(d for d, label in days.items() if d.year == year and english in label.replace(" (observed)", ""))
    if not anchors:
        return None

    def off(day: dt.date) -> bool:
        return day in days or (day.weekday() >= 5 and day not in working)

    start = end = anchors[0]
    while off(start - dt.timedelta(days=1)):
        start -= dt.timedelta(days=1)
    while off(end + dt.timedelta(days=1)):
        end += dt.timedelta(days=1)
    return Period(start, end + dt.timedelta(days=1), "day")
_LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "十一": 11, "冬": 11, "十二": 12, "腊": 12}  # fmt: skip
_LUNAR_DAY = r"初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十|[一二三四五六七八九十]"
# A lunar date says so: 农历/阴历 before it, a month only the lunar calendar has (正月, 冬月, 腊月), or a day
# counted the lunar way (初七, 廿三). 八月十五 alone stays Gregorian.
LUNAR_DATE = _compile(
    rf"{PRE}(?:(?:(?P<y>{YEAR_NUM})年|(?P<ry>{REL_YEAR}))的?)?"
    rf"(?:(?P<nl>农历|阴历|旧历)(?P<leap1>闰)?(?P<m1>十[一二]|[正一二三四五六七八九十冬腊])月(?P<d1>{_LUNAR_DAY})[日号]?"
    rf"|(?P<leap2>闰)?(?P<m2>[正冬腊])月(?P<d2>{_LUNAR_DAY})?"
    rf"|(?P<leap3>闰)?(?P<m3>十[一二]|[一二三四五六七八九十])月(?P<d3>初[一二三四五六七八九十]|廿[一二三四五六七八九]))"
    rf"{POST}"
)


def _lunar_day_number(text: str) -> int:
    if text.startswith("初"):
        return _number(text[1:])
    if text.startswith("廿"):
        return 20 + _number(text[1:])
    return _number(text)


def _solar(lunar_date) -> dt.date:
    solar = lunar_date.getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.lru_cache(maxsize=4096)
def lunar_to_solar(year: int, month: int, day_of_month: int | None, leap: bool) -> Period | None:
    """The Gregorian day (or, without a day, the span) of a date of lunar year ``year``."""
    from lunar_python import Lunar, LunarYear

    try:
        lunar_year = LunarYear.fromYear(year)
        if leap and lunar_year.getLeapMonth() != month:
            return None
        lunar_month = lunar_year.getMonth(-month if leap else month)
        if lunar_month is None:
            return None
        days = lunar_month.getDayCount()
        if day_of_month is None:
            start = _solar(Lunar.fromYmd(year, -month if leap else month, 1))
            return Period(start, start + dt.timedelta(days=days), "month")
        if not 1 <= day_of_month <= days:
            return None
        start = _solar(Lunar.fromYmd(year, -month if leap else month, day_of_month))
    except Exception:  # a year outside the library's table
        return None
    return Period(start, start + dt.timedelta(days=1), "day")


@functools.lru_cache(maxsize=1024)
def solar_term(year: int, name: str) -> Period | None:
    """The day of solar term ``name`` in Gregorian year ``year``."""
    from lunar_python import Lunar

    for lunar_year in (year, year + 1):
        try:
            table = Lunar.fromYmd(lunar_year, 1, 1).getJieQiTable()
        except Exception:
            return None
        solar = table.get(name)
        if solar is not None and solar.getYear() == year:
            start = dt.date(year, solar.getMonth(), solar.getDay())
            return Period(start, start + dt.timedelta(days=1), "day")
    return None


def _from_easter(easter: dt.date, offset: int | list) -> Period:
    """A feast ``offset`` days from Easter, or a season [first, end) of them (Lent: [-46, 0))."""
    first, end = (offset, offset + 1) if isinstance(offset, int) else offset
    return Period(easter + dt.timedelta(days=first), easter + dt.timedelta(days=end), "day")


@functools.lru_cache(maxsize=4096)  # the calendars behind it cost ~0.3 ms a call
def _holiday_in(name: str, year: int) -> Period | None:
    """The day of holiday ``name`` in the Gregorian year ``year`` (a lunar festival: the one of that lunar
    year, which falls in that Gregorian year except 除夕 and late 腊月 days)."""
    if name in _HOLIDAYS["solar"]:
        month, day_of_month = _HOLIDAYS["solar"][name]
        return cal.day(year, month, day_of_month)
    if name in _HOLIDAYS["term"]:
        return solar_term(year, _HOLIDAYS["term"][name])
    if name in _HOLIDAYS["easter"]:
        return _from_easter(cal.easter(year), _HOLIDAYS["easter"][name])
    if name in _ORTHODOX:
        return _from_easter(cal.orthodox_easter(year), _ORTHODOX[name])
    if name in _HOLIDAYS["orthodox"]:  # 拉撒路圣周六 (Lazarus Saturday): kept by the Orthodox churches alone
        return _from_easter(cal.orthodox_easter(year), _HOLIDAYS["orthodox"][name])
    if name in _HOLIDAYS["hijri"]:  # 开斋节, 古尔邦节, 斋月: the Islamic calendar (calendar.hijri_period)
        return cal.hijri_period(year, *_HOLIDAYS["hijri"][name])
    if name in _HOLIDAYS["english"]:  # 黑色星期五: as the English rules date Black Friday
        from extractor.claims.date.en import holiday_date

        found = holiday_date(_HOLIDAYS["english"][name], year)
        return cal.day(found.year, found.month, found.day) if found else None
    if name in _HOLIDAYS["world"]:
        from extractor.claims.date.en import world_holiday

        country, english, *length = _HOLIDAYS["world"][name]
        found = world_holiday(country, english, year)
        if found is None:
            return None
        days = length[0] if length else 1  # 光明节 (Hanukkah) lasts eight days
        return Period(found, found + dt.timedelta(days=days), "day")
    if name in _HOLIDAYS["nth_weekday"]:
        found = cal.nth_weekday(year, *_HOLIDAYS["nth_weekday"][name])
        return cal.day(found.year, found.month, found.day) if found else None
    rule = _HOLIDAYS["lunar"][name]
    if rule == "eve":  # the last day of the twelfth month: the day before the next lunar new year
        next_new_year = lunar_to_solar(year + 1, 1, 1, False)
        if next_new_year is None:
            return None
        start = next_new_year.start - dt.timedelta(days=1)
        return Period(start, next_new_year.start, "day")
    return lunar_to_solar(year, rule[0], rule[1], False)


_BEFORE_HOLIDAY = compiled.compile(rf"(?:{PRE}(?:(?:{YEAR_NUM})年|(?:{REL_YEAR}))的?|自从|自|从)$".replace("(?P<pre>", "(?:"))


def build_holiday_name(found: re.Match, ctx: RuleContext) -> Candidate | None:
    """A holiday's name, then the whole expression read around it (2027年国庆节前后, 自元旦起)."""
    start = found.start()
    window = max(ctx.sentence[0], start - 12)
    before = _BEFORE_HOLIDAY.search(ctx.text, window, start)
    for begin in ((before.start(), start) if before else (start,)):
        match = HOLIDAY.match(ctx.text, begin)
        if match is not None and match.start("name") == start and match.end("name") == found.end():
            return build_holiday(match, ctx)
    return None


def build_holiday(match: re.Match, ctx: RuleContext) -> Candidate | None:
    name = to_simplified(match.group("name"))
    if match.group("break") == "期间" and name not in _STATUTORY:
        # 开斋节期间 is the festival itself (期间 out of the span); 国庆节期间 is the statutory days off
        shorter = HOLIDAY.match(ctx.text, match.start(), match.start("break"))
        if shorter is None:
            return None
        match = shorter
    has_year = bool(match.group("y") or match.group("ry"))
    if name in _NEEDS_CONTEXT and not has_year and _CONTEXT_AFTER.match(ctx.text, match.end("name")) is None:
        return None  # 小雪 (light snow), 政治清明, 五一 in a number: a date only with a year or a holiday word
    reference = ctx.analysis.reference_date
    year, _ = _year_of(match, reference)
    if match.group("break") and name in _STATUTORY:
        def make(y: int) -> Period | None:
            return statutory_break(name, y)
    else:
        def make(y: int) -> Period | None:
            return _holiday_in(name, y)
    if year is not None:
        period = make(year)
        period = period.with_flags(relative=bool(match.group("ry"))) if period else None
    elif reference is None:
        return _open(match, None, "date.zh.holiday")
    else:
        period = resolve.pick_year(make, reference, prefer=_prefer(ctx))
    if period is None:
        return None
    if match.group("inside") or match.group("first") or match.group("last"):
        if match.group("last"):
            day = period.end - dt.timedelta(days=1)
        else:
            day = period.start + dt.timedelta(days=_number(match.group("inside")) - 1 if match.group("inside") else 0)
        if not period.start <= day < period.end + dt.timedelta(days=7):
            return None  # 春节第九十天: no day of it
        period = Period(day, day + dt.timedelta(days=1), "day", period.relative)
    if match.group("lead") and match.group("break"):
        days = 2 if match.group("lead") == "两" else _number(match.group("lead"))
        if not 1 <= days < (period.end - period.start).days:
            return None
        period = Period(period.start, period.start + dt.timedelta(days=days), "day", period.relative)
    if match.group("nth"):
        start = period.start + dt.timedelta(days=_number(match.group("nth")))
        period = Period(start, start + dt.timedelta(days=1), "day", period.relative)
    elif match.group("bday"):
        year = period.start.year
        after = statutory_break(name, year) if name in _STATUTORY else None
        day = (after or period).end
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        period = Period(day, day + dt.timedelta(days=1), "day", period.relative)
    if match.group("eve"):  # 端午节前夕: the day before it, roughly
        eve = period.start - dt.timedelta(days=1)
        period = Period(eve, period.start, "day", period.relative, True)
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return _open(match, period, "date.zh.holiday")


def build_lunar_date(match: re.Match, ctx: RuleContext) -> Candidate | None:
    for index in "123":
        if match.group("m" + index):
            month_text, day_text, leap = match.group("m" + index), match.group("d" + index), match.group("leap" + index)
            break
    month = _LUNAR_MONTHS[month_text]
    day_of_month = _lunar_day_number(day_text) if day_text else None
    reference = ctx.analysis.reference_date
    year, relative = _year_of(match, reference)
    if year is not None:
        period = lunar_to_solar(year, month, day_of_month, bool(leap))
        period = period.with_flags(relative=relative) if period else None
    elif reference is None:
        return _open(match, None, "date.zh.lunar")
    else:
        # the lunar year that puts the date nearest the reference's: its own, or the one before (腊月 of the
        # lunar year begun last winter) or after
        period = resolve.pick_year(lambda y: lunar_to_solar(y, month, day_of_month, bool(leap)), reference, prefer=_prefer(ctx))
    if period is None:
        return None
    return _open(match, period, "date.zh.lunar")


# What every match a builder keeps contains, for the prefilter (claims/prefilter.py). build_datetime keeps
# a clock time (3点, 17时, 5:00, 3pm; a first clock without 点 only before a second one that has it) or a part
# of a day (上午, 今晚). A month match ends in 月: the first month of 1-10月 borrows its 月 through a
# lookahead, and the range after it, which the lookahead has just seen, is then matched too.
TIME_GATE = rf"[点时:]|{DAY_PART}|{NIGHT_DAY}|[AaPp]\.?[Mm]"
MONTH_GATE = "月"

# -- Five-Year Plans: “十四五”时期, 十四五规划, 十五五期间 → their five years. The n-th plan from the third on
# began in 1966 + 5 (n - 3) (the first ran 1953-1957, the second 1958-1962, then 1963-1965 adjusted); only
# with quotes or a word after it (九五之尊 is an idiom) -----------------------------------------------------
FIVE_YEAR_PLAN = _compile(
    r"(?:[“\"「](?P<nq>十[一二三四五六七八九]|[三四五六七八九])五[”\"」](?P<wq>规划|计划|时期|期间|末期|期末|初期|开局之年|收官之年|以来)?"
    r"|(?<![一二三四五六七八九十])(?P<n>十[一二三四五六七八九]|[三四五六七八九])五(?P<w>规划|计划|时期|期间|末期|期末|初期|开局之年|收官之年|以来))"
)


def build_five_year_plan(match: re.Match, ctx: RuleContext) -> Candidate | None:
    number = _number(match.group("nq") or match.group("n"))
    first = 1966 + 5 * (number - 3)
    word = match.group("wq") or match.group("w") or ""
    if word in ("末期", "期末", "收官之年"):
        period = cal.year(first + 4).with_flags(approximate=word != "收官之年")
    elif word in ("初期", "开局之年"):
        period = cal.year(first).with_flags(approximate=word != "开局之年")
    else:
        period = Period(dt.date(first, 1, 1), dt.date(first + 5, 1, 1), "year")
    if word == "以来":
        period = Period(period.start, None, "range")
    return _candidate(match, period, "date.zh.five_year_plan")


RULES = [
    *numeric.RULES,
    Rule("date.zh.open_iso", OPEN_ISO, build_open_iso),
    Rule("date.zh.day", FULL, build_full),
    Rule("date.zh.time", DATETIME, build_datetime, gate=TIME_GATE),
    Rule("date.zh.year_range", YEAR_RANGE, build_year_range),
    Rule("date.zh.two_year_label", TWO_YEAR_LABEL, build_two_year_label),
    Rule("date.zh.month", MONTH, build_month, gate=MONTH_GATE),
    Rule("date.zh.year", YEAR_PERIOD, build_year_period),
    Rule("date.zh.period", BARE_PERIOD, build_bare_period),
    Rule("date.zh.relative", RELATIVE, build_relative),
    Rule("date.zh.week", WEEK, build_week),
    Rule("date.zh.halves", HALVES, build_halves),
    Rule("date.zh.relative_month_part", REL_MONTH_PART, build_month_part),
    Rule("date.zh.weekday", WEEKDAY, build_weekday),
    Rule("date.zh.ordinal", ORDINAL, build_ordinal, gate="第|前|首|头|頭|最后"),
    Rule("date.zh.day_of_month", DAY_OF_MONTH, build_day_of_month),
    Rule("date.zh.decade", DECADE, build_decade),
    Rule("date.zh.era", ERA, build_era),
    Rule("date.zh.holiday", HOLIDAY_NAME, build_holiday_name),
    Rule("date.zh.lunar", LUNAR_DATE, build_lunar_date, gate="月"),
    Rule("date.zh.five_year_plan", FIVE_YEAR_PLAN, build_five_year_plan),
]


# -- the grammar (claims/engine): a period from two dates and a connector --------------------------------
# 上周四到本周二, 前天中午到明天晚上, 下周一到周三: the rules above find each end; the interval runs from the
# start of the first to the end of the second. A second end that names only a weekday is read in the
# first end's week or after it (下周一到周三 is next Monday to next Wednesday), as the phrase means.

from extractor.claims import engine  # noqa: E402
from extractor.claims.engine import Dim, Regex  # noqa: E402

INTERVAL_SEP = r"(?:到|至|-|~)"


def _moment(text: str | None):
    return None if text is None else (dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text))


def _interval(parts, chart) -> dict | None:
    first, second = parts[0], parts[-1]
    low, high = first.value, second.value
    if not (low and high and low.get("start") and low.get("end") and high.get("start") and high.get("end")):
        return None
    low, high = _readings_that_meet(low, high)
    start, end, second_start = _moment(low["start"]), _moment(high["end"]), _moment(high["start"])
    if _is_clock_instant(high):
        end = second_start  # 今晚10点至次日凌晨2点 ends at 02:00, as a time range ends at its second time
    if _as_time(second_start) < _as_time(start):
        if second.rule != "date.zh.weekday":
            return None  # the second end is before the first: two dates, no period
        # the same weekday, in the first end's week or after it
        weeks = -(-(_as_day(start) - _as_day(second_start)).days // 7)
        end = end + dt.timedelta(weeks=weeks)
    if _as_time(end) <= _as_time(start):
        return None
    return {"start": start.isoformat(), "end": end.isoformat(), "grain": "range",
            "relative": bool(low.get("relative") or high.get("relative")), "approximate": bool(low.get("approximate") or high.get("approximate"))}


def _readings_that_meet(low: dict, high: dict) -> tuple[dict, dict]:
    """The two ends of a range read together: an end whose year or month the policy chose on its own takes,
    among its readings, the one nearest the other end on its side (12月15日至明年2月28日 said in early
    December: this December, not last; 20日17时至21日8时: the 21st after the 20th, not a month before)."""
    low_others, high_others = low.get("alternatives") or [], high.get("alternatives") or []
    if low_others and not high_others:
        before = [r for r in (low, *low_others) if _as_time(_moment(r["start"])) < _as_time(_moment(high["start"]))]
        if before:
            low = {**low, **max(before, key=lambda r: _as_time(_moment(r["start"])))}
    elif high_others:
        after = [r for r in (high, *high_others) if _as_time(_moment(r["start"])) > _as_time(_moment(low["start"]))]
        if after:
            high = {**high, **min(after, key=lambda r: _as_time(_moment(r["start"])))}
    return low, high


_ONE_GRAIN = {"hour": dt.timedelta(hours=1), "minute": dt.timedelta(minutes=1), "second": dt.timedelta(seconds=1)}


def _is_clock_instant(value: dict) -> bool:
    """A clock time (2点, 10:30) as opposed to a part of a day (晚上): one unit of its grain long."""
    step = _ONE_GRAIN.get(value.get("grain"))
    if step is None or "T" not in value["start"] or "T" not in value["end"]:
        return False
    return dt.datetime.fromisoformat(value["end"]) - dt.datetime.fromisoformat(value["start"]) == step


def _as_day(moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _as_time(moment) -> dt.datetime:
    """A day as its midnight, so that days and clock times compare."""
    return moment if isinstance(moment, dt.datetime) else dt.datetime(moment.year, moment.month, moment.day)


def _closed_date(value) -> bool:
    return bool(value) and value.get("start") is not None and value.get("end") is not None and value.get("grain") != "range"


GRAMMAR = (
    engine.Rule("date.zh.interval", "date", (Dim("date", _closed_date), Regex(INTERVAL_SEP), Dim("date", _closed_date)), _interval, spaced=True),
)


# -- the grammar: dates from durations (claims/duration) ---------------------------------------------------
# 三天前, 两个月后, 十几年前 (a day, month or years that far from the reference); 上两个月, 前两年, 下三周 (the
# whole units next to the current one: 上两个月 in February is December and January); 过去三年, 近十年, 未来
# 两周 (a window ending or starting at the reference). Seconds, minutes and hours read the reference's
# clock time (2013-02-12T04:30); with a date alone they cover every moment that day allows and say so.

from extractor.claims.date import relative  # noqa: E402
from extractor.claims.duration import CLOCK_UNITS, Duration, shift  # noqa: E402
from extractor.claims.duration import zh as duration_zh  # noqa: E402

# 前/后/上/下 belong to the phrase before them when a Han word stands there (上市前两个月, 发布后三天):
# they count from now only at the start of a clause or after a function word.
_FREE = r"(?:(?<![\u3400-\u9fff])|(?<=[在的是于了和与及或从自这那]))"
AGO_WORD = rf"(?:之|以)?[前后後](?!往|进|景|提|夕|续|期|来|者|面|台|端|勤|果|悔|援|备|[\d{CN}十两半个几])"
PAST_UNITS_WORD = _FREE + r"(?:上|前)"
NEXT_UNITS_WORD = _FREE + r"(?:下|后|後)"
# 近 after a word of lasting is "nearly" (持续近一个月, 长达近两年): how long, no window up to now.
_LASTED = "".join(f"(?<!{word})" for word in ("持续", "持續", "历时", "歷時", "长达", "長達", "为期", "為期", "耗时", "耗時", "用时", "用時", "时长", "時長"))
WINDOW_WORD = rf"(?:(?:过去|過去|未来|未來)的?|(?<![接将將靠附邻鄰]){_LASTED}近|最近|此前|今后|今後|接下来的?|接下來的?)"
_FUTURE_WINDOW = ("未来", "未來", "今后", "今後")
NOW_WORD = r"(?:(?<![出实實体體表发發])(?:现在|現在)|此刻|此时|此時|而家)"  # not 出现在, 体现在, 发现在


def _ago(parts, chart) -> dict | None:
    duration, word = parts[0].value, parts[1].group(0)
    if duration.low > 5000:
        return None
    return relative.resolved(chart, lambda analysis: relative.ago_period(analysis, duration, 1 if word[-1] in "后後" else -1))


def _past_units(parts, chart) -> dict | None:
    duration = parts[1].value
    if (
        parts[0].group(0) == "前" and duration.high is not None and duration.approximate
        and duration.unit in ("day", "week", "month", "year") and duration.high <= 100
    ):  # 前几天, 前些年 … 前几个月: a few of them ago, up to the current one, roughly
        return relative.resolved(
            chart, lambda analysis: relative.units_next_to_now(analysis, replace(duration, low=duration.high, high=None), future=False).with_flags(approximate=True)
        )
    if not duration.whole or duration.low > 1000 or (duration.unit == "quarter" and parts[0].group(0) == "前"):
        return None  # 前三季度 is the first three quarters of the year
    return relative.resolved(chart, lambda analysis: relative.units_next_to_now(analysis, duration, future=False))


def _next_units(parts, chart) -> dict | None:
    duration = parts[1].value
    if not duration.whole or duration.low > 1000:
        return None
    return relative.resolved(chart, lambda analysis: relative.units_next_to_now(analysis, duration, future=True))


def _within(parts, chart) -> dict | None:
    duration = parts[1].value
    if (duration.high or duration.low) > 1000:
        return None
    future = parts[0].group(0).rstrip("的") in _FUTURE_WINDOW or parts[0].group(0).startswith("接下")
    return relative.resolved(chart, lambda analysis: relative.window(analysis, duration, future))


_IS_DURATION = Dim("duration")
GRAMMAR = GRAMMAR + duration_zh.GRAMMAR + (
    engine.Rule("date.zh.ago", "date", (_IS_DURATION, Regex(AGO_WORD)), _ago),
    engine.Rule("date.zh.past_units", "date", (Regex(PAST_UNITS_WORD, reach=5), _IS_DURATION), _past_units),
    engine.Rule("date.zh.next_units", "date", (Regex(NEXT_UNITS_WORD, reach=5), _IS_DURATION), _next_units),
    engine.Rule("date.zh.span", "date", (Regex(WINDOW_WORD, reach=5), _IS_DURATION), _within),
    engine.Rule("date.zh.now", "date", (Regex(NOW_WORD),), relative.now),
)


# -- the grammar: a day and its weekday (12月9日（周二）, 周日，二月十号) -----------------------------------
# One date: the weekday picks among the day's readings the one that falls on it (二月十号 said in 2013
# with 周日 is 10 February 2013). When none does, the written day stands and the weekday adds nothing.

_WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _is_day(value) -> bool:
    return _closed_date(value) and value.get("grain") == "day"


def _on_weekday(day_token, weekday_token, chart) -> dict | None:
    if weekday_token.rule != "date.zh.weekday":
        return None
    written = chart.text[weekday_token.start : weekday_token.end]
    if written[:1] in "上下本这今":
        return None  # 下周二 names its own week
    weekday = _WEEKDAY_NUMBER.get(written[-1:])
    if weekday is None:
        return None
    value = day_token.value
    readings = [{"start": value["start"], "end": value["end"], "grain": "day"}, *(value.get("alternatives") or [])]
    for reading in readings:
        if dt.date.fromisoformat(reading["start"][:10]).weekday() == weekday:
            others = [r for r in readings if r is not reading and dt.date.fromisoformat(r["start"][:10]).weekday() == weekday]
            chosen = {**value, "start": reading["start"], "end": reading["end"]}
            chosen.pop("alternatives", None)
            if others:
                chosen["alternatives"] = others
            return chosen
    return value


_IS_DAY = Dim("date", _is_day)
GRAMMAR = GRAMMAR + (
    engine.Rule("date.zh.day_weekday", "date", (_IS_DAY, Regex(r"[（(]"), _IS_DAY, Regex(r"[）)]")),
                lambda parts, chart: _on_weekday(parts[0], parts[2], chart), spaced=True),
    engine.Rule("date.zh.day_weekday", "date", (_IS_DAY, _IS_DAY), lambda parts, chart: _on_weekday(parts[0], parts[1], chart), spaced=True),
    engine.Rule("date.zh.weekday_day", "date", (_IS_DAY, Regex(r"[,，]"), _IS_DAY),
                lambda parts, chart: _on_weekday(parts[2], parts[0], chart), spaced=True),
    # 周二（12月9日）: the weekday first, its day in brackets after it
    engine.Rule("date.zh.weekday_day", "date", (_IS_DAY, Regex(r"[（(]"), _IS_DAY, Regex(r"[）)]")),
                lambda parts, chart: _on_weekday(parts[2], parts[0], chart), spaced=True),
)


# -- the grammar: dates built on other dates ---------------------------------------------------------------
# 5月20日的三天后, 国庆节前两天, 重阳节后一周 (an offset from a date); 下月8日晚七点, 国庆节晚上, 儿童节下午三点十五
# (a day and a time of it); 今年的10月份 (a month in a year written apart); 端午节当天 (the day itself); 再过二十分钟
# (in twenty minutes); 这两年多来, 十年来 (the years up to now).


def _offset_from(date_token, duration: Duration, sign: int) -> dict | None:
    value = date_token.value
    if not _closed_date(value) or value.get("grain") in ("range", "decade") or not duration.whole:
        return None
    unit = duration.unit
    if unit in CLOCK_UNITS and "T" not in value["start"]:
        return None  # 三小时后 counts from a moment, not from a day
    start, end = _moment(value["start"]), _moment(value["end"])
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
        return None
    moved = shift(start, sign * duration.low, unit)
    if unit in CLOCK_UNITS:  # a time moved by minutes or hours keeps its length
        return {**value, "start": moved.isoformat(), "end": (moved + (end - start)).isoformat(), "alternatives": None}
    grain = value.get("grain")
    if grain not in ("day", "week", "month", "quarter", "year"):
        return None
    period = relative.unit_period(moved, grain)
    return {**period.as_dict(), "relative": bool(value.get("relative")), "approximate": bool(value.get("approximate"))}


def _date_then_offset(parts, chart) -> dict | None:  # 5月20日的三天后
    return _offset_from(parts[0], parts[-2].value, 1 if parts[-1].group(0)[-1] in "后後" else -1)


def _date_offset_after(parts, chart) -> dict | None:  # 国庆节前两天, 重阳节后一周
    return _offset_from(parts[0], parts[2].value, 1 if parts[1].group(0) in "后後" else -1)


# Starts only where a part of the day or an hour can (an all-optional pattern would match everywhere).
TIME_OF_DAY = _compile(rf"(?=[上下中晚凌早清傍夜深半晏\d{CN}十零两])(?P<dp>{DAY_PART})?(?:{_clock('')})?")


def _day_and_time(parts, chart) -> dict | None:
    value, match = parts[0].value, parts[1]
    if not _closed_date(value) or value.get("grain") != "day" or "T" in value["start"]:
        return None
    day = dt.date.fromisoformat(value["start"])
    part = match.group("dp")
    clock = _clock_parts(match, "", timed=True)
    if clock is None:
        if match.group("h") or match.group("hh") or not part or len(part) == 1:
            return None  # a clock that is no time (三点五), or 早/晚 alone
        period = _part_of_day(day, part)
    else:
        hour, minute, second, ampm = clock
        if match.group("h") and not re.search(r"[点时]", match.group(0)):
            return None
        period = _at(day, _hour_of_day(hour, part, ampm), minute, second)
    if period is None:
        return None
    return {**period.as_dict(), "relative": bool(value.get("relative")), "approximate": bool(value.get("approximate"))}


def _month_in_year(parts, chart) -> dict | None:  # 今年的10月份, 2025年的春节 is the holiday rule's
    year_value, month_token = parts[0].value, parts[-1]
    if not _closed_date(year_value) or year_value.get("grain") != "year" or month_token.rule not in ("date.zh.month", "date.zh.day"):
        return None
    value = month_token.value
    if not _closed_date(value) or value.get("grain") not in ("month", "day"):
        return None
    year = int(year_value["start"][:4])
    start = dt.date.fromisoformat(value["start"][:10])
    try:
        start = start.replace(year=year)
    except ValueError:
        return None  # 29 February in a common year
    period = relative.unit_period(start, value["grain"])
    return {**period.as_dict(), "relative": bool(year_value.get("relative")), "approximate": bool(value.get("approximate"))}


def _that_night(parts, chart) -> dict | None:
    value = parts[0].value
    day = dt.date.fromisoformat(value["start"][:10])
    period = _part_of_day(day, "夜间" if parts[1].group("w")[-1] == "夜" else "晚上")
    return {**period.as_dict(), "relative": bool(value.get("relative"))}


def _in_from_now(parts, chart) -> dict | None:  # 再过二十分钟
    duration = parts[1].value
    return relative.resolved(chart, lambda analysis: relative.ago_period(analysis, duration, 1))


def _within(parts, chart) -> dict | None:
    """三天内, 30日以内, 一周之内: from the reference on, where the clause looks ahead (将在三天内完成, 预计
    30天内到账); elsewhere 上市三天内就售罄 counts from another event, no date of its own."""
    duration = parts[0].value
    context = chart.context
    context.position = parts[0].start  # the policy reads the tense of this clause
    if _prefer(context) not in ("future", "future-cue"):
        return None
    amount, unit = duration.high or duration.low, duration.unit

    def build(analysis) -> Period | None:
        if unit in CLOCK_UNITS:
            return relative.clock_span(analysis, duration, lambda now: Period(now, shift(now, amount, unit), unit))
        reference = analysis.reference_date
        return Period(reference, shift(reference, amount, unit), relative.grain(unit), True, duration.approximate)

    return relative.resolved(chart, build)


def _years_up_to_now(parts, chart) -> dict | None:  # 这两年多来, 十年来
    duration = parts[-2].value if len(parts) > 2 else parts[0].value
    if duration.unit in CLOCK_UNITS:
        return None
    return relative.resolved(chart, lambda analysis: relative.window(analysis, duration, future=False))


def _day_next_to(parts, chart) -> dict | None:  # 复活节前夜, 春节次日, 庞格尔节第四天
    value, word = parts[0].value, parts[1].group(0)
    if not _closed_date(value) or value.get("grain") != "day" or "T" in value["start"]:
        return None
    start, end = dt.date.fromisoformat(value["start"]), dt.date.fromisoformat(value["end"])
    if word.startswith("第"):
        number = _number(word[1:-1])
        if not 1 <= number <= 366:
            return None
        day = start + dt.timedelta(days=number - 1)
    elif word in ("前夜", "前一天", "前一日", "前日"):
        day = start - dt.timedelta(days=1)
    else:
        day = end
    return {**cal.day(day.year, day.month, day.day).as_dict(), "relative": bool(value.get("relative")),
            "approximate": bool(value.get("approximate"))}


DAY_NEXT_TO = rf"翌日|次日|第二天|后一天|後一天|前夜|前一天|前一日|第(?:\d{{1,3}}|[{CN}十]{{1,3}})[天日]"
_IS_DATE = Dim("date", _closed_date)
GRAMMAR = GRAMMAR + (
    engine.Rule("date.zh.next_to", "date", (_IS_DATE, Regex(DAY_NEXT_TO)), _day_next_to),
    engine.Rule("date.zh.offset", "date", (_IS_DATE, Regex("的"), _IS_DURATION, Regex(AGO_WORD)), _date_then_offset),
    engine.Rule("date.zh.offset", "date", (_IS_DATE, _IS_DURATION, Regex(AGO_WORD)), _date_then_offset),
    engine.Rule("date.zh.offset", "date", (_IS_DATE, Regex("[前后後]"), _IS_DURATION), _date_offset_after),
    engine.Rule("date.zh.day_time", "date", (_IS_DAY, Regex(TIME_OF_DAY)), _day_and_time, spaced=True),
    engine.Rule("date.zh.month_in_year", "date", (_IS_DATE, Regex("的"), _IS_DATE), _month_in_year),
    engine.Rule("date.zh.that_day", "date", (_IS_DAY, Regex(r"当天|当日|那天|这天|这一天|那一天")), lambda parts, chart: parts[0].value),
    # 10月8日当晚, 中秋节当夜: the evening or night of that day
    engine.Rule("date.zh.that_day", "date", (_IS_DAY, Regex(r"(?P<w>当晚|當晚|那晚|当夜|當夜|那夜)")), _that_night),
    engine.Rule("date.zh.in", "date", (Regex(r"再过|再過", reach=3), _IS_DURATION), _in_from_now),
    engine.Rule("date.zh.within", "date", (_IS_DURATION, Regex(r"(?:以|之)?内")), _within),
    engine.Rule("date.zh.since", "date", (Regex("这|這", reach=2), _IS_DURATION, Regex(r"(?:以)?来|(?:以)?來")), _years_up_to_now),
    engine.Rule("date.zh.since", "date", (_IS_DURATION, Regex(r"(?:以)?来(?![自看说])|(?:以)?來")), _years_up_to_now),
)


# -- which rules a text needs ------------------------------------------------------------------------------
# The grammar costs time for every date the chart holds, and most documents need few of its rules: each
# group runs where its trigger shows it has work (the None group where two dates meet at a connector).
def _rules(*names: str) -> frozenset:
    return frozenset(rule.name for rule in GRAMMAR if rule.name in names)


_AMOUNT_PLAIN = engine.anonymous(duration_zh.AMOUNT)
# A duration with the word that places it: 上两个月, 过去三年 (the word before), 三天前, 两年来 (after). The
# second is found from its last character (前/后/来 right after a unit word: 年来, 天前, 个月之后) and
# confirmed on the few characters before it; a search that opens on the numeral tries every digit.
_AMOUNT_AFTER_WORD = compiled.compile(
    rf"(?:[上下前后後]|(?:过去|過去|未来|未來)的?|近|此前|今后|今後|接下来的?|接下來的?|再过|再過)(?:{_AMOUNT_PLAIN})"
)
_UNIT_ENDS = "".join(sorted({word[-1] for word in duration_zh.UNIT_OF}))
_SIDE_AFTER_UNIT = compiled.compile(
    rf"[前后後来來内](?:(?<=[{_UNIT_ENDS}].)|(?<=[{_UNIT_ENDS}][之以半多].)|(?<=[{_UNIT_ENDS}][半多][之以].))"
)
_AMOUNT_THEN_SIDE = compiled.compile(rf"(?:{_AMOUNT_PLAIN})(?:之|以)?[前后後来來内]")
_LONGEST_AMOUNT = 16  # characters before the side word that an amount can take (二十几个多交易日半之)


def _amount_with_side(text: str) -> bool:
    if _AMOUNT_AFTER_WORD.search(text):
        return True
    for side in _SIDE_AFTER_UNIT.finditer(text):
        if _AMOUNT_THEN_SIDE.search(text, max(0, side.start() - _LONGEST_AMOUNT), side.end()):
            return True
    return False


GRAMMAR_GROUPS = (
    (None, _rules("date.zh.interval", "date.zh.day_weekday", "date.zh.weekday_day")),
    (
        _amount_with_side,
        _rules("duration.zh.amount", "date.zh.ago", "date.zh.past_units", "date.zh.next_units", "date.zh.span",
               "date.zh.offset", "date.zh.in", "date.zh.since", "date.zh.within"),
    ),
    (compiled.compile(NOW_WORD), _rules("date.zh.now")),
    (
        compiled.compile(rf"[日号节節天一二三四五六七八九十）)](?:上午|下午|中午|晚上|凌晨|早上|早晨|早间|清晨|傍晚|晚间|夜间|夜里|深夜|半夜|晏昼|[早晚][\d{CN}十两])"
                   rf"|[日号节節）)]\s?[\d{CN}十两零]{{1,3}}[点:]|\d[ T]\d{{1,2}}:\d\d"),  # 2025-12-09 10:30, 12月6日（周六）19:35
        _rules("date.zh.day_time"),
    ),
    (compiled.compile(r"[日号节節](?:当天|当日|那天|这天|这一天|那一天|当晚|當晚|那晚|当夜|當夜|那夜)"), _rules("date.zh.that_day")),
    (compiled.compile(rf"[日号节節](?:{DAY_NEXT_TO})"), _rules("date.zh.next_to")),
    (  # 今年的10月份: found at 月 (a single literal is scanned far faster than the class [年度])
        compiled.compile(rf"月(?:(?<=[年度]的[\d{CN}十]月)|(?<=[年度]的[\d{CN}十]{{2}}月)|(?<=[年度]的[正腊冬]月))"),
        _rules("date.zh.month_in_year"),
    ),
)


def grammar_rules(text: str, dates_joined: Callable[[], bool]) -> tuple:
    """The grammar rules ``text`` needs (claims/engine.rules_needed over GRAMMAR_GROUPS)."""
    return engine.rules_needed(GRAMMAR, GRAMMAR_GROUPS, text, dates_joined)


# -- centuries and their parts, the n-th day of a year, and dates counted from the date before -------------
# 本世纪初, 上世纪末, 二十世纪中叶, 21世纪上半叶; 今年第100天; 2019年公司成立，翌年上市 (the year after the
# last date written before it; with none, after the reference).
CENTURY = (
    rf"(?P<which>上世纪|上个世纪|本世纪|(?P<n>\d{{1,2}}|二十一|二十|十[{CN}]|[{CN}])世纪)"
    r"(?P<part>初|初期|初叶|早期|中叶|中期|中|末|末期|末叶|晚期|上半叶|下半叶)?"
)
_CENTURY_PARTS = {"初": (0, 20), "初期": (0, 20), "初叶": (0, 20), "早期": (0, 20), "中叶": (40, 60), "中期": (40, 60),
                  "中": (40, 60), "末": (80, 100), "末期": (80, 100), "末叶": (80, 100), "晚期": (80, 100),
                  "上半叶": (0, 50), "下半叶": (50, 100)}  # fmt: skip


def _century(parts, chart) -> dict | None:
    match = parts[0]
    which = match.group("which")
    analysis = chart.context.analysis
    if match.group("n"):
        number = _number(match.group("n"))
        if not 1 <= number <= 29:
            return None
        first = (number - 1) * 100  # the 20th century is read as the 1900s
        relative_to_now = False
    else:
        if analysis.reference_date is None:
            return relative.UNRESOLVED
        current = analysis.reference_date.year // 100 * 100
        first = current - 100 if which.startswith("上") else current
        relative_to_now = True
    low, high = _CENTURY_PARTS.get(match.group("part") or "", (0, 100))
    start, end = first + low, first + high
    if not 1 <= start < end <= 9999:
        return None
    grain = "century" if (low, high) == (0, 100) else "decade"
    return Period(dt.date(start, 1, 1), dt.date(end, 1, 1), grain, relative_to_now, (low, high) != (0, 100)).as_dict()


def _nth_day_of_year(parts, chart) -> dict | None:  # 今年第100天
    value, match = parts[0].value, parts[-1]
    if not _closed_date(value) or value.get("grain") != "year":
        return None
    number = _number(match.group("n"))
    start = dt.date.fromisoformat(value["start"][:10])
    day = start + dt.timedelta(days=number - 1)
    if not 1 <= number or day >= dt.date.fromisoformat(value["end"][:10]):
        return None
    return {**cal.day(day.year, day.month, day.day).as_dict(), "relative": bool(value.get("relative"))}


_AFTER_THAT = {"翌年": "year", "次年": "year", "隔年": "year", "第二年": "year", "翌月": "month", "次月": "month",
               "翌日": "day", "次日": "day", "隔日": "day", "隔天": "day", "第二天": "day", "次周": "week", "隔周": "week"}  # fmt: skip
AFTER_THAT = "|".join(sorted(_AFTER_THAT, key=len, reverse=True))


# 次日, 翌日, 次年 … after a word (财报发布次日, 商务部次日回应): always "the day after", but only with a date before it
# to count from (a bare 第二天 or 隔日 after a word is as often an ordinal or "every other day").
_GLUED_AFTER_THAT = r"(?<=[\u3400-\u9fff])(?:次日|翌日|次年|翌年|次月)"


def _after_that(parts, chart) -> dict | None:  # 翌年: the year after the last date before it
    match = parts[0]
    unit = _AFTER_THAT[match.group(0)]
    start = match.start()
    anchor = relative.anchor_before(chart, start, unit)
    if anchor is None and start > 0 and "\u3400" <= chart.text[start - 1] <= "\u9fff":
        return None  # glued to a word, with no date before it: nothing to count from
    if anchor is not None:
        moment = dt.date.fromisoformat(anchor.value["start"][:10])
        relative_flag = bool(anchor.value.get("relative"))
    else:
        analysis = chart.context.analysis
        if analysis.reference_date is None:
            return relative.UNRESOLVED
        moment, relative_flag = analysis.reference_date, True
    period = relative.unit_period(shift(moment, 1, unit), unit)
    return {**period.as_dict(), "relative": relative_flag}


def _that_year_month(parts, chart) -> dict | None:
    """次年3月, 翌年春节, 同年10月, 当年5月: a month or day in the year after (or the same year as) the last date
    written before it (with none, the reference's)."""
    word, token = parts[0].group(0), parts[-1]
    if token.rule not in ("date.zh.month", "date.zh.day") or not _closed_date(token.value):
        return None
    if token.value.get("grain") not in ("month", "day"):
        return None
    anchor = relative.anchor_before(chart, parts[0].start(), "year")
    if anchor is not None:
        year = int(anchor.value["start"][:4])
    elif chart.context.analysis.reference_date is not None:
        year = chart.context.analysis.reference_date.year
    else:
        return relative.UNRESOLVED
    year += 0 if word in ("同年", "当年", "當年") else 1
    start = dt.date.fromisoformat(token.value["start"][:10])
    try:
        start = start.replace(year=year)
    except ValueError:
        return None
    period = relative.unit_period(start, token.value["grain"])
    return {**period.as_dict(), "relative": anchor is None, "approximate": bool(token.value.get("approximate"))}


# 三年前的今天, 去年今日, 去年的这一天: this day of the month in that year. 两天后的晚上, 3月5日的上午: a part of that
# day (the parts with agreed hours).
_THIS_DAY = r"的?(?:今天|今日(?!头条|头|说法|关注|要闻|视点|美国|中国)|这一天|这天|同一天|同日)"  # not 今日头条 (an app)
_PART_OF_THAT_DAY = (
    rf"(?:的|当天|當天)?(?P<part>{'|'.join(sorted((p for p in PART_HOURS if len(p) == 2), key=len, reverse=True))})"
    r"|(?P<that_night>当晚|當晚|当夜|當夜)"  # 农历八月十五当晚
)


def _this_day_that_year(parts, chart) -> dict | None:
    value = parts[0].value
    reference = chart.context.analysis.reference_date
    if reference is None:
        return relative.UNRESOLVED
    if value.get("grain") != "year" and not (value.get("grain") == "day" and parts[0].rule == "date.zh.ago"):
        return None
    year = int(value["start"][:4])
    try:
        day = reference.replace(year=year)
    except ValueError:  # 29 February in a year without it
        day = reference.replace(year=year, day=28)
    return {**cal.day(day.year, day.month, day.day).as_dict(), "relative": True}


def _part_of_that_day(parts, chart) -> dict | None:
    value, match = parts[0].value, parts[-1]
    if value.get("grain") != "day" or "T" in value["start"]:
        return None
    day = dt.date.fromisoformat(value["start"][:10])
    period = _part_of_day(day, match.group("part") or {"当晚": "晚上", "當晚": "晚上"}.get(match.group("that_night"), "夜间"))
    return {**period.as_dict(), "relative": bool(value.get("relative")), "approximate": bool(value.get("approximate"))} if period else None


_YEAR_THAT = r"翌年|次年|隔年|第二年|同年|当年|當年"
_NEXT_DAY = r"次日|翌日|隔日|隔天|第二天"


def _next_day_time(parts, chart) -> dict | None:
    """次日凌晨2点, 第二天上午: a time of the day after the last date written before it (今晚10点至次日凌晨2点), or
    after the reference day when none is."""
    word, token = parts[0], parts[-1]
    value = token.value
    if token.rule != "date.zh.time" or not value or "T" not in (value.get("start") or ""):
        return None
    if not value.get("relative") or _OWN_DAY_WORD.search(chart.text, token.start, token.end):
        return None  # 次日3月5日上午: the time has its own day
    anchor = relative.anchor_before(chart, word.start(), "day")
    if anchor is not None:
        base, is_relative = dt.date.fromisoformat(anchor.value["start"][:10]), bool(anchor.value.get("relative"))
    elif chart.context.analysis.reference_date is not None:
        base, is_relative = chart.context.analysis.reference_date, True
    else:
        return relative.UNRESOLVED
    start = dt.datetime.fromisoformat(value["start"])
    shift = dt.datetime.combine(base + dt.timedelta(days=1), dt.time()) - dt.datetime.combine(start.date(), dt.time())
    moved = {key: (dt.datetime.fromisoformat(value[key]) + shift).isoformat() if value.get(key) else value.get(key) for key in ("start", "end")}
    return {**value, **moved, "relative": is_relative, "alternatives": None}


_OWN_DAY_WORD = compiled.compile(r"[日号號天周週]|今|明|昨|前|后|後|星期|礼拜|禮拜")
# 即日起至明年6月30日, 从今天起到月底: from the reference day through the date written.
_FROM_TODAY_TO = r"(?:自|从|從)?(?:即日|今日|今天|即日起|今日起|今天起)(?:起|开始|開始)?(?:至|到)"


def _from_today_to(parts, chart) -> dict | None:
    value = parts[-1].value
    reference = chart.context.analysis.reference_date
    if reference is None:
        return relative.UNRESOLVED
    end = _moment(value["end"])
    if _as_day(end) <= reference:  # 自即日起至12月31日: the reading still ahead, whatever the tense said
        ahead = [_moment(other["end"]) for other in value.get("alternatives") or () if _as_day(_moment(other["end"])) > reference]
        if not ahead:
            return None
        end = min(ahead, key=_as_time)
    return {"start": reference.isoformat(), "end": end.isoformat(), "grain": "range", "relative": True,
            "approximate": bool(value.get("approximate"))}


# 今冬, 明春, 去冬今春, 今冬明春: a season of this, next or last year in one character each (in January and
# February this winter is the one that began last December). 今明两年, 今明两天: this one and the next.
_COMMON_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_SHORT_SEASON = rf"(?<![{_COMMON_SURNAMES}])(?P<r1>今|明|去)(?P<s1>[春夏秋冬])(?:(?P<r2>今|明)(?P<s2>[春夏秋冬]))?(?![天季装裝节節运運风風日])"
_THIS_AND_NEXT = r"(?P<first>今明|明后|明後)(?:两|兩)?(?P<unit>年|天|日)"  # 明后天, 明后两天: tomorrow and the day after


def _season_of(word: str, season: str, reference: dt.date) -> Period | None:
    year = reference.year + {"今": 0, "明": 1, "去": -1}[word]
    if season == "冬" and reference.month <= 2:
        year -= 1  # 今冬 said in January: the winter under way
    return cal.season(year, SEASONS[season])


def _short_season(parts, chart) -> dict | None:
    match = parts[0]
    reference = chart.context.analysis.reference_date
    if reference is None:
        return relative.UNRESOLVED
    first = _season_of(match.group("r1"), match.group("s1"), reference)
    if match.group("s2"):
        second = _season_of(match.group("r2"), match.group("s2"), reference)
        period = cal.span(first, second) if first and second else None
    else:
        period = first
    return period.with_flags(relative=True).as_dict() if period else None


def _this_and_next(parts, chart) -> dict | None:
    reference = chart.context.analysis.reference_date
    if reference is None:
        return relative.UNRESOLVED
    match = parts[0]
    first = 0 if match.group("first") == "今明" else 1
    if match.group("unit") == "年":
        if first == 1 or match.group(0) == "今明年":
            return None  # 明后年 is no usage; 今明年 is 今明两年's half
        period = Period(dt.date(reference.year, 1, 1), dt.date(reference.year + 2, 1, 1), "year", relative=True)
    else:
        if first == 0 and "两" not in match.group(0) and "兩" not in match.group(0):
            return None  # 今明天 is no word
        start = reference + dt.timedelta(days=first)
        period = Period(start, start + dt.timedelta(days=2), "day", relative=True)
    return period.as_dict()


# 2026年首个交易日, 本月最后一个工作日, 三季度最后一个交易日: the first or last weekday of the period that is no
# statutory day off in China (the holidays package's calendar; the make-up working weekends are left out:
# markets stay shut on them).
_NTH_TRADING_DAY = r"的?(?P<which>首个|首個|第一个|第一個|最后一个|最後一個|末个)(?:交易日|工作日)"


@functools.lru_cache(maxsize=64)
def _days_off_cn(year: int) -> frozenset:
    import holidays

    try:
        return frozenset(holidays.country_holidays("CN", years=year))
    except Exception:  # noqa: BLE001 - a year past the package's tables: weekends only
        return frozenset()


def _nth_trading_day(parts, chart) -> dict | None:
    value, match = parts[0].value, parts[-1]
    if value.get("grain") not in ("year", "quarter", "month", "half") or "T" in value["start"]:
        return None
    start, end = dt.date.fromisoformat(value["start"][:10]), dt.date.fromisoformat(value["end"][:10])
    last = match.group("which") in ("最后一个", "最後一個", "末个")
    day = end - dt.timedelta(days=1) if last else start
    step = dt.timedelta(days=-1 if last else 1)
    while start <= day < end:
        if day.weekday() < 5 and day not in _days_off_cn(day.year):
            return {**cal.day(day.year, day.month, day.day).as_dict(), "relative": bool(value.get("relative"))}
        day += step
    return None


# 自10月1日起至10月8日: a start (自…起) and the day it runs to, one range.
_OPEN_START = Dim("date", lambda value: bool(value) and value.get("start") is not None and value.get("end") is None)


def _open_start_to(parts, chart) -> dict | None:
    low, high = parts[0].value, parts[-1].value
    if any(token.dim == "date" and token.end > parts[-1].end for token in chart.at(parts[-1].start, "date")):
        return None  # 自X起到2014年9月14日之前: the second end is the longer date there, not its year
    start = _moment(low["start"])
    ends = [_moment(high["end"])] + [_moment(other["end"]) for other in high.get("alternatives") or ()]
    later = [end for end in ends if _as_time(end) > _as_time(start)]
    if not later:
        return None
    end = min(later, key=_as_time)
    return {"start": start.isoformat(), "end": end.isoformat(), "grain": "range",
            "relative": bool(low.get("relative") or high.get("relative")), "approximate": bool(low.get("approximate") or high.get("approximate"))}


GRAMMAR = GRAMMAR + (
    engine.Rule("date.zh.open_start_to", "date", (_OPEN_START, Regex(r"\s?(?:至|到)\s?"), Dim("date", _closed_date)), _open_start_to),
    engine.Rule("date.zh.trading_day", "date", (_IS_DATE, Regex(_NTH_TRADING_DAY)), _nth_trading_day),
    engine.Rule("date.zh.short_season", "date", (Regex(_SHORT_SEASON),), _short_season),
    engine.Rule("date.zh.this_and_next", "date", (Regex(_THIS_AND_NEXT),), _this_and_next),
    engine.Rule("date.zh.from_today", "date", (Regex(_FROM_TODAY_TO), _IS_DATE), _from_today_to),
    engine.Rule("date.zh.this_day", "date", (_IS_DATE, Regex(_THIS_DAY)), _this_day_that_year),
    engine.Rule("date.zh.part_of_day", "date", (_IS_DATE, Regex(_PART_OF_THAT_DAY)), _part_of_that_day),
    engine.Rule("date.zh.next_day_time", "date", (Regex(rf"(?:{_NEXT_DAY})的?"), _IS_DATE), _next_day_time),
    engine.Rule("date.zh.year_that", "date", (Regex(rf"(?:{_YEAR_THAT})的?"), _IS_DATE), _that_year_month),
    engine.Rule("date.zh.century", "date", (Regex(CENTURY, gate="世", reach=4),), _century),  # 二十一|世纪
    engine.Rule("date.zh.nth_day", "date", (_IS_DATE, Regex(rf"的?第(?P<n>\d{{1,3}}|[{CN}十百零]{{1,5}})[天日]")), _nth_day_of_year),
    engine.Rule("date.zh.after_that", "date", (Regex(rf"(?<![\u3400-\u9fff])(?:{AFTER_THAT})|(?<=[，,。；;])(?:{AFTER_THAT})|{_GLUED_AFTER_THAT}"),), _after_that),
)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (compiled.compile("世纪"), _rules("date.zh.century")),
    (compiled.compile(rf"年的?第[\d{CN}十百零]{{1,5}}[天日]"), _rules("date.zh.nth_day")),
    (compiled.compile(AFTER_THAT), _rules("date.zh.after_that", "date.zh.next_day_time")),
    (compiled.compile(_THIS_DAY.replace("的?", "")), _rules("date.zh.this_day")),
    (compiled.compile(_FROM_TODAY_TO), _rules("date.zh.from_today")),
    (compiled.compile(r"[今明去][春夏秋冬]"), _rules("date.zh.short_season")),
    (compiled.compile("今明两|今明兩|明后|明後"), _rules("date.zh.this_and_next")),
    (compiled.compile(r"(?:首|第一|最后一|最後一|末)[个個](?:交易日|工作日)"), _rules("date.zh.trading_day")),
    (None, _rules("date.zh.open_start_to")),
    (compiled.compile(_PART_OF_THAT_DAY), _rules("date.zh.part_of_day")),
    (compiled.compile(rf"(?:{_YEAR_THAT})的?[\d{CN}十正腊冬]"), _rules("date.zh.year_that")),
)


# -- clock times with what surrounds them: 北京时间晚上8点 (the zone named is the article's clock: the value
# stays as written), 三点多 (a little past: approximate), 傍晚六七点 (six or seven: both hours) ------------
TIME_ZONE_WORD = "(?:当地时间|當地時間|" + "|".join(sorted(zones.CHINESE, key=len, reverse=True)) + ")"
_IS_CLOCK = Dim("date", lambda value: bool(value) and "T" in (value.get("start") or value.get("end") or ""))


def _with_zone(parts, chart) -> dict | None:
    """北京时间晚上8点: the clock of the zone named (claims/date/zones.py), on the reference's clock when the
    reference carries a UTC offset; 当地时间 (the place's own) stays as written."""
    value = parts[-1].value
    moved = zones.moved(value, parts[0].group(0), chart.context.analysis.reference_offset)
    return moved if moved is not None else value


def _a_little_past(parts, chart) -> dict | None:  # 三点多
    value = parts[0].value
    if value.get("grain") != "hour" or chart.text[parts[0].end - 1] not in "点點":
        return None
    return {**value, "approximate": True}


def _two_hours(parts, chart) -> dict | None:  # 傍晚六七点, 早上八九点
    match = parts[-1]
    first, second = _number(match.group("h1")), _number(match.group("h2"))
    if second != first + 1 or not 1 <= first <= 11:
        return None
    part = match.group("dp")
    value = parts[0].value if len(parts) == 2 else None
    analysis = chart.context.analysis
    if value is not None:
        if not _closed_date(value) or value.get("grain") != "day" or "T" in value["start"]:
            return None
        day = dt.date.fromisoformat(value["start"])
    elif analysis.reference_date is not None:
        day = analysis.reference_date
    else:
        return relative.UNRESOLVED
    low, high = _hour_of_day(first, part, None), _hour_of_day(second, part, None)
    start, end = _at(day, low), _at(day, high)
    if start is None or end is None:
        return None
    return Period(start.start, end.end, "hour", True, True).as_dict()


TWO_HOURS = rf"(?P<dp>{DAY_PART})?(?P<h1>[一二三四五六七八九十])(?P<h2>[二三四五六七八九十]|十一|十二)[点點](?!\d|[{CN}十半])"
GRAMMAR = GRAMMAR + (
    engine.Rule("date.zh.zone", "date", (Regex(TIME_ZONE_WORD), _IS_CLOCK), _with_zone, spaced=True),
    engine.Rule("date.zh.a_little_past", "date", (_IS_CLOCK, Regex("多(?![少数])")), _a_little_past),
    # alone only after a part of the day (一二点 could be one or two points)
    engine.Rule("date.zh.two_hours", "date", (Regex(rf"(?=(?:{DAY_PART})){TWO_HOURS}"),), _two_hours),
    engine.Rule("date.zh.two_hours", "date", (_IS_DAY, Regex(TWO_HOURS)), _two_hours),
)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (compiled.compile(TIME_ZONE_WORD), _rules("date.zh.zone")),
    (compiled.compile("多(?<=[点點]多)"), _rules("date.zh.a_little_past")),
    (compiled.compile(rf"[一二三四五六七八九十][二三四五六七八九十][点點]"), _rules("date.zh.two_hours")),
)


# -- a month and day written with a dot after a time word: 自5.20起, 于3.15发布, 截至5.31, 6.18前 ---------------
# A bare 5.20 is a number; a time word before it or a bound word after it makes it a date. After 截至 it is
# the day itself ("as of"), 截至 outside the span, as for full dates.
# A slash reads the same (自2/15起, 2/15当天), and two slashed days joined by a dash are a range of days
# (2/15-2/20; not 5.1-5.5, a range of decimals as often as of days).
_DOTTED_AFTER = r"起|前|后|後|以来|以前|以后|开始|当天|当日"
DOTTED_DAY = (
    r"(?:(?:(?P<pre>自|从|從|于|於)|(?<=截至)|(?<=截止)|(?<=到)|(?<=至)|(?<=时间为)|(?<=日期为)|(?<=时间：)|(?<=日期：)"
    r"|(?P<year_word>今年|明年|去年|(?:19|20)\d\d年))(?P<m>1[0-2]|0?[1-9])(?P<sep>[./])(?P<d>3[01]|[12]\d|0?[1-9])"
    rf"(?P<post>{_DOTTED_AFTER}|期间)?"
    rf"|(?<![\d./])(?P<m2>1[0-2]|0?[1-9])(?P<sep2>[./])(?P<d2>3[01]|[12]\d|0?[1-9])(?P<post2>{_DOTTED_AFTER.replace('前|后|後|', '')}|期间)"
    r"|(?<![\d./])(?P<m3>1[0-2]|0?[1-9])/(?P<d3>3[01]|[12]\d|0?[1-9])\s?[-–~～至到]\s?"
    r"(?P<m4>1[0-2]|0?[1-9])/(?P<d4>3[01]|[12]\d|0?[1-9])(?![\d./]))"
    r"(?![\d.%点點倍元万亿萬億个個])"  # 收于3.15点, 5.20%: numbers
)
_VERSION_BEFORE = compiled.compile(r"(?:版本|版|[vV]|系统|系統|固件)\s?$")
_RATE_BEFORE = compiled.compile(r"(?:汇率|匯率|兑|兌|比价|比價|中间价|中間價|收益率|利率)[^，。；;,]*$")


def _dotted_day(parts, chart) -> dict | None:
    match = parts[0]
    number_start = next(match.start(group) for group in ("m", "m2", "m3") if match.group(group))
    before = chart.text[max(0, number_start - 6) : number_start]
    if _VERSION_BEFORE.search(before) or follows_product_name(chart.text, number_start):
        return None  # 版本5.1起, iOS 5.1: a version
    if _RATE_BEFORE.search(chart.text, max(0, number_start - 16), number_start):
        return None  # 英镑兑美元汇率跌至1.25: a rate
    month = int(match.group("m") or match.group("m2") or match.group("m3"))
    day_number = int(match.group("d") or match.group("d2") or match.group("d3"))
    context = chart.context
    if context.analysis.reference_date is None:
        return relative.UNRESOLVED
    context.position = match.start()
    year_word = match.group("year_word")
    if year_word:  # 今年12.12大促, 2025年3.15: that year's day
        year = int(year_word[:4]) if year_word[0].isdigit() else context.analysis.reference_date.year + REL_YEAR_OFFSET[year_word]
        period = cal.day(year, month, day_number)
        period = period.with_flags(relative=not year_word[0].isdigit()) if period else None
    else:
        period = resolve.pick_year(lambda y: cal.day(y, month, day_number), context.analysis.reference_date, prefer=_prefer(context))
    if period is None:
        return None
    if match.group("m3"):  # 2/15-2/20: through the second day, in the first day's year (12/28-1/3: the next)
        month4, day4 = int(match.group("m4")), int(match.group("d4"))
        year = period.start.year + (1 if (month4, day4) < (month, day_number) else 0)
        last = cal.day(year, month4, day4)
        if last is None or (last.start - period.start).days > 62:
            return None  # 3/4-11/12: fractions, or days too far apart to be one stretch
        return cal.span(period, last).as_dict()
    pre, post = match.group("pre"), match.group("post") or match.group("post2")
    if post in ("起", "以来", "开始") or pre in ("自", "从", "從"):
        return Period(period.start, None, "range", True).as_dict()
    if post in ("前", "以前"):
        return Period(None, period.start, "range", True).as_dict()
    if post in ("后", "後", "以后"):
        return Period(period.end, None, "range", True).as_dict()
    return period.as_dict()


# -- from a date up to now: 2015年至今, 去年至今, 三月份以来至今, 2010年到现在 (through the reference day) ------------
_UP_TO_NOW = r"(?:以来)?(?:至今|迄今|到现在|到目前为止|到目前|到今天|至现在)"


def _up_to_now(parts, chart) -> dict | None:
    value = parts[0].value
    analysis = chart.context.analysis
    if analysis.reference_date is None:
        return relative.UNRESOLVED
    start = dt.date.fromisoformat(value["start"][:10])
    if start > analysis.reference_date:
        return None  # 明年至今: no such stretch
    period = Period(start, analysis.reference_date + dt.timedelta(days=1), "day", relative=True)
    return {**period.as_dict(), "approximate": bool(value.get("approximate"))}


GRAMMAR = GRAMMAR + (engine.Rule("date.zh.up_to_now", "date", (_IS_DATE, Regex(_UP_TO_NOW)), _up_to_now),)
GRAMMAR_GROUPS = (*GRAMMAR_GROUPS, (compiled.compile(_UP_TO_NOW), _rules("date.zh.up_to_now")))


# 自5.20起, 3.15以来: the word before, or the word after found from the dot (a search opening on a digit
# tries every digit of the text).
_DOTTED_AFTER_WORD = compiled.compile(r"(?:自|从|從|于|於|截至|截止|到|至|时间为|日期为|时间：|日期：|今年|明年|去年|\d年)\d{1,2}[./]\d")
_DOTTED_BEFORE_WORD = compiled.compile(r"[./](?<=\d[./])\d{1,2}(?:起|以来|以前|以后|开始|当天|当日|期间|\s?[-–~～至到]\s?\d{1,2}/\d)")


def _dotted_day_written(text: str) -> bool:
    return bool(_DOTTED_AFTER_WORD.search(text) or _DOTTED_BEFORE_WORD.search(text))


GRAMMAR = GRAMMAR + (engine.Rule("date.zh.dotted_day", "date", (Regex(DOTTED_DAY, gate="./", reach=4),), _dotted_day),)  # 自12|.
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (_dotted_day_written, _rules("date.zh.dotted_day")),
)


# -- Cantonese minutes counted in fives on the clock face: 三點踏三, 三點搭三 (3:15), 三點踏半 (3:30). The forms
# without 踏/搭 (三點三, 三點三個字) are left out: the clock rule reads 三點三 as the decimal 3.3 ----------------
_FIVES = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11}
CLOCK_FACE = r"[踏搭](?P<n>十一|[一二三四五六七八九十]|半)(?:個字|个字)?(?![\d一二三四五六七八九十])"


def _clock_face(parts, chart) -> dict | None:
    token, match = parts[0], parts[1]
    value = token.value
    if value.get("grain") != "hour" or chart.text[token.end - 1] not in "點点" or not value.get("start"):
        return None
    count = match.group("n")
    minutes = 30 if count == "半" else 5 * _FIVES[count]
    start = dt.datetime.fromisoformat(value["start"]) + dt.timedelta(minutes=minutes)
    return {**Period(start, start + dt.timedelta(minutes=1), "minute").as_dict(), "relative": bool(value.get("relative")),
            "approximate": bool(value.get("approximate"))}


GRAMMAR = GRAMMAR + (
    engine.Rule("date.zh.clock_face", "date", (_IS_CLOCK, Regex(CLOCK_FACE)), _clock_face),
)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (lambda text: "踏" in text or "搭" in text, _rules("date.zh.clock_face")),  # then the grammar looks for 点踏
)


# -- the period of the date written before: 2019年公司成立，当年营收过亿 (2019), 同日, 当月; with no date before,
# 当天/当日/这一年 are the reference's day or year, 当年/同年/那年 (back then) stay unread ---------------------
_SAME_AS = {"当年": ("year", False), "同年": ("year", False), "那一年": ("year", False), "那年": ("year", False),
            "这一年": ("year", True), "這一年": ("year", True), "当月": ("month", True), "同月": ("month", False),
            "当天": ("day", True), "当日": ("day", True), "同日": ("day", False), "同一天": ("day", False)}  # fmt: skip
SAME_AS = "|".join(sorted(_SAME_AS, key=len, reverse=True))
_FREE_AT = compiled.compile(_FREE)  # at a clause start or after a function word


def _same_as(parts, chart) -> dict | None:
    match = parts[0]
    start = match.start()
    if not chart.context.starts_word(start):
        return None  # 相当年轻: 当年 is no word here
    unit, or_reference = _SAME_AS[match.group(0)]
    if unit != "year" and not _FREE_AT.match(chart.text, start):
        return None  # 财报发布当天: the day of an event, no date to read
    anchor = relative.anchor_before(chart, start, unit)
    if anchor is not None:
        moment = dt.date.fromisoformat(anchor.value["start"][:10])
        return {**relative.unit_period(moment, unit).as_dict(), "relative": bool(anchor.value.get("relative"))}
    analysis = chart.context.analysis
    if not or_reference:
        return None
    if analysis.reference_date is None:
        return relative.UNRESOLVED
    return {**relative.unit_period(analysis.reference_date, unit).as_dict(), "relative": True}


GRAMMAR = GRAMMAR + (engine.Rule("date.zh.same_as", "date", (Regex(SAME_AS),), _same_as),)
GRAMMAR_GROUPS = (*GRAMMAR_GROUPS, (compiled.compile(SAME_AS), _rules("date.zh.same_as")))


# -- the start, middle or end of a quarter (一季度初, 第三季度中期, 三季度末: a third of it, its first, second or
# last month, approximate) ------------------------------------------------------------------------------------
# 中 alone is left out: 三季度中 is mostly "during the third quarter".
_QUARTER_PART = {"初": 0, "初期": 0, "中期": 1, "末": 2, "末期": 2, "底": 2}
QUARTER_PART = r"初期|中期|末期|初|末|底"
_IS_QUARTER = Dim("date", lambda value: bool(value) and value.get("grain") == "quarter" and bool(value.get("start")))


def _part_of_quarter(parts, chart) -> dict | None:
    return relative.month_of(parts[0].value, _QUARTER_PART[parts[1].group(0)])


GRAMMAR = GRAMMAR + (
    engine.Rule("date.zh.part_of_quarter", "date", (_IS_QUARTER, Regex(QUARTER_PART)), _part_of_quarter),
)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (compiled.compile(r"季度?(?:初|中期|末|底)"), _rules("date.zh.part_of_quarter")),
)
