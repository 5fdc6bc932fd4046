"""MkDocs hooks (mkdocs.yml: hooks): the nav from the files, every snippet run (or taken from the cache) before
any page is rendered, each page expanded with its cells and their output, and the built pages checked.

VERIFIED_NO_RUN=1 builds only from results already in the cache (CI's site job builds from what the test shards
ran): a snippet without a result fails the build, naming every one (GPU-only snippets are shown as not verified).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from verified import days as days_mod  # noqa: E402
from verified import notebooks  # noqa: E402
from verified import site  # noqa: E402
from verified.printed import MarkerError  # noqa: E402
from verified.runner import Runner, SnippetError, gpu_visible  # noqa: E402

ROOT = days_mod.ROOT
REFERENCE = [{"Seed topics: the learning logs": "seed-topics.md"}, {"How to contribute a day": "contributing.md"},
             {"Verification": "verification.md"}]
NOTEBOOK_DIR = ROOT / ".cache" / "notebooks"
_state: dict = {}


def _log(line: str) -> None:
    print(f"verified: {line}", file=sys.stderr, flush=True)


def on_config(config):
    problems = days_mod.problems(ROOT)
    if problems:
        raise PluginError("the days break the contract:\n  " + "\n  ".join(problems))
    config["nav"] = site.nav(ROOT, REFERENCE)
    return config


def _results(snippets: list) -> dict:
    """This build's result for every snippet: run (or from the cache), or with VERIFIED_NO_RUN=1 from the cache
    only. A GPU-only snippet without a GPU has none; any failure fails the build."""
    cpu = [s for s in snippets if "gpu" not in s.pragmas]
    gpu_only = [s for s in snippets if "gpu" in s.pragmas]
    with Runner(progress=_log) as runner:
        if os.environ.get("VERIFIED_NO_RUN") == "1":
            results = {s: r for s in snippets if (r := runner.cached(s))}
            missing = [s for s in cpu if s not in results]
            if missing:
                raise PluginError(f"VERIFIED_NO_RUN=1 and {len(missing)} snippet(s) have no result in the cache "
                                  f"({runner.cache_dir}); run the tests that produce them first:\n  "
                                  + "\n  ".join(s.describe() for s in missing))
            return results
        try:
            results = runner.run_all(cpu)
        except SnippetError as error:
            raise PluginError(str(error)) from None
        for s in gpu_only:
            if hit := runner.cached(s):  # this machine ran it on a GPU before
                results[s] = hit
            elif gpu_visible():  # no torch import where no NVIDIA device exists
                try:
                    results[s] = runner.run(s)
                except SnippetError as error:
                    raise PluginError(str(error)) from None
            # Without a GPU the page shows it as not verified (or with its recorded GPU run). That it stops only
            # for lack of a GPU (NeedsGpu), never for another failure, is the suite's check (tests/test_snippets.py):
            # running it here would start the runner on every rebuild just to see it stop.
    return results


@event_priority(100)  # before mkdocs-jupyter's on_files, so it renders the notebooks added here
def on_files(files, config):
    days = _state["days"] = days_mod.find_days(ROOT)
    snippets = [s for d in days for s in d.snippets()]
    results = _results(snippets)
    ctx = _state["ctx"] = site.context(results, days, ROOT)
    for result in list(ctx.results.values()) + list(ctx.gpu_results.values()):
        for figure in result.figures:
            files.append(File.generated(config, site.figure_uri(result, figure), abs_src_path=str(figure)))
    for s in snippets:  # each snippet's source beside the pages: the link under its code when REPO_URL is unset
        files.append(File.generated(config, s.rel, abs_src_path=str(s.path)))
    try:
        written = notebooks.write_all(days, ctx, NOTEBOOK_DIR)
    except MarkerError as error:
        raise PluginError(f"a printed-number marker does not resolve:\n{error}") from None
    for path in written:
        # a plain File under a source dir: mkdocs-jupyter's wrapper finds the notebook through src_dir
        files.append(File(f"notebooks/{path.name}", src_dir=str(NOTEBOOK_DIR.parent),
                          dest_dir=config["site_dir"], use_directory_urls=config["use_directory_urls"]))
    return files


def on_page_markdown(markdown, page, config, files):
    ctx = _state["ctx"]
    uri = page.file.src_uri
    depth = uri.count("/")
    if uri.startswith("notebooks/"):
        return markdown
    if uri.startswith("days/"):
        day = next(d for d in _state["days"] if d.page and d.page.name == Path(uri).name)
        try:
            return site.expand_page(markdown, day, ctx, depth)
        except MarkerError as error:
            raise PluginError(f"a printed-number marker does not resolve:\n{error}") from None
    if "{{ parts }}" in markdown:
        markdown = markdown.replace("{{ parts }}", site.parts_markdown(_state["days"], depth))
    markdown = site.link_days(markdown, ctx.pages, uri)
    if "{{ verification_table }}" in markdown:
        markdown = markdown.replace("{{ verification_table }}",
                                    site.verification_markdown(_state["days"], ctx, depth))
    return markdown


def on_page_content(html, page, config, files):
    uri = page.file.src_uri
    left = site.leftover_tags(html)
    if left:  # a tag the expansion did not replace would be published as raw text
        raise PluginError(f"{uri}: the built page still holds template tags ({len(left)}): "
                          + "; ".join(repr(x) for x in left[:5]))
    if uri.startswith("notebooks/"):
        # A notebook repeats its day page; keep search results pointing at the day itself.
        page.meta["search"] = {"exclude": True}
        return html
    return site.exclude_from_search(html)


# The search plugin parses each page's HTML in its on_page_context; code blocks are most of that HTML and are all
# excluded from the index. So it is handed the page without them, and the page is restored before rendering.
@event_priority(100)
def _hide_excluded(context, page, config, nav):
    if not page.file.src_uri.startswith("notebooks/"):
        _state.setdefault("content", {})[page.file.src_uri] = page.content
        page.content = site.without_excluded(page.content)
    return context


@event_priority(-100)
def _restore_content(context, page, config, nav):
    if page.file.src_uri in _state.get("content", {}):
        page.content = _state["content"].pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_hide_excluded, _restore_content)
