/*
 * sopts.h -- the openssl s_client options tlsprobe accepts without acting
 * on them, and those it refuses, each with its reason.  Options tlsprobe
 * implements are parsed in tlsprobe.c; every other option that
 * `openssl s_client -help` (3.0) lists is here, so that none is "unknown".
 */
#ifndef SOPTS_H
#define SOPTS_H

enum sopt_kind {
	SOPT_NOOP,	/* accepted; nothing to do for tlsprobe (text: why) */
	SOPT_REFUSE,	/* cannot apply, or not built yet: exit 2 (text: why) */
};

struct sopt {
	const char	*name;		/* "-engine" */
	int		 nargs;		/* arguments it takes: 0 or 1 */
	enum sopt_kind	 kind;
	const char	*text;
};

/* The entry for an option name, or NULL. */
const struct sopt *sopt_find(const char *);

#endif
