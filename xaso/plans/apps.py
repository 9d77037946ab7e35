from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "xaso.plans"
    verbose_name = "Kế hoạch chuyển đổi số"

    def ready(self):
        from . import signals  # noqa: F401
