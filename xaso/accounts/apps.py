from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


def _create_cache_table(using, **kwargs):
    """The shared counters' table (settings.CACHES) comes with every `migrate`: `xaso migrate`, `xaso demo`, tests."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "xaso.accounts"
    verbose_name = "Người dùng và vai trò"

    def ready(self):
        from django.contrib.auth import get_user_model

        from .passwords import revoke_keys_on_new_password

        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="xaso_create_cache_table")
        pre_save.connect(revoke_keys_on_new_password, sender=get_user_model(), dispatch_uid="xaso_revoke_keys")
