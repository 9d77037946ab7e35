"""Demo data of the evaluation: xaso's example index for the province's year, published, each commune's
self-assessment (figures drawn at random, or taken from its plan's accepted indicator values where a component
matches one) sent to the province, and the first half of them reviewed. A large province has its first
DEMO_COMMUNES communes assessed, the others shown as not sent (the demo of a province of 168 communes stays quick)."""

from __future__ import annotations

import random
from decimal import Decimal

from xaso.core import scoring

from . import services
from .models import Assessment

DEMO_COMMUNES = 40


def _figures(rule: scoring.Rule, maximum: Decimal, rng: random.Random) -> services.AnswerInput:
    if rule.kind == scoring.YES_NO:
        return services.AnswerInput(yes=rng.random() < 0.75)
    if rule.kind == scoring.RATIO:
        if rng.random() < 0.5:
            denominator = Decimal(rng.randint(200, 2000))
            return services.AnswerInput(numerator=(denominator * Decimal(rng.randint(40, 100)) / 100).quantize(Decimal(1)),
                                        denominator=denominator)
        return services.AnswerInput(value=Decimal(rng.randint(35, 100)))
    if rule.kind == scoring.COUNT:
        return services.AnswerInput(value=Decimal(rng.randint(0, 30)))
    return services.AnswerInput(value=(maximum * Decimal(rng.randint(4, 10)) / 10).quantize(Decimal("0.5")))


def add_evaluation(province, year: int, seed: int = 2026, *, assessments: bool = True):
    existing = province.evaluation_indexes.filter(year=year).first()
    if existing is not None:  # demo data made again: the province's index and its assessments stay
        return existing
    index = services.load_example(province, year)
    if not assessments:
        return index
    rng = random.Random(seed)
    communes = list(province.communes.order_by("name")[:DEMO_COMMUNES])
    for number, commune in enumerate(communes):
        assessment = services.assessment_for(index, commune)
        inputs = {}
        for answer in assessment.answers.select_related("component"):
            rule = answer.component.scoring
            given = _figures(rule, answer.component.max_points, rng)
            if answer.source_note:  # taken from the commune's accepted indicator values: kept
                given = services.AnswerInput(value=answer.value)
            if answer.component.evidence_required:
                given.evidence_link = f"https://congthongtin.example.vn/minh-chung/{commune.pk}/{answer.component.code}"
            inputs[answer.component_id] = given
        problems = services.save_self_assessment(assessment, inputs, None, submit=True)
        if problems:
            raise RuntimeError("; ".join(problems))
        if number < len(communes) // 2:
            answers = list(assessment.answers.select_related("component"))
            decisions = {a.component_id: services.Decision(accept=True) for a in answers}
            first = answers[0]
            decisions[first.component_id] = services.Decision(
                accept=False, score=Decimal(0), comment="Biên bản kiện toàn chưa có chữ ký của Chủ tịch UBND xã.")
            services.review(Assessment.objects.get(pk=assessment.pk), decisions, None, finish=True)
    return index
