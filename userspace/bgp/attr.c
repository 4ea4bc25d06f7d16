// SPDX-License-Identifier: GPL-2.0
/*
 * The path attributes podnet knows, each checked as RFC 7606 7 says and
 * handled with the approach it names for that attribute.
 */
#include <string.h>

#include "codec.h"

#define WELL_KNOWN		BGP_ATTR_FLAG_TRANSITIVE
#define OPTIONAL		BGP_ATTR_FLAG_OPTIONAL
#define OPTIONAL_TRANSITIVE	(BGP_ATTR_FLAG_OPTIONAL | \
				 BGP_ATTR_FLAG_TRANSITIVE)

typedef void attr_parser(struct update_parse *st, const uint8_t *a,
			 size_t hdr, size_t len);

struct attr_spec {
	uint8_t flags;		/* the Optional and Transitive bits to have */
	enum bgp_update_action flags_error;	/* RFC 7606 3.c, 3.f */
	attr_parser *parse;
};

static struct bgp_attrs *attrs_of(struct update_parse *st)
{
	return &st->u->attrs;
}

static void attr_fail(struct update_parse *st, enum bgp_update_action action,
		      const uint8_t *a, size_t hdr, size_t len,
		      uint8_t subcode, const char *reason)
{
	bgp_update_fail(st, action, a[1], subcode, a, hdr + len, reason);
}

static void attr_found(struct update_parse *st, const uint8_t *a)
{
	struct bgp_attrs *attrs = attrs_of(st);

	attrs->present |= BGP_ATTR_BIT(a[1]);
	/* only an optional transitive attribute can be partial */
	if ((a[0] & OPTIONAL_TRANSITIVE) == OPTIONAL_TRANSITIVE &&
	    a[0] & BGP_ATTR_FLAG_PARTIAL)
		attrs->partial |= BGP_ATTR_BIT(a[1]);
}

/* 0/8, 127/8, multicast, class E and broadcast reach no host */
bool bgp_ipv4_is_host(const uint8_t *addr)
{
	return addr[0] && addr[0] != 127 && addr[0] < 224;
}

static void parse_origin(struct update_parse *st, const uint8_t *a,
			 size_t hdr, size_t len)
{
	if (len != 1) {
		attr_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH, "ORIGIN length not 1");
		return;
	}
	if (a[hdr] > BGP_ORIGIN_INCOMPLETE) {
		attr_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a, hdr, len,
			  BGP_ERR_UPD_ORIGIN, "ORIGIN undefined");
		return;
	}
	attrs_of(st)->origin = a[hdr];
	attr_found(st, a);
}

static void parse_as_path(struct update_parse *st, const uint8_t *a,
			  size_t hdr, size_t len)
{
	struct bgp_as_path *path = &attrs_of(st)->as_path;
	const char *reason;
	uint16_t n_segs;

	reason = bgp_as_path_decode(a + hdr, len, st->ctx->as4, path);
	if (!reason) {
		/* RFC 5065 5: we are in no confederation */
		n_segs = path->n_segs;
		bgp_as_path_drop_confed(path);
		if (path->n_segs != n_segs)
			reason = "AS_PATH has confederation segments";
	}
	if (reason) {
		path->n_segs = 0;
		path->n_asns = 0;
		bgp_update_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW,
				BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH, NULL, 0,
				reason);
		return;
	}
	st->as_path_ok = true;
	attr_found(st, a);
}

static void parse_next_hop(struct update_parse *st, const uint8_t *a,
			   size_t hdr, size_t len)
{
	/* RFC 4760 3: without IPv4 NLRI it is ignored anyway */
	enum bgp_update_action action = st->has_v4_nlri ?
		BGP_UPDATE_TREAT_AS_WITHDRAW : BGP_UPDATE_ATTR_DISCARD;

	if (len != 4) {
		attr_fail(st, action, a, hdr, len, BGP_ERR_UPD_ATTR_LENGTH,
			  "NEXT_HOP length not 4");
		return;
	}
	if (!bgp_ipv4_is_host(a + hdr)) {
		attr_fail(st, action, a, hdr, len, BGP_ERR_UPD_NEXT_HOP,
			  "NEXT_HOP not a host address");
		return;
	}
	memcpy(&attrs_of(st)->next_hop, a + hdr, 4);
	attr_found(st, a);
}

static void parse_med(struct update_parse *st, const uint8_t *a,
		      size_t hdr, size_t len)
{
	if (len != 4) {
		attr_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH,
			  "MULTI_EXIT_DISC length not 4");
		return;
	}
	attrs_of(st)->med = get_be32(a + hdr);
	attr_found(st, a);
}

static void parse_local_pref(struct update_parse *st, const uint8_t *a,
			     size_t hdr, size_t len)
{
	if (len != 4) {
		attr_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH, "LOCAL_PREF length not 4");
		return;
	}
	attrs_of(st)->local_pref = get_be32(a + hdr);
	attr_found(st, a);
}

static void parse_atomic_aggregate(struct update_parse *st, const uint8_t *a,
				   size_t hdr, size_t len)
{
	if (len) {
		attr_fail(st, BGP_UPDATE_ATTR_DISCARD, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH,
			  "ATOMIC_AGGREGATE length not 0");
		return;
	}
	attr_found(st, a);
}

static void parse_aggregator(struct update_parse *st, const uint8_t *a,
			     size_t hdr, size_t len)
{
	struct bgp_aggregator *agg = &attrs_of(st)->aggregator;
	size_t asn_size = st->ctx->as4 ? 4 : 2;

	if (len != asn_size + 4) {
		attr_fail(st, BGP_UPDATE_ATTR_DISCARD, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH, "AGGREGATOR length wrong");
		return;
	}
	agg->asn = st->ctx->as4 ? get_be32(a + hdr) : get_be16(a + hdr);
	memcpy(&agg->addr, a + hdr + asn_size, 4);
	attr_found(st, a);
}

/* Lists of 4-octet values: COMMUNITIES, CLUSTER_LIST */
static void parse_u32_list(struct update_parse *st, const uint8_t *a,
			   size_t hdr, size_t len, uint32_t *list, size_t max,
			   uint16_t *n, const char *reason)
{
	size_t i;

	if (!len || len % 4 || len / 4 > max) {
		attr_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a, hdr, len,
			  BGP_ERR_UPD_OPTIONAL_ATTR, reason);
		return;
	}
	*n = len / 4;
	for (i = 0; i < *n; i++)
		list[i] = get_be32(a + hdr + 4 * i);
	attr_found(st, a);
}

static void parse_communities(struct update_parse *st, const uint8_t *a,
			      size_t hdr, size_t len)
{
	struct bgp_attrs *attrs = attrs_of(st);

	parse_u32_list(st, a, hdr, len, attrs->communities,
		       BGP_MAX_COMMUNITIES, &attrs->n_communities,
		       "COMMUNITIES length not a multiple of 4");
}

static void parse_originator_id(struct update_parse *st, const uint8_t *a,
				size_t hdr, size_t len)
{
	if (len != 4) {
		attr_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH,
			  "ORIGINATOR_ID length not 4");
		return;
	}
	memcpy(&attrs_of(st)->originator_id, a + hdr, 4);
	attr_found(st, a);
}

static void parse_cluster_list(struct update_parse *st, const uint8_t *a,
			       size_t hdr, size_t len)
{
	struct bgp_attrs *attrs = attrs_of(st);

	parse_u32_list(st, a, hdr, len, attrs->clusters, BGP_MAX_CLUSTERS,
		       &attrs->n_clusters,
		       "CLUSTER_LIST length not a multiple of 4");
}

/* RFC 6793 6: AS4_* from a 4-octet speaker, or malformed, are dropped */
static void parse_as4_path(struct update_parse *st, const uint8_t *a,
			   size_t hdr, size_t len)
{
	const char *reason = "AS4_PATH from a 4-octet AS speaker";

	if (!st->ctx->as4)
		reason = bgp_as_path_decode(a + hdr, len, true, &st->as4_path);
	if (reason) {
		attr_fail(st, BGP_UPDATE_ATTR_DISCARD, a, hdr, len,
			  BGP_ERR_UPD_OPTIONAL_ATTR, reason);
		return;
	}
	bgp_as_path_drop_confed(&st->as4_path);
	st->have_as4_path = true;
}

static void parse_as4_aggregator(struct update_parse *st, const uint8_t *a,
				 size_t hdr, size_t len)
{
	if (st->ctx->as4) {
		attr_fail(st, BGP_UPDATE_ATTR_DISCARD, a, hdr, len,
			  BGP_ERR_UPD_OPTIONAL_ATTR,
			  "AS4_AGGREGATOR from a 4-octet AS speaker");
		return;
	}
	if (len != 8) {
		attr_fail(st, BGP_UPDATE_ATTR_DISCARD, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LENGTH,
			  "AS4_AGGREGATOR length not 8");
		return;
	}
	st->as4_aggregator.asn = get_be32(a + hdr);
	memcpy(&st->as4_aggregator.addr, a + hdr + 4, 4);
	st->have_as4_aggregator = true;
}

static const struct attr_spec specs[] = {
	[BGP_ATTR_ORIGIN] = {
		WELL_KNOWN, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_origin },
	[BGP_ATTR_AS_PATH] = {
		WELL_KNOWN, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_as_path },
	[BGP_ATTR_NEXT_HOP] = {
		WELL_KNOWN, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_next_hop },
	[BGP_ATTR_MED] = {
		OPTIONAL, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_med },
	[BGP_ATTR_LOCAL_PREF] = {
		WELL_KNOWN, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_local_pref },
	[BGP_ATTR_ATOMIC_AGGREGATE] = {
		WELL_KNOWN, BGP_UPDATE_ATTR_DISCARD, parse_atomic_aggregate },
	[BGP_ATTR_AGGREGATOR] = {
		OPTIONAL_TRANSITIVE, BGP_UPDATE_ATTR_DISCARD,
		parse_aggregator },
	[BGP_ATTR_COMMUNITIES] = {
		OPTIONAL_TRANSITIVE, BGP_UPDATE_TREAT_AS_WITHDRAW,
		parse_communities },
	[BGP_ATTR_ORIGINATOR_ID] = {
		OPTIONAL, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_originator_id },
	[BGP_ATTR_CLUSTER_LIST] = {
		OPTIONAL, BGP_UPDATE_TREAT_AS_WITHDRAW, parse_cluster_list },
	/* NLRI that cannot be trusted can be neither kept nor withdrawn */
	[BGP_ATTR_MP_REACH_NLRI] = {
		OPTIONAL, BGP_UPDATE_SESSION_RESET, bgp_mp_reach_parse },
	[BGP_ATTR_MP_UNREACH_NLRI] = {
		OPTIONAL, BGP_UPDATE_SESSION_RESET, bgp_mp_unreach_parse },
	[BGP_ATTR_AS4_PATH] = {
		OPTIONAL_TRANSITIVE, BGP_UPDATE_ATTR_DISCARD, parse_as4_path },
	[BGP_ATTR_AS4_AGGREGATOR] = {
		OPTIONAL_TRANSITIVE, BGP_UPDATE_ATTR_DISCARD,
		parse_as4_aggregator },
};

static void parse_unknown(struct update_parse *st, const uint8_t *a,
			  size_t hdr, size_t len)
{
	struct bgp_attrs *attrs = attrs_of(st);
	struct bgp_raw_attr *raw;

	if (!(a[0] & BGP_ATTR_FLAG_OPTIONAL)) {
		attr_fail(st, BGP_UPDATE_SESSION_RESET, a, hdr, len,
			  BGP_ERR_UPD_UNKNOWN_WELLKNOWN,
			  "unrecognized well-known attribute");
		return;
	}
	/* RFC 4271 5: unknown non-transitive ones are quietly ignored */
	if (!(a[0] & BGP_ATTR_FLAG_TRANSITIVE))
		return;
	/* one of each type at most, so this cannot fill up */
	raw = &attrs->unknown[attrs->n_unknown++];
	raw->flags = a[0];
	raw->type = a[1];
	raw->len = len;
	raw->value = a + hdr;
}

/* RFC 7606 7.5, 7.9, 7.10: attributes no external peer may send */
static bool internal_only(uint8_t type)
{
	return type == BGP_ATTR_LOCAL_PREF || type == BGP_ATTR_ORIGINATOR_ID ||
	       type == BGP_ATTR_CLUSTER_LIST;
}

void bgp_attr_parse(struct update_parse *st, const uint8_t *a, size_t hdr,
		    size_t len)
{
	const struct attr_spec *spec;
	uint8_t type = a[1];

	if (type >= sizeof(specs) / sizeof(specs[0]) || !specs[type].parse) {
		parse_unknown(st, a, hdr, len);
		return;
	}
	if (st->ctx->ebgp && internal_only(type)) {
		attr_fail(st, BGP_UPDATE_ATTR_DISCARD, a, hdr, len,
			  BGP_ERR_UPD_ATTR_LIST,
			  "attribute of internal peers from an external one");
		return;
	}
	spec = &specs[type];
	if ((a[0] & OPTIONAL_TRANSITIVE) != spec->flags) {
		attr_fail(st, spec->flags_error, a, hdr, len,
			  BGP_ERR_UPD_ATTR_FLAGS,
			  "attribute flags wrong for its type");
		return;
	}
	spec->parse(st, a, hdr, len);
}
