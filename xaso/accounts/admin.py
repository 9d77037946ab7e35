from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, Authenticator, Membership

admin.site.unregister(TOTPDevice)  # django-otp's own page speaks English; Authenticator below is the same rows


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "province", "commune", "unit"]
    list_filter = ["role"]
    autocomplete_fields = ["unit"]
    search_fields = ["user__username"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "last_used_at"]
    readonly_fields = ["created_at", "last_used_at"]
    search_fields = ["user__username", "name"]


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Listed and deleted, never made or edited here: a device is set up by its owner scanning its key."""

    list_display = ["user", "state", "last_used"]
    list_display_links = None
    search_fields = ["user__username"]

    @admin.display(description="trạng thái")
    def state(self, device):
        return "đang dùng" if device.confirmed else "đang cài đặt"

    @admin.display(description="dùng gần nhất")
    def last_used(self, device):
        return device.last_used_at

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
