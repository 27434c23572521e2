"""统一社会信用代码 check characters against real, published codes checked by hand."""

import pytest

from landplanner import uscc

# Real codes published on the national enterprise credit system (gsxt.gov.cn).
TENCENT = "9144030071526726XG"  # 深圳市腾讯计算机系统有限公司
HUAWEI = "914403001922038216"  # 华为技术有限公司

# Hand computation for TENCENT (values: digits as themselves, X = 29 in the charset):
#   9*1 + 1*3 + 4*9 + 4*27 + 0*19 + 3*26 + 0*16 + 0*17 + 7*20 + 1*29 + 5*25 + 2*13
#   + 6*8 + 7*24 + 2*10 + 6*30 + 29*28 = 1782;  1782 % 31 = 15;  31 - 15 = 16 -> 'G'.
# Its organisation code 71526726-X (GB 11714): 7*3+1*7+5*9+2*10+6*5+7*8+2*4+6*2 = 199,
#   199 % 11 = 1, 11 - 1 = 10 -> 'X'.
# HUAWEI: sum = 831, 831 % 31 = 25, 31 - 25 = 6 -> '6'; org 19220382: 164 % 11 = 10 -> '1'.


def test_real_codes_are_valid():
    assert uscc.is_valid(TENCENT)
    assert uscc.is_valid(HUAWEI)
    assert uscc.check_char(TENCENT[:17]) == "G"
    assert uscc.check_char(HUAWEI[:17]) == "6"


def test_embedded_org_code():
    assert uscc.org_check_char("71526726") == "X"
    assert uscc.org_check_char("19220382") == "1"
    assert uscc.org_code_valid(TENCENT)
    assert uscc.org_code_valid(HUAWEI)


def test_make_appends_check():
    assert uscc.make(TENCENT[:17]) == TENCENT
    assert uscc.make(" 91440300192203821 ") == HUAWEI


def test_check_31_becomes_zero():
    # A weighted sum that is a multiple of 31 gives 31 - 0 = 31, written '0'.
    # All zeros: sum 0 -> '0'.  '1' then zeros: sum 1 -> 31 - 1 = 30 -> 'Y'.
    assert uscc.check_char("0" * 17) == "0"
    assert uscc.is_valid("0" * 18)
    assert uscc.check_char("1" + "0" * 16) == "Y"


@pytest.mark.parametrize(
    "bad",
    [
        "9144030071526726XH",  # wrong check
        "9144030071526726X",  # 17 chars
        "9144030071526726XGG",  # 19 chars
        "9144030071526726IG",  # I is not in the charset
        "",
        None,
        float("nan"),
        12345,
    ],
)
def test_invalid_codes(bad):
    assert not uscc.is_valid(bad)


def test_case_and_spaces_ignored():
    assert uscc.is_valid("9144030071526726xg")
    assert uscc.is_valid(" 9144 0300 7152 6726 XG ")
    assert uscc.is_valid("９１４４０３００７１５２６７２６ＸＧ")  # full-width


def test_bad_characters_raise():
    with pytest.raises(ValueError):
        uscc.check_char("91440300715267I6X")
    with pytest.raises(ValueError):
        uscc.check_char("9144")


def test_every_single_character_error_is_caught():
    # The weights are all non-zero mod 31 and 31 is prime: any one changed character
    # changes the sum mod 31, so no single substitution keeps a code valid.
    for pos in range(17):
        for c in uscc.CHARSET:
            if c == TENCENT[pos]:
                continue
            changed = TENCENT[:pos] + c + TENCENT[pos + 1 :]
            assert not uscc.is_valid(changed), changed


def test_valid_mask_agrees_with_is_valid_code_by_code():
    import random

    import pandas as pd

    from landplanner import uscc

    rng = random.Random(7)
    codes = []
    for _ in range(500):
        body = "".join(rng.choice(uscc.CHARSET) for _ in range(17))
        last = uscc.check_char(body) if rng.random() < 0.5 else rng.choice(uscc.CHARSET)
        codes.append(body + last)
    codes += ["9144030071526726XG", "91440300192203821", "I144030071526726XG", None]
    series = pd.Series(codes, dtype="str")
    expected = [c is not None and uscc.is_valid(c) for c in codes]
    assert uscc.valid_mask(series).tolist() == expected
    assert 100 < sum(expected) < 400  # both outcomes are exercised
