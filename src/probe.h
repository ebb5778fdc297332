/*
 * probe.h -- -diagnose: after a failure, open a bounded number of
 * ClientHello-only connections that vary one thing at a time, and say
 * what is incompatible.
 */
#ifndef PROBE_H
#define PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"

#define PROBE_MAX	16

struct probe {
	char		 label[128];	/* how to reproduce: "-tls1 -cipher ALL" */
	struct config	 cfg;
	int		 ok;		/* the server answered with a ServerHello */
	uint16_t	 version;
	uint16_t	 suite;
	uint16_t	 group;
	int		 hrr;
	int		 alert;		/* the server's alert, or -1 */
	char		 why[200];	/* failure reason when !ok */
};

struct verdict {
	const char	*cls;		/* failure class it pins */
	char		 text[2048];
};

/* Run the probes (fork per probe, all at once).  Never fails as a whole. */
void	probe_run(struct probe *, size_t);
/*
 * The whole -diagnose: plan probes from the user's configuration, run at
 * most cfg->max_probes of them, print each on stdout ("PROBE ...") and fill
 * in the verdict.  Returns 1 if a verdict was reached.
 */
int	diagnose(const struct config *, const struct conn *failed,
	    struct verdict *);

#endif
