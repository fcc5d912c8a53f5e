#!/usr/bin/env python3
"""Makes the PDF fixtures of tests/fixtures/input/ from our own drafts, by
hand: LibreOffice (`soffice`), Noto CJK fonts, poppler's `pdftocairo` and
`qpdf` (Debian: `apt-get install --no-install-recommends libreoffice-writer
fonts-noto-cjk qpdf`), `pip install python-docx`, then
`python3 scripts/make-pdf-fixtures.py` after make-input-fixtures.py. The
files it makes are committed, so the tests need none of these.

- draft.pdf: draft.docx as LibreOffice exports it (its CJK font a CFF
  subset with a ToUnicode map; table cells wrap inside their borders).
- draft-cid.pdf: draft.txt typeset by `cid_pdf` here, as Word and WPS
  write CJK text: a Type0 font (Identity-H, two-byte CIDs that are not
  Unicode) with a ToUnicode map, the table a ruled grid whose long cells
  wrap onto two lines, lines placed by `Tm`.
- draft-nounicode.pdf: the same without the ToUnicode map: the characters
  cannot be decoded.
- long.pdf, long.text: a longer draft of ours over many pages, each page
  with the title as a running header and its number in the footer (neither
  is part of the text: long.text is the text as gouji should read it; not
  `.txt`, which tests/it/fixtures.rs would take for a draft to check).
- split.pdf, split.text: two tables of ours, each longer than a page and
  split by the page break, between their parts the running header and the
  page number; the first repeats its header row on the next page (Word's
  "repeat as header row"), the second does not. split.text is the text as
  gouji should read it: each table one table, its header row once.
- scanned.pdf: a page with only an image, no text layer.
- encrypted.pdf: draft.pdf encrypted with a user password.
"""

import os
import re
import shutil
import subprocess
import tempfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "input")

LONG_TITLE = "某某县档案馆2025年部门决算公开"
UNITS = ["第一分馆", "第二分馆", "第三分馆", "修复中心", "数字化中心", "征集中心", "保管中心", "利用中心"]


def to_pdf(src, out_dir):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out_dir, src], check=True, capture_output=True)


def page_number_field(paragraph):
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def long_draft():
    """The long draft: (docx Document, its text as gouji reads it)."""
    d = docx.Document()
    section = d.sections[0]
    header = section.header.paragraphs[0]
    header.text = LONG_TITLE
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_field(footer)
    text = []

    def para(s):
        d.add_paragraph(s)
        text.append(s + "\n\n")

    para(LONG_TITLE)
    for i, unit in enumerate(UNITS, start=1):
        basic = 100 + 7 * i
        project = 20 + 3 * i
        total = basic + project
        last = total - i
        para(f"{i}．{unit}决算情况")
        para(
            f"{unit}2025年度收入决算{total:.2f}万元，支出决算{total:.2f}万元，与上年相比增加{i:.2f}万元，"
            f"增长{i / last * 100:.2f}%，主要原因是人员调整和业务量增加。其中：基本支出{basic:.2f}万元，"
            f"占{basic / total * 100:.2f}%；项目支出{project:.2f}万元，占{project / total * 100:.2f}%。"
        )
        para(
            f"{unit}的基本支出主要用于保障机构正常运转、完成日常工作任务，包括人员经费和公用经费两部分。"
            f"项目支出主要用于档案征集、保管、修复和开发利用等方面，年度执行情况良好，资金使用效益较好。"
        )
        para(f"{unit}支出决算表")
        para("单位：万元")
        rows = [
            ["项目", "上年决算数", "本年决算数"],
            ["基本支出", f"{basic - i:.2f}", f"{basic:.2f}"],
            ["项目支出", f"{project:.2f}", f"{project:.2f}"],
            ["合计", f"{last:.2f}", f"{total:.2f}"],
        ]
        table = d.add_table(rows=len(rows), cols=3)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                table.cell(r, c).text = v
            text.append("\t".join(row) + "\n")
        # The Word reader's blank line after a table.
        text.append("\n")
        d.add_page_break()
    return d, "".join(text)


def split_tables():
    """Two long tables over page breaks: (docx Document, its text as gouji reads it)."""
    d = docx.Document()
    section = d.sections[0]
    header = section.header.paragraphs[0]
    header.text = LONG_TITLE
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_field(footer)
    text = []

    def para(s):
        d.add_paragraph(s)
        text.append(s + "\n\n")

    para(LONG_TITLE)
    for n, (title, repeat) in enumerate([("一般公共预算支出表", True), ("支出决算明细表", False)]):
        para(f"{n + 1}．{title}的说明")
        para("本表反映本部门一般公共预算支出的功能分类，按科目编码逐项列示，各款合计与其所属各项之和一致。")
        para(title)
        para("单位：万元")
        rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
        body = []
        for c, unit in enumerate(UNITS):
            items = []
            for k in range(1, 6):
                basic, project = 10 * (c + 1) + k + 0.25 * n, 3 * k + c
                items.append([f"201{c + 1:02d}{k:02d}", f"{unit}事务{k}", f"{basic + project:.2f}", f"{basic:.2f}", f"{project:.2f}"])
            sums = [sum(float(r[i]) for r in items) for i in (2, 3, 4)]
            body.append([f"201{c + 1:02d}", f"{unit}支出", *(f"{v:.2f}" for v in sums)])
            body += items
        totals = [sum(float(r[i]) for r in body if len(r[0]) == 5) for i in (2, 3, 4)]
        rows.append(["", "合计", *(f"{v:.2f}" for v in totals)])
        rows += body
        table = d.add_table(rows=len(rows), cols=5)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                table.cell(r, c).text = v
            text.append("\t".join(row) + "\n")
        if repeat:
            table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        text.append("\n")
    return d, "".join(text)


def write_pdf(path, objects):
    """Objects numbered from 1 (bytes; a stream as (dict, data)), the first the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objects, start=1):
        offsets.append(len(out))
        if isinstance(o, tuple):
            head, body = o
            out += b"%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (i, head, len(body), body)
        else:
            out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    open(path, "wb").write(bytes(out))


def cid_pdf(text, path, to_unicode=True):
    """Typesets `text` (paragraphs, table rows with tabs) on one A4 page in
    a Type0 font whose CIDs are numbered in order of first use."""
    cids = {}

    def cid(c):
        return cids.setdefault(c, len(cids) + 1)

    def wide(c):
        return ord(c) > 0x2E7F

    def width(s):
        return sum(12 if wide(c) else 6 for c in s)

    def show(x, y, s):
        codes = "".join("%04X" % cid(c) for c in s)
        return "1 0 0 1 %.2f %.2f Tm <%s> Tj\n" % (x, y, codes)

    ops = ["BT /F1 12 Tf\n"]
    rules = []
    left, right, y = 72.0, 432.0, 770.0
    columns = [120, 60, 120, 60]
    lines = text.split("\n")
    table_top = None
    for line in lines:
        if "\t" in line:
            cells = line.split("\t")
            wrapped = []
            for c, w in zip(cells, columns):
                parts, cur = [], ""
                for ch in c:
                    if width(cur + ch) > w - 6:
                        parts.append(cur)
                        cur = ""
                    cur += ch
                parts.append(cur)
                wrapped.append(parts)
            height = 15 * max(len(p) for p in wrapped) + 6
            if table_top is None:
                table_top = y + 12
            x = left
            for parts, w in zip(wrapped, columns):
                for k, part in enumerate(parts):
                    if part:
                        ops.append(show(x + 3, y - 15 * k, part))
                x += w
            rules.append(table_top if len(rules) == 0 else None)
            y -= height
            rules.append(y + 12)
            continue
        if table_top is not None:
            bottoms = [r for r in rules if r is not None]
            ops.append("ET\n0.5 w\n")
            for r in bottoms:
                ops.append("%.2f %.2f m %.2f %.2f l S\n" % (left, r, left + sum(columns), r))
            x = left
            for w in [0] + columns:
                x += w
                ops.append("%.2f %.2f m %.2f %.2f l S\n" % (x, bottoms[0], x, bottoms[-1]))
            ops.append("BT /F1 12 Tf\n")
            rules, table_top = [], None
            y -= 12
        if not line:
            y -= 9
            continue
        cur = ""
        for ch in line:
            if width(cur + ch) > right - left:
                ops.append(show(left, y, cur))
                y -= 18
                cur = ""
            cur += ch
        ops.append(show(left, y, cur))
        y -= 18
    if table_top is not None:
        bottoms = [r for r in rules if r is not None]
        ops.append("ET\n0.5 w\n")
        for r in bottoms:
            ops.append("%.2f %.2f m %.2f %.2f l S\n" % (left, r, left + sum(columns), r))
        x = left
        for w in [0] + columns:
            x += w
            ops.append("%.2f %.2f m %.2f %.2f l S\n" % (x, bottoms[0], x, bottoms[-1]))
    else:
        ops.append("ET\n")
    content = "".join(ops).encode()
    widths = " ".join("%d [%d]" % (n, 1000 if wide(c) else 500) for c, n in cids.items())
    cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Draft-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            "%d beginbfchar" % len(cids)]
    cmap += ["<%04X> <%04X>" % (n, ord(c)) for c, n in cids.items()]
    cmap += ["endbfchar", "endcmap CMapName currentdict /CMap defineresource pop end end"]
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /DraftSong /Encoding /Identity-H /DescendantFonts [6 0 R]"
    font += b" /ToUnicode 7 0 R >>" if to_unicode else b" >>"
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        (b"", content),
        font,
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DraftSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [%s] >>" % widths.encode(),
        (b"", "\n".join(cmap).encode()),
    ])


def scanned_pdf(path):
    """One page whose only content is an 8x8 grey image."""
    image = bytes(range(0, 256, 4))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    ]
    content = b"q 500 0 0 700 47 71 cm /Im1 Do Q"
    streams = [
        (b"<< /Length %d >>" % len(content), content),
        (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>" % len(image), image),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for o in objects:
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (len(offsets), o)
    for head, body in streams:
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (len(offsets), head, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    open(path, "wb").write(bytes(out))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        to_pdf(os.path.join(HERE, "draft.docx"), tmp)
        shutil.copy(os.path.join(tmp, "draft.pdf"), os.path.join(HERE, "draft.pdf"))
        draft = open(os.path.join(HERE, "draft.txt")).read()
        cid_pdf(draft, os.path.join(HERE, "draft-cid.pdf"))
        cid_pdf(draft, os.path.join(HERE, "draft-nounicode.pdf"), to_unicode=False)
        d, text = long_draft()
        d.save(os.path.join(tmp, "long.docx"))
        to_pdf(os.path.join(tmp, "long.docx"), tmp)
        shutil.copy(os.path.join(tmp, "long.pdf"), os.path.join(HERE, "long.pdf"))
        open(os.path.join(HERE, "long.text"), "w").write(text)
        d, text = split_tables()
        d.save(os.path.join(tmp, "split.docx"))
        to_pdf(os.path.join(tmp, "split.docx"), tmp)
        shutil.copy(os.path.join(tmp, "split.pdf"), os.path.join(HERE, "split.pdf"))
        open(os.path.join(HERE, "split.text"), "w").write(text)
    scanned_pdf(os.path.join(HERE, "scanned.pdf"))
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", os.path.join(HERE, "draft.pdf"), os.path.join(HERE, "encrypted.pdf")], check=True)
    for name in sorted(os.listdir(HERE)):
        if re.search(r"\.(pdf|txt)$", name):
            print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
