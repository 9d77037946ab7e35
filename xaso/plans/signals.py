"""A new commune gets the usual units, whichever way it is created (form, admin, import, demo)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Commune


@receiver(post_save, sender=Commune)
def preload_units(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        instance.add_default_units()
