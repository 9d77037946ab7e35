"""The main pages render under the Content-Security-Policy with no violation: Chromium reports each blocked
script, style or handler in the console ("Refused to …") and as a securitypolicyviolation event."""

import pytest

from tests.browser.signin import PASSWORD, submit_login
from tests.conftest import FROZEN_TODAY

pytestmark = pytest.mark.browser
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.fixture
def province(transactional_db, django_user_model):
    from xaso.accounts.models import PROVINCE_OFFICER, Membership
    from xaso.plans.demo import generate_province
    from xaso.tracking.demo import add_progress

    province, plans = generate_province("Tỉnh Thử Nghiệm", 3, 2026)
    add_progress(plans, FROZEN_TODAY)
    user = django_user_model.objects.create_user("canbo.tinh", password=PASSWORD)
    Membership.objects.create(user=user, role=PROVINCE_OFFICER, province=province)
    return province, plans


def test_the_main_pages_render_with_no_policy_violation(page, live_server, province):
    province, plans = province
    plan = plans[0]
    task = plan.tasks.exclude(lead_unit=None).first()
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(LISTEN)
    submit_login(page, live_server, "canbo.tinh")
    paths = ["/", f"/provinces/{province.pk}/", f"/provinces/{province.pk}/dashboard/", f"/communes/{plan.commune_id}/",
             f"/communes/{plan.commune_id}/dashboard/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/edit/",
             f"/tasks/{task.pk}/edit/", f"/tasks/{task.pk}/report/{task.lead_unit_id}/2026-Q4/",
             f"/communes/{plan.commune_id}/import/", "/check/", "/search/?q=so+hoa", "/notifications/"]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}, path
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        assert violations == [], (path, violations)
    # the period picker still sends its form without an inline handler
    page.goto(f"{live_server.url}/provinces/{province.pk}/dashboard/")
    page.select_option("select[name=period]", index=1)
    page.wait_for_url("**period=*")
    refused = [line for line in console if "Content Security Policy" in line or "Refused to" in line]
    assert refused == [], refused
