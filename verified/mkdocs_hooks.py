"""MkDocs hooks (mkdocs.yml: hooks): the nav from the files, every snippet run (or taken
from the cache) before any page is rendered, and each page's twins expanded with their output."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from verified import days as days_mod  # noqa: E402
from verified import notebooks  # noqa: E402
from verified import site  # noqa: E402
from verified.runner import Runner, SnippetError, gpu_visible  # noqa: E402

ROOT = days_mod.ROOT
REFERENCE = [{"How to contribute a day": "contributing.md"}, {"Verification": "verification.md"}]
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


@event_priority(100)  # before mkdocs-jupyter's on_files, so it renders the notebooks added here
def on_files(files, config):
    # GPU-only snippets are shown with a note unless this machine can run them.
    snippets = [s for s in days_mod.all_snippets(ROOT) if "gpu" not in s.pragmas or gpu_visible()]
    try:
        with Runner(progress=_log) as runner:
            results = runner.run_all(snippets)
    except SnippetError as error:
        raise PluginError(str(error)) from None
    _state["results"] = results
    for result in results.values():
        for figure in result.figures:
            files.append(File.generated(config, site.figure_uri(result, figure), abs_src_path=str(figure)))
    days = _state["days"] = days_mod.find_days(ROOT)
    for path in notebooks.write_all(days, results, NOTEBOOK_DIR):
        # a plain File under a source dir: mkdocs-jupyter's wrapper finds the notebook through src_dir
        files.append(File(f"notebooks/{path.name}", src_dir=str(NOTEBOOK_DIR.parent),
                          dest_dir=config["site_dir"], use_directory_urls=config["use_directory_urls"]))
    return files


def on_page_markdown(markdown, page, config, files):
    results = _state["results"]
    depth = page.file.src_uri.count("/")
    if page.file.src_uri.startswith("days/"):
        day = next(d for d in _state["days"] if d.page and d.page.name == Path(page.file.src_uri).name)
        return site.expand_page(markdown, day, results, depth)
    if "{{ verification_table }}" in markdown:
        return markdown.replace("{{ verification_table }}",
                                site.verification_table(_state["days"], results, depth))
    return markdown


def on_page_content(html, page, config, files):
    # A notebook repeats its day page; keep search results pointing at the day itself.
    if page.file.src_uri.startswith("notebooks/"):
        page.meta["search"] = {"exclude": True}
    return html
