"""The HTML reports in a real browser: no console errors, no network, no script, light and dark.

Uses Debian's headless Chromium (``/usr/bin/chromium``; skipped when absent). Screenshots
go to ``$OPENNESS_SCREENSHOTS`` when set (to look at them), else to the test's temp dir.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openness.assessment import Assessment
from openness.batch import Scored
from openness.report.compare import render_compare_html
from openness.report.html import render_html

from . import cdp

pytestmark = pytest.mark.skipif(not cdp.available(), reason="chromium is not installed (apt-get install chromium)")

BACKGROUNDS = {False: "rgb(255, 255, 255)", True: "rgb(15, 20, 25)"}


@pytest.fixture(scope="module")
def browser():
    with cdp.chromium() as session:
        yield session


def shots_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("OPENNESS_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def check_page(browser: cdp.Browser, page: Path, shots: Path, *, dark: bool) -> None:
    url = page.as_uri()
    browser.open(url, dark=dark)
    log = browser.log
    assert log.errors == [], log.errors
    assert [u for u in log.requests if u != url] == [], "the page loaded something"
    assert log.dialogs == []
    assert browser.evaluate("window.__pwned === undefined && !document.title.includes('PWNED')")
    assert browser.evaluate("document.title").startswith("Openness ")
    assert browser.evaluate("getComputedStyle(document.documentElement).backgroundColor") == BACKGROUNDS[dark]
    # nothing from the card may restyle or cover the page
    assert browser.evaluate("getComputedStyle(document.body).display") == "block"
    assert browser.evaluate("[...document.querySelectorAll('body *')]"
                            ".filter(e => getComputedStyle(e).position === 'fixed').length") == 0
    # every chart is labelled for screen readers
    assert browser.evaluate("[...document.querySelectorAll('svg[role=img]')]"
                            ".every(s => s.querySelector('title') && s.querySelector('desc'))")
    browser.screenshot(shots / f"{page.stem}-{'dark' if dark else 'light'}.png")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_scorecards_and_comparison(browser: cdp.Browser, good: Assessment, hostile: Assessment,
                                   tmp_path: Path, dark: bool) -> None:
    pages = {
        "scorecard": render_html(good),
        "scorecard-hostile": render_html(hostile),
        "comparison": render_compare_html([Scored("tiny-model", good), Scored("evil", hostile),
                                           Scored("github:o/missing", error="github:o/missing: not found")]),
    }
    shots = shots_dir(tmp_path)
    for name, html in pages.items():
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        check_page(browser, page, shots, dark=dark)


def test_csp_blocks_a_script_the_sanitiser_might_miss(browser: cdp.Browser, good: Assessment, tmp_path: Path) -> None:
    """Defence in depth: even a script that got into the page does not run."""
    html = render_html(good).replace("<body>", "<body><script>window.__pwned = 1</script>"
                                     "<img src='https://tracker.example/p.png'>", 1)
    page = tmp_path / "injected.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.evaluate("window.__pwned === undefined")
    remote = [u for u in browser.log.requests if u.startswith("https://")]
    assert remote == browser.log.blocked == ["https://tracker.example/p.png"]  # refused by the CSP, never sent
    assert any("Content Security Policy" in e for e in browser.log.errors), browser.log.errors


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_headline_first_and_grid_cells_coloured(browser: cdp.Browser, good: Assessment, hostile: Assessment,
                                               tmp_path: Path, dark: bool) -> None:
    """The answer is on the first screen; each grid cell carries its status colour, in both schemes."""
    page = tmp_path / "glance.html"
    page.write_text(render_html(good), encoding="utf-8")
    browser.open(page.as_uri(), dark=dark)
    assert browser.evaluate("document.querySelector('ul.headline').getBoundingClientRect().bottom") < 300
    assert browser.evaluate("[...document.querySelectorAll('ul.headline li')].length") >= 5
    grid = tmp_path / "grid.html"
    grid.write_text(render_compare_html([Scored("tiny-model", good), Scored("evil", hostile)]), encoding="utf-8")
    browser.open(grid.as_uri(), dark=dark)
    colours = browser.evaluate("[...document.querySelectorAll('table.grid td.cell')]"
                               ".map(c => c.className.split(' ')[1] + '=' + getComputedStyle(c).backgroundColor)")
    by_status = {c.split("=")[0]: c.split("=")[1] for c in colours}
    assert {"s-pass", "s-fail"} <= set(by_status) and by_status["s-pass"] != by_status["s-fail"]
    assert BACKGROUNDS[dark] not in by_status.values()
    assert browser.evaluate("[...document.querySelectorAll('table.grid td.cell')].every(c => c.title.includes(': '))")
    browser.screenshot(shots_dir(tmp_path) / f"grid-{'dark' if dark else 'light'}.png")
