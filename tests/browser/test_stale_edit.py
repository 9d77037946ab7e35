"""Two officers on phones (390 px) edit the same task: the second sees the save refused, both versions side by side
readable on the phone, the first officer's text kept, and saves again knowingly."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, has_no_horizontal_scroll
from tests.browser.signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


def test_a_stale_save_shows_both_versions_on_a_phone(browser, live_server, transactional_db, plan, django_user_model):
    from xaso.accounts.models import COMMUNE_OFFICER, Membership
    from xaso.plans.models import Task

    for name in ("canbo.a", "canbo.b"):
        user = django_user_model.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, role=COMMUNE_OFFICER, commune=plan.commune)
    task = plan.tasks.get(position=1)
    url = f"{live_server.url}/tasks/{task.pk}/edit/"
    first, second = (sign_in(browser, live_server, name, width=PHONE[0]) for name in ("canbo.a", "canbo.b"))
    for page in (first, second):
        page.goto(url)
    first.fill("#id_name", "Số hóa 100% hồ sơ thủ tục hành chính")
    first.get_by_role("button", name="Lưu", exact=True).click()
    first.wait_for_url(f"{live_server.url}/plans/{plan.pk}/#tasks")

    second.fill("#id_name", "Số hóa hồ sơ đất đai")
    second.get_by_role("button", name="Lưu", exact=True).click()
    expect(second.locator("p.error").last).to_contain_text("Người khác đã lưu thay đổi")
    row = second.locator("#conflict tbody tr").filter(has_text="Tên nhiệm vụ")
    expect(row).to_contain_text("Số hóa hồ sơ đất đai")
    expect(row).to_contain_text("Số hóa 100% hồ sơ thủ tục hành chính")
    assert row.locator("td").first.is_visible() and row.locator("td").last.is_visible()
    assert has_no_horizontal_scroll(second)
    assert Task.objects.get(pk=task.pk).name == "Số hóa 100% hồ sơ thủ tục hành chính"

    expect(second.locator("#id_name")).to_have_value("Số hóa hồ sơ đất đai")
    second.get_by_role("button", name="Lưu", exact=True).click()
    second.wait_for_url(f"{live_server.url}/plans/{plan.pk}/#tasks")
    assert Task.objects.get(pk=task.pk).name == "Số hóa hồ sơ đất đai"
