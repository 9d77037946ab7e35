from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "xaso.tracking"
    verbose_name = "Theo dõi thực hiện"
