"""The evaluation through the API, as a province's other systems use it: the province's officer imports and
publishes an index, the commune's officer sends figures, the province reviews, the ranking follows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.evaluation.test_index_sheets import HEAD, xlsx
from xaso.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

ROWS = [["Chính quyền số", "6.1", "Tỷ lệ hồ sơ trực tuyến", "tỷ lệ: ≥80→6; ≥60→4; khác→0", 6, "không"],
        ["Chính quyền số", "6.2", "Họp không giấy tờ", "có/không", 2, "có"]]


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")


def test_import_self_assess_review_and_rank(officer, province_officer, commune):
    province, commune_api = _api(province_officer), _api(officer)
    url = f"/api/provinces/{commune.province_id}/evaluation/import?year=2026&publish=true"
    bad = province.post(url, {"document": SimpleUploadedFile("bo.xlsx", xlsx([HEAD, *ROWS, ["Chính quyền số", "6.1"]]))})
    assert bad.status_code == 400
    assert bad.json()["problems"] == ["Dòng 5: mã “6.1” trùng với dòng 3; chưa ghi tên tiêu chí; điểm tối đa “” phải là "
                                      "số lớn hơn 0, tối đa 1.000, không quá 2 chữ số sau dấu phẩy."]
    assert commune_api.post(url, {"document": SimpleUploadedFile("bo.xlsx", xlsx([HEAD, *ROWS]))}).status_code == 403
    made = province.post(url, {"document": SimpleUploadedFile("bo.xlsx", xlsx([HEAD, *ROWS]))})
    assert made.status_code == 200 and made.json()["state"] == "published"
    index = made.json()["id"]
    assert [c["code"] for c in commune_api.get(f"/api/evaluation/indexes/{index}").json()["components"]] == ["6.1", "6.2"]

    mine = f"/api/evaluation/indexes/{index}/communes/{commune.pk}"
    answers = [{"code": "6.1", "numerator": 1710, "denominator": 1900}, {"code": "6.2", "yes": True}]
    refused = commune_api.post(mine, {"answers": answers, "submit": True}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["problems"] == ["6.2: cần tải tệp hoặc ghi đường dẫn minh chứng."]
    answers[1]["evidence_link"] = "https://xa.example.vn/bien-ban-hop"
    sent = commune_api.post(mine, {"answers": answers, "submit": True}, content_type="application/json")
    assert sent.status_code == 200 and sent.json()["state"] == "submitted"
    assert [a["self_score"] for a in sent.json()["answers"]] == ["6.00", "2.00"]
    assert commune_api.post(mine, {"answers": answers}, content_type="application/json").status_code == 409
    assert commune_api.post(f"{mine}/review", {"decisions": []}, content_type="application/json").status_code == 403

    decisions = [{"code": "6.1", "accept": False, "score": 4}, {"code": "6.2", "accept": True}]
    no_comment = province.post(f"{mine}/review", {"decisions": decisions, "finish": True}, content_type="application/json")
    assert no_comment.status_code == 400 and no_comment.json()["problems"] == ["6.1: điều chỉnh điểm phải ghi ý kiến (lý do)."]
    decisions[0]["comment"] = "Tỷ lệ tính trên cả hồ sơ trực tiếp"
    unknown = province.post(f"{mine}/review", {"decisions": [{"code": "9.9", "accept": True}]},
                            content_type="application/json")
    assert unknown.status_code == 409 and "9.9" in unknown.json()["detail"]
    done = province.post(f"{mine}/review", {"decisions": decisions, "finish": True}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "reviewed"
    ranking = province.get(f"/api/evaluation/indexes/{index}/ranking").json()
    assert ranking == [{"rank": 1, "commune_id": commune.pk, "commune": "Yên Lập", "total": "6.00", "groups": ["6.00"],
                        "state": "reviewed"}]
    assert commune_api.get(f"/api/evaluation/indexes/{index}/ranking").status_code == 403
