// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"

#define COLLECT_FIRST_CAPACITY 16

static int grow(struct podnet_collector *c)
{
	size_t capacity = c->capacity ? 2 * c->capacity : COLLECT_FIRST_CAPACITY;
	void *items;

	items = reallocarray(c->items, capacity, c->item_size);
	if (!items)
		return -ENOMEM;
	c->items = items;
	c->capacity = capacity;
	return 0;
}

void *podnet_collect_next(struct podnet_collector *c)
{
	if (c->count == c->capacity && grow(c))
		return NULL;
	return (char *)c->items + c->count * c->item_size;
}

int podnet_collect(const struct nlmsghdr *nlh, void *collector)
{
	struct podnet_collector *c = collector;
	void *item = podnet_collect_next(c);
	int err;

	if (!item)
		return -ENOMEM;
	err = c->parse(nlh, item);
	if (!err)
		c->count++;
	return err;
}

void podnet_collect_restart(void *collector)
{
	struct podnet_collector *c = collector;

	c->count = 0;
}

void *podnet_collected(struct podnet_collector *c, int err, size_t *count)
{
	if (err) {
		free(c->items);
		*count = 0;
		return NULL;
	}
	*count = c->count;
	return c->items;
}

int podnet_collected_one(struct podnet_collector *c, int err, void *out,
			 char *errbuf, size_t errlen)
{
	if (!err && c->count != 1) {
		snprintf(errbuf, errlen, "expected one reply, got %zu", c->count);
		err = -EBADMSG;
	}
	if (!err)
		memcpy(out, c->items, c->item_size);
	free(c->items);
	return err;
}
