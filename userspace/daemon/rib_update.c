// SPDX-License-Identifier: GPL-2.0
/*
 * Changes to the paths: one source's path for one prefix, or all of a
 * source's paths at once (graceful restart, session down). An entry is
 * queued dirty when its best path (which source, what attributes, which
 * next hop) is not what it was: changes to the other paths move nothing
 * the daemon programs or advertises.
 */
#include <errno.h>
#include <stdlib.h>

#include "rib_impl.h"

struct best_seen {
	const struct rib_attrs *attrs;	/* NULL: no path */
	uint16_t source;
	struct podnet_addr nexthop;
};

static void see_best(const struct rib_entry *e, struct best_seen *seen)
{
	seen->attrs = e->head.attrs;
	seen->source = e->head.source;
	seen->nexthop = e->head.nexthop;
}

static void note_change(struct rib *rib, uint32_t idx,
			const struct best_seen *seen)
{
	const struct rib_entry *e = rib_entry_at(rib, idx);

	if (e->head.attrs != seen->attrs ||
	    (seen->attrs && (e->head.source != seen->source ||
			     !podnet_addr_equal(&e->head.nexthop,
					     &seen->nexthop))))
		rib_dirty_mark(rib, idx);
}

static bool source_valid(const struct rib *rib, uint16_t source)
{
	return source < RIB_MAX_SOURCES && rib->sources[source].used;
}

static bool loops(const struct rib *rib, uint16_t source,
		  const struct rib_attrs *attrs)
{
	uint8_t found = attrs->loops;

	if (source == RIB_SOURCE_LOCAL)
		return false;
	if (!rib->sources[source].src.ebgp)
		found &= ~RIB_LOOP_AS;
	return found;
}

/* The source's path, which is there, goes. */
static void remove_path(struct rib *rib, uint32_t idx, uint16_t source)
{
	struct rib_entry *e = rib_entry_at(rib, idx);
	struct rib_path value, *node;
	struct best_seen seen;

	see_best(e, &seen);
	rib_installed_release(e, rib_paths_find(e, source));
	rib_paths_unfront(rib, e);
	node = rib_paths_take(e, source, &value);
	if (node) {
		free(node);
		rib->path_nodes--;
	}
	rib_attrs_put(rib, value.attrs);
	rib_paths_front(rib, e);
	rib->paths--;
	rib->sources[source].paths--;
	note_change(rib, idx, &seen);
}

int rib_update(struct rib *rib, uint16_t source, const struct rib_prefix *p,
	       struct rib_attrs *attrs, const struct podnet_addr *nexthop)
{
	struct rib_path value = { .attrs = attrs, .source = source };
	struct rib_path *old, *node = NULL, was;
	struct best_seen seen;
	struct rib_prefix key;
	struct rib_entry *e;
	uint32_t idx;

	if (!attrs)
		return -EINVAL;
	if (!source_valid(rib, source) || !rib_prefix_normalize(&key, p)) {
		rib_attrs_put(rib, attrs);
		return -EINVAL;
	}
	if (loops(rib, source, attrs)) {
		rib_attrs_put(rib, attrs);
		rib_withdraw(rib, source, &key);
		return 0;
	}
	rib_addr_normalize(&value.nexthop, nexthop);

	idx = rib_table_find(rib, &key);
	if (!idx)
		idx = rib_table_add(rib, &key);
	if (!idx) {
		rib_attrs_put(rib, attrs);
		return -ENOMEM;
	}
	e = rib_entry_at(rib, idx);
	old = rib_paths_find(e, source);
	/* a refresh of what we have: nothing moves */
	if (old && old->attrs == attrs &&
	    podnet_addr_equal(&old->nexthop, &value.nexthop)) {
		old->stale = false;
		rib_attrs_put(rib, attrs);
		return 0;
	}
	if (!old && e->head.attrs) {
		node = malloc(sizeof(*node));
		if (!node) {
			rib_attrs_put(rib, attrs);
			return -ENOMEM;
		}
		rib->path_nodes++;
	}

	see_best(e, &seen);
	if (old && !podnet_addr_equal(&old->nexthop, &value.nexthop))
		rib_installed_release(e, old);
	rib_paths_unfront(rib, e);
	if (old) {
		node = rib_paths_take(e, source, &was);
		rib_attrs_put(rib, was.attrs);
	} else {
		rib->paths++;
		rib->sources[source].paths++;
	}
	rib_paths_insert(rib, e, &value, node);
	rib_paths_front(rib, e);
	note_change(rib, idx, &seen);
	return 0;
}

int rib_withdraw(struct rib *rib, uint16_t source, const struct rib_prefix *p)
{
	struct rib_prefix key;
	uint32_t idx;

	if (!rib_prefix_normalize(&key, p))
		return -ENOENT;
	idx = rib_table_find(rib, &key);
	if (!idx || !rib_paths_find(rib_entry_at(rib, idx), source))
		return -ENOENT;
	remove_path(rib, idx, source);
	return 0;
}

enum source_walk {
	WALK_MARK_STALE,
	WALK_SWEEP_STALE,
	WALK_FLUSH,
	WALK_RESET_ADJ_OUT,
	WALK_RESORT,
};

/* The path goes back to its place after a change to its source's record */
static void resort(struct rib *rib, uint32_t idx, uint16_t source)
{
	struct rib_entry *e = rib_entry_at(rib, idx);
	struct rib_path value, *node;
	struct best_seen seen;

	see_best(e, &seen);
	rib_paths_unfront(rib, e);
	node = rib_paths_take(e, source, &value);
	rib_paths_insert(rib, e, &value, node);
	rib_paths_front(rib, e);
	note_change(rib, idx, &seen);
}

/* Does what to the source's path at idx; true if it had one to do it to */
static bool walk_one(struct rib *rib, uint32_t idx, uint16_t source,
		     enum source_walk what)
{
	struct rib_entry *e = rib_entry_at(rib, idx);
	struct rib_path *p = rib_paths_find(e, source);
	bool had = p;

	switch (what) {
	case WALK_MARK_STALE:
		if (p)
			p->stale = true;
		break;
	case WALK_SWEEP_STALE:
		if (!p || !p->stale)
			return false;
		remove_path(rib, idx, source);
		break;
	case WALK_FLUSH:
		rib_adj_out_set(e, source, false);
		if (p)
			remove_path(rib, idx, source);
		break;
	case WALK_RESET_ADJ_OUT:
		rib_adj_out_set(e, source, false);
		break;
	case WALK_RESORT:
		if (p)
			resort(rib, idx, source);
		break;
	}
	return had;
}

/*
 * One pass over the table; on the way, entries nothing keeps any more are
 * freed. Returns how many of the source's paths it changed.
 */
static size_t source_walk(struct rib *rib, uint16_t source,
			  enum source_walk what)
{
	uint32_t idx;
	size_t n = 0;

	if (source >= RIB_MAX_SOURCES)
		return 0;
	for (idx = rib_table_next(rib, 0); idx;
	     idx = rib_table_next(rib, idx)) {
		n += walk_one(rib, idx, source, what);
		rib_entry_reap(rib, idx);
	}
	rib_table_trim(rib);
	return n;
}

size_t rib_source_mark_stale(struct rib *rib, uint16_t source)
{
	return source_walk(rib, source, WALK_MARK_STALE);
}

size_t rib_source_sweep_stale(struct rib *rib, uint16_t source)
{
	return source_walk(rib, source, WALK_SWEEP_STALE);
}

size_t rib_source_flush(struct rib *rib, uint16_t source)
{
	return source_walk(rib, source, WALK_FLUSH);
}

void rib_source_reset_adj_out(struct rib *rib, uint16_t source)
{
	source_walk(rib, source, WALK_RESET_ADJ_OUT);
}

void rib_source_resort(struct rib *rib, uint16_t source)
{
	source_walk(rib, source, WALK_RESORT);
}
