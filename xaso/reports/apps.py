from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xaso.reports"
    verbose_name = "Báo cáo"
