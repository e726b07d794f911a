#!/usr/bin/env python3
"""Prints, as JSON, the structural facts of a PDF that tests/signing.rs checks.

Used by tests/signing.rs. Needs `pip install pikepdf`.

    pdf_facts.py FILE.pdf

Reads the file with pikepdf (qpdf) and reports: version, trailer /ID, catalog entries
(/PageMode, /Lang, /ViewerPreferences), the AcroForm (/SigFlags, /NeedAppearances, each
field with its /FT, /T, /TU, /F, whether it is a merged field+widget, its page and whether it
is in that page's /Annots, its appearance BBox), every annotation of every page (subtype,
/F, indirect or not, /Rect, the URI of a link), the XMP metadata (pdfaid part and conformance, title, creator,
description, keywords, producer, creator tool, dates), the output intents (/S, the
condition, the profile's /N and length) and the outline as a nested list
[title, page index, children].
"""

import json
import sys

import pikepdf


def text(obj):
    return None if obj is None else str(obj)


def page_index(pdf, page_obj):
    for i, page in enumerate(pdf.pages):
        if page.obj.objgen == page_obj.objgen:
            return i
    return None


def outline(pdf):
    def walk(items):
        out = []
        for item in items:
            dest = item.destination
            page = None
            top = None
            if isinstance(dest, pikepdf.Array) and len(dest) >= 4:
                page = page_index(pdf, dest[0])
                top = float(dest[3])
            out.append({"title": item.title, "page": page, "top": top,
                        "children": walk(item.children)})
        return out

    with pdf.open_outline() as o:
        return walk(o.root)


def outline_counts(pdf):
    root = pdf.Root.get("/Outlines")
    if root is None:
        return None
    def count(node):
        n = 0
        child = node.get("/First")
        while child is not None:
            n += 1 + count(child)
            child = child.get("/Next")
        return n
    def check(node, parent):
        """Each item's /Parent, /Prev mirror of /Next, /Last, and /Count."""
        problems = []
        child = node.get("/First")
        prev = None
        last = None
        while child is not None:
            if child.get("/Parent") is None or child.Parent.objgen != node.objgen:
                problems.append(f"bad /Parent under {text(node.get('/Title'))}")
            if prev is None and child.get("/Prev") is not None:
                problems.append("first item has /Prev")
            if prev is not None and (child.get("/Prev") is None or child.Prev.objgen != prev.objgen):
                problems.append(f"bad /Prev at {text(child.get('/Title'))}")
            n = count(child)
            if n and int(child.get("/Count", 0)) != n:
                problems.append(f"bad /Count at {text(child.get('/Title'))}")
            if not n and "/Count" in child:
                problems.append(f"/Count on leaf {text(child.get('/Title'))}")
            problems += check(child, node)
            prev = last = child
            child = child.get("/Next")
        if last is not None and node.Last.objgen != last.objgen:
            problems.append("bad /Last")
        return problems
    return {"root_count": int(root.Count), "items": count(root), "problems": check(root, None)}


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    facts = {"version": pdf.pdf_version}
    ids = pdf.trailer.get("/ID")
    facts["id"] = [bytes(i).hex() for i in ids] if ids is not None else None
    facts["page_mode"] = text(root.get("/PageMode"))
    facts["lang"] = text(root.get("/Lang"))
    vp = root.get("/ViewerPreferences")
    facts["display_doc_title"] = bool(vp.get("/DisplayDocTitle")) if vp is not None else None

    annots = []
    for i, page in enumerate(pdf.pages):
        for a in page.obj.get("/Annots", []):
            action = a.get("/A")
            uri = text(action.get("/URI")) if action is not None else None
            rect = [float(v) for v in a.get("/Rect", [])]
            annots.append({"page": i, "subtype": text(a.get("/Subtype")),
                           "f": int(a.get("/F", 0)), "indirect": a.is_indirect,
                           "rect": rect, "uri": uri})
    facts["annotations"] = annots

    form = root.get("/AcroForm")
    if form is not None:
        fields = []
        for f in form.get("/Fields", []):
            page = f.get("/P")
            idx = page_index(pdf, page) if page is not None else None
            in_annots = idx is not None and any(
                a.objgen == f.objgen for a in pdf.pages[idx].obj.get("/Annots", []))
            ap = f.get("/AP")
            bbox = None
            if ap is not None and "/N" in ap:
                bbox = [float(v) for v in ap.N.BBox]
            rect = [float(v) for v in f.Rect] if "/Rect" in f else None
            fields.append({
                "ft": text(f.get("/FT")), "t": text(f.get("/T")), "tu": text(f.get("/TU")),
                "type": text(f.get("/Type")), "subtype": text(f.get("/Subtype")),
                "f": int(f.get("/F", 0)), "has_kids": "/Kids" in f, "page": idx,
                "in_page_annots": in_annots, "rect": rect, "ap_bbox": bbox,
                "ap_keys": sorted(str(k) for k in ap.keys()) if ap is not None else None,
                "signed": "/V" in f,
            })
        facts["acroform"] = {"sig_flags": int(form.get("/SigFlags", 0)),
                             "need_appearances": "/NeedAppearances" in form,
                             "fields": fields}
    else:
        facts["acroform"] = None

    meta = pdf.open_metadata()
    ns = {"pdfaid": "http://www.aiim.org/pdfa/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
          "pdf": "http://ns.adobe.com/pdf/1.3/", "xmp": "http://ns.adobe.com/xap/1.0/"}
    def m(prefix, name):
        v = meta.get("{%s}%s" % (ns[prefix], name))
        if isinstance(v, set):
            return sorted(v)
        return v
    facts["xmp"] = {
        "part": m("pdfaid", "part"), "conformance": m("pdfaid", "conformance"),
        "title": m("dc", "title"), "creator": m("dc", "creator"),
        "description": m("dc", "description"), "subject": m("dc", "subject"),
        "keywords": m("pdf", "Keywords"), "producer": m("pdf", "Producer"),
        "creator_tool": m("xmp", "CreatorTool"), "create_date": m("xmp", "CreateDate"),
        "modify_date": m("xmp", "ModifyDate"), "metadata_date": m("xmp", "MetadataDate"),
    }
    md = root.get("/Metadata")
    facts["metadata_stream"] = None if md is None else {
        "type": text(md.get("/Type")), "subtype": text(md.get("/Subtype")),
        "filter": text(md.get("/Filter")),
    }
    info = pdf.trailer.get("/Info")
    facts["info"] = None if info is None else {k[1:]: str(v) for k, v in info.items()}

    intents = []
    for oi in root.get("/OutputIntents", []):
        profile = oi.get("/DestOutputProfile")
        intents.append({
            "s": text(oi.get("/S")), "condition": text(oi.get("/OutputConditionIdentifier")),
            "n": int(profile.N) if profile is not None else None,
            "profile_len": len(profile.read_bytes()) if profile is not None else None,
            "profile_signature": profile.read_bytes()[36:40].decode("latin-1")
            if profile is not None else None,
        })
    facts["output_intents"] = intents
    # Before open_outline(), which rewrites the outline when its context closes.
    facts["outline_structure"] = outline_counts(pdf)
    facts["outline"] = outline(pdf)
    json.dump(facts, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
