/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: replies parsed into a growing array. */
#ifndef PODNET_COLLECT_H
#define PODNET_COLLECT_H

#include <stddef.h>

struct nlmsghdr;

struct podnet_collector {
	int (*parse)(const struct nlmsghdr *nlh, void *item);
	size_t item_size;
	void *items;
	size_t count;
	size_t capacity;
};

/* Room for one more item, for the caller to fill and count; NULL: no memory. */
void *podnet_collect_next(struct podnet_collector *c);

/* podnet_reply_fn and dump restart for a struct podnet_collector. */
int podnet_collect(const struct nlmsghdr *nlh, void *collector);
void podnet_collect_restart(void *collector);

/* The items, for the caller to free(); NULL and 0 when err is set. */
void *podnet_collected(struct podnet_collector *c, int err, size_t *count);
/* The one item a request answers with, copied to out. */
int podnet_collected_one(struct podnet_collector *c, int err, void *out,
			 char *errbuf, size_t errlen);

#endif /* PODNET_COLLECT_H */
