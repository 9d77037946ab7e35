"""The second factor: a six-digit code from an authenticator app (TOTP, RFC 6238, kept by django-otp) after the
password. Who must use it is decided in xaso.plans.access; here: enrolment, checking a code, turning it off.

A code is accepted once (django-otp keeps the last time step used) and wrong codes slow the next try down
(django-otp's throttling: 1, 2, 4 … seconds after each failure, per device).
"""

from __future__ import annotations

import base64
import re

import qrcode
import qrcode.image.svg
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.plans import access

DEVICE_NAME = "Ứng dụng xác thực"
CODE = re.compile(r"^\d{6}$")


def required(user) -> bool:
    return access.must_use_second_factor(user)


def device_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending(user) -> bool:
    """Signed in with the password, the code still owed: the user has an authenticator, or must have one. The
    session's user comes with the answer (`has_authenticator`, read with the user by xaso.accounts.backends in the
    same request); any other user object asks the database."""
    has = getattr(user, "has_authenticator", None)
    if has is None:
        has = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return required(user) or has


def enrolment_device(user) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device per user, kept while the user scans and confirms."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no image file, nothing fetched from elsewhere)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=16, border=2)
    return image.to_string(encoding="unicode")


def check(device: TOTPDevice, code: str) -> str | None:
    """None when `code` is the device's current code, used for the first time; else why not, in Vietnamese."""
    code = re.sub(r"\s+", "", code or "")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        seconds = 1
        if info and info.get("locked_until"):
            seconds = max(1, int((info["locked_until"] - timezone.now()).total_seconds() + 0.999))
        return f"Mã vừa nhập sai. Để chống dò mã, hãy chờ {seconds} giây rồi nhập mã đang hiện trong ứng dụng."
    if not CODE.match(code):
        device.throttle_increment()
        return "Mã xác thực gồm đúng 6 chữ số, xem trong ứng dụng xác thực trên điện thoại."
    if not device.verify_token(code):
        return "Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trong ứng dụng."
    return None


def confirm(request, device: TOTPDevice) -> None:
    """The first code matched: the authenticator is the user's from now on, and this session has passed it."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.name = DEVICE_NAME
    device.save(update_fields=["confirmed", "name"])
    request.user.has_authenticator = True
    otp_login(request, device)


def turn_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    user.has_authenticator = False
