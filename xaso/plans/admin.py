from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import trash
from .models import Commune, Indicator, Plan, Province, Task, Unit


class SoftDeleteAdmin(SimpleHistoryAdmin):
    """The administrator's deletions go to the trash too, so officers can restore them."""

    def delete_model(self, request, obj):
        trash.soft_delete(obj, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            trash.soft_delete(obj, request.user)


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Commune)
class CommuneAdmin(SoftDeleteAdmin):
    list_display = ["name", "kind", "province", "code"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(SoftDeleteAdmin):
    list_display = ["name", "short_name", "kind", "commune"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    list_select_related = ["commune"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    can_delete = False
    fields = ["position", "area", "text", "baseline_text", "target_text"]


@admin.register(Plan)
class PlanAdmin(SoftDeleteAdmin):
    list_display = ["title", "commune", "year", "number", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "number", "commune__name"]
    list_select_related = ["commune"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(SoftDeleteAdmin):
    list_display = ["text", "plan", "area", "target_text"]
    list_filter = ["area"]
    search_fields = ["text"]
    list_select_related = ["plan"]


@admin.register(Task)
class TaskAdmin(SoftDeleteAdmin):
    list_display = ["name", "plan", "area", "lead_unit", "timeline_text", "due_date"]
    list_filter = ["area", "recurring"]
    search_fields = ["name", "lead_text"]
    list_select_related = ["plan", "lead_unit"]
    autocomplete_fields = ["lead_unit", "partner_units"]
