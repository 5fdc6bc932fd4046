"""A real browser (Playwright driving Debian's Chromium) on the built site, served on localhost.

Checks what a reader relies on, on the home page and every day page:
- width: no code or output block scrolls sideways at 1440x900 (in either tab, whole scripts opened); at
  390x844 the page never scrolls sideways and display math fits or scrolls inside its own box;
- figures: alt text that says what they show, a caption, lazy loading, legible on the dark palette, and
  each loads once its tab is shown (and not before);
- search: topic queries find the right day first, previews start with the lesson;
- navigation: "Day N · Title", the home page links every part, parts collapse, previous/next;
- accessibility: no serious or critical axe-core violation in either palette;
- linked tabs that keep a choice across pages and reloads, copy buttons, rendered math, notebook pages,
  no request leaving localhost and no console errors.

One server and one browser visit every page once (the `sweep` fixture: a few tabs take turns, one running
axe-core while the next page is checked; both palettes on the same page load); each test then asserts its own
share of what the sweep found, so one failure does not hide the others. Screenshots, page weights and a
per-page report (blocks that scroll sideways at each width, axe counts per palette) go to test-output/.
axe-core comes bundled with axe-playwright-python: nothing is fetched.
"""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import threading
import time
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from verified.days import PARTS, ROOT, find_days

pytestmark = pytest.mark.e2e
OUTPUT = ROOT / "test-output"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DAYS = [d for d in find_days(ROOT) if d.page]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# A topic query and the day it must find first; a query is checked once its day exists.
# One per part, as parts arrive: softmax (part 1), momentum (part 2), early stopping (part 3).
SEARCHES = {"adam": 17, "dropout": 23, "broadcasting": 1, "cross entropy": 12, "lasso": 22, "warmup": 18,
            "softmax": 6, "momentum": 14, "early stopping": 25}
BANNER = re.compile(r"^(Verified|Notebooks|\d+ of \d+ snippets|Every snippet)|snippets? on this page ran", re.I)
# Tabs that take turns in the sweep (axe-core runs in one while the next page is checked).
TABS = max(2, min(4, os.cpu_count() or 2))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site, request):
    build, site = built_site
    assert build.returncode == 0, build.stderr[-3000:]
    request.getfixturevalue("replays")  # every snippet has run: the selected notebook replays start meanwhile
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
    context = browser.new_context(viewport=DESKTOP)
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


# -- JavaScript run in the page ---------------------------------------------------------------------------------

# Show tab k of every tab set (or restore what was checked) without firing Material's change handlers, so the
# reader's linked-tab choice in localStorage is left alone; open every <details> (whole scripts).
SHOW_TAB = """k => {
    window.__saved = window.__saved || {
        tabs: [...document.querySelectorAll('.md-content .tabbed-set > input')].filter(i => i.checked),
        details: [...document.querySelectorAll('.md-content details')].filter(d => !d.open)};
    if (k === null) {
        window.__saved.tabs.forEach(i => { i.checked = true; });
        window.__saved.details.forEach(d => { d.open = false; });
        window.__saved = null;
        return 0;
    }
    let most = 0;
    for (const set of document.querySelectorAll('.md-content .tabbed-set')) {
        const inputs = set.querySelectorAll(':scope > input');
        most = Math.max(most, inputs.length);
        if (inputs[k]) inputs[k].checked = true;
    }
    document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });
    return most;
}"""

# Every visible code or output block: how wide its content is against its box (with tab k shown).
MEASURE_BLOCKS = """k => {
    const out = [];
    const blocks = [...document.querySelectorAll('.md-content pre')].filter(p => p.getClientRects().length)
        .filter(p => k === 0 || p.closest('.tabbed-block'));  // blocks outside the tabs: measured with tab 0
    blocks.forEach((pre, n) => {
        const code = pre.querySelector(':scope > code') || pre;
        const block = pre.closest('.tabbed-block');
        let tab = '';
        if (block) {
            const set = block.closest('.tabbed-set');
            const i = [...block.parentElement.children].indexOf(block);
            const label = set.querySelectorAll(':scope > .tabbed-labels > label')[i];
            tab = label ? label.innerText.trim() + ' · ' : '';
        }
        const name = pre.parentElement.querySelector(':scope > .filename');
        const text = code.innerText;
        const summary = pre.closest('details') && pre.closest('details').querySelector(':scope > summary');
        const title = name ? name.innerText.trim() : summary ? summary.textContent.trim()
                    : '"' + text.trim().split('\\n')[0].slice(0, 40) + '"';
        const excess = Math.max(code.scrollWidth - code.clientWidth, pre.scrollWidth - pre.clientWidth);
        out.push({block: tab + title, scroll: code.scrollWidth, box: code.clientWidth, excess: excess,
                  longest: Math.max(...text.split('\\n').map(l => l.length))});
    });
    return out;
}"""

# Display math at phone width: the formula's glyphs lie inside the screen and inside the box that clips them
# (it fits), or that box scrolls, with a scrollbar a reader can see, and stays inside the screen.
MEASURE_MATH = """() => [...document.querySelectorAll('.md-content .katex-display')]
    .filter(m => m.getClientRects().length).map(m => {
        const tex = (m.querySelector('annotation') || m).textContent.trim().replace(/\\s+/g, ' ').slice(0, 50);
        const glyphs = [...m.querySelectorAll('.katex-html .base')].map(b => b.getBoundingClientRect());
        const left = Math.min(...glyphs.map(r => r.left)), right = Math.max(...glyphs.map(r => r.right));
        let box = m;
        while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
        const clip = box && box !== document.body ? box.getBoundingClientRect() : {left: 0, right: innerWidth};
        const width = Math.round(right - left);
        if (left >= Math.max(0, clip.left) - 1 && right <= Math.min(innerWidth, clip.right) + 1)
            return {tex, fits: true, width};
        if (!box || box === document.body) return {tex, fits: false, width, element: 'body'};
        const s = getComputedStyle(box);
        // a formula centred wider than its box would start left of it, where no scrolling reaches
        return {tex, fits: false, width, box: box.clientWidth, start: Math.round(left - clip.left),
                scrollable: box.scrollWidth > box.clientWidth + 1,
                right: Math.round(clip.right), left: Math.round(clip.left), overflow: s.overflowX,
                scrollbar: s.scrollbarWidth, element: box.tagName.toLowerCase() + '.' + [...box.classList].join('.')};
    })"""

PAGE_WIDTH = """() => ({scroll: document.documentElement.scrollWidth, box: document.documentElement.clientWidth,
                      body: document.body.scrollWidth})"""

# Figures: what a reader (and a screen reader) gets for each image in the lesson.
FIGURES = """() => [...document.querySelectorAll('.md-content article img, .md-content__inner img')]
    .filter((img, i, all) => all.indexOf(img) === i && !img.closest('.twemoji, .emojione, .gemoji'))
    .map(img => {
        const fig = img.closest('figure');
        const cap = fig && fig.querySelector('figcaption');
        const block = img.closest('.tabbed-block');
        return {src: img.getAttribute('src'), alt: img.getAttribute('alt'), loading: img.getAttribute('loading'),
                caption: cap ? cap.innerText.trim() : null, shown: img.getClientRects().length > 0,
                fetched: performance.getEntriesByName(img.src).length > 0, in_tab: !!block,
                background: getComputedStyle(img).backgroundColor};
    })"""

# Scroll each visible image into view and wait for it: a lazy image loads once its tab is shown.
LOAD_IMAGES = """async () => {
    const imgs = [...document.querySelectorAll('.md-content img')].filter(i => i.getClientRects().length);
    const broken = [];
    for (const img of imgs) {
        img.scrollIntoView({block: 'center'});
        const until = Date.now() + 5000;
        while (!(img.complete && img.naturalWidth > 0) && Date.now() < until)
            await new Promise(r => setTimeout(r, 25));
        if (!(img.complete && img.naturalWidth > 0)) broken.push(img.getAttribute('src'));
    }
    window.scrollTo(0, 0);
    return broken;
}"""

# What Material's palette toggle does to the page (the stylesheets follow these attributes).
# What Material's palette toggle does to the page (the stylesheets follow these attributes). Colour transitions
# are held off while it switches: axe-core would otherwise measure colours halfway between the palettes.
PALETTE = """scheme => {
    const still = document.createElement('style');
    still.textContent = '*, *::before, *::after { transition: none !important; }';
    document.head.appendChild(still);
    document.body.setAttribute('data-md-color-scheme', scheme);
    document.body.setAttribute('data-md-color-media', scheme === 'slate' ? '(prefers-color-scheme: dark)'
                                                                         : '(prefers-color-scheme: light)');
    const background = getComputedStyle(document.body).backgroundColor;  // every style settles here
    still.remove();
    return background;
}"""

NAVIGATION = """() => {
    const h1 = document.querySelector('.md-content h1');
    const sidebar = document.querySelector('.md-sidebar--primary');
    const links = sidebar ? [...sidebar.querySelectorAll('a.md-nav__link')] : [];
    return {h1: h1 ? h1.innerText.replace('¶', '').trim() : '', title: document.title,
            prev: !!document.querySelector('a.md-footer__link--prev'),
            next: !!document.querySelector('a.md-footer__link--next'),
            sidebar: links.map(a => ({href: a.getAttribute('href'), text: a.innerText.trim(),
                                      visible: a.getClientRects().length > 0 && a.offsetParent !== null})),
            content_links: [...document.querySelectorAll('.md-content a[href]')].map(a => a.getAttribute('href')),
            text: document.querySelector('.md-content').innerText};
}"""


# The rules whose result depends on colour (contrast, links told apart from text by colour), as axe-core tags
# them, less the AAA and experimental ones it does not run by default. The dark palette changes colours only, so
# it runs these; the light palette runs every rule. (colour contrast is most of axe-core's time on a page)
COLOUR_RULES = """() => axe.getRules(['cat.color']).filter(r => !r.tags.includes('wcag2aaa')
                                                             && !r.tags.includes('experimental')).map(r => r.ruleId)"""


def _axe_start(page, script: str, colour_only: bool = False) -> None:
    """Start axe-core on the page as shown now, without waiting: other tabs work meanwhile."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(script)
    options = {"resultTypes": ["violations"]}
    if colour_only:
        options["runOnly"] = {"type": "rule", "values": page.evaluate(COLOUR_RULES)}
        assert "color-contrast" in options["runOnly"]["values"], options
    # first let the page settle after the sweep's scrolling, resizes and tab changes: the page's own scripts
    # (a11y.js) run on the next frames, and the header's title fades back in (a colour measured mid-fade fails)
    page.evaluate("""options => { window.__axe = (async () => {
                                 for (let i = 0; i < 120; i++) {
                                     await new Promise(r => requestAnimationFrame(r));
                                     if (i >= 2 && !document.getAnimations().some(a => a.playState === 'running')) break;
                                 }
                             })()
                                 .then(() => axe.run(document, options))
                                 .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                                 .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                             nodes: v.nodes.map(n => ({target: n.target}))}))); }""", options)


def _axe_lines(name: str, palette: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
        lines.append(f"{name} [{palette}]: {v['id']} ({v['impact']}, {len(v['nodes'])} elements): "
                     f"{v['help']}: {targets}{more}")
    return lines


def _axe_finish(page, name: str, palette: str, row: dict, problems) -> None:
    violations = page.evaluate("() => window.__axe")
    row[f"axe_{palette}"] = sum(len(v["nodes"]) for v in violations)
    row[f"axe_{palette}_rules"] = sorted({v["id"] for v in violations})
    problems["axe"] += _axe_lines(name, palette, violations)


def _day_stem_of(href: str) -> str | None:
    m = re.search(r"days/(\d{3}-[a-z0-9-]+)", href or "")
    return m.group(1) if m else None


def _check_page(page, name: str, day, row: dict, problems) -> None:
    """Everything but axe on one page, as loaded (light palette): restores the page as it found it."""
    # copy buttons and math
    blocks = page.locator(".md-content pre > code").count()
    buttons = page.locator('.md-content pre button[data-md-type="copy"]').count()
    if buttons != blocks or (day and not blocks):
        problems["copy"].append(f"{name}: {buttons} copy buttons for {blocks} code blocks")
    if page.locator(".md-content .arithmatex").count():
        try:
            page.locator(".arithmatex .katex").first.wait_for(timeout=5000)
        except Exception:
            problems["math"].append(f"{name}: KaTeX rendered nothing")
        if page.locator(".katex-error").count():
            problems["math"].append(f"{name}: KaTeX could not render some math")

    # every tab set is one pair: TensorFlow, then PyTorch (two includes with nothing between them must not
    # merge into one set of four)
    for labels in page.evaluate("""() => [...document.querySelectorAll('.md-content .tabbed-set')].map(s =>
            [...s.querySelectorAll(':scope > .tabbed-labels > label')].map(l => l.textContent.trim()))"""):
        if labels != ["TensorFlow", "PyTorch"]:
            problems["tabs"].append(f"{name}: a tab set labelled {labels}, not ['TensorFlow', 'PyTorch']")

    # figures as served: described, captioned, lazy, and hidden tabs' images not fetched yet
    figures = page.evaluate(FIGURES)
    row["figures"] = len(figures)
    for f in figures:
        where = f"{name}: {f['src']}"
        if not (f["alt"] or "").strip() or re.match(r"Figure \d+ drawn by", f["alt"]):
            problems["figures"].append(f"{where}: alt text {f['alt']!r} does not say what it shows")
        if not f["caption"]:
            problems["figures"].append(f"{where}: no caption (figure > figcaption)")
        if f["loading"] != "lazy":
            problems["figures"].append(f"{where}: loading={f['loading']!r}, not lazy")
        if f["in_tab"] and not f["shown"] and f["fetched"]:
            problems["figures"].append(f"{where}: fetched while its tab is hidden")

    # each tab in turn: block widths at desktop size, images load once shown
    wide, seen, tabs, k = [], 0, 1, 0
    while k < tabs:
        tabs = max(1, page.evaluate(SHOW_TAB, k))
        for b in page.evaluate(MEASURE_BLOCKS, k):
            seen += 1
            if b["excess"] > 1:
                wide.append(b)
        for src in page.evaluate(LOAD_IMAGES):
            problems["images"].append(f"{name}: image did not load once shown: {src}")
        k += 1
    row["blocks"], row["wide_1440"] = seen, len(wide)
    problems["width"] += [f"{name}: {b['block']}: {b['scroll']} px of content in a {b['box']} px box "
                          f"(+{b['excess']} px; longest line {b['longest']} characters)" for b in wide]

    # phone width: blocks (reported), the page itself and display math (asserted)
    page.set_viewport_size(PHONE)
    wide_phone = 0
    for k in range(tabs):
        page.evaluate(SHOW_TAB, k)
        wide_phone += sum(b["excess"] > 1 for b in page.evaluate(MEASURE_BLOCKS, k))
        for m in page.evaluate(MEASURE_MATH):
            scrolls = (not m["fits"] and m.get("scrollable") and m["overflow"] in ("auto", "scroll")
                       and m["scrollbar"] != "none" and m["left"] >= -1 and m["right"] <= PHONE["width"] + 1
                       and m["start"] >= -1)
            if not (m["fits"] or scrolls):
                line = (f"{name}: display math {m['tex']!r} ({m['width']} px) is cut off: it neither fits nor "
                        f"scrolls visibly inside its box ({m.get('element')}: {m.get('box')} px, overflow-x "
                        f"{m.get('overflow')}, scrollbar {m.get('scrollbar')}, from {m.get('left')} to "
                        f"{m.get('right')} px, formula starting {m.get('start')} px into it)")
                if line not in problems["math-phone"]:  # math outside the tabs is measured once per tab
                    problems["math-phone"].append(line)
    width = page.evaluate(PAGE_WIDTH)
    if max(width["scroll"], width["body"]) > width["box"] + 1:
        problems["page-phone"].append(f"{name}: the page scrolls sideways at {PHONE['width']} px "
                                      f"({max(width['scroll'], width['body'])} px wide)")
    row["wide_390"] = wide_phone
    if day and day == DAYS[0]:
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"{name}-phone.png"), full_page=True)
    page.evaluate(SHOW_TAB, None)
    page.set_viewport_size(DESKTOP)

    # navigation
    nav = page.evaluate(NAVIGATION)
    if day:
        want = f"Day {day.number} · "
        if not nav["h1"].startswith(want) or len(nav["h1"]) <= len(want):
            problems["navigation"].append(f"{name}: title {nav['h1']!r} does not read 'Day N · Title'")
        if not nav["title"].startswith(want):
            problems["navigation"].append(f"{name}: document title {nav['title']!r} does not start {want!r}")
        if not (nav["prev"] and nav["next"]):
            problems["navigation"].append(f"{name}: previous/next links missing (prev {nav['prev']}, "
                                          f"next {nav['next']})")
        part = _part(day.number)
        for link in nav["sidebar"]:
            stem = _day_stem_of(link["href"])
            other = stem and _part(int(stem[:3])) != part
            if other and link["visible"]:
                problems["navigation"].append(f"{name}: the sidebar shows {stem} from another part open")
            if stem and not other and not link["visible"]:
                problems["navigation"].append(f"{name}: the sidebar hides {stem} of the current part")
    else:
        linked = {_day_stem_of(h) for h in nav["content_links"]} - {None}
        for first, last, title in PARTS:
            written = [d for d in DAYS if first <= d.number <= last]
            if title not in nav["text"] and title.split(" · ")[-1] not in nav["text"]:
                problems["navigation"].append(f"home: part {title!r} not listed")
            if written and written[0].page.stem not in linked:
                problems["navigation"].append(f"home: {title!r} does not link its first day "
                                              f"{written[0].page.stem}")


# -- the sweep: every page once, in both palettes ---------------------------------------------------------------

@pytest.fixture(scope="module")
def sweep(browser, server):
    """Visit the home page and every day page once: checks in the light palette at desktop and phone width, then
    axe-core in the light palette (every rule) and the dark palette (as the palette toggle sets it, on the same
    page: the rules that depend on colour, since nothing else changes). axe-core takes
    most of the time, so a few tabs work in turn: one runs axe while the next is checked. Collects problems by
    kind, and writes a per-page report to test-output/. A reader who arrives in the dark palette is checked by
    the screenshot test."""
    from axe_playwright_python.sync_playwright import Axe

    script = Axe().axe_script  # axe-core, bundled: nothing fetched
    problems: dict[str, list[str]] = defaultdict(list)
    report: dict[str, dict] = {}
    pages = [("home", server + "/", None)] + [(d.page.stem, day_url(server, d), d) for d in DAYS]
    start = time.monotonic()
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    watch = Watch(context, server)
    tabs = [watch.attach(context.new_page()) for _ in range(TABS)]
    for wave in range(0, len(pages), TABS):
        batch = list(zip(tabs, pages[wave:wave + TABS]))
        for page, (name, url, day) in batch:
            page.goto(url)
            row = report.setdefault(name, {})
            _check_page(page, name, day, row, problems)
            _axe_start(page, script)
        for page, (name, url, day) in batch:
            _axe_finish(page, name, "light", report[name], problems)
            page.evaluate(PALETTE, "slate")
            for f in page.evaluate(FIGURES):
                if f["background"] not in ("rgb(255, 255, 255)", "rgba(255, 255, 255, 1)"):
                    problems["figures"].append(f"{name}: {f['src']} has background {f['background']} on the "
                                               "dark palette (its dark text would be illegible)")
            _axe_start(page, script, colour_only=True)
        for page, (name, url, day) in batch:
            _axe_finish(page, name, "dark", report[name], problems)
    context.close()

    problems["network"] += [f"request left localhost: {u}" for u in watch.outside]
    problems["network"] += [f"console error: {e}" for e in watch.errors]
    seconds = time.monotonic() - start
    blocks = sum(r["blocks"] for r in report.values())
    summary = {"seconds": round(seconds, 1), "pages": len(pages), "blocks": blocks,
               "wide_1440": sum(r["wide_1440"] for r in report.values()),
               "wide_390": sum(r["wide_390"] for r in report.values()),
               "axe_serious_nodes": sum(r.get("axe_light", 0) + r.get("axe_dark", 0) for r in report.values())}
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "browser-report.json").write_text(json.dumps({"summary": summary, "pages": report}, indent=1))
    return problems


def _part(number: int) -> str:
    return next(title for first, last, title in PARTS if first <= number <= last)


def _check(problems: list[str], what: str):
    shown = problems[:60] + ([f"... and {len(problems) - 60} more"] if len(problems) > 60 else [])
    assert not problems, f"{len(problems)} {what}:\n" + "\n".join(shown)


def test_no_code_or_output_block_scrolls_sideways_on_desktop(sweep):
    _check(sweep["width"], f"code or output blocks scroll sideways at {DESKTOP['width']} px "
                           "(lines at most 80 characters fit; output formatted to fit)")


def test_page_and_math_fit_a_phone(sweep):
    _check(sweep["page-phone"] + sweep["math-phone"], f"pages or equations do not fit at {PHONE['width']} px")


def test_figures_are_described_captioned_lazy_and_load(sweep):
    _check(sweep["figures"] + sweep["images"], "figure problems")


def test_navigation(sweep):
    _check(sweep["navigation"], "navigation problems")


def test_no_serious_accessibility_violations_in_either_palette(sweep):
    _check(sweep["axe"], "serious or critical axe-core violations")


def test_every_tab_set_is_tensorflow_then_pytorch(sweep):
    _check(sweep["tabs"], "tab sets that are not one TensorFlow/PyTorch pair")


def test_copy_buttons_and_math_on_every_page(sweep):
    _check(sweep["copy"] + sweep["math"], "copy or math problems")


def test_nothing_fetched_from_outside_and_no_console_errors(sweep):
    _check(sweep["network"], "requests leaving localhost or console errors")


# -- interactive checks ----------------------------------------------------------------------------------------

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


def _search(page, query: str) -> list[dict]:
    """Type a query as a reader would and return the results once they stop changing."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    # one result per page: its link, and the first text under it (the page's own entry has only its title
    # once the banner is out of the index; its sections follow, some folded under "more on this page")
    read = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        preview: (li.querySelector('article p, article li') || {textContent: ''}).textContent.trim()}))"""
    last, stable = None, 0
    for _ in range(40):
        now = page.evaluate(read)
        stable = stable + 1 if now == last else 0
        if stable >= 2:
            break
        last = now
        page.wait_for_timeout(100)
    return last


def test_search_finds_each_topic_on_its_day_first(session):
    page, _, server = session
    by_number = {d.number: d for d in DAYS}
    queries = {q: by_number[n] for q, n in SEARCHES.items() if n in by_number}
    if not queries:
        pytest.skip("none of the days the search queries target exists yet")
    page.goto(server + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    wrong = []
    for query, day in queries.items():
        hits = _search(page, query)
        links = [h["href"] for h in hits]
        first = _day_stem_of(links[0]) if links else None
        if first != day.page.stem:
            wrong.append(f"{query!r}: first result {links[0] if links else None}, want day {day.number} "
                         f"({day.page.stem}); then {links[1:4]}")
        elif BANNER.search(hits[0]["preview"]) or not hits[0]["preview"]:
            wrong.append(f"{query!r}: the preview does not start with the lesson: {hits[0]['preview'][:100]!r}")
        if any("/notebooks/" in l or "verification" in l for l in links):
            wrong.append(f"{query!r}: notebook or Verification pages in the results: {links}")
    assert not wrong, "search:\n" + "\n".join(wrong)


def test_notebook_page_renders_offline(session):
    page, _, server = session
    page.goto(day_url(server, DAYS[0]))
    page.locator('.md-content a[href*="notebooks/"]:not([download])').first.click()
    page.wait_for_url("**/notebooks/**")
    page.locator(".jupyter-wrapper .jp-CodeCell").first.wait_for()
    assert page.locator(".jupyter-wrapper .katex").count() > 0, "notebook math not rendered"
    assert page.request.get(server + f"/notebooks/{DAYS[0].page.stem}-tf/{DAYS[0].page.stem}-tf.ipynb").ok


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_screenshot_and_page_weight_in_each_palette(browser, server, scheme, palette):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
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


def test_dark_palette_check_catches_low_contrast(browser, server):
    """The dark palette's colour-only axe-core run is not blind: dark text added on the dark background fails."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport=DESKTOP)
    page.goto(day_url(server, DAYS[0]))
    page.evaluate(PALETTE, "slate")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'hard to read';
                             p.style.color = '#333'; document.querySelector('.md-content article').append(p); }""")
    _axe_start(page, Axe().axe_script, colour_only=True)
    problems = defaultdict(list)
    _axe_finish(page, "day 1", "dark", {}, problems)
    page.close()
    assert any("color-contrast" in line for line in problems["axe"]), problems
