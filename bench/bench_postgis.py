"""Load test of the shared PostGIS store: N clients edit random plans at once.

Starts a throwaway PostgreSQL + PostGIS server on 127.0.0.1 (durable: fsync on, every
acknowledged save waits for its commit to reach the disk), migrates the sample project into
it, and runs ``--clients`` clients (default 20) for ``--seconds`` (default 60). Each client has
its own connection and its own copy of the project, and behaves as the app does on a
workstation (:mod:`landplanner.ui.remote_watch`): it listens for other users' saves
(``postgis_store.Listener``, a thread and connection of its own) and takes them in with
``postgis_store.refresh`` 200 ms after the first announcement of a burst (and every 30 s
regardless). Between refreshes it edits: one field of a random plan set to a unique value,
then a save (only plans are compared: ``parts={"plans"}``). A conflict (the same field saved
by another client since this one last loaded or refreshed it) is resolved "keep mine" and
saved again, as a user would. Every save the store acknowledged is remembered.

Clients run as processes by default (``--run processes``): real clients are workstations,
each with its own CPU, not threads sharing one Python interpreter lock; ``--run threads``
runs them as threads of one process, as earlier versions of this bench did. All of them,
and the server, share this machine's cores, so the figures are a lower bound.

Prints edits/s, conflicts detected, refreshes, p50/p99 save latency, then verifies that no
acknowledged write was lost: each one is in the history table, and each plan field holds
the value of the last acknowledged write to it (by commit order in the history).

    PYTHONPATH=. python bench/bench_postgis.py [--clients 20] [--seconds 60] [--run processes]
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


class Follower:
    """What the app's remote watcher does (:class:`landplanner.ui.remote_watch.RemoteWatcher`):
    a listener thread gathering the announcements, a refresh of what they name 200 ms after
    the first since the last refresh, and a refresh of everything every ``PERIOD`` seconds."""

    DELAY = 0.2
    PERIOD = 30.0

    def __init__(self, location: str) -> None:
        self.due: float | None = None
        self.last = time.perf_counter()
        self.refreshes = self.taken = self.kept_local = 0
        self.seconds = 0.0  # spent refreshing
        self.cpu = 0.0  # of this thread's CPU time, refreshing
        self.hint = pg.ChangeHint()
        self.listener = pg.Listener(location, self._notified).start()

    def _notified(self, payload: dict) -> None:  # on the listener's thread
        self.hint.add(payload)
        if self.due is None:
            self.due = time.perf_counter() + self.DELAY

    def maybe_refresh(self, project) -> None:
        now = time.perf_counter()
        if now - self.last >= self.PERIOD:
            self.last = now
            self.due = None
            self.hint.take()
            self._refresh(project, None, now)
        elif self.due is not None and now >= self.due:
            self.due = None
            hint = self.hint.take()
            if hint is not None:
                self._refresh(project, hint, now)

    def _refresh(self, project, hint, began: float) -> None:
        cpu = time.thread_time()
        changes = pg.refresh(project, hint)
        self.cpu += time.thread_time() - cpu
        self.seconds += time.perf_counter() - began
        self.refreshes += 1
        self.taken += len(changes.plans) + len(changes.parcels)
        self.kept_local += changes.kept_local

    def stop(self) -> None:
        self.listener.stop()


def client(number: int, location: str, project, start: float, stop: float, out) -> None:
    """One client: edits and saves from ``start`` to ``stop`` (``time.time()``); puts its
    figures into ``out`` (a dict or a multiprocessing queue)."""
    rng = random.Random(number)
    acked, latencies, conflicts, errors = [], [], 0, 0
    failures = []
    count = 0
    follower = None
    ended = stop
    cpu = main_cpu = 0.0
    try:
        follower = Follower(location)
        pg.connect(location)  # the connection opened before the clock starts
        time.sleep(max(0.0, start - time.time()))
        cpu = time.process_time()
        main_cpu = time.thread_time()
        while time.time() < stop:
            follower.maybe_refresh(project)
            index = rng.randrange(len(project.plans))
            field_name = rng.choice(FIELDS)
            value = f"c{number:02d}-{count}"
            count += 1
            project.plans[index] = plans_mod.update(project.plans[index], f"client{number:02d}",
                                                    **{field_name: value})
            began = time.perf_counter()
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
            latencies.append(time.perf_counter() - began)
            acked.append((project.plans[index].id, field_name, value))
        ended = time.time()  # the last save may end after ``stop``: timed to its end
        cpu = time.process_time() - cpu
        main_cpu = time.thread_time() - main_cpu
    except Exception as exc:  # reported, never silent
        failures.append(f"client {number}: {type(exc).__name__}: {exc}")
    finally:
        if follower is not None:
            follower.stop()
        pg.close_connections()
        figures = (acked, latencies, conflicts, errors, failures,
                   (follower.refreshes, follower.taken, follower.kept_local) if follower else (0, 0, 0),
                   ended - start, cpu, follower.seconds if follower else 0.0,
                   main_cpu, follower.cpu if follower else 0.0)
        if isinstance(out, dict):
            out[number] = figures
        else:
            out.put((number, figures))


def run_clients(how: str, count: int, location: str, template, seconds: float) -> tuple[dict, float]:
    """Run ``count`` clients as processes or threads; returns their figures and the time."""
    start = time.time() + (3.0 if how == "processes" else 1.0) + 0.05 * count  # all connected
    stop = start + seconds
    if how == "threads":
        out: dict = {}
        workers = [threading.Thread(target=client, args=(n, location, client_project(template, n),
                                                         start, stop, out)) for n in range(count)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return out, max(max(f[6] for f in out.values()), seconds)
    import multiprocessing

    pg.close_connections()  # a forked child must not share this process's connections
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=client, args=(n, location, client_project(template, n),
                                                    start, stop, queue)) for n in range(count)]
    for w in workers:
        w.start()
    results = dict(queue.get() for _ in workers)  # before join: a full pipe would block a child
    for w in workers:
        w.join()
    return results, max(max(f[6] for f in results.values()), seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--project", default=str(REPO / "sample_parcels" / "sample_project.gpkg"))
    parser.add_argument("--run", choices=("processes", "threads"), default="processes",
                        help="clients as processes (workstations, the default) or threads of one process")
    parser.add_argument("--no-fsync", action="store_true", help="server without fsync (diagnosis only)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a server setting a bureau might use (commit_delay=20, wal_buffers=16MB); "
                             "printed with the figures")
    args = parser.parse_args(argv)

    if not throwaway_cluster.has_postgis():
        print("PostgreSQL with PostGIS is not installed; nothing measured")
        return 1
    settings = dict(item.split("=", 1) for item in args.set)
    cluster = throwaway_cluster.start(durable=not args.no_fsync, max_connections=2 * args.clients + 20,
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
        print(f"clients: {args.clients} {args.run}, each with its own connection, project copy and "
              "listener; refresh of what others' saves announced 200 ms after the first announcement")
        server_cpu = cluster_cpu(cluster)
        machine_cpu = busy_cpu()
        out, elapsed = run_clients(args.run, args.clients, location, template, args.seconds)
        figures = [out[n] for n in range(args.clients)]
        for failure in (f for fig in figures for f in fig[4]):
            print("FAILED", failure)
        acked = [w for fig in figures for w in fig[0]]
        latencies = sorted(x for fig in figures for x in fig[1])
        conflicts = sum(fig[2] for fig in figures)
        gave_up = sum(fig[3] for fig in figures)
        refreshes = sum(fig[5][0] for fig in figures)
        taken = sum(fig[5][1] for fig in figures)
        print(f"acknowledged edits: {len(acked)} in {elapsed:.1f} s = {len(acked) / elapsed:.1f} edits/s")
        print(f"conflicts detected (same field saved by two clients): {conflicts}; "
              f"edits given up after 10 conflicts: {gave_up}")
        print(f"refreshes: {refreshes} ({refreshes / elapsed / args.clients:.1f}/s per client), "
              f"other users' changes taken in: {taken}")
        if latencies:
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            print(f"save latency p50 {statistics.median(latencies) * 1000:.1f} ms, "
                  f"p99 {p99 * 1000:.1f} ms")
        machine_cpu = busy_cpu() - machine_cpu
        pg.close_connections()
        server_cpu = cluster_cpu(cluster) - server_cpu
        if args.run == "processes":
            client_cpu = sum(fig[7] for fig in figures)
            main_cpu = sum(fig[9] for fig in figures)
            refresh_cpu = sum(fig[10] for fig in figures)
            per_edit = 1000 / max(len(acked), 1)
            print(f"CPU: clients {client_cpu:.1f} s ({client_cpu * per_edit:.2f} ms per edit: editing and "
                  f"saving {(main_cpu - refresh_cpu) * per_edit:.2f}, refreshing {refresh_cpu * per_edit:.2f}, "
                  f"listening {(client_cpu - main_cpu) * per_edit:.2f}; refreshing "
                  f"{sum(fig[8] for fig in figures) / args.clients / elapsed:.0%} of their time), "
                  f"server {server_cpu:.1f} s ({server_cpu / max(len(acked), 1) * 1000:.2f} ms per edit), "
                  f"of {os.cpu_count() * elapsed:.0f} core-s; other processes on this machine used "
                  f"{max(0.0, machine_cpu - client_cpu - server_cpu):.1f} core-s meanwhile")
        lost = verify(location, acked, before)
        print(f"lost acknowledged writes: {lost}")
        return 0 if lost == 0 and not any(fig[4] for fig in figures) else 1
    finally:
        cluster.stop()


def busy_cpu() -> float:
    """CPU seconds all processes of this machine used so far (``/proc/stat``; nan elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        ticks = [int(x) for x in fields]
        return (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle, iowait
    except (OSError, ValueError, IndexError):
        return float("nan")


def cluster_cpu(cluster) -> float:
    """CPU seconds the server used so far (its postmaster and every backend that has ended)."""
    try:
        pid = (cluster.folder / "data" / "postmaster.pid").read_text().split()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


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
