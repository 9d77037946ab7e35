"""The dashboards' charts on a 390 px phone and a 1366 px laptop: nothing overlaps, nothing is cut, the page never
scrolls sideways, and every number is written the Vietnamese way (93,2; 1.234,5)."""

import colorsys
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, has_no_horizontal_scroll
from tests.browser.signin import submit_login
from tests.conftest import FROZEN_TODAY
from xaso.core.numbers import format_number

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-du-dai-123"
SIZES = pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390px", "1366px"])
VIETNAMESE_SCORE = re.compile(r"^(\d{1,3},\d|—)$")

# Text boxes of the elements a selector finds, those that overlap each other, and those outside `within`.
TEXT_BOXES = """([selector, within]) => {
  const area = document.querySelector(within).getBoundingClientRect();
  const boxes = [...document.querySelectorAll(selector)].filter(e => e.textContent.trim()).map(e => {
    const range = document.createRange(); range.selectNodeContents(e);
    const r = range.getBoundingClientRect();
    return {text: e.textContent.trim(), l: r.left, r: r.right, t: r.top, b: r.bottom,
            size: parseFloat(getComputedStyle(e.nodeName === "text" ? e : e).fontSize)};
  });
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5) overlaps.push([a.text, b.text]);
  }));
  const outside = boxes.filter(a => a.l < area.left - 0.5 || a.r > area.right + 0.5).map(a => a.text);
  return {texts: boxes.map(a => a.text), sizes: boxes.map(a => a.size), overlaps, outside};
}"""


@pytest.fixture
def province(transactional_db, django_user_model):
    """A province of 20 communes with a year of reports, and its province officer."""
    from xaso.accounts.models import PROVINCE_OFFICER, Membership
    from xaso.plans.demo import generate_province
    from xaso.tracking.demo import add_progress

    province, plans = generate_province("Tỉnh Thử Nghiệm", 20, 2026)
    add_progress(plans, FROZEN_TODAY)
    user = django_user_model.objects.create_user("canbo.tinh", password=PASSWORD)
    Membership.objects.create(user=user, role=PROVINCE_OFFICER, province=province)
    return province


def _signed_in(page_at, live_server, size):
    return submit_login(page_at(*size), live_server, "canbo.tinh")


def test_the_chart_number_formatter_writes_numbers_as_the_server_does(page, live_server, transactional_db):
    cases = [  # (value, decimals, as written)
        (93.2, 1, "93,2"), (1234.5, 1, "1.234,5"), (1234567, None, "1.234.567"), (1000, 0, "1.000"),
        (0, None, "0"), (100, 1, "100,0"), (48, 1, "48,0"), (99.99, 2, "99,99"), (-1234.5, 1, "-1.234,5"),
        (0.5, None, "0,5"), (12.25, None, "12,25"),
    ]
    page.goto(live_server.url + "/login/")
    page.add_script_tag(url=live_server.url + "/static/xaso/numbers.js")
    written = page.evaluate("cases => cases.map(([v, d]) => window.xaso.formatNumber(v, d))",
                            [[value, decimals] for value, decimals, _ in cases])
    assert written == [expected for _, _, expected in cases]
    assert [format_number(Decimal(str(v)), d) for v, d, _ in cases] == written
    assert page.evaluate("window.xaso.formatNumber(0.1 + 0.2)") == "0,3"


def _chart_is_readable(page, labels):
    found = page.evaluate(TEXT_BOXES, ["#area-chart svg text", "#area-chart svg"])
    assert found["overlaps"] == [] and found["outside"] == []
    assert min(found["sizes"]) >= 12
    lines = " ".join(found["texts"])
    for label in labels:  # wrapped over lines, never cut short
        assert label in re.sub(r"\s+", " ", lines), label
    svg = page.locator("#area-chart svg").bounding_box()
    assert svg["width"] <= page.locator("#area-chart").bounding_box()["width"] + 0.5
    return found["texts"]


@SIZES
def test_the_commune_chart_keeps_its_labels_apart_and_follows_the_window(page_at, live_server, province, size):
    from xaso.tracking.figures import plan_figures

    commune = province.communes.order_by("id").first()
    figures = plan_figures(commune.plans.get(), FROZEN_TODAY)
    labels = [label for _, label, _, _ in figures.by_area()]
    scores = [format_number(Decimal(f"{score or 0:.1f}"), 1) for _, _, score, _ in figures.by_area()]
    page = _signed_in(page_at, live_server, size)
    page.goto(f"{live_server.url}/communes/{commune.pk}/dashboard/")
    expect(page.locator("#area-chart svg")).to_have_count(1)
    texts = _chart_is_readable(page, labels)
    assert [t for t in texts if re.fullmatch(r"[\d.,]+", t)] == ["0", "50", "100"] * (size == PHONE) + \
        ["0", "20", "40", "60", "80", "100"] * (size == LAPTOP) + scores
    assert has_no_horizontal_scroll(page)

    bars = page.locator("#area-chart svg path[fill='#0b5cad']")
    expect(bars).to_have_count(len(labels))
    bars.nth(3).hover()
    expect(page.locator("#area-chart .chart-tooltip")).to_have_text(f"{labels[3]}: {scores[3]}/100")

    other = LAPTOP if size == PHONE else PHONE
    page.set_viewport_size({"width": other[0], "height": other[1]})
    page.wait_for_function("w => Math.abs(document.querySelector('#area-chart svg').getBoundingClientRect().width"
                           " - document.querySelector('#area-chart').clientWidth) < 1", arg=other[0])
    _chart_is_readable(page, labels)
    assert has_no_horizontal_scroll(page)


def _hue(css_colour: str) -> float:
    red, green, blue = (int(x) / 255 for x in re.findall(r"\d+", css_colour)[:3])
    return colorsys.rgb_to_hls(red, green, blue)[0] * 360


@SIZES
def test_the_heat_map_is_readable_with_its_names_always_in_view(page_at, live_server, province, size):
    page = _signed_in(page_at, live_server, size)
    page.goto(f"{live_server.url}/provinces/{province.pk}/dashboard/")
    heat = page.locator("#heatmap")
    expect(heat.locator("tbody tr")).to_have_count(20)
    assert has_no_horizontal_scroll(page)

    found = page.evaluate(TEXT_BOXES, ["#heatmap th, #heatmap td", ".heat-wrap"])
    assert found["overlaps"] == [] and min(found["sizes"]) >= 12
    cells = heat.locator("tbody td")
    values = cells.all_inner_texts()
    assert len(values) == 20 * 10 and all(VIETNAMESE_SCORE.match(v) for v in values), values
    fits = page.evaluate("[...document.querySelectorAll('#heatmap td, #heatmap th')]"
                         ".every(c => c.scrollWidth <= c.clientWidth && c.scrollHeight <= c.clientHeight)")
    assert fits

    scored = [(float(v.replace(",", ".")), _hue(c)) for v, c in
              zip(values, cells.evaluate_all("cells => cells.map(c => getComputedStyle(c).backgroundColor)")) if v != "—"]
    for low, low_hue in scored:  # red (0) → yellow → green (120): a higher score is never redder
        assert all(high_hue >= low_hue - 2 for high, high_hue in scored if high > low + 1)

    wrap = page.locator(".heat-wrap")
    wrap.scroll_into_view_if_needed()
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; w.scrollTop = w.scrollHeight; }")
    frame = wrap.bounding_box()
    if size == PHONE:
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # the table scrolls inside its own box
    assert wrap.evaluate("w => w.scrollHeight > w.clientHeight")
    last_row_name = heat.locator("tbody tr").last.locator("th")
    corner_area = heat.locator("thead th").last
    for sticky in (last_row_name, corner_area):  # still in view, on top of the scrolled cells
        box = sticky.bounding_box()
        assert frame["x"] - 0.5 <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
        assert frame["y"] - 0.5 <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5
        on_top = sticky.evaluate("(e, [x, y]) => e.contains(document.elementFromPoint(x, y))",
                                 [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert on_top
    assert last_row_name.bounding_box()["x"] <= frame["x"] + 2
    assert has_no_horizontal_scroll(page)


@pytest.fixture
def country(transactional_db, django_user_model):
    """Three provinces sharing nine communes, a year of reports, and a national viewer."""
    from xaso.accounts.models import NATIONAL_VIEWER, Membership
    from xaso.plans.demo import generate_country
    from xaso.tracking.demo import add_progress

    for number, (_, plans) in enumerate(generate_country(3, 9, 2026)):
        add_progress(plans, FROZEN_TODAY, seed=number)
    user = django_user_model.objects.create_user("quocgia", password=PASSWORD)
    Membership.objects.create(user=user, role=NATIONAL_VIEWER)


@SIZES
def test_the_national_dashboard_ranks_provinces_and_opens_a_province_then_a_commune(page_at, live_server, country,
                                                                                    size):
    import openpyxl

    page = submit_login(page_at(*size), live_server, "quocgia")
    page.get_by_role("link", name="Bảng tiến độ cả nước").click()
    page.wait_for_url(live_server.url + "/national/dashboard/")
    rows = page.locator("#province-ranking tbody tr")
    expect(rows).to_have_count(3)
    scores = page.locator("#province-ranking td[data-label='Điểm']").all_inner_texts()
    assert all(VIETNAMESE_SCORE.match(s) for s in scores), scores
    numbers = [float(s.replace(",", ".")) for s in scores]
    assert numbers == sorted(numbers, reverse=True)
    expect(page.locator("#heatmap tbody tr")).to_have_count(3)
    expect(page.locator("#timeliness tbody tr")).to_have_count(3)
    assert has_no_horizontal_scroll(page)

    names = page.locator("#province-ranking td[data-label='Tỉnh']").all_inner_texts()
    ranking = page.locator("section", has=page.locator("#province-ranking"))
    with page.expect_download() as download:
        ranking.get_by_role("link", name="Tải Excel (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as file:
        sheet = openpyxl.load_workbook(file).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:4] == ("Hạng", "Tỉnh, thành phố", "Số xã", "Điểm")
    assert [row[1] for row in table[1:]] == names
    assert [format_number(Decimal(str(row[3])), 1) for row in table[1:]] == scores

    rows.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/provinces/\d+/dashboard/$"))
    expect(page.locator("h1")).to_contain_text(names[0])
    assert has_no_horizontal_scroll(page)
    commune = page.locator("#ranking tbody tr").first.get_by_role("link")
    commune_name = commune.inner_text()
    commune.click()
    page.wait_for_url(re.compile(r"/communes/\d+/dashboard/$"))
    expect(page.locator("h1")).to_contain_text(commune_name.removeprefix("Xã "))
    assert has_no_horizontal_scroll(page)
