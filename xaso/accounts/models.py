"""Who a user is in xaso: a role and the place it applies to (province, commune or unit)."""

from django.conf import settings
from django.db import models

from xaso.plans.models import Commune, Province, Unit

PROVINCE_OFFICER, COMMUNE_OFFICER, UNIT_REPORTER, LEADER = "province_officer", "commune_officer", "unit_reporter", "leader"
ROLES = [
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

    class Meta:
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"
