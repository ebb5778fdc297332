#!/usr/bin/python3
"""
server.py PORT CERTDIR -- a scripted hostile TLS server for tlsprobe's tests.

It listens on 127.0.0.1:PORT and serves every connection in its own thread.
The case to play is the server_name the client sends (tlsprobe
-servername CASE); no SNI plays "ok13".  Each case reads the ClientHello and
then answers with crafted bytes: broken records, broken messages, or a real
TLS 1.2 / TLS 1.3 handshake (X25519, RSA-PSS, AES-GCM or AES-CBC-SHA, keys
from CERTDIR/rsa.{crt,key}) with one thing made wrong.

The real handshakes need Debian's python3-cryptography; without it those
cases answer with a fatal internal_error alert, and `server.py --crypto`
exits 1 so that the test script can skip them.  `server.py --list` prints
the case names.

Written from RFC 8446 and RFC 5246; nothing here is meant to be a TLS
implementation beyond what the tests need.
"""
import base64
import hashlib
import hmac
import os
import socket
import struct
import sys
import threading
import time

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, x25519
    from cryptography.hazmat.primitives.ciphers import (Cipher, algorithms,
                                                        modes)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.exceptions import InvalidTag
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    except ImportError:
        ARC4 = algorithms.ARC4
    HAVE_CRYPTO = True
except ImportError:
    HAVE_CRYPTO = False

CT_CCS, CT_ALERT, CT_HS, CT_APP = 20, 21, 22, 23
HS_SH, HS_NST, HS_EE, HS_CERT, HS_SKE, HS_CR, HS_SHD, HS_CV, HS_CKE, \
    HS_FIN, HS_KU = 2, 4, 8, 11, 12, 13, 14, 15, 16, 20, 24
HS_HELLO_REQUEST = 0
EXT_SNI, EXT_GROUPS, EXT_POINTS, EXT_EMS, EXT_TICKET = 0, 10, 11, 23, 35
EXT_ETM = 22
EXT_VERSIONS, EXT_COOKIE, EXT_KEY_SHARE, EXT_RENEG = 43, 44, 51, 0xff01
X25519, P256 = 0x001d, 0x0017
HRR_RANDOM = bytes.fromhex(
    "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")
DOWNGRADE_12 = b"DOWNGRD\x01"

CERTDIR = "."
CERT_DER = b""


def der(tag, body):
    assert len(body) < 128
    return bytes([tag, len(body)]) + body


# DER Name "CN = tlsprobe test CA", for the CertificateRequest
CA_NAME = der(0x30, der(0x31, der(0x30, bytes.fromhex("0603550403") +
                                  der(0x0c, b"tlsprobe test CA"))))
KEY = None


class Done(Exception):
    """The case is over (the client went away, or we stop on purpose)."""


def u8(n):
    return bytes([n])


def u16(n):
    return struct.pack("!H", n)


def u24(n):
    return n.to_bytes(3, "big")


def vec(width, b):
    return len(b).to_bytes(width, "big") + b


def rec(ct, body, ver=0x0303, length=None):
    n = len(body) if length is None else length
    return struct.pack("!BHH", ct, ver, n) + body


def hsm(t, body, length=None):
    return u8(t) + u24(len(body) if length is None else length) + body


def ext(t, body):
    return u16(t) + vec(2, body)


def alert(level, desc):
    return rec(CT_ALERT, bytes([level, desc]))


# --- reading from the client ----------------------------------------------

class Peer:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""
        self.hs = b""

    def send(self, data):
        try:
            self.s.sendall(data)
        except OSError:
            raise Done()

    def exact(self, n, timeout=10.0):
        self.s.settimeout(timeout)
        while len(self.buf) < n:
            try:
                d = self.s.recv(65536)
            except (OSError, socket.timeout):
                raise Done()
            if not d:
                raise Done()
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def record(self, timeout=10.0):
        h = self.exact(5, timeout)
        t, v, n = struct.unpack("!BHH", h)
        return t, self.exact(n, timeout)

    def handshake(self):
        """Next plaintext handshake message (header included); CCS skipped."""
        while True:
            if len(self.hs) >= 4:
                n = int.from_bytes(self.hs[1:4], "big")
                if len(self.hs) >= 4 + n:
                    m, self.hs = self.hs[:4 + n], self.hs[4 + n:]
                    return m
            t, body = self.record()
            if t == CT_HS:
                self.hs += body
            elif t == CT_ALERT:
                raise Done()

    def drain(self, timeout=5.0):
        """Wait for the client to go away."""
        end = time.time() + timeout
        self.s.settimeout(0.2)
        while time.time() < end:
            try:
                if not self.s.recv(65536):
                    return
            except socket.timeout:
                continue
            except OSError:
                return


class ClientHello:
    def __init__(self, raw):
        self.raw = raw
        b = raw[4:]
        self.version = struct.unpack("!H", b[0:2])[0]
        self.random = b[2:34]
        n = b[34]
        self.sid = b[35:35 + n]
        p = 35 + n
        n = struct.unpack("!H", b[p:p + 2])[0]
        self.suites = [struct.unpack("!H", b[p + 2 + i:p + 4 + i])[0]
                       for i in range(0, n, 2)]
        p += 2 + n
        p += 1 + b[p]
        self.exts = {}
        if p < len(b):
            n = struct.unpack("!H", b[p:p + 2])[0]
            e = b[p + 2:p + 2 + n]
            while e:
                t, ln = struct.unpack("!HH", e[:4])
                self.exts[t] = e[4:4 + ln]
                e = e[4 + ln:]
        self.sni = ""
        if EXT_SNI in self.exts:
            e = self.exts[EXT_SNI]
            ln = struct.unpack("!H", e[3:5])[0]
            self.sni = e[5:5 + ln].decode("ascii", "replace")
        self.shares = {}
        if EXT_KEY_SHARE in self.exts:
            e = self.exts[EXT_KEY_SHARE][2:]
            while e:
                g, ln = struct.unpack("!HH", e[:4])
                self.shares[g] = e[4:4 + ln]
                e = e[4 + ln:]


# --- key schedules ----------------------------------------------------------

def sha256(b):
    return hashlib.sha256(b).digest()


def hmac256(k, m):
    return hmac.new(k, m, hashlib.sha256).digest()


def hkdf_expand_label(secret, label, ctx, n):
    info = u16(n) + vec(1, b"tls13 " + label) + vec(1, ctx)
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac256(secret, t + info + u8(i))
        out += t
        i += 1
    return out[:n]


def prf12(secret, label, seed, n):
    """RFC 5246, 5: P_SHA256."""
    seed = label + seed
    a, out = seed, b""
    while len(out) < n:
        a = hmac256(secret, a)
        out += hmac256(secret, a + seed)
    return out[:n]


def rsa_pss_sign(data):
    return KEY.sign(data, padding.PSS(mgf=padding.MGF1(hashes.SHA256()),
                                      salt_length=32), hashes.SHA256())


def flip(b, i=-1):
    b = bytearray(b)
    b[i] ^= 0x01
    return bytes(b)


class Share:
    """Our half of an (EC)DH exchange."""

    def __init__(self, group):
        self.group = group
        if group == X25519:
            self.k = x25519.X25519PrivateKey.generate()
            self.pub = self.k.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        else:
            self.k = ec.generate_private_key(ec.SECP256R1())
            self.pub = self.k.public_key().public_bytes(
                serialization.Encoding.X962,
                serialization.PublicFormat.UncompressedPoint)

    def derive(self, peer):
        if self.group == X25519:
            return self.k.exchange(
                x25519.X25519PublicKey.from_public_bytes(peer))
        return self.k.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.
                               from_encoded_point(ec.SECP256R1(), peer))


# --- TLS 1.3 ------------------------------------------------------------------

class Prot13:
    def __init__(self, secret):
        self.key = hkdf_expand_label(secret, b"key", b"", 16)
        self.iv = hkdf_expand_label(secret, b"iv", b"", 12)
        self.seq = 0

    def seal(self, inner_type, data, pad=0, bad_tag=False, raw_inner=None):
        inner = data + u8(inner_type) + b"\0" * pad
        if raw_inner is not None:
            inner = raw_inner
        hdr = struct.pack("!BHH", CT_APP, 0x0303, len(inner) + 16)
        nonce = bytes(a ^ b for a, b in
                      zip(self.iv, b"\0" * 4 + self.seq.to_bytes(8, "big")))
        self.seq += 1
        ct = AESGCM(self.key).encrypt(nonce, inner, hdr)
        if bad_tag:
            ct = flip(ct)
        return hdr + ct


def ee_exts_default(ch):
    return b""


def run13(p, ch, **m):
    """
    A TLS 1.3 server flight with mutations m:
      sh_exts: replaces the ServerHello extensions; sh_extra: appended
      sid: the legacy_session_id_echo; ks_group / ks_pub: the key share
      ccs: 0, 1 or 2 compatibility CCS records after the ServerHello
      ee: EncryptedExtensions body; certs: list of DER; cert_ctx
      cv_sig: 'bad' flips the signature; fin: 'bad' flips verify_data
      split: handshake plaintext per record; coalesce: one record
      bad_tag: record index whose tag is broken; post: list of
      (inner_type, data) sent after the flight; first_plain: bytes sent
      before the ServerHello.
    """
    group = m.get("group", X25519)
    if group not in ch.shares:
        raise Done()
    tr = [ch.raw] if "transcript" not in m else m["transcript"]
    share = m.get("share") or Share(group)
    shared = share.derive(ch.shares[group])
    ks = ext(EXT_KEY_SHARE, u16(m.get("ks_group", group)) +
             vec(2, m.get("ks_pub", share.pub)))
    exts = m.get("sh_exts", ext(EXT_VERSIONS, u16(0x0304)) + ks)
    exts += m.get("sh_extra", b"")
    sh = hsm(HS_SH, u16(0x0303) + os.urandom(32) +
             vec(1, m.get("sid", ch.sid)) + u16(m.get("suite", 0x1301)) +
             u8(0) + vec(2, exts))
    tr.append(sh)
    th = sha256(b"".join(tr))
    zeros = b"\0" * 32
    early = hmac256(zeros, zeros)
    empty = sha256(b"")
    hs_secret = hmac256(hkdf_expand_label(early, b"derived", empty, 32),
                        shared)
    c_hs = hkdf_expand_label(hs_secret, b"c hs traffic", th, 32)
    s_hs = hkdf_expand_label(hs_secret, b"s hs traffic", th, 32)
    master = hmac256(hkdf_expand_label(hs_secret, b"derived", empty, 32),
                     zeros)
    out = m.get("first_plain", b"") + rec(CT_HS, sh + m.get("sh_tail", b""))
    out += rec(CT_CCS, b"\x01") * m.get("ccs", 1)

    msgs = [hsm(HS_EE, vec(2, m.get("ee", b"")))]
    if "extra_msg" in m:
        msgs.append(m["extra_msg"])
    certs = m.get("certs", [CERT_DER])
    clist = b"".join(vec(3, c) + vec(2, b"") for c in certs)
    msgs.append(hsm(HS_CERT, vec(1, m.get("cert_ctx", b"")) + vec(3, clist)))
    tr += msgs
    content = b" " * 64 + b"TLS 1.3, server CertificateVerify\0" + \
        sha256(b"".join(tr))
    sig = rsa_pss_sign(content)
    if m.get("cv_sig") == "bad":
        sig = flip(sig, 10)
    cv = hsm(HS_CV, u16(0x0804) + vec(2, sig))
    tr.append(cv)
    vd = hmac256(hkdf_expand_label(s_hs, b"finished", b"", 32),
                 sha256(b"".join(tr)))
    if m.get("fin") == "bad":
        vd = flip(vd)
    elif m.get("fin") == "short":
        vd = vd[:-1]
    fin = hsm(HS_FIN, vd)
    tr.append(fin)
    msgs += [cv, fin]
    th_fin = sha256(b"".join(tr))
    s_ap = hkdf_expand_label(master, b"s ap traffic", th_fin, 32)

    prot = Prot13(s_hs)
    stream = b"".join(msgs)
    if m.get("coalesce"):
        chunks = [stream]
    elif "split" in m:
        n = m["split"]
        chunks = [stream[i:i + n] for i in range(0, len(stream), n)]
    else:
        chunks = msgs
    if "raw_record" in m:
        out += prot.seal(0, b"", raw_inner=m["raw_record"])
    for i, c in enumerate(chunks):
        out += prot.seal(CT_HS, c, pad=m.get("pad", 0),
                         bad_tag=(m.get("bad_tag") == i))
    if "drip" in m:
        p.send(out[:m["drip"]])
        for b in out[m["drip"]:]:
            time.sleep(0.1)
            p.send(bytes([b]))
    else:
        p.send(out)
    if m.get("stop"):
        p.drain()
        raise Done()
    # after the flight: application keys
    ap = Prot13(s_ap)
    post = b""
    for t, d in m.get("post", []):
        post += ap.seal(t, d)
        if t == CT_HS and d[0] == HS_KU:
            # RFC 8446, 7.2: our next records use the next secret
            s_ap = hkdf_expand_label(s_ap, b"traffic upd", b"", 32)
            ap = Prot13(s_ap)
    if post:
        p.send(post)
    # the client's CCS, Finished and close_notify
    try:
        n = 0
        while n < 2:
            t, _ = p.record()
            if t == CT_APP:
                n += 1
    finally:
        p.send(ap.seal(CT_ALERT, b"\x01\x00"))
    p.drain()


def hrr(ch, group=None, cookie=None, suite=0x1301, extra=b""):
    exts = ext(EXT_VERSIONS, u16(0x0304))
    if group is not None:
        exts += ext(EXT_KEY_SHARE, u16(group))
    if cookie is not None:
        exts += ext(EXT_COOKIE, vec(2, cookie))
    exts += extra
    return hsm(HS_SH, u16(0x0303) + HRR_RANDOM + vec(1, ch.sid) +
               u16(suite) + u8(0) + vec(2, exts))


def message_hash(ch1):
    return hsm(254, sha256(ch1.raw))


# --- TLS 1.2 ------------------------------------------------------------------

class Prot12:
    """
    One direction of TLS 1.2 record protection: AES-128-GCM (kind "gcm"),
    AES-128-CBC-SHA ("cbc": MAC-then-encrypt, or with etm=True
    encrypt-then-MAC, RFC 7366, 3) or RC4-128-SHA ("rc4", a stream
    cipher).  The server's write keys, or with client=True the client's
    (to open what the client sends).
    """

    def __init__(self, kb, cbc, etm=False, client=False, kind=None):
        self.kind = kind or ("cbc" if cbc else "gcm")
        self.cbc = self.kind == "cbc"
        self.etm = etm and self.cbc
        if self.kind in ("cbc", "rc4"):
            self.mac = kb[0:20] if client else kb[20:40]
            self.key = kb[40:56] if client else kb[56:72]
        else:
            self.key = kb[0:16] if client else kb[16:32]
            self.salt = kb[32:36] if client else kb[36:40]
        if self.kind == "rc4":
            # one keystream per direction: encrypting is decrypting
            self.stream = Cipher(ARC4(self.key), None).encryptor()
        self.seq = 0

    def _hdr(self, ct, n):
        seq = self.seq.to_bytes(8, "big")
        self.seq += 1
        return seq + u8(ct) + u16(0x0303) + u16(n)

    def _hmac(self, data):
        return hmac.new(self.mac, data, hashlib.sha1).digest()

    def _aes(self, iv, data, enc):
        c = Cipher(algorithms.AES(self.key), modes.CBC(iv))
        x = c.encryptor() if enc else c.decryptor()
        return x.update(data) + x.finalize()

    def seal(self, ct, data, bad=None):
        if self.kind == "gcm":
            aad = self._hdr(ct, len(data))
            seq = aad[:8]
            body = seq + AESGCM(self.key).encrypt(self.salt + seq, data, aad)
            if bad == "tag":
                body = flip(body)
            return rec(ct, body)
        if self.kind == "rc4":
            mac = self._hmac(self._hdr(ct, len(data)) + data)
            if bad == "mac":
                mac = flip(mac)
            return rec(ct, self.stream.update(data + mac))
        if self.etm:
            # RFC 7366, 3: IV || CBC(content || padding), then the MAC
            # over the header (with that length) and IV || ciphertext
            padlen = 15 - len(data) % 16
            iv = os.urandom(16)
            body = iv + self._aes(iv, data + bytes([padlen] * (padlen + 1)),
                                  True)
            mac = self._hmac(self._hdr(ct, len(body)) + body)
            if bad == "mac":
                mac = flip(mac)
            return rec(ct, body + mac)
        mac = self._hmac(self._hdr(ct, len(data)) + data)
        if bad == "mac":
            mac = flip(mac)
        pt = data + mac
        padlen = 15 - len(pt) % 16
        if padlen < 4:
            padlen += 16
        pad = bytearray([padlen] * (padlen + 1))
        if bad == "pad":
            pad[1] ^= 0x40	# the last byte stays: a wrong padding byte
        pt += bytes(pad)
        iv = os.urandom(16)
        return rec(ct, iv + self._aes(iv, pt, True))

    def open(self, ct, body):
        """The plaintext of a record body, or None when it does not open."""
        if self.kind == "gcm":
            if len(body) < 24:
                return None
            aad = self._hdr(ct, len(body) - 24)
            try:
                return AESGCM(self.key).decrypt(self.salt + body[:8],
                                                body[8:], aad)
            except InvalidTag:
                return None
        if self.kind == "rc4":
            pt = self.stream.update(body)
            if len(pt) < 20:
                return None
            data, mac = pt[:-20], pt[-20:]
            ok = hmac.compare_digest(mac, self._hmac(
                self._hdr(ct, len(data)) + data))
            return data if ok else None
        if self.etm:
            if len(body) < 52 or (len(body) - 20) % 16:
                return None
            ivct, mac = body[:-20], body[-20:]
            if not hmac.compare_digest(mac, self._hmac(
                    self._hdr(ct, len(ivct)) + ivct)):
                return None
            pt = self._aes(ivct[:16], ivct[16:], False)
            n = pt[-1]
            if n + 1 > len(pt) or pt[-n - 1:] != bytes([n] * (n + 1)):
                return None
            return pt[:-n - 1]
        if len(body) < 48 or len(body) % 16:
            return None
        pt = self._aes(body[:16], body[16:], False)
        n = pt[-1]
        if n + 21 > len(pt) or pt[-n - 1:] != bytes([n] * (n + 1)):
            self.seq += 1
            return None
        rest = pt[:-n - 1]
        data, mac = rest[:-20], rest[-20:]
        ok = hmac.compare_digest(mac, self._hmac(
            self._hdr(ct, len(data)) + data))
        return data if ok else None


def sh12(ch, **m):
    exts = b""
    if m.get("reneg", True):
        exts += ext(EXT_RENEG, b"\x00")
    if m.get("ems", True) and EXT_EMS in ch.exts:
        exts += ext(EXT_EMS, b"")
    exts += ext(EXT_POINTS, b"\x01\x00")
    exts += m.get("sh_extra", b"")
    rnd = m.get("random", os.urandom(32))
    return hsm(HS_SH, u16(m.get("version", 0x0303)) + rnd +
               vec(1, m.get("sid", os.urandom(32))) +
               u16(m.get("suite", 0xc02f)) + u8(m.get("comp", 0)) +
               vec(2, m.get("sh_exts", exts)))


def run12(p, ch, **m):
    """
    A TLS 1.2 ECDHE-RSA handshake (AES-128-GCM, or AES-128-CBC-SHA with
    cbc=1, or kind="rc4": RC4-128-SHA) with mutations: ske_sig='bad',
    fin='bad', bad='tag'/'mac'/'pad' (the server Finished record),
    split=N / coalesce (the first flight), pre=bytes sent before the
    ServerHello, sh=dict of ServerHello changes, post=list of plaintext
    handshake messages after the handshake; etm=True echoes
    encrypt_then_mac (RFC 7366), used with CBC only; cache=True keeps the
    session for etm_resume(); reneg=dict: after the handshake, a
    HelloRequest and a renegotiation, run12 with these changes (see
    renegotiate12).  The client's Finished record is opened and checked:
    a client that protects it otherwise gets bad_record_mac.
    """
    kind = m.get("kind", "cbc" if m.get("cbc") else "gcm")
    cbc = kind == "cbc"
    suite = {"cbc": 0xc013, "gcm": 0xc02f, "rc4": 0xc011}[kind]
    shm = dict(m.get("sh", {}))
    if m.get("etm"):
        shm["sh_extra"] = shm.get("sh_extra", b"") + ext(EXT_ETM, b"")
    use_etm = bool(m.get("etm")) and cbc
    sh = sh12(ch, suite=suite, **shm)
    sr = sh[6:38]
    ems = m.get("sh", {}).get("ems", True) and EXT_EMS in ch.exts
    share = Share(X25519)
    params = u8(3) + u16(X25519) + vec(1, share.pub)
    sig = rsa_pss_sign(ch.random + sr + params)
    if m.get("ske_sig") == "bad":
        sig = flip(sig, 7)
    cert = hsm(HS_CERT, vec(3, b"".join(vec(3, c) for c in
                                        m.get("certs", [CERT_DER]))))
    msgs = [sh, cert, hsm(HS_SKE, params + u16(0x0804) + vec(2, sig))]
    if m.get("cr_close"):
        # CertificateRequest: rsa_sign, rsa_pss_rsae_sha256, one CA name
        msgs.append(hsm(HS_CR, vec(1, b"\x01") + vec(2, u16(0x0804)) +
                        vec(2, vec(2, CA_NAME))))
    msgs.append(hsm(HS_SHD, b""))
    stream = b"".join(msgs)
    if m.get("coalesce"):
        chunks = [stream]
    elif "split" in m:
        n = m["split"]
        chunks = [stream[i:i + n] for i in range(0, len(stream), n)]
    else:
        chunks = msgs
    p.send(m.get("pre", b"") + b"".join(rec(CT_HS, c) for c in chunks))
    tr = [ch.raw] + msgs
    if m.get("cr_close"):
        # as several TLS libraries do when no client certificate comes:
        # read the client's flight, then close without an alert
        p.handshake()
        raise Done()
    cke = p.handshake()
    if cke[0] != HS_CKE:
        raise Done()
    tr.append(cke)
    pms = share.derive(cke[5:5 + cke[4]])
    if ems:
        master = prf12(pms, b"extended master secret",
                       sha256(b"".join(tr)), 48)
    else:
        master = prf12(pms, b"master secret", ch.random + sr, 48)
    kb = prf12(master, b"key expansion", sr + ch.random,
               40 if kind == "gcm" else 72)
    # the client's Finished is what the transcript says it must be
    cfin = hsm(HS_FIN, prf12(master, b"client finished",
                             sha256(b"".join(tr)), 12))
    tr.append(cfin)
    # its CCS and encrypted Finished, opened as we chose to protect it
    cprot = Prot12(kb, cbc, etm=use_etm, client=True, kind=kind)
    t1, _ = p.record()
    t2, body = p.record()
    if t1 != CT_CCS or t2 != CT_HS or cprot.open(CT_HS, body) != cfin:
        p.send(alert(2, 20))
        p.drain()
        raise Done()
    vd = prf12(master, b"server finished", sha256(b"".join(tr)), 12)
    if m.get("fin") == "bad":
        vd = flip(vd)
    elif m.get("fin") == "short":
        vd = vd[:-1]
    if m.get("cache"):
        SESSIONS[sh[39:39 + sh[38]]] = master
    prot = Prot12(kb, cbc, etm=use_etm, kind=kind)
    out = rec(CT_CCS, b"\x01") + prot.seal(CT_HS, hsm(HS_FIN, vd),
                                           bad=m.get("bad"))
    for msg in m.get("post", []):
        out += prot.seal(CT_HS, msg)
    if "reneg" in m:
        p.send(out + prot.seal(CT_HS, hsm(HS_HELLO_REQUEST, b"")))
        renegotiate12(p, prot, cprot, cfin[4:] + vd, **m["reneg"])
        return
    p.send(out)
    try:
        p.record()	# the client's close_notify
    finally:
        p.send(prot.seal(CT_ALERT, b"\x01\x00"))
    p.drain()


# RFC 5246, 7.3 resumption by session ID: session ID -> master secret of
# the full handshakes run with cache=True
SESSIONS = {}


class SecurePeer(Peer):
    """
    A renegotiation's view of the line: records go out sealed with prot
    and come in opened with cprot (the keys in use), each direction until
    a ChangeCipherSpec passes in it; after that the new handshake's own
    keys are applied by its code, and records pass as they are.
    """

    def __init__(self, p, prot, cprot):
        Peer.__init__(self, p.s)
        self.buf = p.buf
        self.prot, self.cprot = prot, cprot

    def send(self, data):
        out = b""
        while data:
            t, _, n = struct.unpack("!BHH", data[:5])
            body, data = data[5:5 + n], data[5 + n:]
            if self.prot is None:
                out += rec(t, body)
                continue
            out += self.prot.seal(t, body)
            if t == CT_CCS:
                self.prot = None
        Peer.send(self, out)

    def record(self, timeout=10.0):
        t, body = Peer.record(self, timeout)
        if self.cprot is None:
            return t, body
        pt = self.cprot.open(t, body)
        if pt is None:
            raise Done()
        if t == CT_CCS:
            self.cprot = None
        return t, pt


def renegotiate12(p, prot, cprot, both_vd, **m):
    """
    After our HelloRequest: the client's renegotiating ClientHello, under
    the keys in use, must offer encrypt_then_mac; then a full handshake
    (run12 with m; AES-128-CBC-SHA unless m says otherwise) whose
    ServerHello carries both verify_data (RFC 5746, 3.5), over the
    protected line.
    """
    sp = SecurePeer(p, prot, cprot)
    ch2 = ClientHello(sp.handshake())
    if EXT_ETM not in ch2.exts:
        sp.send(alert(2, 40))	# not the case's point
        raise Done()
    m.setdefault("cbc", True)
    run12(sp, ch2, sh={"reneg": False, "sh_extra": ext(
        EXT_RENEG, vec(1, both_vd))}, **m)


def etm_resume(p, ch, first, again):
    """
    -reconnect against an AES-128-CBC-SHA server: the first connection is a
    full handshake with encrypt_then_mac echoed or not (first), kept by
    session ID; a ClientHello offering that session ID gets an abbreviated
    handshake (RFC 5246, 7.3) whose ServerHello echoes it or not (again),
    with the records protected as that ServerHello says.
    """
    master = SESSIONS.get(ch.sid) if ch.sid else None
    if master is None:
        run12(p, ch, cbc=True, etm=first, cache=True)
        return
    sh = sh12(ch, sid=ch.sid, suite=0xc013,
              sh_extra=ext(EXT_ETM, b"") if again else b"")
    sr = sh[6:38]
    kb = prf12(master, b"key expansion", sr + ch.random, 72)
    sfin = hsm(HS_FIN, prf12(master, b"server finished",
                             sha256(ch.raw + sh), 12))
    cfin = hsm(HS_FIN, prf12(master, b"client finished",
                             sha256(ch.raw + sh + sfin), 12))
    prot = Prot12(kb, True, etm=again)
    cprot = Prot12(kb, True, etm=again, client=True)
    p.send(rec(CT_HS, sh) + rec(CT_CCS, b"\x01") + prot.seal(CT_HS, sfin))
    t1, _ = p.record()
    t2, body = p.record()
    if t1 != CT_CCS or t2 != CT_HS or cprot.open(CT_HS, body) != cfin:
        p.send(alert(2, 20))
        p.drain()
        raise Done()
    try:
        p.record()	# the client's close_notify
    finally:
        p.send(prot.seal(CT_ALERT, b"\x01\x00"))
    p.drain()


# --- the cases -------------------------------------------------------------
#
# Each takes (peer, clienthello).  Those in CRYPTO need python3-cryptography.

CASES = {}
CRYPTO = set()


def case(name, crypto=False):
    def reg(fn):
        CASES[name] = fn
        if crypto:
            CRYPTO.add(name)
        return fn
    return reg


def simple(name, data, then="close"):
    """A case that sends fixed bytes and then closes, or holds, the line."""
    def fn(p, ch):
        p.send(data(ch) if callable(data) else data)
        if then == "hold":
            p.drain(30)
    CASES[name] = fn


def plain_sh12(ch, **m):
    return rec(CT_HS, sh12(ch, **m))


# records
simple("rec-trunc-header", b"\x16\x03\x03")
# a PSK in the ClientHello answered with decrypt_error (binder "rejected")
simple("psk-binder-rejected", alert(2, 51))
simple("rec-len-16385", rec(CT_HS, b"\x02" * 16, length=16385) +
       b"\0" * 16385)
simple("rec-len-65535", rec(CT_HS, b"", length=65535) + b"\0" * 100)
simple("rec-zero-hs-fragment", rec(CT_HS, b""))
simple("rec-unknown-type-first", rec(99, b"\x01\x02"))
simple("rec-unknown-type", lambda ch: plain_sh12(ch) + rec(99, b"\x01\x02"))
simple("rec-bad-major", lambda ch: plain_sh12(ch) +
       rec(CT_HS, b"\x0b\0\0\0", ver=0x0403))
simple("rec-appdata-plain", lambda ch: plain_sh12(ch) +
       rec(CT_APP, b"hello"))
simple("hs-len-2^24-1", rec(CT_HS, b"\x02\xff\xff\xff" + b"\0" * 64))
simple("hs-unknown-type", rec(CT_HS, hsm(0x63, b"abc")))
simple("hs-not-sh", rec(CT_HS, hsm(HS_SHD, b"")))
simple("ccs-before-cert", lambda ch: plain_sh12(ch) +
       rec(CT_CCS, b"\x01"))
simple("ccs-bad-body", lambda ch: plain_sh12(ch) + rec(CT_CCS, b"\x02"))
simple("ccs-mid-message", lambda ch: plain_sh12(ch) +
       rec(CT_HS, hsm(HS_CERT, b"\0" * 20)[:10]) + rec(CT_CCS, b"\x01"))
simple("alert-unknown-level", alert(7, 40))
simple("alert-unknown-desc", alert(2, 222))
simple("alert-long", rec(CT_ALERT, b"\x02\x28\x00"))
simple("alert-fatal-after-sh", lambda ch: plain_sh12(ch) + alert(2, 40))
simple("close-notify-before-sh", alert(1, 0))

# ServerHello fields
simple("sh-suite-not-offered", lambda ch: plain_sh12(ch, suite=0x0005))
# a suite tlsprobe offers when named but cannot complete (SRP): no real
# server picks SRP without the client's srp extension
simple("sh-suite-srp", lambda ch: plain_sh12(ch, suite=0xc01d, sh_exts=b""))
simple("sh-suite-13-in-12", lambda ch: plain_sh12(ch, suite=0x1301))
simple("sh-version-ssl3", lambda ch: plain_sh12(ch, version=0x0300))
simple("sh-version-0x0305", lambda ch: rec(CT_HS, sh12(
    ch, sh_exts=ext(EXT_VERSIONS, u16(0x0305)) +
    ext(EXT_KEY_SHARE, u16(X25519) + vec(2, b"\x09" * 32)), suite=0x1301,
    sid=ch.sid)))
# a TLS 1.2-only server that ignores supported_versions: TLS 1.2 whatever
# the client offered (no extensions, so none is unsolicited)
simple("sh-tls12-always", lambda ch: plain_sh12(ch, sh_exts=b""))
simple("sh-compression", lambda ch: plain_sh12(ch, comp=1))
simple("sh-ext-not-offered", lambda ch: plain_sh12(
    ch, sh_extra=ext(0x1234, b"")))
simple("sh-ext-duplicate", lambda ch: plain_sh12(
    ch, sh_extra=ext(EXT_RENEG, b"\x00")))
simple("sh-ext-13-in-12", lambda ch: plain_sh12(
    ch, sh_extra=ext(EXT_KEY_SHARE, u16(X25519) + vec(2, b"\x09" * 32))))
simple("sh-sid-33", lambda ch: plain_sh12(ch, sid=b"\x33" * 33))
simple("sh-truncated", rec(CT_HS, hsm(HS_SH, b"\x03\x03" + b"\0" * 10)))


def sh_exts_overrun(ch):
    """A ServerHello whose extensions vector claims one byte too many."""
    exts = ext(EXT_RENEG, b"\x00")
    return rec(CT_HS, hsm(HS_SH, u16(0x0303) + os.urandom(32) + vec(1, b"") +
                          u16(0xc02f) + u8(0) + u16(len(exts) + 1) + exts))


simple("sh-ext-len-mismatch", sh_exts_overrun)
simple("sh-reneg-not-empty", lambda ch: plain_sh12(
    ch, reneg=False, sh_extra=ext(EXT_RENEG, b"\x02ab")))
simple("sh-downgrade-sentinel", lambda ch: plain_sh12(
    ch, random=os.urandom(24) + DOWNGRADE_12))
simple("sh13-sid-mismatch", lambda ch: rec(CT_HS, sh12(
    ch, sh_exts=ext(EXT_VERSIONS, u16(0x0304)) +
    ext(EXT_KEY_SHARE, u16(X25519) + vec(2, b"\x09" * 32)), suite=0x1301,
    sid=b"\x01" * 32)))
simple("sh13-share-not-sent", lambda ch: rec(CT_HS, sh12(
    ch, sh_exts=ext(EXT_VERSIONS, u16(0x0304)) +
    ext(EXT_KEY_SHARE, u16(P256) + vec(2, b"\x04" * 65)), suite=0x1301,
    sid=ch.sid)))
simple("sh13-share-short", lambda ch: rec(CT_HS, sh12(
    ch, sh_exts=ext(EXT_VERSIONS, u16(0x0304)) +
    ext(EXT_KEY_SHARE, u16(X25519) + vec(2, b"\x09" * 31)), suite=0x1301,
    sid=ch.sid)))
simple("sh13-share-zero", lambda ch: rec(CT_HS, sh12(
    ch, sh_exts=ext(EXT_VERSIONS, u16(0x0304)) +
    ext(EXT_KEY_SHARE, u16(X25519) + vec(2, b"\0" * 32)), suite=0x1301,
    sid=ch.sid)))
simple("sh13-no-share", lambda ch: rec(CT_HS, sh12(
    ch, sh_exts=ext(EXT_VERSIONS, u16(0x0304)), suite=0x1301, sid=ch.sid)))

# HelloRetryRequest
simple("hrr-group-had-share", lambda ch: rec(CT_HS, hrr(ch, X25519)))
simple("hrr-group-not-offered", lambda ch: rec(CT_HS, hrr(ch, 0x0016)))
simple("hrr-no-change", lambda ch: rec(CT_HS, hrr(ch)))
simple("hrr-suite-not-offered", lambda ch: rec(CT_HS, hrr(
    ch, P256, suite=0xc02f)))
simple("hrr-bad-ext", lambda ch: rec(CT_HS, hrr(
    ch, P256, extra=ext(EXT_EMS, b""))))


# RFC 7919 ffdhe2048 (a safe prime), for the DHE cases
FFDHE2048 = int(
    "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E1"
    "3641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617AD3DF1ED5"
    "D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935984F0C70E0E6"
    "8B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797ABC0AB182B324FB61"
    "D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB190B07"
    "A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F619172FE9CE98583FF8E4F1232"
    "EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005C58EF1837D1683B2C6F34A26C1B2"
    "EFFA886B423861285C97FFFFFFFFFFFFFFFF", 16)


@case("dhe-y-nonresidue", crypto=True)
def dhe_y_nonresidue(p, ch):
    """
    TLS 1.2 DHE-RSA-AES128-GCM-SHA256 whose ServerKeyExchange is properly
    signed but carries Y = p - 2 in ffdhe2048: inside (1, p-1), outside the
    subgroup of order q = (p-1)/2 (-2 is not a square mod p), which no
    honest server sends.  Then the client's flight is read and the line
    closed.
    """
    sh = sh12(ch, suite=0x009e, sh_exts=ext(EXT_RENEG, b"\x00"))
    sr = sh[6:38]
    pb = FFDHE2048.to_bytes(256, "big")
    y = (FFDHE2048 - 2).to_bytes(256, "big")
    params = vec(2, pb) + vec(2, b"\x02") + vec(2, y)
    sig = rsa_pss_sign(ch.random + sr + params)
    cert = hsm(HS_CERT, vec(3, vec(3, CERT_DER)))
    msgs = [sh, cert, hsm(HS_SKE, params + u16(0x0804) + vec(2, sig)),
            hsm(HS_SHD, b"")]
    p.send(b"".join(rec(CT_HS, m) for m in msgs))
    p.drain(5)


@case("hrr-twice")
def hrr_twice(p, ch):
    p.send(rec(CT_HS, hrr(ch, P256)))
    p.handshake()	# the second ClientHello (after the CCS)
    p.send(rec(CT_HS, hrr(ch, P256, cookie=b"again")))
    p.drain()


@case("hrr-then-other-group", crypto=True)
def hrr_other(p, ch):
    h = hrr(ch, P256)
    p.send(rec(CT_HS, h))
    ch2 = ClientHello(p.handshake())
    # the ServerHello names X25519, which the HRR did not ask for
    if P256 not in ch2.shares:
        raise Done()
    ch2.shares[X25519] = ch2.shares[P256]
    run13(p, ch2, transcript=[message_hash(ch), h, ch2.raw], group=P256,
          ks_group=X25519, stop=True)


@case("hrr-no-group", crypto=True)
def hrr_no_group(p, ch):
    """
    A TLS 1.3-only server that takes only X25519 and, offered no X25519,
    answers with a HelloRetryRequest without a key_share (which RFC 8446,
    4.1.4 forbids), as a real server was seen to do.
    """
    versions = ch.exts.get(EXT_VERSIONS, b"")
    if u16(0x0304) not in [versions[i:i + 2]
                           for i in range(1, len(versions), 2)]:
        p.send(alert(2, 70))
        raise Done()
    if X25519 in ch.shares:
        run13(p, ch, stop=True)
        return
    p.send(rec(CT_HS, hrr(ch)))
    p.drain()


@case("hrr-ok", crypto=True)
def hrr_ok(p, ch):
    h = hrr(ch, P256, cookie=b"cookie-from-the-server")
    p.send(rec(CT_HS, h))
    ch2 = ClientHello(p.handshake())
    if ch2.exts.get(EXT_COOKIE) != vec(2, b"cookie-from-the-server"):
        p.send(alert(2, 47))
        raise Done()
    run13(p, ch2, transcript=[message_hash(ch), h, ch2.raw], group=P256,
          ccs=0)


# transport behaviour
@case("never-answers")
def never(p, ch):
    p.drain(30)


@case("closes-after-sh")
def closes_after_sh(p, ch):
    p.send(plain_sh12(ch))


@case("closes-mid-record")
def closes_mid(p, ch):
    cert = rec(CT_HS, hsm(HS_CERT, vec(3, vec(3, CERT_DER))))
    p.send(plain_sh12(ch) + cert[:len(cert) // 2])


simple("garbage", lambda ch: bytes(range(0x80, 0x100)) * 2)
simple("http", b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
       b"Connection: close\r\n\r\n")


@case("drip-forever")
def drip_forever(p, ch):
    # a record header that promises 16 KiB, then one byte every 100 ms
    p.send(plain_sh12(ch) + b"\x16\x03\x03\x40\x00")
    end = time.time() + 60
    while time.time() < end:
        time.sleep(0.1)
        p.send(b"\x00")


@case("drip-alert")
def drip_alert(p, ch):
    for b in alert(2, 40):
        p.send(bytes([b]))
        time.sleep(0.1)
    p.drain()


# certificates
simple("cert-empty", lambda ch: plain_sh12(ch) +
       rec(CT_HS, hsm(HS_CERT, vec(3, b""))))
simple("cert-garbage", lambda ch: plain_sh12(ch) +
       rec(CT_HS, hsm(HS_CERT, vec(3, vec(3, b"\x30\x03\x02\x01\x01")))))
simple("cert-list-claims-2^24-1", lambda ch: plain_sh12(ch) +
       rec(CT_HS, hsm(HS_CERT, b"\xff\xff\xff" + vec(3, CERT_DER))))
simple("cert-entry-overruns", lambda ch: plain_sh12(ch) +
       rec(CT_HS, hsm(HS_CERT, vec(3, b"\x00\x10\x00" + CERT_DER[:100]))))


def big_cert_msg(total):
    """A Certificate message of about `total` bytes: the real cert, again."""
    one = vec(3, CERT_DER)
    n = max(1, total // len(one))
    return hsm(HS_CERT, vec(3, one * n))


def records(stream, n=16384):
    return b"".join(rec(CT_HS, stream[i:i + n])
                    for i in range(0, len(stream), n))


@case("cert-256k")
def cert_256k(p, ch):
    # 250 KiB of certificates: below the 256 KiB message limit; the
    # handshake then stops at a ServerKeyExchange with a bad signature
    p.send(plain_sh12(ch) + records(big_cert_msg(250 * 1024)) +
           rec(CT_HS, hsm(HS_SKE, u8(3) + u16(X25519) + vec(1, b"\x09" * 32) +
                          u16(0x0804) + vec(2, b"\x01" * 256))))
    p.drain()


@case("cert-over-limit")
def cert_over(p, ch):
    p.send(plain_sh12(ch) + records(big_cert_msg(300 * 1024)))
    p.drain()


# the real thing: TLS 1.2
for name, kw in [
        ("ok12", {}),
        ("ok12-cbc", {"cbc": True}),
        ("ok12-split-1", {"split": 1}),
        ("ok12-split-7", {"split": 7}),
        ("ok12-coalesce", {"coalesce": True}),
        ("ok12-warning-first", {"pre": alert(1, 112)}),
        ("ok12-no-reneg", {"sh": {"reneg": False}}),
        ("ok12-no-ems", {"sh": {"ems": False}}),
        # the client sent the SCSV instead of the extension: RFC 5746, 3.6
        # has the server answer with an empty renegotiation_info all the same
        ("ok12-scsv", {}),
        ("ok12-hello-request", {"post": [hsm(HS_HELLO_REQUEST, b"")]}),
        # no RFC 5746: the client declines with a no_renegotiation warning
        ("ok12-no-ri-hello-request", {"sh": {"reneg": False},
                                      "post": [hsm(HS_HELLO_REQUEST, b"")]}),
        ("t12-bad-ske-sig", {"ske_sig": "bad"}),
        ("t12-bad-finished", {"fin": "bad"}),
        ("t12-short-finished", {"fin": "short"}),
        ("t12-bad-tag", {"bad": "tag"}),
        ("t12-cbc-bad-mac", {"cbc": True, "bad": "mac"}),
        ("t12-cbc-bad-padding", {"cbc": True, "bad": "pad"}),
        ("t12-post-finished", {"post": [hsm(HS_FIN, b"\0" * 12)]}),
        ("t12-cr-close", {"cr_close": True}),
]:
    CASES[name] = (lambda kw: lambda p, ch: run12(p, ch, **kw))(kw)
    CRYPTO.add(name)

# encrypt-then-MAC (RFC 7366) as no real server sends it
# an echo the client did not ask for (tlsprobe -no_etm), a non-empty one
simple("etm-not-offered", lambda ch: plain_sh12(
    ch, suite=0xc013, sh_extra=ext(EXT_ETM, b"")))
simple("etm-not-empty", lambda ch: plain_sh12(
    ch, suite=0xc013, sh_extra=ext(EXT_ETM, b"\x00")))
for name, kw in [
        ("etm-ok", {"cbc": True, "etm": True}),
        # RFC 7366, 3: a server MUST NOT echo it with an AEAD or stream
        # suite; this one does, and protects its records as the suite says
        ("etm-gcm", {"etm": True}),
        ("etm-rc4", {"kind": "rc4", "etm": True}),
        # renegotiation (RFC 7366, 3.1): EtM in use, then a renegotiating
        # ServerHello with a CBC suite and no encrypt_then_mac; or MtE in
        # use, and the renegotiation turns EtM on
        ("etm-reneg-drop", {"cbc": True, "etm": True,
                            "reneg": {"etm": False}}),
        ("etm-reneg-add", {"cbc": True, "reneg": {"etm": True}}),
        # 3.1 again: EtM, a renegotiation to AES-128-GCM, then a second
        # one to AES-128-CBC-SHA without encrypt_then_mac: a downgrade
        # "via the AEAD ciphersuite"
        ("etm-reneg-via-gcm", {"cbc": True, "etm": True, "reneg": {
            "kind": "gcm", "reneg": {"etm": False}}}),
]:
    CASES[name] = (lambda kw: lambda p, ch: run12(p, ch, **kw))(kw)
    CRYPTO.add(name)
for name, first, again in [
        ("etm-resume-kept", True, True),
        ("etm-resume-drop", True, False),
        ("etm-resume-add", False, True),
        ("etm-resume-mte", False, False),
]:
    CASES[name] = (lambda f, a: lambda p, ch: etm_resume(p, ch, f, a))(
        first, again)
    CRYPTO.add(name)

# the real thing: TLS 1.3
for name, kw in [
        ("ok13", {}),
        ("ok13-no-ccs", {"ccs": 0}),
        ("ok13-split-1", {"split": 1}),
        ("ok13-split-100", {"split": 100}),
        ("ok13-coalesce", {"coalesce": True}),
        ("ok13-padded", {"pad": 1000}),
        ("ok13-tickets", {"post": [(CT_HS, hsm(HS_NST, struct.pack(
            "!II", 7200, 1) + vec(1, b"n") + vec(2, b"ticket") +
            vec(2, b"")))] * 3}),
        ("ok13-keyupdate", {"post": [(CT_HS, hsm(HS_KU, b"\x00"))]}),
        ("t13-two-ccs", {"ccs": 2, "stop": True}),
        ("t13-bad-cv-sig", {"cv_sig": "bad", "stop": True}),
        ("t13-bad-finished", {"fin": "bad", "stop": True}),
        ("t13-short-finished", {"fin": "short", "stop": True}),
        ("t13-bad-tag", {"bad_tag": 0, "stop": True}),
        ("t13-bad-tag-last", {"bad_tag": 3, "stop": True}),
        ("t13-ee-key-share", {"ee": ext(EXT_KEY_SHARE, u16(X25519) +
                                        vec(2, b"\x09" * 32)),
                              "stop": True}),
        ("t13-ee-truncated", {"ee": b"\x00\x0a\x00", "stop": True}),
        ("t13-cert-context", {"cert_ctx": b"\x01", "stop": True}),
        ("t13-cert-empty", {"certs": [], "stop": True}),
        ("t13-sh-spans-keychange", {"sh_tail": hsm(HS_EE, b"\0\0")[:3],
                                    "stop": True}),
        ("t13-no-inner-type", {"raw_record": b"\0" * 20, "stop": True}),
        ("t13-sh-then-sh", {"extra_msg": hsm(HS_SH, b"\x03\x03"),
                            "stop": True}),
        # pre_shared_key: an identity the client did not offer (it offers
        # one PSK under -sess_in), or a PSK it did not offer at all
        ("sh13-psk-out-of-range", {"sh_extra": ext(41, u16(5)),
                                   "stop": True}),
        ("sh13-psk-not-offered", {"sh_extra": ext(41, u16(0)),
                                  "stop": True}),
        ("t13-nst-malformed", {"post": [(CT_HS, hsm(HS_NST, b"\0\0"))]}),
        ("t13-nst-lifetime", {"post": [(CT_HS, hsm(HS_NST, struct.pack(
            "!II", 604801, 1) + vec(1, b"") + vec(2, b"t") +
            vec(2, b"")))]}),
        ("t13-keyupdate-bad", {"post": [(CT_HS, hsm(HS_KU, b"\x05"))]}),
        ("t13-keyupdate-long", {"post": [(CT_HS, hsm(HS_KU, b"\x00\x00"))]}),
        ("t13-nst-dup-ext", {"post": [(CT_HS, hsm(HS_NST, struct.pack(
            "!II", 7200, 1) + vec(1, b"n") + vec(2, b"ticket") +
            vec(2, ext(42, struct.pack("!I", 1024)) +
                ext(42, struct.pack("!I", 1024)))))]}),
        ("t13-post-finished", {"post": [(CT_HS, hsm(HS_FIN, b"\0" * 32))]}),
        ("t13-post-ccs", {"post": [(CT_CCS, b"\x01")]}),
        ("t13-drip", {"drip": 100, "stop": True}),
]:
    CASES[name] = (lambda kw: lambda p, ch: run13(p, ch, **kw))(kw)
    CRYPTO.add(name)


# resumption: our session ID echoed with another suite than the session's
# (the client's session, from s_server, is ECDHE-RSA-AES256-GCM-SHA384)
@case("sh12-resume-other-suite")
def resume_other_suite(p, ch):
    p.send(rec(CT_HS, sh12(ch, sid=ch.sid, suite=0xc02f)))
    p.drain()


# resumption: an abbreviated TLS 1.2 handshake (RFC 5246, 7.3) with the
# master secret of the session file hostile.sh writes (MASTER12, with
# extended master secret): our ServerHello echoes the session ID, then
# CCS and Finished; fin="bad" breaks the verify_data.
MASTER12 = bytes(range(48))


def resume12(p, ch, fin=None):
    if not ch.sid:
        raise Done()
    sh = sh12(ch, sid=ch.sid, suite=0xc02f)
    sr = sh[6:38]
    kb = prf12(MASTER12, b"key expansion", sr + ch.random, 40)
    vd = prf12(MASTER12, b"server finished", sha256(ch.raw + sh), 12)
    if fin == "bad":
        vd = flip(vd)
    prot = Prot12(kb, False)
    p.send(rec(CT_HS, sh) + rec(CT_CCS, b"\x01") +
           prot.seal(CT_HS, hsm(HS_FIN, vd)))
    try:
        n = 0
        while n < 3:	# the client's CCS, Finished, close_notify
            p.record()
            n += 1
    finally:
        p.send(prot.seal(CT_ALERT, b"\x01\x00"))
    p.drain()


CASES["resume12-ok"] = lambda p, ch: resume12(p, ch)
CASES["resume12-bad-finished"] = lambda p, ch: resume12(p, ch, "bad")
CRYPTO.update(["resume12-ok", "resume12-bad-finished"])


# --- renegotiation with application data in between (RFC 5246, 6.2.1) ---
#
# A full TLS 1.2 handshake (ECDHE-RSA-AES128-GCM-SHA256), then a second
# one on the same connection under the first one's keys: started by the
# client (tlsprobe's R) or by our HelloRequest ("-hr" cases).  Between the
# HelloRequest / the client's ClientHello and our ChangeCipherSpec we send
# application data: "during-renegotiation N" lines, or (-flood) 16 KiB
# records until the client goes away.


class Open12:
    """Client write side, AES-128-GCM: what we read once keys are set."""

    def __init__(self, kb):
        self.key = kb[0:16]
        self.salt = kb[32:36]
        self.seq = 0

    def open(self, ct, body):
        seq = self.seq.to_bytes(8, "big")
        self.seq += 1
        aad = seq + u8(ct) + u16(0x0303) + u16(len(body) - 24)
        return AESGCM(self.key).decrypt(self.salt + body[:8], body[8:], aad)


class Chan12:
    """Records both ways under the current keys (None: plaintext)."""

    def __init__(self, p):
        self.p = p
        self.wr = None
        self.rd = None
        self.hs = b""

    def send(self, ct, data):
        self.p.send(self.wr.seal(ct, data) if self.wr else rec(ct, data))

    def record(self):
        t, body = self.p.record()
        if self.rd is not None:
            body = self.rd.open(t, body)
        if t == CT_ALERT:
            raise Done()
        return t, body

    def handshake(self):
        """Next handshake message; application data is skipped."""
        while True:
            if len(self.hs) >= 4:
                n = int.from_bytes(self.hs[1:4], "big")
                if len(self.hs) >= 4 + n:
                    m, self.hs = self.hs[:4 + n], self.hs[4 + n:]
                    return m
            t, body = self.record()
            if t == CT_HS:
                self.hs += body


def full12(c, ch, prev=None, mid=b"", early=b""):
    """
    One full handshake on channel c after ClientHello ch; prev: the
    (client, server) verify_data of the one before (renegotiation_info);
    mid: application data sent after our ServerHelloDone, early: between
    our ChangeCipherSpec and Finished.  Returns this handshake's (client,
    server) verify_data.
    """
    ri = b"" if prev is None else prev[0] + prev[1]
    exts = ext(EXT_RENEG, vec(1, ri)) + ext(EXT_POINTS, b"\x01\x00")
    if EXT_EMS in ch.exts:
        exts += ext(EXT_EMS, b"")
    sh = sh12(ch, sh_exts=exts)
    sr = sh[6:38]
    share = Share(X25519)
    params = u8(3) + u16(X25519) + vec(1, share.pub)
    sig = rsa_pss_sign(ch.random + sr + params)
    msgs = [sh, hsm(HS_CERT, vec(3, vec(3, CERT_DER))),
            hsm(HS_SKE, params + u16(0x0804) + vec(2, sig)),
            hsm(HS_SHD, b"")]
    c.send(CT_HS, b"".join(msgs))
    if mid:
        c.send(CT_APP, mid)
    tr = [ch.raw] + msgs
    cke = c.handshake()
    if cke[0] != HS_CKE:
        raise Done()
    tr.append(cke)
    pms = share.derive(cke[5:5 + cke[4]])
    if EXT_EMS in ch.exts:
        master = prf12(pms, b"extended master secret",
                       sha256(b"".join(tr)), 48)
    else:
        master = prf12(pms, b"master secret", ch.random + sr, 48)
    kb = prf12(master, b"key expansion", sr + ch.random, 40)
    cvd = prf12(master, b"client finished", sha256(b"".join(tr)), 12)
    t, _ = c.record()
    if t != CT_CCS:
        raise Done()
    c.rd = Open12(kb)
    if c.handshake() != hsm(HS_FIN, cvd):
        sys.stderr.write("server.py: the client's Finished is wrong\n")
        raise Done()
    tr.append(hsm(HS_FIN, cvd))
    svd = prf12(master, b"server finished", sha256(b"".join(tr)), 12)
    c.send(CT_CCS, b"\x01")
    c.wr = Prot12(kb, False)
    if early:
        c.send(CT_APP, early)
    c.send(CT_HS, hsm(HS_FIN, svd))
    return cvd, svd


def reneg12(p, ch, hr=False, flood=False, mid=b"", after_ccs=False):
    c = Chan12(p)
    vd = full12(c, ch)
    n = 0
    if hr:
        c.send(CT_HS, hsm(HS_HELLO_REQUEST, b""))
        n += 1
        c.send(CT_APP, b"during-renegotiation %d\n" % n)
    ch2 = ClientHello(c.handshake())
    sys.stdout.write("renegotiating ClientHello\n")
    sys.stdout.flush()
    if flood:
        block = b"x" * 16383 + b"\n"
        while True:	# until the client goes away (Done)
            c.send(CT_APP, block)
    n += 1
    c.send(CT_APP, b"during-renegotiation %d\n" % n)
    vd = full12(c, ch2, vd, mid, b"too early\n" if after_ccs else b"")
    sys.stdout.write("renegotiated\n")
    sys.stdout.flush()
    c.send(CT_APP, b"after-renegotiation\n")
    try:
        c.record()	# the client's close_notify
    finally:
        c.send(CT_ALERT, b"\x01\x00")
    p.drain()


for name, kw in [
        ("reneg12-data", {}),
        ("reneg12-data-hr", {"hr": True}),
        ("reneg12-data-late", {"mid": b"after-server-hello-done\n"}),
        ("reneg12-data-late-hr", {"hr": True,
                                  "mid": b"after-server-hello-done\n"}),
        ("reneg12-data-after-ccs", {"after_ccs": True}),
        ("reneg12-data-after-ccs-hr", {"hr": True, "after_ccs": True}),
        ("reneg12-flood", {"flood": True}),
        ("reneg12-flood-hr", {"hr": True, "flood": True}),
]:
    CASES[name] = (lambda kw: lambda p, ch: reneg12(p, ch, **kw))(kw)
    CRYPTO.add(name)


# --- plumbing ---------------------------------------------------------------

def serve(sock):
    p = Peer(sock)
    try:
        ch = ClientHello(p.handshake())
        name = ch.sni or "ok13"
        fn = CASES.get(name)
        if fn is None or (name in CRYPTO and not HAVE_CRYPTO):
            sys.stderr.write("server.py: no case %r\n" % name)
            p.send(alert(2, 80))
        else:
            fn(p, ch)
    except Done:
        pass
    except Exception as e:	# a bug here must not look like a client bug
        sys.stderr.write("server.py: %s: %r\n" % (
            getattr(e, "__class__").__name__, e))
    finally:
        try:
            sock.close()
        except OSError:
            pass


def load_certs(d):
    global CERT_DER, KEY
    with open(os.path.join(d, "rsa.crt"), "rb") as f:
        pem = f.read()
    body = pem.split(b"-----BEGIN CERTIFICATE-----")[1].split(
        b"-----END CERTIFICATE-----")[0]
    CERT_DER = base64.b64decode(b"".join(body.split()))
    if HAVE_CRYPTO:
        with open(os.path.join(d, "rsa.key"), "rb") as f:
            KEY = serialization.load_pem_private_key(f.read(), None)


def main():
    if sys.argv[1:] == ["--list"]:
        for n in CASES:
            print(n, "crypto" if n in CRYPTO else "plain")
        return 0
    if sys.argv[1:] == ["--crypto"]:
        return 0 if HAVE_CRYPTO else 1
    port, certdir = int(sys.argv[1]), sys.argv[2]
    load_certs(certdir)
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(32)
    while True:
        c, _ = s.accept()
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(c,), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
