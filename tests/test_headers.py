"""Every page and download carries the Content-Security-Policy and `Cache-Control: no-store, private`; static
files keep their own caching (xaso/headers.py)."""

import pytest
from django.urls import reverse

from xaso.headers import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db
DIRECTIVES = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
              "frame-ancestors 'none'", "form-action 'self'", "base-uri 'self'"]


def _urls(plan):
    commune, province = plan.commune, plan.commune.province
    task = plan.tasks.first()
    return [
        "/login/", "/", reverse("plan_detail", args=[plan.pk]),
        reverse("commune_dashboard", args=[commune.pk]), reverse("province_dashboard", args=[province.pk]),
        reverse("report_task", args=[task.pk, task.lead_unit_id, "2026-Q4"]),
        reverse("task_edit", args=[task.pk]), reverse("import_upload", args=[commune.pk]),
        reverse("check_upload"), reverse("province_report", args=[province.pk]),
        reverse("province_dashboard", args=[province.pk]) + "?table=ranking&format=csv",
        reverse("plan_report", args=[plan.pk]) + "?format=xlsx&period=2026",
        "/api/communes/", "/khong-co-trang-nay/",
    ]


def test_the_policy_names_every_directive():
    assert set(CONTENT_SECURITY_POLICY.split("; ")) >= set(DIRECTIVES)


def test_every_page_and_download_has_the_policy_and_is_never_stored(province_client, plan):
    for url in _urls(plan)[1:]:
        response = province_client.get(url)
        assert response.status_code in (200, 302, 404), url
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url
        assert response["Cache-Control"] == "no-store, private", url


def test_pages_before_login_have_them_too(client, plan):
    for url in _urls(plan):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store, private" and "Content-Security-Policy" in response, url


def test_no_template_holds_an_inline_script_or_style():
    """What the policy would block: an inline <script>, an on…= handler, a style= attribute."""
    import re
    from pathlib import Path

    import xaso

    found = []
    for template in Path(xaso.__file__).parent.joinpath("templates").rglob("*.html"):
        text = template.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\sstyle\s*="):
            found += [f"{template.name}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert found == []
