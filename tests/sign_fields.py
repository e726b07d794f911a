#!/usr/bin/env python3
"""Signs the empty signature fields of a PDF in turn with pyHanko, then validates them.

Used by tests/signing.rs. Needs `pip install pyhanko` (which brings `cryptography`).

    sign_fields.py IN.pdf OUT.pdf [--count N] [--declared-name-from K]

Makes a throw-away test CA and a signer certificate (key usage digitalSignature and
nonRepudiation), signs the first N empty /Sig fields (all by default) one after the other,
each as an incremental update of the previous file, and writes the last file to OUT.pdf.
Fields from number K on (1-based; never by default) get an explicit /Name in their
signature dictionary ("Signataire déclaré N"); the others leave it out, as most tools do, so
that readers have to take the signer's name from the certificate.

Then it validates every signature of OUT.pdf against the test CA: intact, valid, trusted,
`bottom_line` true, and a modification level no worse than form filling (with
`docmdp_ok`). It prints a JSON report on stdout and exits with 1 on any failure, 2 on bad
usage.
"""

import argparse
import datetime
import io
import json
import sys

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

SIGNER_CN = "Signataire de test pacte – Préfète"
CA_CN = "Autorité de certification de test pacte"


def name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "pacte tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def make_pki():
    """A CA certificate and a signer certificate + key, as asn1crypto objects."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(name(CA_CN))
        .issuer_name(name(CA_CN))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True,
            crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name(SIGNER_CN))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=10))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False,
            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    to_asn1 = lambda c: asn1_x509.Certificate.load(c.public_bytes(der))
    key_der = key.private_bytes(der, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return to_asn1(ca_cert), to_asn1(cert), asn1_keys.PrivateKeyInfo.load(key_der)


def empty_signature_fields(data):
    reader = PdfFileReader(io.BytesIO(data))
    return [name for name, value, _ in fields.enumerate_sig_fields(reader) if value is None]


def sign_all(data, count, declared_from, ca_cert, cert, key):
    signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([ca_cert]))
    names = empty_signature_fields(data)
    if count is not None:
        names = names[:count]
    signed = []
    for i, field in enumerate(names, start=1):
        declared = f"Signataire déclaré {i}" if declared_from and i >= declared_from else None
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        meta = signers.PdfSignatureMetadata(field_name=field, name=declared,
                                            reason="Test de signature du pacte")
        out = signers.sign_pdf(writer, meta, signer=signer)
        data = out.getvalue()
        signed.append({"field": field, "declared_name": declared})
    return data, signed


def validate_all(data, ca_cert):
    reader = PdfFileReader(io.BytesIO(data))
    results = []
    ok = True
    sigs = reader.embedded_signatures
    for sig in sigs:
        vc = ValidationContext(trust_roots=[ca_cert])
        status = validate_pdf_signature(sig, vc)
        level = status.modification_level
        good = bool(
            status.intact and status.valid and status.trusted and status.bottom_line
            and status.docmdp_ok
            and level is not None and level <= ModificationLevel.FORM_FILLING)
        ok = ok and good
        results.append({
            "field": sig.field_name,
            "intact": status.intact,
            "valid": status.valid,
            "trusted": status.trusted,
            "bottom_line": status.bottom_line,
            "docmdp_ok": status.docmdp_ok,
            "modification_level": level.name if level is not None else None,
            "coverage": status.coverage.name if status.coverage is not None else None,
            "ok": good,
        })
    return ok, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--declared-name-from", type=int, default=0)
    args = parser.parse_args()
    with open(args.input, "rb") as f:
        data = f.read()
    ca_cert, cert, key = make_pki()
    data, signed = sign_all(data, args.count, args.declared_name_from, ca_cert, cert, key)
    with open(args.output, "wb") as f:
        f.write(data)
    ok, results = validate_all(data, ca_cert)
    if not signed:
        ok = False
    json.dump({"signer_cn": SIGNER_CN, "signed": signed, "validation": results, "ok": ok},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
