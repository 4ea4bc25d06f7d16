/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's links and routes, through libnl-route. Failures return
 * -EIO with libnl's description in errbuf.
 */
#ifndef PODNETD_HOST_H
#define PODNETD_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

/* Sets name up (and its MTU if mtu) unless it is; *ifindex is its. */
int host_link_up(const char *name, uint32_t mtu, int *ifindex,
		 char *errbuf, size_t errlen);
int host_link_mtu(const char *name, uint32_t *mtu);
/*
 * The routes of protocol proto in the main table become exactly one per
 * CIDR, each to ifindex: missing ones added, others deleted.
 */
int host_routes_sync(int ifindex, const struct podnetd_cidr *cidrs, size_t n,
		     uint8_t proto, char *errbuf, size_t errlen);

#endif
