"""The second factor on every request (xaso.accounts.second_factor): which device this session has passed, and
nothing but the code page after the password for a user who still owes one.

SecondFactorMiddleware is installed right after SessionDeviceMiddleware (django-otp's), which tells whether this
session has passed the code. A user with an authenticator is sent to enter its code; a user who must have one and has
none, to set it up. The login and logout pages, static files and the API (whose session check asks the same
question) are left to themselves.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

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


class SessionDeviceMiddleware(OTPMiddleware):
    """django-otp's middleware (`user.otp_device`: the device whose code this session has passed, or None) without its
    query on every request: when the session's device is the user's authenticator, read with the user
    (xaso.accounts.backends: `authenticator_id`, confirmed and the user's own), the device is loaded only if used.
    Any other device id in the session goes through django-otp's own check.

    `request.user` is the user itself, read here rather than on first use: SecondFactorMiddleware, next, reads it on
    every request anyway, and the two lazy wrappers (Django's, django-otp's around it) cost each of the user's
    attributes read about 2 µs, 30 µs for a permission check: a province page asks some 500."""

    def _install_lazy_accessors(self, request):
        super()._install_lazy_accessors(request)  # request.auser stays django-otp's
        request.user = self._verify_user_sync(request, get_user(request))

    def _verify_user_sync(self, request, user):
        device_id = getattr(user, "authenticator_id", None)
        if device_id is None or request.session.get(DEVICE_ID_SESSION_KEY) != f"{TOTPDevice.model_label()}/{device_id}":
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        user.otp_device = SimpleLazyObject(lambda: TOTPDevice.objects.get(pk=device_id))
        return user
