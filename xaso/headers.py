"""Headers every page and download carries: a Content-Security-Policy and no caching of commune data.

The policy lets a page run only the app's own scripts and styles (no inline script or style attribute, no other
site's code, no framing, no form posting elsewhere): an injected `<script>` or `onerror=` does nothing even if a
template ever failed to escape it. Pages and downloads hold commune data a shared computer or proxy must not keep
(`no-store, private`); static files are served before this middleware (WhiteNoise) and keep their own long cache.
"""

from __future__ import annotations

from django.conf import settings

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
])
NO_STORE = "no-store, private"


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if not request.path.startswith(settings.STATIC_URL):
            response.headers["Cache-Control"] = NO_STORE
        return response

    return middleware
