#!/usr/bin/env python3
"""Signs with pyHanko and validates with pyHanko and page-validation, for tests/signing_pades.rs.

    pades_tool.py validate FILE --trust CA.pem
        JSON on stdout: {"signatures": [{field, intact, valid, trusted, bottom_line,
        docmdp_ok, modification_level, coverage} or {field, error}], "pdfa": {"failures":
        [{rule_id, object}]}} (or {"error": ...} when pyHanko cannot read the file).
    pades_tool.py sign IN OUT --field NAME --key KEY.pem --cert CERT.pem --ca CA.pem
        --subfilter pades|pkcs7
        Signs the existing field with pyHanko's defaults (its own stamp).
"""

import argparse
import io
import json
import sys


def validate(path, trust):
    out = {}
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext
        from pyhanko.keys import load_cert_from_pemder

        ca = load_cert_from_pemder(trust)
        with open(path, "rb") as f:
            reader = PdfFileReader(io.BytesIO(f.read()), strict=False)
        sigs = []
        for sig in reader.embedded_signatures:
            try:
                vc = ValidationContext(trust_roots=[ca])
                s = validate_pdf_signature(sig, vc)
                level = s.modification_level
                sigs.append({
                    "field": sig.field_name,
                    "intact": s.intact,
                    "valid": s.valid,
                    "trusted": s.trusted,
                    "bottom_line": s.bottom_line,
                    "docmdp_ok": s.docmdp_ok,
                    "modification_level": level.name if level is not None else None,
                    "coverage": s.coverage.name if s.coverage is not None else None,
                })
            except Exception as e:  # a broken signature can make pyHanko raise
                sigs.append({"field": sig.field_name, "error": repr(e)})
        out["signatures"] = sigs
    except Exception as e:
        out["error"] = repr(e)
    try:
        import page

        report = page.validate_pdf(path, profile="2a").to_dict()
        out["pdfa"] = {
            "failures": [
                {
                    "rule_id": f["rule_id"],
                    "object": (f.get("object_id") or {}).get("object_number"),
                    "message": f["message"],
                }
                for f in report["failures"]
            ]
        }
    except Exception as e:
        out["pdfa"] = {"error": repr(e)}
    return out


def sign(args):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load(args.key, args.cert, ca_chain_files=(args.ca,))
    sub = {
        "pades": fields.SigSeedSubFilter.PADES,
        "pkcs7": fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
    }[args.subfilter]
    with open(args.input, "rb") as f:
        writer = IncrementalPdfFileWriter(io.BytesIO(f.read()))
    meta = signers.PdfSignatureMetadata(field_name=args.field, subfilter=sub)
    out = signers.sign_pdf(writer, meta, signer=signer)
    with open(args.output, "wb") as f:
        f.write(out.getvalue())


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate")
    v.add_argument("file")
    v.add_argument("--trust", required=True)
    s = sub.add_parser("sign")
    s.add_argument("input")
    s.add_argument("output")
    for a in ("--field", "--key", "--cert", "--ca", "--subfilter"):
        s.add_argument(a, required=True)
    args = p.parse_args()
    if args.cmd == "validate":
        json.dump(validate(args.file, args.trust), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sign(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
