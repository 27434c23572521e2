"""What every fuzz run of the project shares: running a case, judging it, the long run's loop.

The fuzzers (the parcel loader: ``fuzz_cases``; the tables and projects: ``table_cases``)
each build seed files and damage copies of them; a :class:`Case` is one damaged folder and
the ``landplanner`` command line to run on it. This module runs that command line in this
process (:func:`run_cli`, the real entry point, as ``python -m landplanner`` does), judges
the outcome (:func:`judge`), and drives the long runs of ``tools/fuzz_loader.py`` and
``tools/fuzz_tables.py`` (:func:`long_run`): a worker process that is killed and replaced
when a case does not answer (a hang), failures by class with their distinct causes, the
slowest cases, and each failing case kept for reproduction.

Failure classes:

* ``internal``      an internal error message (内部错误 / internal error) or an escaped exception
* ``traceback``     a Python traceback on stderr
* ``hang``          more than ``--timeout`` CPU seconds in one case, or no answer within
                    ``--kill-after`` wall seconds (CPU time, not wall time, so a machine busy
                    with other work does not count)
* ``changed``       an input file changed (or a file appeared or vanished in the case folder)
* ``invalid_json``  ``--json`` output that is not strict JSON (NaN/Infinity, or not JSON)
* ``exit``          an exit status other than 0 or 2, or status 2 without any message
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import io
import json
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FAILURE_CLASSES = ("internal", "traceback", "hang", "changed", "invalid_json", "exit")
INTERNAL_MARKERS = ("内部错误", "internal error", "Internal error")


@dataclass
class Case:
    """One fuzz case: the damaged folder and the ``landplanner`` arguments to run on it.

    ``json_output``: the command was asked for ``--json`` (stdout must be strict JSON);
    ``json_always``: it prints its JSON report even when it refuses the input (``check``),
    otherwise a refusal (status 2) may leave stdout empty.
    """

    folder: Path
    target: Path
    kind: str
    args: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    argv: list[str] = field(default_factory=list)
    json_always: bool = True
    json_output: bool = True

    def describe(self) -> str:
        extra = " ".join(self.args)
        return f"{self.kind} {extra} :: " + "; ".join(self.steps)


def digest(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder``."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- one case


def run_cli(argv: list[str]) -> dict:
    """Run ``landplanner ARGV`` in this process; capture status, stdout, stderr and times."""
    from landplanner import messages
    from landplanner.cli import main

    out, err = io.StringIO(), io.StringIO()
    status, escaped = None, None
    started, cpu = time.perf_counter(), time.process_time()
    previous = messages.language()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # noqa: BLE001 - an escaped exception is a finding
            import traceback

            escaped = f"{type(exc).__name__}: {exc}"
            err.write(traceback.format_exc())
        finally:
            messages.set_language(previous)
    return {
        "status": status,
        "stdout": out.getvalue(),
        "stderr": err.getvalue(),
        "escaped": escaped,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
    }


def _strict(value: str) -> object:
    raise ValueError(f"non-strict JSON constant {value}")


def strict_json(text: str) -> object:
    """``json.loads`` that refuses NaN and Infinity."""
    return json.loads(text, parse_constant=_strict)


def judge(result: dict, before: dict, after: dict, json_always: bool = True,
          json_output: bool = True) -> list[tuple[str, str]]:
    """(class, cause) of each failure of one case."""
    failures = []
    stdout, stderr = result["stdout"], result["stderr"]
    report = None
    refused_quietly = not json_always and result["status"] == 2 and not stdout.strip()
    if json_output and not refused_quietly:
        try:
            report = strict_json(stdout)
        except ValueError as exc:
            failures.append(("invalid_json", str(exc)[:80]))
    if result["escaped"]:
        failures.append(("internal", "escaped " + result["escaped"][:120]))
    error = report.get("error") if isinstance(report, dict) else None
    text = (error or "") + "\n" + stderr
    for marker in INTERNAL_MARKERS:
        if marker in text:
            line = next(ln for ln in text.splitlines() if marker in ln)
            failures.append(("internal", line.strip()[:160]))
            break
    if "Traceback (most recent call last)" in stderr:
        last = [ln for ln in stderr.strip().splitlines() if ln and not ln.startswith(" ")]
        failures.append(("traceback", (last[-1] if last else "?")[:160]))
    if result["status"] not in (0, 2):
        failures.append(("exit", f"status {result['status']}"))
    elif result["status"] == 2 and not stderr.strip() and not error:
        failures.append(("exit", "status 2 without a message"))
    if before != after:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        failures.append(("changed", ", ".join(changed)[:160]))
    return failures


def check_case(case: Case) -> tuple[dict, list[tuple[str, str]]]:
    """Run one case in this process and judge it (the bounded runs in the test suite)."""
    before = digest(case.folder)
    result = run_cli(case.argv)
    return result, judge(result, before, digest(case.folder), case.json_always, case.json_output)


def assert_handled(case: Case, hang_seconds: float = 10.0) -> dict:
    """The bounded runs' verdict on one case: no failure of any class, and under
    ``hang_seconds`` of CPU (CPU, as in the long run: a busy machine does not make a hang).
    Returns the run's result for the caller's own checks."""
    result, failures = check_case(case)
    assert not failures, f"{case.describe()}: {failures}\n{result['stderr'][-2000:]}"
    cpu = result["cpu_seconds"]
    assert cpu < hang_seconds, f"{case.describe()} took {cpu:.1f} s of CPU"
    return result


# --------------------------------------------------------------------------- the long run


def _worker(conn, log_dir: str, preload: tuple[str, ...]) -> None:
    os.environ["LANDPLANNER_LOG_DIR"] = log_dir
    import warnings

    warnings.simplefilter("ignore")
    # Import what the commands need before the first case, so no case's time includes it.
    for name in preload:
        importlib.import_module(name)
    conn.send("ready")
    while True:
        argv = conn.recv()
        if argv is None:
            return
        try:
            conn.send(run_cli(argv))
        except BaseException as exc:  # noqa: BLE001
            conn.send({"status": None, "stdout": "", "stderr": "", "seconds": 0.0, "cpu_seconds": 0.0,
                       "escaped": f"harness: {type(exc).__name__}: {exc}"})


class Worker:
    """A spawned process that runs cases; killed and replaced when one does not answer."""

    def __init__(self, log_dir: Path, preload: tuple[str, ...] = ()):
        self.log_dir = log_dir
        self.preload = tuple(preload)
        self.ctx = mp.get_context("spawn")
        self.start()

    def start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, str(self.log_dir), self.preload),
                                     daemon=True)
        self.proc.start()
        if not self.conn.poll(600) or self.conn.recv() != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def run(self, argv: list[str], timeout: float) -> dict | None:
        self.conn.send(list(argv))
        if self.conn.poll(timeout):
            try:
                return self.conn.recv()
            except EOFError:
                pass  # the worker died (a crash): counted below
            self.restart()
            return {"status": -1, "stdout": "", "stderr": "", "seconds": timeout, "cpu_seconds": 0.0,
                    "escaped": "worker process died"}
        self.restart()
        return None

    def restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.start()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()


def long_run(
    description: str,
    build_seeds: Callable[[Path], dict[str, Path]],
    make_case: Callable[..., Case],
    kinds: tuple[str, ...],
    preload: tuple[str, ...],
    argv: list[str] | None = None,
    keep_name: str = "landplanner-fuzz-failures",
) -> int:
    """The long run's command line, loop and summary; returns the exit status (1: failures).

    ``make_case(seeds, folder, n, kind)`` builds case ``n``. Prints cases tried, failures by
    class (with their distinct causes and an example each), the slowest cases; keeps each
    failing case under ``--keep``.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--start", type=int, default=0, help="first case seed (for chunks)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="CPU seconds of one case that count as a hang")
    parser.add_argument("--kill-after", type=float, default=60.0,
                        help="wall seconds after which the worker is killed (a hang as well)")
    parser.add_argument("--kind", choices=kinds, help="only this seed kind")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / keep_name)
    parser.add_argument("--json-out", type=Path, help="write the summary as JSON here")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="landplanner-fuzz-"))
    started = time.perf_counter()
    seeds = build_seeds(root / "seeds")
    worker = Worker(root / "logs", preload)
    failures: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    slowest: list[tuple[float, int, str]] = []
    by_kind: Counter = Counter()
    failed_cases = 0
    tried = 0
    # SIGTERM (or Ctrl-C) ends the run early with the summary of the cases tried so far.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        for n in range(args.start, args.start + args.cases):
            case = make_case(seeds, root / "case", n, args.kind)
            by_kind[case.kind] += 1
            before = digest(case.folder)
            result = worker.run(case.argv, args.kill_after)
            if result is None:
                found = [("hang", f"no answer in {args.kill_after:g} s (killed)")]
                seconds = args.kill_after
            else:
                found = judge(result, before, digest(case.folder), case.json_always, case.json_output)
                seconds = result["cpu_seconds"]
                if seconds > args.timeout:
                    found.append(("hang", f"> {args.timeout:g} s of CPU"))
            slowest = sorted([*slowest, (seconds, n, case.describe())], reverse=True)[:5]
            if found:
                failed_cases += 1
                keep = args.keep / f"case-{n}"
                if keep.exists():
                    shutil.rmtree(keep)
                shutil.copytree(case.folder, keep)
                (keep / "CASE.txt").write_text(
                    f"{case.describe()}\nlandplanner {' '.join(case.argv)}\n{found}\n\n"
                    f"{(result or {}).get('stderr', '')[-4000:]}",
                    encoding="utf-8",
                )
                for cls, cause in found:
                    failures[cls][cause] += 1
                    examples.setdefault((cls, cause), f"case {n}: {case.describe()}")
            tried = done = n - args.start + 1
            if done % 250 == 0:
                print(f"... {done} cases, {failed_cases} failing, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
    except KeyboardInterrupt:
        print("stopped early", flush=True)
    finally:
        worker.stop()
        shutil.rmtree(root, ignore_errors=True)

    total = tried
    print(f"\ncases tried: {total} (seeds {args.start}..{args.start + total - 1}; "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())) + ")")
    print(f"time: {time.perf_counter() - started:.0f} s, failing cases: {failed_cases}")
    for cls in FAILURE_CLASSES:
        causes = failures.get(cls, Counter())
        print(f"{cls:<13} {sum(causes.values()):6d}  ({len(causes)} distinct)")
        for cause, count in causes.most_common(12):
            print(f"    {count:5d}  {cause}")
            print(f"           e.g. {examples[(cls, cause)][:200]}")
    print("slowest cases:")
    for seconds, n, text in slowest:
        print(f"    {seconds:6.2f} s CPU  case {n}: {text[:160]}")
    if args.json_out:
        args.json_out.write_text(json.dumps({
            "cases": total, "start": args.start, "failing_cases": failed_cases,
            "by_kind": dict(by_kind),
            "failures": {k: dict(v) for k, v in failures.items()},
            "slowest": slowest,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failed_cases else 0
