"""The second factor in a real browser: a province officer sets the authenticator up at the first login from the
key the page shows, signs out, signs in with password and code; a wrong code is refused in Vietnamese."""

import time

import pytest

from tests.login import code_from_secret

from .signin import PASSWORD

pytestmark = pytest.mark.browser


def _password(page, live_server, username="canbo.tinh"):
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_set_up_sign_out_and_sign_in_with_the_code(page, live_server, transactional_db, province_officer):
    _password(page, live_server)
    page.wait_for_url(live_server.url + "/login/code/setup/?next=/")
    assert page.locator("#qr svg").is_visible()  # drawn in the page, nothing fetched from elsewhere
    assert "bắt buộc" in page.inner_text("main")
    secret = page.inner_text("#secret")  # what the officer types into the phone's app
    code, step = code_from_secret(secret)
    page.fill("#id_code", code)
    page.click("#confirm-code")
    page.wait_for_url(live_server.url + "/")
    assert "Đã bật xác thực hai bước" in page.inner_text("main")

    page.click("text=Đăng xuất (canbo.tinh)")
    page.wait_for_url(live_server.url + "/login/")
    _password(page, live_server)
    page.wait_for_url(live_server.url + "/login/code/?next=/")
    page.goto(live_server.url + "/account/api-keys/")  # any other page: back to the code, then on to it
    assert page.url.startswith(live_server.url + "/login/code/")
    page.fill("#id_code", code)  # the code already used at setup
    page.click("#confirm-code")
    assert "Mã xác thực không đúng hoặc đã được dùng" in page.inner_text("#code-error")
    time.sleep(1.1)  # a wrong code makes the next try wait a second
    page.fill("#id_code", code_from_secret(secret, after_step=step)[0])  # the phone's next code
    page.click("#confirm-code")
    page.wait_for_url(live_server.url + "/account/api-keys/")
    assert "Đăng xuất (canbo.tinh)" in page.inner_text("header")

