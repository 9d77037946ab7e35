"""The client's address: the one answer for the login lock-out (django-axes), the rate limits and the logs.

Behind `settings.PROXY_COUNT` reverse proxies, each proxy appends the address it was called from to
X-Forwarded-For (nginx: `proxy_add_x_forwarded_for`), so the client's address is the PROXY_COUNT-th entry from the
right; whatever stands further left was written by the client and proves nothing. Without a proxy the header is the
client's own words and is never read: only the connection's address counts.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < count:
        return remote  # not through every proxy (a direct connection): its own address is all we know
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
