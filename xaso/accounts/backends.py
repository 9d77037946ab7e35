"""Who the session's user is, in one query: Django's ModelBackend, whose `get_user` (run on every signed-in request by
the authentication middleware) also brings the user's role (xaso.accounts.models.Membership, which every permission
check reads: xaso.plans.access) and whether the user has an authenticator app (which the second-factor check asks
of every user who has not given a code in this session: xaso.accounts.second_factor.pending). Both are read with the
user, in the same request: nothing is kept from one request to the next."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        user = (get_user_model()._default_manager.select_related("membership")
                .annotate(has_authenticator=Exists(confirmed)).filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None
