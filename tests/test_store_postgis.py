"""The PostGIS store against a throwaway server: round trip, QGIS-readable layout, row-level
saves, conflicts and merges between two users, history written by the database, roles."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import psycopg
import pytest
import shapely
from conftest import REPO
from geopandas.testing import assert_geodataframe_equal
from pandas.testing import assert_frame_equal
from pyproj import CRS
from test_store_gpkg import _assert_same_geometry_bits, _parcels, _project

from landplanner import store
from landplanner.analysis import plans as plans_mod
from landplanner.model.plan import Plan
from landplanner.problems import InputError
from landplanner.store import postgis_store as pg
from landplanner.store.conflicts import Conflict

SAMPLE = REPO / "sample_parcels" / "sample_project.gpkg"


def _plan_project():
    project = _project()
    project.plans = [
        plans_mod.create("PLAN-0001", "张三", parcel_ids=["P000001"], method="self_upgrade",
                         responsible_person="王五", time="2026-01-02T03:04:05+00:00"),
        plans_mod.create("PLAN-0002", "张三", parcel_ids=["P000002"], responsible_person="赵六",
                         time="2026-01-02T03:04:05+00:00"),
    ]
    return project


def test_round_trip_gives_identical_project(pg_location):
    project = _project()
    project.assets = pd.DataFrame({"asset_id": ["A1", "A2"], "name": ["仓库", None], "area_mu": [3.5, float("nan")]})
    project.incoming = pd.DataFrame({"project": ["新能源"], "need_mu": [40.0]})
    project.snapshots = [{"id": "S1", "quarter": "2025Q1", "frozen_at": "2025-04-01", "rows": [{"park": "崇川", "mu": 1.5}]}]
    store.save_project(project, pg_location)
    back = store.open_project(pg_location)
    assert_frame_equal(back.assets, project.assets)
    assert_frame_equal(back.incoming, project.incoming)
    assert back.snapshots == project.snapshots
    # a changed side table is replaced on the next save
    back.assets.loc[1, "name"] = "厂房"
    store.save_project(back, pg_location)
    assert store.open_project(pg_location).assets.loc[1, "name"] == "厂房"
    assert_geodataframe_equal(back.parcels, project.parcels, check_like=False)
    _assert_same_geometry_bits(back.parcels.geometry, project.parcels.geometry)
    assert back.parcels.crs == CRS.from_epsg(4549)
    assert list(back.parcels.dtypes) == list(project.parcels.dtypes)
    assert_geodataframe_equal(back.parks, project.parks)
    assert_frame_equal(back.indicators, project.indicators)
    assert back.plans == project.plans
    assert all(type(p) is Plan for p in back.plans)
    conninfo, schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo) as conn:  # plans are Plan records, as in a GeoPackage: no kind
        keys = {r[0] for r in conn.execute(f'SELECT key FROM "{schema}".lp_meta')}
    assert "plans_kind" not in keys and "schema_version" in keys
    assert back.settings == project.settings
    assert back.field_mapping == project.field_mapping
    assert back.source == project.source
    assert store.is_project(pg_location)
    assert pg_location.split("?")[0] + "?schema=t_test_round_trip_gives_identical_project" in [
        loc.replace("%3F", "?") for loc in store.list_projects(pg_location)
    ]


def test_geometry_columns_are_postgis_in_the_project_crs_with_gist_index(pg_location):
    store.save_project(_project(), pg_location)
    conninfo, schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(
            "SELECT f_table_name, f_geometry_column, srid, type FROM geometry_columns "
            "WHERE f_table_schema = %s ORDER BY 1", (schema,)
        ).fetchall()
        # Polygons and MultiPolygons mixed: one MULTIPOLYGON layer (QGIS shows one layer, not two)
        assert rows == [("parcels", "geom", 4549, "MULTIPOLYGON"), ("parks", "geom", 4549, "MULTIPOLYGON")]
        indexes = conn.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = %s AND indexdef LIKE '%%gist%%'",
            (schema,),
        ).fetchall()
        assert {t for t, _ in indexes} == {"parcels", "parks"}
        # What QGIS/GDAL read: plain columns and WKB geometry, same parcels as the project.
        got = conn.execute(
            f'SELECT parcel_id, "备注", ST_AsBinary(geom) FROM "{schema}".parcels ORDER BY lp_fid'
        ).fetchall()
    expected = _parcels()
    assert [r[0] for r in got] == list(expected["parcel_id"])
    assert [r[1] for r in got] == [None if pd.isna(v) else v for v in expected["备注"]]
    geoms = shapely.from_wkb([None if r[2] is None else bytes(r[2]) for r in got])
    # single polygons are stored as one-part multipolygons (the project reads them back as they were)
    promoted = [shapely.MultiPolygon([g]) if g is not None and g.geom_type == "Polygon" else g
                for g in expected.geometry]
    assert list(shapely.to_wkb(geoms)) == list(shapely.to_wkb(promoted))
    assert [g.geom_type for g in geoms if g is not None] == ["MultiPolygon"] * 3


def test_sample_project_migrates_up_and_back_down_with_nothing_lost(pg_location, tmp_path):
    from landplanner.cli import main

    original = store.open_project(SAMPLE)
    assert main(["migrate", str(SAMPLE), pg_location]) == 0
    up = store.open_project(pg_location)
    down_path = tmp_path / "back.gpkg"
    assert main(["migrate", pg_location, str(down_path)]) == 0
    down = store.open_project(down_path)
    for back in (up, down):
        assert_geodataframe_equal(back.parcels, original.parcels)
        _assert_same_geometry_bits(back.parcels.geometry, original.parcels.geometry)
        assert_geodataframe_equal(back.parks, original.parks)
        assert_frame_equal(back.indicators, original.indicators)
        assert back.plans == original.plans
        assert [p.history for p in back.plans] == [p.history for p in original.plans]
        assert back.settings == original.settings
        assert back.field_mapping == original.field_mapping
        assert back.source == original.source
        assert_frame_equal(back.assets, original.assets)
        assert_frame_equal(back.incoming, original.incoming)
        assert back.snapshots == original.snapshots


def test_save_writes_only_changed_rows_in_one_transaction(pg_location):
    project = _plan_project()
    store.save_project(project, pg_location)
    mine = store.open_project(pg_location)
    mine.parcels.loc[1, "备注"] = "已核实"
    mine.plans[0] = plans_mod.update(mine.plans[0], "李四", responsible_person="钱七")
    store.save_project(mine, pg_location)
    rows = pg.history(pg_location)
    changed = [(r["table"], r["key"], r["field"], r["new"]) for r in rows if r["op"] == "UPDATE"]
    assert changed == [("parcels", "1", "备注", "已核实"), ("lp_plans", "PLAN-0001", "responsible_person", "钱七")]
    assert {r["user"] for r in rows if r["op"] == "UPDATE"} == {pg.app_user()}
    back = store.open_project(pg_location)
    assert back.parcels.loc[1, "备注"] == "已核实"
    assert back.plans[0].responsible_person == "钱七"
    assert back.plans[1] == project.plans[1]


def _two_users(pg_location):
    store.save_project(_plan_project(), pg_location)
    a = store.open_project(pg_location)
    b = store.open_project(pg_location)
    a.store_state.user = "甲"
    b.store_state.user = "乙"
    return a, b


def test_second_save_of_the_same_field_is_a_conflict_saying_who_changed_what(pg_location):
    a, b = _two_users(pg_location)
    a.plans[0] = plans_mod.update(a.plans[0], "甲", responsible_person="张A")
    store.save_project(a, pg_location)
    b.plans[0] = plans_mod.update(b.plans[0], "乙", responsible_person="李B")
    with pytest.raises(pg.SaveConflict) as caught:
        store.save_project(b, pg_location)
    [conflict] = caught.value.conflicts
    assert isinstance(conflict, Conflict)
    assert (conflict.field, conflict.theirs, conflict.mine, conflict.their_user) == (
        "responsible_person", "张A", "李B", "甲")
    text = conflict.message(lang="zh")
    assert text.startswith("甲 于 ") and "将 方案 PLAN-0001 的 责任人 改为 “张A”；您改为 “李B”" in text
    # nothing of b's save was written
    assert store.open_project(pg_location).plans[0].responsible_person == "张A"
    # keep mine: the next save overwrites theirs, knowingly
    pg.resolve(b, caught.value, {}, default="mine")
    store.save_project(b, pg_location)
    assert store.open_project(pg_location).plans[0].responsible_person == "李B"


def test_take_theirs_adopts_the_other_value(pg_location):
    a, b = _two_users(pg_location)
    a.plans[0] = plans_mod.update(a.plans[0], "甲", responsible_person="张A")
    store.save_project(a, pg_location)
    b.plans[0] = plans_mod.update(b.plans[0], "乙", responsible_person="李B", notes="乙的备注")
    with pytest.raises(pg.SaveConflict) as caught:
        store.save_project(b, pg_location)
    pg.resolve(b, caught.value, {("plans", "PLAN-0001", "responsible_person"): "theirs"})
    assert b.plans[0].responsible_person == "张A"
    store.save_project(b, pg_location)
    back = store.open_project(pg_location).plans[0]
    assert (back.responsible_person, back.notes) == ("张A", "乙的备注")


def test_edits_to_different_fields_of_one_record_merge_without_conflict(pg_location):
    a, b = _two_users(pg_location)
    a.plans[0] = plans_mod.update(a.plans[0], "甲", responsible_person="张A")
    a.parcels.loc[0, "备注"] = "甲改"
    store.save_project(a, pg_location)
    b.plans[0] = plans_mod.update(b.plans[0], "乙", notes="乙写")
    b.parcels.loc[0, "category"] = "other"
    adopted = store.store_for(pg_location).save(b, pg_location)
    # b now shows a's change too, without a conflict
    assert [(x.table, x.key) for x in adopted] == [("parcels", "0"), ("plans", "PLAN-0001")]
    assert b.plans[0].responsible_person == "张A" and b.parcels.loc[0, "备注"] == "甲改"
    back = store.open_project(pg_location)
    assert (back.plans[0].responsible_person, back.plans[0].notes) == ("张A", "乙写")
    assert (back.parcels.loc[0, "备注"], back.parcels.loc[0, "category"]) == ("甲改", "other")
    # both users' own history entries are kept
    authors = [h["author"] for h in back.plans[0].history]
    assert "甲" in authors and "乙" in authors


def test_other_users_changes_arrive_by_refresh(pg_location):
    a, b = _two_users(pg_location)
    a.plans[1] = plans_mod.update(a.plans[1], "甲", notes="新")
    a.parcels.loc[2, "备注"] = "远程"
    store.save_project(a, pg_location)
    changes = pg.refresh(b)
    assert [c.key for c in changes.plans] == ["PLAN-0002"]
    assert b.plans[1].notes == "新"
    assert b.parcels.loc[2, "备注"] == "远程"
    # after the refresh, b's own edit of the same plan saves without conflict
    b.plans[1] = plans_mod.update(b.plans[1], "乙", notes="再改")
    store.save_project(b, pg_location)


def test_history_is_written_by_the_database_for_edits_from_psql(pg_location):
    store.save_project(_plan_project(), pg_location)
    conninfo, schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo) as conn:
        conn.execute(
            f"""UPDATE "{schema}".lp_plans SET data = jsonb_set(data, '{{responsible_person}}', '"外部"')
            WHERE id = 'PLAN-0002'"""
        )
    rows = [r for r in pg.history(pg_location, "plans", "PLAN-0002") if r["op"] == "UPDATE"]
    assert [(r["field"], r["old"], r["new"], r["user"]) for r in rows] == [
        ("responsible_person", "赵六", "外部", "lp_super")]
    plan = store.open_project(pg_location).plans[1]
    assert plan.responsible_person == "外部"
    assert plan.history[-1]["field"] == "responsible_person" and plan.history[-1]["author"] == "lp_super"


def _login(pg_cluster, name, *grants):
    with psycopg.connect(pg_cluster.dsn("lp_test"), autocommit=True) as conn:
        conn.execute(f'DROP ROLE IF EXISTS "{name}"')
        conn.execute(f'CREATE ROLE "{name}" LOGIN')


def test_roles_are_enforced_by_the_database(pg_cluster, pg_location):
    store.save_project(_plan_project(), pg_location)
    conninfo, schema = pg.parse_location(pg_location)
    for name in ("lp_view", "lp_edit_cc", "lp_boss"):
        _login(pg_cluster, name)
    pg.grant(pg_location, "lp_view", "viewer")
    pg.grant(pg_location, "lp_edit_cc", "editor", parks=["崇川经济开发区"])
    pg.grant(pg_location, "lp_boss", "admin")
    as_user = {n: pg_cluster.dsn("lp_test", user=n) for n in ("lp_view", "lp_edit_cc", "lp_boss")}

    with psycopg.connect(as_user["lp_view"]) as conn:  # viewer: reads, never writes
        assert conn.execute(f'SELECT count(*) FROM "{schema}".parcels').fetchone()[0] == 4
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"""UPDATE "{schema}".lp_plans SET status = 'closed'""")
    with psycopg.connect(as_user["lp_edit_cc"]) as conn:  # editor of 崇川 only
        done = conn.execute(f"""UPDATE "{schema}".parcels SET "备注" = 'x' RETURNING park""").fetchall()
        assert done == [("崇川经济开发区",)]
        done = conn.execute(f"""UPDATE "{schema}".lp_plans SET status = 'in_progress' RETURNING id""").fetchall()
        assert done == [("PLAN-0001",)]  # PLAN-0002 is in 港闸 and stays untouched
        # settings are the administrator's: row-level security lets no row through
        assert conn.execute(f"""UPDATE "{schema}".lp_settings SET value = '1' WHERE key = 'year'""").rowcount == 0
    with psycopg.connect(as_user["lp_edit_cc"]) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"""DELETE FROM "{schema}".lp_history""")
    with psycopg.connect(as_user["lp_boss"]) as conn:  # admin: settings and targets
        conn.execute(f"""UPDATE "{schema}".lp_settings SET value = '2027' WHERE key = 'year'""")
    # the app maps a refused save to a plain message, and writes nothing
    viewer_location = as_user["lp_view"] + f"?schema={schema}"
    project = store.open_project(viewer_location)
    project.plans[0] = plans_mod.update(project.plans[0], "看客", notes="不许")
    with pytest.raises(InputError) as caught:
        store.save_project(project, viewer_location)
    assert caught.value.problem.code == "pg.denied"


def test_unreachable_server_and_missing_project_give_plain_messages(pg_cluster, pg_location):
    with pytest.raises(InputError) as caught:
        store.open_project(pg_location)
    assert caught.value.problem.code == "pg.not_project"
    with pytest.raises(InputError) as caught:
        store.open_project("postgresql://nobody:secret@127.0.0.1:1/none?schema=x")
    problem = caught.value.problem
    assert problem.code == "pg.connect_failed" and "secret" not in problem.message_zh + problem.message_en


def test_saving_to_a_schema_that_holds_someone_elses_project_is_refused(pg_location):
    store.save_project(_project(), pg_location)
    with pytest.raises(InputError) as caught:
        store.save_project(_project(), pg_location)
    assert caught.value.problem.code == "pg.exists"


def test_locations_never_keep_passwords():
    loc = "postgresql://ann:s3cret@db.bureau:5433/land?schema=cc&password=x"
    assert "s3cret" not in pg.strip_password(loc) and "password" not in pg.strip_password(loc)
    assert "s3cret" not in store.redact(loc)
    assert pg.parse_location("postgresql://ann@h/db?schema=cc") == ("postgresql://ann@h/db", "cc")
    assert store.display_name("postgresql://ann:s3cret@h:5/db?schema=cc") == "cc @ db (h)"
    assert pg.make_location("h", 5432, "land", "ann", "cc") == "postgresql://ann@h:5432/land?schema=cc"


def test_conflict_message_in_english_and_time_format():
    when = dt.datetime(2026, 11, 27, 10, 42, tzinfo=dt.UTC)
    c = Conflict("plans", "P-1", "responsible_person", "a", "B", "A", "ann", when, "P-1")
    text = c.message(lang="en", now=when.astimezone())
    assert text == f"ann changed responsible person of plan P-1 to 'A' at {when.astimezone():%H:%M}; you changed it to 'B'"


def test_conflict_field_names_come_from_the_one_vocabulary():
    from dataclasses import fields

    from landplanner import messages, vocabulary
    from landplanner.model.plan import Plan

    for f in fields(Plan):
        if f.name == "history":  # merged by union, never a conflict
            continue
        conflict = Conflict("plans", "P-1", f.name, None, "a", "b")
        for lang in ("zh", "en"):
            assert conflict.field_label(lang) == vocabulary.label("plan_field", f.name, lang) != f.name
    assert Conflict("parcels", "3", "park", None, "a", "b").field_label("zh") == vocabulary.label("field", "park", "zh")
    assert Conflict("parcels", "3", "备注", None, "a", "b").field_label("en") == "备注"
    assert not [k for k in messages._CATALOGUE if k.startswith("plans.field.")]  # no second catalogue


def test_a_geopackage_on_a_network_share_gets_a_warning_naming_postgis(tmp_path, monkeypatch):
    from landplanner.store import gpkg_store

    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "//fileserver/规划科 /mnt/share cifs rw,vers=3.0 0 0\n"
        "nas:/export /mnt/nfs nfs4 rw 0 0\n"
    )
    assert gpkg_store.network_share_kind("/mnt/share/项目.gpkg", mounts) == "cifs"
    assert gpkg_store.network_share_kind("/mnt/nfs/a/p.gpkg", mounts) == "nfs4"
    assert gpkg_store.network_share_kind("/home/u/p.gpkg", mounts) is None
    assert gpkg_store.network_share_kind(r"\\fileserver\规划科\项目.gpkg") == "UNC"
    # opening through the store adds the warning to the project's problems
    path = tmp_path / "p.gpkg"
    store.save_project(_project(), path)
    monkeypatch.setattr(gpkg_store, "network_share_kind", lambda p, mounts=None: "cifs")
    problems = store.open_project(path).problems
    [warning] = [p for p in problems if p.code == "store.network_share"]
    assert warning.severity == "warning"
    assert "PostGIS" in warning.message_zh and "损坏" in warning.message_zh
    assert "PostGIS" in warning.message_en and "corrupted" in warning.message_en
    # the local file of this test is not on a share
    monkeypatch.undo()
    assert not [p for p in store.open_project(path).problems if p.code == "store.network_share"]


def test_a_park_editor_saving_another_parks_plan_is_refused_in_plain_words(pg_cluster, pg_location):
    store.save_project(_plan_project(), pg_location)
    _conninfo, schema = pg.parse_location(pg_location)
    _login(pg_cluster, "lp_edit_gz")
    pg.grant(pg_location, "lp_edit_gz", "editor", parks=["港闸经济开发区"])
    location = pg_cluster.dsn("lp_test", user="lp_edit_gz") + f"?schema={schema}"
    project = store.open_project(location)
    project.plans[1] = plans_mod.update(project.plans[1], "港闸", notes="本园区")  # 港闸: allowed
    store.save_project(project, location)
    project.plans[0] = plans_mod.update(project.plans[0], "港闸", notes="别人的")  # 崇川: refused
    with pytest.raises(InputError) as caught:
        store.save_project(project, location)
    assert caught.value.problem.code == "pg.denied"
    back = store.open_project(pg_location)
    assert (back.plans[0].notes, back.plans[1].notes) == ("", "本园区")


def test_a_psql_edit_reaches_an_open_project_with_its_history(pg_location):
    store.save_project(_plan_project(), pg_location)
    project = store.open_project(pg_location)
    conninfo, schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo) as conn:
        conn.execute(
            f"""UPDATE "{schema}".lp_plans SET data = jsonb_set(data, '{{notes}}', '"QGIS 里改的"')
            WHERE id = 'PLAN-0001'"""
        )
    changes = pg.refresh(project)
    assert [c.key for c in changes.plans] == ["PLAN-0001"]
    plan = project.plans[0]
    assert plan.notes == "QGIS 里改的"
    assert plan.history[-1]["field"] == "notes" and plan.history[-1]["source"] == "database"
    # nothing local to save afterwards: the refreshed plan is the new base
    store.save_project(project, pg_location)
    assert len([r for r in pg.history(pg_location) if r["op"] == "UPDATE"]) == 1


def test_landplanner_open_shows_a_database_project(pg_location, tmp_path):
    import os
    import subprocess
    import sys

    store.save_project(store.open_project(SAMPLE), pg_location)
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-m", "landplanner", "open", pg_location, "--screenshot", str(out),
         "--size", "1100x700"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
    out.replace("/tmp/lp_open_postgis.png") if os.access("/tmp", os.W_OK) else None


def test_migrate_refuses_to_overwrite_and_speaks_plainly(pg_location, tmp_path, capsys):
    from landplanner.cli import main

    store.save_project(_project(), pg_location)
    assert main(["migrate", str(SAMPLE), pg_location]) == 2
    assert "已有项目" in capsys.readouterr().err
    assert main(["migrate", str(tmp_path / "none.gpkg"), str(tmp_path / "x.gpkg")]) == 2
    assert "找不到项目文件" in capsys.readouterr().err


@pytest.fixture
def cluster_without_roles():
    """A cluster of its own: the landplanner roles are cluster-wide and the shared one has them."""
    from landplanner.store import throwaway_cluster

    if not throwaway_cluster.has_postgis():
        pytest.skip("PostgreSQL with PostGIS is not installed")
    cluster = throwaway_cluster.start()
    try:
        cluster.create_database("own")
        yield cluster
    finally:
        cluster.stop()


def test_migrate_by_a_schema_owner_without_createrole_works_and_says_what_the_admin_must_do(
        cluster_without_roles, tmp_path, capsys):
    from landplanner.cli import main

    cluster = cluster_without_roles
    with psycopg.connect(cluster.dsn("own"), autocommit=True) as conn:
        conn.execute("CREATE ROLE lp_owner LOGIN")  # no CREATEROLE
        conn.execute('GRANT CREATE ON DATABASE "own" TO lp_owner')
        conn.execute("CREATE ROLE lp_reader LOGIN")
    src = tmp_path / "p.gpkg"
    store.save_project(_plan_project(), src)
    location = cluster.dsn("own", user="lp_owner") + "?schema=cc"
    assert main(["migrate", str(src), location]) == 0
    err = capsys.readouterr().err
    assert "CREATEROLE" in err and pg.ROLES_SQL in err and "管理员" in err

    def roles() -> int:
        with psycopg.connect(cluster.dsn("own"), autocommit=True) as conn:
            return conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'landplanner%'").fetchone()[0]

    assert roles() == 0
    # the owner works with it as usual, with history
    project = store.open_project(location)
    assert project.store_state.roles_pending
    project.plans[0] = plans_mod.update(project.plans[0], "甲", notes="先用着")
    store.save_project(project, location)
    assert [r["new"] for r in pg.history(location, "plans") if r["op"] == "UPDATE"] == ["先用着"]
    # the separate admin step: the SQL of the message; the owner's next save sets the rights
    with psycopg.connect(cluster.dsn("own"), autocommit=True) as conn:
        conn.execute(pg.ROLES_SQL)
    project.plans[1] = plans_mod.update(project.plans[1], "甲", notes="再保存")
    store.save_project(project, location)
    assert not project.store_state.roles_pending
    assert not store.open_project(location).store_state.roles_pending
    pg.grant(cluster.dsn("own") + "?schema=cc", "lp_reader", "viewer")  # admin's step, too
    with psycopg.connect(cluster.dsn("own", user="lp_reader")) as conn:
        assert conn.execute("SELECT count(*) FROM cc.lp_plans").fetchone()[0] == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE cc.lp_plans SET status = 'closed'")


def test_a_plans_stored_form_built_from_its_base_is_its_to_dict():
    import random
    from dataclasses import replace

    from landplanner.model.plan import Milestone

    rng = random.Random(7)
    plan = _plan_project().plans[0]
    base, base_data = plan, plan.to_dict()
    for step in range(60):
        field_name = rng.choice(["notes", "responsible_person", "status", "target_date", "mu_to_free",
                                 "milestones", "parcel_ids", "method"])
        value = {
            "notes": f"第{step}次", "responsible_person": rng.choice(["王五", "赵六"]),
            "status": rng.choice(["not_started", "in_progress"]),
            "target_date": dt.date(2026, 1 + step % 12, 1), "mu_to_free": step / 3,
            "milestones": (Milestone(f"节点{step}", dt.date(2026, 5, 1)),),
            "parcel_ids": ["P000001", f"P00000{step % 9}"], "method": "self_upgrade",
        }[field_name]
        new = plans_mod.update(base, "甲", **{field_name: value})
        assert pg._plan_data_since(new, base, base_data) == new.to_dict()
        if step % 5 == 0:  # a history rewritten, not appended to: converted afresh
            odd = replace(new, history=tuple(reversed(new.history)))
            assert pg._plan_data_since(odd, base, base_data) == odd.to_dict()
        base, base_data = new, pg._plan_data_since(new, base, base_data)


def test_polygons_and_multipolygons_are_one_multipolygon_layer_read_back_as_they_were(pg_location):
    project = _project()
    store.save_project(project, pg_location)
    back = store.open_project(pg_location)
    assert list(back.parcels.geom_type.fillna("-")) == ["Polygon", "MultiPolygon", "-", "Polygon"]
    _assert_same_geometry_bits(back.parcels.geometry, project.parcels.geometry)
    # an administrator's geometry edits: a polygon stays one, a polygon split in two becomes a
    # multipolygon, a multipolygon merged into one part becomes a polygon
    column = back.parcels.geometry.name
    moved = shapely.affinity.translate(back.parcels.geometry.iloc[0], 5.0, 0.0)
    split = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)])
    merged = shapely.box(0, 0, 9, 9)
    back.parcels.loc[0, column] = moved
    back.parcels.loc[3, column] = split
    back.parcels.loc[1, column] = merged
    store.save_project(back, pg_location)
    again = store.open_project(pg_location)
    assert [g.wkb for g in again.parcels.geometry.iloc[[0, 1, 3]]] == [moved.wkb, merged.wkb, split.wkb]
    conninfo, schema = pg.parse_location(pg_location)
    with psycopg.connect(conninfo) as conn:  # in the table (what QGIS reads) all are multipolygons
        kinds = conn.execute(f'SELECT DISTINCT ST_GeometryType(geom) FROM "{schema}".parcels '
                             "WHERE geom IS NOT NULL").fetchall()
    assert kinds == [("ST_MultiPolygon",)]


def test_an_edit_meeting_anothers_edit_of_other_fields_merges_in_the_database(pg_location, monkeypatch):
    """No lock-and-read round trips for the usual meeting of two edits: the UPDATE itself writes
    this user's fields onto the row as it is now and hands back the other user's."""
    a, b = _two_users(pg_location)
    a.plans[0] = plans_mod.update(a.plans[0], "甲", responsible_person="张A", notes="甲注")
    store.save_project(a, pg_location)
    locked = []
    real = pg._plan_changed_meanwhile
    monkeypatch.setattr(pg, "_plan_changed_meanwhile", lambda *args: locked.append(args[6]) or real(*args))
    b.plans[0] = plans_mod.update(b.plans[0], "乙", method="swap", responsible_unit="乙单位")
    adopted = pg.save_project(b, pg_location, parts={"plans"})
    assert locked == [] and [x.key for x in adopted] == ["PLAN-0001"]
    mine = b.plans[0]
    assert (mine.responsible_person, mine.notes, mine.method, mine.responsible_unit) == ("张A", "甲注", "swap", "乙单位")
    assert [h["author"] for h in mine.history][-4:] == ["甲", "甲", "乙", "乙"]
    back = store.open_project(pg_location).plans[0]
    assert back == mine
    # the same field: the row is locked and the conflict reported, nothing written
    a = store.open_project(pg_location)
    a.store_state.user = "甲"
    a.plans[0] = plans_mod.update(a.plans[0], "甲", notes="甲又改")
    store.save_project(a, pg_location)
    b.plans[0] = plans_mod.update(b.plans[0], "乙", notes="乙也改")
    with pytest.raises(pg.SaveConflict):
        pg.save_project(b, pg_location, parts={"plans"})
    assert locked == ["PLAN-0001"]
    assert store.open_project(pg_location).plans[0].notes == "甲又改"


def test_the_load_bench_runs_briefly_and_loses_no_acknowledged_write(pg_cluster, capsys):
    """Several clients at once through the pipelined, field-merging saves: every acknowledged
    write is in the table and in the history (the bench's own check), with conflicts met."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_postgis", REPO / "bench" / "bench_postgis.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--clients", "4", "--seconds", "2", "--run", "threads"]) == 0
    out = capsys.readouterr().out
    assert "lost acknowledged writes: 0" in out and "synchronous_commit=on" in out and "refreshes: " in out
    acked = int(out.split("acknowledged edits: ")[1].split()[0])
    assert acked > 0


def test_a_save_of_several_parcels_writes_all_of_them_and_merges_the_one_changed_meanwhile(pg_location):
    a, b = _two_users(pg_location)
    a.parcels.loc[2, "category"] = "idle"
    store.save_project(a, pg_location)
    for row, text in ((0, "一"), (2, "三"), (3, "四")):
        b.parcels.loc[row, "备注"] = text
    adopted = store.store_for(pg_location).save(b, pg_location)
    assert [(x.table, x.key) for x in adopted] == [("parcels", "2")]
    back = store.open_project(pg_location)
    assert list(back.parcels["备注"].iloc[[0, 2, 3]]) == ["一", "三", "四"]
    assert back.parcels.loc[2, "category"] == "idle" and b.parcels.loc[2, "category"] == "idle"
    edits = [(r["key"], r["field"]) for r in pg.history(pg_location, "parcels") if r["op"] == "UPDATE"]
    assert edits[0] == ("2", "category") and sorted(edits[1:]) == [("0", "备注"), ("2", "备注"), ("3", "备注")]


def _gdal_with_postgres() -> str | None:
    import shutil
    import subprocess

    ogr2ogr = shutil.which("ogr2ogr")
    if not ogr2ogr:
        return None
    formats = subprocess.run([ogr2ogr, "--formats"], capture_output=True, text=True).stdout
    return ogr2ogr if "PostgreSQL" in formats else None


@pytest.mark.skipif(_gdal_with_postgres() is None, reason="GDAL's ogr2ogr with its PostgreSQL driver is not installed")
def test_gdal_reads_the_migrated_sample_as_the_same_parcels(pg_location, tmp_path):
    """What QGIS does through GDAL/OGR: its PostgreSQL driver reads the migrated sample's
    parcels layer (GDAL's own reader, not ours) and gets the sample's parcels, ids and shapes."""
    import subprocess

    import pyogrio

    from landplanner.cli import main

    assert main(["migrate", str(SAMPLE), pg_location]) == 0
    conninfo, schema = pg.parse_location(pg_location)
    out = tmp_path / "from_pg.gpkg"
    gdal_conninfo = " ".join(  # key=value, as GDAL's PG: takes it
        f"{k}={v}" for k, v in psycopg.conninfo.conninfo_to_dict(conninfo).items())
    done = subprocess.run([_gdal_with_postgres(), "-f", "GPKG", str(out),
                           f"PG:{gdal_conninfo} schemas={schema}", "parcels"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    read = pyogrio.read_dataframe(out)
    original = store.open_project(SAMPLE).parcels
    assert len(read) == len(original) == 2360
    assert list(read["parcel_id"]) == list(original["parcel_id"])
    assert read.crs.to_epsg() == original.crs.to_epsg()
    diff = shapely.symmetric_difference(read.geometry.values, original.geometry.values)
    assert float(shapely.area(diff).max()) < 1e-6
