"""Counting requests per address or per user in a window, in a database table every worker shares.

A rate is written "N/unit" (unit s, m, h or d: "20/h"). The window is fixed (the current minute, hour …). A count is
one upsert that returns the new count (INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite ≥ 3.35 and
PostgreSQL alike), so two workers counting at the same instant both count, at the cost of one statement a request.
"""

from __future__ import annotations

import math
import random
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.utils import timezone

from .addresses import client_address
from .models import RateCount

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")
PRUNE_SHARE = 0.001  # one request in a thousand deletes the ended windows


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
    slot = int(now // rate.seconds)
    table = connection.ops.quote_name(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, slot, hits, ends) VALUES (%s, %s, 1, %s) ON CONFLICT (name) DO UPDATE SET "
            f"hits = CASE WHEN {table}.slot = excluded.slot THEN {table}.hits + 1 ELSE 1 END, "
            "slot = excluded.slot, ends = excluded.ends RETURNING hits",
            [f"{scope}:{who}:{rate.seconds}", slot, (slot + 1) * rate.seconds])
        count = cursor.fetchone()[0]
    if random.random() < PRUNE_SHARE:  # addresses come and go: forget the windows that have ended
        RateCount.objects.filter(ends__lt=now).delete()
    if count <= rate.count:
        return None
    return max(1, math.ceil((slot + 1) * rate.seconds - now))


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
