"""The served explorer in a real browser: Debian's headless Chromium driven by Selenium.

CI installs the browser (`.ci/run`: chromium chromium-driver fonts-noto-core); without it the
tests fail under CI and are skipped elsewhere, naming the packages to install.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import explore_server
import pytest
from helpers import missing
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

import moroccodigital as md
from moroccodigital.explore.app import DATABASE

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
RECORD = ("targets", "ai-jobs-2030")


def _browser_installed() -> None:
    if shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER):
        return
    missing("needs Debian's browser: apt-get install -y chromium chromium-driver fonts-noto-core")


@pytest.fixture(scope="module")
def explorer() -> Iterator[str]:
    """`serve` running in its own process on a free loopback port, stopped after the tests."""
    _browser_installed()
    port = explore_server.free_port()
    server = explore_server.start(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        explore_server.stop(server)


@pytest.fixture(scope="module")
def browser(explorer: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--lang=en-GB",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        table, record_id = RECORD
        driver.get(f"{explorer}/{DATABASE}/{table}/{record_id}")
        yield driver
    finally:
        driver.quit()


def _quotes(browser: webdriver.Chrome) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, "table.md-evidence .md-quote")


def test_record_page_shows_its_evidence_passages(browser: webdriver.Chrome) -> None:
    shown = sorted(element.text for element in _quotes(browser))
    assert shown == sorted(passage.quote for passage in md.evidence(*RECORD))


LINES = """
    const element = arguments[0], box = element.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(element);
    const lines = new Map();
    for (const rect of range.getClientRects()) {
        const [left, right] = lines.get(Math.round(rect.top)) || [Infinity, -Infinity];
        lines.set(Math.round(rect.top), [Math.min(left, rect.left), Math.max(right, rect.right)]);
    }
    return {direction: getComputedStyle(element).direction,
            gaps: [...lines.values()].map(([left, right]) => [left - box.left, box.right - right])};
"""
"""For each line of an element's text, the space left of it and right of it inside the element."""


def test_evidence_is_laid_out_right_to_left_in_a_left_to_right_page(browser: webdriver.Chrome) -> None:
    # text-align is `start`, so a paragraph laid out right to left has its lines flush right
    page = browser.execute_script(LINES, browser.find_element(By.CSS_SELECTOR, "#evidence + p"))
    assert page["direction"] == "ltr"
    assert all(left < 1 for left, _ in page["gaps"]) and page["gaps"][-1][1] > 1, page
    for quote in _quotes(browser):
        laid_out = browser.execute_script(LINES, quote)
        assert laid_out["direction"] == "rtl"
        assert all(right < 1 for _, right in laid_out["gaps"]) and laid_out["gaps"][-1][0] > 1, laid_out


def test_screenshot_of_the_evidence_is_not_blank(browser: webdriver.Chrome, tmp_path: Path) -> None:
    browser.execute_script("document.getElementById('evidence').scrollIntoView()")
    shot = tmp_path / "record-evidence.png"
    assert browser.save_screenshot(str(shot))
    with Image.open(shot) as image:
        grey = image.convert("L")
        dark = sum(count for level, count in enumerate(grey.histogram()) if level < 128)
        share = dark / (grey.width * grey.height)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 32, "the screenshot has almost no colours: nothing was drawn"
    assert 0.005 < share < 0.5, f"{share:.1%} of the screenshot is dark text"


def test_the_search_box_turns_right_to_left_when_arabic_is_typed(
    browser: webdriver.Chrome, explorer: str
) -> None:
    browser.get(f"{explorer}/{DATABASE}/events")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    box.send_keys("Rabat")
    assert browser.execute_script("return arguments[0].matches(':dir(ltr)')", box)
    box.clear()
    box.send_keys("الرباط")
    assert browser.execute_script("return arguments[0].matches(':dir(rtl)')", box)
    box.submit()
    shown = browser.find_element(By.CSS_SELECTOR, "input[name=_search]")
    assert browser.execute_script("return arguments[0].matches(':dir(rtl)')", shown)
    assert "onepoint-centre-protocol-signing" in browser.page_source
