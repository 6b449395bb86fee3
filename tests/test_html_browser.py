"""The HTML report in a real browser: headless Chromium renders it without console errors,
at laptop (1280 px) and phone (390 px) width the verdict headline is in the first
screen, and no table or element is cut off or scrolls sideways.

Needs the Debian packages chromium and chromium-driver (.ci/run installs them);
skips with the reason when they are missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_results import fixture, with_verdict

from personalroi.report.html import render_html

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
DRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="headless Chromium not installed (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser: Any, path: Path, width: int, height: int) -> list[dict[str, Any]]:
    """Load a file; return the console entries of level SEVERE (errors)."""
    browser.set_window_size(width, height)
    browser.get(path.as_uri())
    browser.execute_script("return document.readyState")
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    """The saved result, with a verdict when it was saved before verdicts existed."""
    saved = fixture()
    return saved if "verdict" in saved else with_verdict(saved, "promising")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory, result: dict[str, Any]) -> Path:
    history = [
        {"recorded_at": f"2026-08-0{i}", "score": 50 + 3 * i, "roi": 0.1 * i} for i in range(1, 6)
    ]
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(result, history), encoding="utf-8")
    return path


# Every element inside the viewport's width, every table as wide as its box at most,
# folded <details> opened first so their tables are measured too. Returns what sticks out.
LAYOUT_PROBLEMS = """
document.querySelectorAll('details').forEach(d => { d.open = true; });
const width = document.documentElement.clientWidth, out = [];
if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways');
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && (r.left < -1 || r.right > width + 1))
    out.push(`${e.tagName}.${e.className} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
}
for (const t of document.querySelectorAll('table')) {
  const box = t.parentElement, where = t.closest('section').id;
  if (t.scrollWidth > t.clientWidth + 1) out.push(`table in ${where} cut: ${t.scrollWidth}`);
  if (box.scrollWidth > box.clientWidth + 1) out.push(`table box in ${where} scrolls`);
  if (t.getBoundingClientRect().right > box.getBoundingClientRect().right + 1)
    out.push(`table in ${where} wider than its box`);
}
return out.slice(0, 10);
"""


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_report_fits_and_opens_with_the_verdict(
    browser: Any, report_file: Path, result: dict[str, Any], width: int, height: int
) -> None:
    from selenium.webdriver.common.by import By

    assert open_page(browser, report_file, width, height) == []
    viewport = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    headline = browser.find_element(By.CSS_SELECTOR, "#verdict .headline")
    assert headline.text == result["verdict"]["headline"]
    box = headline.rect
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport[1]  # no scrolling needed
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport[0]
    for section in ("roi", "scorecard", "lifts", "segments", "trend", "gaps", "priorities"):
        element = browser.find_element(By.ID, section)
        assert element.is_displayed(), section
        assert element.find_elements(By.TAG_NAME, "svg") or section in (
            "scorecard",
            "gaps",
            "priorities",
        )
    assert browser.execute_script(LAYOUT_PROBLEMS) == []
    shot = report_file.with_name(f"report-{width}.png")
    browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_the_layout_check_catches_a_wide_table(browser: Any, tmp_path: Path) -> None:
    """The check itself works: a table that cannot shrink is reported."""
    page = tmp_path / "wide.html"
    cell = "x" * 400
    page.write_text(
        f"<!doctype html><section id='s'><div style='overflow-x:auto'><table><tr><td>{cell}"
        "</td></tr></table></div></section>"
    )
    open_page(browser, page, 390, 844)
    assert browser.execute_script(LAYOUT_PROBLEMS)


def test_console_errors_are_detected(browser: Any, tmp_path: Path) -> None:
    """The console check itself works: a page that logs an error is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><script>console.error('boom')</script><p>x</p>")
    errors = open_page(browser, page, 800, 600)
    assert any("boom" in e["message"] for e in errors)
