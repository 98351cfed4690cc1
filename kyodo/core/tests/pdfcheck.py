"""What every PDF test checks: a real PDF, tagged (PDF/UA), its Japanese text extractable."""

import io

from pypdf import PdfReader


def pdf_text(response):
    """The text of a PDF response, after checking it is a tagged PDF with embedded fonts that
    map back to Unicode (so Japanese text can be selected and searched)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    assert root["/MarkInfo"]["/Marked"]
    assert str(root.get("/Lang", "")).startswith("ja")
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            assert "/ToUnicode" in font.get_object(), "a font without ToUnicode: text not selectable"
    return "\n".join(page.extract_text() for page in reader.pages)
