"""What a server process does once, after its code is loaded and before its first request (xaso/wsgi.py; the benches
that time pages in-process do the same, so they time what a server does).

Python's cycle collector walks every object a process holds on each full collection. A loaded xaso holds some 150,000
(Django, the models, the URLconf and views): a national dashboard makes hundreds of thousands more per view, which
set off full collections that walked them all again, some 160 ms of a 450 ms view on this 2-core machine. `gc.freeze`
moves what is loaded to a generation the collector never walks; what a request makes is still collected as before.
"""

import gc

from django.urls import get_resolver


def settle():
    """Import every view (the URLconf names them), then freeze what is loaded."""
    get_resolver().url_patterns  # read for the imports it makes
    gc.collect()
    gc.freeze()
