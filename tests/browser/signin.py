"""Signing in through the login form, as a person does: the one helper every browser test uses. After the
password, an account that owes a second factor gives its code: at the first login it sets the authenticator up from
the key the page shows, later it types the code the phone would show (tests/login.py computes it)."""

import re

from tests.login import code_from_secret, next_code

PASSWORD = "mat-khau-du-dai-123"
AFTER_PASSWORD = re.compile(r"/(login/code/(setup/)?(\?.*)?)?$")


def give_code(page, username: str) -> None:
    """On the code page or the setup page: the authenticator's current code, typed and sent."""
    from django.contrib.auth import get_user_model

    from xaso.accounts import second_factor

    if "/login/code/setup/" in page.url:
        code = code_from_secret(page.inner_text("#secret"))[0]
    else:
        code = next_code(second_factor.device_of(get_user_model().objects.get(username=username)))
    page.fill("#id_code", code)
    page.click("#confirm-code")


def submit_login(page, live_server, username: str, password: str = PASSWORD):
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(AFTER_PASSWORD)
    if "/login/code/" in page.url:
        give_code(page, username)
    page.wait_for_url(live_server.url + "/")
    return page


def sign_in(browser, live_server, username: str, width: int = 1366):
    """A new browser window (its own cookies) of the given width, signed in as `username`."""
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return submit_login(page, live_server, username)
