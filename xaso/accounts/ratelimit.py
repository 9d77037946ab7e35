"""Counting requests per address or per user in a window, in the cache every worker shares (a database table).

A rate is written "N/unit" (unit s, m, h or d: "20/h"). The window is fixed (the current minute, hour …), so a
count is two cache operations; two workers incrementing the same count at the same instant may lose one hit to
the database cache's read-then-write, which a limit meant against floods tolerates.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from .addresses import client_address

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        match = RATE.match(text or "")
        if not match or int(match.group(1)) < 1:
            raise ValueError(f"expected a rate such as 20/h (a count, then s, m, h or d), got {text!r}")
        return cls(int(match.group(1)), _UNITS[match.group(2)])


def hit(scope: str, who: str, rate: Rate, now: float | None = None) -> int | None:
    """Count one request of `who` in `scope`; None when it is allowed, else the seconds until it will be."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    key = f"rate:{scope}:{who}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def wait_text(seconds: int) -> str:
    """How long to wait, as a person says it: "45 giây", "12 phút"."""
    return f"{seconds} giây" if seconds < 60 else f"{math.ceil(seconds / 60)} phút"


def too_many(request, seconds: int):
    """The Vietnamese 429 page, saying when to try again (also in Retry-After, for programs)."""
    response = render(request, "429.html", {"wait": wait_text(seconds),
                                            "at": timezone.localtime() + timedelta(seconds=seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def limit_checks(request):
    """settings.CHECK_RATE documents checked per address (per user when signed in) on the public check page:
    reading a document costs the server far more than sending it costs the sender. The 429 page, or None."""
    user = getattr(request, "user", None)
    who = f"user:{user.pk}" if user is not None and user.is_authenticated else f"address:{client_address(request)}"
    seconds = hit("check", who, Rate.parse(settings.CHECK_RATE))
    return None if seconds is None else too_many(request, seconds)
