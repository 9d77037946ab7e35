"""One search box over plans, indicators, tasks and report texts, whatever the diacritics.

Text is folded once, in Python (xaso.core.text.fold: "Chuyển đổi số" → "chuyen doi so", "đ" → "d"), and
stored beside the entry; the database only matches folded words: SQLite through an FTS5 table, PostgreSQL
through a stored, GIN-indexed tsvector ('simple' configuration). The same fold on both sides is what makes both
engines find the same rows; the ranking is computed from the matched rows in Python (xaso.search.rank) so
the order is the same too.
"""
