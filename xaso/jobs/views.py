"""The page of a background job: its progress bar, refreshed by htmx without reloading, then its result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from xaso.plans import access

from .services import result_url


@login_required
def job_detail(request, pk):
    job = access.get_job(request.user, pk)
    if job.state == job.DONE and (url := result_url(job)):
        return redirect(url)
    return render(request, "jobs/job_detail.html", {"job": job})


@login_required
def job_status(request, pk):
    """The status block alone, polled every second; a finished job sends the browser on (HX-Redirect)."""
    job = access.get_job(request.user, pk)
    response = render(request, "jobs/_job_status.html", {"job": job})
    if job.state == job.DONE and (url := result_url(job)):
        response["HX-Redirect"] = url
    return response
