/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the RIB's files (userspace/daemon/rib*.c) share, and nothing else
 * includes: the layouts behind rib.h's opaque types.
 *
 * Entries live in an arena of fixed blocks and are named by 32-bit indexes
 * (0 is none): the prefix table is an open-addressing hash table of such
 * indexes, and the dirty queue and the free list link entries by them, so
 * a route with one path costs its 72-octet entry and a few octets of table.
 */
#ifndef PODNETD_RIB_IMPL_H
#define PODNETD_RIB_IMPL_H

#include <string.h>

#include "rib.h"

/* Cached results of the loop checks against rib->local */
#define RIB_LOOP_AS		0x1	/* our AS is in the AS_PATH */
#define RIB_LOOP_ORIGINATOR	0x2	/* ORIGINATOR_ID is our router ID */
#define RIB_LOOP_CLUSTER	0x4	/* our cluster ID is in CLUSTER_LIST */

/*
 * The canonical form of a struct bgp_attrs, compared and hashed as octets:
 * the fields of absent attributes are zero, Partial bits only for present
 * ones. The lists follow in rib_attrs.data[], as counted here.
 */
struct rib_attrs_key {
	uint32_t present;
	uint32_t partial;
	uint32_t med;
	uint32_t local_pref;
	uint32_t aggregator_asn;
	struct in_addr aggregator_addr;
	struct in_addr originator_id;
	struct in_addr next_hop;
	uint32_t unknown_octets;	/* of unknown attributes' values */
	uint16_t n_segs;
	uint16_t n_asns;
	uint16_t n_communities;
	uint16_t n_clusters;
	uint16_t n_unknown;
	uint8_t origin;
};

/*
 * data[] holds, in this order: the ASes, the communities, the cluster IDs
 * (uint32_t each), one uint32_t per unknown attribute (flags << 24 | type
 * << 16 | length, in type order), then octets: the segments (type, length)
 * and the unknown attributes' values.
 */
struct rib_attrs {
	struct rib_attrs *chain;	/* next in its hash bucket */
	uint32_t hash;
	uint32_t refs;
	uint32_t neighbour_as;		/* RFC 4271 9.1.2.2 c; 0: our own */
	uint16_t as_path_len;		/* bgp_as_path_length() */
	uint8_t loops;			/* RIB_LOOP_* */
	struct rib_attrs_key key;
	uint32_t data[];
};

/*
 * Allocated when an entry has an Adj-RIB-Out bit set or must remember an
 * installed next hop that none of its paths has any more.
 */
struct rib_entry_ext {
	struct podnet_addr installed;	/* if entry.installed_copy */
	uint16_t adj_out_words;
	uint64_t adj_out[];		/* bit n: announced to source n */
};

/*
 * The first (best) path is inline: most prefixes have only one. The
 * installed next hop is named by the source whose path has it, so it costs
 * no room until that path goes while still installed (then it is copied
 * to the ext).
 */
struct rib_entry {
	struct rib_path head;		/* attrs NULL when no path */
	struct rib_prefix prefix;	/* family AF_UNSPEC: a free entry */
	uint16_t installed_source : 10;
	uint16_t dirty : 1;		/* in the dirty queue */
	uint16_t installed : 1;
	uint16_t installed_copy : 1;	/* the next hop is ext->installed */
	uint16_t installed_lost : 1;	/* no memory to copy it: unknown */
	uint32_t link;			/* next in the dirty queue / free list */
	struct rib_entry_ext *ext;
};

_Static_assert(RIB_MAX_SOURCES <= 1 << 10, "source ids fit the entry");
_Static_assert(sizeof(struct rib_entry) <= 72, "an entry stays small");

struct rib_block {
	struct rib_entry *entries;	/* RIB_BLOCK_ENTRIES; NULL: given back */
	uint32_t live;			/* of them in use */
};

struct rib_source_slot {
	struct rib_source src;
	bool used;
	size_t paths;
};

struct rib {
	struct rib_local local;
	struct rib_source_slot sources[RIB_MAX_SOURCES];

	/* the arena: entry index i is entry i - 1 of the blocks together */
	struct rib_block *blocks;
	uint32_t n_blocks;
	uint32_t held_blocks;		/* with entries allocated */
	uint32_t empty_blocks;		/* held, with none in use */
	uint32_t free_head;
	size_t entries;

	/* the prefix table: entry indexes, 0 free, linear probing */
	uint32_t *slots;
	uint32_t slot_mask;

	uint32_t dirty_head, dirty_tail;
	uint32_t handed;		/* what rib_dirty_next() gave last */

	size_t paths;
	size_t path_nodes;		/* paths beyond the inline ones */

	/* interned attributes: chained hash set */
	struct rib_attrs **attrs_buckets;
	uint32_t attrs_mask;
	size_t attrs_count;
	size_t attrs_bytes;
	struct rib_attrs *scratch;	/* a candidate being interned */
	size_t scratch_size;
};

#define RIB_BLOCK_SHIFT		10
#define RIB_BLOCK_ENTRIES	(1U << RIB_BLOCK_SHIFT)

static inline struct rib_entry *rib_entry_at(const struct rib *rib,
					     uint32_t idx)
{
	idx--;
	return &rib->blocks[idx >> RIB_BLOCK_SHIFT]
			.entries[idx & (RIB_BLOCK_ENTRIES - 1)];
}

/* rib_table.c: the arena, the prefix table and the dirty queue */
int rib_table_init(struct rib *rib);
void rib_table_destroy(struct rib *rib);
uint32_t rib_table_find(const struct rib *rib, const struct rib_prefix *p);
uint32_t rib_table_add(struct rib *rib, const struct rib_prefix *p);
void rib_table_del(struct rib *rib, uint32_t idx);
/* The index of the next entry in use after idx (0 starts), 0 at the end */
uint32_t rib_table_next(const struct rib *rib, uint32_t idx);
void rib_dirty_mark(struct rib *rib, uint32_t idx);
/* Frees the entry if nothing keeps it: see rib.h */
void rib_entry_reap(struct rib *rib, uint32_t idx);
void rib_table_trim(struct rib *rib);

/* rib_prefix.c */
bool rib_prefix_normalize(struct rib_prefix *out, const struct rib_prefix *p);
uint32_t rib_prefix_hash(const struct rib_prefix *p);
void rib_addr_normalize(struct podnet_addr *out, const struct podnet_addr *a);
int rib_addr_cmp(const struct podnet_addr *a, const struct podnet_addr *b);

/* rib_update.c: after a change to the source's record */
void rib_source_resort(struct rib *rib, uint16_t source);

/* rib_attrs.c */
int rib_attrs_init(struct rib *rib);
void rib_attrs_destroy(struct rib *rib);
void rib_attrs_recheck_loops(struct rib *rib);

/* rib_best.c: the paths of an entry, best first */
uint32_t rib_path_local_pref(const struct rib *rib, const struct rib_path *p);
void rib_paths_unfront(const struct rib *rib, struct rib_entry *e);
void rib_paths_front(const struct rib *rib, struct rib_entry *e);
void rib_paths_insert(const struct rib *rib, struct rib_entry *e,
		      const struct rib_path *value, struct rib_path *node);
struct rib_path *rib_paths_take(struct rib_entry *e, uint16_t source,
				struct rib_path *value);
struct rib_path *rib_paths_find(struct rib_entry *e, uint16_t source);

/* rib_entry.c */
void rib_installed_release(struct rib_entry *e, const struct rib_path *p);
bool rib_entry_unused(const struct rib_entry *e);
size_t rib_entry_ext_size(const struct rib_entry *e);

#endif
