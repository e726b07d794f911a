"""Writes PDFs that are small on disk and large once read (tests/limits.rs).

    pdf_bomb.py OUT content PAGES MB   one page per stream, each inflating to MB MiB of spaces
    pdf_bomb.py OUT objstm MB          one object stream inflating to MB MiB
    pdf_bomb.py OUT objects COUNT      one object stream listing COUNT objects

A stream of many MiB of one byte is deflated once per MiB after a full flush: each MiB's
compressed block is then the same bytes, repeated (zlib compresses 1 MiB of spaces to
about 1 KB, so 2.5 GB fit in 2.5 MB). The file is a classic PDF 1.7 with a cross-reference
table; qpdf --check accepts it.
"""
import sys
import zlib


def spaces(mib):
    c = zlib.compressobj(9)
    block = b" " * (1 << 20)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    return first + again * (mib - 1) + c.flush()


def stream(extra, data):
    head = b"<< " + extra + b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
    return head + data + b"\nendstream"


def pdf(objs):
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def document(pages, streams):
    """A catalogue, a page tree and `pages` pages; `streams` are the objects after them."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objs[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages
    first = 3 + pages
    for i in range(pages):
        content = b" /Contents %d 0 R" % (first + i) if i < len(streams) else b""
        objs[3 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]" + content + b" >>"
    for i, s in enumerate(streams):
        objs[first + i] = s
    return pdf(objs)


def main():
    out, kind = sys.argv[1], sys.argv[2]
    if kind == "content":
        pages, mib = int(sys.argv[3]), int(sys.argv[4])
        data = spaces(mib)
        body = document(pages, [stream(b"", data)] * pages)
    elif kind == "objstm":
        data = spaces(int(sys.argv[3]))
        body = document(1, [stream(b"/Type /ObjStm /N 1 /First 4 ", data)])
    elif kind == "objects":
        count = int(sys.argv[3])
        index = b" ".join(b"%d 0" % (1000 + i) for i in range(count)) + b" "
        packed = index + b"null " * count
        data = zlib.compress(packed, 9)
        extra = b"/Type /ObjStm /N %d /First %d " % (count, len(index))
        body = document(1, [stream(extra, data)])
    else:
        raise SystemExit("unknown kind " + kind)
    with open(out, "wb") as f:
        f.write(body)


main()
