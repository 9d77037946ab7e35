"""The rows of the dashboards' long tables, written as HTML here rather than in the templates: a province of 168
communes shows five tables of 168 rows, some 4,700 template variables, and Django's template engine spends about
10 µs on each (half the page's time). Every value below is escaped with `html.escape` or is a number formatted on
its line; links are shown only where xaso.plans.access lets the user open them, as the `allowed_url` tag does.
The templates keep the tables' heads, so the columns are read in one place."""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from xaso.core.numbers import format_number
from xaso.plans import access


def _number(value, decimals: int | None = None) -> str:
    return format_number(value, decimals) or "—"


def _share(value, not_due: bool = False) -> str:
    if not_due:
        return "chưa đến hạn"
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
        for rank, (commune, figures) in enumerate(ranking_rows, start=1)]
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
        + _cell("Mới nhất", _number(row.value) if row and row.value is not None else "—")
        + _cell("Đánh giá", escape(label) if label else "—") + "</tr>"
        for commune, row, label in rows]
    return mark_safe("\n".join(html))
