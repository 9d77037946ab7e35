"""The province's commune evaluation in a real browser: the commune's officer self-assesses (a figure taken from the
plan, scores shown as figures are typed, evidence uploaded) and sends it; the province's officer adjusts one
component with a comment and finishes the review; the ranking moves."""

import io
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, has_no_horizontal_scroll
from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def _rank(page, name) -> tuple[str, str]:
    row = page.locator("#ranking tbody tr", has_text=f"Xã {name}")
    return row.locator("td.rank").inner_text(), row.locator("td.total").inner_text()


def test_self_assessment_reviewed_by_the_province_moves_the_ranking(browser, live_server, transactional_db, plan,
                                                                    django_user_model):
    from xaso.accounts.models import Membership
    from xaso.evaluation import services
    from xaso.plans.models import Commune

    commune = plan.commune
    plan.indicators.update(latest_value=D("86.5"), latest_period="2026-Q3")
    index = services.load_example(commune.province, 2026)
    other = Commune.objects.create(province=commune.province, name="Phúc Điền")
    theirs = services.assessment_for(index, other)
    inputs = {}
    for answer in theirs.answers.select_related("component"):
        kind, c = answer.component.scoring.kind, answer.component
        inputs[c.pk] = services.AnswerInput(
            yes=True if kind == "yes_no" else None,
            value=D(65) if c.code == "6.1" else {"ratio": D(100), "count": D(30), "manual": c.max_points}.get(kind),
            evidence_link="https://phucdien.example.vn/mc" if c.evidence_required else "")
    assert services.save_self_assessment(theirs, inputs, None, submit=True) == []  # 98 of 100
    officer = django_user_model.objects.create_user("canbo.xa", password=PASSWORD)
    Membership.objects.create(user=officer, role="commune_officer", commune=commune)
    province_officer = django_user_model.objects.create_user("canbo.tinh", password=PASSWORD)
    Membership.objects.create(user=province_officer, role="province_officer", province=commune.province)
    components = list(index.components.all())
    online = next(c for c in components if c.code == "6.1")

    page = sign_in(browser, live_server, "canbo.xa")
    page.goto(f"{live_server.url}/communes/{commune.pk}/")
    page.locator("#evaluation-link").click()
    row = page.locator("#row-6\\.1")
    expect(row.locator(".source-note")).to_contain_text(
        "Lấy từ số liệu chỉ tiêu “Tỷ lệ hồ sơ xử lý trực tuyến” đã duyệt (Quý III/2026)")
    expect(row.locator(".score")).to_have_text("6 / 6")
    row.locator(f"#id_c{online.pk}-value").fill("55,5")
    row.locator(f"#id_c{online.pk}-value").blur()
    expect(row.locator(".score")).to_have_text("2 / 6")  # computed by the server as it is typed
    row.locator(f"#id_c{online.pk}-value").fill("")
    row.locator(f"#id_c{online.pk}-numerator").fill("1.710")
    row.locator(f"#id_c{online.pk}-denominator").fill("1.900")
    row.locator(f"#id_c{online.pk}-denominator").blur()
    expect(row.locator(".score")).to_have_text("6 / 6")  # 90%
    for c in components:
        kind = c.scoring.kind
        if kind == "yes_no":
            page.select_option(f"#id_c{c.pk}-yes", label="Có")
        elif c is not online:
            page.fill(f"#id_c{c.pk}-value", {"ratio": "100", "count": "30", "manual": "1,5"}[kind])
        if c.evidence_required and c.code != "1.1":
            page.fill(f"#id_c{c.pk}-evidence_link", "https://yenlap.example.vn/minh-chung")
    page.get_by_role("button", name="Gửi tỉnh thẩm định").click()
    expect(page.locator("#problems")).to_contain_text("1.1: cần tải tệp hoặc ghi đường dẫn minh chứng.")
    first = next(c for c in components if c.code == "1.1")
    page.fill(f"#id_c{online.pk}-numerator", "1.710")
    page.fill(f"#id_c{online.pk}-denominator", "1.900")
    page.set_input_files(f"#id_c{first.pk}-evidence_file",
                         files=[{"name": "quyet-dinh-kien-toan.png", "mimeType": "image/png", "buffer": _png()}])
    page.get_by_role("button", name="Gửi tỉnh thẩm định").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi bản tự đánh giá lên tỉnh.")
    expect(page.locator("#self-total")).to_have_text("99,5")
    expect(page.locator("#row-1\\.1")).to_contain_text("quyet-dinh-kien-toan.png")

    tinh = sign_in(browser, live_server, "canbo.tinh")
    tinh.goto(f"{live_server.url}/provinces/{commune.province_id}/dashboard/")
    tinh.locator("#evaluation-home-link").click()
    tinh.get_by_role("link", name="Xếp hạng các xã").click()
    assert _rank(tinh, "Yên Lập") == ("1", "99,5") and _rank(tinh, "Phúc Điền") == ("2", "98")
    tinh.locator("#ranking").get_by_role("link", name="Xã Yên Lập").click()
    for c in components:
        tinh.select_option(f"#id_c{c.pk}-decision", value="accept")
    tinh.select_option(f"#id_c{online.pk}-decision", label="Điều chỉnh")
    tinh.fill(f"#id_c{online.pk}-score", "2")
    tinh.get_by_role("button", name="Hoàn thành thẩm định").click()
    expect(tinh.locator("#problems")).to_contain_text("6.1: Điều chỉnh điểm phải ghi ý kiến (lý do).")
    tinh.fill(f"#id_c{online.pk}-comment", "Số liệu chưa khớp Cổng dịch vụ công của tỉnh")
    tinh.get_by_role("button", name="Hoàn thành thẩm định").click()
    expect(tinh.get_by_role("status")).to_contain_text("Đã hoàn thành thẩm định.")
    expect(tinh.locator("#final-total")).to_have_text("95,5")
    expect(tinh.locator("#row-6\\.1 .review")).to_contain_text("Số liệu chưa khớp Cổng dịch vụ công của tỉnh")

    tinh.goto(f"{live_server.url}/evaluation/{index.pk}/ranking/")
    assert _rank(tinh, "Phúc Điền") == ("1", "98") and _rank(tinh, "Yên Lập") == ("2", "95,5")
    expect(tinh.locator("#heatmap")).to_contain_text("6.1.")

    page.reload()  # the commune reads the province's verdict
    expect(page.locator("#row-6\\.1 .review")).to_contain_text("Điều chỉnh: 2 điểm")

    phone = browser.new_context(locale="vi-VN", viewport={"width": PHONE[0], "height": PHONE[1]},
                                storage_state=tinh.context.storage_state()).new_page()
    for path in (f"/evaluation/{index.pk}/ranking/", f"/evaluation/{index.pk}/communes/{commune.pk}/",
                 f"/evaluation/{index.pk}/"):
        phone.goto(live_server.url + path)
        assert has_no_horizontal_scroll(phone), path
