"""The REST API (django-ninja): the same data and the same permissions (xaso.plans.access) as the pages."""
