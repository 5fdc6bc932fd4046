"""The harness itself: plant each fault the platform promises to catch and check the message.

Every failure must name the file, the day and the framework, and a failed run
must leave nothing in the cache that a later build could show.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from verified.days import ROOT, find_days, problems
from verified.quotes import check
from verified.runner import NeedsGpu, Runner, SnippetError
from verified.settings import differences
from verified.testing import assert_parity

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


def test_a_snippet_edited_while_it_runs_keeps_no_output(tmp_path, scratch_runner):
    import threading
    folder = make_day(tmp_path, files={"a_tf.py": "import time\ntime.sleep(2)\nprint('old')\n",
                                       "a_torch.py": "print(1)\n"})
    outcome = {}

    def run():
        try:
            outcome["result"] = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
        except SnippetError as error:
            outcome["error"] = str(error)

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.8)
    (folder / "a_tf.py").write_text("print('new')\n")
    worker.join()
    assert "changed while it ran" in outcome.get("error", ""), outcome
    assert scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout == "new\n"


def test_figures_and_fresh_keras_state_are_captured(tmp_path, scratch_runner):
    code = ("import matplotlib.pyplot as plt\nimport keras\nprint(keras.layers.Dense(1).name)\n"
            "plt.plot([1, 2])\nplt.title('up')\nplt.show()\n# %%\nplt.figure()\nplt.plot([2, 1])\n"
            "plt.suptitle('down')\nplt.show()\nprint('two')\n")
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    first = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    second = scratch_runner.run(snippet(tmp_path, "a_tf.py"), force=True)
    assert first.stdout == second.stdout == "dense\ntwo\n"  # Keras' name counter starts afresh each run
    assert [f.name for f in first.figures] == ["fig-1.png", "fig-2.png"]
    assert all(f.read_bytes().startswith(b"\x89PNG") for f in first.figures)
    # each cell has its own output and figures, and each figure its title
    assert [(c.stdout, [f.title for f in c.figures]) for c in first.cells] == [("dense\n", ["up"]), ("two\n", ["down"])]


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
    (tree / "snippets" / "001_x" / "a_torch.py").write_text("print(1)\n" * 101)
    assert any("snippets/001_x/a_torch.py (day 1, PyTorch): 101 lines; a snippet is never over 100" in p
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
    for item in ("mkdocs.yml", "verified", "overrides", "requirements.txt"):
        if (ROOT / item).exists():
            (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, tmp_path / item)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("days", "notebooks"))
    make_day(tmp_path, files={"a_tf.py": "print('ok')\n", "a_torch.py": "raise RuntimeError('planted')\n"})
    env = dict(os.environ, VERIFIED_ROOT=str(tmp_path), VERIFIED_CACHE=str(tmp_path / "cache"))
    env.pop("VERIFIED_NO_RUN", None)  # this build must run its snippets
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode != 0
    assert "snippets/001_x/a_torch.py (day 1, PyTorch) failed" in build.stderr + build.stdout
    assert "RuntimeError: planted" in build.stderr + build.stdout
    cached = [p for p in (tmp_path / "cache").iterdir() if p.is_dir()] if (tmp_path / "cache").exists() else []
    assert all((p / "meta.json").exists() for p in cached) and len(cached) <= 1  # only the passing twin
    assert not (tmp_path / "site" / "days").exists()


# --- integrity: faults that once got through (issue 10) ---------------------------------------------------

@pytest.mark.parametrize("body, message", [
    ("import subprocess, sys\nr = subprocess.run([sys.executable, '-c', 'import socket; "
     "socket.create_connection((\"192.0.2.1\", 80), timeout=3)'], capture_output=True, text=True)\n"
     "print('child:', r.returncode, r.stderr.strip().splitlines()[-1])\n", "child: 1 OSError: [Errno 101]"),
    ("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto(b'x', ('192.0.2.1', 53))\n",
     "tried to use the network"),
], ids=["child-process", "udp"])
def test_network_is_closed_to_child_processes_and_datagrams(tmp_path, scratch_runner, body, message):
    make_day(tmp_path, files={"a_tf.py": body, "a_torch.py": "print(1)\n"})
    try:
        text = scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout
    except SnippetError as error:
        text = str(error)
    if "child-process" in message or "child:" in message:
        mechanism = scratch_runner.run(snippet(tmp_path, "a_torch.py")).isolation["network"]
        if mechanism == "python":
            pytest.skip("no network namespace on this machine: only the Python-level block is in force")
    assert message in text


def test_loopback_stays_open(tmp_path, scratch_runner):
    code = ("import socket\nserver = socket.create_server(('127.0.0.1', 0))\n"
            "client = socket.create_connection(server.getsockname())\nprint('loopback ok')\n")
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    mechanism = scratch_runner.run(snippet(tmp_path, "a_torch.py")).isolation["network"]
    if mechanism == "namespace (no loopback)":
        pytest.skip("this machine gives the snippet a network namespace but cannot bring loopback up in it")
    assert scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout == "loopback ok\n"


def test_the_whole_process_tree_ends_with_the_snippet(tmp_path, scratch_runner):
    """A helper process started in a session of its own (outside the child's process group) is ended too."""
    code = ("import subprocess, sys\np = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
            "start_new_session=True)\nprint(p.pid)\n")
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    pid = int(scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout)
    deadline = time.monotonic() + 5
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "a process the snippet started in its own session outlived it"


@pytest.mark.parametrize("target", ["repository", "snippet folder", "/tmp"])
def test_writing_outside_the_working_directory_fails(tmp_path, scratch_runner, target):
    path = {"repository": str(ROOT / "planted.txt"), "snippet folder": str(tmp_path / "snippets" / "001_x" / "x.txt"),
            "/tmp": "/tmp/verified-planted.txt"}[target]
    make_day(tmp_path, files={"a_tf.py": f"open({path!r}, 'w').write('x')\nprint('wrote')\n",
                              "a_torch.py": "print(1)\n"})
    result = None
    try:
        result = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    except SnippetError as error:
        assert "tried to write outside its working directory" in str(error)
    if result is not None:
        assert result.isolation.get("files") == "none", "the write got through although Landlock was in force"
        pytest.skip("no Landlock on this machine: writes outside are not blocked")
    assert not Path(path).exists()


def test_home_and_tmpdir_are_scratch_and_local_writes_work(tmp_path, scratch_runner):
    code = ("import os, tempfile\nopen('here.txt', 'w').write('x')\n"
            "print(os.environ['HOME'].startswith(os.path.dirname(os.getcwd())),\n"
            "      tempfile.gettempdir().startswith(os.path.dirname(os.getcwd())))\n")
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    assert scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout == "True True\n"


def test_no_cache_location_pinned_by_the_warm_process(tmp_path, scratch_runner):
    """Importing torch._dynamo sets TORCHINDUCTOR_CACHE_DIR under /tmp, and the runner inherits it; a reader's fresh process
    puts Inductor's cache under its own TMPDIR, and so must a snippet (else torch.compile writes outside its scratch)."""
    code = ("import os, tempfile\nfrom torch._inductor.runtime.cache_dir_utils import cache_dir\n"
            "print('TORCHINDUCTOR_CACHE_DIR' in os.environ, cache_dir().startswith(tempfile.gettempdir()))\n")
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    assert scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout == "False True\n"


def test_a_snippet_may_write_its_own_proc_entries_only(tmp_path, scratch_runner):
    """CUDA writes under /proc/self when it starts (an H200 showed error 304 without it); the zygote's are closed."""
    code = ("import os\nopen('/proc/self/comm', 'w').write('renamed')\nprint(open('/proc/self/comm').read().strip())\n"
            "try:\n    open(f'/proc/{os.getppid()}/comm', 'w').write('x')\n    print('parent: written')\n"
            "except OSError:\n    print('parent: refused')\n")
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    result = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    if result.isolation.get("files") == "none":
        pytest.skip("no Landlock on this machine")
    assert result.stdout == "renamed\nparent: refused\n"


def test_importing_the_project_fails(tmp_path, scratch_runner):
    make_day(tmp_path, files={"a_tf.py": "from verified import days\nprint(days)\n", "a_torch.py": "print(1)\n"})
    with pytest.raises(SnippetError, match="imports the project"):
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))


def test_unseeded_randomness_differs_between_runs(tmp_path, scratch_runner):
    """Each child starts from fresh randomness, so an unseeded snippet cannot look reproducible."""
    code = "import random\nimport numpy as np\nimport torch\nprint(np.random.rand(), random.random(), float(torch.rand(1)))\n"
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    first = scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout
    second = scratch_runner.run(snippet(tmp_path, "a_tf.py"), force=True).stdout
    assert [a != b for a, b in zip(first.split(), second.split())] == [True, True, True]


def test_gpu_pragma_cannot_hide_a_cpu_failure(tmp_path, scratch_runner, gpu):
    if gpu:
        pytest.skip("a GPU is visible")
    make_day(tmp_path, files={"a_tf.py": "# verified: gpu\nraise ValueError('planted')\n",
                              "a_torch.py": "# verified: gpu\nimport torch\ntorch.zeros(1, device='cuda')\n"})
    with pytest.raises(SnippetError) as error:
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert not isinstance(error.value, NeedsGpu) and "ValueError: planted" in str(error.value)
    with pytest.raises(NeedsGpu, match="needs a GPU"):  # stopped for lack of a GPU, and for nothing else
        scratch_runner.run(snippet(tmp_path, "a_torch.py"))


def test_figure_never_shown_fails(tmp_path, scratch_runner):
    code = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint('drawn')\n"
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    with pytest.raises(SnippetError, match="never shown"):
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))


def test_a_failing_snippet_runs_once_per_test_run(tmp_path, scratch_runner):
    make_day(tmp_path, files={"a_tf.py": "import time\ntime.sleep(60)\n", "a_torch.py": "print(1)\n"})
    with pytest.raises(SnippetError, match="budget"):
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    start = time.monotonic()
    with pytest.raises(SnippetError, match="budget"):
        scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert time.monotonic() - start < 1


def test_cache_key_covers_data_files_and_undeclared_files_are_refused(tmp_path, scratch_runner):
    folder = make_day(tmp_path, files={"a_tf.py": "import os\nprint(open(os.path.dirname(__file__) + '/data.csv').read())\n",
                                       "a_torch.py": "print(1)\n"})
    (folder / "data.csv").write_text("1,2\n")
    assert any("snippets/001_x/data.csv (day 1): a snippet folder holds only twins" in p for p in problems(tmp_path))
    page = tmp_path / "docs" / "days" / "001-x.md"
    page.write_text("---\ndata: [data.csv]\n---\n" + PAGE)
    assert problems(tmp_path) == []
    first = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    (folder / "data.csv").write_text("3,4\n")
    second = scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert not second.cached and first.stdout == "1,2\n\n" and second.stdout == "3,4\n\n"


def test_orphaned_partial_folders_are_swept(tmp_path, scratch_runner):
    cache = tmp_path / "cache"
    (cache / "abc.999999.x.partial").mkdir(parents=True)
    make_day(tmp_path)
    scratch_runner._swept = False
    scratch_runner.run(snippet(tmp_path, "a_tf.py"))
    assert not (cache / "abc.999999.x.partial").exists()


@pytest.mark.parametrize("tag", ['{{ twins("A") }}', '{{ Twins("a") }}', "{{ twins('a' }}", "{% include 'x' %}"])
def test_misspelled_include_is_refused(tree, tag):
    page = tree / "docs" / "days" / "001-x.md"
    page.write_text(PAGE.replace("## What to notice", f"{tag}\n\n## What to notice"))
    assert any("unrecognised template tag" in p or "does not exist" in p for p in problems(tree))


def test_cells_contract(tree):
    folder = tree / "snippets" / "001_x"
    (folder / "a_tf.py").write_text("# %%\nprint(1)\n# %%\nprint(2)\n")
    (folder / "a_torch.py").write_text("# %%\nprint(1)\n")
    page = tree / "docs" / "days" / "001-x.md"
    page.write_text(PAGE.replace('{{ twins("a") }}', '{{ twins("a", cells="2") }}'))
    found = problems(tree)
    assert any("the twins have 2 (TensorFlow) and 1 (PyTorch) cells" in p for p in found)
    assert any('the includes of "a" show cells [2]; every cell must be shown once' in p for p in found)
    (folder / "a_torch.py").write_text("# %%\nprint(1)\n# %%\nprint(2)  " + "#" * 80 + "\n")
    assert any("snippets/001_x/a_torch.py:4 (day 1, PyTorch): line of" in p for p in problems(tree))


def test_one_setting_changed_in_one_twin_is_caught():
    tf = "LEARNING_RATE = 0.03\nopt = SGD(learning_rate=LEARNING_RATE, momentum=0.9)\n"
    assert differences(tf, tf) == []
    assert differences(tf, tf.replace("0.03", "0.031")) == [
        "setting LEARNING_RATE: 0.03 (TensorFlow) vs 0.031 (PyTorch)"]
    inline = differences(tf, tf.replace("0.9", "0.92"))
    assert any("the literal 0.9 appears 1 time(s) in the TensorFlow twin and 0 in the PyTorch twin" in d for d in inline)
    declared = tf.replace("momentum=0.9)", "momentum=0.92)  # twins differ: planted")
    assert differences(tf.replace("momentum=0.9)", "momentum=0.9)  # twins differ: planted"), declared) == []


def test_parity_names_the_line_and_follows_the_printed_precision():
    assert_parity("loss: 0.1234\n", "loss: 0.1235\n")  # one unit in the last digit
    with pytest.raises(AssertionError) as error:
        assert_parity("lr: 0.03\nloss: 0.1234\n", "lr: 0.03\nloss: 0.1240\n")
    assert "line 2: 'loss: 0.1234'" in str(error.value) and "'loss: 0.1240'" in str(error.value)


def test_a_changed_quoted_number_is_caught(tree, scratch_runner):
    page = tree / "docs" / "days" / "001-x.md"
    page.write_text(PAGE.replace("## What to notice\n", "## What to notice\n\nAccuracy is 0.883, the bar 0.85.\n"))
    day = find_days(tree)[0]
    found = check(day, ["test accuracy: 0.8834\n"])
    assert len(found) == 1 and "docs/days/001-x.md:13: quotes '0.85'" in found[0] and "nearest printed value 0.8834" in found[0]
    page.write_text("---\nunbound:\n  \"0.85\": the bar\n---\n" + page.read_text().replace("0.883", "0.884"))
    found = check(find_days(tree)[0], ["test accuracy: 0.8834\n"])
    assert len(found) == 1 and "quotes '0.884'" in found[0] and ":17:" in found[0]


def test_verified_run_reports_output_wider_than_the_page(tree, scratch_runner):
    from verified.__main__ import _wide_lines

    folder = tree / "snippets" / "001_x"
    (folder / "a_tf.py").write_text("print('tf', 1)\nprint('w' * 81)\n")
    results = scratch_runner.run_all(find_days(tree)[0].snippets())
    found = _wide_lines(results)
    assert len(found) == 1 and "001_x/a_tf.py: output line 2 has 81 characters" in found[0]


def test_numbers_glued_to_letters_are_not_read_piecemeal():
    from verified.quotes import quotes
    assert [q.text for q in quotes("a 224x224 input, maps of 256x27x27, a float32 tensor")] == []
    assert [q.text for q in quotes("0.883 of 1,234 digits, 3.2×10^{-5}")] == ["0.883", "1,234", "3.2×10^{-5}"]


def test_a_quote_naming_one_framework_is_bound_to_that_framework(tree):
    page = tree / "docs" / "days" / "001-x.md"
    outputs = {"tf": ["loss: 0.2310\n"], "torch": ["loss: 0.2470\n"]}
    for sentence, bad in [("In PyTorch the loss is 0.231.", True), ("In TensorFlow the loss is 0.231.", False),
                          ("TensorFlow ends at 0.231; PyTorch at 0.247.", False),
                          ("TensorFlow ends at 0.247; PyTorch at 0.231.", True),
                          ("TensorFlow and PyTorch end at 0.231 and 0.247.", False),
                          ("The loss ends at 0.247.", False)]:
        page.write_text(PAGE.replace("## What to notice\n", f"## What to notice\n\n{sentence}\n"))
        found = check(find_days(tree)[0], outputs)
        assert bool(found) == bad, (sentence, found)
        if bad:
            assert "the sentence names" in found[0] and ":13:" in found[0]
    page.write_text(PAGE.replace("## What to notice\n", "## What to notice\n\nIt has 11,689,512 parameters.\n"))
    assert check(find_days(tree)[0], ["parameters: 11,689,512\n"]) == []  # printed with thousands separators


def test_a_claims_test_without_asserts_is_reported(tmp_path):
    """The perturbation run (tests/test_claims_can_fail.py) reports a claims test that cannot fail."""
    days = tmp_path / "tests" / "days"
    days.mkdir(parents=True)
    (tmp_path / "tests" / "conftest.py").write_text(textwrap.dedent('''
        import pytest
        from verified import perturb
        from verified.runner import Result

        @pytest.fixture
        def run():
            def _run(sid):
                out = "test accuracy: 0.883\\n" if sid.endswith("_tf.py") else "test accuracy: 0.881\\n"
                return perturb.apply(Result(None, "k", out, 1.0, [], "", {}, True), sid, _run)
            return _run
        '''))
    (days / "test_001_x.py").write_text(textwrap.dedent('''
        from verified.testing import assert_parity, value

        def test_real(run):
            assert value(run("x/a_tf.py").stdout, "test accuracy:") > 0.85

        def test_asserts_replaced_by_pass(run):
            value(run("x/a_tf.py").stdout, "test accuracy:")
            pass

        def test_parity(run):
            assert_parity(run("x/a_tf.py").stdout, run("x/a_torch.py").stdout, digits=3)
        '''))
    report = tmp_path / "report.json"
    env = dict(os.environ, VERIFIED_PERTURB_REPORT=str(report), PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "pytest", str(days), "-p", "verified.perturb", "-q", "-o", "addopts=",
                    "-p", "no:cacheprovider", "--rootdir", str(tmp_path)], cwd=tmp_path, env=env,
                   capture_output=True, text=True, timeout=300)
    found = {k.split("::")[1]: v["failed_under"] for k, v in json.loads(report.read_text()).items()}
    assert found["test_asserts_replaced_by_pass"] == []
    assert "down:tf" in found["test_real"] and "up:tf" in found["test_parity"]


def test_snippet_runs_as_the_real_main_module(tmp_path, scratch_runner):
    """Pickling a class the snippet defines works, as it does for a reader running the script."""
    code = "import pickle\n\n\nclass Box:\n    pass\n\n\n# %%\nprint(type(pickle.loads(pickle.dumps(Box()))).__name__)\n"
    make_day(tmp_path, files={"a_tf.py": code, "a_torch.py": "print(1)\n"})
    assert scratch_runner.run(snippet(tmp_path, "a_tf.py")).stdout == "Box\n"
