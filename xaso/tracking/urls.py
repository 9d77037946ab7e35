from django.urls import path, register_converter

from xaso.core.periods import parse_period

from . import calendar_views, commune_report_views, views


class PeriodConverter:
    """A reporting period in a URL ("2026-Q3", "2026-H1", "2026-M03", "2026"), given to the view as its canonical
    code; anything xaso.core.periods cannot read ("2026-Q9", "abc") matches no page, so it answers 404."""

    regex = r"[0-9]{4}(?:-[QqHhMm][0-9]{1,2})?"

    def to_python(self, value: str) -> str:
        period = parse_period(value)
        if period is None:
            raise ValueError(value)
        return period.code

    def to_url(self, value) -> str:
        return getattr(value, "code", value)


register_converter(PeriodConverter, "period")

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("units/<int:pk>/tasks/", views.unit_tasks, name="unit_tasks"),
    path("units/<int:pk>/reports/", views.unit_reports, name="unit_reports"),
    path("tasks/<int:task_pk>/report/<int:unit_pk>/<period:period>/", views.report_task, name="report_task"),
    path("communes/<int:commune_pk>/reviews/", views.review_queue, name="review_queue"),
    path("plans/<int:plan_pk>/values/<int:unit_pk>/<period:period>/", views.indicator_values, name="indicator_values"),
    path("communes/<int:commune_pk>/dashboard/", views.commune_dashboard, name="commune_dashboard"),
    path("national/dashboard/", views.national_dashboard, name="national_dashboard"),
    path("provinces/<int:province_pk>/dashboard/", views.province_dashboard, name="province_dashboard"),
    path("communes/<int:commune_pk>/province-report/<period:period>/", commune_report_views.commune_report,
         name="commune_report"),
    path("commune-reports/<int:pk>/document/", commune_report_views.commune_report_file, name="commune_report_file"),
    path("provinces/<int:province_pk>/calendar/", calendar_views.report_calendar, name="report_calendar"),
    path("communes/<int:commune_pk>/reopenings/", calendar_views.reopenings, name="reopenings"),
]
