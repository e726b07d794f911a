"""Checks of a tagged PDF with tools we did not write, for tests/tagged.rs.

    tagged_check.py validate FILE...   page-validation's profiles 2a and ua1: the failed
                                       rules of each file, as JSON
    tagged_check.py marks FILE         pikepdf walks every page's content stream: every
                                       text-showing operator, path painting and XObject
                                       inside marked content that is either tagged
                                       (an MCID) or an /Artifact; prints the counts as JSON
"""
import json
import sys

import pikepdf


def validate(paths):
    import page

    out = {}
    for path in paths:
        out[path] = {}
        for profile in ("2a", "ua1"):
            report = page.validate_pdf(path, profile=profile)
            out[path][profile] = sorted(
                {f"{f.rule_id}: {f.message}" for f in report.failures}
            )
    print(json.dumps(out, indent=1, ensure_ascii=False))


TEXT = {"Tj", "TJ", "'", '"'}
PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}


def marks(path):
    pdf = pikepdf.open(path)
    counts = {"text_tagged": 0, "text_artifact": 0, "painted_tagged": 0,
              "painted_artifact": 0, "outside": [], "mcids": 0, "nested_wrong": []}
    for number, page in enumerate(pdf.pages, 1):
        stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = (
                    op == "BDC"
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and "/MCID" in operands[1]
                )
                if mcid:
                    counts["mcids"] += 1
                kind = "artifact" if tag == "/Artifact" else ("tagged" if mcid else "other")
                if kind != "other" and any(k != "other" for k in stack):
                    counts["nested_wrong"].append(f"page {number}: {tag} inside {stack}")
                stack.append(kind)
            elif op == "EMC":
                stack.pop()
            elif op in TEXT or op in PAINT:
                what = "text" if op in TEXT else "painted"
                inside = [k for k in stack if k != "other"]
                if not inside:
                    counts["outside"].append(f"page {number}: {op}")
                else:
                    counts[f"{what}_{inside[-1]}"] += 1
        if stack:
            counts["outside"].append(f"page {number}: unclosed {stack}")
    print(json.dumps(counts))


if __name__ == "__main__":
    if sys.argv[1] == "validate":
        validate(sys.argv[2:])
    else:
        marks(sys.argv[2])
