"""Reading plan documents (.docx, .pdf, .xlsx, .html, .md/.txt) into paragraphs and tables, in order.

Pure Python, no Django: the importer, the checker and the command line share it.
"""

from .errors import DocumentError
from .model import Document, Paragraph, Table
from .reader import SUPPORTED_EXTENSIONS, SUPPORTED_LABEL, Limits, load_path, read_bytes, read_path

__all__ = ["Document", "DocumentError", "Limits", "Paragraph", "SUPPORTED_EXTENSIONS", "SUPPORTED_LABEL", "Table", "load_path",
           "read_bytes", "read_path"]
