"""Long fuzz run of the parcel loader: damaged files through ``landplanner check``.

Builds seed layers in every format (see ``tests/fuzz/fuzz_cases.py``), damages copies with
seeded mutators and runs the real CLI entry point (``landplanner check FILE --json``, the
same code path as ``python -m landplanner``) on each, in a worker process that is killed and
replaced when one case does not answer (a hang). Each case is judged:

* ``internal``      an internal error message (内部错误 / internal error) or an escaped exception
* ``traceback``     a Python traceback on stderr
* ``hang``          more than ``--timeout`` CPU seconds in one case, or no answer within
                    ``--kill-after`` wall seconds (the worker is then killed and replaced; CPU
                    time, not wall time, so a machine busy with other work does not count)
* ``changed``       an input file changed
* ``invalid_json``  ``--json`` output that is not strict JSON (NaN/Infinity, or not JSON)
* ``exit``          an exit status other than 0 or 2

Prints cases tried, failures by class (with their distinct causes), the slowest cases, and
keeps each failing case under ``--keep`` for reproduction. Exit status 1 when anything failed.

Usage::

    python tools/fuzz_loader.py --cases 10000 [--start 0] [--workers 1] [--timeout 10]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing as mp
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- worker


def _worker(conn, log_dir: str) -> None:
    os.environ["LANDPLANNER_LOG_DIR"] = log_dir
    import warnings

    warnings.simplefilter("ignore")
    from fuzz_cases import run_check

    # Import what a check needs before the first case, so no case's time includes it.
    import landplanner.cli.check_command  # noqa: F401
    import landplanner.project  # noqa: F401
    import landplanner.sources.loader  # noqa: F401

    conn.send("ready")
    while True:
        job = conn.recv()
        if job is None:
            return
        target, args = job
        try:
            conn.send(run_check(Path(target), args))
        except BaseException as exc:  # noqa: BLE001
            conn.send({"status": None, "stdout": "", "stderr": "", "seconds": 0.0, "cpu_seconds": 0.0,
                       "escaped": f"harness: {type(exc).__name__}: {exc}"})


class Worker:
    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.ctx = mp.get_context("spawn")
        self.start()

    def start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, str(self.log_dir)), daemon=True)
        self.proc.start()
        if not self.conn.poll(600) or self.conn.recv() != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def run(self, target: Path, args: list[str], timeout: float) -> dict | None:
        self.conn.send((str(target), args))
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


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--start", type=int, default=0, help="first case seed (for chunks)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="CPU seconds of one case that count as a hang")
    parser.add_argument("--kill-after", type=float, default=60.0,
                        help="wall seconds after which the worker is killed (a hang as well)")
    parser.add_argument("--kind", choices=None, help="only this seed kind")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "landplanner-fuzz-failures")
    parser.add_argument("--json-out", type=Path, help="write the summary as JSON here")
    args = parser.parse_args(argv)

    from fuzz_cases import build_seeds, judge, make_case

    root = Path(tempfile.mkdtemp(prefix="landplanner-fuzz-"))
    started = time.perf_counter()
    seeds = build_seeds(root / "seeds")
    worker = Worker(root / "logs")
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
            before = _digest(case.folder)
            result = worker.run(case.target, case.args, args.kill_after)
            if result is None:
                found = [("hang", f"no answer in {args.kill_after:g} s (killed)")]
                seconds = args.kill_after
            else:
                found = judge(result, before, _digest(case.folder))
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
                    f"{case.describe()}\n{found}\n\n{(result or {}).get('stderr', '')[-4000:]}",
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
    for cls in ("internal", "traceback", "hang", "changed", "invalid_json", "exit"):
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
            "failures": {k: dict(v) for k, v in failures.items()},
            "slowest": slowest,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failed_cases else 0


if __name__ == "__main__":
    sys.exit(main())
