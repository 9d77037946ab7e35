"""Two officers act on the same submission at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection

from xaso.tracking import services
from xaso.tracking.models import ACCEPTED, RETURNED, TaskReport


def _at_once(*calls):
    barrier, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            outcomes[i] = ("ok", call())
        except services.ReportError as error:
            outcomes[i] = ("refused", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


@pytest.mark.parametrize("repeat", range(3))
def test_approve_and_return_at_once_one_wins_the_other_is_told(repeat, transactional_db, plan, officer, today,
                                                               django_user_model):
    second = django_user_model.objects.create_superuser("canbo2", password="mat-khau-du-dai-123")
    unit = plan.commune.units.get(short_name="TT PVHCC")
    report = services.save_task_report(user=officer, task=plan.tasks.get(lead_unit=unit), unit=unit,
                                       period_code="2026-Q4", today=today,
                                       data=services.TaskReportData(status="in_progress", percent=50))
    services.submit(user=officer, report=report)
    outcomes = _at_once(
        lambda: services.review(user=officer, report=TaskReport.objects.get(pk=report.pk), accept=True),
        lambda: services.review(user=second, report=TaskReport.objects.get(pk=report.pk), accept=False,
                                comment="Thiếu minh chứng"))
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    refused = next(value for kind, value in outcomes if kind == "refused")
    assert refused.code == "already_reviewed" and "cán bộ khác" in refused.message
    winner = next(value for kind, value in outcomes if kind == "ok")
    report.refresh_from_db()
    assert report.state == winner.state and report.state in (ACCEPTED, RETURNED)
    assert report.history.filter(state__in=[ACCEPTED, RETURNED]).count() == 1
