"""Who calls the API and how often: a signed-in browser session (CSRF-checked for writes, past the second factor
where the user has one) or a bearer key (xaso token); settings.API_RATE requests per user, counted in the cache
every worker shares."""

import threading

from django.conf import settings
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from xaso.accounts import ratelimit, second_factor
from xaso.accounts.addresses import client_address
from xaso.accounts.models import ApiToken
from xaso.statements import Prepared

# every API request reads its key so, with the key's user and the user's role (the SQL built once per process)
_KEY = Prepared(lambda digest: ApiToken.objects.select_related("user__membership").filter(digest=digest)[:1],
                digest=str)


class TokenAuth(HttpBearer):
    openapi_description = "Khóa API cấp bằng lệnh `xaso token NGƯỜI_DÙNG`, gửi trong tiêu đề Authorization: Bearer KHÓA."

    def authenticate(self, request, token):
        found = _KEY.first(digest=ApiToken.hash(token))
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user  # so history records who made each change
        return found.user


class ActiveSessionAuth(SessionAuth):
    def _get_key(self, request):
        """No signed-in session: the caller is anonymous and gets the documented 401, never a 403 about CSRF.
        A signed-in browser's write without its CSRF token is refused in Vietnamese."""
        if not request.user.is_authenticated:
            return None
        try:
            return super()._get_key(request)
        except HttpError:
            raise HttpError(403, "Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang rồi thử lại.") from None

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if not (user and user.is_active):
            return None
        if not user.is_verified() and second_factor.pending(user):
            return None  # the password alone: the session has not passed the code yet
        return user


class PerUserRate(BaseThrottle):
    """API_RATE requests per user (by key or session alike), per address for a caller not yet known."""

    def __init__(self):
        self._local = threading.local()

    def allow_request(self, request) -> bool:
        auth = getattr(request, "auth", None)
        who = f"user:{auth.pk}" if getattr(auth, "pk", None) else f"address:{client_address(request)}"
        self._local.wait = ratelimit.hit("api", who, ratelimit.Rate.parse(settings.API_RATE))
        return self._local.wait is None

    def wait(self):
        return getattr(self._local, "wait", None)


AUTH = [TokenAuth(), ActiveSessionAuth()]
