"""The evaluation pages as their users work them: the province officer imports and publishes an index, the commune
officer self-assesses (scores shown as figures are typed) and sends it, the province reviews, the ranking and its
downloads follow; a leader reads and changes nothing."""

import io
import re
from decimal import Decimal as D

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.evaluation.test_index_sheets import GOOD, HEAD, xlsx
from tests.login import log_in
from xaso.accounts.models import LEADER, Membership
from xaso.evaluation import services
from xaso.evaluation.models import Assessment, EvaluationIndex

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(commune):
    return services.load_example(commune.province, 2026)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_province_officer_imports_and_publishes_an_index(province_client, commune):
    home = f"/provinces/{commune.province_id}/evaluation/"
    bad = SimpleUploadedFile("bo-chi-so.xlsx", xlsx([HEAD, GOOD, [*GOOD[:1], "6.1", *GOOD[2:]]]))
    response = province_client.post(home, {"year": "2026", "file": bad, "upload": ""})
    assert response.status_code == 400
    assert "Dòng 4: mã “6.1” trùng với dòng 3." in _text(response)
    assert not EvaluationIndex.objects.exists()
    program = SimpleUploadedFile("bo-chi-so.xlsx", b"MZ\x90\x00" + b"\x00" * 200)
    response = province_client.post(home, {"year": "2026", "file": program, "upload": ""})
    assert "không phải tệp Excel (.xlsx) hợp lệ: nội dung là một chương trình Windows (.exe)" in _text(response)
    good = SimpleUploadedFile("bo-chi-so.xlsx", xlsx([HEAD, GOOD]))
    response = province_client.post(home, {"year": "2026", "file": good, "upload": ""})
    index = EvaluationIndex.objects.get()
    assert response["Location"] == f"/evaluation/{index.pk}/" and index.state == EvaluationIndex.DRAFT
    province_client.post(f"/evaluation/{index.pk}/", {"publish": ""})
    index.refresh_from_db()
    assert index.published
    download = province_client.get(f"/evaluation/{index.pk}/?format=xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    again = province_client.post(home, {"year": "2027", "file": SimpleUploadedFile("x.xlsx", download.content), "upload": ""})
    assert again.status_code == 302 and EvaluationIndex.objects.get(year=2027).components.count() == 1


def test_the_example_button_starts_from_xasos_index(province_client, commune):
    province_client.post(f"/provinces/{commune.province_id}/evaluation/", {"year": "2026", "example": ""})
    assert EvaluationIndex.objects.get().components.count() == len(services.example_sheet().components)


def test_the_commune_officer_self_assesses_with_live_scores_and_sends(officer_client, index, commune):
    page = f"/evaluation/{index.pk}/communes/{commune.pk}/"
    response = officer_client.get(page)
    assert response.status_code == 200 and "Gửi tỉnh thẩm định" in _text(response)
    online = index.components.get(code="6.1")
    preview = officer_client.post(page, {"preview": str(online.pk), f"c{online.pk}-numerator": "1.710",
                                         f"c{online.pk}-denominator": "1.900"}, HTTP_HX_REQUEST="true")
    assert preview.content.decode() == "6 / 6"  # 90%: the top step
    preview = officer_client.post(page, {"preview": str(online.pk), f"c{online.pk}-value": "55,5"})
    assert preview.content.decode() == "2 / 6"
    preview = officer_client.post(page, {"preview": str(online.pk), f"c{online.pk}-value": "abc"})
    assert "Tỷ lệ phải là một số" in preview.content.decode()
    data = {}
    for c in index.components.all():
        kind = c.scoring.kind
        if kind == "yes_no":
            data[f"c{c.pk}-yes"] = "1"
        elif kind == "manual":
            data[f"c{c.pk}-value"] = "1,5"
        else:
            data[f"c{c.pk}-value"] = "100" if kind == "ratio" else "30"
        if c.evidence_required:
            data[f"c{c.pk}-evidence_link"] = "https://xa.example.vn/minh-chung"
    first = index.components.get(code="1.1")
    data.pop(f"c{first.pk}-evidence_link")
    data[f"c{first.pk}-evidence_file"] = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 not a pdf")
    response = officer_client.post(page, {**data, "submit": ""})
    assert response.status_code == 400
    assert "quyet-dinh.pdf" in _text(response) and "một chương trình Windows" in _text(response)
    data[f"c{first.pk}-evidence_file"] = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    response = officer_client.post(page, {**data, "submit": ""})
    assessment = Assessment.objects.get(commune=commune)
    if response.status_code == 302:
        assert assessment.state == Assessment.SUBMITTED
    else:  # pdfminer refuses the tiny hand-made PDF: the message says so and nothing is sent
        assert "quyet-dinh.pdf" in _text(response) and assessment.state == Assessment.DRAFT
        data[f"c{first.pk}-evidence_file"] = SimpleUploadedFile("anh.png", _png())
        response = officer_client.post(page, {**data, "submit": ""})
        assert response.status_code == 302, _text(response)[:2000]
        assessment.refresh_from_db()
    assert assessment.state == Assessment.SUBMITTED
    assert "Tổng điểm tự chấm: 99,5 / 100" in _text(officer_client.get(page))  # 5.4 scored by hand: 1,5 of 2  # 5.4 scored by hand: 1,5 of 2
    answer = assessment.answers.get(component=first)
    evidence = officer_client.get(f"/evaluation/evidence/{answer.pk}/")
    assert evidence.status_code == 200 and "attachment" in evidence["Content-Disposition"]
    assert officer_client.post(page, {**data, "save": ""}).status_code == 403  # sent: read-only now


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def _submitted(index, commune, officer):
    assessment = services.assessment_for(index, commune)
    inputs = {}
    for answer in assessment.answers.select_related("component"):
        kind = answer.component.scoring.kind
        inputs[answer.component_id] = services.AnswerInput(
            yes=True if kind == "yes_no" else None,
            value={"ratio": D(100), "count": D(30), "manual": answer.component.max_points}.get(kind),
            evidence_link="https://xa.example.vn/mc" if answer.component.evidence_required else "")
    assert services.save_self_assessment(assessment, inputs, officer, submit=True) == []
    return assessment


def test_the_province_reviews_with_a_comment_for_each_adjustment(province_client, index, commune, officer):
    assessment = _submitted(index, commune, officer)
    page = f"/evaluation/{index.pk}/communes/{commune.pk}/"
    assert "Hoàn thành thẩm định" in _text(province_client.get(page))
    data = {f"c{c.pk}-decision": "accept" for c in index.components.all()}
    online = index.components.get(code="6.1")
    data.update({f"c{online.pk}-decision": "adjust", f"c{online.pk}-score": "2"})
    response = province_client.post(page, {**data, "finish": ""})
    assert response.status_code == 400 and "Điều chỉnh điểm phải ghi ý kiến (lý do)." in _text(response)
    data[f"c{online.pk}-comment"] = "Số liệu chưa khớp Cổng dịch vụ công"
    assert province_client.post(page, {**data, "finish": ""}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == Assessment.REVIEWED
    text = _text(province_client.get(page))
    assert "Điều chỉnh: 2 điểm" in text and "Số liệu chưa khớp Cổng dịch vụ công" in text
    assert "Tổng điểm sau thẩm định: 96" in text
    ranking = province_client.get(f"/evaluation/{index.pk}/ranking/")
    assert re.search(r"1 Xã Yên Lập 96 ", _text(ranking))
    book = openpyxl.load_workbook(io.BytesIO(province_client.get(f"/evaluation/{index.pk}/ranking/?format=xlsx").content))
    assert [c.value for c in book["Xếp hạng"][3]][:3] == [1, "Yên Lập", 96]
    assert book["Theo tiêu chí"]["E8"].value is not None
    report = province_client.get(f"/evaluation/{index.pk}/ranking/?format=docx")
    words = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    cells = " ".join(c.text for t in docx.Document(io.BytesIO(report.content)).tables for r in t.rows for c in r.cells)
    assert "Kết quả đánh giá, xếp hạng mức độ chuyển đổi số cấp xã năm 2026" in words
    assert "Số liệu chưa khớp Cổng dịch vụ công" in cells and "Yên Lập" in cells
    answer = assessment.answers.get(component=online)
    history = _text(province_client.get(f"/history/answer/{answer.pk}/"))
    assert "Số liệu chưa khớp Cổng dịch vụ công" in history and "Điều chỉnh" in history
    assert f'href="/history/answer/{answer.pk}/"' in province_client.get(page).content.decode()
    reopen = province_client.post(page, {"reopen": ""})
    assessment.refresh_from_db()
    assert reopen.status_code == 302 and assessment.state == Assessment.SUBMITTED


def test_a_leader_reads_and_changes_nothing(index, commune, officer, django_user_model):
    _submitted(index, commune, officer)
    leader = django_user_model.objects.create_user("lanhdao", password="mat-khau-du-dai-123")
    Membership.objects.create(user=leader, role=LEADER, commune=commune)
    client = log_in(Client(), leader)
    page = f"/evaluation/{index.pk}/communes/{commune.pk}/"
    text = _text(client.get(page))
    assert "Tổng điểm tự chấm" in text and "Gửi tỉnh" not in text and "Hoàn thành thẩm định" not in text
    assert client.post(page, {"save": ""}).status_code == 403
    assert client.get(f"/evaluation/{index.pk}/ranking/").status_code == 403  # the ranking is the province's


def test_the_links_lead_there(province_client, officer_client, index, commune):
    dashboard = province_client.get(f"/provinces/{commune.province_id}/dashboard/")
    assert f'href="/provinces/{commune.province_id}/evaluation/"' in dashboard.content.decode()
    assert "Đánh giá xếp hạng xã" in _text(dashboard)
    commune_page = officer_client.get(f"/communes/{commune.pk}/")
    assert f'href="/evaluation/{index.pk}/communes/{commune.pk}/"' in commune_page.content.decode()


def test_the_results_report_passes_the_checker(province_client, index, commune, officer):
    """The .docx is an official document like the other reports: the checker finds no error in it."""
    from xaso.checks import check_document, has_errors
    from xaso.documents.reader import read_bytes

    _submitted(index, commune, officer)
    data = province_client.get(f"/evaluation/{index.pk}/ranking/?format=docx").content
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (30, 15, 20)
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text and "Số: …/BC-UBND" in text
    findings = check_document(read_bytes(data, "bao-cao-danh-gia.docx"))
    assert not has_errors(findings), [f.message for f in findings]


def test_the_results_report_as_pdf_for_signing(province_client, index, commune, officer):
    from xaso.reports import pdf

    if not pdf.find_converter():
        pytest.skip("Không có LibreOffice (soffice): chạy `make test` để cài gói libreoffice-writer-nogui.")
    _submitted(index, commune, officer)
    response = province_client.get(f"/evaluation/{index.pk}/ranking/?format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and pdf.pdfa_part(response.content) == 2
    assert 'filename="bao-cao-ket-qua-danh-gia-xep-hang-xa-tinh-kiem-thu-2026.pdf"' in response["Content-Disposition"]


def test_without_libreoffice_the_ranking_page_says_what_to_install(province_client, index, monkeypatch):
    monkeypatch.setattr("xaso.reports.pdf.find_converter", lambda: None)
    response = province_client.get(f"/evaluation/{index.pk}/ranking/?format=pdf", follow=True)
    assert response.redirect_chain[-1][0] == f"/evaluation/{index.pk}/ranking/"
    assert "sudo apt-get install libreoffice-writer-nogui" in _text(response)
