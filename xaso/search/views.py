from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xaso.plans import access

from . import index


def hits_for(user, query: str) -> list[dict]:
    """The one search both the page and the API call: only what the user may see."""
    return index.search(query[:200], access.commune_filter(user, "commune"))


@login_required
def search(request):
    q = request.GET.get("q", "").strip()
    return render(request, "plans/search.html", {"q": q, "hits": hits_for(request.user, q) if q else [],
                                                 "limit": index.LIMIT})
