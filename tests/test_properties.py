"""Properties over arbitrary Unicode: no exception, exact offsets, ordered sentences, determinism."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Extractor

# Arbitrary code points minus lone surrogates (no encoding carries them), weighted towards what news
# text is made of: CJK, full-width forms, digits and the punctuation the normaliser rewrites.
_NEWS_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９年月日亿万元美元%％.-–—~～·・ \u3000\n\r\t。，！？“”「」()（）$¥")
    + list("配资平台提示文章来自网络不代表本站观点责任编辑免责声明版权所有©")
    + list("MetaOpenAI马克扎克伯格汪滔")
)
_ANY = st.characters(exclude_categories=("Cs",))
TEXT = st.text(st.one_of(_NEWS_ALPHABET, _ANY), max_size=300)

_extractor = Extractor(include_tokens=True)


def _spans(document):
    yield from document.sentences
    yield from document.entities
    yield from document.claims
    yield from document.boilerplate
    yield from document.tokens or []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_property_offsets_order_and_determinism(text):
    document = _extractor.extract(text, ref_date="2026-11-24")
    for span in _spans(document):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    previous_end = 0
    for sentence in document.sentences:
        assert sentence.start >= previous_end and sentence.end > sentence.start
        previous_end = sentence.end
    for claim in document.claims:
        assert 0 <= claim.sentence < len(document.sentences)
    assert _extractor.extract(text, ref_date="2026-11-24") == document
    # What we emit is valid JSON that parses back to the same document.
    assert type(document).model_validate_json(document.model_dump_json()) == document
