"""An article file's bytes → the text to extract from, with what is known about where it came from.

- Plain text: decoded by :func:`extractor.text.decode.decode_bytes` (UTF-8/16/32, GB18030, Big5...).
- HTML (a ``.html``/``.htm``/``.xhtml`` name, or bytes that open like a page): the page is decoded (its
  ``<meta charset>``, else the same detection as plain text), and its main text is taken out by
  trafilatura — navigation, scripts, styles, comments and footers left behind; nothing is fetched and
  no script runs. The page's title and publication date come from its metadata; the date becomes the
  reference date when none is given (``reference_date_source: "document"``). Offsets in the output are
  into the extracted text, which the output carries (``Document.text``).

trafilatura is the ``html`` extra (``pip install 'extractor[html]'``); without it an HTML input is an error
that says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from extractor.errors import DecodingError, HtmlInputError
from extractor.text.decode import decode_bytes

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# What a page opens with, after a byte-order mark, white space and comments: a doctype or an HTML tag.
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|meta|body|title)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Article:
    text: str
    encoding: str
    format: str = "text"  # "text" | "html"
    title: str | None = None
    published: dt.date | None = None

    def source_info(self) -> dict:
        """The output's ``Document.source``."""
        return {
            "format": self.format,
            "encoding": self.encoding,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
        }


def looks_like_html(data: bytes, name: str | None = None) -> bool:
    if name and PurePath(name).suffix.lower() in HTML_SUFFIXES:
        return True
    return _HTML_START.match(data[:SNIFF_BYTES]) is not None


def read_article(data: bytes, *, source: str | None = None, name: str | None = None) -> Article:
    """The article in ``data``; ``name`` (a file name) tells HTML by its suffix, else the bytes do."""
    if looks_like_html(data, name):
        return _html_article(data, source=source)
    text, encoding = decode_bytes(data, source=source)
    return Article(text, encoding)


def _decode_page(data: bytes, *, source: str | None) -> tuple[str, str]:
    """A page's text: its declared charset when that decodes it (UTF-8 pages declaring latin-1 are common
    enough that a failed declaration falls back to detection), else the plain-text detection."""
    declared = _META_CHARSET.search(data[:SNIFF_BYTES])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, source=source)


def _html_article(data: bytes, *, source: str | None) -> Article:
    try:
        import trafilatura
        from trafilatura.settings import use_config
    except ImportError:
        raise HtmlInputError(
            "is an HTML page; reading HTML needs the html extra: pip install 'extractor[html]'", source=source
        ) from None
    page, encoding = _decode_page(data, source=source)
    config = use_config()
    # A Chinese article is short in characters: below trafilatura's 250-character floor it falls back to
    # a cruder reading that runs the paragraphs together. Its own time limit uses SIGALRM, which only the
    # main thread may set; the batch's per-document limit covers it instead.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    try:
        found = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=True, config=config
        )
    except Exception as exc:  # noqa: BLE001 - a page the parser cannot read is this input's error, not a crash
        raise DecodingError(f"HTML page could not be parsed ({type(exc).__name__})", source=source) from None
    body = (found.text or "").strip() if found is not None else ""
    if not body:
        raise HtmlInputError("is an HTML page with no article text in it", source=source)
    title = _clean(found.title)
    if title and not body.startswith(title):
        body = f"{title}\n{body}"  # the headline carries claims too
    return Article(body, encoding, "html", title, _date(found.date))


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
