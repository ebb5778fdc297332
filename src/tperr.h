/*
 * tperr.h -- error codes shared by every module.
 *
 * picotls's habit: a failure and the alert to send are one value.  A function
 * returns 0 or one of these; the caller that owns the connection records the
 * readable reason in the connection's error slot (see conn.h, tp_fail()).
 */
#ifndef TPERR_H
#define TPERR_H

#define TP_OK			0
/* We detected a problem and must send fatal alert d (RFC 8446, 6.2). */
#define TP_E_ALERT(d)		(0x100 | (d))
/* The peer sent fatal alert d. */
#define TP_E_PEER_ALERT(d)	(0x200 | (d))
#define TP_E_CLOSED		0x401	/* peer closed the transport */
#define TP_E_TIMEOUT		0x402	/* a read or connect timed out */
#define TP_E_IO			0x403	/* transport error (errno in conn) */
#define TP_E_NOMEM		0x404	/* allocation failed */
#define TP_E_CLOSE_NOTIFY	0x405	/* peer sent close_notify */
/* The plaintext phase (proxy, STARTTLS) failed; class in conn.fail_class. */
#define TP_E_PLAIN		0x406
#define TP_E_RENEG_REFUSED	0x407	/* no_renegotiation warning to our CH */
#define TP_E_EXPECT		0x408	/* an -expect-* assertion failed */

#define TP_IS_ALERT(e)		(((e) & 0xf00) == 0x100)
#define TP_IS_PEER_ALERT(e)	(((e) & 0xf00) == 0x200)
#define TP_ALERT_OF(e)		((e) & 0xff)

/* Alert descriptions used by name in the code (RFC 8446, 6). */
#define ALERT_CLOSE_NOTIFY		0
#define ALERT_UNEXPECTED_MESSAGE	10
#define ALERT_BAD_RECORD_MAC		20
#define ALERT_RECORD_OVERFLOW		22
#define ALERT_HANDSHAKE_FAILURE		40
#define ALERT_BAD_CERTIFICATE		42
#define ALERT_UNSUPPORTED_CERTIFICATE	43
#define ALERT_CERTIFICATE_REVOKED	44
#define ALERT_CERTIFICATE_EXPIRED	45
#define ALERT_CERTIFICATE_UNKNOWN	46
#define ALERT_ILLEGAL_PARAMETER		47
#define ALERT_UNKNOWN_CA		48
#define ALERT_DECODE_ERROR		50
#define ALERT_DECRYPT_ERROR		51
#define ALERT_PROTOCOL_VERSION		70
#define ALERT_INSUFFICIENT_SECURITY	71
#define ALERT_INTERNAL_ERROR		80
#define ALERT_INAPPROPRIATE_FALLBACK	86
#define ALERT_USER_CANCELED		90
#define ALERT_NO_RENEGOTIATION		100
#define ALERT_MISSING_EXTENSION		109
#define ALERT_UNSUPPORTED_EXTENSION	110
#define ALERT_UNRECOGNIZED_NAME		112
#define ALERT_BAD_CERTIFICATE_STATUS	113
#define ALERT_CERTIFICATE_REQUIRED	116
#define ALERT_NO_APPLICATION_PROTOCOL	120

#define TP_E_DECODE		TP_E_ALERT(ALERT_DECODE_ERROR)
#define TP_E_INTERNAL		TP_E_ALERT(ALERT_INTERNAL_ERROR)
#define TP_E_ILLEGAL		TP_E_ALERT(ALERT_ILLEGAL_PARAMETER)
#define TP_E_UNEXPECTED		TP_E_ALERT(ALERT_UNEXPECTED_MESSAGE)
#define TP_E_BAD_MAC		TP_E_ALERT(ALERT_BAD_RECORD_MAC)
#define TP_E_DECRYPT		TP_E_ALERT(ALERT_DECRYPT_ERROR)
#define TP_E_HANDSHAKE		TP_E_ALERT(ALERT_HANDSHAKE_FAILURE)

#endif
