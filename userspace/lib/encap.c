// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <string.h>

#include "podnet.h"

static const char *const podnet_encap_names[] = {
	[PODNET_ENCAP_DEFAULT] = "default",
	[PODNET_ENCAP_DIRECT] = "direct",
	[PODNET_ENCAP_VXLAN] = "vxlan",
	[PODNET_ENCAP_IPIP] = "ipip",
};

_Static_assert(sizeof(podnet_encap_names) / sizeof(podnet_encap_names[0]) ==
	       __PODNET_ENCAP_MAX, "every encapsulation needs a name");

int podnet_encap_from_string(const char *s, enum podnet_encap *encap)
{
	unsigned int i;

	for (i = 0; i <= PODNET_ENCAP_MAX; i++) {
		if (!strcmp(s, podnet_encap_names[i])) {
			*encap = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *podnet_encap_to_string(enum podnet_encap encap)
{
	if ((unsigned int)encap > PODNET_ENCAP_MAX)
		return NULL;
	return podnet_encap_names[encap];
}
