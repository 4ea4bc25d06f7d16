// SPDX-License-Identifier: GPL-2.0
/*
 * Walking podnet's rhashtables (FDB, endpoints) from process context, for
 * dumps and sweeps.
 */
#include <linux/rhashtable.h>

#include "podnet.h"

/*
 * Calls @fn on each object after the first @skip, under RCU, until @fn
 * returns non-zero. Removing the object @fn is given is allowed. A walk that
 * races with inserts or a resize may see an object twice or miss one: dumps
 * detect that through the table's generation, sweeps do not care.
 * Returns the number of objects @fn accepted (returned zero for).
 */
long podnet_table_walk(struct rhashtable *ht, long skip,
		       int (*fn)(void *obj, void *arg), void *arg)
{
	struct rhashtable_iter iter;
	long seen = 0, done = 0;
	void *obj;

	rhashtable_walk_enter(ht, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		if (IS_ERR(obj)) {
			if (PTR_ERR(obj) == -EAGAIN)
				continue;
			break;
		}
		if (seen++ < skip)
			continue;
		if (fn(obj, arg))
			break;
		done++;
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return done;
}
