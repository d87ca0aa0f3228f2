#!/usr/bin/env python3
"""Writes the XLSForms that pyxform's tests hold as markdown tables (the
md=\"\"\"...\"\"\" arguments of its test cases) as .xlsx files, for
tests/xlsform/pyxform_sample.sh. Not part of make test; the files go to a
folder outside this tree.

Usage: pyxform_md_sample.py PYXFORM_CHECKOUT OUT_DIR [EVERY]

Every EVERY-th table is taken (default 1: all). A table whose test expects
pyxform itself to refuse it (errored=True in the same call) is named
*-errored.xlsx, so the counts can keep the two apart; a table the test
fills in itself ({type} and the like) is no form as written and is skipped. A workbook is written
with inline strings only: the sheets in table order, the cells as text.
"""
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

MD = re.compile(r'md\s*=\s*(?:r|f)?("""|\'\'\')(.*?)\1', re.S)
# A table filled in by the test ({type}, .format()): no form as written.
TEMPLATE = re.compile(r'(?<![$])\{[A-Za-z_][A-Za-z0-9_]*\}')


def tables(md):
    """The sheets of one markdown table: {name: [rows of cells]} in order."""
    sheets, cur = [], None
    for line in md.splitlines():
        line = line.strip()
        if not line.startswith('|'):
            continue
        cells = [c.strip() for c in line.strip('|').split('|')]
        if cells and cells[0]:
            cur = (cells[0], [])
            sheets.append(cur)
        elif cur is not None and any(cells[1:]):
            cur[1].append(cells[1:])
    return sheets


def col(n):
    s = ''
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows):
    out = ['<?xml version="1.0" encoding="UTF-8"?>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData>']
    for i, row in enumerate(rows, 1):
        out.append('<row r="%d">' % i)
        for j, v in enumerate(row):
            if v:
                out.append('<c r="%s%d" t="inlineStr"><is><t xml:space="preserve">%s'
                           '</t></is></c>' % (col(j), i, escape(v)))
        out.append('</row>')
    out.append('</sheetData></worksheet>')
    return ''.join(out)


def write_xlsx(path, sheets):
    ns = 'http://schemas.openxmlformats.org'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="%s/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml"'
                   ' ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
                   '.sheet.main+xml"/>%s</Types>' % (ns, ''.join(
                       '<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="'
                       'application/vnd.openxmlformats-officedocument.spreadsheetml.'
                       'worksheet+xml"/>' % (i + 1) for i in range(len(sheets)))))
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s/package/'
                   '2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument/'
                   '2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>' % (ns, ns))
        z.writestr('xl/workbook.xml',
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s/spreadsheetml/'
                   '2006/main" xmlns:r="%s/officeDocument/2006/relationships"><sheets>%s'
                   '</sheets></workbook>' % (ns, ns, ''.join(
                       '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(name), i + 1,
                                                                         i + 1)
                       for i, (name, _) in enumerate(sheets))))
        z.writestr('xl/_rels/workbook.xml.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s/package/'
                   '2006/relationships">%s</Relationships>' % (ns, ''.join(
                       '<Relationship Id="rId%d" Type="%s/officeDocument/2006/relationships/'
                       'worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, ns, i + 1)
                       for i in range(len(sheets)))))
        for i, (_, rows) in enumerate(sheets):
            z.writestr('xl/worksheets/sheet%d.xml' % (i + 1), sheet_xml(rows))


def main():
    top, out = sys.argv[1], sys.argv[2]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    os.makedirs(out, exist_ok=True)
    k = n = 0
    for root, _, files in sorted(os.walk(os.path.join(top, 'tests'))):
        for f in sorted(files):
            if not f.endswith('.py'):
                continue
            text = open(os.path.join(root, f), encoding='utf-8').read()
            found = list(MD.finditer(text))
            for i, m in enumerate(found):
                k += 1
                if (k - 1) % every:
                    continue
                if TEMPLATE.search(m.group(2)):
                    continue
                sheets = tables(m.group(2))
                if not any(name.lower() == 'survey' for name, _ in sheets):
                    continue
                end = found[i + 1].start() if i + 1 < len(found) else len(text)
                call = text[m.end():end]
                nxt = call.find('self.assert')
                errored = 'errored=True' in (call if nxt < 0 else call[:nxt])
                base = '%s_%03d%s.xlsx' % (f[:-3], i + 1, '-errored' if errored else '')
                write_xlsx(os.path.join(out, base), sheets)
                n += 1
    print('%d tables seen, %d workbooks written to %s' % (k, n, out))


if __name__ == '__main__':
    main()
