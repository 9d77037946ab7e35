"""Signing a test client in as a person does: the password, then the six-digit code of the account's
authenticator app where the account has one or must have one (province, administrator: xaso.accounts.second_factor).
The code is computed from the device's key exactly as the phone does; the requirement is never switched off."""

import base64
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.accounts import second_factor

PASSWORD = "mat-khau-du-dai-123"


def code_at(key: bytes, step: int | None = None) -> tuple[str, int]:
    """The code of `key` at time step `step` (now when None), and that step."""
    totp = TOTP(key)
    totp.time = time.time() if step is None else step * totp.step
    return f"{totp.token():06d}", totp.t()


def code_from_secret(secret: str, after_step: int = -1) -> tuple[str, int]:
    """The code an app shows for the key written on the setup page (base32, grouped), at the first step not used."""
    text = secret.replace(" ", "").upper()
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    now = code_at(key)[1]
    return code_at(key, max(now, after_step + 1))


def next_code(device: TOTPDevice) -> str:
    """The device's code for now, or for the next time step when this one's code was already used (a code is
    accepted once; the server also accepts the next step's code, as for a phone whose clock runs a little ahead)."""
    device.refresh_from_db()
    now = code_at(device.bin_key)[1] + device.drift  # the step the server takes for now
    return code_at(device.bin_key, max(now, device.last_t + 1))[0]


def enrolled(user) -> TOTPDevice:
    """The user's authenticator, set up once (as on the setup page) if the user had none."""
    return second_factor.device_of(user) or TOTPDevice.objects.create(user=user, name=second_factor.DEVICE_NAME,
                                                                      confirmed=True)


def log_in(client, user):
    """`client` signed in as `user`, past the code step where the user owes one."""
    client.force_login(user)
    if second_factor.pending(user):
        response = client.post("/login/code/", {"code": next_code(enrolled(user))})
        assert response.status_code == 302, response.content.decode()[:2000]
    return client
