"""Scans made from PDFs, as communes make them: each page printed and scanned back (rendered to an image), turned a
little on the glass, with the scanner's noise, a soft focus and JPEG compression, put back into an image-only PDF;
or a page photographed with a phone (perspective, light from one side). Made at test time into a temporary folder,
never kept: the samples stay in ../shared.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

DPI = 200


@dataclass(frozen=True)
class Scanning:
    """How a page is spoiled: `skew` degrees (counter-clockwise), gaussian `noise` (grey levels), `blur` radius
    (pixels), JPEG `quality` of the page image in the PDF."""

    name: str
    skew: float = 0.0
    noise: float = 0.0
    blur: float = 0.0
    quality: int = 75


# The variants of issue 16: turned both ways, noise, blur, strong JPEG compression.
VARIANTS = [
    Scanning("nghiêng +1°, nhiễu", skew=1.0, noise=10.0, quality=50),
    Scanning("nghiêng −1°, mờ, JPEG nén mạnh", skew=-1.0, blur=1.0, quality=35),
    Scanning("nghiêng +0,5°, mờ, nhiễu", skew=0.5, blur=0.7, noise=8.0, quality=60),
]


def pages(pdf: bytes, dpi: int = DPI):
    """Each page of a PDF as a grey image, as a scanner at `dpi` sees it."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def spoil(image, how: Scanning, seed: int = 0):
    from PIL import Image, ImageChops, ImageFilter

    out = image
    if how.skew:
        out = out.rotate(how.skew, Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if how.blur:
        out = out.filter(ImageFilter.GaussianBlur(how.blur))
    if how.noise:  # uniform noise of standard deviation `noise`, the same for the same seed (a test is repeatable)
        spread = how.noise * 12 ** 0.5 / 255
        noise = Image.frombytes("L", out.size, random.Random(seed).randbytes(out.width * out.height))
        out = ImageChops.add(out, noise.point(lambda v: 128 + round((v - 127.5) * spread)), 1.0, -128)
    return out


def image_pdf(images, how: Scanning = Scanning("sạch"), dpi: int = DPI) -> bytes:
    """An image-only PDF: every page one JPEG of `how.quality`, no text layer (as a scanner writes it)."""
    spoiled = [spoil(image, how, seed) for seed, image in enumerate(images)]
    out = io.BytesIO()
    spoiled[0].save(out, "PDF", save_all=True, append_images=spoiled[1:], resolution=dpi, quality=how.quality)
    return out.getvalue()


def scan(pdf: bytes, how: Scanning) -> bytes:
    return image_pdf(pages(pdf), how)


def photo(image, seed: int = 0) -> bytes:
    """A phone photo of a page (JPEG): the page seen from a little aside (a perspective), on a darker table, lit
    from one side, slightly blurred."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    w, h = image.size
    margin = int(0.06 * w)
    canvas = Image.new("L", (w + 2 * margin, h + 2 * margin), 90)
    canvas.paste(image, (margin, margin))
    cw, ch = canvas.size
    # Where each corner of the photo comes from on the canvas: the top narrower than the bottom.
    d = lambda: rng.uniform(0.02, 0.045) * cw  # noqa: E731
    quad = (d(), d() * 0.5, d() * 0.3, ch - d() * 0.4, cw - d() * 0.3, ch - d() * 0.4, cw - d(), d() * 0.5)
    out = canvas.transform((cw, ch), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC, fillcolor=90)
    light = Image.linear_gradient("L").rotate(90, expand=True).resize(out.size).point(lambda v: 150 + v * 105 // 255)
    out = Image.composite(out, Image.new("L", out.size, 0), light)  # dims the left side: darker where light is low
    out = out.filter(ImageFilter.GaussianBlur(0.8))
    buffer = io.BytesIO()
    out.convert("RGB").save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
