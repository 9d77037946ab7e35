"""The people of a commune: who has which role; the commune's officers add and deactivate them."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from xaso.plans import access

from .forms import MemberForm
from .models import ApiToken, Membership


@login_required
def commune_users(request, pk):
    commune = access.get_commune(request.user, pk, edit=True)
    form = MemberForm(request.POST or None, commune=commune)
    if request.method == "POST" and "toggle" in request.POST:
        member = get_object_or_404(Membership.objects.select_related("user"), pk=request.POST["toggle"], commune=commune)
        if member.user == request.user:
            messages.error(request, "Bạn không thể tự khóa tài khoản của mình.")
        else:
            member.user.is_active = not member.user.is_active
            member.user.save(update_fields=["is_active"])
            messages.success(request, f"Đã {'mở khóa' if member.user.is_active else 'khóa'} tài khoản {member.user.username}.")
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


@login_required
def api_tokens(request):
    """A user's own API keys: made here (the key is shown once), revoked here."""
    new_key = None
    if request.method == "POST" and "revoke" in request.POST:
        ApiToken.objects.filter(user=request.user, pk=request.POST["revoke"]).delete()
        messages.success(request, "Đã thu hồi khóa.")
        return redirect("api_tokens")
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:100]
        new_key = ApiToken.issue(request.user, name)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "new_key": new_key})
