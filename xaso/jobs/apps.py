from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "xaso.jobs"
    verbose_name = "Việc chạy nền"
