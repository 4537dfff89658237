"""Fact-check context per claim (extractor/context/): predicate, time scope, hedge, direction and comparison,
quotation, check-worthiness, and the subject named inline; each sample's context asserted."""

from __future__ import annotations

import json

import pytest

from extractor import Extractor
from tests.conftest import ROOT

_extractor = Extractor(include_text=False)
REF = "2026-11-20"


def claims_of(text: str, **options) -> dict:
    document = _extractor.extract(text, ref_date=REF, **options)
    by_id = {claim.id: claim for claim in document.claims}
    out = {}
    for claim in document.claims:
        scope = by_id.get(claim.time_scope)
        out[claim.text] = {
            "subject": claim.subject_text,
            "predicate": claim.predicate.text if claim.predicate else None,
            "time_scope": scope.text if scope else None,
            "source": claim.attribution.text if claim.attribution else None,
            "hedge": claim.hedge,
            "direction": claim.direction,
            "comparison": claim.comparison,
            "quoted": claim.quoted,
            "checkworthiness": claim.checkworthiness,
        }
    return out


def test_a_claim_with_every_field():
    found = claims_of("据彭博社报道，Meta 已将 2025 年资本支出上调至 700 – 720 亿美元。")["700 – 720 亿美元"]
    assert found["subject"] == "Meta" and found["predicate"] == "资本支出" and found["time_scope"] == "2025 年"
    assert found["source"] == "彭博社" and found["hedge"] is None and found["direction"] == "increase"


@pytest.mark.parametrize(
    "text, claim, hedge",
    [
        ("公司预计明年营收将达到 375 亿美元。", "375 亿美元", "预计"),
        ("据说这家工厂有 600 多名工人。", "600 多名", "据说"),
        ("市场预料央行会再降息 25 个基点。", "25 个基点", "预料"),
        ("Unemployment may rise to 5% next year.", "5%", "may"),
        ("Theresa May said unemployment rose to 5% last year.", "5%", None),
        ("Sales rose 5% in May, the company said.", "5%", None),
        ("The company is reportedly worth $5 billion.", "$5 billion", "reportedly"),
        ("知情人士透露，Meta 已同意投资 143 亿美元。", "143 亿美元", None),
        ("据称该平台去年的交易额为 230 亿元。", "230 亿元", "据称"),
        ("Corvane is planning to cut about 900 jobs.", "about 900 jobs", "planning to"),
        ("The firm is on track to book more than $500 million in revenue.", "more than $500 million", "on track to"),
        ("该车型订单料达 5 万台。", "5 万台", "料达"),
        # a forecast hedges what it states after it, not a figure before it
        ("Shares of Brightwell rose 4% after the chipmaker forecast revenue of $2.2 billion.", "4%", None),
    ],
)
def test_hedges_name_their_cue(text, claim, hedge):
    assert claims_of(text)[claim]["hedge"] == hedge


@pytest.mark.parametrize(
    "text, claim, direction, comparison",
    [
        ("英伟达营收同比暴涨 62%。", "62%", "increase", "同比"),
        ("该楼盘售价下浮 29%。", "29%", "decrease", None),
        ("Sales plunged 14.5% year on year.", "14.5%", "decrease", "year on year"),
        ("公司计划裁员 1,600 人。", "1,600 人", "decrease", None),
        ("净利润较上年减少 3 亿元。", "3 亿元", "decrease", "较上年"),
        ("公司毛利率为 45.6%。", "45.6%", None, None),
        ("The bank set aside $1.9 billion, up from $1.4 billion a year earlier.", "$1.4 billion", None, "a year earlier"),
        # a level reached after the size of the change, across a comma or a unit (至每桶)
        ("央行将政策利率下调 25 个基点，至 2.75 %。", "2.75 %", "decrease", None),
        ("铜价一度跌 3 % 至每吨 9,800 美元。", "9,800 美元", "decrease", None),
        ("会员人数增加 1.2 万人，至 18 万人。", "18 万人", "increase", None),
        # the changed thing between the verb and its size
        ("监管部门宣布，下调小微企业贷款利率 0.3 个百分点。", "0.3 个百分点", "decrease", None),
        ("比特币价格周二跌破 8 万美元。", "8 万美元", "decrease", None),
        ("The central bank cut its policy rate by 50 basis points to a range of 4.25% to 4.5%.", "4.25% to 4.5%", "decrease", None),
        ("Copper settled down $85, or 0.9%, at $9,400 a tonne.", "0.9%", "decrease", None),
        ("The lender set aside $700 million for bad loans in the quarter, up from $520 million.", "$700 million", "increase", None),
        ("Nordane plans to add roughly 300 stores next year.", "roughly 300 stores", "increase", None),
        ("Quillfin raised $45 million in a Series A round.", "$45 million", None, None),  # money taken in, no rise
        ("Net losses narrowed 18% to $40 million.", "18%", "decrease", None),
        ("The company slashed its workforce by 12%.", "12%", "decrease", None),
        ("该公司股价当日跳水 9 %。", "9 %", "decrease", None),
        ("平台日活跃用户跃升 35 %。", "35 %", "increase", None),
    ],
)
def test_direction_and_comparison_for_every_kind(text, claim, direction, comparison):
    found = claims_of(text)[claim]
    assert (found["direction"], found["comparison"]) == (direction, comparison)


def test_time_scope_is_the_clause_date_not_the_comparison_base():
    found = claims_of("华远地产 2025 年净亏损扩大至 48 亿元，较上年增加 13 亿元。")
    assert found["48 亿元"]["time_scope"] == "2025 年"
    assert found["13 亿元"]["time_scope"] == "2025 年"  # 上年 is what it is compared with
    english = claims_of("Inflation slowed to 2.4% in September from 2.7% in August.")
    assert english["2.4%"]["time_scope"] == "September" and english["2.7%"]["time_scope"] == "August"


def test_predicate_before_or_after_the_number():
    assert claims_of("英伟达第三季度营收达到 350 亿美元。")["350 亿美元"]["predicate"] == "营收"
    assert claims_of("公司今年将再招 600 多名工程师。")["600 多名"]["predicate"] == "工程师"
    assert claims_of("The carmaker will cut 12,000 jobs.")["12,000 jobs"]["predicate"] == "jobs"


def test_sources_of_every_kind():
    assert claims_of("财报显示，公司第三季度营收达到 350 亿美元。")["350 亿美元"]["source"] == "财报"
    assert claims_of("警方表示，事故造成 3 人受伤。")["3 人"]["source"] == "警方"
    assert claims_of("特斯拉 10 月批发销量为 6.1 万辆，乘联会数据显示。")["6.1 万辆"]["source"] == "乘联会数据"
    assert claims_of("Inflation rose to 3.1% in October, the central bank said.")["3.1%"]["source"] == "the central bank"


def test_a_claim_inside_a_quotation_is_quoted():
    found = claims_of("“我们今年会再招 600 多名工程师，”周启明说。")["600 多名"]
    assert found["quoted"] is True and found["source"] == "周启明"
    assert claims_of("周启明说，公司今年会再招 600 多名工程师。")["600 多名"]["quoted"] is False


def test_checkworthiness_ranks_facts_above_opinion_questions_and_headings():
    def score(text):
        document = _extractor.extract(text, ref_date=REF)
        return max(sentence.checkworthiness for sentence in document.sentences)

    fact = score("英伟达第三季度营收同比增长 62%，达到 350 亿美元。")
    assert fact > 0.8
    for weaker in ("我觉得这个价格太贵了。", "市场还会继续上涨吗？", "01.", "二、市场展望", "Thanks for reading!"):
        assert score(weaker) < 0.5 < fact, weaker
    spam = _extractor.extract("鑫融配资平台\n英伟达营收增长 62%。", ref_date=REF)
    assert spam.sentences[0].checkworthiness == 0.0  # boilerplate


def test_claims_name_their_subject_inline():
    document = _extractor.extract("Meta 首席执行官马克 · 扎克伯格表示，公司今年将招聘 600 多名 AI 研究人员。", ref_date=REF)
    (claim,) = [c for c in document.claims if c.kind == "quantity"]
    entity = next(e for e in document.entities if e.id == claim.subject)
    assert (claim.subject_text, claim.subject_canonical) == (entity.text, entity.canonical)
    assert claim.subject_text == "Meta"  # an officer speaks for the company


# Each sample: a few claims with their context, asserted field by field (the golden files hold every field).
SAMPLE_CONTEXT = {
    "zh_tech_finance": ("2026-11-20", {
        "700 – 720 亿美元": {"predicate": "资本开支", "time_scope": "2027 年", "source": "扎克伯格", "hedge": "预计"},
        "19 %": {"subject": "Meta", "predicate": "收入", "time_scope": "今年第三季度", "direction": "increase", "comparison": "同比"},
        "3 个百分点": {"predicate": "运营利润率", "direction": "decrease", "comparison": "较去年同期"},
        "62 %": {"predicate": "营收", "time_scope": "前三季度", "direction": "increase"},
        "几百亿美元": {"quoted": True, "source": "扎克伯格"},
    }),
    "zh_html_page": (None, {
        "86.4 亿元": {"predicate": "营收", "time_scope": "2026 年第三季度"},
        "31%": {"direction": "increase", "comparison": "同比"},
        "约 50 亿元": {"hedge": None, "source": "知情人士"},
    }),
    "zh_traditional": (None, {
        "3% 至 5%": {"direction": "decrease", "hedge": "預計", "time_scope": "2027 年第一季"},
        "約 20 億美元": {"source": "彭博"},
    }),
    "en_news": (None, {
        "12%": {"subject": "Lumora", "predicate": "revenue", "time_scope": "the third quarter", "direction": "increase"},
        "1.5 million users": {"predicate": "users"},
    }),
    "zh_scraper_spam": ("2026-11-13", {
        "31 %": {"predicate": None, "time_scope": "第三季度", "source": "财报", "direction": "increase", "comparison": "同比"},
        "150 亿至 155 亿美元": {"predicate": "营收", "time_scope": "第四季度", "hedge": "指引"},  # guidance
    }),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_CONTEXT))
def test_sample_context(name, run_cli):
    ref, expected = SAMPLE_CONTEXT[name]
    path = next(ROOT.glob(f"samples/{name}.*[tl]"))
    args = ["extract", str(path)] + (["--ref-date", ref] if ref else [])
    document = json.loads(run_cli(*args).stdout)
    by_id = {claim["id"]: claim for claim in document["claims"]}
    claims = {claim["text"]: claim for claim in document["claims"]}
    numeric = [claim for claim in document["claims"] if claim["kind"] != "date"]
    assert numeric and all(claim["checkworthiness"] is not None for claim in numeric)
    assert all(sentence["checkworthiness"] is not None for sentence in document["sentences"])
    for text, fields in expected.items():
        claim = claims[text]
        actual = {
            "subject": claim["subject_text"],
            "predicate": (claim["predicate"] or {}).get("text"),
            "time_scope": by_id[claim["time_scope"]]["text"] if claim["time_scope"] else None,
            "source": (claim["attribution"] or {}).get("text"),
            "hedge": claim["hedge"],
            "direction": claim["direction"],
            "comparison": claim["comparison"],
            "quoted": claim["quoted"],
        }
        for field, value in fields.items():
            assert actual[field] == value, (text, field, actual[field])


def test_an_english_name_the_entity_model_missed_is_still_the_subject_as_written():
    document = _extractor.extract("Kestrel Robotics raised $90 million in a Series B round.", ref_date=REF)
    (claim,) = [c for c in document.claims if c.kind == "money"]
    if claim.subject is None:  # the model did not know the name: its words stand in
        assert claim.subject_text == "Kestrel Robotics"
    else:
        assert claim.subject_text == next(e.text for e in document.entities if e.id == claim.subject)
    plain = _extractor.extract("Shares rose 5% on Monday.", ref_date=REF)
    assert plain.claims[0].subject_text is None  # an opening word is no name


def _subject(text: str, claim: str):
    return claims_of(text)[claim]["subject"]


def test_a_chinese_name_the_entity_model_missed_opens_the_clause():
    # invented brands: whether the model knows them or not, the subject is the name that opens the clause
    assert _subject("岚舟咖啡第三季度门店净增 1,300 余家。", "1,300 余家") in ("岚舟咖啡", "岚舟")
    assert _subject("溪川汽车 10 月交付量突破 3 万辆。", "突破 3 万辆") in ("溪川汽车", "溪川")
    # a clause that opens with a comparison base, a measure or a general word names no one
    assert _subject("今年前三季度全国铁路发送旅客 36.5 亿人次，同比增长 6.8 %。", "6.8 %") is None
    assert _subject("某新势力车企的员工透露，最高降幅达 3 万元。", "3 万元") is None


def test_a_person_reporting_a_figure_is_its_source_not_its_subject():
    found = claims_of("Sen. Laura Quill said the bill would cost taxpayers an estimated $12 billion over a decade.")
    assert found["an estimated $12 billion"]["subject"] is None
    assert found["an estimated $12 billion"]["source"] == "Laura Quill"
    # an officer's title after a company name makes the company the subject
    found = claims_of("JPMorgan's chief executive said the bank expects net interest income of about $95 billion next year.")
    assert found["about $95 billion"]["subject"] == "JPMorgan"


def test_a_capitalised_word_opening_a_sentence_is_no_name_but_a_rare_one_is():
    assert _subject("Police said 27 people were arrested on Saturday.", "27 people") is None
    assert _subject("Gold prices climbed 1.5% on Monday.", "1.5%") is None
    assert _subject("Zorvane cut its delivery forecast to between 41,500 and 43,500 vehicles.",
                    "between 41,500 and 43,500 vehicles") == "Zorvane"  # fmt: skip


def test_an_agency_reporting_counts_is_not_their_subject():
    found = claims_of("The World Health Organization said there were an estimated 10.7 million new tuberculosis cases last year.")
    (key,) = [k for k in found if "10.7 million" in k]
    assert found[key]["subject"] is None and found[key]["source"] == "World Health Organization"


def test_english_subjects_around_asides_roles_and_unknown_companies():
    found = claims_of("Mortgage rates may climb above 7% next year, economists at Dunmore Bank warned.")
    assert found["above 7%"]["subject"] is None  # the economists' view, not the bank's figure
    found = claims_of("Verdant Foods, whose brands include Sunny Oats, said sales volume declined 3%.")
    assert found["3%"]["subject"] != "Sunny Oats"  # a name inside an aside is not what the figure is about
    assert _subject("About 33,000 machinists at Corvane Aerospace have walked off the job.",
                    "About 33,000 machinists") == "Corvane Aerospace"  # fmt: skip
    assert _subject("In March, Harlow Foods announced it would close 14 factories, affecting about 3,800 workers.",
                    "about 3,800 workers") == "Harlow Foods"  # fmt: skip
    assert _subject("The hospital has treated more than 200 patients since Friday, a spokesperson said.",
                    "more than 200 patients") is None  # fmt: skip


@pytest.mark.parametrize(
    "text, claim, period",
    [
        ("截至目前，该项目已募集善款 1,260 万元。", "1,260 万元", "截至目前"),
        ("这款新车上市首日锁单量超过 2 万台。", "超过 2 万台", "上市首日"),
        ("该球队本赛季已经输掉 11 场比赛。", "11 场", "本赛季"),
        ("Penrose may build up to 150,000 cars a year at the plant.", "up to 150,000 cars", "a year"),
        ("Revenue rose 12% in its most recent quarter.", "12%", "in its most recent quarter"),
        ("Quarterly revenue at Harlow rose 8%.", "8%", "Quarterly"),
        ("The bank earned $5 billion in the first nine months.", "$5 billion", "in the first nine months"),
    ],
)
def test_a_period_that_is_no_date_claim(text, claim, period):
    document = _extractor.extract(text, ref_date=REF)
    (found,) = [c for c in document.claims if c.text == claim]
    assert found.time_scope is None and found.period is not None and found.period.text == period
    assert text[found.period.start : found.period.end] == period


def test_a_date_claim_is_the_time_scope_before_any_period():
    document = _extractor.extract("公司 2025 年全年营收为 30 亿元。", ref_date=REF)
    (money,) = [c for c in document.claims if c.kind == "money"]
    assert money.time_scope is not None and money.period is None
