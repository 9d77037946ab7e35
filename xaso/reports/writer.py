"""Fill the editable Word templates (docxtpl); a province may point XASO_REPORT_TEMPLATES at its own copies."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from docxtpl import DocxTemplate

from .layout import fit_columns, is_data_table, text_width_twips

BUILT_IN = Path(__file__).resolve().parent / "templates_docx"


def template_path(name: str) -> Path:
    custom = settings.REPORT_TEMPLATES
    if custom and (Path(custom) / name).exists():
        return Path(custom) / name
    return BUILT_IN / name


def render_docx(name: str, context: dict) -> bytes:
    document = DocxTemplate(template_path(name))
    document.render(context, autoescape=True)
    width = text_width_twips(document.docx.sections[0])
    for table in document.docx.tables:
        if is_data_table(table._tbl):
            fit_columns(table._tbl, width)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
