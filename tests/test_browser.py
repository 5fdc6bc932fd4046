"""A real browser (Playwright driving Debian's Chromium) on the built site, served on localhost.

Checks what a reader relies on: linked tabs that keep a choice across pages and
reloads, search, copy buttons, rendered math, images that load, no request
leaving localhost and no console errors. Saves a screenshot of a day page in
each palette, and the page weight, to test-output/.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from verified.days import ROOT, find_days

pytestmark = pytest.mark.e2e
OUTPUT = ROOT / "test-output"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DAYS = find_days(ROOT)
SEARCH_WORD = "softmax"  # a topic word; "lstm" once Part 5 exists


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    build, site = built_site
    assert build.returncode == 0, build.stderr[-3000:]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) "
                    "or set CHROMIUM=/path/to/chrome; `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic"])
        yield browser
        browser.close()


class Watch:
    """Record every request, refuse those that leave localhost, and collect console errors."""

    def __init__(self, context, origin):
        self.origin, self.outside, self.errors = origin, [], []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.origin) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def attach(self, page):
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        return page


@pytest.fixture
def session(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context, server)
    page = watch.attach(context.new_page())
    yield page, watch, server
    context.close()
    assert not watch.outside, f"requests left localhost: {watch.outside}"
    assert not watch.errors, "console errors:\n" + "\n".join(watch.errors)


def day_url(server, day):
    return f"{server}/days/{day.page.stem}/"


def selected_tab(page) -> str:
    return page.locator(".tabbed-set").first.evaluate(
        "s => s.querySelector(':scope > .tabbed-labels > label:nth-child(' + "
        "([...s.querySelectorAll(':scope > input')].findIndex(i => i.checked) + 1) + ')').innerText")


def test_tab_choice_persists_across_pages_and_reload(session):
    page, _, server = session
    page.goto(day_url(server, DAYS[0]))
    assert selected_tab(page) == "TensorFlow"
    page.locator(".tabbed-labels label", has_text="PyTorch").first.click()
    assert selected_tab(page) == "PyTorch"
    # every tab set on the page follows the choice (linked tabs)
    sets = page.locator(".tabbed-set").count()
    assert sets >= 2 and all(
        page.locator(".tabbed-set").nth(i).locator(":scope > input").nth(1).is_checked() for i in range(sets))
    page.locator(f'a.md-nav__link[href*="{DAYS[1].page.stem}"]').first.click()
    page.wait_for_url(f"**/{DAYS[1].page.stem}/")
    assert selected_tab(page) == "PyTorch"
    page.reload()
    assert selected_tab(page) == "PyTorch"


def test_search_finds_a_day_by_topic(session):
    page, _, server = session
    page.goto(server + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(SEARCH_WORD, delay=30)  # typed, as a reader would
    hits = page.locator(".md-search-result__item > a")
    hits.first.wait_for(timeout=15000)
    links = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
    topical = [d.page.stem for d in DAYS if SEARCH_WORD in d.title().lower()]
    assert topical, f"no day has {SEARCH_WORD!r} in its title"
    assert any(topical[0] in l for l in links), f"search for {SEARCH_WORD!r} did not find {topical[0]}: {links}"
    assert not any("/notebooks/" in l for l in links), "notebook copies should not crowd the search results"


def test_code_copy_math_and_images_on_every_day(session):
    page, _, server = session
    for day in DAYS:
        page.goto(day_url(server, day))
        blocks = page.locator(".md-content pre > code").count()
        buttons = page.locator('.md-content pre button[data-md-type="copy"]').count()
        assert blocks and buttons == blocks, f"{day.page.name}: {buttons} copy buttons for {blocks} code blocks"
        if page.locator(".arithmatex").count():
            page.locator(".arithmatex .katex").first.wait_for(timeout=5000)
            assert page.locator(".katex-error").count() == 0, f"{day.page.name}: KaTeX could not render some math"
        broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        assert not broken, f"{day.page.name}: images that did not load: {broken}"


def test_notebook_page_renders_offline(session):
    page, _, server = session
    page.goto(day_url(server, DAYS[0]))
    page.locator("a", has_text="view").first.click()
    page.wait_for_url("**/notebooks/**")
    page.locator(".jupyter-wrapper .jp-CodeCell").first.wait_for()
    assert page.locator(".jupyter-wrapper .katex").count() > 0, "notebook math not rendered"
    assert page.request.get(server + f"/notebooks/{DAYS[0].page.stem}-tf/{DAYS[0].page.stem}-tf.ipynb").ok


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_screenshot_and_page_weight_in_each_palette(browser, server, scheme, palette):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, color_scheme=scheme)
    watch = Watch(context, server)
    page = watch.attach(context.new_page())
    page.goto(day_url(server, DAYS[0]), wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / f"day-001-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    weight = page.evaluate("""() => {
        const entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
        return {requests: entries.length, bytes_transferred: entries.reduce((a, e) => a + e.transferSize, 0),
                bytes_decoded: entries.reduce((a, e) => a + e.decodedBodySize, 0)};
    }""")
    (OUTPUT / f"page-weight-{scheme}.json").write_text(json.dumps({"page": DAYS[0].page.stem, **weight}, indent=1))
    context.close()
    assert not watch.outside and not watch.errors, (watch.outside, watch.errors)
