"""The PostGIS store under load: every acknowledged save is durable; a save of one plan is one
round trip announcing its change; a save that changes nothing reaches no server; other users
take announced changes in without reading the rows, and end up with what reading gives."""

from __future__ import annotations

import json
import time

import psycopg
import pytest
from test_store_postgis import _plan_project, _two_users

from landplanner import store
from landplanner.analysis import plans as plans_mod
from landplanner.model.plan import Plan
from landplanner.problems import InputError
from landplanner.store import postgis_store as pg


def _record_commit_settings(pg_location) -> str:
    """A deferred trigger on the plans, run at COMMIT: it records the synchronous_commit the
    saving transaction commits with. Returns the table it writes to."""
    conninfo, schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE TABLE "{schema}".commit_log (setting text, tx bigint)')
        conn.execute(f"""CREATE FUNCTION "{schema}".log_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO "{schema}".commit_log VALUES (current_setting('synchronous_commit'), txid_current());
              RETURN NULL;
            END $$""")
        for table in ("lp_plans", "parcels"):
            conn.execute(f'CREATE CONSTRAINT TRIGGER log_commit AFTER UPDATE ON "{schema}".{table} '
                         f'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "{schema}".log_commit()')
    return f'"{schema}".commit_log'


def test_every_acknowledged_save_commits_waiting_for_the_disk(pg_location, monkeypatch):
    """A save's changes never share a transaction with the announcement that follows them
    (which commits with synchronous_commit off): one plan, several, a merge, parcels."""
    pg.close_connections()  # new ones, committing as a durable server does (the test one does not)
    monkeypatch.setenv("PGOPTIONS", "-c synchronous_commit=on")
    a, b = _two_users(pg_location)
    log = _record_commit_settings(pg_location)
    a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="一")  # one plan: one round trip
    pg.save_project(a, pg_location, parts={"plans"})
    a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="二")
    a.plans[1] = plans_mod.update(a.plans[1], "甲", notes="三")  # two plans
    pg.save_project(a, pg_location, parts={"plans"})
    b.plans[0] = plans_mod.update(b.plans[0], "乙", reason="另一字段")  # merged with a's
    assert pg.save_project(b, pg_location, parts={"plans"})
    b.parcels.loc[0, "enterprise"] = "改名"
    store.save_project(b, pg_location)  # parcels, whole-project save
    conninfo, _schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(f"SELECT setting, tx FROM {log}").fetchall()
    pg.close_connections()
    assert len({tx for _s, tx in rows}) == 4
    assert {setting for setting, _tx in rows} == {"on"}


def test_a_save_of_parcels_works_out_their_change_once(pg_location, monkeypatch):
    """Whether anything changed and which parcels did come from one comparison of the rows
    (hashing 100,000 of them costs ~0.1 s)."""
    _a, b = _two_users(pg_location)
    calls = []
    real = pg._changed_parcels
    monkeypatch.setattr(pg, "_changed_parcels", lambda *args: calls.append(1) or real(*args))
    b.parcels.loc[0, "enterprise"] = "改名"
    pg.save_project(b, pg_location, parts={"parcels"})
    assert len(calls) == 1
    assert store.open_project(pg_location).parcels.loc[0, "enterprise"] == "改名"


def _listen(pg_location):
    conninfo, _schema = pg.parse_location(pg_location)
    conn = psycopg.connect(conninfo, autocommit=True)
    conn.execute("LISTEN landplanner")
    return conn


def _heard(conn, wait: float = 0.5) -> list[dict]:
    return [json.loads(n.payload) for n in conn.notifies(timeout=wait, stop_after=100)]


def test_a_save_of_one_plan_announces_its_change_with_the_version_it_made(pg_location):
    a, b = _two_users(pg_location)
    listener = _listen(pg_location)
    try:
        a.plans[1] = plans_mod.update(a.plans[1], "甲", responsible_person="新人")
        pg.save_project(a, pg_location, parts={"plans"})
        (payload,) = _heard(listener)
        version, data = a.store_state.plans["PLAN-0002"]
        delta = payload["delta"]
        assert (payload["user"], payload["plans"], delta["key"], delta["v"]) == ("甲", ["PLAN-0002"], "PLAN-0002", version)
        assert delta["set"] == {"responsible_person": "新人"} and delta["add"] == data["history"][-1:]
        # a compare-and-set that finds the field changed meanwhile writes nothing, announces nothing
        b.plans[1] = plans_mod.update(b.plans[1], "乙", responsible_person="别人")
        with pytest.raises(pg.SaveConflict):
            pg.save_project(b, pg_location, parts={"plans"})
        assert _heard(listener) == []
    finally:
        listener.close()


class _NoServer:
    def __getattr__(self, name):
        raise AssertionError(f"a save that changes nothing used the connection ({name})")


def test_a_save_that_changes_nothing_reaches_no_server(pg_location, monkeypatch):
    a, _b = _two_users(pg_location)
    a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="改")
    pg.save_project(a, pg_location)
    listener = _listen(pg_location)
    try:
        monkeypatch.setattr(pg, "connect", lambda location: _NoServer())
        assert pg.save_project(a, pg_location) == []  # everything as saved
        assert pg.save_project(a, pg_location, parts={"plans"}) == []
        a.plans[0] = Plan.from_dict(a.plans[0].to_dict())  # rebuilt, the same values
        assert pg.save_project(a, pg_location, parts={"plans"}) == []
        monkeypatch.undo()
        assert _heard(listener, 0.3) == []
    finally:
        listener.close()


def _hint(conn) -> pg.ChangeHint:
    hint = pg.ChangeHint()
    for payload in _heard(conn):
        hint.add(payload)
    return hint


def test_announced_changes_are_taken_in_as_reading_the_rows_would(pg_location, monkeypatch):
    store.save_project(_plan_project(), pg_location)
    a = store.open_project(pg_location)
    a.store_state.user = "甲"
    follower = store.open_project(pg_location)
    listener = _listen(pg_location)
    try:
        a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="一", responsible_unit="单位")
        pg.save_project(a, pg_location, parts={"plans"})
        a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="二")
        pg.save_project(a, pg_location, parts={"plans"})
        hint = _hint(listener)
        assert set(hint.deltas) == {"PLAN-0001"} and not hint.plans
        read = []
        real = pg._with_history
        monkeypatch.setattr(pg, "_with_history", lambda *args: read.append(args[2]) or real(*args))
        changes = pg.refresh(follower, hint)
        assert read == [] and [c.key for c in changes.plans] == ["PLAN-0001"]  # no row read
        # two plans in one save, and a plan whose announcement was missed: read
        a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="三")
        a.plans[1] = plans_mod.update(a.plans[1], "甲", notes="四")
        pg.save_project(a, pg_location, parts={"plans"})
        _heard(listener)  # missed
        a.plans[1] = plans_mod.update(a.plans[1], "甲", reason="五")
        pg.save_project(a, pg_location, parts={"plans"})
        hint = _hint(listener)
        assert set(hint.deltas) == {"PLAN-0002"}
        pg.refresh(follower, hint)
        assert [sorted(r[0] for r in rows) for rows in read] == [["PLAN-0002"]]  # its change before was missed
        pg.refresh(follower)  # the periodic refresh of everything catches the missed PLAN-0001
    finally:
        listener.close()
    reference = store.open_project(pg_location)
    assert follower.plans == reference.plans == a.plans
    assert follower.store_state.plans == reference.store_state.plans
    # the follower's next save builds on what it took in
    follower.store_state.user = "乙"
    follower.plans[1] = plans_mod.update(follower.plans[1], "乙", responsible_person="赵")
    assert pg.save_project(follower, pg_location, parts={"plans"}) == []
    assert store.open_project(pg_location).plans == follower.plans


def test_a_plan_built_from_the_local_one_is_the_plan_read(pg_location):
    project = store.open_project(_sample_location(pg_location))
    old = project.plans[3]
    old_data = project.store_state.plans[pg._key_of(old, 3)][1]
    new = plans_mod.update(old, "甲", notes="新", responsible_unit="新单位", target_date="2027-01-01")
    data = json.loads(json.dumps(new.to_dict()))
    built = pg._plan_since(old, old_data, data)
    assert built == Plan.from_dict(data) == new
    assert built.history[:len(old.history)] == old.history


def _sample_location(pg_location):
    from test_store_postgis import SAMPLE

    store.save_project(store.open_project(SAMPLE), pg_location)
    return pg_location


def test_the_remote_watcher_refreshes_under_a_steady_stream_of_announcements(qtbot):
    """200 ms after the first announcement since the last refresh, however many follow (a
    timer restarted by each would never fire while others keep saving)."""
    from PySide6.QtCore import QObject

    from landplanner.ui.remote_watch import RemoteWatcher

    class Model(QObject):
        location = "postgresql://x/db?schema=s"
        hints: list = []

        def refresh_remote(self, hint=None):
            self.hints.append(hint)

    model = Model()
    watcher = RemoteWatcher(model, interval_ms=60_000)
    watcher.location = model.location
    watcher._hint = pg.ChangeHint()
    began = time.monotonic()
    while time.monotonic() - began < 1.0:  # an announcement every 20 ms for a second
        payload = {"schema": "s", "user": "甲", "plans": ["PLAN-0001"]}
        watcher._hint.add(payload)
        watcher.notified.emit(payload)
        qtbot.wait(20)
    qtbot.wait(250)
    assert len(model.hints) >= 4
    assert all(h is not None and h.plans == {"PLAN-0001"} for h in model.hints)


def test_a_plan_changed_as_announced_is_the_plan_read(pg_location):
    project = store.open_project(_sample_location(pg_location))
    old = project.plans[5]
    new = plans_mod.update(old, "甲", notes="新", target_date="2027-02-03", mu_to_free=3.5)
    data = json.loads(json.dumps(new.to_dict()))
    added = data["history"][len(old.history):]
    built = pg._plan_changed(old, data, {"notes", "target_date", "mu_to_free"}, added)
    assert built == Plan.from_dict(data) == new
    with pytest.raises(InputError):  # the same checks as a plan read
        pg._plan_changed(old, {**data, "status": "nonsense"}, {"status"}, [])
