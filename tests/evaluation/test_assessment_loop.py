"""A commune self-assesses (figures taken from its plan where they match), sends it to the province; the province
accepts or adjusts each component; the ranking follows. Runs on SQLite and PostgreSQL alike."""

from decimal import Decimal as D

import pytest

from xaso.evaluation import services
from xaso.evaluation.models import Answer, Assessment
from xaso.plans.models import Commune
from xaso.tracking.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(commune):
    return services.load_example(commune.province, 2026)


def _full_inputs(assessment, **overrides):
    """Figures for every component: yes for yes/no, 100% for ratios, 30 for counts, full marks by hand, evidence links."""
    inputs = {}
    for answer in assessment.answers.select_related("component"):
        kind = answer.component.scoring.kind
        given = services.AnswerInput(
            yes=True if kind == "yes_no" else None,
            value={"ratio": D(100), "count": D(30), "manual": answer.component.max_points}.get(kind),
            evidence_link="https://xa.example.vn/minh-chung" if answer.component.evidence_required else "")
        inputs[answer.component_id] = overrides.get(answer.component.code, given)
    return inputs


def _answer(assessment, code) -> Answer:
    return assessment.answers.select_related("component").get(component__code=code)


def test_a_figure_of_the_plan_is_taken_with_its_source(index, plan):
    plan.indicators.update(latest_value=D("86.5"), latest_period="2026-Q3")
    assessment = services.assessment_for(index, plan.commune)
    online = _answer(assessment, "6.1")  # "tỷ lệ: ≥80→6; ≥60→4; ≥40→2; khác→0", keywords "xử lý trực tuyến; …"
    assert online.value == D("86.5") and online.self_score == D(6)
    assert online.source_note == "Lấy từ số liệu chỉ tiêu “Tỷ lệ hồ sơ xử lý trực tuyến” đã duyệt (Quý III/2026)"
    assert _answer(assessment, "6.2").value is None  # no indicator of the plan matches


@pytest.mark.parametrize("code, text, unit, value, taken", [
    ("1.3", "Số tin, bài về chuyển đổi số đăng trên trang thông tin", "tin, bài", D(30), D(30)),
    ("1.3", "Số tin, bài về chuyển đổi số đăng trên trang thông tin", "tin, bài", D("12.5"), None),  # not a count
    ("1.3", "Tỷ lệ số tin, bài có hình ảnh", "%", D(80), None),  # a percentage never fills a count
    ("6.1", "Tỷ lệ hồ sơ xử lý trực tuyến", "%", D("86.5"), D("86.5")),
    ("6.1", "Số hồ sơ xử lý trực tuyến", "hồ sơ", D(120), None),  # a count never fills a ratio
    ("6.1", "Tỷ lệ hồ sơ xử lý trực tuyến", "%", D(140), None),  # not a percentage
])
def test_a_figure_fills_a_component_only_where_its_rule_takes_it(index, code, text, unit, value, taken):
    from xaso.plans.models import Indicator

    component = index.components.get(code=code)
    indicator = Indicator(text=text, unit=unit, latest_value=value, latest_period="2026-Q3", area=component.area)
    found = services.prefill(component, [indicator])
    assert (found[0] if found else None) == taken


def test_a_changed_figure_is_the_communes_own(index, plan, officer):
    plan.indicators.update(latest_value=D("86.5"), latest_period="2026-Q3")
    assessment = services.assessment_for(index, plan.commune)
    online = _answer(assessment, "6.1")
    assert services.save_self_assessment(assessment, {online.component_id: services.AnswerInput(value=D(65))}, officer) == []
    online.refresh_from_db()
    assert (online.self_score, online.source_note) == (D(4), "")


def test_submitting_needs_every_figure_and_the_evidence_required(index, commune, officer):
    assessment = services.assessment_for(index, commune)
    inputs = _full_inputs(assessment, **{"1.1": services.AnswerInput(yes=True)})  # evidence required, none given
    inputs.pop(_answer(assessment, "8.5").component_id)
    problems = services.save_self_assessment(assessment, inputs, officer, submit=True)
    assert problems == ["1.1: cần tải tệp hoặc ghi đường dẫn minh chứng.", "8.5: chưa ghi số liệu để tính điểm."]
    assessment.refresh_from_db()
    assert assessment.state == Assessment.DRAFT
    assert not assessment.answers.exclude(self_score=None).exists()  # nothing half-stored


def test_figures_that_break_the_rule_are_refused(index, commune, officer):
    assessment = services.assessment_for(index, commune)
    ratio = _answer(assessment, "6.1")
    problems = services.save_self_assessment(
        assessment, {ratio.component_id: services.AnswerInput(numerator=D(12), denominator=D(10))}, officer)
    assert problems == ["6.1: Tử số không được lớn hơn mẫu số."]


def test_self_assess_review_and_the_ranking_moves(index, commune, officer, province_officer):
    other = Commune.objects.create(province=commune.province, name="Phúc Điền")
    Commune.objects.create(province=commune.province, name="Chưa Gửi")
    mine, theirs = services.assessment_for(index, commune), services.assessment_for(index, other)
    assert services.save_self_assessment(mine, _full_inputs(mine), officer, submit=True) == []
    lower = _full_inputs(theirs, **{"6.1": services.AnswerInput(value=D(65))})  # 4 of 6 points
    assert services.save_self_assessment(theirs, lower, officer, submit=True) == []
    mine.refresh_from_db()
    assert mine.state == Assessment.SUBMITTED and mine.submitted_by == officer

    def table():
        _, _, rows = services.ranking(index)
        return [(r.commune.name, r.rank, r.total) for r in rows]

    assert table() == [("Yên Lập", 1, D(100)), ("Phúc Điền", 2, D(98)), ("Chưa Gửi", None, None)]
    online = _answer(mine, "6.1")
    decisions = {a.component_id: services.Decision(accept=True) for a in mine.answers.all()}
    decisions[online.component_id] = services.Decision(accept=False, score=D(2), comment="")
    assert services.review(mine, decisions, province_officer, finish=True) == ["6.1: điều chỉnh điểm phải ghi ý kiến (lý do)."]
    assert not Answer.objects.filter(assessment=mine).exclude(review_status="").exists()
    decisions[online.component_id] = services.Decision(accept=False, score=D(7), comment="Sai")
    assert services.review(mine, decisions, province_officer) == ["6.1: điểm điều chỉnh phải từ 0 đến 6."]
    decisions[online.component_id] = services.Decision(accept=False, score=D(2), comment="Số liệu chưa khớp hệ thống")
    assert services.review(mine, decisions, province_officer, finish=True) == []
    mine.refresh_from_db()
    assert mine.state == Assessment.REVIEWED and mine.reviewed_by == province_officer
    assert table() == [("Phúc Điền", 1, D(98)), ("Yên Lập", 2, D(96)), ("Chưa Gửi", None, None)]
    groups, _, rows = services.ranking(index)
    government = [g.name for g in groups].index("Chính quyền số")
    assert rows[1].groups[government] == D(20)  # 24 less the 4 points taken
    told = {(n.user.username, n.text) for n in Notification.objects.select_related("user")}
    assert ("canbo.tinh", "Xã Yên Lập đã gửi bản tự đánh giá chuyển đổi số năm 2026 (100 điểm), chờ tỉnh thẩm định.") in told
    assert ("canbo", "Tỉnh đã thẩm định bản đánh giá chuyển đổi số năm 2026 của xã Yên Lập: 96 điểm, điều chỉnh 1 tiêu "
                     "chí.") in told
    assert Notification.objects.get(user=officer).url == f"/evaluation/{index.pk}/communes/{commune.pk}/"
    online.refresh_from_db()
    assert online.history.first().review_comment == "Số liệu chưa khớp hệ thống"  # history kept, from the start
    assert online.history.last().history_change_reason == "Xã bắt đầu tự đánh giá"


def test_saving_the_same_figures_again_records_no_history(index, commune, officer):
    assessment = services.assessment_for(index, commune)
    inputs = _full_inputs(assessment)
    assert services.save_self_assessment(assessment, inputs, officer) == []
    records = Answer.history.count()
    assert services.save_self_assessment(assessment, inputs, officer) == []
    assert Answer.history.count() == records
    changed = {**inputs, _answer(assessment, "6.1").component_id: services.AnswerInput(value=D(50))}
    assert services.save_self_assessment(assessment, changed, officer) == []
    assert Answer.history.count() == records + 1
    assert _answer(assessment, "6.1").history.first().history_user == officer


def test_ties_share_a_rank(index, commune, officer):
    other = Commune.objects.create(province=commune.province, name="Phúc Điền")
    for c in (commune, other):
        a = services.assessment_for(index, c)
        assert services.save_self_assessment(a, _full_inputs(a), officer, submit=True) == []
    assert [r.rank for r in services.ranking(index)[2]] == [1, 1]


def test_a_sent_assessment_is_not_edited_and_an_index_in_use_is_not_replaced(index, commune, officer):
    a = services.assessment_for(index, commune)
    services.save_self_assessment(a, _full_inputs(a), officer, submit=True)
    with pytest.raises(services.EvaluationError) as caught:
        services.save_self_assessment(a, _full_inputs(a), officer)
    assert caught.value.code == "already_submitted"
    with pytest.raises(services.EvaluationError) as caught:
        services.store_index(commune.province, 2026, services.example_sheet())
    assert caught.value.code == "index_in_use"


def test_the_ranking_reads_in_a_fixed_number_of_queries(index, commune, officer, django_assert_num_queries):
    for n in range(5):
        c = Commune.objects.create(province=commune.province, name=f"Xã {n}")
        a = services.assessment_for(index, c)
        services.save_self_assessment(a, _full_inputs(a), officer, submit=True)
    # groups, components, communes, assessments, answers
    with django_assert_num_queries(5):
        services.ranking(index)
