// SPDX-License-Identifier: GPL-2.0
/*
 * The decision process (RFC 4271 9.1.2.2, RFC 4456 9) and the order of a
 * prefix's paths.
 *
 * MED counts only between paths from the same neighbouring AS, so no
 * comparison of two paths at a time orders three of them consistently:
 * sorting with rib_path_compare() would make the best depend on the order
 * the paths came in. Paths are therefore kept sorted by a total order that
 * groups them by neighbouring AS, lowest MED first within a group:
 *
 *   tier (local, LOCAL_PREF, AS path length, ORIGIN), neighbour AS, MED,
 *   then the rest of the steps (eBGP, router ID, CLUSTER_LIST, address)
 *
 * so the first path of each group in the top tier is all that survives the
 * MED step, and the best is the one of those winning the rest of the steps.
 * It is moved to the head (rib_paths_front()); it goes back to its sorted
 * place before any change (rib_paths_unfront()), so after the head the
 * list is always sorted.
 */
#include <arpa/inet.h>

#include "rib_impl.h"

#define HAS(k, type)	((k)->present & BGP_ATTR_BIT(BGP_ATTR_##type))

static const struct rib_source *source_of(const struct rib *rib,
					  const struct rib_path *p)
{
	return &rib->sources[p->source].src;
}

/* RFC 4271 5.1.5: LOCAL_PREF from an external peer is ignored. */
uint32_t rib_path_local_pref(const struct rib *rib, const struct rib_path *p)
{
	if (source_of(rib, p)->ebgp)
		return RIB_LOCAL_PREF_DEFAULT;
	return rib_attrs_local_pref(p->attrs);
}

/* RFC 4456 9: ORIGINATOR_ID stands for the router ID when present */
static uint32_t router_id(const struct rib *rib, const struct rib_path *p)
{
	const struct rib_attrs_key *k = &p->attrs->key;

	if (HAS(k, ORIGINATOR_ID))
		return ntohl(k->originator_id.s_addr);
	return source_of(rib, p)->router_id;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

/* Local paths, then 9.1.2.2 steps a (and 9.1.2.1's LOCAL_PREF), b, c */
static int tier_cmp(const struct rib *rib, const struct rib_path *a,
		    const struct rib_path *b)
{
	bool local_a = a->source == RIB_SOURCE_LOCAL;
	bool local_b = b->source == RIB_SOURCE_LOCAL;
	int c;

	if (local_a != local_b)
		return local_a ? -1 : 1;
	c = cmp_u32(rib_path_local_pref(rib, b), rib_path_local_pref(rib, a));
	if (c)
		return c;
	c = cmp_u32(a->attrs->as_path_len, b->attrs->as_path_len);
	if (c)
		return c;
	return cmp_u32(a->attrs->key.origin, b->attrs->key.origin);
}

/*
 * Steps e (eBGP over iBGP), f (router ID), RFC 4456's CLUSTER_LIST length,
 * g (peer address); then the source id, so that no two paths tie.
 */
static int tail_cmp(const struct rib *rib, const struct rib_path *a,
		    const struct rib_path *b)
{
	bool ebgp_a = source_of(rib, a)->ebgp, ebgp_b = source_of(rib, b)->ebgp;
	int c;

	if (ebgp_a != ebgp_b)
		return ebgp_a ? -1 : 1;
	c = cmp_u32(router_id(rib, a), router_id(rib, b));
	if (c)
		return c;
	c = cmp_u32(a->attrs->key.n_clusters, b->attrs->key.n_clusters);
	if (c)
		return c;
	c = rib_addr_cmp(&source_of(rib, a)->address,
			 &source_of(rib, b)->address);
	if (c)
		return c;
	return cmp_u32(a->source, b->source);
}

int rib_path_compare(const struct rib *rib, const struct rib_path *a,
		     const struct rib_path *b)
{
	int c = tier_cmp(rib, a, b);

	if (c)
		return c;
	if (a->attrs->neighbour_as == b->attrs->neighbour_as) {
		c = cmp_u32(a->attrs->key.med, b->attrs->key.med);
		if (c)
			return c;
	}
	return tail_cmp(rib, a, b);
}

/* The total order the paths after the head are kept in */
static int order_cmp(const struct rib *rib, const struct rib_path *a,
		     const struct rib_path *b)
{
	int c = tier_cmp(rib, a, b);

	if (c)
		return c;
	c = cmp_u32(a->attrs->neighbour_as, b->attrs->neighbour_as);
	if (c)
		return c;
	c = cmp_u32(a->attrs->key.med, b->attrs->key.med);
	if (c)
		return c;
	return tail_cmp(rib, a, b);
}

struct rib_path *rib_paths_find(struct rib_entry *e, uint16_t source)
{
	struct rib_path *p;

	for (p = e->head.attrs ? &e->head : NULL; p; p = p->next)
		if (p->source == source)
			return p;
	return NULL;
}

/*
 * Takes the source's path out into *value. Returns the node no longer
 * needed (the inline head keeps the first path), or NULL when the list is
 * left empty.
 */
struct rib_path *rib_paths_take(struct rib_entry *e, uint16_t source,
				struct rib_path *value)
{
	struct rib_path *prev, *node = e->head.next;

	*value = e->head;
	if (e->head.source == source) {
		if (!node) {
			e->head.attrs = NULL;
			return NULL;
		}
		e->head = *node;
		return node;
	}
	for (prev = &e->head; prev->next->source != source; prev = prev->next)
		;
	node = prev->next;
	*value = *node;
	prev->next = node->next;
	return node;
}

/*
 * Puts value in its sorted place, in node unless the list is empty (then
 * node is NULL: the head takes it).
 */
void rib_paths_insert(const struct rib *rib, struct rib_entry *e,
		      const struct rib_path *value, struct rib_path *node)
{
	struct rib_path *prev;

	if (!e->head.attrs) {
		e->head = *value;
		e->head.next = NULL;
		return;
	}
	if (order_cmp(rib, value, &e->head) < 0) {
		*node = e->head;
		e->head = *value;
		e->head.next = node;
		return;
	}
	for (prev = &e->head;
	     prev->next && order_cmp(rib, prev->next, value) <= 0;
	     prev = prev->next)
		;
	*node = *value;
	node->next = prev->next;
	prev->next = node;
}

void rib_paths_unfront(const struct rib *rib, struct rib_entry *e)
{
	struct rib_path value, *node;

	if (!e->head.next || order_cmp(rib, &e->head, e->head.next) < 0)
		return;
	node = rib_paths_take(e, e->head.source, &value);
	rib_paths_insert(rib, e, &value, node);
}

/* The best of a sorted list: see the comment at the top */
static struct rib_path *select_best(const struct rib *rib,
				    struct rib_entry *e)
{
	struct rib_path *top = &e->head, *best = top, *p, *prev;

	if (top->source == RIB_SOURCE_LOCAL)
		return top;
	for (prev = top, p = top->next; p && !tier_cmp(rib, p, top);
	     prev = p, p = p->next)
		if (p->attrs->neighbour_as != prev->attrs->neighbour_as &&
		    tail_cmp(rib, p, best) < 0)
			best = p;
	return best;
}

void rib_paths_front(const struct rib *rib, struct rib_entry *e)
{
	struct rib_path value, *best, *node;

	if (!e->head.next)
		return;
	best = select_best(rib, e);
	if (best == &e->head)
		return;
	node = rib_paths_take(e, best->source, &value);
	*node = e->head;
	e->head = value;
	e->head.next = node;
}
