"""A `PlanSpec` from a gold annotation: the samples' own indicators, tasks and results, to be rendered in layouts
the samples were never written in. The paragraphs the gold does not record (citations, Part I narrative, solutions,
responsibilities) come from the generator's banks."""

from __future__ import annotations

import random
import re

from .spec import CITATIONS, DUTIES, PART1_PARAGRAPHS, TASK_PARAGRAPHS, IndicatorSpec, PlanSpec, PriorSpec, TaskSpec


def _marker(result: str) -> str:
    if re.match(r"(?i)đạt\s+\d", result):
        return f". Kết quả: {result}."
    if result.strip().lower() == "đạt":
        return " (đạt)."
    return f" ({result})."


def _number_written(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


def plan_from_gold(gold: dict, seed: int = 0) -> PlanSpec:
    rng = random.Random(seed)
    year = gold["plan_year"]
    indicators = []
    for item in gold.get("indicators") or []:
        text = item["text"].rstrip(" ,.;")
        number = _number_written(item.get("target_value"))
        prose = text if (not number or number in text) else f"{text} đạt {item.get('target') or number}"
        indicators.append(IndicatorSpec(
            group=item.get("group"), subject=text, text=prose, target=item.get("target") or "",
            target_value=item.get("target_value"), unit=item.get("unit"), comparator=item.get("comparator"),
            baseline=item.get("baseline"),
        ))
    tasks = [TaskSpec(group=t.get("group"), name=t["name"], detail=t.get("detail"), lead=t.get("lead"),
                      partners=list(t.get("partners") or []), timeline=t.get("timeline"), output=t.get("output"),
                      budget_million_vnd=t.get("budget_million_vnd"), budget_source=t.get("budget_source"),
                      overseer=t.get("overseer"), monitor=t.get("monitor")) for t in gold.get("tasks") or []]
    prior = [PriorSpec(p["text"].rstrip(" .;"), p.get("target"), p["result"], _marker(p["result"]))
             for p in gold.get("prior_results") or []]
    province = gold.get("province") or "Nghệ An"
    citations = [c.format(k=12, k2=7, k3=3063, d=3, m=5, d2=10, m2=8, d3=23, m3=10, p=year - 1, y=year,
                          province=province) for c in CITATIONS]
    part1 = [p.format(p=year - 1, t="1.530", o="1.204", r="78,7", w=4, n=6, r2="66,7") for p in PART1_PARAGRAPHS]
    return PlanSpec(
        commune=gold["commune"], province=province, year=year, signer=gold.get("signer") or "Nguyễn Văn Hùng",
        number="61/KH-UBND", citations=citations, prior=prior, part1_paragraphs=part1,
        general_goal=("Tiếp tục xây dựng, phát triển chính quyền số tổng thể, toàn diện; thúc đẩy phát triển kinh tế "
                      "số, xã hội số để nâng cao chất lượng cuộc sống của người dân trên địa bàn xã."),
        indicators=indicators, tasks=tasks, task_paragraphs=rng.sample(TASK_PARAGRAPHS, k=3),
        responsibilities=rng.sample(DUTIES, k=4),
        budget_paragraph="Kinh phí thực hiện từ ngân sách xã và các nguồn hợp pháp khác.",
        assessed=gold.get("assessed_year") is not None and bool(prior), seed=seed,
    )
