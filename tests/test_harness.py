"""The harness itself: plant each fault the platform promises to catch and check the message.

Every failure must name the file, the day and the framework, and a failed run
must leave nothing in the cache that a later build could show.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from verified.days import ROOT, find_days, problems
from verified.runner import Runner, SnippetError

PAGE = """# A day

## What today is about

## The idea

## The code

{{ twins("a") }}

## What to notice

## Common pitfalls

## Exercises

## Further reading
"""


def make_day(root: Path, number: int = 1, slug: str = "x", files: dict | None = None, page: str = PAGE) -> Path:
    folder = root / "snippets" / f"{number:03d}_{slug}"
    folder.mkdir(parents=True, exist_ok=True)
    files = files if files is not None else {"a_tf.py": "print('tf', 1)\n", "a_torch.py": "print('torch', 1)\n"}
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text))
    (root / "docs" / "days").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "days" / f"{number:03d}-{slug}.md").write_text(page)
    (root / "tests" / "days").mkdir(parents=True, exist_ok=True)
    (root / "tests" / "days" / f"test_{number:03d}_{slug}.py").write_text("def test_claim():\n    assert True\n")
    return folder


@pytest.fixture
def tree(tmp_path):
    make_day(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def warm_runner(tmp_path_factory):
    with Runner(cache_dir=tmp_path_factory.mktemp("cache"), budget=4) as runner:
        yield runner


@pytest.fixture
def scratch_runner(tmp_path, warm_runner):
    warm_runner.cache_dir = tmp_path / "cache"  # one warm process, a fresh cache per test
    return warm_runner


def snippet(root: Path, name: str):
    return next(s for d in find_days(root) for s in d.snippets() if s.path.name == name)


def assert_nothing_cached(cache: Path):
    leftovers = [p for p in cache.iterdir() if p.name != "runner.log"] if cache.exists() else []
    assert leftovers == [], f"a failed run left {leftovers} in the cache"


# --- the runner --------------------------------------------------------------------------

@pytest.mark.parametrize("body, message", [
    ("raise ValueError('planted fault')", "failed (exit code 1)"),
    ("import time\nprint('working', flush=True)\ntime.sleep(60)", "ran past its budget of 4 s"),
    ("import socket\ntry:\n    socket.create_connection(('example.com', 80), timeout=2)\nexcept OSError:\n    pass\nprint('done')",
     "tried to use the network"),
    ("x = 1", "printed nothing"),
], ids=["raises", "hangs", "network", "silent"])
def test_bad_snippet_fails_with_clear_message_and_caches_nothing(tmp_path, scratch_runner, body, message):
    make_day(tmp_path, files={"a_tf.py": body + "\n", "a_torch.py": "print(1)\n"})
    with pytest.raises(SnippetError) as error:
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    text = str(error.value)
    assert message in text
    assert "snippets/001_x/a_tf.py (day 1, TensorFlow)" in text
    if "planted" in body:
        assert "ValueError: planted fault" in text  # the traceback's last line reaches the reader
    assert_nothing_cached(tmp_path / "cache")


def test_runner_survives_a_killed_snippet(tmp_path, scratch_runner):
    make_day(tmp_path, files={"a_tf.py": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
                              "a_torch.py": "print('still here')\n"})
    with pytest.raises(SnippetError, match=r"a_tf.py \(day 1, TensorFlow\) failed"):
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert scratch_runner.run(snippet(tmp_path, "a_torch.py")).stdout == "still here\n"


def test_cache_reuses_unchanged_and_reruns_changed(tmp_path, scratch_runner):
    folder = make_day(tmp_path, files={"a_tf.py": "import time\nprint(time.time_ns())\n", "a_torch.py": "print(1)\n"})
    first = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    again = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert not first.cached and again.cached and again.stdout == first.stdout  # not run twice
    forced = scratch_runner.run(snippet(tmp_path, "a_tf.py"), force=True)
    assert not forced.cached and forced.stdout != first.stdout  # really ran again
    assert scratch_runner.cached(snippet(tmp_path, "a_tf.py")).stdout == forced.stdout  # --force refreshes the entry
    (folder / "a_tf.py").write_text("print('changed')\n")
    changed = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert not changed.cached and changed.stdout == "changed\n" and changed.key != first.key  # never stale


def test_figures_and_fresh_keras_state_are_captured(tmp_path, scratch_runner):
    code = ("import matplotlib.pyplot as plt\nimport keras\nprint(keras.layers.Dense(1).name)\n"
            "plt.plot([1, 2])\nplt.show()\nplt.figure()\nplt.plot([2, 1])\n")  # the last one is never shown
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    first = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    second = scratch_runner.run(snippet(tmp_path, "a_tf.py"), force=True)
    assert first.stdout == second.stdout == "dense\n"  # Keras' name counter starts afresh each run
    assert [f.name for f in first.figures] == ["fig-1.png", "fig-2.png"]
    assert all(f.read_bytes().startswith(b"\x89PNG") for f in first.figures)


# --- the day contract --------------------------------------------------------------------

def test_clean_tree_has_no_problems(tree):
    assert problems(tree) == []


def test_missing_twin(tree):
    (tree / "snippets" / "001_x" / "a_torch.py").unlink()
    assert any("snippets/001_x/a_tf.py (day 1, TensorFlow): its twin a_torch.py (PyTorch) is missing" in p
               for p in problems(tree))


def test_page_skeleton(tree):
    page = tree / "docs" / "days" / "001-x.md"
    page.write_text(PAGE.replace("## Exercises\n", ""))
    assert any("docs/days/001-x.md (day 1): sections must be exactly" in p and "'Exercises'" in p for p in problems(tree))


def test_snippet_too_long(tree):
    (tree / "snippets" / "001_x" / "a_torch.py").write_text("print(1)\n" * 81)
    assert any("snippets/001_x/a_torch.py (day 1, PyTorch): 81 lines; a snippet is never over 80" in p
               for p in problems(tree))


def test_include_of_missing_file(tree):
    page = tree / "docs" / "days" / "001-x.md"
    page.write_text(PAGE + '\n{{ twins("nope") }}\n')
    assert any('docs/days/001-x.md (day 1): twins("nope") includes snippets/001_x/nope_tf.py, which does not exist' in p
               for p in problems(tree))


def test_page_missing_a_tab(tree):
    page = tree / "docs" / "days" / "001-x.md"
    page.write_text(PAGE + '\n=== "TensorFlow"\n\n    ```python\n    x = 1\n    ```\n')
    assert any("docs/days/001-x.md (day 1): hand-written tabs must come in pairs" in p for p in problems(tree))


def test_page_without_code(tree):
    (tree / "docs" / "days" / "001-x.md").write_text("# A day\n")
    found = problems(tree)
    assert any("docs/days/001-x.md (day 1): the page shows no code" in p for p in found)
    assert any("snippets/001_x/a_*.py (day 1): not shown by any page" in p for p in found)


def test_day_out_of_sequence(tree):
    make_day(tree, number=3, slug="y")
    assert any("day 3: day numbers must run 1, 2, 3… without gaps; expected day 2 next" in p for p in problems(tree))


def test_folder_without_page_and_page_without_folder(tree):
    make_day(tree, number=2, slug="y")
    (tree / "docs" / "days" / "002-y.md").unlink()
    (tree / "docs" / "days" / "003-z.md").write_text(PAGE)
    found = problems(tree)
    assert any("snippets/002_y (day 2): no page docs/days/002-y.md" in p for p in found)
    assert any("docs/days/003-z.md (day 3): no snippet folder snippets/003_z/" in p for p in found)


def test_missing_claims_test(tree):
    (tree / "tests" / "days" / "test_001_x.py").unlink()
    assert any("no claims test tests/days/test_001_x.py" in p for p in problems(tree))


# --- the build ---------------------------------------------------------------------------

def test_build_stops_on_a_failing_snippet_and_shows_nothing_stale(tmp_path):
    """A site build on a tree whose snippet raises fails, names the file, and caches nothing."""
    for item in ("mkdocs.yml", "verified"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, tmp_path / item)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("days", "notebooks"))
    make_day(tmp_path, files={"a_tf.py": "print('ok')\n", "a_torch.py": "raise RuntimeError('planted')\n"})
    env = dict(os.environ, VERIFIED_ROOT=str(tmp_path), VERIFIED_CACHE=str(tmp_path / "cache"))
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode != 0
    assert "snippets/001_x/a_torch.py (day 1, PyTorch) failed" in build.stderr + build.stdout
    assert "RuntimeError: planted" in build.stderr + build.stdout
    cached = [p for p in (tmp_path / "cache").iterdir() if p.is_dir()] if (tmp_path / "cache").exists() else []
    assert all((p / "meta.json").exists() for p in cached) and len(cached) <= 1  # only the passing twin
    assert not (tmp_path / "site" / "days").exists()
