#!/usr/bin/env python3
"""A local RFC 3161 time-stamping authority for tests/signing_pades.rs: an HTTP server on
127.0.0.1 (a free port, printed on the first line of stdout) answering each POSTed
time-stamp query with `openssl ts -reply`.

    tsa_server.py DIR   (DIR holds tsa.pem, tsa.key, ca.pem and tsa.cnf)
"""

import http.server
import os
import subprocess
import sys
import tempfile

DIR = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with tempfile.TemporaryDirectory() as tmp:
            q, r = os.path.join(tmp, "q.tsq"), os.path.join(tmp, "r.tsr")
            with open(q, "wb") as f:
                f.write(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", os.path.join(DIR, "tsa.cnf"),
                 "-queryfile", q, "-signer", os.path.join(DIR, "tsa.pem"),
                 "-inkey", os.path.join(DIR, "tsa.key"), "-chain", os.path.join(DIR, "ca.pem"),
                 "-out", r],
                capture_output=True)
            if done.returncode != 0:
                self.send_response(500)
                self.end_headers()
                self.wfile.write(done.stderr)
                return
            with open(r, "rb") as f:
                reply = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
