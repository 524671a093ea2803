"""The served explorer in a real browser: Debian's headless Chromium driven by Selenium.

CI installs the browser (`.ci/run`: chromium chromium-driver fonts-noto-core); without it the
tests fail under CI and are skipped elsewhere, naming the packages to install.
"""

from __future__ import annotations

import base64
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
EVENT = "onepoint-centre-protocol-signing"
WIDTH, HEIGHT = 1280, 1000


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
        f"--window-size={WIDTH},{HEIGHT}",
        "--lang=en-GB",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def record_page(browser: webdriver.Chrome, explorer: str) -> webdriver.Chrome:
    """The browser on the page of `RECORD`, a target supported by Arabic passages."""
    table, record_id = RECORD
    browser.get(f"{explorer}/{DATABASE}/{table}/{record_id}")
    return browser


def _quotes(browser: webdriver.Chrome) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, "table.md-evidence .md-quote")


def test_record_page_shows_its_evidence_passages(record_page: webdriver.Chrome) -> None:
    browser = record_page
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


def test_evidence_is_laid_out_right_to_left_in_a_left_to_right_page(record_page: webdriver.Chrome) -> None:
    browser = record_page
    # text-align is `start`, so a paragraph laid out right to left has its lines flush right
    page = browser.execute_script(LINES, browser.find_element(By.CSS_SELECTOR, "#evidence + p"))
    assert page["direction"] == "ltr"
    assert all(left < 1 for left, _ in page["gaps"]) and page["gaps"][-1][1] > 1, page
    for quote in _quotes(browser):
        laid_out = browser.execute_script(LINES, quote)
        assert laid_out["direction"] == "rtl"
        assert all(right < 1 for _, right in laid_out["gaps"]) and laid_out["gaps"][-1][0] > 1, laid_out


def test_screenshot_of_the_evidence_is_not_blank(record_page: webdriver.Chrome, tmp_path: Path) -> None:
    browser = record_page
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


@pytest.fixture
def event_page(browser: webdriver.Chrome, explorer: str) -> webdriver.Chrome:
    """The browser on the page of the Onepoint signing, an event with eight participants."""
    browser.get(f"{explorer}/{DATABASE}/events/{EVENT}")
    return browser


def _participants() -> list[tuple[str, str, str]]:
    """(actor id, name shown, role) of each participant of `EVENT`, from the loaders."""
    actors = md.load("actors").set_index("actor_id")
    names = actors["name_en"].fillna(actors["name"])
    taking_part = md.load("event_participants").query("event_id == @EVENT")
    return sorted(
        (actor, names[actor], role)
        for actor, role in zip(taking_part["actor_id"], taking_part["role"], strict=True)
    )


def _section(browser: webdriver.Chrome, key: str) -> list[dict[str, WebElement]]:
    """The rows of a record page's linked-row table, each a mapping from its header to its cell."""
    table = browser.find_element(By.ID, f"md-{key}")
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    return [
        dict(zip(headers, row.find_elements(By.TAG_NAME, "td"), strict=True))
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]


def test_event_page_shows_its_participants_with_roles_linked_to_their_actor_pages(
    event_page: webdriver.Chrome, explorer: str
) -> None:
    expected = _participants()
    assert len(expected) == 8
    shown = sorted(
        (
            row["actor"].find_element(By.TAG_NAME, "a").get_attribute("href"),
            row["actor"].text,
            row["role"].text,
        )
        for row in _section(event_page, "participants")
    )
    assert shown == sorted(
        (f"{explorer}/{DATABASE}/actors/{actor}", name, role) for actor, name, role in expected
    )


def test_arabic_names_of_the_participants_read_right_to_left(event_page: webdriver.Chrome) -> None:
    written = md.load("actors").set_index("actor_id")["name"]
    arabic = {written[actor] for actor, _, _ in _participants() if written[actor] != "Onepoint"}
    assert arabic
    cells = [row["name as written"] for row in _section(event_page, "participants")]
    directions = {
        cell.text: event_page.execute_script("return getComputedStyle(arguments[0]).direction", cell)
        for cell in cells
    }
    assert {text for text, direction in directions.items() if direction == "rtl"} == arabic
    assert directions["Onepoint"] == "ltr"


def test_event_page_shows_one_field_a_line_with_its_codebook_description(
    event_page: webdriver.Chrome,
) -> None:
    fields = md.schema("events")["fields"]
    rows = event_page.find_elements(By.CSS_SELECTOR, "table.md-record tbody tr")
    shown = [
        (
            row.find_element(By.CSS_SELECTOR, ".md-field").text,
            row.find_element(By.CSS_SELECTOR, ".md-desc").text,
        )
        for row in rows
    ]
    assert shown == [(field["name"], field["description"]) for field in fields]
    tops = [row.rect["y"] for row in rows]
    assert tops == sorted(set(tops)), "each field has a line of its own"


def test_event_page_fits_the_window_width(event_page: webdriver.Chrome) -> None:
    scroll, client = event_page.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client <= WIDTH


def test_screenshot_of_the_event_page_is_a_png_of_the_whole_page_width(
    event_page: webdriver.Chrome, tmp_path: Path
) -> None:
    width, height = event_page.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollHeight]"
    )
    participants = event_page.find_element(By.ID, "md-participants").rect
    shot = event_page.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path = tmp_path / f"event-{EVENT}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (width, height)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert WIDTH - 20 <= width <= WIDTH  # the window's width, less a scroll bar
    assert participants["y"] + participants["height"] <= height
    assert len(colours) > 32, "the screenshot has almost no colours: nothing was drawn"


FIRST_LINE = """
    const range = document.createRange();
    range.selectNodeContents(arguments[0]);
    return range.getClientRects()[0].bottom <= innerHeight;
"""
"""Whether the first line of an element's text is inside the window, scrolled to the top."""


def test_a_table_page_shows_its_description_then_rows_on_the_first_screen(
    browser: webdriver.Chrome, explorer: str
) -> None:
    browser.get(f"{explorer}/{DATABASE}/events")
    description = browser.find_element(By.CSS_SELECTOR, ".metadata-description")
    first_row = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    (events,) = (res for res in md.descriptor()["resources"] if res["name"] == "events")
    assert description.text == events["description"]
    assert description.rect["y"] < first_row.rect["y"]
    assert browser.execute_script(FIRST_LINE, first_row.find_element(By.TAG_NAME, "td"))


def test_a_table_page_folds_its_column_descriptions_until_asked(
    browser: webdriver.Chrome, explorer: str
) -> None:
    browser.get(f"{explorer}/{DATABASE}/events")
    folded = browser.find_element(By.CSS_SELECTOR, "details.md-columns")
    described = folded.find_elements(By.TAG_NAME, "dd")
    assert not any(dd.is_displayed() for dd in described)
    folded.find_element(By.TAG_NAME, "summary").click()
    assert [dd.text for dd in described] == [field["description"] for field in md.schema("events")["fields"]]
    first_cell = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody td")
    assert not browser.execute_script(FIRST_LINE, first_cell), "unfolded, they push the rows down"


CLAMPED = """
    const style = getComputedStyle(arguments[0]);
    return [arguments[0].clientHeight, arguments[0].scrollHeight, parseFloat(style.lineHeight)];
"""
"""An element's shown height, the height its whole text needs, and its line height, in pixels."""


def test_a_long_arabic_cell_of_a_table_page_is_cut_to_three_lines(
    browser: webdriver.Chrome, explorer: str
) -> None:
    arabic = md.load("sources").query("language == 'ar'")["source_id"]
    evidence = md.load("evidence")
    evidence = evidence[evidence["source_id"].isin(arabic)]
    longest = evidence.loc[evidence["quote"].str.len().idxmax()]
    browser.get(f"{explorer}/{DATABASE}/evidence?evidence_id={longest['evidence_id']}")
    cell = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns td.col-quote .md-rtl")
    shown, whole, line = browser.execute_script(CLAMPED, cell)
    assert shown <= 3 * line + 1 < whole
