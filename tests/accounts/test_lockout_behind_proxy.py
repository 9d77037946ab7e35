"""The login lock-out counts failures per (client address, user name): behind nginx the address is the one the
proxy forwarded, not the proxy's own; without a proxy a forged X-Forwarded-For changes nothing."""

import pytest
from django.test import Client, RequestFactory

from xaso.accounts.addresses import client_address

PASSWORD = "mat-khau-du-dai-123"
NGINX = "127.0.0.1"
A, B = "198.51.100.7", "203.0.113.9"


@pytest.mark.parametrize("proxies, forwarded, remote, expected", [
    (0, "", "192.0.2.1", "192.0.2.1"),
    (0, "198.51.100.7", "192.0.2.1", "192.0.2.1"),  # no proxy: the header is the client's own words
    (1, "198.51.100.7", NGINX, "198.51.100.7"),  # nginx: $proxy_add_x_forwarded_for
    (1, "6.6.6.6, 198.51.100.7", NGINX, "198.51.100.7"),  # the client's forged entry stands further left
    (1, "10.1.2.3", NGINX, "10.1.2.3"),  # a province intranet address is an address like any other
    (1, "2001:db8::1", NGINX, "2001:db8::1"),
    (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", NGINX, "198.51.100.7"),  # a load balancer, then nginx
    (1, "", NGINX, NGINX),  # straight to the application server, past the proxy
    (2, "198.51.100.7", NGINX, NGINX),  # fewer entries than proxies: not through all of them
    (1, "6.6.6.6, not-an-address", NGINX, NGINX),
])
def test_the_client_address(settings, proxies, forwarded, remote, expected):
    settings.PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers)) == expected


def _login(password, forwarded=None, remote=NGINX):
    client = Client(REMOTE_ADDR=remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}))
    return client.post("/login/", {"username": "canbo", "password": password})


def test_behind_a_proxy_failures_from_one_address_lock_that_address_only(settings, officer):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login("sai-mat-khau", forwarded=f"6.6.6.6, {A}")
    locked = _login(PASSWORD, forwarded=A)
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    assert _login(PASSWORD, forwarded=B)["Location"] == "/"  # the officer, from the office: let in


def test_without_a_proxy_a_forged_forwarded_address_changes_nothing(settings, officer):
    settings.PROXY_COUNT = 0
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login("sai-mat-khau", forwarded=f"198.51.100.{i}", remote="192.0.2.50")
    locked = _login(PASSWORD, forwarded=B, remote="192.0.2.50")
    assert locked.status_code == 429  # a new forged address is still the same machine
    assert _login(PASSWORD, remote="192.0.2.51")["Location"] == "/"  # another machine is not locked out
