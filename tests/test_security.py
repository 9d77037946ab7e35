"""Security as a user and an auditor check it: the deploy checklist, the login limit, password rules in
Vietnamese, uploads that are never served as HTML, and no secret in the repository."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from xaso.tracking import services
from xaso.tracking.models import Evidence

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path), "XASO_DEBUG": "false", "XASO_HTTPS": "true",
           "XASO_ALLOWED_HOSTS": "xaso.example.gov.vn", "XASO_CSRF_TRUSTED_ORIGINS": "https://xaso.example.gov.vn",
           "XASO_SECRET_KEY": "k" * 10 + "Zx9!qP#w2@Lm$7vR%tY^uI&oA*sD(fG)hJ_kL+zX=cV-bN",
           "DJANGO_SETTINGS_MODULE": "xaso.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test suite for Playwright, never in production
    done = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_logins_are_rate_limited(db, django_user_model, settings):
    django_user_model.objects.create_user("canbo", password="mat-khau-du-dai-123")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/login/", {"username": "canbo", "password": "sai-mat-khau"})
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert client.post("/login/", {"username": "canbo", "password": "sai-lan-nua"}).status_code == 429
    locked = client.post("/login/", {"username": "canbo", "password": "mat-khau-du-dai-123"})
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    other_user = client.post("/login/", {"username": "nguoi-khac", "password": "x"})
    assert other_user.status_code == 200  # the lock holds this name from this address, not everyone


def test_password_rules_speak_vietnamese(officer_client, commune):
    response = officer_client.post(f"/communes/{commune.pk}/users/", {
        "username": "baocao", "full_name": "Nguyễn Văn A", "role": "leader", "password": "12345"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in page and "Mật khẩu này hoàn toàn là số." in page
    good = officer_client.post(f"/communes/{commune.pk}/users/", {
        "username": "baocao", "full_name": "Nguyễn Văn A", "role": "leader", "password": "Lua-chin-vang-2026"})
    assert good.status_code == 302


def test_uploads_are_never_served_as_html_nor_from_a_public_path(officer_client, plan, officer, today, settings):
    unit = plan.commune.units.get(short_name="TT PVHCC")
    report = services.save_task_report(user=officer, task=plan.tasks.get(lead_unit=unit), unit=unit,
                                       period_code="2026-Q4", today=today,
                                       data=services.TaskReportData(status="in_progress", percent=5))
    evidence = Evidence.objects.create(report=report, name="x.html", size=40,
                                       file=SimpleUploadedFile("x.html", b"<script>alert('xss')</script>"))
    response = officer_client.get(f"/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Path(evidence.file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not Path(settings.MEDIA_ROOT).resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert officer_client.get(f"/media/{evidence.file.name}").status_code == 404
    assert Client().get(f"/evidence/{evidence.pk}/").status_code == 302  # to the login page


def test_no_secret_is_committed():
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT).stdout.split()
    if not tracked:
        return  # not a git checkout (an unpacked release): nothing to inspect
    assert not [f for f in tracked if f.endswith(("secret_key", ".sqlite3", ".pem", ".key", ".env"))]
    settings_text = (ROOT / "xaso" / "settings.py").read_text()
    assert "SECRET_KEY = envsecret(" in settings_text
