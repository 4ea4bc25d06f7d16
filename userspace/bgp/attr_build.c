// SPDX-License-Identifier: GPL-2.0
/*
 * Path attributes for an UPDATE we send: in type order after the
 * multiprotocol one (RFC 7606 5.1), AS_PATH and AGGREGATOR in the AS width
 * of the session with AS4_PATH and AS4_AGGREGATOR beside them when an old
 * speaker needs them (RFC 6793 4.2.2).
 */
#include <string.h>

#include "codec.h"

#define WELL_KNOWN		BGP_ATTR_FLAG_TRANSITIVE
#define OPTIONAL		BGP_ATTR_FLAG_OPTIONAL
#define OPTIONAL_TRANSITIVE	(BGP_ATTR_FLAG_OPTIONAL | \
				 BGP_ATTR_FLAG_TRANSITIVE)

size_t bgp_attr_begin(struct wbuf *w, uint8_t flags, uint8_t type)
{
	size_t start = w->len;

	put_u8(w, flags | BGP_ATTR_FLAG_EXTENDED);
	put_u8(w, type);
	put_be16(w, 0);
	return start;
}

/* The length goes in one octet when it fits, as most speakers send it. */
void bgp_attr_end(struct wbuf *w, size_t start)
{
	uint8_t *a = w->buf + start;
	size_t len;

	if (w->overflow)
		return;
	len = w->len - start - 4;
	if (len > UINT8_MAX) {
		set_be16(a + 2, len);
		return;
	}
	a[0] &= ~BGP_ATTR_FLAG_EXTENDED;
	a[2] = len;
	memmove(a + 3, a + 4, len);
	w->len--;
}

static bool has(const struct bgp_attrs *attrs, int type)
{
	return type < 32 && attrs->present & BGP_ATTR_BIT(type);
}

static uint8_t transitive_flags(const struct bgp_attrs *attrs, uint8_t type)
{
	bool partial = attrs->partial & BGP_ATTR_BIT(type);

	return OPTIONAL_TRANSITIVE | (partial ? BGP_ATTR_FLAG_PARTIAL : 0);
}

static void put_u32_attr(struct wbuf *w, uint8_t flags, uint8_t type,
			 uint32_t v)
{
	size_t a = bgp_attr_begin(w, flags, type);

	put_be32(w, v);
	bgp_attr_end(w, a);
}

static void put_addr_attr(struct wbuf *w, uint8_t flags, uint8_t type,
			  const struct in_addr *addr)
{
	size_t a = bgp_attr_begin(w, flags, type);

	put_bytes(w, addr, 4);
	bgp_attr_end(w, a);
}

static void put_u32_list(struct wbuf *w, uint8_t flags, uint8_t type,
			 const uint32_t *list, uint16_t n)
{
	size_t a = bgp_attr_begin(w, flags, type);
	int i;

	for (i = 0; i < n; i++)
		put_be32(w, list[i]);
	bgp_attr_end(w, a);
}

static void put_aggregator(struct wbuf *w, uint8_t flags, uint8_t type,
			   uint32_t asn, bool as4,
			   const struct bgp_aggregator *agg)
{
	size_t a = bgp_attr_begin(w, flags, type);

	if (as4)
		put_be32(w, asn);
	else
		put_be16(w, asn);
	put_bytes(w, &agg->addr, 4);
	bgp_attr_end(w, a);
}

static void put_as_path(struct wbuf *w, uint8_t flags, uint8_t type,
			const struct bgp_as_path *path, bool as4)
{
	size_t a = bgp_attr_begin(w, flags, type);

	if (type == BGP_ATTR_AS4_PATH)
		bgp_as4_path_put(w, path);
	else
		bgp_as_path_put(w, path, as4);
	bgp_attr_end(w, a);
}

static void put_known(struct wbuf *w, const struct bgp_codec_ctx *ctx,
		      const struct bgp_attrs *attrs, const struct in_addr *nh,
		      uint8_t type)
{
	const struct bgp_aggregator *agg = &attrs->aggregator;
	/* RFC 4271 5.1.5, RFC 4456 8: these stay inside the AS */
	bool internal = !ctx->ebgp;
	bool old_speaker = !ctx->as4;
	size_t a;

	switch (type) {
	case BGP_ATTR_ORIGIN:
		a = bgp_attr_begin(w, WELL_KNOWN, type);
		put_u8(w, attrs->origin);
		bgp_attr_end(w, a);
		break;
	case BGP_ATTR_AS_PATH:
		put_as_path(w, WELL_KNOWN, type, &attrs->as_path, ctx->as4);
		break;
	case BGP_ATTR_NEXT_HOP:
		if (nh)
			put_addr_attr(w, WELL_KNOWN, type, nh);
		break;
	case BGP_ATTR_MED:
		put_u32_attr(w, OPTIONAL, type, attrs->med);
		break;
	case BGP_ATTR_LOCAL_PREF:
		if (internal)
			put_u32_attr(w, WELL_KNOWN, type, attrs->local_pref);
		break;
	case BGP_ATTR_ATOMIC_AGGREGATE:
		bgp_attr_end(w, bgp_attr_begin(w, WELL_KNOWN, type));
		break;
	case BGP_ATTR_AGGREGATOR:
		put_aggregator(w, transitive_flags(attrs, type), type,
			       ctx->as4 || agg->asn <= UINT16_MAX ?
			       agg->asn : BGP_AS_TRANS, ctx->as4, agg);
		break;
	case BGP_ATTR_COMMUNITIES:
		put_u32_list(w, transitive_flags(attrs, type), type,
			     attrs->communities, attrs->n_communities);
		break;
	case BGP_ATTR_ORIGINATOR_ID:
		if (internal)
			put_addr_attr(w, OPTIONAL, type,
				      &attrs->originator_id);
		break;
	case BGP_ATTR_CLUSTER_LIST:
		if (internal)
			put_u32_list(w, OPTIONAL, type, attrs->clusters,
				     attrs->n_clusters);
		break;
	case BGP_ATTR_AS4_PATH:
		if (old_speaker && has(attrs, BGP_ATTR_AS_PATH) &&
		    bgp_as_path_needs_as4(&attrs->as_path))
			put_as_path(w, OPTIONAL_TRANSITIVE, type,
				    &attrs->as_path, true);
		break;
	case BGP_ATTR_AS4_AGGREGATOR:
		if (old_speaker && has(attrs, BGP_ATTR_AGGREGATOR) &&
		    agg->asn > UINT16_MAX)
			put_aggregator(w, OPTIONAL_TRANSITIVE, type, agg->asn,
				       true, agg);
		break;
	}
}

/* Unknown attributes travel on with the Partial bit (RFC 4271 5). */
static void put_unknown(struct wbuf *w, const struct bgp_raw_attr *raw)
{
	size_t a = bgp_attr_begin(w, raw->flags | BGP_ATTR_FLAG_PARTIAL,
				  raw->type);

	put_bytes(w, raw->value, raw->len);
	bgp_attr_end(w, a);
}

/* The unknown attributes' indexes, in type order */
static void sort_unknown(const struct bgp_attrs *attrs, uint8_t *order)
{
	int i, j;

	for (i = 0; i < attrs->n_unknown; i++) {
		for (j = i; j > 0 &&
		     attrs->unknown[order[j - 1]].type > attrs->unknown[i].type;
		     j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

/* RFC 4271 5: in ascending type order */
void bgp_attrs_put(struct wbuf *w, const struct bgp_codec_ctx *ctx,
		   const struct bgp_attrs *attrs, const struct in_addr *nh)
{
	uint8_t order[BGP_MAX_UNKNOWN_ATTRS];
	int type, next = 0;

	sort_unknown(attrs, order);
	for (type = 0; type <= UINT8_MAX; type++) {
		if (has(attrs, type) || type == BGP_ATTR_NEXT_HOP ||
		    type == BGP_ATTR_AS4_PATH ||
		    type == BGP_ATTR_AS4_AGGREGATOR)
			put_known(w, ctx, attrs, nh, type);
		while (next < attrs->n_unknown &&
		       attrs->unknown[order[next]].type == type)
			put_unknown(w, &attrs->unknown[order[next++]]);
	}
}
