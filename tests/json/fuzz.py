#!/usr/bin/python3
"""
fuzz.py -- helpers for tests/integration/jsonfuzz.sh.

  fuzz.py serve PORT SEED      serve random bytes: connection i gets bytes
                               from random.Random(SEED + i), then a close
  fuzz.py certs DIR SEED N     write DIR/k.crt, DIR/k.key (k = 0..N-1):
                               self-signed certificates whose subject,
                               issuer and SAN strings are random text, and
                               for odd k random bytes patched into the DER
                               (invalid UTF-8, control bytes, quotes)
  fuzz.py check FILE N         FILE must be JSON Lines (strict UTF-8, each
                               line an object with "type" and "time") with
                               N "summary"/"fail" objects; exit 1 if not
"""
import json
import random
import socket
import sys
import threading

NASTY = ['"', '\\', '\x00', '\x01', '\x1f', '\x7f', '\u2028', '\ufeff',
         '\U0001f600', '\ud7ff', '\u00e9', '/', '\n', '\r', '\t', '}', '{']


def rand_text(r, n):
    out = []
    for _ in range(n):
        c = r.random()
        if c < 0.3:
            out.append(r.choice(NASTY))
        elif c < 0.6:
            out.append(chr(r.randrange(0x20, 0x7f)))
        else:
            cp = r.randrange(0x80, 0x10ffff)
            if 0xd800 <= cp <= 0xdfff:
                cp = 0xfffd
            out.append(chr(cp))
    return "".join(out)


def rand_reply(r):
    mode = r.randrange(6)
    body = bytes(r.randrange(256) for _ in range(r.randrange(0, 2000)))
    if mode == 0:
        return body
    if mode == 1:       # a handshake record header, random body
        return bytes([22, 3, 3]) + len(body).to_bytes(2, "big") + body
    if mode == 2:       # an alert record with random bytes
        return bytes([21, 3, 3, 0, 2, r.randrange(256), r.randrange(256)])
    if mode == 3:       # a ServerHello header, random inside
        hs = bytes([2]) + len(body).to_bytes(3, "big") + body
        return bytes([22, 3, 3]) + len(hs).to_bytes(2, "big") + hs
    if mode == 4:       # text a non-TLS server might say, with odd bytes
        return rand_text(r, r.randrange(1, 80)).encode("utf-8",
                                                      "replace")
    return body[:5]


def serve(port, seed):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(64)
    i = 0
    while True:
        c, _ = s.accept()
        r = random.Random(seed + i)
        i += 1

        def one(c=c, r=r):
            try:
                c.settimeout(5)
                c.recv(65536)
                c.sendall(rand_reply(r))
            except OSError:
                pass
            finally:
                c.close()
        threading.Thread(target=one, daemon=True).start()


def certs(d, seed, n):
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    r = random.Random(seed)
    key = ec.generate_private_key(ec.SECP256R1())
    pem_key = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    now = datetime.datetime(2025, 1, 1)
    for k in range(n):
        cn = rand_text(r, r.randrange(1, 16))
        org = rand_text(r, r.randrange(1, 16))
        marker = "Z" * 24
        name = x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, marker)])
        dns = "".join(chr(r.randrange(0x21, 0x7f)) for _ in range(12))
        cert = (x509.CertificateBuilder().subject_name(name)
                .issuer_name(name).public_key(key.public_key())
                .serial_number(r.randrange(1, 2**64))
                .not_valid_before(now)
                .not_valid_after(now + datetime.timedelta(days=3650))
                .add_extension(x509.SubjectAlternativeName(
                    [x509.DNSName(dns), x509.DNSName("Y" * 16)]), False)
                .sign(key, hashes.SHA256()))
        der = bytearray(cert.public_bytes(serialization.Encoding.DER))
        if k % 2 == 1:
            # random bytes where the markers were: the signature no
            # longer matches, which only the verification notices
            # (the OU becomes a T61String, which libcrypto reads as
            # Latin-1: a UTF8String must be valid UTF-8 to load at all;
            # the IA5String of the SAN keeps any byte as it is)
            for m in (marker.encode(), b"Y" * 16):
                at = der.find(m)
                if m[0:1] == b"Z":
                    der[at - 2] = 0x14
                for j in range(len(m)):
                    der[at + j] = r.randrange(256)
        c = x509.load_der_x509_certificate(bytes(der))
        with open("%s/%d.crt" % (d, k), "wb") as f:
            f.write(c.public_bytes(serialization.Encoding.PEM))
        with open("%s/%d.key" % (d, k), "wb") as f:
            f.write(pem_key)


def check(path, n):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")          # strict: raises on bad UTF-8
    lines = text.split("\n")
    if lines[-1] != "":
        print("no newline at the end")
        return 1
    results = 0
    for ln in lines[:-1]:
        o = json.loads(ln)
        if not isinstance(o, dict) or not isinstance(o.get("type"), str) \
                or not isinstance(o.get("time"), (int, float)):
            print("bad object:", ln[:200])
            return 1
        if o["type"] in ("summary", "fail"):
            results += 1
    if results != n:
        print("%d results, want %d" % (results, n))
        return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "certs":
        certs(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "check":
        try:
            sys.exit(check(sys.argv[2], int(sys.argv[3])))
        except (UnicodeDecodeError, ValueError) as e:
            print("invalid:", e)
            sys.exit(1)
