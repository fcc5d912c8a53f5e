#!/usr/bin/env python3
"""Makes the Word and Excel fixtures of tests/fixtures/input/ from our own
draft (draft.txt there), by hand: `pip install python-docx openpyxl xlwt`, then
`python3 scripts/make-input-fixtures.py`. The files it makes are committed,
so the tests need no Python.

- draft.docx: the draft, its headings numbered automatically (一、 from
  numbering.xml, not typed), its table 收支总表 a Word table with merged
  cells (收入 and 支出 over two columns, a cell merged down).
- draft.xlsx: the table alone, one sheet 收支总表, title and unit rows
  merged across, numbers stored as numbers shown with two decimals.
- bomb.docx: word/document.xml of 1,000 bytes, its headers declaring 4 GiB.
- bomb-lying.docx: word/document.xml of 300 MiB of spaces (0.3 MB
  compressed), its headers declaring 1,000 bytes.
- deep.docx: XML nested 100,000 elements deep.
- empty-rows.xlsx: the table, then a million empty rows and a styled empty
  cell in the last row and column.
- draft.xls: the table as Excel 97-2003 writes it (xlwt), merged cells
  and numbers shown with two decimals as in draft.xlsx.
- corner.xls: the same with a cell in the last row and column a BIFF8
  sheet has (IV65536): a grid of 16.7 million cells from the first.
"""

import io
import os
import struct
import zipfile

import docx
import openpyxl
import xlwt
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl.styles import Alignment

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "input")

TITLE = "某某县档案馆2025年部门预算公开"
SECTIONS = [
    ("部门收支总体情况", "2025年本部门收入预算总计520.00万元，支出预算总计520.00万元，与上年相比增加20.00万元，增长4.00%。"),
    ("支出预算情况说明", "本年支出预算合计520.00万元，其中：基本支出400.00万元，项目支出120.00万元。"),
    # Planted: 25 / 475 is 5.26%, not 6.25%.
    ("一般公共预算拨款收入情况", "一般公共预算拨款收入500.00万元，与上年相比增加25.00万元，增长6.25%。"),
    ("部门收支总表", None),
]
ROWS = [
    ["项目", "预算数", "项目", "预算数"],
    ["一、一般公共预算拨款收入", 500.00, "一、一般公共服务支出", 300.00],
    ["二、事业收入", 20.00, "二、社会保障和就业支出", 150.00],
    # Planted: 300 + 150 + 80 = 530, the total says 520.
    [None, None, "三、卫生健康支出", 80.00],
    ["本年收入合计", 520.00, "本年支出合计", 520.00],
    ["收入总计", 520.00, "支出总计", 520.00],
]


def chinese_numbering(document):
    """A list 一、二、三、 in numbering.xml, returned as its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    numbering.append(num)
    return "90"


def numbered(paragraph, num_id):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def amount(v):
    return "" if v is None else f"{v:.2f}" if isinstance(v, float) else v


def make_docx():
    d = docx.Document()
    num = chinese_numbering(d)
    d.add_paragraph(TITLE)
    for heading, body in SECTIONS:
        numbered(d.add_paragraph(heading), num)
        if body:
            d.add_paragraph(body)
    d.add_paragraph("收支总表")
    d.add_paragraph("单位：万元")
    table = d.add_table(rows=1 + len(ROWS), cols=4)
    top = table.rows[0].cells
    top[0].merge(top[1]).text = "收入"
    top[2].merge(top[3]).text = "支出"
    for r, row in enumerate(ROWS, start=1):
        for c, v in enumerate(row):
            if v is not None:
                table.cell(r, c).text = amount(v)
    # 二、事业收入 and its 20.00 merged down over the empty cells below.
    table.cell(3, 0).merge(table.cell(4, 0))
    table.cell(3, 1).merge(table.cell(4, 1))
    d.save(os.path.join(HERE, "draft.docx"))


def make_xlsx(path, extra=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "收支总表"
    sheet["A1"] = "收支总表"
    sheet.merge_cells("A1:D1")
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet["A2"] = "单位：万元"
    sheet.merge_cells("A2:D2")
    sheet["A3"] = "收入"
    sheet.merge_cells("A3:B3")
    sheet["C3"] = "支出"
    sheet.merge_cells("C3:D3")
    for r, row in enumerate(ROWS, start=4):
        for c, v in enumerate(row, start=1):
            if v is not None:
                cell = sheet.cell(row=r, column=c, value=v)
                if isinstance(v, float):
                    cell.number_format = "0.00"
    if extra:
        extra(sheet)
    book.save(path)


def make_xls(path, corner=False):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("收支总表")
    sheet.write_merge(0, 0, 0, 3, "收支总表")
    sheet.write_merge(1, 1, 0, 3, "单位：万元")
    sheet.write_merge(2, 2, 0, 1, "收入")
    sheet.write_merge(2, 2, 2, 3, "支出")
    two_decimals = xlwt.easyxf(num_format_str="0.00")
    for r, row in enumerate(ROWS, start=3):
        for c, v in enumerate(row):
            if isinstance(v, float):
                sheet.write(r, c, v, two_decimals)
            elif v is not None:
                sheet.write(r, c, v)
    if corner:
        sheet.write(65535, 255, "备注")
    book.save(path)


def patch_sizes(data, size):
    """Writes `size` as the uncompressed size in the first entry's headers."""
    data = bytearray(data)
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, size)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, size)
    return bytes(data)


def make_bombs():
    size = 300 << 20
    # A small entry whose headers declare 4 GiB.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b" " * 1000)
    with open(os.path.join(HERE, "bomb.docx"), "wb") as f:
        f.write(patch_sizes(buf.getvalue(), 0xFFFFFFF0))
    # 300 MiB of spaces whose headers declare 1,000 bytes.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b" " * size)
    with open(os.path.join(HERE, "bomb-lying.docx"), "wb") as f:
        f.write(patch_sizes(buf.getvalue(), 1000))


def make_deep():
    """A document whose XML nests 100,000 elements deep."""
    xml = '<w:document xmlns:w="w"><w:body>' + "<w:p>" * 100_000 + "</w:body></w:document>"
    with zipfile.ZipFile(os.path.join(HERE, "deep.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", xml)


def make_empty_rows():
    path = os.path.join(HERE, "empty-rows.xlsx")
    make_xlsx(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    rows = "<row></row>" * 1_000_000
    rows += '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    sheet = sheet.replace("</sheetData>", rows + "</sheetData>")
    sheet = sheet.replace('<dimension ref="A1:D9"/>', '<dimension ref="A1:XFD1048576"/>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, b in parts.items():
            z.writestr(n, b)


if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    make_docx()
    make_xlsx(os.path.join(HERE, "draft.xlsx"))
    make_xls(os.path.join(HERE, "draft.xls"))
    make_xls(os.path.join(HERE, "corner.xls"), corner=True)
    make_bombs()
    make_empty_rows()
    make_deep()
    for name in sorted(os.listdir(HERE)):
        print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
