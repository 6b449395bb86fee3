"""The HTML report in a real browser: headless Chromium renders it without console errors,
the verdict is visible, and on a phone-sized screen nothing overflows sideways.

Needs the Debian packages chromium and chromium-driver (.ci/run installs them);
skips with the reason when they are missing.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from personalroi.report.html import render_html

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
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
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = json.loads(FIXTURE.read_text())
    history = [
        {"recorded_at": f"2026-08-0{i}", "score": 50 + 3 * i, "roi": 0.1 * i} for i in range(1, 6)
    ]
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(result, history), encoding="utf-8")
    return path


def test_report_renders_with_a_visible_verdict(browser: Any, report_file: Path) -> None:
    from selenium.webdriver.common.by import By

    errors = open_page(browser, report_file, 1280, 2000)
    assert errors == []
    verdict = browser.find_element(By.ID, "verdict")
    assert verdict.is_displayed()
    assert verdict.text.startswith("FAIL: score 63.5 is below 70")
    assert verdict.rect["y"] < 800  # above the fold
    for section in ("roi", "scorecard", "lifts", "segments", "trend", "gaps", "priorities"):
        element = browser.find_element(By.ID, section)
        assert element.is_displayed(), section
        assert element.find_elements(By.TAG_NAME, "svg") or section in (
            "scorecard",
            "gaps",
            "priorities",
        )
    shot = report_file.with_suffix(".png")
    browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_report_fits_a_phone_screen(browser: Any, report_file: Path) -> None:
    from selenium.webdriver.common.by import By

    assert open_page(browser, report_file, 390, 844) == []
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    assert browser.find_element(By.ID, "verdict").is_displayed()
    browser.save_screenshot(str(report_file.with_name("phone.png")))


def test_console_errors_are_detected(browser: Any, tmp_path: Path) -> None:
    """The console check itself works: a page that logs an error is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><script>console.error('boom')</script><p>x</p>")
    errors = open_page(browser, page, 800, 600)
    assert any("boom" in e["message"] for e in errors)
