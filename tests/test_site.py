"""The site builds with --strict and zero warnings, shows what ran, and every internal link resolves."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from verified.days import ROOT, find_days


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_strict_build_has_no_warnings(built_site):
    build, site = built_site
    assert build.returncode == 0, build.stderr[-4000:]
    warnings = [l for l in build.stderr.splitlines() if "WARNING" in l]
    assert not warnings, "\n".join(warnings)
    assert (site / "index.html").exists()


def test_internal_links_resolve(built_site):
    _, site = built_site
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


def test_day_pages_show_verified_output(built_site):
    _, site = built_site
    for day in find_days(ROOT):
        html = (site / "days" / day.page.stem / "index.html").read_text(encoding="utf-8")
        assert "Verified: every snippet on this page ran" in html, day.page.name
        labels = re.findall(r'<label[^>]*>(TensorFlow|PyTorch)</label>', html)
        assert labels and labels == ["TensorFlow", "PyTorch"] * (len(labels) // 2), f"{day.page.name}: tabs {labels}"
        assert html.count("Ran in ") >= 2 * len(day.includes()) - html.count("Needs a GPU"), day.page.name
        for name in day.includes():
            assert f"{day.folder.name}/{name}_tf.py" in html and f"{day.folder.name}/{name}_torch.py" in html


def test_nav_lists_every_day_in_the_built_site(built_site):
    _, site = built_site
    home = (site / "index.html").read_text(encoding="utf-8")
    for day in find_days(ROOT):
        assert f"days/{day.page.stem}/" in home, f"day {day.number} is not in the navigation"


def test_no_external_requests_in_html(built_site):
    """Offline and private: no CDN scripts, stylesheets or fonts."""
    _, site = built_site
    external = []
    for page in site.rglob("*.html"):
        html = re.sub(r'<link rel="canonical"[^>]*>', "", page.read_text(encoding="utf-8"))  # a name, not a fetch
        for m in re.finditer(r'<(?:script|link|img|iframe|source)[^>]+(?:src|href)="(https?:)?//[^"]+"', html):
            external.append(f"{page.relative_to(site)}: {m.group(0)[:120]}")
    assert not external, "\n".join(external[:20])
