"""Who a user is in xaso: a role and the place it applies to (province, commune or unit).

What each role may do is decided in xaso.plans.access, nowhere else.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from xaso.plans.models import Commune, Province, Unit

PROVINCE_OFFICER, COMMUNE_OFFICER, UNIT_REPORTER, LEADER = "province_officer", "commune_officer", "unit_reporter", "leader"
NATIONAL_VIEWER = "national_viewer"
ROLES = [
    (NATIONAL_VIEWER, "Cơ quan trung ương (xem mọi tỉnh)"),
    (PROVINCE_OFFICER, "Cán bộ Sở (cấp tỉnh)"),
    (COMMUNE_OFFICER, "Cán bộ phụ trách chuyển đổi số của xã"),
    (UNIT_REPORTER, "Người báo cáo của đơn vị"),
    (LEADER, "Lãnh đạo (chỉ xem)"),
]


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField("vai trò", max_length=20, choices=ROLES)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True, verbose_name="tỉnh")
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, null=True, blank=True, verbose_name="xã")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, verbose_name="đơn vị")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"

    def clean(self):
        """Each role names the one place it covers; the wider places follow from it."""
        if self.role == UNIT_REPORTER and not self.unit_id:
            raise ValidationError({"unit": "Người báo cáo phải thuộc một đơn vị."})
        if self.role == COMMUNE_OFFICER and not (self.commune_id or self.unit_id):
            raise ValidationError({"commune": "Cán bộ xã phải thuộc một xã."})
        if self.role == PROVINCE_OFFICER and not self.province_id:
            raise ValidationError({"province": "Cán bộ Sở phải thuộc một tỉnh."})
        if self.role == LEADER and not (self.province_id or self.commune_id):
            raise ValidationError({"province": "Lãnh đạo phải thuộc một tỉnh hoặc một xã."})
        if self.role == NATIONAL_VIEWER and (self.province_id or self.commune_id or self.unit_id):
            raise ValidationError({"province": "Vai trò trung ương xem mọi tỉnh: không chọn tỉnh, xã hay đơn vị."})

    def save(self, *args, **kwargs):
        if self.role != UNIT_REPORTER:
            self.unit = None
        if self.role == PROVINCE_OFFICER:
            self.commune = None
        if self.role == NATIONAL_VIEWER:  # the whole country: no place
            self.province = self.commune = None
            self.commune_id = self.province_id = None
        if self.unit_id:
            self.commune_id = self.unit.commune_id
        if self.commune_id:
            self.province_id = self.commune.province_id
        super().save(*args, **kwargs)


class ApiToken(models.Model):
    """A key for the REST API. Only its SHA-256 is stored: the key itself is shown once, when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên gợi nhớ", max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self):
        return f"{self.user} — {self.name or self.digest[:8]}"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> str:
        key = "xaso_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, name=name, digest=cls.hash(key))
        return key


class Authenticator(TOTPDevice):
    """A user's authenticator app (django-otp's TOTP device), as the admin lists it: the admin deletes the one of
    a user who lost the phone; the user sets a new one up at the next login."""

    class Meta:
        proxy = True
        verbose_name = "thiết bị xác thực hai bước"
        verbose_name_plural = "thiết bị xác thực hai bước"


class RateCount(models.Model):
    """How many requests one client made in the current window of one limit, shared by every worker process.

    One row per (limit, client), counted by a single upsert (xaso.accounts.ratelimit.hit): no read-then-write race
    between workers and one statement per request, where Django's database cache needs about a dozen.
    """

    name = models.CharField(max_length=255, primary_key=True)
    slot = models.BigIntegerField()  # the window's number: seconds since the epoch // the window's length
    hits = models.PositiveIntegerField()
    ends = models.BigIntegerField(db_index=True)  # when the window ends (epoch seconds), for pruning old rows
