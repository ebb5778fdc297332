#!/usr/bin/env python3
# ssl3server.py CERT KEY SUITE [clientauth] [tls1] -- a scripted SSL 3.0
# server (RFC 6101) on 127.0.0.1, port $TP_PORT, for
# tests/integration/ssl3.sh: no installable server on Debian speaks SSL 3.0
# any more (OpenSSL and GnuTLS are built without it).  With "tls1" it
# speaks TLS 1.0 (RFC 2246) instead, for the suites no installed server
# has any more (single DES).
#
# RSA key exchange only; SUITE is one of 0x0004 (RC4-MD5), 0x0005
# (RC4-SHA), 0x0009 (DES-CBC-SHA), 0x000a (DES-CBC3-SHA), 0x002f
# (AES128-SHA).  With "clientauth" it asks for a client certificate and
# checks the CertificateVerify, or takes SSL 3.0's no_certificate alert
# (TLS: an empty Certificate).  After the
# handshake it answers one application-data record with
# "ssl3server: <what it got>" and a line saying how the client
# authenticated, then close_notify.  CBC records it sends carry SSL 3.0
# padding of arbitrary bytes (only the length byte counts), to check that
# the client does not demand TLS padding.  One connection at a time;
# every error ends that connection with a line on stderr.
#
# Needs python3-cryptography (RSA, AES, 3DES, RC4); hashlib does MD5/SHA-1.

import hashlib
import hmac
import os
import socket
import struct
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.x509 import load_pem_x509_certificate, load_der_x509_certificate

try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4, TripleDES
except ImportError:  # older python3-cryptography
    ARC4, TripleDES = algorithms.ARC4, algorithms.TripleDES

SUITES = {
    # code: (mac hash, key len, iv len / block, cipher kind)
    0x0004: ("md5", 16, 0, "rc4"),
    0x0005: ("sha1", 16, 0, "rc4"),
    0x0009: ("sha1", 8, 8, "des"),
    0x000A: ("sha1", 24, 8, "3des"),
    0x002F: ("sha1", 16, 16, "aes"),
}


class Fail(Exception):
    pass


def md(name, *parts):
    h = hashlib.new(name)
    for p in parts:
        h.update(p)
    return h.digest()


def ssl3_expand(secret, r1, r2, n):
    out = b""
    i = 1
    while len(out) < n:
        salt = bytes([0x40 + i]) * i
        out += md("md5", secret, md("sha1", salt, secret, r1, r2))
        i += 1
    return out[:n]


def p_hash(name, secret, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, name).digest()
        out += hmac.new(secret, a + seed, name).digest()
    return out[:n]


def tls10_prf(secret, label, seed, n):
    """RFC 2246, 5: P_MD5(S1) XOR P_SHA-1(S2)."""
    half = (len(secret) + 1) // 2
    a = p_hash("md5", secret[:half], label + seed, n)
    b = p_hash("sha1", secret[len(secret) - half:], label + seed, n)
    return bytes(x ^ y for x, y in zip(a, b))


def ssl3_hashes(transcript, sender, master):
    out = b""
    for name, plen in (("md5", 48), ("sha1", 40)):
        inner = md(name, transcript, sender, master, b"\x36" * plen)
        out += md(name, master, b"\x5c" * plen, inner)
    return out


class Prot:
    """One direction of SSL 3.0 record protection."""

    def __init__(self, suite, mac_key, key, iv, encrypt, version):
        self.mac, _, self.bs, kind = SUITES[suite]
        self.version = version
        self.mac_key = mac_key
        self.pad = 48 if self.mac == "md5" else 40
        self.seq = 0
        if kind == "rc4":
            c = Cipher(ARC4(key), mode=None)
        elif kind in ("3des", "des"):
            # single DES is TripleDES with K1 = K2 = K3
            c = Cipher(TripleDES(key * 3 if len(key) == 8 else key),
                       modes.CBC(iv))
        else:
            c = Cipher(algorithms.AES(key), modes.CBC(iv))
        # CBC state chains across update() calls, as SSL 3.0 wants
        self.ctx = c.encryptor() if encrypt else c.decryptor()

    def mac_of(self, ctype, data):
        if self.version != 0x0300:
            # RFC 2246, 6.2.3.1: HMAC over seq, type, version, length
            hdr = struct.pack(">QBHH", self.seq, ctype, self.version,
                              len(data))
            return hmac.new(self.mac_key, hdr + data, self.mac).digest()
        hdr = struct.pack(">QBH", self.seq, ctype, len(data))
        inner = md(self.mac, self.mac_key, b"\x36" * self.pad, hdr, data)
        return md(self.mac, self.mac_key, b"\x5c" * self.pad, inner)

    def seal(self, ctype, data):
        body = data + self.mac_of(ctype, data)
        if self.bs and self.version != 0x0300:
            # TLS: every padding byte holds the length; one extra block
            n = (self.bs - (len(body) + 1) % self.bs) % self.bs + self.bs
            body += bytes([n]) * (n + 1)
        elif self.bs:
            n = self.bs - (len(body) + 1) % self.bs
            if n == self.bs:
                n = 0
            body += b"\xab" * n + bytes([n])
        self.seq += 1
        return self.ctx.update(body)

    def open(self, ctype, frag):
        body = self.ctx.update(frag)
        if self.bs:
            n = body[-1]
            if self.version != 0x0300:
                if body[-(n + 1):] != bytes([n]) * (n + 1):
                    raise Fail("bad TLS padding")
            elif n >= self.bs:
                raise Fail("bad SSL 3.0 padding length %d" % n)
            body = body[: -(n + 1)]
        ml = 16 if self.mac == "md5" else 20
        data, mac = body[:-ml], body[-ml:]
        if mac != self.mac_of(ctype, data):
            raise Fail("bad record MAC")
        self.seq += 1
        return data


class Conn:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""
        self.hs = b""
        self.rd = None
        self.wr = None
        self.version = 0x0300

    def recv_exact(self, n):
        while len(self.buf) < n:
            d = self.s.recv(65536)
            if not d:
                raise Fail("client closed")
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def record(self):
        t, ver, n = struct.unpack(">BHH", self.recv_exact(5))
        if ver >> 8 != 3:
            raise Fail("record version 0x%04x" % ver)
        frag = self.recv_exact(n)
        if self.rd is not None:
            frag = self.rd.open(t, frag)
        return t, frag

    def send(self, t, data):
        if self.wr is not None:
            data = self.wr.seal(t, data)
        self.s.sendall(struct.pack(">BHH", t, self.version, len(data)) +
                       data)

    def hs_msg(self):
        """Next handshake message (type, body, raw) or an alert/CCS."""
        while True:
            if len(self.hs) >= 4:
                n = int.from_bytes(self.hs[1:4], "big")
                if len(self.hs) >= 4 + n:
                    raw, self.hs = self.hs[: 4 + n], self.hs[4 + n:]
                    return raw[0], raw[4:], raw
            t, frag = self.record()
            if t == 22:
                self.hs += frag
            elif t in (20, 21):
                if self.hs:
                    raise Fail("record type %d inside a message" % t)
                return -t, frag, b""
            else:
                raise Fail("unexpected record type %d" % t)


def alert(c, desc):
    try:
        c.send(21, bytes([2, desc]))
    except OSError:
        pass


def hashes(c, transcript, sender, master):
    """Finished (sender "CLNT"/"SRVR") or CertificateVerify (b"")."""
    if c.version == 0x0300:
        return ssl3_hashes(transcript, sender, master)
    hh = md("md5", transcript) + md("sha1", transcript)
    if not sender:
        return hh
    label = b"client finished" if sender == b"CLNT" else b"server finished"
    return tls10_prf(master, label, hh, 12)


def serve(c, cert_der, key, suite, clientauth, version):
    t, body, raw = c.hs_msg()
    if t != 1:
        raise Fail("expected ClientHello, got %d" % t)
    transcript = raw
    cver = struct.unpack(">H", body[0:2])[0]
    crandom = body[2:34]
    sidlen = body[34]
    p = 35 + sidlen
    nsuites = struct.unpack(">H", body[p:p + 2])[0]
    offered = [struct.unpack(">H", body[p + 2 + i:p + 4 + i])[0]
               for i in range(0, nsuites, 2)]
    c.version = version
    if cver < version:
        alert(c, 70)
        raise Fail("client version 0x%04x" % cver)
    if suite not in offered:
        alert(c, 40)
        raise Fail("suite 0x%04x not offered" % suite)

    srandom = os.urandom(32)
    sid = os.urandom(32)
    sh = struct.pack(">H", version) + srandom + bytes([32]) + sid + \
        struct.pack(">HB", suite, 0)
    flight = [bytes([2]) + len(sh).to_bytes(3, "big") + sh]
    certs = len(cert_der).to_bytes(3, "big") + cert_der
    cm = len(certs).to_bytes(3, "big") + certs
    flight.append(bytes([11]) + len(cm).to_bytes(3, "big") + cm)
    if clientauth:
        cr = bytes([1, 1]) + b"\x00\x00"    # rsa_sign; no CA names
        flight.append(bytes([13]) + len(cr).to_bytes(3, "big") + cr)
    flight.append(bytes([14, 0, 0, 0]))
    for m in flight:
        transcript += m
    c.send(22, b"".join(flight))

    client_key = None
    how = "no client certificate requested"
    t, body, raw = c.hs_msg()
    if clientauth:
        if t == -21 and body == bytes([1, 41]):
            how = "client sent the no_certificate alert"
            t, body, raw = c.hs_msg()
        elif t == 11:
            transcript += raw
            n = int.from_bytes(body[0:3], "big")
            if n == 0 and version == 0x0300:
                raise Fail("empty Certificate (SSL 3.0 sends an alert)")
            if n == 0:
                how = "client sent an empty Certificate"
            else:
                l1 = int.from_bytes(body[3:6], "big")
                client_key = load_der_x509_certificate(
                    body[6:6 + l1]).public_key()
            t, body, raw = c.hs_msg()
        else:
            raise Fail("expected Certificate or no_certificate, got %d" % t)
    if t != 16:
        raise Fail("expected ClientKeyExchange, got %d" % t)
    transcript += raw
    # RFC 6101, 5.6.7.1: the encrypted secret is the whole body; TLS
    # puts a length in front (RFC 2246, 7.4.7.1)
    if version != 0x0300:
        body = body[2:]
    pms = key.decrypt(body, padding.PKCS1v15())
    if len(pms) != 48:
        raise Fail("premaster secret of %d bytes" % len(pms))
    if version == 0x0300:
        master = ssl3_expand(pms, crandom, srandom, 48)
    else:
        master = tls10_prf(pms, b"master secret", crandom + srandom, 48)

    if client_key is not None:
        t, body, raw = c.hs_msg()
        if t != 15:
            raise Fail("expected CertificateVerify, got %d" % t)
        want = hashes(c, transcript, b"", master)
        sig = body[2:2 + struct.unpack(">H", body[0:2])[0]]
        got = client_key.recover_data_from_signature(
            sig, padding.PKCS1v15(), None)
        if got != want:
            alert(c, 51)
            raise Fail("CertificateVerify does not match")
        transcript += raw
        how = "client certificate verified (%s CertificateVerify)" % (
            "SSL 3.0" if version == 0x0300 else "TLS 1.0")

    mac_len = 16 if SUITES[suite][0] == "md5" else 20
    klen, ivlen = SUITES[suite][1], SUITES[suite][2]
    n = 2 * (mac_len + klen + ivlen)
    if version == 0x0300:
        kb = ssl3_expand(master, srandom, crandom, n)
    else:
        kb = tls10_prf(master, b"key expansion", srandom + crandom, n)
    o = 0
    cmac, smac = kb[o:o + mac_len], kb[o + mac_len:o + 2 * mac_len]
    o += 2 * mac_len
    ckey, skey = kb[o:o + klen], kb[o + klen:o + 2 * klen]
    o += 2 * klen
    civ, siv = kb[o:o + ivlen], kb[o + ivlen:o + 2 * ivlen]

    t, body, raw = c.hs_msg()
    if t != -20:
        raise Fail("expected ChangeCipherSpec, got %d" % t)
    c.rd = Prot(suite, cmac, ckey, civ, False, version)
    t, body, raw = c.hs_msg()
    if t != 20:
        raise Fail("expected Finished, got %d" % t)
    if body != hashes(c, transcript, b"CLNT", master):
        alert(c, 40)
        raise Fail("client Finished does not match")
    transcript += raw
    c.send(20, b"\x01")
    c.wr = Prot(suite, smac, skey, siv, True, version)
    fin = hashes(c, transcript, b"SRVR", master)
    c.send(22, bytes([20]) + len(fin).to_bytes(3, "big") + fin)

    t, data = c.record()
    if t != 23:
        raise Fail("expected application data, got %d" % t)
    c.send(23, b"ssl3server: " + data.strip() + b"\n" + how.encode() +
           b"\n")
    c.send(21, bytes([1, 0]))


def main():
    port = os.environ["TP_PORT"]
    certf, keyf, suite = sys.argv[1:4]
    clientauth = "clientauth" in sys.argv[4:]
    version = 0x0301 if "tls1" in sys.argv[4:] else 0x0300
    suite = int(suite, 16)
    with open(certf, "rb") as f:
        cert_der = load_pem_x509_certificate(f.read()).public_bytes(
            serialization.Encoding.DER)
    with open(keyf, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", int(port)))
    ls.listen(8)
    while True:
        s, _ = ls.accept()
        s.settimeout(10)
        c = Conn(s)
        try:
            serve(c, cert_der, key, suite, clientauth, version)
            print("ssl3server: handshake done", flush=True)
        except (Fail, OSError, ValueError) as e:
            print("ssl3server: %s" % e, file=sys.stderr, flush=True)
        finally:
            s.close()


if __name__ == "__main__":
    main()
