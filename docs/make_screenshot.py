"""Make docs/report.png, the README's picture of the HTML report: the Chinese tech-finance sample, with one
claim's details open as keyboard focus shows them.

    .venv/bin/python docs/make_screenshot.py

Needs Playwright for Python (the test extra) and Debian's chromium (apt-get install chromium), plus a
font with Chinese characters (apt-get install fonts-noto-cjk, or fonts-wqy-zenhei) so that the text is
not drawn as boxes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = "samples/zh_tech_finance.txt"
REFERENCE_DATE = "2026-11-20"
CLAIM = "c9"  # 700 – 720 亿美元: a range with a subject, predicate, source, hedge and time scope to show
VIEWPORT = {"width": 1280, "height": 760}


def main() -> None:
    from playwright.sync_api import sync_playwright

    from extractor import Extractor
    from extractor.views import render

    document = Extractor().extract_file(ROOT / SAMPLE, ref_date=REFERENCE_DATE, doc_id=SAMPLE)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        report.write_text(render("html", [document]), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.goto(report.as_uri())
            mark = page.locator(f'mark.claim[data-claim-id="{CLAIM}"]')
            # Start the picture at the article's heading, then open the claim's details as Tab would.
            page.locator("article.doc").evaluate("element => window.scrollTo(0, element.offsetTop - 8)")
            mark.focus()
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            browser.close()
    print("wrote docs/report.png")


if __name__ == "__main__":
    main()
