"""Password rules. Django's own validators speak Vietnamese except the length one, whose plural form the
Vietnamese catalogue lacks; this one says it. And what a new password ends."""

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.", code="password_too_short",
                                  params={"min_length": self.min_length})

    def get_help_text(self):
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


def revoke_keys_on_new_password(sender, instance, update_fields=None, **kwargs):
    """A new password, whoever sets it (the user's page, the admin, `xaso createadmin`, the demo): the user's API
    keys are revoked. A key is as good as the password it was made with, and a password is changed because it may
    have leaked; a key made by whoever held it must not outlive it. (Sessions need nothing here: Django signs each
    one with the password hash, so every session made before the change is signed out by it.)

    A change is what Django calls one (`set_password`, which leaves the raw password on the user until saved): the
    same password stored again under a stronger hash (Django upgrades old hashes at login) is not, nor is the same
    password set again."""
    raw = getattr(instance, "_password", None)
    if raw is None or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is None or check_password(raw, old):
        return
    from .models import ApiToken

    ApiToken.objects.filter(user_id=instance.pk).delete()
