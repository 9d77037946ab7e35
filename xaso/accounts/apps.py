from django.apps import AppConfig
from django.db.models.signals import pre_save


class AccountsConfig(AppConfig):
    name = "xaso.accounts"
    verbose_name = "Người dùng và vai trò"

    def ready(self):
        from django.contrib.auth import get_user_model

        from .passwords import revoke_keys_on_new_password

        pre_save.connect(revoke_keys_on_new_password, sender=get_user_model(), dispatch_uid="xaso_revoke_keys")
