"""The site builds with --strict and zero warnings, shows what ran (by name), links its days, keeps code and
outputs out of search, and a broken build leaves nothing behind."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from verified import site as site_mod
from verified.days import ROOT, find_days
from verified.runner import Runner

DAYS = [d for d in find_days(ROOT) if d.page]


def built(built_site) -> Path:
    """The built site, or a failure that shows the build's own error (not a missing file later)."""
    build, site = built_site
    assert build.returncode == 0, "the site build failed:\n" + build.stderr[-4000:]
    return site


def day_html(site: Path, day) -> str:
    return (site / "days" / day.page.stem / "index.html").read_text(encoding="utf-8")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def article(html: str) -> str:
    """The page's own content (Material's article), without the nav, header and footer."""
    m = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    return m.group(1) if m else html


def prose_text(html: str) -> str:
    """What a reader reads as prose: no code, outputs, links, headings, math or scripts."""
    html = article(html)
    for tag in ("pre", "code", "script", "style", "a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "label"):
        html = re.sub(rf"<{tag}\b.*?</{tag}>", " ", html, flags=re.S)
    html = re.sub(r'<span class="(?:arithmatex|filename)">.*?</span>', " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


# -- the build --------------------------------------------------------------------------------------------------

def test_strict_build_has_no_warnings(built_site):
    build, _ = built_site
    site = built(built_site)
    warnings = [l for l in build.stderr.splitlines() if "WARNING" in l]
    assert not warnings, "\n".join(warnings)
    assert (site / "index.html").exists()


def test_internal_links_resolve(built_site):
    site = built(built_site)
    broken = []
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "file://" + str(page)
        for link in parser.links:
            url = urlparse(link)
            if url.scheme or link.startswith(("#", "//", "mailto:", "data:")):
                continue
            if link.startswith("/"):  # site-absolute (the 404 page): the site is served from its root
                link = "file://" + str(site) + link
            target = Path(unquote(urlparse(urljoin(base, link)).path))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, "broken internal links:\n" + "\n".join(sorted(set(broken))[:50])


def test_no_template_tags_left_in_pages(built_site):
    site = built(built_site)
    left = {str(p.relative_to(site)): found for p in site.rglob("*.html")
            if "notebooks" not in p.parts and (found := site_mod.leftover_tags(article(p.read_text(encoding="utf-8"))))}
    assert not left, left


# -- day pages --------------------------------------------------------------------------------------------------

def test_day_pages_show_cells_with_their_output(built_site):
    site = built(built_site)
    for day in DAYS:
        html = day_html(site, day)
        assert "Verified on this build" in html or "None of the" in html, f"{day.page.name}: no banner"
        labels = re.findall(r'<label[^>]*>(TensorFlow|PyTorch)</label>', html)
        assert labels == ["TensorFlow", "PyTorch"] * (len(labels) // 2), f"{day.page.name}: tabs {labels}"
        assert len(labels) >= 2 * len(day.include_lines()), f"{day.page.name}: an include without its tabs"
        for s in day.snippets():
            if s.name not in day.includes():
                continue
            assert s.path.name in html, f"{day.page.name}: {s.path.name} not shown"
            assert f"Whole script · {s.path.name}" in html, f"{day.page.name}: no whole script of {s.path.name}"
            assert s.rel in html, f"{day.page.name}: no link to {s.rel}"
        blocks = len(re.findall(r'<div class="(?:language-python )?highlight"', article(html)))
        cells = sum(len(inc.cells(len(next(s for s in day.snippets() if s.name == inc.name).cells())))
                    for inc in day.include_lines())
        scripts = len(day.includes())
        assert blocks >= 2 * (cells + scripts), f"{day.page.name}: {blocks} code blocks for {cells} cells per tab"


def test_banner_names_what_ran_and_what_did_not(built_site):
    site = built(built_site)
    for day in DAYS:
        banner = re.search(r'<p class="verified-line"[^>]*>(.*?)</p>', day_html(site, day), re.S).group(1)
        for s in day.snippets():
            if s.name in day.includes():
                assert s.path.name in banner, f"{day.page.name}: the banner does not name {s.path.name}: {banner}"
        assert "every snippet on this page ran" not in banner


def test_day_titles_read_day_n(built_site):
    site = built(built_site)
    for day in DAYS:
        html = day_html(site, day)
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).replace("¶", "").strip()
        assert h1.startswith(f"Day {day.number} · ") and not h1.startswith(f"Day {day.number} · Day"), h1
        assert f"<title>Day {day.number} · " in html


def test_every_day_reference_in_prose_is_a_link(built_site):
    """'day N', 'days N and M', 'days N–M' in the lessons link to the day when it exists."""
    site = built(built_site)
    existing = {d.number for d in DAYS}
    plain = []
    for page in [site / "index.html"] + [site / "days" / d.page.stem / "index.html" for d in DAYS]:
        text = prose_text(page.read_text(encoding="utf-8"))
        for m in re.finditer(r"\b[Dd]ays?[ \u00a0]+(\d{1,3})\b", text):
            if int(m.group(1)) in existing:
                plain.append(f"{page.relative_to(site)}: ...{' '.join(text[max(0, m.start() - 40):m.end() + 20].split())}...")
    assert not plain, "day references that are not links:\n" + "\n".join(plain[:40])


def test_figures_are_captioned_lazy_and_sized(built_site):
    site = built(built_site)
    for day in DAYS:
        html = day_html(site, day)
        for img in re.findall(r'<img [^>]*class="verified-figure"[^>]*>', html):
            assert 'loading="lazy"' in img and re.search(r'width="\d+"', img), img
            alt = re.search(r'alt="([^"]*)"', img).group(1)
            assert alt.startswith("Figure: ") and len(alt) > len("Figure: ") + 3, img
        assert html.count('class="verified-figure"') == len(re.findall(
            r'<figure>\s*<p><img [^>]*class="verified-figure"[^>]*></p>\s*<figcaption>', html)), day.page.name


# -- home, nav and search ---------------------------------------------------------------------------------------

def test_nav_lists_every_day_and_home_links_the_parts(built_site):
    site = built(built_site)
    home = (site / "index.html").read_text(encoding="utf-8")
    for day in DAYS:
        assert f"days/{day.page.stem}/" in article(home), f"the home page does not link day {day.number}"
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', day_html(site, day), re.S).group(0)
        assert f"Day {day.number} · " in nav, f"day {day.number} is not in the navigation as 'Day N · Title'"
    assert ("to come" in article(home)) == (len(DAYS) < 100), "only days not written yet are 'to come'"


# The days marked ★ in shared/curriculum.md: the topics of the learning logs this site grew from.
STARRED = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 26, 27, 28, 31, 32, 34, 35, 36,
           37, 39, 43, 47, 48, 50, 51, 52, 53, 54, 56, 57, 59, 61, 62, 63, 67, 74, 75, 80, 81]
# Each correction on the seed-topics page, and a phrase its day's page must still contain to make it.
CORRECTIONS = {22: "lasso", 32: "smear", 34: "repairing damaged", 10: "PReLU", 20: "does not eliminate",
               36: "60 million", 43: "replaces", 47: "backwards", 49: "independent", 53: "does not support",
               67: "reinforcement", 72: "reinforcement", 71: "in parallel", 73: "in parallel", 80: "often better",
               81: "smarter"}


def test_seed_topics_map_every_log_topic_to_its_day():
    """The seed-topics page links every ★ day under its real title, and every correction it lists is made on the
    day it links (the day's page still contains the correction)."""
    text = (ROOT / "docs" / "seed-topics.md").read_text(encoding="utf-8")
    pages = {d.number: d.page for d in DAYS}
    links = re.findall(r"\[Day (\d+) · ([^\]]+)\]\(days/([^)]+)\)", text)
    assert links, "the seed-topics page links no day"
    for number, title, target in links:
        page = pages[int(number)]
        assert target == page.name, f"day {number} is linked as {target}"
        heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M).group(1)
        assert title == heading, f"day {number} is linked as '{title}', its title is '{heading}'"
    topics = text.split("## Topic by topic")[1]
    missing = [n for n in STARRED if f"](days/{pages[n].name})" not in topics]
    assert not missing, f"log topics with no row: days {missing}"
    wrong = text.split("## Where the logs were wrong")[1].split("## Topic by topic")[0]
    linked = {int(n) for n, _, _ in re.findall(r"\[Day (\d+) · ([^\]]+)\]\(days/([^)]+)\)", wrong)}
    assert linked == set(CORRECTIONS), linked ^ set(CORRECTIONS)
    for number, phrase in CORRECTIONS.items():
        assert phrase in pages[number].read_text(encoding="utf-8"), f"day {number} no longer says '{phrase}'"


def test_search_index_holds_lessons_not_code(built_site):
    site = built(built_site)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith(("verification/", "notebooks/"))]
    text = "\n".join(d["text"] for d in docs)
    assert "import tensorflow" not in text and "import torch" not in text, "code is in the search index"
    assert "Verified on this build" not in text, "the banner is in the search index"
    assert "<code>" in text, "API names in the prose (inline code) belong in the index"
    for day in DAYS:
        first = next((d for d in docs if d["location"] == f"days/{day.page.stem}/"), None)
        assert first is None or not first["text"].lstrip().startswith(("Verified", "Notebooks")), first


def test_no_external_requests_in_html(built_site):
    """Offline and private: no CDN scripts, stylesheets or fonts."""
    site = built(built_site)
    external = []
    for page in site.rglob("*.html"):
        html = re.sub(r'<link rel="canonical"[^>]*>', "", page.read_text(encoding="utf-8"))  # a name, not a fetch
        for m in re.finditer(r'<(?:script|link|img|iframe|source)[^>]+(?:src|href)="(https?:)?//[^"]+"', html):
            external.append(f"{page.relative_to(site)}: {m.group(0)[:120]}")
    assert not external, "\n".join(external[:20])


# -- the expansion, without a build -----------------------------------------------------------------------------

PAGES = {1: "days/001-tensors.md", 3: "days/003-x.md", 5: "days/005-y.md", 6: "days/006-z.md"}


@pytest.mark.parametrize("text, expected", [
    ("on day 3 we", "on [day 3](003-x.md) we"),
    ("Day 3's loss", "[Day 3](003-x.md)'s loss"),
    ("days 3 and 5", "days [3](003-x.md) and [5](005-y.md)"),
    ("days 3–6", "days [3](003-x.md)–[6](006-z.md)"),
    ("day 95", "day 95"),  # not written yet: plain text
    ("day 3 and 10 epochs", "[day 3](003-x.md) and 10 epochs"),
    ("`day 3`", "`day 3`"),
    ("[see day 3](003-x.md)", "[see day 3](003-x.md)"),
    ("## Back to day 3\n\nOn day 3, `x`", "## Back to day 3\n\nOn [day 3](003-x.md), `x`"),
    ("Math \\(x\\) on day 5", "Math \\(x\\) on [day 5](005-y.md)"),
    ("```\nday 3\n```", "```\nday 3\n```"),
])
def test_link_days(text, expected):
    assert site_mod.link_days(text, PAGES, "days/001-tensors.md") == expected


def test_link_days_from_the_home_page():
    assert site_mod.link_days("see day 5", PAGES, "index.md") == "see [day 5](days/005-y.md)"


def test_leftover_tags_ignore_code():
    assert site_mod.leftover_tags('<p>a {{ twin("x") }} b</p>')
    assert not site_mod.leftover_tags('<p>a <code>{{ twins("x") }}</code></p><pre>{% x %}</pre>')


def test_search_exclusion_marks_code_and_outputs():
    html = ('<div class="language-python highlight"><pre>x</pre></div><div class="verified-output highlight">'
            '<pre>1</pre></div><p>prose</p><details class="verified-script"><summary>s</summary></details>')
    out = site_mod.exclude_from_search(html)
    assert out.count("data-search-exclude") == 3 and "<p>prose</p>" in out


# -- build integrity: a scratch project with one day and fabricated cached results --------------------------------

DAY_PAGE = """# Scratch

## What today is about

Today is day 1.

## The idea

An idea.

## The code

{{ twins("hello", cells="1") }}

Between the cells.

{{ twins("hello", cells="2") }}

## What to notice

Something.

## Common pitfalls

None.

## Exercises

One.

## Further reading

Nothing.
"""
SNIPPET = '# %% Greet\nprint("hello: 1")\n# %% Again\nprint("again: 2")\n'


def scratch_project(tmp_path: Path, cached: bool) -> tuple[Path, dict]:
    root = tmp_path / "project"
    for part in ("verified", "docs/assets", "overrides", "docs/verification.md", "mkdocs.yml", "requirements.txt"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy(src, root / part)
    (root / "docs" / "index.md").write_text("# Home\n\nStart with day 1.\n\n{{ parts }}\n")
    (root / "docs" / "contributing.md").write_text("# Contributing\n\nWrite a day.\n")
    (root / "docs" / "seed-topics.md").write_text("# Seed topics\n\nThe logs' topics.\n")
    (root / "docs" / "days").mkdir(parents=True)
    (root / "docs" / "days" / "001-scratch.md").write_text(DAY_PAGE)
    folder = root / "snippets" / "001_scratch"
    folder.mkdir(parents=True)
    for fw in ("tf", "torch"):
        (folder / f"hello_{fw}.py").write_text(SNIPPET)
    (root / "tests" / "days").mkdir(parents=True)
    (root / "tests" / "days" / "test_001_scratch.py").write_text("def test_it():\n    assert True\n")
    cache = tmp_path / "cache"
    env = dict(os.environ, VERIFIED_ROOT=str(root), VERIFIED_CACHE=str(cache), VERIFIED_NO_RUN="1",
               NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(root))
    if cached:
        code = ("import json,sys\nfrom verified.days import find_days\nfrom verified.runner import Runner\n"
                "r = Runner()\nfor s in find_days()[0].snippets():\n"
                "    d = r.cache_dir / r.key(s); d.mkdir(parents=True)\n"
                "    (d / 'stdout.txt').write_text('hello: 1\\nagain: 2\\n')\n"
                "    (d / 'meta.json').write_text(json.dumps({'snippet': s.rel, 'seconds': 0.01, 'ends': [9, 18],"
                " 'figures': [], 'date': '2026-11-30 00:00 UTC', 'versions': r.versions}))\n")
        subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True)
    return root, env


def test_no_run_build_names_every_snippet_without_a_result(tmp_path):
    root, env = scratch_project(tmp_path, cached=False)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                           cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode != 0
    assert "hello_tf.py" in build.stderr and "hello_torch.py" in build.stderr, build.stderr[-2000:]


def test_a_page_with_a_leftover_tag_fails_and_the_safe_build_leaves_no_site(tmp_path):
    root, env = scratch_project(tmp_path, cached=True)
    dest = tmp_path / "site"
    ok = subprocess.run([sys.executable, "-m", "verified.site", "build", "-d", str(dest)], cwd=root, env=env,
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr[-3000:]
    html = (dest / "days" / "001-scratch" / "index.html").read_text(encoding="utf-8")
    assert "again: 2" in html and "Day 1 · Scratch" in html
    index = root / "docs" / "index.md"
    index.write_text(index.read_text() + '\n{{ twin("hello") }}\n')
    failed = subprocess.run([sys.executable, "-m", "verified.site", "build", "-d", str(dest)], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0 and "index.md" in failed.stderr and "template tags" in failed.stderr, \
        failed.stderr[-3000:]
    assert not dest.exists(), "a failed build left a site behind"
    assert not list(tmp_path.glob(".site-*")), "a failed build left its temporary folder"


def test_gpu_only_snippets_are_shown_honestly(tmp_path):
    """Without a GPU result a GPU-only pair shows its code under 'Not yet verified on a GPU'; with one (from
    gpu-results/) its output is labelled with that run's date; the banner names both kinds."""
    (tmp_path / "docs" / "days").mkdir(parents=True)
    page = tmp_path / "docs" / "days" / "001-scratch.md"
    page.write_text(DAY_PAGE + '\n{{ twins("gpu") }}\n')
    folder = tmp_path / "snippets" / "001_scratch"
    folder.mkdir(parents=True)
    for fw in ("tf", "torch"):
        (folder / f"hello_{fw}.py").write_text(SNIPPET)
        (folder / f"gpu_{fw}.py").write_text("# verified: gpu\n" + SNIPPET)
    recorded = tmp_path / "gpu-results" / "snippets__001_scratch__gpu_torch.py"
    recorded.mkdir(parents=True)
    (recorded / "stdout.txt").write_text("hello: 1\nagain: 2\n")
    (recorded / "source.py").write_text("# verified: gpu\n" + SNIPPET)  # the snippet as the GPU job ran it
    stale = tmp_path / "gpu-results" / "snippets__001_scratch__gpu_tf.py"
    shutil.copytree(recorded, stale)
    (stale / "source.py").write_text("# verified: gpu\nprint('older code')\n")  # changed since: not shown
    (recorded / "meta.json").write_text(json.dumps({"seconds": 0.5, "ends": [9, 18], "figures": [],
                                                    "date": "2026-11-01 09:00 UTC", "versions": {"torch": "2.11.0"}}))
    (recorded / "gpu.json").write_text(json.dumps({"gpu": "NVIDIA H200", "cuda": "13.0", "driver": "580.1"}))
    (tmp_path / "gpu-results" / "unverified.json").write_text(json.dumps(
        {"snippets/001_scratch/gpu_tf.py": "the GPU machine it was run on had no TensorFlow installed"}))
    day = find_days(tmp_path)[0]
    snippets = {s.path.name: s for s in day.snippets()}
    from verified.runner import CellOutput, Result
    results = {snippets[n]: Result(snippets[n], "k" + n[:-3], "hello: 1\nagain: 2\n", 0.1, [], "2026-11-30 08:00 UTC",
                                   {"python": "3.11.7"}, True, [CellOutput(1, "hello: 1\n", []),
                                                                CellOutput(2, "again: 2\n", [])])
               for n in ("hello_tf.py", "hello_torch.py")}
    ctx = site_mod.context(results, [day], tmp_path)
    assert snippets["gpu_torch.py"] in ctx.gpu_results and snippets["gpu_tf.py"] not in ctx.gpu_results
    out = site_mod.expand_page(page.read_text(), day, ctx, 1)
    banner = re.search(r'<p class="verified-line">(.*?)</p>', out).group(1)
    assert "2 of 4 snippets ran and passed" in banner
    assert "last verified on one on 2026-11-01" in banner and "gpu_torch.py" in banner
    assert "has not been verified on one yet: <code>gpu_tf.py</code> (the GPU machine" in banner
    assert "(NVIDIA H200; PyTorch 2.11.0, CUDA 13.0, driver 580.1; its output is that run's)" in banner
    assert out.count('!!! info "Not yet verified on a GPU"') == 1  # the TensorFlow tab of the gpu include
    assert "been recorded yet (the GPU machine it was run on had no TensorFlow installed)" in out
    assert 'title="Output · GPU run of 2026-11-01"' in out
    assert "Ran on a GPU (NVIDIA H200; PyTorch 2.11.0, CUDA 13.0, driver 580.1) in 0.50 s" in out
    table = site_mod.verification_markdown([day], ctx, 1)
    assert "PyTorch: GPU run of 2026-11-01 on NVIDIA H200" in table and "had no TensorFlow installed)" in table
    assert out.startswith("# Day 1 · Scratch")


def test_repository_link_fetches_nothing():
    """With REPO_URL set, Material's header link would fetch stars and forks from the GitHub API in every reader's
    browser (data-md-component="source"); the override keeps the link and drops the fetch."""
    override = (ROOT / "overrides" / "partials" / "source.html").read_text(encoding="utf-8")
    assert "config.repo_url" in override and 'data-md-component="source"' not in override
