// SPDX-License-Identifier: GPL-2.0
/*
 * Interned path attributes: one refcounted copy of each distinct set, in
 * one allocation of exactly its size, found again through a hash set. Two
 * sets share a copy exactly when bgp_attrs_equal() says they are equal:
 * the copy is canonical (absent attributes' fields zero, unknown ones in
 * type order with only their Optional and Transitive bits, which is all
 * that equality and the builder, setting Partial itself, look at).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "rib_impl.h"

#define HAS(a, type)	((a)->present & BGP_ATTR_BIT(BGP_ATTR_##type))
#define UNKNOWN_FLAGS	(BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE)
#define BUCKETS_MIN	64

_Static_assert(offsetof(struct rib_attrs, data) ==
	       offsetof(struct rib_attrs, key) + sizeof(struct rib_attrs_key),
	       "the key and the lists hash as one run of octets");

static size_t data_size(const struct rib_attrs_key *k)
{
	return sizeof(uint32_t) * (k->n_asns + k->n_communities +
				   k->n_clusters + k->n_unknown) +
	       2 * k->n_segs + k->unknown_octets;
}

static size_t attrs_size(const struct rib_attrs *ra)
{
	return offsetof(struct rib_attrs, data) + data_size(&ra->key);
}

static void make_key(const struct bgp_attrs *a, struct rib_attrs_key *k)
{
	int i;

	/* the padding too: keys compare as octets */
	memset(k, 0, sizeof(*k));
	k->present = a->present;
	k->partial = a->partial & a->present;
	if (HAS(a, ORIGIN))
		k->origin = a->origin;
	if (HAS(a, AS_PATH)) {
		k->n_segs = a->as_path.n_segs;
		k->n_asns = a->as_path.n_asns;
	}
	if (HAS(a, NEXT_HOP))
		k->next_hop = a->next_hop;
	if (HAS(a, MED))
		k->med = a->med;
	if (HAS(a, LOCAL_PREF))
		k->local_pref = a->local_pref;
	if (HAS(a, AGGREGATOR)) {
		k->aggregator_asn = a->aggregator.asn;
		k->aggregator_addr = a->aggregator.addr;
	}
	if (HAS(a, COMMUNITIES))
		k->n_communities = a->n_communities;
	if (HAS(a, ORIGINATOR_ID))
		k->originator_id = a->originator_id;
	if (HAS(a, CLUSTER_LIST))
		k->n_clusters = a->n_clusters;
	k->n_unknown = a->n_unknown;
	for (i = 0; i < a->n_unknown; i++)
		k->unknown_octets += a->unknown[i].len;
}

static uint32_t *put_u32s(uint32_t *to, const uint32_t *from, uint16_t n)
{
	memcpy(to, from, n * sizeof(*from));
	return to + n;
}

/* data[] as struct rib_attrs describes it; the key is already there */
static void fill_data(struct rib_attrs *ra, const struct bgp_attrs *a)
{
	const struct rib_attrs_key *k = &ra->key;
	uint8_t order[BGP_MAX_UNKNOWN_ATTRS];
	uint32_t *w = ra->data;
	uint8_t *o;
	int i, j;

	w = put_u32s(w, a->as_path.asns, k->n_asns);
	w = put_u32s(w, a->communities, k->n_communities);
	w = put_u32s(w, a->clusters, k->n_clusters);
	for (i = 0; i < k->n_unknown; i++) {
		for (j = i; j > 0 && a->unknown[order[j - 1]].type >
				     a->unknown[i].type; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < k->n_unknown; i++) {
		const struct bgp_raw_attr *u = &a->unknown[order[i]];

		*w++ = (uint32_t)(u->flags & UNKNOWN_FLAGS) << 24 |
		       (uint32_t)u->type << 16 | u->len;
	}
	o = (uint8_t *)w;
	for (i = 0; i < k->n_segs; i++) {
		*o++ = a->as_path.segs[i].type;
		*o++ = a->as_path.segs[i].len;
	}
	for (i = 0; i < k->n_unknown; i++) {
		const struct bgp_raw_attr *u = &a->unknown[order[i]];

		memcpy(o, u->value, u->len);
		o += u->len;
	}
}

/* FNV-1a: a few distinct sets per peer, hashed once per UPDATE */
static uint32_t hash_octets(const void *p, size_t len)
{
	const uint8_t *o = p;
	uint32_t h = 2166136261U;

	while (len--)
		h = (h ^ *o++) * 16777619U;
	return h;
}

static bool lists_contain(const uint32_t *list, uint16_t n, uint32_t v)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

static uint8_t find_loops(const struct rib_local *local,
			  const struct rib_attrs *ra)
{
	const struct rib_attrs_key *k = &ra->key;
	const uint32_t *clusters = ra->data + k->n_asns + k->n_communities;
	uint8_t loops = 0;

	if (lists_contain(ra->data, k->n_asns, local->as))
		loops |= RIB_LOOP_AS;
	if (HAS(k, ORIGINATOR_ID) &&
	    ntohl(k->originator_id.s_addr) == local->router_id)
		loops |= RIB_LOOP_ORIGINATOR;
	if (lists_contain(clusters, k->n_clusters, local->cluster_id))
		loops |= RIB_LOOP_CLUSTER;
	return loops;
}

void rib_attrs_recheck_loops(struct rib *rib)
{
	uint32_t b;
	struct rib_attrs *ra;

	for (b = 0; b <= rib->attrs_mask; b++)
		for (ra = rib->attrs_buckets[b]; ra; ra = ra->chain)
			ra->loops = find_loops(&rib->local, ra);
}

static struct rib_attrs *find(const struct rib *rib,
			      const struct rib_attrs *c, size_t size)
{
	struct rib_attrs *ra;

	for (ra = rib->attrs_buckets[c->hash & rib->attrs_mask]; ra;
	     ra = ra->chain)
		if (ra->hash == c->hash && attrs_size(ra) == size &&
		    !memcmp(&ra->key, &c->key,
			    size - offsetof(struct rib_attrs, key)))
			return ra;
	return NULL;
}

/* Best effort: without memory the chains just grow longer. */
static void grow_buckets(struct rib *rib)
{
	uint32_t n = (rib->attrs_mask + 1) * 2, b;
	struct rib_attrs **buckets = calloc(n, sizeof(*buckets));
	struct rib_attrs *ra, *next;

	if (!buckets)
		return;
	for (b = 0; b <= rib->attrs_mask; b++) {
		for (ra = rib->attrs_buckets[b]; ra; ra = next) {
			next = ra->chain;
			ra->chain = buckets[ra->hash & (n - 1)];
			buckets[ra->hash & (n - 1)] = ra;
		}
	}
	free(rib->attrs_buckets);
	rib->attrs_buckets = buckets;
	rib->attrs_mask = n - 1;
}

static int reserve_scratch(struct rib *rib, size_t size)
{
	struct rib_attrs *s;

	if (size <= rib->scratch_size)
		return 0;
	s = realloc(rib->scratch, size);
	if (!s)
		return -1;
	rib->scratch = s;
	rib->scratch_size = size;
	return 0;
}

struct rib_attrs *rib_attrs_intern(struct rib *rib, const struct bgp_attrs *a)
{
	struct rib_attrs_key key;
	struct rib_attrs *c, *ra;
	size_t size;

	make_key(a, &key);
	size = offsetof(struct rib_attrs, data) + data_size(&key);
	if (reserve_scratch(rib, size))
		return NULL;
	c = rib->scratch;
	/* with its padding, which is hashed and compared */
	memcpy(&c->key, &key, sizeof(key));
	fill_data(c, a);
	c->hash = hash_octets(&c->key, size - offsetof(struct rib_attrs, key));
	ra = find(rib, c, size);
	if (ra)
		return rib_attrs_get(ra);

	ra = malloc(size);
	if (!ra)
		return NULL;
	memcpy(ra, c, size);
	ra->refs = 1;
	ra->as_path_len = HAS(a, AS_PATH) ? bgp_as_path_length(&a->as_path)
					  : 0;
	ra->neighbour_as = key.n_segs &&
			   a->as_path.segs[0].type == BGP_AS_SEQUENCE ?
			   a->as_path.asns[0] : 0;
	ra->loops = find_loops(&rib->local, ra);
	if (rib->attrs_count > rib->attrs_mask)
		grow_buckets(rib);
	ra->chain = rib->attrs_buckets[ra->hash & rib->attrs_mask];
	rib->attrs_buckets[ra->hash & rib->attrs_mask] = ra;
	rib->attrs_count++;
	rib->attrs_bytes += size;
	return ra;
}

struct rib_attrs *rib_attrs_get(struct rib_attrs *ra)
{
	ra->refs++;
	return ra;
}

void rib_attrs_put(struct rib *rib, struct rib_attrs *ra)
{
	struct rib_attrs **pp;

	if (!ra || --ra->refs)
		return;
	pp = &rib->attrs_buckets[ra->hash & rib->attrs_mask];
	while (*pp != ra)
		pp = &(*pp)->chain;
	*pp = ra->chain;
	rib->attrs_count--;
	rib->attrs_bytes -= attrs_size(ra);
	free(ra);
}

void rib_attrs_expand(const struct rib_attrs *ra, struct bgp_attrs *out)
{
	const struct rib_attrs_key *k = &ra->key;
	const uint32_t *asns = ra->data;
	const uint32_t *communities = asns + k->n_asns;
	const uint32_t *clusters = communities + k->n_communities;
	const uint32_t *unknown = clusters + k->n_clusters;
	const uint8_t *segs = (const uint8_t *)(unknown + k->n_unknown);
	const uint8_t *value = segs + 2 * k->n_segs;
	int i;

	out->present = k->present;
	out->partial = k->partial;
	out->origin = k->origin;
	out->next_hop = k->next_hop;
	out->med = k->med;
	out->local_pref = k->local_pref;
	out->aggregator.asn = k->aggregator_asn;
	out->aggregator.addr = k->aggregator_addr;
	out->originator_id = k->originator_id;
	out->n_communities = k->n_communities;
	memcpy(out->communities, communities,
	       k->n_communities * sizeof(*communities));
	out->n_clusters = k->n_clusters;
	memcpy(out->clusters, clusters, k->n_clusters * sizeof(*clusters));
	out->as_path.n_segs = k->n_segs;
	out->as_path.n_asns = k->n_asns;
	for (i = 0; i < k->n_segs; i++) {
		out->as_path.segs[i].type = segs[2 * i];
		out->as_path.segs[i].len = segs[2 * i + 1];
	}
	memcpy(out->as_path.asns, asns, k->n_asns * sizeof(*asns));
	out->n_unknown = k->n_unknown;
	for (i = 0; i < k->n_unknown; i++) {
		struct bgp_raw_attr *u = &out->unknown[i];

		u->flags = unknown[i] >> 24;
		u->type = unknown[i] >> 16;
		u->len = unknown[i];
		u->value = value;
		value += u->len;
	}
}

uint32_t rib_attrs_local_pref(const struct rib_attrs *ra)
{
	return HAS(&ra->key, LOCAL_PREF) ? ra->key.local_pref
					 : RIB_LOCAL_PREF_DEFAULT;
}

unsigned int rib_attrs_refs(const struct rib_attrs *ra)
{
	return ra->refs;
}

size_t rib_attrs_count(const struct rib *rib)
{
	return rib->attrs_count;
}

int rib_attrs_init(struct rib *rib)
{
	rib->attrs_buckets = calloc(BUCKETS_MIN, sizeof(*rib->attrs_buckets));
	if (!rib->attrs_buckets)
		return -1;
	rib->attrs_mask = BUCKETS_MIN - 1;
	return 0;
}

/* With the paths gone, what is left are references the daemon kept. */
void rib_attrs_destroy(struct rib *rib)
{
	struct rib_attrs *ra, *next;
	uint32_t b;

	for (b = 0; rib->attrs_buckets && b <= rib->attrs_mask; b++) {
		for (ra = rib->attrs_buckets[b]; ra; ra = next) {
			next = ra->chain;
			free(ra);
		}
	}
	free(rib->attrs_buckets);
	free(rib->scratch);
}
