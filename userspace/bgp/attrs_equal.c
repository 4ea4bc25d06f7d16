// SPDX-License-Identifier: GPL-2.0
/*
 * Whether two sets of path attributes are the same, so that their routes
 * can share an UPDATE. Unknown attributes compare by type, Optional and
 * Transitive bits and value, in any order; the Partial bit does not make
 * them differ.
 */
#include <string.h>

#include "bgp_msg.h"

#define ATTR_PRESENT(a, type)	((a)->present & BGP_ATTR_BIT(type))

static bool u32_lists_equal(const uint32_t *a, uint16_t na,
			    const uint32_t *b, uint16_t nb)
{
	return na == nb && !memcmp(a, b, na * sizeof(*a));
}

static bool as_paths_equal(const struct bgp_as_path *a,
			   const struct bgp_as_path *b)
{
	return a->n_segs == b->n_segs && a->n_asns == b->n_asns &&
	       !memcmp(a->segs, b->segs, a->n_segs * sizeof(a->segs[0])) &&
	       !memcmp(a->asns, b->asns, a->n_asns * sizeof(a->asns[0]));
}

/* Each type comes once at most, so finding it in b is enough. */
static bool raw_attr_in(const struct bgp_raw_attr *a,
			const struct bgp_attrs *b)
{
	uint8_t kind = BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE;
	int i;

	for (i = 0; i < b->n_unknown; i++) {
		const struct bgp_raw_attr *r = &b->unknown[i];

		if (r->type == a->type)
			return (r->flags & kind) == (a->flags & kind) &&
			       r->len == a->len &&
			       !memcmp(r->value, a->value, a->len);
	}
	return false;
}

static bool field_equal(const struct bgp_attrs *a, const struct bgp_attrs *b,
			int type)
{
	switch (type) {
	case BGP_ATTR_ORIGIN:
		return a->origin == b->origin;
	case BGP_ATTR_AS_PATH:
		return as_paths_equal(&a->as_path, &b->as_path);
	case BGP_ATTR_NEXT_HOP:
		return a->next_hop.s_addr == b->next_hop.s_addr;
	case BGP_ATTR_MED:
		return a->med == b->med;
	case BGP_ATTR_LOCAL_PREF:
		return a->local_pref == b->local_pref;
	case BGP_ATTR_AGGREGATOR:
		return a->aggregator.asn == b->aggregator.asn &&
		       a->aggregator.addr.s_addr == b->aggregator.addr.s_addr;
	case BGP_ATTR_COMMUNITIES:
		return u32_lists_equal(a->communities, a->n_communities,
				       b->communities, b->n_communities);
	case BGP_ATTR_ORIGINATOR_ID:
		return a->originator_id.s_addr == b->originator_id.s_addr;
	case BGP_ATTR_CLUSTER_LIST:
		return u32_lists_equal(a->clusters, a->n_clusters,
				       b->clusters, b->n_clusters);
	default:
		return true;	/* presence is all there is to compare */
	}
}

bool bgp_attrs_equal(const struct bgp_attrs *a, const struct bgp_attrs *b)
{
	int type, i;

	if (a->present != b->present ||
	    (a->partial & a->present) != (b->partial & b->present) ||
	    a->n_unknown != b->n_unknown)
		return false;
	for (type = 0; type < 32; type++)
		if (ATTR_PRESENT(a, type) && !field_equal(a, b, type))
			return false;
	for (i = 0; i < a->n_unknown; i++)
		if (!raw_attr_in(&a->unknown[i], b))
			return false;
	return true;
}
