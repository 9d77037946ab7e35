from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xaso.accounts"
    verbose_name = "Người dùng và vai trò"
