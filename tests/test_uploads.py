"""Every page that takes a file checks it by its content: a hostile file gets the same Vietnamese message on the
report form (evidence), on the import page and through the API's import, and nothing of it is kept — no row,
no file on disk."""

import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso.documents import DocumentError
from xaso.documents.uploads import Limits, check_upload
from xaso.plans.models import ImportDraft, Plan
from xaso.tracking.forms import EVIDENCE_TYPES
from xaso.tracking.models import Evidence, TaskReport

from . import hostile_files as files
from .import_jobs import upload

pytestmark = pytest.mark.django_db
FIELD_ERROR = re.compile(r'<p class="field-error" id="id_(?:evidence_file|document)_error">(.*?)</p>'
                         r'|<p class="error" role="alert" id="job-error">(.*?)</p>', re.S)


def _error(response) -> str:
    found = ["".join(groups) for groups in FIELD_ERROR.findall(response.content.decode())]
    assert len(found) == 1, "one message beside the file field (or on the page of the import's job)"
    return html.unescape(found[0])


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _send_evidence(client, plan, name, data):
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    return client.post(reverse("report_task", args=[task.pk, task.lead_unit_id, "2026-Q4"]), {
        "status": "in_progress", "percent": "10", "submit": "1", "evidence_file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("name,make,code,imports", files.HOSTILE, ids=[case[0] for case in files.HOSTILE])
def test_a_hostile_file_gets_one_message_everywhere_and_nothing_is_kept(officer_client, plan, settings,
                                                                        name, make, code, imports):
    data = make()
    with pytest.raises(DocumentError) as caught:
        check_upload(data, name, EVIDENCE_TYPES)
    assert caught.value.code == code
    expected = caught.value.message
    assert f"“{name}”" in expected

    evidence = _send_evidence(officer_client, plan, name, data)
    assert evidence.status_code == 400 and _error(evidence) == expected
    assert not TaskReport.objects.exists() and not Evidence.objects.exists()
    assert _stored_files(settings) == []

    if imports:
        imported = upload(officer_client, plan.commune, name, data)
        assert imported.status_code in (200, 400) and _error(imported) == expected
        through_api = officer_client.post(f"/api/communes/{plan.commune_id}/plans/import",
                                          {"document": SimpleUploadedFile(name, data)})
        assert through_api.status_code == 400 and through_api.json()["detail"] == expected
        assert not ImportDraft.objects.exists() and Plan.objects.count() == 1
        assert _stored_files(settings) == []


@pytest.mark.parametrize("name,make", [
    ("bien-ban.pdf", files.pdf),
    ("bien-ban.docx", files.docx),
    ("so-lieu.xlsx", files.xlsx),
    ("anh-hop-thon.png", lambda: files.image("PNG")),
    ("anh-hop-thon.jpg", lambda: files.image("JPEG")),
    ("anh-dien-thoai.jpeg", lambda: files.image("JPEG", (4000, 3000))),  # a 12-megapixel phone photo
])
def test_real_evidence_is_kept_and_served_back_unchanged(officer_client, plan, name, make):
    data = make()
    response = _send_evidence(officer_client, plan, name, data)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.name, evidence.size, evidence.report.state) == (name, len(data), "submitted")
    served = officer_client.get(reverse("evidence_file", args=[evidence.pk]))
    assert b"".join(served.streaming_content) == data


def test_an_image_too_large_to_decode_safely_is_refused(officer_client, plan, monkeypatch):
    monkeypatch.setattr("xaso.tracking.forms.EVIDENCE_LIMITS", Limits(max_image_pixels=2_000_000))
    response = _send_evidence(officer_client, plan, "anh.png", files.image("PNG", (2000, 1500)))
    assert response.status_code == 400
    assert _error(response) == ("Ảnh “anh.png” quá lớn (2000 × 1500 điểm ảnh); hãy thu nhỏ ảnh (tối đa 2 triệu điểm ảnh) "
                                "rồi tải lại.")
    assert not Evidence.objects.exists()


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PAGE = "<!doctype html><html><body><script>fetch('/api/plans')</script>Biên bản</body></html>".encode()
RENAMED = [  # (name it is given, what it really is)
    ("bien-ban.pdf", ELF), ("bien-ban.docx", ELF), ("bien-ban.xlsx", ELF), ("anh.png", ELF),
    ("bien-ban.pdf", files.EXE), ("bien-ban.docx", files.EXE),
    ("bien-ban.pdf", PAGE), ("bien-ban.docx", PAGE), ("anh.jpg", PAGE),
    ("bien-ban.pdf", files.plain_zip()), ("bien-ban.xlsx", files.plain_zip()),
]


@pytest.mark.parametrize("name,data", RENAMED, ids=[f"{n}-{d[:4]!r}" for n, d in RENAMED])
def test_a_renamed_program_or_page_is_refused_on_every_path(officer_client, client, plan, settings, name, data):
    """The one content check (xaso.documents.uploads) on each path a file enters by: the report's evidence, the
    import page, the API's import and the public check page; nothing of it is stored."""
    with pytest.raises(DocumentError) as caught:
        check_upload(data, name, EVIDENCE_TYPES)
    expected = caught.value.message
    evidence = _send_evidence(officer_client, plan, name, data)
    assert evidence.status_code == 400 and _error(evidence) == expected
    if not name.endswith((".png", ".jpg")):
        imported = upload(officer_client, plan.commune, name, data)
        assert imported.status_code in (200, 400) and _error(imported) == expected
        through_api = officer_client.post(f"/api/communes/{plan.commune_id}/plans/import",
                                          {"document": SimpleUploadedFile(name, data)})
        assert through_api.status_code == 400 and through_api.json()["detail"] == expected
        checked = client.post(reverse("check_upload"), {"document": SimpleUploadedFile(name, data)})
        assert checked.status_code == 400 and expected in html.unescape(checked.content.decode())
    assert not Evidence.objects.exists() and not ImportDraft.objects.exists() and Plan.objects.count() == 1
    assert _stored_files(settings) == []
