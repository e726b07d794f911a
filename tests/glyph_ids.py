#!/usr/bin/env python3
"""Prints, as JSON, the glyph ids every content stream of a PDF draws, per font.

Used by tests/glyphs.rs. Needs `pip install pikepdf`.

    glyph_ids.py FILE.pdf

Reads each page's content streams, the form XObjects they use and the annotations'
appearance streams with pikepdf (qpdf), follows the font set by `Tf`, and decodes the
strings of `Tj`, `TJ`, `'` and `"`: codes of one byte or two as the font's encoding
(its CMap's code space range, or Identity-H), CIDs from the CMap's cidrange (the identity
for Identity-H), glyph ids from /CIDToGIDMap (Identity, or a stream). Reports
{"fonts": {name: {"glyphs": n, "notdef": n, "codes": n}}, "notdef": total, "glyphs": total}.
"""

import json
import re
import sys

import pikepdf


def code_bytes(font):
    enc = font.get("/Encoding")
    if isinstance(enc, pikepdf.Name):
        return 2 if str(enc) in ("/Identity-H", "/Identity-V") else 1
    data = enc.read_bytes().decode("latin-1")
    m = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    return len(m.group(1)) // 2 if m else 2


def cid_to_gid(font):
    desc = font["/DescendantFonts"][0]
    m = desc.get("/CIDToGIDMap", pikepdf.Name.Identity)
    if isinstance(m, pikepdf.Name):
        return lambda cid: cid
    data = m.read_bytes()
    return lambda cid: int.from_bytes(data[2 * cid : 2 * cid + 2], "big")


def strings(operands, op):
    if op in ("Tj", "'"):
        return [bytes(operands[0])]
    if op == '"':
        return [bytes(operands[2])]
    if op == "TJ":
        return [bytes(x) for x in operands[0] if isinstance(x, pikepdf.String)]
    return []


def walk(stream_owner, resources, report, seen):
    key = stream_owner.objgen
    if key in seen and key != (0, 0):
        return
    seen.add(key)
    fonts = resources.get("/Font", {}) if resources is not None else {}
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    font = None
    for operands, operator in pikepdf.parse_content_stream(stream_owner):
        op = str(operator)
        if op == "Tf":
            font = fonts[operands[0]]
        elif op == "Do":
            x = xobjects.get(operands[0])
            if x is not None and x.get("/Subtype") == "/Form":
                walk(x, x.get("/Resources", resources), report, seen)
        for s in strings(operands, op):
            name = str(font.get("/BaseFont"))
            n = code_bytes(font)
            gid_of = cid_to_gid(font)
            entry = report["fonts"].setdefault(name, {"glyphs": 0, "notdef": 0})
            for i in range(0, len(s) - n + 1, n):
                gid = gid_of(int.from_bytes(s[i : i + n], "big"))
                entry["glyphs"] += 1
                report["glyphs"] += 1
                if gid == 0:
                    entry["notdef"] += 1
                    report["notdef"] += 1


def main(path):
    report = {"fonts": {}, "notdef": 0, "glyphs": 0}
    seen = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            resources = page.obj.get("/Resources")
            walk(page.obj, resources, report, seen)
            for annot in page.obj.get("/Annots", []):
                ap = annot.get("/AP")
                normal = ap.get("/N") if ap is not None else None
                if isinstance(normal, pikepdf.Stream):
                    walk(normal, normal.get("/Resources", resources), report, seen)
    print(json.dumps(report, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
