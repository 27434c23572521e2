"""Joining indicator rows to parcels: by valid USCC, else exact name; land = Σ parcel mu."""

import pandas as pd
import pytest

from landplanner.analysis.indicators import build_enterprises, read_indicator_table, uscc_is_valid
from landplanner.problems import InputError

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def with_check(code17):
    """GB 32100-2015 check character, written out independently of the code under test."""
    total = sum(CHARS.index(c) * w for c, w in zip(code17, WEIGHTS, strict=True))
    check = 31 - total % 31
    return code17 + CHARS[0 if check == 31 else check]


A = with_check("91320602MA1MABCD1")
B = with_check("91320611MA2NXYCW3")
C = with_check("92320602MA3PQRTU5")


def test_check_character():
    assert uscc_is_valid("91350100M000100Y43")        # the example printed in GB 32100-2015
    assert uscc_is_valid(A) and uscc_is_valid(B)
    assert not uscc_is_valid(A[:17] + ("0" if A[17] != "0" else "1"))
    assert not uscc_is_valid(A[:17])
    assert not uscc_is_valid("91350100M000100YI3")   # I is not in the character set


def table(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    df, _ = read_indicator_table(path, year=2023)
    return df


def parcels(rows):
    return pd.DataFrame(rows, columns=["parcel_id", "uscc", "enterprise", "area_mu", "declared_mu"])


def test_land_is_the_sum_of_parcels_joined_on_the_code(tmp_path):
    df = table(tmp_path, f"统一社会信用代码,企业名称,用地面积(亩),税收\n{A},甲,99,10\n{B},乙,7,5\n")
    p = parcels([("P1", A, "甲公司旧名", 12.25, None), ("P2", A.lower(), None, 3.5, None),
                 ("P3", None, "丙", 2.0, None)])
    ent, problems = build_enterprises(p, df, 2023)
    a = ent.set_index("uscc").loc[A]
    assert a["land_mu"] == pytest.approx(15.75) and a["land_source"] == "parcels"
    assert a["parcel_count"] == 2 and a["match"] == "uscc"
    b = ent.set_index("uscc").loc[B]
    assert b["land_mu"] == 7 and b["land_source"] == "table" and b["parcel_count"] == 0
    codes = [p.code for p in problems]
    assert "ind_unmatched_row" in codes            # 乙 has no parcel
    assert "ind_unmatched_parcels" in codes        # 丙's parcel has no row


def test_invalid_code_is_reported_and_the_name_is_used(tmp_path):
    bad = A[:17] + ("0" if A[17] != "0" else "1")
    df = table(tmp_path, f"统一社会信用代码,企业名称,税收\n{bad},甲,10\n")
    p = parcels([("P1", None, "甲", 4.0, None), ("P2", None, "甲", None, 1.5)])
    ent, problems = build_enterprises(p, df, 2023)
    assert ent.loc[0, "land_mu"] == pytest.approx(5.5)   # 4 computed + 1.5 declared
    assert ent.loc[0, "match"] == "name"
    bad_rows = [p for p in problems if p.code == "ind_bad_uscc"]
    assert len(bad_rows) == 1 and bad_rows[0].feature == 2 and bad in bad_rows[0].message_zh


def test_duplicate_names_are_not_matched_by_name(tmp_path):
    df = table(tmp_path, "企业名称,税收,用地面积\n甲,1,3\n甲,2,4\n")
    ent, problems = build_enterprises(parcels([("P1", None, "甲", 9.0, None)]), df, 2023)
    assert ent["land_mu"].tolist() == [3, 4]
    assert any(p.code == "ind_ambiguous_name" for p in problems)


def test_duplicate_code_rows_keep_the_first(tmp_path):
    df = table(tmp_path, f"统一社会信用代码,企业名称,税收,用地面积\n{A},甲,1,3\n{A},甲,2,3\n")
    ent, problems = build_enterprises(None, df, 2023)
    assert len(ent) == 1 and ent.loc[0, "tax"] == 1
    assert any(p.code == "ind_duplicate" and "2, 3" in p.message_en for p in problems)


def test_year_is_chosen_and_an_absent_year_is_an_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(f"年度,统一社会信用代码,企业名称,税收,用地面积\n2022,{C},甲,1,3\n2023,{C},甲,2,3\n",
                    encoding="utf-8")
    df, _ = read_indicator_table(path)
    ent, _ = build_enterprises(None, df, 2022)
    assert ent["tax"].tolist() == [1]
    latest, _ = build_enterprises(None, df, None)
    assert latest["tax"].tolist() == [2]
    with pytest.raises(InputError) as err:
        build_enterprises(None, df, 2019)
    assert "2022, 2023" in err.value.problem.message_en


def test_enterprise_without_parcels_or_land_is_reported(tmp_path):
    df = table(tmp_path, "企业名称,税收\n甲,1\n")
    ent, problems = build_enterprises(None, df, 2023)
    assert pd.isna(ent.loc[0, "land_mu"])
    assert any(p.code == "ind_no_land" and p.feature == 2 for p in problems)


def test_adding_a_year_keeps_the_others_and_replaces_the_same_year(tmp_path):
    from landplanner.analysis.indicators import add_years

    def read(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return read_indicator_table(path)[0]

    old = read("a.csv", "年度,企业名称,税收\n2022,甲,1\n2023,甲,2\n")
    new = read("b.csv", "年度,企业名称,税收\n2023,甲,5\n2023,乙,6\n")
    combined, problems = add_years(old, new)
    assert combined[["year", "name", "tax"]].values.tolist() == [[2022, "甲", 1], [2023, "甲", 5],
                                                                 [2023, "乙", 6]]
    assert [p.code for p in problems] == ["ind_year_replaced"] and "2023" in problems[0].message_en
