/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: a socket on the podnet generic netlink family. */
#ifndef PODNET_GENL_H
#define PODNET_GENL_H

#include <stddef.h>

struct nl_sock;

struct podnet_genl {
	struct nl_sock *sk;
	int family;			/* the id the controller gave "podnet" */
	int ifindex;			/* of the device named, if any */
};

/*
 * Clears errbuf, connects and resolves the family, then, when dev is not
 * NULL, the device: -ENOPKG, -ENODEV or -EMEDIUMTYPE, as podnet.h says.
 */
int podnet_genl_open(struct podnet_genl *g, const char *dev,
		     char *errbuf, size_t errlen);
void podnet_genl_close(struct podnet_genl *g);

#endif /* PODNET_GENL_H */
