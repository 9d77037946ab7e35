from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "province", "commune", "unit"]
    list_filter = ["role"]
    autocomplete_fields = ["unit"]
    search_fields = ["user__username"]
