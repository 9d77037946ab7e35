from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from xaso.plans import access

from . import index


def hits_for(user, query: str) -> index.Results:
    """The one search both the page and the API call: only what the user may see."""
    # As a sub-select of commune ids: SQLite then reads the full-text matches first instead of walking
    # every entry of the province (6 ms instead of 285 ms on 200 communes, bench/search_bench.py).
    return index.search(query[:200], Q(commune_id__in=access.visible_communes(user).values("id")))


@login_required
def search(request):
    """Results LIMIT to a page, each naming its commune (and its province for those who see several)."""
    q = request.GET.get("q", "").strip()
    results = hits_for(request.user, q) if q else index.Results([], 0)
    page = Paginator(results.hits, index.LIMIT).get_page(request.GET.get("page"))
    member = access.membership(request.user)
    return render(request, "plans/search.html", {
        "q": q, "page": page, "total": results.total, "ranked": len(results.hits),
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "show_province": member is None or member.commune_id is None})
