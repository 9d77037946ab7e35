"""Rate limits counted in a database table every worker shares: the public check page per address, the API per
user. Two clients, two threads (two database connections, as two worker processes have) add to one count."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client

from xaso.accounts import ratelimit
from xaso.accounts.models import ApiToken, RateCount


def _check(client):
    return client.post("/check/", {"document": SimpleUploadedFile("kh.txt", "Kế hoạch chuyển đổi số".encode())})


def _counted():
    return list(RateCount.objects.values_list("name", flat=True))


@pytest.mark.parametrize("text, rate", [("20/h", (20, 3600)), ("600/m", (600, 60)), ("1/s", (1, 1)),
                                        ("5/d", (5, 86400)), (" 3 / m ", (3, 60))])
def test_a_rate_is_read(text, rate):
    parsed = ratelimit.Rate.parse(text)
    assert (parsed.count, parsed.seconds) == rate


@pytest.mark.parametrize("text", ["", "20", "0/h", "20/w", "-1/m", "abc/h"])
def test_a_wrong_rate_is_refused(text):
    with pytest.raises(ValueError):
        ratelimit.Rate.parse(text)


def test_the_check_page_limits_each_address_across_clients(db, settings):
    settings.CHECK_RATE = "3/h"
    first, second = Client(REMOTE_ADDR="198.51.100.7"), Client(REMOTE_ADDR="198.51.100.7")
    assert [_check(c).status_code for c in (first, second, first)] == [200, 200, 200]
    refused = _check(second)  # another browser, same machine: the same count
    page = refused.content.decode()
    assert refused.status_code == 429 and "Quá nhiều yêu cầu" in page and "Hãy thử lại sau khoảng" in page
    assert 1 <= int(refused["Retry-After"]) <= 3600 and ("phút" in page or "giây" in page)
    assert "check:address:198.51.100.7:3600" in _counted()  # in the table workers share
    assert _check(Client(REMOTE_ADDR="198.51.100.8")).status_code == 200  # another machine has its own count
    assert Client(REMOTE_ADDR="198.51.100.7").get("/check/").status_code == 200  # reading the page costs nothing


def test_the_check_page_counts_the_forwarded_address_behind_a_proxy(db, settings):
    settings.CHECK_RATE, settings.PROXY_COUNT = "1/h", 1
    assert _check(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")).status_code == 200
    assert _check(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8")).status_code == 200
    assert _check(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")).status_code == 429


def test_two_workers_share_one_count(transactional_db):
    """Each thread has its own database connection, as each gunicorn worker has its own."""
    rate, results = ratelimit.Rate(3, 3600), {}

    def worker(name, hits):
        try:
            results[name] = [ratelimit.hit("test", "198.51.100.7", rate, now=1_000_000.0) for _ in range(hits)]
        finally:
            connections.close_all()

    for name, hits in (("first", 2), ("second", 2)):
        thread = threading.Thread(target=worker, args=(name, hits))
        thread.start()
        thread.join()
    assert results["first"] == [None, None]
    assert results["second"][0] is None and results["second"][1] == 3600 - 1_000_000 % 3600
    assert RateCount.objects.get(name="test:198.51.100.7:3600").hits == 4


def test_the_api_limits_each_user_whatever_the_key_or_session(settings, officer):
    from tests.login import log_in

    settings.API_RATE = "3/m"
    by_key = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    by_session = log_in(Client(), officer)
    assert [c.get("/api/provinces").status_code for c in (by_key, by_session, by_key)] == [200, 200, 200]
    refused = by_session.get("/api/provinces")
    assert refused.status_code == 429 and refused.json()["detail"].startswith("Quá nhiều yêu cầu. Hãy thử lại sau")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert any(name.startswith("api:user:") for name in _counted())


@pytest.mark.parametrize("value, accepted", [("30/h", True), ("600/m", True), ("1/s", True), ("0/h", False),
                                             ("30", False), ("30/week", False), ("ba mươi/giờ", False)])
def test_a_rate_in_the_environment_is_checked_at_start(monkeypatch, value, accepted):
    from django.core.exceptions import ImproperlyConfigured

    from xaso import settings as xs

    monkeypatch.setenv("XASO_TEST_RATE", value)
    if accepted:
        assert xs.envrate("XASO_TEST_RATE", "1/h") == value
    else:
        with pytest.raises(ImproperlyConfigured, match="XASO_TEST_RATE"):
            xs.envrate("XASO_TEST_RATE", "1/h")
