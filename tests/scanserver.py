#!/usr/bin/env python3
"""scanserver.py -- a scripted first-flight server for -scan tests: the
bytes no real server on this machine sends.  Port from $TP_PORT.

    scanserver.py compress     TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, picks
                               DEFLATE when offered (CRIME)
    scanserver.py pq           TLS 1.3 only; groups X25519MLKEM768 then
                               X25519: answers a share-less ClientHello
                               with a HelloRetryRequest for the first
    scanserver.py reset N      like compress, but after N connections it
                               stops listening (connections are refused)
    scanserver.py cap          like compress, but a ClientHello record over
                               512 bytes is answered by closing (no alert)

Only ServerHello (+ ServerHelloDone) or a HelloRetryRequest is sent: a
-scan probe reads no further.  Nothing is ever completed.
"""
import os
import socket
import struct
import sys
import time

HRR_RANDOM = bytes.fromhex(
    "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")


def recv_exact(c, n):
    b = b""
    while len(b) < n:
        d = c.recv(n - len(b))
        if not d:
            return None
        b += d
    return b


def read_hello(c):
    h = recv_exact(c, 5)
    if h is None or h[0] != 22:
        return None, 0
    n = struct.unpack(">H", h[3:5])[0]
    body = recv_exact(c, n)
    if body is None or body[0] != 1:
        return None, n
    return body[4:], n


def parse_hello(m):
    ver = struct.unpack(">H", m[0:2])[0]
    p = 34
    p += 1 + m[p]
    n = struct.unpack(">H", m[p:p + 2])[0]
    suites = [struct.unpack(">H", m[p + 2 + i:p + 4 + i])[0]
              for i in range(0, n, 2)]
    p += 2 + n
    comp = list(m[p + 1:p + 1 + m[p]])
    p += 1 + m[p]
    exts = {}
    if p + 2 <= len(m):
        end = p + 2 + struct.unpack(">H", m[p:p + 2])[0]
        p += 2
        while p + 4 <= end:
            t, ln = struct.unpack(">HH", m[p:p + 4])
            exts[t] = m[p + 4:p + 4 + ln]
            p += 4 + ln
    sid_len = m[34]
    sid = m[35:35 + sid_len]
    return ver, suites, comp, exts, sid


def u16list(b):
    n = struct.unpack(">H", b[0:2])[0]
    return [struct.unpack(">H", b[2 + i:4 + i])[0] for i in range(0, n, 2)]


def record(ct, body, ver=0x0303):
    return struct.pack(">BHH", ct, ver, len(body)) + body


def hs(t, body):
    return struct.pack(">B", t) + struct.pack(">I", len(body))[1:] + body


def alert(desc):
    return record(21, bytes([2, desc]))


def ext(t, body):
    return struct.pack(">HH", t, len(body)) + body


def tls12(c, m):
    ver, suites, comp, exts, sid = parse_hello(m)
    if ver < 0x0303:
        c.sendall(alert(70))
        return
    if 0xc02f not in suites:
        c.sendall(alert(40))
        return
    method = 1 if 1 in comp else 0
    e = b""
    if 0xff01 in exts:
        e += ext(0xff01, b"\x00")
    sh = (struct.pack(">H", 0x0303) + os.urandom(32) + b"\x00" +
          struct.pack(">HB", 0xc02f, method) +
          struct.pack(">H", len(e)) + e)
    c.sendall(record(22, hs(2, sh) + hs(14, b"")))


def tls13_pq(c, m):
    ver, suites, comp, exts, sid = parse_hello(m)
    versions = []
    if 43 in exts:
        v = exts[43]
        versions = [struct.unpack(">H", v[1 + i:3 + i])[0]
                    for i in range(0, v[0], 2)]
    if 0x0304 not in versions:
        c.sendall(alert(70))
        return
    groups = u16list(exts[10]) if 10 in exts else []
    if 0x1301 not in suites:
        c.sendall(alert(40))
        return
    for g in (0x11ec, 0x001d):
        if g in groups:
            break
    else:
        c.sendall(alert(40))
        return
    e = ext(43, struct.pack(">H", 0x0304)) + ext(51, struct.pack(">H", g))
    hrr = (struct.pack(">H", 0x0303) + HRR_RANDOM + bytes([len(sid)]) +
           sid + struct.pack(">HB", 0x1301, 0) + struct.pack(">H", len(e)) +
           e)
    c.sendall(record(22, hs(2, hrr)))


def main():
    mode = sys.argv[1]
    limit = int(sys.argv[2]) if mode == "reset" else -1
    port = int(os.environ["TP_PORT"])
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(16)
    served = 0
    while True:
        if limit >= 0 and served >= limit:
            # stop listening: every further connect is refused
            s.close()
            while True:
                time.sleep(60)
        c, _ = s.accept()
        served += 1
        try:
            c.settimeout(5)
            m, n = read_hello(c)
            if m is None:
                c.close()
                continue
            if mode == "cap" and n > 512:
                c.close()
                continue
            if mode == "pq":
                tls13_pq(c, m)
            else:
                tls12(c, m)
        except (OSError, IndexError, struct.error):
            pass
        try:
            c.close()
        except OSError:
            pass


if __name__ == "__main__":
    main()
