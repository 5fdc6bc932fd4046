"""Command line: run the snippets of some days and show what they print.

    python -m verified run 1 6          # days 1 and 6, both frameworks
    python -m verified run 6 -f torch   # day 6, PyTorch only
    python -m verified run --force      # every day, ignoring the cache
    python -m verified check            # the day contract, without running anything
    python -m verified quotes 6         # numbers day 6 quotes that its outputs do not print
    python -m verified prose 6          # day 6's page with its printed-number markers filled in
    python -m verified export-gpu       # on a GPU machine: copy the GPU-only snippets' results to gpu-results/
    python -m verified export-gpu -f torch   # the same, PyTorch's only (a GPU machine without TensorFlow)
"""
import argparse
import sys

from .days import FRAMEWORKS, MAX_WIDTH, ROOT, find_days, problems
from .runner import Runner, SnippetError, gpu_visible


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m verified", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run snippets (cached by content)")
    run.add_argument("days", nargs="*", type=int, help="day numbers (default: all)")
    run.add_argument("-f", "--framework", choices=["tf", "torch"])
    run.add_argument("--force", action="store_true", help="run even if a cached result exists")
    run.add_argument("-q", "--quiet", action="store_true", help="progress only, not the output")
    sub.add_parser("check", help="check the day contract")
    quotes = sub.add_parser("quotes", help="check that the numbers pages quote are printed by their snippets")
    quotes.add_argument("days", nargs="*", type=int, help="day numbers (default: all)")
    prose = sub.add_parser("prose", help="a day's page with its printed-number markers filled from the outputs")
    prose.add_argument("day", type=int)
    export = sub.add_parser("export-gpu", help="run the GPU-only snippets and keep their results in gpu-results/")
    export.add_argument("-f", "--framework", choices=["tf", "torch"], help="only this framework's snippets")
    args = parser.parse_args(argv)

    if args.command == "export-gpu":
        return _export_gpu(args.framework)
    if args.command == "quotes":
        return _quotes(args.days)
    if args.command == "prose":
        return _prose(args.day)

    if args.command == "check":
        found = problems(ROOT)
        print("\n".join(found) if found else "every day follows the contract")
        return 1 if found else 0

    snippets = [s for d in find_days(ROOT) if not args.days or d.number in args.days
                for s in d.snippets() if not args.framework or s.framework == args.framework]
    if not snippets:
        print("no snippets match", file=sys.stderr)
        return 1
    gpu_only = [s for s in snippets if "gpu" in s.pragmas]
    if gpu_only and not gpu_visible():
        print(f"skipping {len(gpu_only)} GPU-only snippet(s), no GPU visible: "
              + ", ".join(s.rel for s in gpu_only), file=sys.stderr)
        snippets = [s for s in snippets if s not in gpu_only]
    try:
        with Runner(progress=lambda line: print(line, file=sys.stderr, flush=True)) as runner:
            results = runner.run_all(snippets, force=args.force)
    except SnippetError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        for s, r in results.items():
            print(f"\n=== {s.rel}  ({r.seconds:.2f} s{', cached' if r.cached else ''}"
                  f"{', ' + str(len(r.figures)) + ' figure(s)' if r.figures else ''})\n{r.stdout.rstrip()}")
    wide = _wide_lines(results)
    for line in wide:
        print(line, file=sys.stderr)
    return 1 if wide else 0


def _wide_lines(results) -> list[str]:
    """Printed lines the page could not show within MAX_WIDTH columns (the same rule as the code)."""
    found = []
    for s, r in results.items():
        for number, line in enumerate(r.stdout.splitlines(), 1):
            if len(line) > MAX_WIDTH:
                found.append(f"{s.rel}: output line {number} has {len(line)} characters, "
                             f"more than {MAX_WIDTH}: {line[:40]}...")
    return found


FRAMEWORK_MODULES = {"tf": "tensorflow", "torch": "torch"}  # what a snippet of each framework imports


def gpu_machine() -> dict:
    """What a GPU run ran on: the GPU's name, its driver, and the CUDA and cuDNN that PyTorch was built with."""
    import subprocess

    import torch

    found = {"gpu": torch.cuda.get_device_name(0), "cuda": torch.version.cuda or "",
             "cudnn": str(torch.backends.cudnn.version() or "")}
    try:
        query = ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"]
        found["driver"] = subprocess.run(query, capture_output=True, text=True, timeout=60).stdout.split()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        found["driver"] = "unknown"
    return found


def _export_gpu(framework: str | None = None) -> int:
    """Run each GPU-only snippet and keep its result where the site build finds it (verified.site.load_gpu_result):
    gpu-results/<snippets__NNN_slug__name.py>/ holds the runner's cache folder, source.py (the code as it ran) and
    gpu.json (the machine). A snippet whose framework is not installed here is listed, with that reason, in
    gpu-results/unverified.json, which the site shows under it. Exit 1 if any snippet failed."""
    import importlib.util
    import json
    import shutil
    from datetime import datetime, timezone

    if not gpu_visible():
        print("no GPU visible: nothing to export", file=sys.stderr)
        return 1
    out = ROOT / "gpu-results"
    out.mkdir(exist_ok=True)
    listed = out / "unverified.json"
    unverified = json.loads(listed.read_text()) if listed.exists() else {}
    machine, failed = None, 0
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    with Runner(progress=lambda line: print(line, file=sys.stderr, flush=True)) as runner:
        for day in find_days(ROOT):
            for s in day.snippets():
                if "gpu" not in s.pragmas:
                    continue
                module = FRAMEWORK_MODULES[s.framework]
                if importlib.util.find_spec(module) is None:  # could not run here, asked for or not
                    unverified[s.rel] = (f"the GPU machine of the {today} GPU run had no "
                                         f"{FRAMEWORKS[s.framework]} installed")
                    print(f"{s.rel}: not run, {unverified[s.rel]}")
                    continue
                if framework and s.framework != framework:
                    continue
                try:
                    result = runner.run(s)
                except SnippetError as error:
                    failed += 1
                    print(f"FAILED: {error}", file=sys.stderr)
                    continue
                machine = machine or gpu_machine()
                target = out / s.rel.replace("/", "__")
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(runner.cache_dir / result.key, target)
                shutil.copy(s.path, target / "source.py")  # the site shows a GPU run only for this code
                (target / "gpu.json").write_text(json.dumps(machine, indent=1) + "\n")
                unverified.pop(s.rel, None)
                print(f"{s.rel}: {result.seconds:.2f} s, {result.date}, {machine['gpu']}"
                      f" -> {target.relative_to(ROOT)}")
    listed.write_text(json.dumps(unverified, indent=1, sort_keys=True) + "\n")
    return 1 if failed else 0


def _quotes(numbers: list[int]) -> int:
    from .quotes import check

    found = []
    with Runner(progress=lambda line: print(line, file=sys.stderr, flush=True)) as runner:
        for day in find_days(ROOT):
            if numbers and day.number not in numbers or not day.page:
                continue
            outputs, named = {"tf": [], "torch": []}, {}
            for s in day.snippets():
                try:
                    named[s.path.stem] = runner.run(s).stdout
                    outputs[s.framework].append(named[s.path.stem])
                except SnippetError as error:
                    if "gpu" not in s.pragmas:
                        found.append(f"day {day.number}: cannot check its quotes, a snippet failed: "
                                     + str(error).splitlines()[0])
                        break
            else:
                found += check(day, outputs, named)
    print("\n".join(found) if found else "every quoted number is bound to an output")
    return 1 if found else 0


def _prose(number: int) -> int:
    from .printed import MarkerError, fill, outputs_of

    day = next((d for d in find_days(ROOT) if d.number == number and d.page), None)
    if day is None:
        print(f"no page for day {number}", file=sys.stderr)
        return 1
    with Runner(progress=lambda line: print(line, file=sys.stderr, flush=True)) as runner:
        named = outputs_of(day, lambda s: None if "gpu" in s.pragmas else runner.run(s))
    try:
        print(fill(day.page.read_text(encoding="utf-8"), named, str(day.page.relative_to(ROOT))))
    except MarkerError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
