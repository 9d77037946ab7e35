from django.contrib import admin

from .models import Commune, Indicator, Plan, Province, Task, Unit


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "code"]
    list_filter = ["province"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "commune"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    list_select_related = ["commune"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["position", "area", "text", "baseline_text", "target_text"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "commune", "year", "number", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "number", "commune__name"]
    list_select_related = ["commune"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "area", "target_text"]
    list_filter = ["area"]
    search_fields = ["text"]
    list_select_related = ["plan"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "area", "lead_unit", "timeline_text", "due_date"]
    list_filter = ["area", "recurring"]
    search_fields = ["name", "lead_text"]
    list_select_related = ["plan", "lead_unit"]
    autocomplete_fields = ["lead_unit", "partner_units"]
