"""The people of a commune (who has which role; the commune's officers add and deactivate them) and each user's
own account: password, second factor, API keys."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from xaso.plans import access
from xaso.plans.fields import posted_id

from . import second_factor
from .forms import MemberForm
from .models import ApiToken, Membership


@login_required
def commune_users(request, pk):
    commune = access.get_commune(request.user, pk, edit=True)
    form = MemberForm(request.POST or None, commune=commune)
    if request.method == "POST" and "toggle" in request.POST:
        member = get_object_or_404(Membership.objects.select_related("user"), pk=posted_id(request.POST, "toggle"),
                                   commune=commune)
        if member.user == request.user:
            messages.error(request, "Bạn không thể tự khóa tài khoản của mình.")
        else:
            member.user.is_active = not member.user.is_active
            member.user.save(update_fields=["is_active"])
            messages.success(request, f"Đã {'mở khóa' if member.user.is_active else 'khóa'} tài khoản {member.user.username}.")
        return redirect("commune_users", pk=commune.pk)
    if request.method == "POST" and "set_password" in request.POST:
        member = get_object_or_404(Membership.objects.select_related("user"), pk=request.POST["set_password"],
                                   commune=commune)
        _set_password(request, member.user, request.POST.get("new_password", ""))
        return redirect("commune_users", pk=commune.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = get_user_model().objects.create_user(data["username"], email=data["email"], password=data["password"],
                                                        first_name=data["full_name"])
            Membership.objects.create(user=user, role=data["role"], commune=commune, unit=data.get("unit"))
        messages.success(request, f"Đã thêm người dùng {user.username}.")
        return redirect("commune_users", pk=commune.pk)
    members = Membership.objects.filter(commune=commune).select_related("user", "unit").order_by("role", "user__username")
    return render(request, "accounts/commune_users.html", {"commune": commune, "members": members, "form": form},
                  status=400 if form.is_bound and form.errors else 200)


def _set_password(request, user, password: str) -> None:
    """An officer gives a member a new password (a forgotten one): the member's sessions end and keys are revoked
    with it (xaso.accounts.passwords); the officer's own is changed on the account page, with the old one."""
    if user == request.user:
        messages.error(request, "Hãy đổi mật khẩu của chính bạn ở trang Tài khoản.")
        return
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        messages.error(request, f"Chưa đặt mật khẩu cho {user.username}: {' '.join(error.messages)}")
        return
    user.set_password(password)
    user.save(update_fields=["password"])
    messages.success(request, f"Đã đặt mật khẩu mới cho {user.username}; mọi phiên đăng nhập của người này đã bị "
                              "đăng xuất. Hãy báo mật khẩu cho người đó.")


@login_required
def api_tokens(request):
    """A user's own API keys: made here (the key is shown once), revoked here."""
    new_key = None
    if request.method == "POST" and "revoke" in request.POST:
        ApiToken.objects.filter(user=request.user, pk=posted_id(request.POST, "revoke")).delete()
        messages.success(request, "Đã thu hồi khóa.")
        return redirect("api_tokens")
    if request.method == "POST":
        name = request.POST.get("name", "").replace("\x00", "").strip()[:100]  # PostgreSQL stores no NUL
        new_key = ApiToken.issue(request.user, name)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "new_key": new_key})


def _next(request, default="home") -> str:
    """Where to go after the code: the page the user asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                                  require_https=request.is_secure()):
        return target
    return resolve_url(default)


@login_required
def second_factor_verify(request):
    """After the password: the six-digit code of the user's authenticator app."""
    if request.user.is_verified() or not second_factor.pending(request.user):
        return redirect(_next(request))
    device = second_factor.device_of(request.user)
    if device is None:
        return redirect(f"{reverse('second_factor_setup')}?next={quote(_next(request))}")
    error = None
    if request.method == "POST":
        error = second_factor.check(device, request.POST.get("code", ""))
        if error is None:
            otp_login(request, device)
            return redirect(_next(request))
    return render(request, "registration/second_factor.html", {"error": error, "next": _next(request)},
                  status=400 if error else 200)


@login_required
def second_factor_setup(request):
    """Setting up the authenticator: scan the QR code (or type the key), then give one code to prove it works.
    A user who already has one and has not given its code in this session is sent to give it: a password alone
    never replaces an authenticator."""
    if second_factor.device_of(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('second_factor_verify')}?next={quote(_next(request))}")
    device = second_factor.enrolment_device(request.user)
    error = None
    if request.method == "POST":
        error = second_factor.check(device, request.POST.get("code", ""))
        if error is None:
            second_factor.confirm(request, device)
            messages.success(request, "Đã bật xác thực hai bước. Từ nay, sau mật khẩu bạn nhập mã trong ứng dụng.")
            return redirect(_next(request, "account"))
    return render(request, "registration/second_factor_setup.html", {
        "error": error, "next": _next(request, "account"), "qr": second_factor.qr_svg(device),
        "secret": second_factor.secret_text(device), "required": second_factor.required(request.user),
    }, status=400 if error else 200)


@login_required
def account(request):
    """The user's own security: the password, and the second factor (turned off with a current code, by those
    who may go without it)."""
    device = second_factor.device_of(request.user)
    required = second_factor.required(request.user)
    error = None
    if request.method == "POST" and "turn_off" in request.POST and device and not required:
        error = second_factor.check(device, request.POST.get("code", ""))
        if error is None:
            second_factor.turn_off(request.user)
            messages.success(request, "Đã tắt xác thực hai bước.")
            return redirect("account")
    return render(request, "accounts/account.html", {"device": device, "required": required, "error": error},
                  status=400 if error else 200)


class PasswordChange(auth_views.PasswordChangeView):
    """A user's new password: this session stays signed in, every other one is signed out (Django's session
    hash) and the user's API keys are revoked (xaso.accounts.passwords)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.")
        return response
