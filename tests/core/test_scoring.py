"""The scoring rules of a commune evaluation index (xaso.core.scoring): rules as people type them in a spreadsheet
cell, the points figures earn, and the rules refused with the reason."""

from decimal import Decimal as D

import pytest

from xaso.core.scoring import COUNT, MANUAL, RATIO, YES_NO, Figures, Rule, RuleError, parse, parse_for

# (as typed, kind, canonical text)
READ = [
    ("có/không", YES_NO, "có/không"),
    ("Có / Không", YES_NO, "có/không"),
    ("chấm điểm", MANUAL, "chấm điểm"),
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", RATIO, "tỷ lệ: ≥90→10; ≥70→5; khác→0"),
    ("Tỷ lệ: >=90 -> 10; >= 70 -> 5; khác -> 0", RATIO, "tỷ lệ: ≥90→10; ≥70→5; khác→0"),
    ("tỷ lệ: ≥92,5→3; ≥50%→1,5", RATIO, "tỷ lệ: ≥92,5→3; ≥50→1,5; khác→0"),
    ("tỷ lệ: tuyến tính đến 80", RATIO, "tỷ lệ: tuyến tính đến 80"),
    ("số lượng: ≥5→4; ≥3→2; ≥1→1; còn lại→0", COUNT, "số lượng: ≥5→4; ≥3→2; ≥1→1; khác→0"),
    ("số lượng: tuyến tính 10", COUNT, "số lượng: tuyến tính đến 10"),
]


@pytest.mark.parametrize("typed, kind, text", READ)
def test_a_rule_is_read_and_written_back(typed, kind, text):
    rule = parse(typed)
    assert rule.kind == kind
    assert rule.text == text
    assert parse(rule.text) == rule


# (rule, maximum, figures, points)
SCORES = [
    ("có/không", 2, Figures(yes=True), D("2")),
    ("có/không", 2, Figures(yes=False), D("0")),
    ("có/không", 2, Figures(), None),
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", 10, Figures(value=D("90")), D("10")),
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", 10, Figures(value=D("89.99")), D("5")),
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", 10, Figures(value=D("69")), D("0")),
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", 10, Figures(numerator=D("1710"), denominator=D("1900")), D("10")),  # 90%
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", 10, Figures(numerator=D("1700"), denominator=D("1900")), D("5")),  # 89,5%
    ("tỷ lệ: ≥90→10; ≥70→5; khác→0", 10, Figures(), None),
    ("tỷ lệ: tuyến tính đến 80", 3, Figures(value=D("40")), D("1.50")),
    ("tỷ lệ: tuyến tính đến 80", 3, Figures(value=D("95")), D("3")),
    ("tỷ lệ: tuyến tính đến 80", 3, Figures(numerator=D("1"), denominator=D("3")), D("1.25")),  # 33,3%: 1,25
    ("số lượng: ≥5→4; ≥3→2; ≥1→1; khác→0", 4, Figures(value=D("3")), D("2")),
    ("số lượng: ≥5→4; ≥3→2; ≥1→1; khác→0", 4, Figures(value=D("0")), D("0")),
    ("số lượng: ≥5→4; ≥3→2; ≥1→1; khác→0", 4, Figures(value=D("12")), D("4")),
    ("số lượng: tuyến tính đến 10", 2, Figures(value=D("4")), D("0.80")),
    ("chấm điểm", 5, Figures(value=D("3.5")), D("3.50")),
    ("chấm điểm", 5, Figures(value=D("9")), D("5")),
]


@pytest.mark.parametrize("text, maximum, figures, points", SCORES)
def test_figures_earn_points(text, maximum, figures, points):
    assert parse_for(text, D(maximum)).score(figures, D(maximum)) == points


# (as typed, maximum, error code, words the message holds)
BAD = [
    ("", 10, "empty", "Chưa ghi cách tính điểm"),
    ("tùy tình hình", 10, "unknown_kind", "Không hiểu cách tính điểm"),
    ("tỷ lệ 90→10", 10, "unknown_kind", "Không hiểu cách tính điểm"),
    ("tỷ lệ: ≥abc→10", 10, "not_a_number", "không phải là số"),
    ("tỷ lệ: 90→10", 10, "bad_step", "Không hiểu bậc"),
    ("tỷ lệ: khác→0", 10, "no_steps", "ít nhất một bậc"),
    ("tỷ lệ: ≥70→5; ≥90→10", 10, "steps_order", "từ mức cao xuống mức thấp"),
    ("tỷ lệ: ≥90→10; ≥90→5", 10, "steps_order", "không trùng nhau"),
    ("tỷ lệ: ≥90→5; ≥70→10", 10, "points_order", "không được ít điểm hơn"),
    ("tỷ lệ: ≥90→10; khác→0; ≥70→5", 10, "otherwise_not_last", "đứng cuối cùng"),
    ("tỷ lệ: ≥120→10", 10, "bad_threshold", "từ 0 đến 100"),
    ("tỷ lệ: tuyến tính đến 0", 10, "bad_linear", "lớn hơn 0"),
    ("tỷ lệ: tuyến tính đến 150", 10, "bad_linear", "không quá 100%"),
    ("tỷ lệ: ≥90→12; khác→0", 10, "step_above_maximum", "vượt điểm tối đa 10"),
    ("số lượng: ≥1→0,5; khác→1", 2, "points_order", "không được ít điểm hơn"),
    ("có/không", 0, "bad_maximum", "lớn hơn 0"),
]


@pytest.mark.parametrize("typed, maximum, code, words", BAD)
def test_a_bad_rule_is_refused_with_the_reason(typed, maximum, code, words):
    with pytest.raises(RuleError) as caught:
        parse_for(typed, D(maximum))
    assert caught.value.code == code
    assert words in caught.value.message


# (rule, maximum, figures, words of the problem)
PROBLEMS = [
    ("tỷ lệ: ≥90→10; khác→0", 10, Figures(numerator=D(5)), "cả tử số và mẫu số"),
    ("tỷ lệ: ≥90→10; khác→0", 10, Figures(numerator=D(5), denominator=D(0)), "Mẫu số phải lớn hơn 0"),
    ("tỷ lệ: ≥90→10; khác→0", 10, Figures(numerator=D(7), denominator=D(5)), "không được lớn hơn mẫu số"),
    ("tỷ lệ: ≥90→10; khác→0", 10, Figures(value=D(101)), "từ 0 đến 100"),
    ("chấm điểm", 5, Figures(value=D(6)), "từ 0 đến 5"),
    ("số lượng: ≥1→1; khác→0", 1, Figures(value=D(-1)), "không được âm"),
    ("số lượng: ≥1→1; khác→0", 1, Figures(value=D("85.5")), "số nguyên"),
]


@pytest.mark.parametrize("text, maximum, figures, words", PROBLEMS)
def test_figures_that_do_not_fit_the_rule_are_named(text, maximum, figures, words):
    assert words in parse(text).problem(figures, D(maximum))


def test_good_figures_have_no_problem():
    assert parse("tỷ lệ: ≥90→10; khác→0").problem(Figures(numerator=D(9), denominator=D(10)), D(10)) is None
    assert Rule(YES_NO).problem(Figures(yes=True), D(1)) is None
