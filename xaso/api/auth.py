"""Who calls the API: a signed-in browser session (CSRF-checked for writes) or a bearer key (xaso token)."""


from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from xaso.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    openapi_description = "Khóa API cấp bằng lệnh `xaso token NGƯỜI_DÙNG`, gửi trong tiêu đề Authorization: Bearer KHÓA."

    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user  # so history records who made each change
        return found.user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]
