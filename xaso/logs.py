"""Every log line says which request wrote it and for whom: a request id (nginx's, when it sends one, else a new
one), kept for the request's duration and returned in the X-Request-ID header, so a user's complaint ("mã yêu cầu
…"), nginx's access log, gunicorn's and the application's lines all meet on one id."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest
from django.utils.functional import empty

# An id from the proxy is taken only when it cannot forge a log line (no space, no newline, not too long).
SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


class RequestIdMiddleware:
    """First of the middleware: every later log line of the request, and its response, carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request.id
        return response


def user_name(request: HttpRequest | None) -> str:
    """The signed-in user's name once the request has looked it up ("-" before, and for anonymous visitors):
    logging never queries the database itself."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-"
    return user.get_username() if user.is_authenticated else "-"


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user` to each record: from the record's own request (Django's request loggers
    pass it) or from the request being served in this thread; "-" outside a request (commands, timers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            request = current_request.get()
        record.request_id = getattr(request, "id", "-")
        record.user = user_name(request)
        return True
