"""The first history record of rows made in bulk.

bulk_create skips the save signal that django-simple-history listens to, so a generated or imported row would
have no history, and its first edit would show no "before → after". Every bulk creation of a tracked model
calls record_created after its rows (and their many-to-many links) exist.
"""

from __future__ import annotations

from simple_history.models import HistoricalRecords

BATCH = 2000


def record_created(model, objects: list, *, reason: str = "", user=None) -> None:
    """A "created" record for each saved object, many-to-many links (Task.partner_units) included."""
    if not objects:
        return
    records = model.history.bulk_history_create(objects, batch_size=BATCH, default_user=user,
                                                default_change_reason=reason)
    record_of = {record.id: record for record in records}
    for field in model.history.model._history_m2m_fields:
        through = field.remote_field.through
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        history_through = HistoricalRecords.m2m_models[field]
        links = through.objects.filter(**{f"{own}__in": list(record_of)}).values_list("id", f"{own}_id", f"{other}_id")
        history_through.objects.bulk_create(
            [history_through(history=record_of[owner], id=link, **{f"{own}_id": owner, f"{other}_id": target})
             for link, owner, target in links], batch_size=BATCH)
