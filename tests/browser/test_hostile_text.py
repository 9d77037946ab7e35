"""HTML and script typed into any text field are shown as text, never run."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">"\'><svg onload=window.__xss=3>'


def test_script_in_every_field_is_shown_as_text(signed_in, live_server, plan, today):
    from xaso.accounts.models import Membership
    from xaso.tracking import services

    page = signed_in
    commune = plan.commune
    commune.code = HOSTILE[:20]
    commune.save()
    plan.title, plan.signer, plan.number = f"KH {HOSTILE}", HOSTILE[:120], HOSTILE[:60]
    plan.save()
    indicator = plan.indicators.get()
    indicator.text, indicator.target_text, indicator.baseline_text = HOSTILE, HOSTILE[:200], HOSTILE[:120]
    indicator.save()
    unit = commune.units.get(short_name="TT PVHCC")
    unit.name = f"Đơn vị {HOSTILE}"[:200]
    unit.save()
    task = plan.tasks.get(lead_unit=unit)
    task.name, task.detail, task.output, task.note = f"Nhiệm vụ {HOSTILE}", HOSTILE, HOSTILE, HOSTILE
    task.save()
    officer = Membership.objects.get(role="province_officer").user
    services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q4", today=today,
                              data=services.TaskReportData(status="in_progress", percent=20, achievements=HOSTILE,
                                                           difficulties=HOSTILE))
    pages = [f"/communes/{commune.pk}/", f"/plans/{plan.pk}/", f"/communes/{commune.pk}/dashboard/",
             f"/units/{unit.pk}/tasks/", f"/history/task/{task.pk}/", f"/history/plan/{plan.pk}/",
             "/search/?q=" + "nhiem vu script", f"/tasks/{task.pk}/edit/",
             f"/tasks/{task.pk}/report/{unit.pk}/2026-Q4/", f"/provinces/{commune.province_id}/dashboard/"]
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("script:has-text('window.__xss')").count() == 0, path
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.locator("h1")).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("#tasks")).to_contain_text('<img src=x onerror="window.__xss=2">')
