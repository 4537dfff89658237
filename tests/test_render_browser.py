"""The HTML report of every sample in a real headless Chromium (Debian's chromium, driven by Playwright):
no console or page errors, no request but the file itself, every claim of the JSON a marked element
carrying its value, a claim's details shown on keyboard focus, nothing wider than a 375-pixel phone.

Chromium is installed by this module's setup where it is missing and the tests run as root with
apt-get (as on CI); elsewhere the tests are skipped with the reason. One browser serves every test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from extractor.views import render
from tests.conftest import ROOT
from tests.test_samples import ARTICLES, REFERENCE_DATES

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home (updates, sync, safe-browsing lists): the only request the
# tests may see is the report file, so the browser itself must make none.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
INSTALL_TIMEOUT = 900  # seconds for apt-get: a cold package list and chromium's ~100 MB on a slow mirror


def _install_chromium() -> str | None:
    """Install Debian's chromium if it is missing; the reason it cannot be, or None when it is there."""
    if os.path.exists(CHROMIUM):
        return None
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return "Debian's chromium is not installed and cannot be installed here (needs root and apt-get)"
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    try:
        result = subprocess.run(install, capture_output=True, env=environment, timeout=INSTALL_TIMEOUT)
        if result.returncode != 0:  # a fresh machine has no package lists yet
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=environment, timeout=INSTALL_TIMEOUT)
            result = subprocess.run(install, capture_output=True, env=environment, timeout=INSTALL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"installing chromium failed: {exc}"
    if not os.path.exists(CHROMIUM):
        tail = result.stderr.decode(errors="replace").strip().splitlines()
        return "installing chromium with apt-get failed" + (f": {tail[-1]}" if tail else "")
    return None


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install '.[test]')")
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def reports(extractor_instance, tmp_path_factory):
    """Each sample extracted as the golden test reads it, and its report written to a file."""
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for article in ARTICLES:
        document = extractor_instance.extract_file(
            article.relative_to(ROOT), ref_date=REFERENCE_DATES.get(article.stem)
        )
        path = folder / f"{article.stem}.html"
        path.write_text(render("html", [document]), encoding="utf-8")
        made[article.stem] = (document, path)
    return made


@pytest.mark.parametrize("stem", [article.stem for article in ARTICLES])
def test_report_in_chromium(browser, reports, stem):
    document, path = reports[stem]
    url = path.as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, requests = [], []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(url, wait_until="load")
        assert problems == []
        assert requests == [url]

        # Every claim of the JSON is one marked element that carries its kind and its value.
        marks = page.eval_on_selector_all(
            "mark.claim",
            "marks => marks.map(m => ({id: m.dataset.claimId, kind: m.dataset.kind, value: m.dataset.value, anchor: m.id}))",
        )
        assert sorted(mark["id"] for mark in marks) == sorted(claim.id for claim in document.claims)
        by_id = {mark["id"]: mark for mark in marks}
        for claim in document.claims:
            expected = claim.value.model_dump(mode="json") if claim.value is not None else None
            assert by_id[claim.id]["kind"] == claim.kind
            assert json.loads(by_id[claim.id]["value"]) == expected

        # Details appear on keyboard focus and go when the focus moves on (Tab).
        if document.claims:
            first = min(document.claims, key=lambda claim: claim.start)
            anchor = by_id[first.id]["anchor"]
            tip = page.locator(f"#{anchor}-tip")
            assert not tip.is_visible()
            page.focus(f"#{anchor}")
            assert tip.is_visible()
            assert "Check-worthiness" in tip.inner_text()
            page.keyboard.press("Tab")
            assert not tip.is_visible()

        # A phone: no horizontal scrolling, and a claim's details stay inside the screen.
        page.set_viewport_size({"width": 375, "height": 740})
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
        )
        assert max(widths[:2]) <= widths[2], widths
        if document.claims:
            page.focus(f"#{anchor}")
            box = tip.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert problems == [] and requests == [url]
    finally:
        page.close()
