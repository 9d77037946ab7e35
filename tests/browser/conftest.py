"""A real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server."""

import os
import shutil

import pytest

from .signin import PASSWORD, submit_login

CHROMIUM = os.environ.get("XASO_CHROMIUM", "/usr/bin/chromium")
PHONE, LAPTOP = (390, 844), (1366, 768)  # window sizes (width, height) of the pages the issue asks to work on
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"Chromium không có tại {CHROMIUM}: chạy `make test` (cài chromium từ Debian) để chạy kiểm thử trình duyệt."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def signed_in(page, live_server, transactional_db, django_user_model, commune):
    """A page signed in through the login form, as a person would: the province officer of the commune's
    province, who may open and change every commune of it."""
    from xaso.accounts.models import PROVINCE_OFFICER, Membership

    user = django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=user, role=PROVINCE_OFFICER, province=commune.province)
    return submit_login(page, live_server, "canbo")


@pytest.fixture
def page_at(browser):
    """A page of a given window size, as a phone (390 × 844) or a laptop (1366 × 768) shows it."""
    contexts = []

    def open_page(width: int, height: int):
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def has_no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def worker(live_server, transactional_db, settings):
    """`xaso worker` beside the live server, as `make demo` runs it: the web import is read there."""
    from tests.workers import start_worker, stop

    process = start_worker(settings.MEDIA_ROOT)
    yield process
    stop(process)
