"""A new password signs out every other session of the user and revokes the user's API keys, whichever way it is
set: the user's own page, the officer on the users page, the admin's password form, `xaso createadmin`,
`xaso demo --reset-passwords`."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from xaso.accounts.models import UNIT_REPORTER, ApiToken, Membership

from tests.login import PASSWORD, log_in

NEW = "mot-mat-khau-moi-456"


def _signed_in(client) -> bool:
    return client.get("/account/").status_code == 200


def test_the_users_own_change_keeps_this_session_and_ends_the_others(officer):
    here, elsewhere = log_in(Client(), officer), log_in(Client(), officer)
    key = ApiToken.issue(officer)
    response = here.post("/account/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == "/account/"
    assert _signed_in(here) and not _signed_in(elsewhere)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/provinces").status_code == 401
    assert Client().post("/login/", {"username": "canbo", "password": NEW})["Location"] == "/"


def test_a_wrong_old_password_changes_nothing(officer):
    here, elsewhere = log_in(Client(), officer), log_in(Client(), officer)
    response = here.post("/account/password/", {"old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200 and "Mật khẩu cũ" in response.content.decode()
    assert _signed_in(here) and _signed_in(elsewhere)


def test_the_admins_password_form(django_user_model, officer):
    admin = django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    officers_session, key = log_in(Client(), officer), ApiToken.issue(officer)
    admin_client = log_in(Client(), admin)
    response = admin_client.post(f"/admin/auth/user/{officer.pk}/password/", {"password1": NEW, "password2": NEW})
    assert response.status_code == 302, response.content.decode()[:1000]
    assert not _signed_in(officers_session) and not ApiToken.objects.filter(digest=ApiToken.hash(key)).exists()
    assert _signed_in(admin_client)


def test_createadmin_resetting_the_admins_password(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password=PASSWORD)
    session, key = log_in(Client(), admin), ApiToken.issue(admin)
    call_command("createadmin", username="admin", password=NEW, stdout=io.StringIO())
    assert not _signed_in(session) and not ApiToken.objects.filter(user=admin).exists()


def test_the_demo_resetting_passwords(commune):
    from xaso.plans.demo import demo_users

    demo_users(PASSWORD)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="canbo.xa")
    session, key = log_in(Client(), user), ApiToken.issue(user)
    demo_users(NEW, reset=True)
    assert not _signed_in(session) and not ApiToken.objects.filter(user=user).exists()


@pytest.mark.parametrize("change, revoked", [
    ("new password", True),
    ("same password under a new hash", False),  # Django upgrading an old hash at login
    ("same password set again", False),
    ("name only", False),
])
def test_only_a_new_password_revokes_keys(settings, officer, change, revoked):
    ApiToken.issue(officer)
    if change == "new password":
        officer.set_password(NEW)
        officer.save()
    elif change == "same password under a new hash":
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                     "django.contrib.auth.hashers.MD5PasswordHasher"]
        assert officer.check_password(PASSWORD)  # rehashes and saves
        assert officer.password.startswith("pbkdf2_")
    elif change == "same password set again":
        officer.set_password(PASSWORD)
        officer.save()
    else:
        officer.first_name = "Lan"
        officer.save()
    assert ApiToken.objects.filter(user=officer).exists() is not revoked


def test_the_officer_setting_a_members_password_on_the_users_page(officer_client, commune, django_user_model):
    reporter = django_user_model.objects.create_user("tramyte", password=PASSWORD)
    member = Membership.objects.create(user=reporter, role=UNIT_REPORTER, unit=commune.units.first())
    session, key = log_in(Client(), reporter), ApiToken.issue(reporter)
    url = f"/communes/{commune.pk}/users/"
    weak = officer_client.post(url, {"set_password": member.pk, "new_password": "12345"}, follow=True)
    assert "Chưa đặt mật khẩu cho tramyte" in weak.content.decode() and _signed_in(session)
    page = officer_client.post(url, {"set_password": member.pk, "new_password": NEW}, follow=True).content.decode()
    assert "Đã đặt mật khẩu mới cho tramyte" in page
    assert not _signed_in(session) and not ApiToken.objects.filter(user=reporter).exists()
    assert Client().post("/login/", {"username": "tramyte", "password": NEW})["Location"] == "/"
    assert _signed_in(officer_client)
