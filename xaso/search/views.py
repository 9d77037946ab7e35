from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from xaso.plans import access

from . import index


def hits_for(user, query: str) -> list[dict]:
    """The one search both the page and the API call: only what the user may see."""
    # As a sub-select of commune ids: SQLite then reads the full-text matches first instead of walking
    # every entry of the province (6 ms instead of 285 ms on 200 communes, bench/search_bench.py).
    return index.search(query[:200], Q(commune_id__in=access.visible_communes(user).values("id")))


@login_required
def search(request):
    q = request.GET.get("q", "").strip()
    return render(request, "plans/search.html", {"q": q, "hits": hits_for(request.user, q) if q else [],
                                                 "limit": index.LIMIT})
