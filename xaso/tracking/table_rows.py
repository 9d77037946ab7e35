"""The rows of the dashboards' long tables, written as HTML here rather than in the templates: a province of 168
communes shows five tables of 168 rows, some 4,700 template variables, and Django's template engine spends about
10 µs on each (half the page's time). Every value below is escaped with `html.escape` or is a number formatted on
its line; links are shown only where xaso.plans.access lets the user open them, as the `allowed_url` tag does.
The templates keep the tables' heads, so the columns are read in one place."""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from xaso.core import status
from xaso.core.numbers import format_number
from xaso.core.periods import label_of
from xaso.plans import access


def _number(value, decimals: int | None = None) -> str:
    return format_number(value, decimals) or "—"


NOT_DUE = "chưa đến hạn"  # an on-time rate before the period's deadline: pages and their downloads alike


def _value(value, indicator) -> str:
    """An indicator's value as the commune page writes it: a percent keeps its sign."""
    return format_number(value) + ("%" if indicator.unit == "%" else "")


def _share(value, not_due: bool = False) -> str:
    if not_due:
        return NOT_DUE
    return "—" if value is None else f"{format_number(value, 1)}%"


def _cell(label: str, text: str, number: bool = False) -> str:
    kind = ' class="num"' if number else ""
    return f'<td{kind} data-label="{escape(label)}">{text}</td>'


def _linked(user, page: str, objects: tuple, text: str, query: str = "") -> str:
    """`text` (already escaped) as a link to `page` of `objects` where the user may open it, else as it is."""
    if not access.can_open(user, page, *objects):
        return text
    href = reverse(page, args=[getattr(obj, "pk", obj) for obj in objects]) + query
    return f'<a href="{escape(href)}">{text}</a>'


def _rows(rows: list[str], empty: str, columns: int) -> SafeString:
    return mark_safe("\n".join(rows) if rows else f'<tr><td colspan="{columns}">{escape(empty)}</td></tr>')


def ranking(user, ranking_rows, asked) -> SafeString:
    """The province's communes by score: rank, name (to its dashboard), score, tasks, late."""
    query = f"?period={asked.code}" if asked else ""
    rows = [
        "<tr>" + _cell("Hạng", str(rank), True)
        + _cell("Xã", _linked(user, "commune_dashboard", (commune,), escape(commune.title), query))
        + _cell("Điểm", _number(figures.score, 1), True) + _cell("Nhiệm vụ", str(figures.task_count), True)
        + _cell("Quá hạn", str(figures.late_count), True) + "</tr>"
        for rank, (commune, figures) in zip(status.ranks([f.score for _, f in ranking_rows]), ranking_rows)]
    return _rows(rows, "Chưa có xã nào có kế hoạch năm nay.", 5)


def heat_step(score: float) -> int:
    """The colour step of a score (0 … 20, five points each) that app.css paints red to green."""
    return max(0, min(20, round(score / 5)))


def heat_cells(scores: list[float | None]) -> SafeString:
    """One row's cells of a heat map: each score as users read it (93,2) and as the stylesheet's colour scale reads
    it (class h19: its colour step)."""
    return mark_safe("".join(
        '<td class="num">—</td>' if score is None
        else f'<td class="num h{heat_step(score)}">{format_number(score, 1)}</td>' for score in scores))


def heat(user, rows, asked, columns: int) -> SafeString:
    """The heat map's rows: each commune (to its dashboard) and its area cells (heat_cells)."""
    query = f"?period={asked.code}" if asked else ""
    html = [f'<tr><th scope="row">{_linked(user, "commune_dashboard", (commune,), escape(commune.title), query)}</th>'
            f"\n{cells}</tr>" for commune, cells in rows]
    return _rows(html, "Chưa có xã nào có kế hoạch năm nay.", columns + 1)


def timeliness(rows, head: str, not_due: bool) -> SafeString:
    """(who, counts of the period, counts of the year) per row (xaso.tracking.timeliness)."""
    html = [
        "<tr>" + _cell(head, escape(str(who))) + _cell("Phải gửi", _number(now.expected), True)
        + _cell("Đã gửi", _number(now.sent), True) + _cell("Đúng hạn", _number(now.on_time), True)
        + _cell("Tỷ lệ đúng hạn", _share(now.on_time_share, not_due), True)
        + _cell("Cả năm: phải gửi", _number(year.expected), True)
        + _cell("Cả năm: đúng hạn", _number(year.on_time), True)
        + _cell("Tỷ lệ cả năm", _share(year.on_time_share), True) + "</tr>"
        for who, now, year in rows]
    return _rows(html, "Chưa có báo cáo nào phải gửi.", 8)


def commune_states(user, states, period) -> SafeString:
    """Each commune's report of the period to the province (xaso.tracking.commune_reports.CommuneState)."""
    rows = []
    for s in states:
        badge = f'<span class="badge state-{escape(s.state)}">{escape(s.label)}</span>'
        if s.timing:
            badge += f' <span class="badge late">{escape(s.timing)}</span>'
        rows.append(
            "<tr>" + _cell("Xã", _linked(user, "commune_report", (s.commune, period), escape(s.commune.title)))
            + _cell("Trạng thái", badge) + _cell("Lần gửi", str(s.version) if s.version else "—", True)
            + _cell("Hạn gửi", f"{s.due:%d/%m/%Y}") + _cell("Ý kiến", escape(s.comment) if s.comment else "—")
            + "</tr>")
    return _rows(rows, "Tỉnh chưa có xã nào.", 5)


def compared(rows) -> SafeString:
    """One indicator across the communes: (commune, its row of xaso.tracking.figures or None, the verdict's words)."""
    html = [
        "<tr>" + _cell("Xã", escape(commune.title))
        + _cell("Chỉ tiêu", escape(row.indicator.target_text) if row and row.indicator.target_text else "—")
        + _cell("Mới nhất", _value(row.value, row.indicator) if row and row.value is not None else "—")
        + _cell("Đánh giá", escape(label) if label else "—") + "</tr>"
        for commune, row, label in rows]
    return mark_safe("\n".join(html))


# The commune page's tables (xaso.tracking.figures.PlanFigures): a plan of 60 tasks is some 1,000 template variables,
# most of the page's time. Written here as the template wrote them, byte for byte (tests/tracking/test_commune_rows.py
# renders the template's loops beside them).

def _or_dash(text) -> str:
    return escape(str(text)) if text else "—"


def _days_late(status, before: str) -> str:
    return f"{before}trễ {status.days_late} ngày" if status.days_late else ""


def task_figures(rows) -> SafeString:
    """Each task: name, lead, timeline and due date, status (days late), percent of its latest accepted report,
    score."""
    html = []
    for row in rows:
        task, state = row.task, row.status
        due = f'<div class="muted small">hạn {task.due_date:%d/%m/%Y}</div>' if task.due_date else ""
        late = f' <span class="days-late small">{_days_late(state, "")}</span>' if state.days_late else ""
        percent = f"{escape(format_number(row.percent))}%" if row.reported else "—"
        html.append(
            f'<tr data-task="{task.pk}"><td data-label="Nhiệm vụ">{escape(task.name)}</td>'
            f'<td data-label="Chủ trì">{_or_dash(task.lead_label)}</td>\n'
            f'<td data-label="Thời hạn">{_or_dash(task.timeline_text)}{due}</td>\n'
            f'<td data-label="Tình trạng" class="status"><span class="badge status-{escape(state.code)}">'
            f"{escape(state.label)}</span>{late}</td>\n"
            f'<td data-label="Tỷ lệ hoàn thành" class="num percent">{percent}</td>\n'
            f'<td data-label="Điểm" class="num score">{escape(format_number(row.score, 1))}</td></tr>\n')
    return mark_safe("".join(html) or '<tr><td colspan="6">Kế hoạch chưa có nhiệm vụ.</td></tr>')


def overdue(rows) -> SafeString:
    """The overdue tasks (PlanFigures.overdue): name, lead, timeline, status and days late."""
    html = [
        f'<tr><td data-label="Nhiệm vụ">{escape(row.task.name)}</td><td data-label="Chủ trì">{_or_dash(row.task.lead_label)}</td>\n'
        f'<td data-label="Thời hạn">{_or_dash(row.task.timeline_text)}</td>\n'
        f'<td data-label="Tình trạng">{escape(row.status.label)}{_days_late(row.status, ": ")}</td></tr>\n'
        for row in rows]
    return mark_safe("".join(html) or '<tr><td colspan="4">Không có nhiệm vụ quá hạn.</td></tr>')


def indicator_progress(rows) -> SafeString:
    """Each indicator: baseline, latest accepted value (and its period), target, verdict."""
    html = []
    for row in rows:
        indicator = row.indicator
        if row.value is not None:
            latest = (f'{escape(_value(row.value, indicator))} <span class="muted small">'
                      f"({escape(label_of(row.period))})</span>")
        else:
            latest = "—"
        html.append(
            f'<tr><td data-label="Chỉ tiêu">{escape(indicator.text)}</td><td data-label="Nền">{_or_dash(indicator.baseline_text)}</td>\n'
            f'<td data-label="Mới nhất">{latest}</td>\n'
            f'<td data-label="Chỉ tiêu">{_or_dash(indicator.target_text)}</td><td data-label="Đánh giá">'
            f'<span class="badge ind-{escape(row.status)}">{escape(row.label)}</span></td></tr>\n')
    return mark_safe("".join(html))


def area_scores(by_area) -> SafeString:
    """(code, label, score, count) per area (PlanFigures.by_area): the table under the chart."""
    return mark_safe("".join(
        f'<tr><td data-label="Lĩnh vực">{escape(label)}</td><td data-label="Điểm" class="num">{_number(score, 1)}</td>'
        f'<td data-label="Số mục" class="num">{n}</td></tr>' for _, label, score, n in by_area))


def area_chart(by_area) -> tuple[str, str]:
    """The chart's labels and scores (one decimal, 0 for an area without a score), each joined by "|", as the
    chart's data attributes read them (the template escapes them there)."""
    return ("|".join(label for _, label, _, _ in by_area),
            "|".join("%.1f" % (score if score is not None else 0) for _, _, score, _ in by_area))


def budget_lines(head: str, lines) -> SafeString:
    """A budget table's lines (xaso.core.budget.BudgetLine): planned, spent in the period, spent to date, the share
    spent (the `budget_rows` tag of tracking/_budget.html, which the plan page and both dashboards include)."""
    label = escape(head)
    return mark_safe("".join(
        f'<tr data-code="{escape(line.code)}"><td data-label="{label}">{escape(line.label)}</td>'
        f'<td data-label="Kế hoạch" class="num">{format_number(line.planned)}</td>'
        f'<td data-label="Đã chi trong kỳ" class="num">{format_number(line.spent_period)}</td>'
        f'<td data-label="Lũy kế đã chi" class="num">{format_number(line.spent_to_date)}</td>'
        f'<td data-label="Tỷ lệ đã chi (%)" class="num">{_share_spent(line.share)}</td></tr>' for line in lines))


def _share_spent(share) -> str:
    return "—" if share is None else format_number(share, 1)
