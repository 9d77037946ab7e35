"""The web import is a background job: tests post the page, then do the queued jobs as `xaso worker` would (the same
claim, read and store, in this process), then open the job page the browser was sent to."""

import threading

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def run_jobs() -> int:
    from xaso.jobs.services import work

    return work(stop=threading.Event(), drain=True)


def upload(client, commune, name, data):
    """The import page posted, the job done: the review page's redirect when read, the job page with its Vietnamese
    error when refused, or the upload page itself (400) when the quick checks refused the file."""
    response = client.post(reverse("import_upload", args=[commune.pk]), {"document": SimpleUploadedFile(name, data)})
    if response.status_code != 302:
        return response
    run_jobs()
    return client.get(response.url)
