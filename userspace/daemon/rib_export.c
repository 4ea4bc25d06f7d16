// SPDX-License-Identifier: GPL-2.0
/*
 * What a peer is sent for a prefix: whether its best path goes to the peer
 * (RFC 4271 9.1.3, RFC 4456 8, the peer's policy as RFC 8212 wants it) and
 * with which attributes and next hop.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "rib_impl.h"

#define BIT(type)	BGP_ATTR_BIT(BGP_ATTR_##type)

/* RFC 4271 5.1.4, 5.1.5, RFC 4456 8: these stay inside our AS. */
static bool to_external(const struct rib *rib, struct bgp_attrs *out)
{
	if (bgp_as_path_prepend(&out->as_path, rib->local.as))
		return false;
	out->present &= ~(BIT(MED) | BIT(LOCAL_PREF) | BIT(ORIGINATOR_ID) |
			  BIT(CLUSTER_LIST));
	out->med = 0;
	out->local_pref = 0;
	out->originator_id.s_addr = 0;
	out->n_clusters = 0;
	return true;
}

static bool to_internal(const struct rib *rib, const struct rib_path *best,
			const struct rib_source *from, bool reflect,
			struct bgp_attrs *out)
{
	out->present |= BIT(LOCAL_PREF);
	out->local_pref = rib_path_local_pref(rib, best);
	if (!reflect)
		return true;
	/* RFC 4456 8 */
	if (!(out->present & BIT(ORIGINATOR_ID))) {
		out->present |= BIT(ORIGINATOR_ID);
		out->originator_id.s_addr = htonl(from->router_id);
	}
	if (out->n_clusters == BGP_MAX_CLUSTERS)
		return false;
	memmove(out->clusters + 1, out->clusters,
		out->n_clusters * sizeof(out->clusters[0]));
	out->clusters[0] = rib->local.cluster_id;
	out->n_clusters++;
	out->present |= BIT(CLUSTER_LIST);
	return true;
}

bool rib_export(const struct rib *rib, const struct rib_entry *e,
		const struct rib_path *best, uint16_t to,
		struct bgp_attrs *out, struct podnet_addr *nexthop)
{
	const struct rib_source *dst = rib_source_get(rib, to);
	const struct rib_source *from = rib_source_get(rib, best->source);
	const struct podnet_addr *self = e->prefix.family == AF_INET6 ?
					 &rib->local.nexthop6 :
					 &rib->local.nexthop4;
	bool local = best->source == RIB_SOURCE_LOCAL;
	bool reflect = false;

	if (!dst || !from || to == RIB_SOURCE_LOCAL || to == best->source)
		return false;
	if (dst->export_local_only ? !local : !dst->export_all)
		return false;
	if (!local && !from->ebgp && !dst->ebgp) {
		/* from a client to all, from a non-client to clients */
		if (!from->rr_client && !dst->rr_client)
			return false;
		reflect = true;
	}
	if (local || dst->ebgp || dst->next_hop_self) {
		if (self->family == AF_UNSPEC)
			return false;
		*nexthop = *self;
	} else {
		*nexthop = best->nexthop;
	}

	rib_attrs_expand(best->attrs, out);
	/* RFC 4271 5.1 wants these two; the next hop goes in *nexthop */
	out->present |= BIT(ORIGIN) | BIT(AS_PATH);
	out->present &= ~BIT(NEXT_HOP);
	out->next_hop.s_addr = 0;
	if (dst->ebgp ? !to_external(rib, out)
		      : !to_internal(rib, best, from, reflect, out))
		return false;
	out->partial &= out->present;
	return true;
}
