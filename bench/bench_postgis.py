"""Load test of the shared PostGIS store: N clients edit random plans at once.

Starts a throwaway PostgreSQL + PostGIS server on 127.0.0.1 (durable: fsync on), migrates
the sample project into it, and runs ``--clients`` threads (default 20), each with its own
connection and its own copy of the project, for ``--seconds`` (default 60). Each edit changes
one field of a random plan to a unique value and saves (only plans are compared:
``parts={"plans"}``); a conflict (the same field saved by another client since this one
loaded it) is resolved "keep mine" and saved again, as a user would. Every save the store
acknowledged is remembered.

Prints edits/s, conflicts detected, p50/p99 save latency, then verifies that no
acknowledged write was lost: each one is in the history table, and each plan field holds
the value of the last acknowledged write to it (by commit order in the history).

    PYTHONPATH=. python bench/bench_postgis.py [--clients 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from landplanner import store  # noqa: E402
from landplanner.analysis import plans as plans_mod  # noqa: E402
from landplanner.store import postgis_store as pg  # noqa: E402
from landplanner.store import throwaway_cluster  # noqa: E402

FIELDS = ("responsible_person", "responsible_unit", "notes", "reason")


def client_project(template, number: int):
    """One client's own project: its own plans list and store state (parcels are shared:
    the bench does not edit them)."""
    project = copy.copy(template)
    # one deepcopy: the state's loaded plans stay the very objects of the project's list
    plans, project.settings, project.store_state = copy.deepcopy(
        (template.plans, template.settings, template.store_state))
    project.plans = list(plans)
    project.store_state.user = f"client{number:02d}"
    return project


def client(number: int, location: str, project, stop: threading.Event, out: dict) -> None:
    rng = random.Random(number)
    acked, latencies, conflicts, errors = [], [], 0, 0
    count = 0
    try:
        while not stop.is_set():
            index = rng.randrange(len(project.plans))
            field_name = rng.choice(FIELDS)
            value = f"c{number:02d}-{count}"
            count += 1
            project.plans[index] = plans_mod.update(project.plans[index], f"client{number:02d}",
                                                    **{field_name: value})
            start = time.perf_counter()
            for _attempt in range(10):
                try:
                    pg.save_project(project, location, parts={"plans"})
                    break
                except pg.SaveConflict as conflict:
                    conflicts += len(conflict.conflicts)
                    pg.resolve(project, conflict, {}, default="mine")
            else:
                errors += 1
                continue
            latencies.append(time.perf_counter() - start)
            acked.append((project.plans[index].id, field_name, value))
    except Exception as exc:  # reported, never silent
        out.setdefault("failures", []).append(f"client {number}: {type(exc).__name__}: {exc}")
    finally:
        pg.close_connections()
        out[number] = (acked, latencies, conflicts, errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--project", default=str(REPO / "sample_parcels" / "sample_project.gpkg"))
    parser.add_argument("--no-fsync", action="store_true", help="server without fsync (diagnosis only)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a server setting a bureau might use (commit_delay=20, wal_buffers=16MB); "
                             "printed with the figures")
    args = parser.parse_args(argv)

    if not throwaway_cluster.has_postgis():
        print("PostgreSQL with PostGIS is not installed; nothing measured")
        return 1
    settings = dict(item.split("=", 1) for item in args.set)
    cluster = throwaway_cluster.start(durable=not args.no_fsync, max_connections=args.clients + 20,
                                      settings=settings)
    try:
        cluster.create_database("bench")
        location = cluster.dsn("bench") + "?schema=bench"
        source = store.open_project(args.project)
        store.save_project(source, location)
        template = store.open_project(location)
        print(f"project: {len(template.parcels)} parcels, {len(template.plans)} plans; "
              f"{args.clients} clients for {args.seconds:g} s (server with fsync {'off' if args.no_fsync else 'on'})")
        print("server: " + server_settings(cluster.dsn("bench"), settings))
        print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        before = len(pg.history(location, "plans"))
        stop = threading.Event()
        out: dict = {}
        threads = [
            threading.Thread(target=client, args=(n, location, client_project(template, n), stop, out))
            for n in range(args.clients)
        ]
        began = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(args.seconds)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        for failure in out.get("failures", []):
            print("FAILED", failure)
        acked = [w for n in range(args.clients) for w in out[n][0]]
        latencies = sorted(x for n in range(args.clients) for x in out[n][1])
        conflicts = sum(out[n][2] for n in range(args.clients))
        gave_up = sum(out[n][3] for n in range(args.clients))
        print(f"acknowledged edits: {len(acked)} in {elapsed:.1f} s = {len(acked) / elapsed:.1f} edits/s")
        print(f"conflicts detected (same field saved by two clients): {conflicts}; "
              f"edits given up after 10 conflicts: {gave_up}")
        if latencies:
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            print(f"save latency p50 {statistics.median(latencies) * 1000:.1f} ms, "
                  f"p99 {p99 * 1000:.1f} ms")
        lost = verify(location, acked, before)
        print(f"lost acknowledged writes: {lost}")
        return 0 if lost == 0 and not out.get("failures") else 1
    finally:
        cluster.stop()


#: What decides whether an acknowledged save is on disk, and how commits are grouped.
DURABILITY = ("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "commit_delay",
              "commit_siblings", "wal_buffers", "shared_buffers")


def server_settings(dsn: str, extra: dict[str, str]) -> str:
    """The server's durability settings (and any others set for the run), as ``name=value``."""
    import psycopg

    names = list(DURABILITY) + [n for n in extra if n not in DURABILITY]
    with psycopg.connect(dsn) as conn:
        values = [conn.execute(f"SHOW {name}").fetchone()[0] for name in names]
    return ", ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))


def verify(location: str, acked: list[tuple[str, str, str]], before: int) -> int:
    """Count acknowledged writes missing from the history, and plan fields whose value is not
    the last acknowledged write to them."""
    rows = [r for r in pg.history(location, "plans") if r["op"] == "UPDATE"][before:]
    in_history = {(r["key"], r["field"], r["new"]) for r in rows}
    missing = [w for w in acked if w not in in_history]
    last: dict[tuple[str, str], str] = {}
    acked_set = set(acked)
    for r in rows:  # commit order
        if (r["key"], r["field"], r["new"]) in acked_set:
            last[(r["key"], r["field"])] = r["new"]
    final = {p.id: p for p in store.open_project(location).plans}
    wrong = [(k, f) for (k, f), v in last.items() if getattr(final[k], f) != v]
    if missing:
        print(f"  {len(missing)} acknowledged writes not in the history, e.g. {missing[:3]}")
    if wrong:
        print(f"  {len(wrong)} plan fields not holding their last acknowledged value, e.g. {wrong[:3]}")
    print(f"  verified {len(acked)} acknowledged writes against {len(rows)} history rows")
    return len(missing) + len(wrong)


if __name__ == "__main__":
    sys.exit(main())
