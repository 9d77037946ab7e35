"""The commune's officer adds people with a role and locks them; nobody else can."""

from django.test import Client
from django.urls import reverse

from xaso.accounts.models import Membership

from tests.login import log_in


def test_add_a_reporter_who_can_then_sign_in_and_report(officer_client, commune):
    unit = commune.units.get(short_name="Trạm YT")
    response = officer_client.post(reverse("commune_users", args=[commune.pk]), {
        "username": "tramyte", "full_name": "Lê Thị Hoa", "email": "", "role": "unit_reporter", "unit": unit.pk,
        "password": "Suc-khoe-cho-moi-nguoi-2026"})
    assert response.status_code == 302
    member = Membership.objects.get(user__username="tramyte")
    assert member.unit == unit and member.commune == commune and member.province == commune.province
    reporter = Client()
    log_in(reporter, member.user)
    assert reporter.get(reverse("unit_tasks", args=[unit.pk])).status_code == 200
    assert reporter.get(reverse("commune_users", args=[commune.pk])).status_code == 403


def test_a_reporter_needs_a_unit_and_a_name_is_taken_once(officer_client, commune, officer):
    url = reverse("commune_users", args=[commune.pk])
    page = officer_client.post(url, {"username": "canbo", "full_name": "X", "role": "unit_reporter",
                                     "password": "Mot-mat-khau-dai-2026"}).content.decode()
    assert "Tên đăng nhập này đã có người dùng." in page and "Người báo cáo phải thuộc một đơn vị." in page


def test_lock_and_unlock_but_not_oneself(officer_client, commune, officer, django_user_model):
    leader = django_user_model.objects.create_user("lanhdao", password="x")
    member = Membership.objects.create(user=leader, role="leader", commune=commune)
    url = reverse("commune_users", args=[commune.pk])
    officer_client.post(url, {"toggle": member.pk})
    leader.refresh_from_db()
    assert leader.is_active is False
    own = Membership.objects.get(user=officer)
    page = officer_client.post(url, {"toggle": own.pk}, follow=True).content.decode()
    assert "Bạn không thể tự khóa tài khoản của mình." in page
