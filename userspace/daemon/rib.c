// SPDX-License-Identifier: GPL-2.0
/*
 * The RIB as a whole: creating and freeing it, this node's settings, the
 * sources paths come from, walks and figures. The table, the paths and the
 * attributes are in the other rib_*.c files (rib_impl.h says which).
 */
#include <errno.h>
#include <stdlib.h>

#include "rib_impl.h"

static void set_local(struct rib *rib, const struct rib_local *local)
{
	struct rib_source *self = &rib->sources[RIB_SOURCE_LOCAL].src;

	rib->local = *local;
	rib_addr_normalize(&rib->local.nexthop4, &local->nexthop4);
	rib_addr_normalize(&rib->local.nexthop6, &local->nexthop6);
	self->as = local->as;
	self->router_id = local->router_id;
}

struct rib *rib_new(const struct rib_local *local)
{
	struct rib *rib = calloc(1, sizeof(*rib));

	if (!rib)
		return NULL;
	if (rib_table_init(rib) || rib_attrs_init(rib)) {
		rib_free(rib);
		return NULL;
	}
	rib->sources[RIB_SOURCE_LOCAL].used = true;
	set_local(rib, local);
	return rib;
}

void rib_free(struct rib *rib)
{
	uint32_t idx;

	if (!rib)
		return;
	for (idx = rib_table_next(rib, 0); idx;
	     idx = rib_table_next(rib, idx)) {
		struct rib_entry *e = rib_entry_at(rib, idx);
		struct rib_path *p, *next;

		for (p = e->head.attrs ? e->head.next : NULL; p; p = next) {
			next = p->next;
			free(p);
		}
		free(e->ext);
	}
	rib_table_destroy(rib);
	rib_attrs_destroy(rib);
	free(rib);
}

/* Paths already held are not checked again for loops. */
void rib_set_local(struct rib *rib, const struct rib_local *local)
{
	set_local(rib, local);
	rib_attrs_recheck_loops(rib);
}

static void set_source(struct rib_source *to, const struct rib_source *src)
{
	*to = *src;
	rib_addr_normalize(&to->address, &src->address);
}

int rib_source_add(struct rib *rib, const struct rib_source *src)
{
	uint16_t id;

	for (id = RIB_SOURCE_LOCAL + 1; id < RIB_MAX_SOURCES; id++) {
		struct rib_source_slot *slot = &rib->sources[id];

		if (!slot->used) {
			set_source(&slot->src, src);
			slot->used = true;
			slot->paths = 0;
			return id;
		}
	}
	return -ENOSPC;
}

static struct rib_source_slot *peer_slot(struct rib *rib, uint16_t id)
{
	if (id == RIB_SOURCE_LOCAL || id >= RIB_MAX_SOURCES ||
	    !rib->sources[id].used)
		return NULL;
	return &rib->sources[id];
}

/* What the decision process reads re-sorts the source's paths. */
void rib_source_set(struct rib *rib, uint16_t id, const struct rib_source *src)
{
	struct rib_source_slot *slot = peer_slot(rib, id);
	struct rib_source was;

	if (!slot)
		return;
	was = slot->src;
	set_source(&slot->src, src);
	if (slot->paths && (was.ebgp != src->ebgp ||
			    was.router_id != src->router_id ||
			    !podnet_addr_equal(&was.address, &slot->src.address)))
		rib_source_resort(rib, id);
}

const struct rib_source *rib_source_get(const struct rib *rib, uint16_t id)
{
	if (id >= RIB_MAX_SOURCES || !rib->sources[id].used)
		return NULL;
	return &rib->sources[id].src;
}

size_t rib_source_paths(const struct rib *rib, uint16_t id)
{
	return id < RIB_MAX_SOURCES ? rib->sources[id].paths : 0;
}

void rib_source_del(struct rib *rib, uint16_t id)
{
	struct rib_source_slot *slot = peer_slot(rib, id);

	if (!slot)
		return;
	rib_source_flush(rib, id);
	slot->used = false;
}

int rib_walk(const struct rib *rib, rib_walk_fn fn, void *arg)
{
	uint32_t idx;
	int rc;

	for (idx = rib_table_next(rib, 0); idx;
	     idx = rib_table_next(rib, idx)) {
		rc = fn(rib_entry_at(rib, idx), arg);
		if (rc)
			return rc;
	}
	return 0;
}

void rib_get_stats(const struct rib *rib, struct rib_stats *st)
{
	uint32_t idx;

	st->prefixes = rib->entries;
	st->paths = rib->paths;
	st->attrs = rib->attrs_count;
	st->bytes = sizeof(*rib) +
		    rib->n_blocks * sizeof(rib->blocks[0]) +
		    (size_t)rib->held_blocks * RIB_BLOCK_ENTRIES *
		    sizeof(struct rib_entry) +
		    ((size_t)rib->slot_mask + 1) * sizeof(rib->slots[0]) +
		    rib->path_nodes * sizeof(struct rib_path) +
		    ((size_t)rib->attrs_mask + 1) *
		    sizeof(rib->attrs_buckets[0]) +
		    rib->attrs_bytes + rib->scratch_size;
	for (idx = rib_table_next(rib, 0); idx;
	     idx = rib_table_next(rib, idx))
		st->bytes += rib_entry_ext_size(rib_entry_at(rib, idx));
}
