// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <string.h>

#include "podnet.h"

static const char *const podnet_mode_names[] = {
	[PODNET_MODE_BRIDGE] = "bridge",
	[PODNET_MODE_ROUTED] = "routed",
};

_Static_assert(sizeof(podnet_mode_names) / sizeof(podnet_mode_names[0]) ==
	       __PODNET_MODE_MAX, "every podnet mode needs a name");

int podnet_mode_from_string(const char *s, enum podnet_mode *mode)
{
	unsigned int i;

	for (i = 0; i <= PODNET_MODE_MAX; i++) {
		if (!strcmp(s, podnet_mode_names[i])) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *podnet_mode_to_string(enum podnet_mode mode)
{
	if ((unsigned int)mode > PODNET_MODE_MAX)
		return NULL;
	return podnet_mode_names[mode];
}
