"""The second factor: province accounts and administrators give a six-digit code after the password (set up at
their first login), everyone else may turn it on; a code is accepted once, wrong codes slow the next try down, and
neither the pages, the admin nor the API open to the password alone."""

import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.accounts import second_factor
from xaso.accounts.models import COMMUNE_OFFICER, LEADER, NATIONAL_VIEWER, PROVINCE_OFFICER, UNIT_REPORTER, Membership
from xaso.plans import access

from tests.login import PASSWORD, code_from_secret, enrolled, next_code


@pytest.mark.parametrize("who, required", [
    ("superuser", True),
    ("staff", True),
    ("national_viewer", True),
    ("province_officer", True),
    ("province_leader", True),
    ("commune_officer", False),
    ("commune_leader", False),
    ("unit_reporter", False),
    ("no_role", False),
])
def test_who_must_use_it(django_user_model, commune, who, required):
    user = django_user_model.objects.create_user(who, is_superuser=who == "superuser", is_staff=who == "staff")
    place = {"national_viewer": (NATIONAL_VIEWER, {}),
             "province_officer": (PROVINCE_OFFICER, {"province": commune.province}),
             "province_leader": (LEADER, {"province": commune.province}),
             "commune_officer": (COMMUNE_OFFICER, {"commune": commune}),
             "commune_leader": (LEADER, {"commune": commune}),
             "unit_reporter": (UNIT_REPORTER, {"unit": commune.units.first()})}.get(who)
    if place:
        Membership.objects.create(user=user, role=place[0], **place[1])
    assert access.must_use_second_factor(user) is required


def _password(client, username):
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _secret(page: str) -> str:
    return re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page).group(1)


def test_a_province_officer_sets_it_up_at_first_login_then_gives_a_code_each_time(province_officer):
    client = _password(Client(), "canbo.tinh")
    response = client.get("/communes/")
    assert response.status_code == 302 and response["Location"].startswith("/login/code/setup/")
    page = client.get(response["Location"]).content.decode()
    assert "bắt buộc" in page and "<svg" in page and "otpauth" not in page.split("<svg")[0]
    code, step = code_from_secret(_secret(page))
    assert client.post("/login/code/setup/", {"code": code, "next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200
    assert TOTPDevice.objects.get(user=province_officer).confirmed

    client.post("/logout/")
    client = _password(Client(), "canbo.tinh")
    assert client.get("/")["Location"] == "/login/code/?next=/"
    wrong = client.post("/login/code/", {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400 and "Mã xác thực không đúng" in wrong.content.decode()
    time.sleep(1.1)  # a wrong code makes the next try wait a second
    replayed = client.post("/login/code/", {"code": code})
    assert replayed.status_code == 400 and "đã được dùng" in replayed.content.decode()  # a code works once
    time.sleep(2.1)
    assert client.post("/login/code/", {"code": next_code(enrolled(province_officer)), "next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_codes_slow_the_next_try_down(province_officer):
    device = enrolled(province_officer)
    client = _password(Client(), "canbo.tinh")
    for _ in range(3):
        client.post("/login/code/", {"code": "12345"})
    refused = client.post("/login/code/", {"code": next_code(device)})
    assert refused.status_code == 400 and "Mã vừa nhập sai. Để chống dò mã, hãy chờ" in refused.content.decode()
    assert client.get("/")["Location"].startswith("/login/code/")


def test_the_password_alone_opens_neither_pages_nor_admin_nor_api(django_user_model, province_officer):
    admin = django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    enrolled(admin)
    client = _password(Client(), "quantri")
    for path in ("/", "/admin/", "/admin/auth/user/", f"/provinces/{province_officer.membership.province_id}/",
                 "/account/api-keys/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/code/"), path
    assert client.get("/api/provinces").status_code == 401
    # nor can it set up another authenticator in place of the one the user has
    assert client.get("/login/code/setup/")["Location"].startswith("/login/code/")
    assert TOTPDevice.objects.filter(user=admin).count() == 1


def test_the_admin_signs_in_at_the_admin_login_then_gives_the_code(django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    device = enrolled(admin)
    client = Client()
    client.post("/admin/login/", {"username": "quantri", "password": PASSWORD, "next": "/admin/"})
    assert client.get("/admin/")["Location"] == "/login/code/?next=/admin/"
    assert client.post("/login/code/", {"code": next_code(device), "next": "/admin/"})["Location"] == "/admin/"
    page = client.get("/admin/accounts/authenticator/").content.decode()
    assert "thiết bị xác thực hai bước" in page and "quantri" in page and "TOTP" not in page


def _menu(page: str) -> str:
    return page.split("<nav>")[1].split("</nav>")[0]


def test_the_code_pages_show_no_menu_while_the_code_is_owed(province_officer):
    """Every menu link would only lead back to the code page; the menu returns once the code is given."""
    client = _password(Client(), "canbo.tinh")
    setup = client.get("/login/code/setup/").content.decode()
    assert "Đăng xuất" in _menu(setup) and "Tỉnh, xã" not in _menu(setup) and "Tìm kiếm" not in _menu(setup)
    code, step = code_from_secret(_secret(setup))
    client.post("/login/code/setup/", {"code": code, "next": "/"})
    assert "Tỉnh, xã" in _menu(client.get("/").content.decode())

    later = _password(Client(), "canbo.tinh")
    verify = later.get("/login/code/").content.decode()
    assert "Nhập mã xác thực" in verify and "Tỉnh, xã" not in _menu(verify) and "Đăng xuất" in _menu(verify)


def test_anyone_may_turn_it_on_and_off(officer):
    client = _password(Client(), "canbo")
    assert client.get("/").status_code == 200  # not required: the password is enough
    page = client.get("/account/").content.decode()
    assert "Đang tắt" in page
    setup = client.get("/login/code/setup/").content.decode()
    assert "bắt buộc" not in setup
    code, step = code_from_secret(_secret(setup))
    client.post("/login/code/setup/", {"code": code})
    assert "Đang bật" in client.get("/account/").content.decode()

    again = _password(Client(), "canbo")
    assert again.get("/")["Location"].startswith("/login/code/")  # from now on the code is asked
    again.post("/login/code/", {"code": code_from_secret(_secret(setup), after_step=step)[0]})
    assert again.get("/").status_code == 200

    refused = again.post("/account/", {"turn_off": "1", "code": "000000"})
    assert refused.status_code == 400 and not TOTPDevice.objects.filter(user=officer).count() == 0
    time.sleep(1.1)
    again.post("/account/", {"turn_off": "1", "code": next_code(second_factor.device_of(officer))})
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert _password(Client(), "canbo").get("/").status_code == 200


def test_a_required_account_cannot_turn_it_off(province_client, province_officer):
    page = province_client.get("/account/").content.decode()
    assert "không tắt được" in page and 'name="turn_off"' not in page
    province_client.post("/account/", {"turn_off": "1", "code": next_code(second_factor.device_of(province_officer))})
    assert second_factor.device_of(province_officer) is not None


def _device_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries if q["sql"].startswith('SELECT "otp_totp_totpdevice"')]


def test_a_session_that_gave_its_code_reads_no_device_of_its_own(province_client, province_officer):
    """The session's device is the user's authenticator, read with the user (xaso.accounts.backends): the pages ask
    no query for it, and the device is still the one the code was given on."""
    response, queries = _device_queries(province_client, "/")
    assert response.status_code == 200 and queries == []
    assert response.wsgi_request.user.otp_device.pk == second_factor.device_of(province_officer).pk


@pytest.mark.parametrize("whose", ["another user's", "unconfirmed", "deleted"])
def test_a_session_holding_a_device_not_the_users_confirmed_one_owes_the_code(
        django_user_model, province_client, province_officer, whose):
    own = second_factor.device_of(province_officer)
    other = enrolled(django_user_model.objects.create_user("nguoi.khac", password=PASSWORD))
    held = {"another user's": other,
            "unconfirmed": TOTPDevice.objects.create(user=province_officer, name="mới", confirmed=False),
            "deleted": own}[whose]
    session = province_client.session
    session[DEVICE_ID_SESSION_KEY] = held.persistent_id
    session.save()
    if whose == "deleted":
        TOTPDevice.objects.filter(pk=own.pk).delete()
    response = province_client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/code/")
