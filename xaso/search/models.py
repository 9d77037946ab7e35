from django.db import models


class Entry(models.Model):
    """One searchable thing: a plan, an indicator, a task or a task report, with its commune for permissions."""

    kind = models.CharField(max_length=12)
    object_id = models.BigIntegerField()
    commune = models.ForeignKey("plans.Commune", on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=300)
    title = models.TextField()
    body = models.TextField(blank=True)
    folded_title = models.TextField()
    folded = models.TextField()  # title and body, folded: what the full-text index reads

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")]
