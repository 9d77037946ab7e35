"""Signing in through the login form, as a person does: the one helper every browser test uses."""

PASSWORD = "mat-khau-du-dai-123"


def submit_login(page, live_server, username: str, password: str = PASSWORD):
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page


def sign_in(browser, live_server, username: str, width: int = 1366):
    """A new browser window (its own cookies) of the given width, signed in as `username`."""
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return submit_login(page, live_server, username)
