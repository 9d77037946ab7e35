"""Who the session's user is, in one query: Django's ModelBackend, whose `get_user` (run on every signed-in request by
the authentication middleware) also brings the user's role (xaso.accounts.models.Membership, which every permission
check reads: xaso.plans.access) and the id of the user's authenticator app, if any (whether the second-factor check
must ask for a code: xaso.accounts.second_factor.pending; whether the session has passed it:
xaso.accounts.middleware.SessionDeviceMiddleware). All are read with the user, in the same request: nothing is kept
from one request to the next but the statement's SQL, built once per process (xaso.statements)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, Subquery
from django_otp.plugins.otp_totp.models import TOTPDevice

from xaso.statements import Prepared

_USER = Prepared(lambda user: get_user_model()._default_manager.select_related("membership").annotate(
    authenticator_id=Subquery(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True).order_by("pk")
                              .values("pk")[:1])).filter(pk=user), user=int)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user = _USER.first(user=user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        user.has_authenticator = user.authenticator_id is not None
        return user
