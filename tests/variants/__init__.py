"""Test-side generators: one plan rendered in many layouts, and mistakes planted into clean plans.

A plan is data (`spec.PlanSpec`); `render` writes it as .txt/.md/.html/.docx/.xlsx/.pdf in a chosen `Layout` and says
what a careful annotator would record (the gold, in shared/gold/SCHEMA.md's shape); `plant` puts one known mistake
into a clean text. Nothing here is shipped: it proves that the importer and the checker generalise.
"""
