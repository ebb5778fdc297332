/*
 * test_tracefmt.c -- the -trace decoders.
 *
 * The wire samples were captured with `openssl s_client -msg` against
 * `openssl s_server` on 127.0.0.1 (OpenSSL 3.0, a P-256 leaf
 * "CN=tlsprobe.test" issued by "CN=Test CA, O=tlsprobe"); the rest are
 * built here.  Output goes to an open_memstream FILE and is checked for
 * the fields it must show, for exact lines where the shape matters, and
 * for what it must not show.  Then every sample is cut at every length and
 * mutated 2000 times: the decoder must not crash (run the ASan build), a
 * cut message must say "malformed", and every line must stay indented and
 * printable whatever the peer sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "bytestring.h"
#include "names.h"
#include "tracefmt.h"
#include "x509.h"
#include "unit.h"

/*
 * openssl s_client (TLS 1.3 default) -servername localhost
 * -alpn h2,http/1.1 -status
 */
static const uint8_t ch13[] = {
	0x01, 0x00, 0x01, 0x4d, 0x03, 0x03, 0xd5, 0x61, 0xc3, 0xb1, 0xe7, 0xe2,
	0x52, 0xa3, 0xa5, 0x68, 0x30, 0xb8, 0xd9, 0x41, 0xe8, 0x9e, 0x96, 0x39,
	0x2d, 0x55, 0x66, 0x34, 0x45, 0x30, 0x4c, 0x28, 0x0e, 0xd9, 0xdf, 0x4f,
	0x68, 0xb6, 0x20, 0xd2, 0xe4, 0x17, 0x5d, 0x48, 0x41, 0xb5, 0x70, 0x25,
	0x96, 0xeb, 0x2e, 0x13, 0x7e, 0x76, 0xfc, 0xd2, 0x63, 0x9e, 0x47, 0x80,
	0x89, 0x1b, 0x8b, 0x69, 0xf5, 0xe5, 0x0f, 0x7a, 0x99, 0x14, 0x74, 0x00,
	0x3e, 0x13, 0x02, 0x13, 0x03, 0x13, 0x01, 0xc0, 0x2c, 0xc0, 0x30, 0x00,
	0x9f, 0xcc, 0xa9, 0xcc, 0xa8, 0xcc, 0xaa, 0xc0, 0x2b, 0xc0, 0x2f, 0x00,
	0x9e, 0xc0, 0x24, 0xc0, 0x28, 0x00, 0x6b, 0xc0, 0x23, 0xc0, 0x27, 0x00,
	0x67, 0xc0, 0x0a, 0xc0, 0x14, 0x00, 0x39, 0xc0, 0x09, 0xc0, 0x13, 0x00,
	0x33, 0x00, 0x9d, 0x00, 0x9c, 0x00, 0x3d, 0x00, 0x3c, 0x00, 0x35, 0x00,
	0x2f, 0x00, 0xff, 0x01, 0x00, 0x00, 0xc6, 0x00, 0x00, 0x00, 0x0e, 0x00,
	0x0c, 0x00, 0x00, 0x09, 0x6c, 0x6f, 0x63, 0x61, 0x6c, 0x68, 0x6f, 0x73,
	0x74, 0x00, 0x0b, 0x00, 0x04, 0x03, 0x00, 0x01, 0x02, 0x00, 0x0a, 0x00,
	0x16, 0x00, 0x14, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x1e, 0x00, 0x19, 0x00,
	0x18, 0x01, 0x00, 0x01, 0x01, 0x01, 0x02, 0x01, 0x03, 0x01, 0x04, 0x00,
	0x23, 0x00, 0x00, 0x00, 0x05, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x10, 0x00, 0x0e, 0x00, 0x0c, 0x02, 0x68, 0x32, 0x08, 0x68, 0x74,
	0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31, 0x00, 0x16, 0x00, 0x00, 0x00, 0x17,
	0x00, 0x00, 0x00, 0x0d, 0x00, 0x2a, 0x00, 0x28, 0x04, 0x03, 0x05, 0x03,
	0x06, 0x03, 0x08, 0x07, 0x08, 0x08, 0x08, 0x09, 0x08, 0x0a, 0x08, 0x0b,
	0x08, 0x04, 0x08, 0x05, 0x08, 0x06, 0x04, 0x01, 0x05, 0x01, 0x06, 0x01,
	0x03, 0x03, 0x03, 0x01, 0x03, 0x02, 0x04, 0x02, 0x05, 0x02, 0x06, 0x02,
	0x00, 0x2b, 0x00, 0x09, 0x08, 0x03, 0x04, 0x03, 0x03, 0x03, 0x02, 0x03,
	0x01, 0x00, 0x2d, 0x00, 0x02, 0x01, 0x01, 0x00, 0x33, 0x00, 0x26, 0x00,
	0x24, 0x00, 0x1d, 0x00, 0x20, 0x36, 0x80, 0x4b, 0x17, 0x91, 0x3a, 0x82,
	0x18, 0x64, 0x8d, 0xd2, 0xa3, 0xe9, 0x28, 0x5e, 0xf0, 0xf2, 0x1d, 0x68,
	0x69, 0x94, 0x1d, 0x6e, 0xd5, 0xa9, 0x72, 0xb2, 0xf4, 0x5d, 0xa0, 0x43,
	0x53,
};
/* its ServerHello: TLS 1.3, X25519 key_share */
static const uint8_t sh13[] = {
	0x02, 0x00, 0x00, 0x76, 0x03, 0x03, 0xf8, 0xf0, 0xc0, 0xd5, 0x2e, 0x2e,
	0x2a, 0xa6, 0x32, 0x9d, 0xd4, 0x08, 0xbc, 0xb5, 0x09, 0x01, 0x47, 0x6a,
	0x5a, 0xc1, 0xad, 0x6f, 0x5d, 0x89, 0xd4, 0x4b, 0x68, 0xc8, 0xf2, 0xd2,
	0x7f, 0xef, 0x20, 0xd2, 0xe4, 0x17, 0x5d, 0x48, 0x41, 0xb5, 0x70, 0x25,
	0x96, 0xeb, 0x2e, 0x13, 0x7e, 0x76, 0xfc, 0xd2, 0x63, 0x9e, 0x47, 0x80,
	0x89, 0x1b, 0x8b, 0x69, 0xf5, 0xe5, 0x0f, 0x7a, 0x99, 0x14, 0x74, 0x13,
	0x02, 0x00, 0x00, 0x2e, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33,
	0x00, 0x24, 0x00, 0x1d, 0x00, 0x20, 0x03, 0x15, 0x2a, 0xab, 0xa2, 0xf0,
	0x1b, 0x7f, 0xe6, 0x17, 0xd0, 0xef, 0x0e, 0x6e, 0xf1, 0x45, 0xd6, 0x4a,
	0x51, 0xbf, 0x55, 0x6e, 0xda, 0xf1, 0x1b, 0x36, 0x66, 0x98, 0x65, 0xdc,
	0xd1, 0x69,
};
/* EncryptedExtensions with ALPN h2 */
static const uint8_t ee13[] = {
	0x08, 0x00, 0x00, 0x0b, 0x00, 0x09, 0x00, 0x10, 0x00, 0x05, 0x00, 0x03,
	0x02, 0x68, 0x32,
};
/* TLS 1.3 NewSessionTicket with early_data */
static const uint8_t nst13[] = {
	0x04, 0x00, 0x00, 0x3d, 0x00, 0x00, 0x1c, 0x20, 0x50, 0xe8, 0x5a, 0xfd,
	0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0xfa,
	0xed, 0xdf, 0xc1, 0x74, 0xb4, 0x49, 0x89, 0x12, 0x97, 0xfd, 0xb0, 0x1b,
	0xa5, 0xa3, 0x84, 0x7f, 0xb1, 0x32, 0x21, 0xf8, 0x42, 0x0b, 0xd4, 0x3f,
	0x5c, 0xc7, 0xcc, 0xbf, 0x09, 0xc5, 0x3c, 0x00, 0x08, 0x00, 0x2a, 0x00,
	0x04, 0x00, 0x00, 0x40, 0x00,
};
/* HelloRetryRequest asking for P-256 */
static const uint8_t hrr[] = {
	0x02, 0x00, 0x00, 0x54, 0x03, 0x03, 0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a,
	0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2,
	0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8,
	0x33, 0x9c, 0x20, 0x77, 0xde, 0x24, 0x69, 0x3b, 0x34, 0x9e, 0xdb, 0x21,
	0x40, 0x06, 0x0f, 0x81, 0xf0, 0x02, 0x90, 0x32, 0x9e, 0xb9, 0xd4, 0xe5,
	0xb4, 0xd4, 0x95, 0x31, 0x9a, 0x82, 0x10, 0x00, 0xb3, 0xe9, 0x19, 0x13,
	0x02, 0x00, 0x00, 0x0c, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33,
	0x00, 0x02, 0x00, 0x17,
};
/* TLS 1.3 Certificate: one P-256 leaf, CN=tlsprobe.test */
static const uint8_t cert13[] = {
	0x0b, 0x00, 0x01, 0x31, 0x00, 0x00, 0x01, 0x2d, 0x00, 0x01, 0x28, 0x30,
	0x82, 0x01, 0x24, 0x30, 0x81, 0xcc, 0x02, 0x02, 0x12, 0x34, 0x30, 0x0a,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x30, 0x25,
	0x31, 0x10, 0x30, 0x0e, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x07, 0x54,
	0x65, 0x73, 0x74, 0x20, 0x43, 0x41, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03,
	0x55, 0x04, 0x0a, 0x0c, 0x08, 0x74, 0x6c, 0x73, 0x70, 0x72, 0x6f, 0x62,
	0x65, 0x30, 0x1e, 0x17, 0x0d, 0x32, 0x36, 0x31, 0x31, 0x32, 0x33, 0x30,
	0x39, 0x34, 0x30, 0x34, 0x30, 0x5a, 0x17, 0x0d, 0x33, 0x36, 0x31, 0x31,
	0x32, 0x30, 0x30, 0x39, 0x34, 0x30, 0x34, 0x30, 0x5a, 0x30, 0x18, 0x31,
	0x16, 0x30, 0x14, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x0d, 0x74, 0x6c,
	0x73, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x2e, 0x74, 0x65, 0x73, 0x74, 0x30,
	0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42,
	0x00, 0x04, 0x59, 0x94, 0xb8, 0x2f, 0x62, 0x85, 0x75, 0x41, 0x48, 0x82,
	0x45, 0xf2, 0x37, 0xc7, 0x46, 0x8f, 0xb0, 0xe9, 0x48, 0xd2, 0x5b, 0x52,
	0x4c, 0xa7, 0xd0, 0xab, 0xf9, 0xfc, 0xba, 0xc8, 0x31, 0x7b, 0xaf, 0x93,
	0x82, 0x5a, 0x66, 0x8c, 0x47, 0xb2, 0xe7, 0x55, 0x0a, 0x82, 0xaf, 0x09,
	0x8a, 0x46, 0x61, 0x5a, 0x6e, 0x99, 0x0d, 0x09, 0x5b, 0xac, 0xd9, 0xd5,
	0x08, 0xab, 0xc4, 0x55, 0x9e, 0xcb, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86,
	0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x03, 0x47, 0x00, 0x30, 0x44, 0x02,
	0x20, 0x5b, 0xfc, 0x91, 0x95, 0x6d, 0xf6, 0xe5, 0xb9, 0xac, 0x60, 0x0c,
	0x91, 0xdf, 0x62, 0xa0, 0x15, 0x58, 0x69, 0xab, 0xd7, 0x7a, 0x52, 0x6f,
	0xfa, 0x88, 0xf1, 0xb0, 0x57, 0xb3, 0x8f, 0x4f, 0xc6, 0x02, 0x20, 0x70,
	0xd5, 0x7e, 0x1f, 0xc9, 0x09, 0x67, 0x96, 0x0e, 0x4f, 0xa7, 0x63, 0xa0,
	0xff, 0x52, 0xfd, 0x1d, 0x67, 0xde, 0x9b, 0xaf, 0x9c, 0x3e, 0x99, 0xad,
	0xa4, 0xda, 0x52, 0x66, 0x6d, 0xaf, 0xdd, 0x00, 0x00,
};
/* TLS 1.3 CertificateVerify, ecdsa_secp256r1_sha256 */
static const uint8_t cv13[] = {
	0x0f, 0x00, 0x00, 0x4c, 0x04, 0x03, 0x00, 0x48, 0x30, 0x46, 0x02, 0x21,
	0x00, 0x8f, 0x1b, 0x5c, 0xdb, 0x92, 0xab, 0xa1, 0xc6, 0x41, 0x56, 0xca,
	0x1c, 0xea, 0x88, 0x0b, 0x11, 0xea, 0x75, 0x4c, 0x99, 0x4d, 0xea, 0xb7,
	0x72, 0xab, 0xe5, 0xee, 0x35, 0x53, 0x16, 0x4e, 0x03, 0x02, 0x21, 0x00,
	0xf7, 0x0d, 0xbe, 0xae, 0x99, 0x66, 0x76, 0x23, 0xed, 0x12, 0x7c, 0x78,
	0x76, 0xa6, 0xe1, 0x51, 0x65, 0x64, 0x6a, 0xe5, 0x6e, 0x18, 0xda, 0xda,
	0x69, 0xd6, 0x4a, 0x9d, 0x07, 0xb2, 0xa7, 0xc1,
};
/* TLS 1.3 CertificateRequest with certificate_authorities */
static const uint8_t cr13[] = {
	0x0d, 0x00, 0x00, 0x58, 0x00, 0x00, 0x55, 0x00, 0x0d, 0x00, 0x22, 0x00,
	0x20, 0x04, 0x03, 0x05, 0x03, 0x06, 0x03, 0x08, 0x07, 0x08, 0x08, 0x08,
	0x09, 0x08, 0x0a, 0x08, 0x0b, 0x08, 0x04, 0x08, 0x05, 0x08, 0x06, 0x04,
	0x01, 0x05, 0x01, 0x06, 0x01, 0x03, 0x03, 0x03, 0x01, 0x00, 0x2f, 0x00,
	0x2b, 0x00, 0x29, 0x00, 0x27, 0x30, 0x25, 0x31, 0x10, 0x30, 0x0e, 0x06,
	0x03, 0x55, 0x04, 0x03, 0x0c, 0x07, 0x54, 0x65, 0x73, 0x74, 0x20, 0x43,
	0x41, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x08,
	0x74, 0x6c, 0x73, 0x70, 0x72, 0x6f, 0x62, 0x65,
};
/* TLS 1.2 ServerHello from a 1.3 server: DOWNGRD 01 */
static const uint8_t sh12[] = {
	0x02, 0x00, 0x00, 0x3d, 0x03, 0x03, 0xd3, 0x5f, 0xe3, 0x45, 0x11, 0xea,
	0xc4, 0xb3, 0x3d, 0xa3, 0xbc, 0x9a, 0x41, 0x0c, 0x85, 0x25, 0xcc, 0xd9,
	0x7b, 0x76, 0x87, 0xb2, 0xef, 0xdc, 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52,
	0x44, 0x01, 0x00, 0xc0, 0x2c, 0x00, 0x00, 0x15, 0xff, 0x01, 0x00, 0x01,
	0x00, 0x00, 0x0b, 0x00, 0x04, 0x03, 0x00, 0x01, 0x02, 0x00, 0x23, 0x00,
	0x00, 0x00, 0x17, 0x00, 0x00,
};
/* ECDHE ServerKeyExchange, X25519, ecdsa_secp256r1_sha256 */
static const uint8_t ske_ecdhe[] = {
	0x0c, 0x00, 0x00, 0x6f, 0x03, 0x00, 0x1d, 0x20, 0xb4, 0x80, 0x42, 0xdf,
	0xb5, 0xae, 0xae, 0x6e, 0x93, 0x74, 0x5c, 0x71, 0xb5, 0x32, 0xf6, 0x9f,
	0xcd, 0x8d, 0x45, 0x8b, 0xb0, 0xac, 0x68, 0x8f, 0xbc, 0x57, 0x56, 0x4a,
	0x6e, 0x2e, 0xf2, 0x63, 0x04, 0x03, 0x00, 0x47, 0x30, 0x45, 0x02, 0x21,
	0x00, 0xed, 0xad, 0x13, 0x76, 0x48, 0x51, 0x49, 0x5d, 0x4f, 0xe1, 0x82,
	0xce, 0x2e, 0x8d, 0xc9, 0xd6, 0x70, 0xb2, 0xcd, 0x42, 0xf9, 0xf0, 0x9f,
	0xad, 0xd5, 0xcb, 0x70, 0x4f, 0x20, 0x65, 0xb0, 0xb4, 0x02, 0x20, 0x78,
	0xab, 0xa8, 0xee, 0x17, 0x72, 0x89, 0xc7, 0x70, 0xf1, 0x07, 0xcd, 0xb0,
	0x2f, 0xc9, 0x36, 0xd6, 0xf5, 0xae, 0xbc, 0x41, 0xff, 0x32, 0xa2, 0x41,
	0xca, 0x76, 0x3b, 0xf3, 0x12, 0x01, 0x7f,
};
/* ECDHE ClientKeyExchange */
static const uint8_t cke_ecdhe[] = {
	0x10, 0x00, 0x00, 0x21, 0x20, 0x0a, 0xd9, 0xf1, 0xa0, 0xc3, 0x47, 0x06,
	0x70, 0x2a, 0x41, 0x04, 0x40, 0x4f, 0x12, 0x2c, 0x7c, 0x82, 0xe0, 0xf2,
	0x5e, 0xae, 0x89, 0x67, 0x48, 0x02, 0x76, 0xee, 0x9b, 0xa1, 0x4a, 0x52,
	0x42,
};
/* TLS 1.2 Finished */
static const uint8_t fin12[] = {
	0x14, 0x00, 0x00, 0x0c, 0x24, 0xf5, 0x94, 0xe9, 0xf1, 0x66, 0x4c, 0x64,
	0xfa, 0x67, 0xb4, 0xc1,
};
/* TLS 1.2 (client) Certificate: the same leaf */
static const uint8_t cert12[] = {
	0x0b, 0x00, 0x01, 0x2e, 0x00, 0x01, 0x2b, 0x00, 0x01, 0x28, 0x30, 0x82,
	0x01, 0x24, 0x30, 0x81, 0xcc, 0x02, 0x02, 0x12, 0x34, 0x30, 0x0a, 0x06,
	0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x30, 0x25, 0x31,
	0x10, 0x30, 0x0e, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x07, 0x54, 0x65,
	0x73, 0x74, 0x20, 0x43, 0x41, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55,
	0x04, 0x0a, 0x0c, 0x08, 0x74, 0x6c, 0x73, 0x70, 0x72, 0x6f, 0x62, 0x65,
	0x30, 0x1e, 0x17, 0x0d, 0x32, 0x36, 0x31, 0x31, 0x32, 0x33, 0x30, 0x39,
	0x34, 0x30, 0x34, 0x30, 0x5a, 0x17, 0x0d, 0x33, 0x36, 0x31, 0x31, 0x32,
	0x30, 0x30, 0x39, 0x34, 0x30, 0x34, 0x30, 0x5a, 0x30, 0x18, 0x31, 0x16,
	0x30, 0x14, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x0d, 0x74, 0x6c, 0x73,
	0x70, 0x72, 0x6f, 0x62, 0x65, 0x2e, 0x74, 0x65, 0x73, 0x74, 0x30, 0x59,
	0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
	0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
	0x04, 0x59, 0x94, 0xb8, 0x2f, 0x62, 0x85, 0x75, 0x41, 0x48, 0x82, 0x45,
	0xf2, 0x37, 0xc7, 0x46, 0x8f, 0xb0, 0xe9, 0x48, 0xd2, 0x5b, 0x52, 0x4c,
	0xa7, 0xd0, 0xab, 0xf9, 0xfc, 0xba, 0xc8, 0x31, 0x7b, 0xaf, 0x93, 0x82,
	0x5a, 0x66, 0x8c, 0x47, 0xb2, 0xe7, 0x55, 0x0a, 0x82, 0xaf, 0x09, 0x8a,
	0x46, 0x61, 0x5a, 0x6e, 0x99, 0x0d, 0x09, 0x5b, 0xac, 0xd9, 0xd5, 0x08,
	0xab, 0xc4, 0x55, 0x9e, 0xcb, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48,
	0xce, 0x3d, 0x04, 0x03, 0x02, 0x03, 0x47, 0x00, 0x30, 0x44, 0x02, 0x20,
	0x5b, 0xfc, 0x91, 0x95, 0x6d, 0xf6, 0xe5, 0xb9, 0xac, 0x60, 0x0c, 0x91,
	0xdf, 0x62, 0xa0, 0x15, 0x58, 0x69, 0xab, 0xd7, 0x7a, 0x52, 0x6f, 0xfa,
	0x88, 0xf1, 0xb0, 0x57, 0xb3, 0x8f, 0x4f, 0xc6, 0x02, 0x20, 0x70, 0xd5,
	0x7e, 0x1f, 0xc9, 0x09, 0x67, 0x96, 0x0e, 0x4f, 0xa7, 0x63, 0xa0, 0xff,
	0x52, 0xfd, 0x1d, 0x67, 0xde, 0x9b, 0xaf, 0x9c, 0x3e, 0x99, 0xad, 0xa4,
	0xda, 0x52, 0x66, 0x6d, 0xaf, 0xdd,
};
/* TLS 1.2 CertificateRequest */
static const uint8_t cr12[] = {
	0x0d, 0x00, 0x00, 0x59, 0x03, 0x01, 0x02, 0x40, 0x00, 0x28, 0x04, 0x03,
	0x05, 0x03, 0x06, 0x03, 0x08, 0x07, 0x08, 0x08, 0x08, 0x09, 0x08, 0x0a,
	0x08, 0x0b, 0x08, 0x04, 0x08, 0x05, 0x08, 0x06, 0x04, 0x01, 0x05, 0x01,
	0x06, 0x01, 0x03, 0x03, 0x03, 0x01, 0x03, 0x02, 0x04, 0x02, 0x05, 0x02,
	0x06, 0x02, 0x00, 0x29, 0x00, 0x27, 0x30, 0x25, 0x31, 0x10, 0x30, 0x0e,
	0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x07, 0x54, 0x65, 0x73, 0x74, 0x20,
	0x43, 0x41, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c,
	0x08, 0x74, 0x6c, 0x73, 0x70, 0x72, 0x6f, 0x62, 0x65,
};

/* ServerHelloDone */
static const uint8_t shd[] = { 0x0e, 0x00, 0x00, 0x00 };

static char *
run_ctx(uint16_t version, uint16_t suite, const uint8_t *msg, size_t len)
{
	struct tracefmt_ctx ctx;
	char *buf = NULL;
	size_t sz = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &sz)) == NULL) {
		perror("open_memstream");
		exit(1);
	}
	ctx.out = f;
	ctx.version = version;
	ctx.suite = suite != 0 ? suite_by_code(suite) : NULL;
	ctx.from_server = 1;
	tracefmt_handshake(&ctx, msg, len);
	fclose(f);
	return buf;
}

static int
has(const char *out, const char *s)
{
	if (strstr(out, s) != NULL)
		return 1;
	printf("# missing \"%s\" in:\n%s", s, out);
	return 0;
}

static int
hasnt(const char *out, const char *s)
{
	if (strstr(out, s) == NULL)
		return 1;
	printf("# unexpected \"%s\" in:\n%s", s, out);
	return 0;
}

static size_t
nlines(const char *out)
{
	size_t n = 0;

	for (; *out != '\0'; out++)
		if (*out == '\n')
			n++;
	return n;
}

/* Every line indented at least four columns and printable ASCII. */
static int
tidy(const char *out)
{
	const char *p = out;

	while (*p != '\0') {
		if (strncmp(p, "    ", 4) != 0)
			return 0;
		for (; *p != '\n'; p++)
			if (*p == '\0' || (unsigned char)*p < 0x20 ||
			    (unsigned char)*p > 0x7e)
				return 0;
		p++;
	}
	return 1;
}

/* A whole handshake message from a body built with cbb. */
static uint8_t *
wrap(struct cbb *b, uint8_t type, const uint8_t *body, size_t len,
    size_t *outlen)
{
	cbb_init(b, 0);
	cbb_add_u8(b, type);
	cbb_open(b, 3);
	cbb_add_bytes(b, body, len);
	cbb_close(b);
	if (!cbb_ok(b)) {
		fprintf(stderr, "cbb failed\n");
		exit(1);
	}
	*outlen = b->len;
	return b->buf;
}

static void
test_client_hello(void)
{
	char *o = run_ctx(0, 0, ch13, sizeof(ch13));

	CHECK(has(o, "    ClientHello, Length=333\n"
	    "      client_version=0x0303 (TLS 1.2)\n"
	    "      random=d561c3b1e7e252a3a56830b8d941e89e96392d55663445304c"
	    "280ed9df4f68b6\n"
	    "      session_id (len=32): d2e4175d4841b5702596eb2e137e76fcd263"
	    "9e4780891b8b69f5e50f7a991474\n"
	    "      cipher_suites (len=62)\n"
	    "        {0x13, 0x02} TLS_AES_256_GCM_SHA384\n"),
	    "ClientHello: header, version, random, session_id, first suite");
	CHECK(has(o, "        {0xc0, 0x2f} "
	    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n") &&
	    has(o, "        {0x00, 0xff} TLS_EMPTY_RENEGOTIATION_INFO_SCSV\n"),
	    "ClientHello: 1.2 suites and the SCSV by IANA name");
	CHECK(has(o, "      compression_methods (len=1)\n"
	    "        No Compression (0x00)\n"
	    "      extensions, length = 198\n"
	    "        extension_type=server_name(0), length=14\n"
	    "          server_name: host_name localhost\n"),
	    "ClientHello: compression and server_name");
	CHECK(has(o, "          named_group: X25519 (0x001d)\n") &&
	    has(o, "          named_group: ffdhe8192 (0x0104)\n"),
	    "ClientHello: supported_groups");
	CHECK(has(o, "          ec_point_format: uncompressed (0)\n"),
	    "ClientHello: ec_point_formats");
	CHECK(has(o, "        extension_type=status_request(5), length=5\n"
	    "          status_type=ocsp (1)\n"
	    "          responder_id_list (len=0)\n"
	    "          request_extensions (len=0)\n"),
	    "ClientHello: status_request");
	CHECK(has(o, "extension_type=application_layer_protocol_negotiation"
	    "(16), length=14\n          protocol: h2\n"
	    "          protocol: http/1.1\n"),
	    "ClientHello: ALPN");
	CHECK(has(o, "        extension_type=encrypt_then_mac(22), length=0\n"
	    "        extension_type=extended_master_secret(23), length=0\n"),
	    "ClientHello: empty extensions print nothing under them");
	CHECK(has(o, "          signature_scheme: rsa_pss_rsae_sha256 "
	    "(0x0804)\n") &&
	    has(o, "          signature_scheme: dsa_sha224 (0x0302)\n"),
	    "ClientHello: signature_algorithms by name and code");
	CHECK(has(o, "          version: TLS 1.3 (0x0304)\n"
	    "          version: TLS 1.2 (0x0303)\n"),
	    "ClientHello: supported_versions list");
	CHECK(has(o, "          psk_key_exchange_mode: psk_dhe_ke (1)\n"),
	    "ClientHello: psk_key_exchange_modes");
	CHECK(has(o, "        extension_type=key_share(51), length=38\n"
	    "          client_shares (len=36)\n"
	    "            NamedGroup: X25519 (0x001d)\n"
	    "              key_exchange (len=32): 36804b17913a8218648dd2a3e928"
	    "5ef0f21d6869941d6ed5a972b2f45da04353\n"),
	    "ClientHello: key_share");
	CHECK(hasnt(o, "malformed") && tidy(o), "ClientHello: clean and tidy");
	free(o);
}

static void
test_server_hello(void)
{
	static const char want13[] =
	    "    ServerHello, Length=118\n"
	    "      server_version=0x0303 (TLS 1.2)\n"
	    "      random=f8f0c0d52e2e2aa6329dd408bcb50901476a5ac1ad6f5d89d44b6"
	    "8c8f2d27fef\n"
	    "      session_id (len=32): d2e4175d4841b5702596eb2e137e76fcd2639e"
	    "4780891b8b69f5e50f7a991474\n"
	    "      cipher_suite {0x13, 0x02} TLS_AES_256_GCM_SHA384\n"
	    "      compression_method: No Compression (0x00)\n"
	    "      extensions, length = 46\n"
	    "        extension_type=supported_versions(43), length=2\n"
	    "          selected_version: TLS 1.3 (0x0304)\n"
	    "        extension_type=key_share(51), length=36\n"
	    "          NamedGroup: X25519 (0x001d)\n"
	    "            key_exchange (len=32): 03152aaba2f01b7fe617d0ef0e6ef1"
	    "45d64a51bf556edaf11b36669865dcd169\n";
	static const char wanthrr[] =
	    "    HelloRetryRequest, Length=84\n"
	    "      server_version=0x0303 (TLS 1.2)\n"
	    "      random=cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e0"
	    "9e2c8a8339c (HelloRetryRequest)\n"
	    "      session_id (len=32): 77de24693b349edb2140060f81f00290329eb9"
	    "d4e5b4d495319a821000b3e919\n"
	    "      cipher_suite {0x13, 0x02} TLS_AES_256_GCM_SHA384\n"
	    "      compression_method: No Compression (0x00)\n"
	    "      extensions, length = 12\n"
	    "        extension_type=supported_versions(43), length=2\n"
	    "          selected_version: TLS 1.3 (0x0304)\n"
	    "        extension_type=key_share(51), length=2\n"
	    "          selected_group: P-256 (0x0017)\n";
	uint8_t m[sizeof(sh12)];
	char *o;

	o = run_ctx(0, 0, sh13, sizeof(sh13));
	CHECK(strcmp(o, want13) == 0, "TLS 1.3 ServerHello: exact output");
	if (strcmp(o, want13) != 0)
		printf("# got:\n%s", o);
	CHECK(hasnt(o, "downgrade"), "TLS 1.3 ServerHello: no sentinel");
	free(o);

	o = run_ctx(0, 0, hrr, sizeof(hrr));
	CHECK(strcmp(o, wanthrr) == 0, "HelloRetryRequest: exact output");
	if (strcmp(o, wanthrr) != 0)
		printf("# got:\n%s", o);
	free(o);

	/* One bit off the HRR constant: an ordinary ServerHello. */
	{
		uint8_t h[sizeof(hrr)];

		memcpy(h, hrr, sizeof(h));
		h[6 + 31] ^= 1;
		o = run_ctx(0, 0, h, sizeof(h));
		CHECK(has(o, "    ServerHello, Length=84\n") &&
		    hasnt(o, "HelloRetryRequest") &&
		    has(o, "          <malformed ServerHello: key_share: "
		    "truncated at key_exchange length (need 2 bytes, 0 "
		    "remain)>\n"),
		    "HRR random with one bit flipped is a ServerHello, "
		    "whose key_share then lacks a key");
		free(o);
	}

	o = run_ctx(0, 0, sh12, sizeof(sh12));
	CHECK(has(o, "      random=d35fe34511eac4b33da3bc9a410c8525ccd97b7687b2"
	    "efdc444f574e47524401\n"
	    "      downgrade_sentinel=444f574e47524401 (DOWNGRD 01: TLS 1.2 "
	    "negotiated by a TLS 1.3 server)\n"
	    "      session_id (len=0)\n"
	    "      cipher_suite {0xc0, 0x2c} "
	    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\n"),
	    "TLS 1.2 ServerHello: suite and DOWNGRD 01");
	CHECK(has(o, "        extension_type=renegotiation_info(65281), "
	    "length=1\n          renegotiated_connection (len=0)\n") &&
	    has(o, "        extension_type=session_ticket(35), length=0\n"
	    "          ticket (len=0)\n") &&
	    has(o, "        extension_type=extended_master_secret(23), "
	    "length=0\n"),
	    "TLS 1.2 ServerHello: renegotiation_info, ticket, EMS");
	CHECK(hasnt(o, "malformed") && tidy(o), "TLS 1.2 ServerHello: clean");
	free(o);

	memcpy(m, sh12, sizeof(m));
	m[6 + 31] = 0x00;
	o = run_ctx(0, 0, m, sizeof(m));
	CHECK(has(o, "downgrade_sentinel=444f574e47524400 (DOWNGRD 00"),
	    "ServerHello: DOWNGRD 00");
	free(o);
	m[6 + 31] = 0x02;
	o = run_ctx(0, 0, m, sizeof(m));
	CHECK(hasnt(o, "downgrade"), "ServerHello: DOWNGRD 02 is no sentinel");
	free(o);
}

static void
test_certificate(void)
{
	static const char fields[] =
	    "          subject=CN = tlsprobe.test\n"
	    "          issuer=CN = Test CA, O = tlsprobe\n"
	    "          notBefore=Nov 23 09:40:40 2026 GMT\n"
	    "          notAfter=Nov 20 09:40:40 2036 GMT\n"
	    "          public_key=EC (256 bits, prime256v1)\n"
	    "          signature_algorithm=ecdsa-with-SHA256\n";
	char *o;

	/* The two captures carry the same certificate. */
	CHECK(memcmp(cert13 + 11, cert12 + 10, 296) == 0,
	    "samples: 1.2 and 1.3 Certificate carry the same DER");

	o = run_ctx(TLS1_3_VERSION, 0x1302, cert13, sizeof(cert13));
	CHECK(has(o, "    Certificate, Length=305\n"
	    "      context (len=0)\n"
	    "      certificate_list, length=301\n"
	    "        ASN.1Cert, length=296\n") && has(o, fields) &&
	    has(o, "          No extensions\n"),
	    "TLS 1.3 Certificate: context, entry, subject CN, extensions");
	CHECK(hasnt(o, "malformed") && tidy(o), "TLS 1.3 Certificate: clean");
	free(o);

	o = run_ctx(TLS1_2_VERSION, 0xc02c, cert12, sizeof(cert12));
	CHECK(has(o, "    Certificate, Length=302\n"
	    "      certificate_list, length=299\n"
	    "        ASN.1Cert, length=296\n") && has(o, fields) &&
	    hasnt(o, "context") && hasnt(o, "extensions"),
	    "TLS 1.2 Certificate: list, subject CN, no 1.3 fields");
	CHECK(hasnt(o, "malformed") && tidy(o), "TLS 1.2 Certificate: clean");
	free(o);

	/* The layouts differ: reading one as the other must fail. */
	o = run_ctx(TLS1_2_VERSION, 0, cert13, sizeof(cert13));
	CHECK(has(o, "<malformed Certificate:"),
	    "1.3 Certificate read as 1.2 is malformed");
	free(o);
	o = run_ctx(TLS1_3_VERSION, 0, cert12, sizeof(cert12));
	CHECK(has(o, "<malformed Certificate:"),
	    "1.2 Certificate read as 1.3 is malformed");
	free(o);
}

/* A self-signed Ed25519 certificate whose CN holds a newline. */
static uint8_t *
hostile_cert(int *len)
{
	EVP_PKEY *pk;
	X509 *x;
	X509_NAME *n;
	uint8_t *der = NULL;

	if ((pk = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL ||
	    (x = X509_new()) == NULL || (n = X509_NAME_new()) == NULL)
		exit(1);
	if (!X509_set_version(x, X509_VERSION_3) ||
	    !ASN1_INTEGER_set(X509_get_serialNumber(x), 7) ||
	    !X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
	    (const unsigned char *)"evil\nline", -1, -1, 0) ||
	    !X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC,
	    (const unsigned char *)"x\x1b[2Jy", -1, -1, 0) ||
	    !X509_set_subject_name(x, n) || !X509_set_issuer_name(x, n) ||
	    ASN1_TIME_set(X509_getm_notBefore(x), 1735689600) == NULL ||
	    ASN1_TIME_set(X509_getm_notAfter(x), 1767225600) == NULL ||
	    !X509_set_pubkey(x, pk) || X509_sign(x, pk, NULL) <= 0 ||
	    (*len = i2d_X509(x, &der)) <= 0)
		exit(1);
	X509_NAME_free(n);
	X509_free(x);
	EVP_PKEY_free(pk);
	return der;
}

static void
test_certificate_hostile(uint8_t **msgp, size_t *msglenp)
{
	static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x05 };
	struct cbb b;
	uint8_t *der;
	char *o;
	int dlen;

	der = hostile_cert(&dlen);
	/* TLS 1.2 Certificate: the generated one, then junk, then empty */
	cbb_init(&b, 0);
	cbb_add_u8(&b, HS_CERTIFICATE);
	cbb_open(&b, 3);
	cbb_open(&b, 3);
	cbb_open(&b, 3);
	cbb_add_bytes(&b, der, (size_t)dlen);
	cbb_close(&b);
	cbb_open(&b, 3);
	cbb_add_bytes(&b, junk, sizeof(junk));
	cbb_close(&b);
	cbb_add_u24(&b, 0);
	cbb_close(&b);
	cbb_close(&b);
	CHECK(cbb_ok(&b), "hostile Certificate built");
	OPENSSL_free(der);

	o = run_ctx(TLS1_2_VERSION, 0, b.buf, b.len);
	CHECK(has(o, "          subject=CN = evil\\0Aline, O = x\\1B[2Jy\n"),
	    "generated certificate: control bytes in the name escaped");
	CHECK(has(o, "          notBefore=Jan  1 00:00:00 2025 GMT\n"
	    "          notAfter=Jan  1 00:00:00 2026 GMT\n"
	    "          public_key=ED25519 (256 bits)\n"
	    "          signature_algorithm=ED25519\n"),
	    "generated certificate: validity, Ed25519 key and signature");
	CHECK(has(o, "<malformed Certificate: certificate 1 is not DER "
	    "X.509>") && has(o, "<malformed Certificate: certificate 2 is "
	    "not DER X.509>"),
	    "junk and empty cert_data reported, decoding goes on");
	CHECK(tidy(o), "hostile Certificate: every line indented, printable");
	free(o);
	*msgp = b.buf;
	*msglenp = b.len;
}

static void
test_key_exchange(uint8_t **dhep, size_t *dhelenp)
{
	struct cbb b, w;
	uint8_t p[256], y[256], *m;
	size_t mlen;
	char *o;

	o = run_ctx(TLS1_2_VERSION, 0xc02c, ske_ecdhe, sizeof(ske_ecdhe));
	CHECK(has(o, "    ServerKeyExchange, Length=111\n"
	    "      key_exchange=ECDHE\n"
	    "      curve_type=named_curve (3)\n"
	    "      named_group: X25519 (0x001d)\n"
	    "      public (len=32): b48042dfb5aeae6e93745c71b532f69fcd8d458bb0"
	    "ac688fbc57564a6e2ef263\n"
	    "      signature_algorithm: ecdsa_secp256r1_sha256 (0x0403)\n"
	    "      signature (len=71):\n"
	    "        0000 - 30 45 02 21 00 ed ad 13-76 48 51 49 5d 4f e1 82"
	    "   0E.!....vHQI]O..\n"),
	    "ECDHE ServerKeyExchange: group, key, scheme, signature");
	CHECK(hasnt(o, "malformed") && tidy(o), "ECDHE SKE: clean");
	free(o);

	o = run_ctx(0, 0, ske_ecdhe, sizeof(ske_ecdhe));
	CHECK(has(o, "(no decoder: key exchange unknown, no suite negotiated)")
	    && has(o, "      0000 - 03 00 1d 20") && hasnt(o, "malformed"),
	    "ServerKeyExchange without a suite: hex dump");
	free(o);

	o = run_ctx(TLS1_2_VERSION, 0xc02c, cke_ecdhe, sizeof(cke_ecdhe));
	CHECK(has(o, "    ClientKeyExchange, Length=33\n"
	    "      key_exchange=ECDHE\n"
	    "      ecdh_Yc (len=32): 0ad9f1a0c34706702a4104404f122c7c82e0f25eae"
	    "8967480276ee9ba14a5242\n") && hasnt(o, "malformed"),
	    "ECDHE ClientKeyExchange");
	free(o);

	/* DHE, TLS 1.0: no scheme before the signature (RFC 4346, 7.4.3) */
	memset(p, 0xff, sizeof(p));
	memset(y, 0x5a, sizeof(y));
	cbb_init(&b, 0);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, p, sizeof(p));
	cbb_close(&b);
	cbb_open(&b, 2);
	cbb_add_u8(&b, 2);
	cbb_close(&b);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, y, sizeof(y));
	cbb_close(&b);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, y, 128);
	cbb_close(&b);
	m = wrap(&w, HS_SERVER_KEY_EXCHANGE, b.buf, b.len, &mlen);
	o = run_ctx(TLS1_0_VERSION, 0x0039, m, mlen);
	CHECK(has(o, "      key_exchange=DHE\n"
	    "      dh_p (len=256, 2048 bits)\n"
	    "      dh_g (len=1): 02\n"
	    "      dh_Ys (len=256)\n"
	    "      signature (len=128):\n") &&
	    hasnt(o, "signature_algorithm") && hasnt(o, "malformed"),
	    "DHE ServerKeyExchange, TLS 1.0: p bits, g, Ys, bare signature");
	free(o);
	/* The same under 1.2 reads the first signature bytes as a scheme. */
	o = run_ctx(TLS1_2_VERSION, 0x009e, m, mlen);
	CHECK(has(o, "signature_algorithm: unknown(0x0080)") &&
	    has(o, "malformed"), "DHE SKE 1.0 layout under 1.2 is malformed");
	free(o);
	*dhep = m;
	*dhelenp = mlen;
	cbb_cleanup(&b);

	{
		/* p = 00 7f ff: 15 bits, leading zero byte ignored */
		static const uint8_t small[] = {
			0x0c, 0x00, 0x00, 0x0f,
			0x00, 0x03, 0x00, 0x7f, 0xff,
			0x00, 0x01, 0x05, 0x00, 0x01, 0x09,
			0x04, 0x01, 0x00, 0x00,
		};
		o = run_ctx(TLS1_2_VERSION, 0x009e, small, sizeof(small));
		CHECK(has(o, "      dh_p (len=3, 15 bits)\n"
		    "      dh_g (len=1): 05\n"
		    "      dh_Ys (len=1)\n"
		    "      signature_algorithm: rsa_pkcs1_sha256 (0x0401)\n"
		    "      signature (len=0)\n") && hasnt(o, "malformed"),
		    "DHE ServerKeyExchange: bits of a short p");
		free(o);
	}
	{
		static const uint8_t rsa[] = {
			0x10, 0x00, 0x00, 0x06, 0x00, 0x04, 0xaa, 0xbb, 0xcc,
			0xdd,
		};
		static const uint8_t dhe[] = {
			0x10, 0x00, 0x00, 0x05, 0x00, 0x03, 0x01, 0x02, 0x03,
		};
		o = run_ctx(TLS1_2_VERSION, 0x009c, rsa, sizeof(rsa));
		CHECK(has(o, "      key_exchange=RSA\n"
		    "      EncryptedPreMasterSecret (len=4)\n") &&
		    hasnt(o, "malformed"), "RSA ClientKeyExchange");
		free(o);
		o = run_ctx(TLS1_2_VERSION, 0x009e, dhe, sizeof(dhe));
		CHECK(has(o, "      key_exchange=DHE\n"
		    "      dh_Yc (len=3)\n") && hasnt(o, "malformed"),
		    "DHE ClientKeyExchange");
		free(o);
	}
}

static void
test_other_messages(void)
{
	static const uint8_t ku[] = { 0x18, 0x00, 0x00, 0x01, 0x01 };
	static const uint8_t ku_bad[] = { 0x18, 0x00, 0x00, 0x02, 0x07, 0x00 };
	static const uint8_t cs[] = { 0x16, 0x00, 0x00, 0x08, 0x01,
	    0x00, 0x00, 0x04, 0xde, 0xad, 0xbe, 0xef };
	static const uint8_t unk[] = { 0x63, 0x00, 0x00, 0x03, 0x01, 0x02,
	    0x41 };
	uint8_t mh[4 + 32];
	char *o;

	o = run_ctx(TLS1_3_VERSION, 0x1302, ee13, sizeof(ee13));
	CHECK(has(o, "    EncryptedExtensions, Length=11\n"
	    "      extensions, length = 9\n"
	    "        extension_type=application_layer_protocol_negotiation(16)"
	    ", length=5\n          protocol: h2\n") && hasnt(o, "malformed"),
	    "EncryptedExtensions with ALPN");
	free(o);

	o = run_ctx(TLS1_3_VERSION, 0x1302, nst13, sizeof(nst13));
	CHECK(has(o, "    NewSessionTicket, Length=61\n"
	    "      ticket_lifetime=7200 (seconds)\n"
	    "      ticket_age_add=0x50e85afd\n"
	    "      ticket_nonce (len=8): 0000000000000000\n"
	    "      ticket (len=32)\n"
	    "      extensions, length = 8\n"
	    "        extension_type=early_data(42), length=4\n"
	    "          max_early_data_size=16384\n") && hasnt(o, "malformed"),
	    "TLS 1.3 NewSessionTicket with early_data");
	free(o);

	o = run_ctx(TLS1_3_VERSION, 0x1302, cv13, sizeof(cv13));
	CHECK(has(o, "    CertificateVerify, Length=76\n"
	    "      signature_algorithm: ecdsa_secp256r1_sha256 (0x0403)\n"
	    "      signature (len=72):\n") && hasnt(o, "malformed"),
	    "CertificateVerify: scheme and signature length");
	free(o);

	o = run_ctx(TLS1_3_VERSION, 0x1302, cr13, sizeof(cr13));
	CHECK(has(o, "    CertificateRequest, Length=88\n"
	    "      context (len=0)\n") &&
	    has(o, "          signature_scheme: ed25519 (0x0807)\n") &&
	    has(o, "        extension_type=certificate_authorities(47), "
	    "length=43\n          authorities (len=41)\n"
	    "            DN=CN = Test CA, O = tlsprobe\n") &&
	    hasnt(o, "malformed"),
	    "TLS 1.3 CertificateRequest: schemes and authorities");
	free(o);

	o = run_ctx(TLS1_2_VERSION, 0x009c, cr12, sizeof(cr12));
	CHECK(has(o, "    CertificateRequest, Length=89\n"
	    "      certificate_types (len=3)\n"
	    "        rsa_sign (1)\n"
	    "        dss_sign (2)\n"
	    "        ecdsa_sign (64)\n"
	    "      supported_signature_algorithms (len=40)\n"
	    "        signature_scheme: ecdsa_secp256r1_sha256 (0x0403)\n") &&
	    has(o, "      certificate_authorities (len=41)\n"
	    "        DN=CN = Test CA, O = tlsprobe\n") &&
	    hasnt(o, "malformed"),
	    "TLS 1.2 CertificateRequest: types, schemes, DNs");
	free(o);

	o = run_ctx(TLS1_2_VERSION, 0xc02c, fin12, sizeof(fin12));
	CHECK(has(o, "    Finished, Length=12\n"
	    "      verify_data (len=12): 24f594e9f1664c64fa67b4c1\n"),
	    "Finished: verify_data");
	free(o);

	o = run_ctx(TLS1_2_VERSION, 0xc02c, shd, sizeof(shd));
	CHECK(strcmp(o, "    ServerHelloDone, Length=0\n") == 0,
	    "ServerHelloDone");
	free(o);

	o = run_ctx(TLS1_3_VERSION, 0x1301, ku, sizeof(ku));
	CHECK(has(o, "    KeyUpdate, Length=1\n"
	    "      request_update=update_requested (1)\n"), "KeyUpdate");
	free(o);
	o = run_ctx(TLS1_3_VERSION, 0x1301, ku_bad, sizeof(ku_bad));
	CHECK(has(o, "      request_update=unknown(7)\n"
	    "      <malformed KeyUpdate: 1 trailing bytes>\n"),
	    "KeyUpdate: unknown value, trailing byte");
	free(o);

	o = run_ctx(TLS1_2_VERSION, 0xc02f, cs, sizeof(cs));
	CHECK(has(o, "    CertificateStatus, Length=8\n"
	    "      status_type=ocsp (1)\n"
	    "      ocsp_response (len=4)\n"), "CertificateStatus");
	free(o);

	memset(mh, 0xab, sizeof(mh));
	mh[0] = HS_MESSAGE_HASH;
	mh[1] = 0;
	mh[2] = 0;
	mh[3] = 32;
	o = run_ctx(TLS1_3_VERSION, 0x1301, mh, sizeof(mh));
	CHECK(has(o, "    MessageHash, Length=32\n      hash (len=32): abab"),
	    "MessageHash");
	free(o);

	o = run_ctx(0, 0, unk, sizeof(unk));
	CHECK(strncmp(o, "    unknown(99), Length=3\n"
	    "      0000 - 01 02 41 ", 47) == 0 && has(o, "   ..A\n") &&
	    nlines(o) == 2, "unknown message type: hex dump");
	free(o);
}

/*
 * A ClientHello as a hostile or unusual client would send it: GREASE,
 * an unknown extension, a control byte in the host name, PSK, cookie,
 * padding.
 */
static uint8_t *
odd_client_hello(size_t *len)
{
	static const uint8_t rnd[32] = { 0 };
	struct cbb b;

	cbb_init(&b, 0);
	cbb_add_u8(&b, HS_CLIENT_HELLO);
	cbb_open(&b, 3);
	cbb_add_u16(&b, 0x0303);
	cbb_add_bytes(&b, rnd, sizeof(rnd));
	cbb_add_u8(&b, 0);			/* session_id */
	cbb_open(&b, 2);
	cbb_add_u16(&b, 0x1a1a);		/* GREASE */
	cbb_add_u16(&b, 0x1301);
	cbb_close(&b);
	cbb_add_u8(&b, 2);
	cbb_add_u8(&b, 0);
	cbb_add_u8(&b, 1);			/* DEFLATE */
	cbb_open(&b, 2);			/* extensions */
	cbb_add_u16(&b, 0x2a2a);		/* GREASE extension */
	cbb_add_u16(&b, 0);
	cbb_add_u16(&b, 0x1234);		/* unknown */
	cbb_add_u16(&b, 3);
	cbb_add_bytes(&b, "\x01\x02\x03", 3);
	cbb_add_u16(&b, EXT_SERVER_NAME);
	cbb_open(&b, 2);
	cbb_open(&b, 2);
	cbb_add_u8(&b, 0);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, "a\nb\\c\x7f", 6);
	cbb_close(&b);
	cbb_close(&b);
	cbb_close(&b);
	cbb_add_u16(&b, EXT_SUPPORTED_GROUPS);	/* odd: malformed */
	cbb_add_u16(&b, 5);
	cbb_add_bytes(&b, "\x00\x03\x00\x1d\x00", 5);
	cbb_add_u16(&b, EXT_RECORD_SIZE_LIMIT);
	cbb_add_u16(&b, 2);
	cbb_add_u16(&b, 16385);
	cbb_add_u16(&b, EXT_COOKIE);
	cbb_add_u16(&b, 6);
	cbb_add_u16(&b, 4);
	cbb_add_u32(&b, 0xc0c0c0c0);
	cbb_add_u16(&b, EXT_PADDING);
	cbb_add_u16(&b, 5);
	cbb_add_bytes(&b, "\0\0\0\0\0", 5);
	cbb_add_u16(&b, EXT_EXTENDED_MASTER_SECRET);	/* must be empty */
	cbb_add_u16(&b, 1);
	cbb_add_u8(&b, 0);
	cbb_add_u16(&b, EXT_SUPPORTED_VERSIONS);
	cbb_add_u16(&b, 5);
	cbb_add_bytes(&b, "\x04\x7a\x7a\x03\x04", 5);
	cbb_add_u16(&b, EXT_SIGNATURE_ALGORITHMS_CERT);
	cbb_add_u16(&b, 4);
	cbb_add_bytes(&b, "\x00\x02\x08\x04", 4);
	cbb_add_u16(&b, 1);			/* max_fragment_length */
	cbb_add_u16(&b, 1);
	cbb_add_u8(&b, 2);
	cbb_add_u16(&b, EXT_PRE_SHARED_KEY);	/* last, RFC 8446, 4.2.11 */
	cbb_open(&b, 2);
	cbb_open(&b, 2);
	cbb_open(&b, 2);
	cbb_add_bytes(&b, "ident", 5);
	cbb_close(&b);
	cbb_add_u32(&b, 123456);
	cbb_close(&b);
	cbb_open(&b, 2);
	cbb_open(&b, 1);
	cbb_add_bytes(&b, "\x11\x22\x33", 3);
	cbb_close(&b);
	cbb_close(&b);
	cbb_close(&b);
	cbb_close(&b);				/* extensions */
	cbb_close(&b);				/* body */
	if (!cbb_ok(&b))
		exit(1);
	*len = b.len;
	return b.buf;
}

static void
test_odd_client_hello(const uint8_t *m, size_t len)
{
	char *o = run_ctx(0, 0, m, len);

	CHECK(has(o, "        {0x1a, 0x1a} unknown(0x1a1a)\n"
	    "        {0x13, 0x01} TLS_AES_128_GCM_SHA256\n"),
	    "odd ClientHello: GREASE suite as unknown(0x1a1a)");
	CHECK(has(o, "        No Compression (0x00)\n"
	    "        DEFLATE (0x01)\n"), "odd ClientHello: compression");
	CHECK(has(o, "        extension_type=unknown(0x2a2a), length=0\n"
	    "        extension_type=unknown(0x1234), length=3\n"
	    "          0000 - 01 02 03 "), "odd ClientHello: unknown "
	    "extensions by code, with a dump");
	CHECK(has(o, "          server_name: host_name a\\x0ab\\x5cc\\x7f\n"),
	    "odd ClientHello: host name bytes escaped");
	CHECK(has(o, "          <malformed ClientHello: supported_groups: "
	    "truncated at named_group (need 2 bytes, 1 remain)>\n"
	    "        extension_type=record_size_limit(28), length=2\n"
	    "          record_size_limit=16385\n"),
	    "odd ClientHello: a bad extension body does not stop the rest");
	CHECK(has(o, "          cookie (len=4)\n") &&
	    has(o, "          padding (len=5)\n"),
	    "odd ClientHello: cookie and padding");
	CHECK(has(o, "        extension_type=extended_master_secret(23), "
	    "length=1\n          <malformed ClientHello: "
	    "extended_master_secret: 1 trailing bytes>\n"),
	    "odd ClientHello: non-empty EMS is malformed");
	CHECK(has(o, "          version: unknown(0x7a7a)\n"
	    "          version: TLS 1.3 (0x0304)\n"),
	    "odd ClientHello: GREASE version");
	CHECK(has(o, "        extension_type=signature_algorithms_cert(50), "
	    "length=4\n          signature_scheme: rsa_pss_rsae_sha256 "
	    "(0x0804)\n"), "odd ClientHello: signature_algorithms_cert");
	CHECK(has(o, "          max_fragment_length=2^10 (2)\n"),
	    "odd ClientHello: max_fragment_length");
	CHECK(has(o, "        extension_type=pre_shared_key(41), length=19\n"
	    "          identities (len=11)\n"
	    "            identity (len=5), obfuscated_ticket_age=123456\n"
	    "          binders (len=4)\n"
	    "            binder (len=3): 112233\n"),
	    "odd ClientHello: pre_shared_key identities and binders");
	CHECK(tidy(o), "odd ClientHello: tidy");
	free(o);
}

static void
test_malformed(void)
{
	uint8_t m[4 + 2 + 32 + 1 + 2 + 1 + 2 + 12];
	uint8_t extra[sizeof(shd) + 2];
	char *o;

	/* ServerHello whose extensions claim 300 bytes with 12 left */
	memset(m, 0, sizeof(m));
	m[0] = HS_SERVER_HELLO;
	m[3] = sizeof(m) - 4;
	m[4] = 3;
	m[5] = 3;
	m[4 + 2 + 32 + 1] = 0x13;
	m[4 + 2 + 32 + 2] = 0x01;
	m[4 + 2 + 32 + 4] = 0x01;
	m[4 + 2 + 32 + 5] = 0x2c;
	o = run_ctx(0, 0, m, sizeof(m));
	CHECK(has(o, "      compression_method: No Compression (0x00)\n"
	    "      <malformed ServerHello: extensions length 300 exceeds "
	    "remaining 12>\n"), "extensions length beyond the message");
	free(o);

	o = run_ctx(0, 0, sh13, 50);
	CHECK(has(o, "    ServerHello, Length=118\n"
	    "      <malformed ServerHello: length 118 exceeds remaining 46>\n"),
	    "a cut message says how much is missing");
	free(o);

	o = run_ctx(0, 0, sh13, 2);
	CHECK(strcmp(o, "    <malformed handshake message: header needs 4 "
	    "bytes, have 2>\n") == 0, "a cut header");
	free(o);
	o = run_ctx(0, 0, NULL, 0);
	CHECK(has(o, "header needs 4 bytes, have 0"), "no bytes at all");
	free(o);

	memcpy(extra, shd, sizeof(shd));
	extra[4] = extra[5] = 0xee;
	o = run_ctx(0, 0, extra, sizeof(extra));
	CHECK(has(o, "    ServerHelloDone, Length=0\n"
	    "      <malformed ServerHelloDone: 2 bytes after the message>\n"),
	    "bytes after the declared length");
	free(o);
}

static char *
run_ext(uint8_t msgtype, uint16_t type, const uint8_t *body, size_t len,
    int indent)
{
	struct tracefmt_ctx ctx = { NULL, TLS1_3_VERSION, NULL, 1 };
	char *buf = NULL;
	size_t sz = 0;

	if ((ctx.out = open_memstream(&buf, &sz)) == NULL)
		exit(1);
	tracefmt_extension(&ctx, msgtype, type, body, len, indent);
	fclose(ctx.out);
	return buf;
}

static void
test_extension_api(void)
{
	static const uint8_t sel[] = { 0x00, 0x17 };
	static const uint8_t ver[] = { 0x03, 0x04 };
	static const uint8_t ks[] = { 0x00, 0x1d, 0x00, 0x02, 0xab, 0xcd };
	static const uint8_t psk[] = { 0x00, 0x00 };
	char *o;

	o = run_ext(HS_HELLO_RETRY_REQUEST, EXT_KEY_SHARE, sel, sizeof(sel), 8);
	CHECK(strcmp(o, "        extension_type=key_share(51), length=2\n"
	    "          selected_group: P-256 (0x0017)\n") == 0,
	    "tracefmt_extension: HRR key_share, indent 8");
	free(o);
	o = run_ext(HS_SERVER_HELLO, EXT_KEY_SHARE, ks, sizeof(ks), 0);
	CHECK(strcmp(o, "extension_type=key_share(51), length=6\n"
	    "  NamedGroup: X25519 (0x001d)\n"
	    "    key_exchange (len=2): abcd\n") == 0,
	    "tracefmt_extension: ServerHello key_share, indent 0");
	free(o);
	o = run_ext(HS_SERVER_HELLO, EXT_KEY_SHARE, sel, sizeof(sel), 4);
	CHECK(has(o, "      <malformed ServerHello: key_share: truncated at "
	    "key_exchange length (need 2 bytes, 0 remain)>\n"),
	    "tracefmt_extension: an HRR body in a ServerHello is malformed");
	free(o);
	o = run_ext(HS_SERVER_HELLO, EXT_SUPPORTED_VERSIONS, ver, sizeof(ver),
	    4);
	CHECK(has(o, "      selected_version: TLS 1.3 (0x0304)\n"),
	    "tracefmt_extension: ServerHello supported_versions");
	free(o);
	o = run_ext(HS_SERVER_HELLO, EXT_PRE_SHARED_KEY, psk, sizeof(psk), 4);
	CHECK(has(o, "      selected_identity=0\n"),
	    "tracefmt_extension: ServerHello pre_shared_key");
	free(o);
	o = run_ext(HS_ENCRYPTED_EXTENSIONS, EXT_EARLY_DATA, NULL, 0, 4);
	CHECK(strcmp(o, "    extension_type=early_data(42), length=0\n") == 0,
	    "tracefmt_extension: empty early_data in EncryptedExtensions");
	free(o);
	o = run_ext(HS_ENCRYPTED_EXTENSIONS, 0xfe0d, ver, sizeof(ver), 4);
	CHECK(has(o, "extension_type=encrypted_client_hello(65037), length=2\n"
	    "      0000 - 03 04 "), "tracefmt_extension: named, undecoded");
	free(o);
}

static void
test_alert(void)
{
	static const uint8_t hf[] = { 2, 40 };
	static const uint8_t odd[] = { 3, 200 };
	static const uint8_t three[] = { 1, 0, 0 };
	struct tracefmt_ctx ctx = { NULL, 0, NULL, 1 };
	char *buf = NULL;
	size_t sz = 0;

	if ((ctx.out = open_memstream(&buf, &sz)) == NULL)
		exit(1);
	tracefmt_alert(&ctx, hf, sizeof(hf));
	tracefmt_alert(&ctx, odd, sizeof(odd));
	tracefmt_alert(&ctx, three, sizeof(three));
	tracefmt_alert(&ctx, NULL, 0);
	fclose(ctx.out);
	CHECK(has(buf, "    Level=fatal(2), description=handshake_failure(40)\n"
	    "    Level=unknown(3), description=unknown(200)\n"
	    "    <malformed Alert: length 3, expected 2>\n"
	    "      0000 - 01 00 00 "), "alerts by name, unknown, malformed");
	CHECK(has(buf, "    <malformed Alert: length 0, expected 2>\n"),
	    "empty alert");
	free(buf);
}

/* xorshift32: the mutations are the same on every run */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

struct sample {
	const char	*name;
	const uint8_t	*msg;
	size_t		 len;
	uint16_t	 version;
	uint16_t	 suite;
	int		 clean;		/* no malformed line */
};

static void
robustness(const struct sample *s)
{
	static const uint16_t versions[] = { 0, TLS1_0_VERSION,
	    TLS1_2_VERSION, TLS1_3_VERSION };
	static const uint16_t suites[] = { 0, 0xc02f, 0x009e, 0x009c, 0x1301 };
	uint8_t *m;
	uint32_t seed = 0x2545f491;
	size_t i, cut_bad = 0, untidy = 0;
	char name[128], *o;

	o = run_ctx(s->version, s->suite, s->msg, s->len);
	snprintf(name, sizeof(name), "%s: whole message decodes %s",
	    s->name, s->clean ? "cleanly" : "(malformed parts reported)");
	CHECK((strstr(o, "malformed") == NULL) == s->clean && tidy(o), name);
	free(o);

	for (i = 0; i < s->len; i++) {
		/* a fresh copy, so ASan sees any read past the cut */
		if ((m = malloc(i + 1)) == NULL)
			exit(1);
		memcpy(m, s->msg, i);
		o = run_ctx(s->version, s->suite, m, i);
		if (strstr(o, "malformed") == NULL)
			cut_bad++;
		if (!tidy(o))
			untidy++;
		free(o);
		free(m);
	}
	snprintf(name, sizeof(name), "%s: all %zu cuts say malformed",
	    s->name, s->len);
	CHECK(cut_bad == 0, name);

	for (i = 0; i < 2000; i++) {
		if ((m = malloc(s->len)) == NULL)
			exit(1);
		memcpy(m, s->msg, s->len);
		m[rnd(&seed) % s->len] ^= (uint8_t)(1 + rnd(&seed) % 255);
		/* every other round under another version and suite */
		if (i % 2 == 0)
			o = run_ctx(s->version, s->suite, m, s->len);
		else
			o = run_ctx(versions[rnd(&seed) % 4],
			    suites[rnd(&seed) % 5], m, s->len);
		if (!tidy(o))
			untidy++;
		free(o);
		free(m);
	}
	snprintf(name, sizeof(name), "%s: 2000 mutations, output stays tidy",
	    s->name);
	CHECK(untidy == 0, name);
}

int
main(void)
{
	uint8_t *certmsg, *dhe, *och;
	size_t certlen, dhelen, ochlen, i;

	test_client_hello();
	test_server_hello();
	test_certificate();
	test_certificate_hostile(&certmsg, &certlen);
	test_key_exchange(&dhe, &dhelen);
	test_other_messages();
	och = odd_client_hello(&ochlen);
	test_odd_client_hello(och, ochlen);
	test_malformed();
	test_extension_api();
	test_alert();

	{
		const struct sample samples[] = {
			{ "ClientHello", ch13, sizeof(ch13), 0, 0, 1 },
			{ "odd ClientHello", och, ochlen, 0, 0, 0 },
			{ "ServerHello 1.3", sh13, sizeof(sh13), 0, 0, 1 },
			{ "HelloRetryRequest", hrr, sizeof(hrr), 0, 0, 1 },
			{ "ServerHello 1.2", sh12, sizeof(sh12), 0, 0, 1 },
			{ "EncryptedExtensions", ee13, sizeof(ee13),
			    TLS1_3_VERSION, 0x1302, 1 },
			{ "Certificate 1.3", cert13, sizeof(cert13),
			    TLS1_3_VERSION, 0x1302, 1 },
			{ "Certificate 1.2", cert12, sizeof(cert12),
			    TLS1_2_VERSION, 0xc02c, 1 },
			{ "Certificate generated", certmsg, certlen,
			    TLS1_2_VERSION, 0xc02c, 0 },
			{ "CertificateRequest 1.3", cr13, sizeof(cr13),
			    TLS1_3_VERSION, 0x1302, 1 },
			{ "CertificateRequest 1.2", cr12, sizeof(cr12),
			    TLS1_2_VERSION, 0x009c, 1 },
			{ "ServerKeyExchange ECDHE", ske_ecdhe,
			    sizeof(ske_ecdhe), TLS1_2_VERSION, 0xc02c, 1 },
			{ "ServerKeyExchange DHE 1.0", dhe, dhelen,
			    TLS1_0_VERSION, 0x0039, 1 },
			{ "ClientKeyExchange ECDHE", cke_ecdhe,
			    sizeof(cke_ecdhe), TLS1_2_VERSION, 0xc02c, 1 },
			{ "CertificateVerify", cv13, sizeof(cv13),
			    TLS1_3_VERSION, 0x1302, 1 },
			{ "NewSessionTicket 1.3", nst13, sizeof(nst13),
			    TLS1_3_VERSION, 0x1302, 1 },
			{ "Finished 1.2", fin12, sizeof(fin12),
			    TLS1_2_VERSION, 0xc02c, 1 },
			{ "ServerHelloDone", shd, sizeof(shd),
			    TLS1_2_VERSION, 0xc02c, 1 },
		};

		for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
			robustness(&samples[i]);
	}
	free(certmsg);
	free(dhe);
	free(och);
	UNIT_EXIT();
}
