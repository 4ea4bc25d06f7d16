// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>

#include "nlsock.h"

int podnet_dump_retry(int (*attempt)(void *ctx, bool *interrupted), void *ctx,
		      char *errbuf, size_t errlen)
{
	int i;

	for (i = 0; i < PODNET_DUMP_ATTEMPTS; i++) {
		bool interrupted = false;
		int err = attempt(ctx, &interrupted);

		/* An error from a table that changed under the dump is retried too. */
		if (!interrupted)
			return err;
	}
	snprintf(errbuf, errlen, "the table kept changing: %d dumps interrupted",
		 PODNET_DUMP_ATTEMPTS);
	return -EAGAIN;
}
