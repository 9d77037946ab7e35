"""A report's .docx printed to PDF for signing (ký số): the province's signing tool takes a PDF, and an archived
signed report should be PDF/A, so LibreOffice headless exports it as PDF/A-2b (its pdf export filter's
`SelectPdfVersion` 2; LibreOffice 7.4 and later read the filter options written as JSON, an older one ignores them
and writes a plain PDF, which is still returned: `pdfa_part` says which one came back).

Knows nothing of Django: bytes in, bytes out, or a ConversionError with a Vietnamese message naming what to install.
Each call gets its own LibreOffice profile in its own temporary folder, so conversions running at the same moment
do not queue on (or break) a shared profile, and a conversion that hangs is killed with its whole process group.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE = "libreoffice-writer-nogui"
PROGRAMS = ("soffice", "libreoffice")
TIMEOUT = 120  # seconds: a 60-page report takes a few; a hung LibreOffice is killed after this
PDFA_PART = 2  # PDF/A-2b: what LibreOffice writes best (fonts embedded, no transparency limits)
FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"%d"}}' % PDFA_PART
_PDFA = re.compile(rb"<pdfaid:part>\s*(\d)\s*</pdfaid:part>|pdfaid:part\s*=\s*[\"'](\d)[\"']")

MISSING = (f"Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF để ký số. Quản trị viên hãy cài gói {PACKAGE} "
           f"(Debian, Ubuntu: sudo apt-get install {PACKAGE}); trong lúc chờ, hãy tải bản .docx.")
TIMED_OUT = ("LibreOffice không chuyển xong báo cáo sang PDF trong {seconds} giây. Hãy thử lại sau ít phút; nếu vẫn "
             f"không được, quản trị viên hãy kiểm tra gói {PACKAGE} trên máy chủ. Trong lúc chờ, hãy tải bản .docx.")
FAILED = ("LibreOffice không chuyển được báo cáo sang PDF. Quản trị viên hãy kiểm tra (hoặc cài lại) gói "
          f"{PACKAGE} trên máy chủ; trong lúc chờ, hãy tải bản .docx.")


class ConversionError(Exception):
    """Why no PDF came back. `code`: converter_missing (nothing to run), converter_timeout, converter_failed."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def find_converter() -> str | None:
    """LibreOffice's program on the PATH, or None."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(docx: bytes, *, timeout: float | None = None, program: str | None = None) -> bytes:
    """The PDF (PDF/A-2b where the converter writes it) of a .docx, or ConversionError. `timeout`: seconds,
    TIMEOUT without one."""
    timeout = timeout or TIMEOUT
    program = program or find_converter()
    if program is None:
        raise ConversionError(MISSING, "converter_missing")
    with tempfile.TemporaryDirectory(prefix="xaso-pdf-") as folder:
        root = Path(folder)
        source, out = root / "bao-cao.docx", root / "out"
        source.write_bytes(docx)
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(root / 'profile').as_uri()}",
                   "--convert-to", FILTER, "--outdir", str(out), str(source)]
        _run(command, timeout, env={**os.environ, "HOME": folder})
        printed = out / "bao-cao.pdf"
        data = printed.read_bytes() if printed.is_file() else b""
    if not data.startswith(b"%PDF-"):
        log.error("LibreOffice wrote no PDF (%d bytes back)", len(data))
        raise ConversionError(FAILED, "converter_failed")
    if pdfa_part(data) is None:
        log.warning("LibreOffice wrote a PDF that does not claim PDF/A (an older LibreOffice?)")
    return data


def _run(command: list[str], timeout: float, env: dict) -> None:
    """Run LibreOffice in its own process group, killed whole on timeout (the `soffice` script starts
    `soffice.bin`, which a plain kill of the script would leave running)."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env, start_new_session=True)
    except OSError as error:  # removed between the look-up and the start, or not executable
        log.error("LibreOffice could not start: %s", error)
        raise ConversionError(MISSING, "converter_missing") from None
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        log.error("LibreOffice took more than %s s; killed", timeout)
        raise ConversionError(TIMED_OUT.format(seconds=f"{timeout:g}"), "converter_timeout") from None
    except BaseException:  # the request itself ended (its worker stopped): LibreOffice goes with it
        _kill(process)
        raise
    if process.returncode != 0:
        log.error("LibreOffice exited with %s: %s", process.returncode, errors.decode("utf-8", "replace")[-2000:])
        raise ConversionError(FAILED, "converter_failed")


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def pdfa_part(data: bytes) -> int | None:
    """The PDF/A part a PDF claims in its XMP metadata (`pdfaid:part`), or None. LibreOffice writes the metadata
    stream uncompressed, as PDF/A asks of it."""
    found = _PDFA.search(data)
    return int(found.group(1) or found.group(2)) if found else None
