"""Nothing but the code page after the password, for a user who owes a second factor (xaso.accounts.second_factor).

Installed right after django-otp's middleware, which tells whether this session has passed the code. A user with an
authenticator is sent to enter its code; a user who must have one and has none, to set it up. The login and
logout pages, static files and the API (whose session check asks the same question) are left to themselves.
"""

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor

OPEN = ("/login/", "/logout/", "/api/", "/healthz")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        path = request.path_info
        if user.is_authenticated and not user.is_verified() and not path.startswith(settings.STATIC_URL):
            if path.startswith(OPEN):
                # The code pages show no menu: every link in it would lead back here.
                request.owes_second_factor = path.startswith("/login/") and second_factor.pending(user)
                return self.get_response(request)
            if not second_factor.pending(user):
                return self.get_response(request)
            name = "second_factor_verify" if second_factor.device_of(user) else "second_factor_setup"
            target = reverse(name)
            if request.method == "GET":
                target += "?next=" + quote(request.get_full_path())
            return redirect(target)
        return self.get_response(request)
