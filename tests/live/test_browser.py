"""The participant page in a real browser (the system's headless Chromium, via Selenium):
join through the join link, answer, add an idea, vote; everything ends up in the file."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ampdesk.framework.live import for_step, voting
from ampdesk.store.live import LiveStore
from ampdesk.store.workshop_file import open_workshop
from ampdesk.store.workshop_store import WorkshopStore
from tests.live.client import LiveProcess

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PHONE = {"deviceMetrics": {"width": 360, "height": 800, "pixelRatio": 2.0}}


@pytest.fixture
def browser() -> Iterator[object]:
    """A headless Chromium at phone width; skipped where none is installed (not in CI)."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        if os.environ.get("AMPDESK_REQUIRE_BROWSER"):
            pytest.fail(
                "Chromium and ChromeDriver are required here (apt install chromium chromium-driver)"
            )
        pytest.skip("Chromium and ChromeDriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="ampdesk-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("mobileEmulation", PHONE)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.slow
def test_a_phone_joins_answers_adds_an_idea_and_votes(
    browser: object, serve: Callable[..., LiveProcess], workshop_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    driver = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, 20)  # type: ignore[arg-type]
    with open_workshop(workshop_path) as workshop:
        existing = WorkshopStore(workshop).notes.add(
            "autonomy", "idea", "<script>x</script>", dimension="who"
        )
    server = serve("--step", "autonomy")
    driver.get(server.info["join_url"])  # type: ignore[attr-defined]

    # answer the first question with 2 and the second with 4
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "fieldset.q")))
    assert "#" not in driver.current_url  # type: ignore[attr-defined]  # the code left the URL
    questions = driver.find_elements(By.CSS_SELECTOR, "fieldset.q")  # type: ignore[attr-defined]
    assert len(questions) == 8
    questions[0].find_element(By.CSS_SELECTOR, "label[for$='-2']").click()
    questions[1].find_element(By.CSS_SELECTOR, "label[for$='-4']").click()
    driver.find_element(By.XPATH, "//button[.='Send answers']").click()  # type: ignore[attr-defined]
    wait.until(ec.text_to_be_present_in_element((By.ID, "main"), "your answers are saved"))

    # add an idea about "how"
    driver.find_element(By.CSS_SELECTOR, "textarea").send_keys("Choose our own tools — ✓ ü")  # type: ignore[attr-defined]
    Select(driver.find_element(By.CSS_SELECTOR, "select")).select_by_value("how")  # type: ignore[attr-defined]
    driver.find_element(By.XPATH, "//button[.='Add idea']").click()  # type: ignore[attr-defined]
    wait.until(ec.text_to_be_present_in_element((By.ID, "main"), "Added"))

    # the facilitator opens dot voting; the page follows by itself
    with open_workshop(workshop_path) as workshop:
        LiveStore(workshop).set_state(voting("autonomy", dots=2))
    wait.until(ec.text_to_be_present_in_element((By.ID, "main"), "Place your dots"))
    texts = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "li.note p.text")]  # type: ignore[attr-defined]
    assert texts == ["<script>x</script>", "Choose our own tools — ✓ ü"]  # markup shown as text
    assert driver.execute_script("return document.scripts.length") == 1  # type: ignore[attr-defined]
    plus = driver.find_elements(By.CSS_SELECTOR, "button[aria-label='Put a dot on']")  # type: ignore[attr-defined]
    plus[1].click()
    plus[1].click()
    driver.find_element(By.XPATH, "//button[.='Send my dots']").click()  # type: ignore[attr-defined]
    wait.until(ec.text_to_be_present_in_element((By.ID, "main"), "your dots are saved"))
    widths = driver.execute_script(  # type: ignore[attr-defined]
        "return [window.innerWidth, document.documentElement.scrollWidth]"
    )
    assert widths == [360, 360]  # readable on a 360 px wide screen, no sideways scrolling
    # read the console while the server still runs: the page's next poll after stop() fails
    problems = [
        entry["message"]
        for entry in driver.get_log("browser")  # type: ignore[attr-defined]
        if "Content Security Policy" in entry["message"] or entry["level"] == "SEVERE"
    ]
    assert problems == []

    server.stop()
    with open_workshop(workshop_path) as workshop:
        repo = WorkshopStore(workshop)
        answers = repo.answers.by_item("autonomy")
        notes = {n.text: n for n in repo.notes.all("autonomy")}
    assert answers["what.current"] == [2] and answers["what.desired"] == [4]
    assert notes["Choose our own tools — ✓ ü"].dimension == "how"
    assert notes["Choose our own tools — ✓ ü"].votes == 2 and notes["<script>x</script>"].votes == 0
    assert existing in {n.id for n in notes.values()}


@pytest.mark.slow
def test_every_screen_of_the_page_passes_an_accessibility_audit(
    browser: object, serve: Callable[..., LiveProcess], workshop_path: Path
) -> None:
    """axe-core (the engine behind common accessibility checkers) on each screen of the page:
    joining, waiting, the pulse, autonomy, mastery and dot voting. CI installs axe-core."""
    axe = os.environ.get("AMPDESK_AXE")
    if not axe:
        if os.environ.get("AMPDESK_REQUIRE_BROWSER"):
            pytest.fail("set AMPDESK_AXE to axe.min.js (npm install axe-core)")
        pytest.skip("axe-core is not installed (AMPDESK_AXE)")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.wait import WebDriverWait

    driver = browser  # type: ignore[assignment]
    source = Path(axe).read_text(encoding="utf-8")
    with open_workshop(workshop_path) as workshop:
        WorkshopStore(workshop).notes.add("autonomy", "idea", "Own tools", dimension="how")
    server = serve()

    def audit(screen: str, marker: str) -> None:
        WebDriverWait(driver, 20).until(  # type: ignore[arg-type]
            ec.text_to_be_present_in_element((By.ID, "main"), marker)
        )
        driver.execute_script(source)  # type: ignore[attr-defined]
        violations = driver.execute_async_script(  # type: ignore[attr-defined]
            "const done = arguments[arguments.length - 1];"
            "axe.run().then(r => done(r.violations.map(v => v.id + ': ' + v.help)));"
        )
        assert violations == [], screen

    driver.get(server.url)  # type: ignore[attr-defined]
    audit("join form", "Join code")
    driver.get(server.info["join_url"])  # type: ignore[attr-defined]
    audit("waiting", "Waiting")
    for state, marker in (
        (for_step("fairness"), "Pay fairness pulse"),
        (for_step("autonomy"), "Idea"),
        (for_step("mastery"), "Blocker"),
        (voting("autonomy", 3), "Place your dots"),
    ):
        with open_workshop(workshop_path) as workshop:
            LiveStore(workshop).set_state(state)
        audit(state.activity, marker)
