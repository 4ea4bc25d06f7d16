// SPDX-License-Identifier: GPL-2.0
/*
 * UPDATE, RFC 4271 4.3, parsed with the error handling of RFC 7606: each
 * problem names the approach it calls for and the strongest one wins; only
 * "session reset" fails the parse.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "codec.h"

static const uint8_t mandatory_types[] = {
	BGP_ATTR_ORIGIN, BGP_ATTR_AS_PATH, BGP_ATTR_NEXT_HOP,
};

bool bgp_update_fail(struct update_parse *st, enum bgp_update_action action,
		     uint8_t attr, uint8_t subcode, const uint8_t *data,
		     size_t len, const char *reason)
{
	struct bgp_update_error *e = &st->u->error;

	/* RFC 7606 3.h: the same approach twice stays the first one */
	if (action <= e->action)
		return false;
	e->action = action;
	e->attr = attr;
	e->reason = reason;
	e->notify.code = BGP_ERR_UPDATE;
	e->notify.subcode = subcode;
	e->notify.data = data;
	e->notify.len = len;
	return true;
}

static bool seen(const struct update_parse *st, uint8_t type)
{
	return st->seen[type / 32] & 1U << (type % 32);
}

static bool seen_other_than(const struct update_parse *st, uint8_t type)
{
	uint32_t others = 0;
	int i;

	for (i = 0; i < 8; i++)
		others |= st->seen[i] & ~(i == type / 32 ? 1U << type % 32 : 0);
	return others;
}

static void update_init(struct update_parse *st,
			const struct bgp_codec_ctx *ctx, struct bgp_update *u)
{
	/* the big arrays are only read up to their counts */
	memset(st, 0, offsetof(struct update_parse, as4_path));
	st->ctx = ctx;
	st->u = u;
	memset(u, 0, offsetof(struct bgp_update, attrs));
	u->attrs.present = 0;
	u->attrs.partial = 0;
	u->attrs.n_communities = 0;
	u->attrs.n_clusters = 0;
	u->attrs.n_unknown = 0;
	u->attrs.as_path.n_segs = 0;
	u->attrs.as_path.n_asns = 0;
}

/* RFC 7606 4: a broken list still ends where its length says. */
static void attrs_parse(struct update_parse *st, const uint8_t *a, size_t len)
{
	size_t off = 0;

	while (off < len) {
		size_t hdr = a[off] & BGP_ATTR_FLAG_EXTENDED ? 4 : 3, alen;
		uint8_t type;

		if (len - off < hdr) {
			bgp_update_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, 0,
					BGP_ERR_UPD_ATTR_LIST, NULL, 0,
					"path attribute header truncated");
			return;
		}
		type = a[off + 1];
		alen = hdr == 4 ? get_be16(a + off + 2) : a[off + 2];
		if (len - off - hdr < alen) {
			bgp_update_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, type,
					BGP_ERR_UPD_ATTR_LIST, NULL, 0,
					"path attribute overruns the list");
			return;
		}
		if (!seen(st, type)) {
			st->seen[type / 32] |= 1U << (type % 32);
			bgp_attr_parse(st, a + off, hdr, alen);
		} else if (type == BGP_ATTR_MP_REACH_NLRI ||
			   type == BGP_ATTR_MP_UNREACH_NLRI) {
			bgp_update_fail(st, BGP_UPDATE_SESSION_RESET, type,
					BGP_ERR_UPD_ATTR_LIST, NULL, 0,
					"multiprotocol attribute repeated");
		} else {
			/* RFC 7606 3.g: all but the first are discarded */
			bgp_update_fail(st, BGP_UPDATE_ATTR_DISCARD, type,
					BGP_ERR_UPD_ATTR_LIST, NULL, 0,
					"path attribute repeated");
		}
		off += hdr + alen;
	}
}

static void require(struct update_parse *st, int index, const char *reason)
{
	uint8_t type = mandatory_types[index];

	if (!(st->u->attrs.present & BGP_ATTR_BIT(type)))
		bgp_update_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, type,
				BGP_ERR_UPD_MISSING_WELLKNOWN,
				&mandatory_types[index], 1, reason);
}

/* RFC 7606 3.d; RFC 4760 3 makes NEXT_HOP the IPv4 NLRI's alone. */
static void check_mandatory(struct update_parse *st)
{
	struct bgp_attrs *attrs = &st->u->attrs;

	if (st->u->nlri.count ||
	    attrs->present & BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) {
		require(st, 0, "ORIGIN missing");
		require(st, 1, "AS_PATH missing");
	}
	if (st->u->nlri.count)
		require(st, 2, "NEXT_HOP missing");
	else
		attrs->present &= ~BGP_ATTR_BIT(BGP_ATTR_NEXT_HOP);
}

/* RFC 6793 4.2.3, for an UPDATE from a speaker of 2-octet ASes */
static void merge_as4(struct update_parse *st)
{
	struct bgp_attrs *attrs = &st->u->attrs;

	if (!st->as_path_ok)
		return;
	if (st->have_as4_aggregator &&
	    attrs->present & BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR)) {
		if (attrs->aggregator.asn != BGP_AS_TRANS)
			return;
		attrs->aggregator = st->as4_aggregator;
	}
	if (st->have_as4_path)
		bgp_as_path_merge_as4(&attrs->as_path, &st->as4_path);
}

/*
 * RFC 7606 7.2: the leftmost AS must be the peer's, if so configured; of
 * routes, not of a withdrawal that carries a path for no reason.
 */
static void check_first_as(struct update_parse *st)
{
	const struct bgp_as_path *path = &st->u->attrs.as_path;

	if (!st->ctx->first_as || !st->as_path_ok ||
	    !(st->u->nlri.count ||
	      st->u->attrs.present & BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)))
		return;
	if (!path->n_segs || path->segs[0].type != BGP_AS_SEQUENCE ||
	    path->asns[0] != st->ctx->first_as)
		bgp_update_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW,
				BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH, NULL, 0,
				"AS_PATH does not start with the peer's AS");
}

/*
 * RFC 7606 5.2: with attributes but no reachable NLRI, nothing proves the
 * NLRI were found, so anything beyond attribute discard resets.
 */
static void check_unreachable(struct update_parse *st)
{
	struct bgp_update_error *e = &st->u->error;

	if (!seen_other_than(st, BGP_ATTR_MP_UNREACH_NLRI) ||
	    st->u->nlri.count || st->reachable_mp)
		return;
	if (e->action > BGP_UPDATE_ATTR_DISCARD)
		e->action = BGP_UPDATE_SESSION_RESET;
}

/* RFC 4724 2: an empty UPDATE, or one of an empty MP_UNREACH_NLRI only */
static void detect_eor(struct update_parse *st, size_t wlen, size_t alen)
{
	struct bgp_update *u = st->u;

	if (wlen || u->nlri.size)
		return;
	if (!alen) {
		u->end_of_rib = true;
		u->eor.afi = BGP_AFI_IPV4;
		u->eor.safi = BGP_SAFI_UNICAST;
		return;
	}
	if (st->mp_unreach_empty &&
	    !seen_other_than(st, BGP_ATTR_MP_UNREACH_NLRI)) {
		u->end_of_rib = true;
		u->eor.afi = u->mp_unreach.afi;
		u->eor.safi = u->mp_unreach.safi;
	}
}

static int field_check(struct update_parse *st, const uint8_t *p, size_t len,
		       struct bgp_nlri *nlri, const char *reason)
{
	nlri->afi = BGP_AFI_IPV4;
	nlri->safi = BGP_SAFI_UNICAST;
	if (!bgp_nlri_check(p, len, nlri))
		return 0;
	/* RFC 7606 3.i, 5.3: no other approach can know the routes */
	bgp_update_fail(st, BGP_UPDATE_SESSION_RESET, 0,
			BGP_ERR_UPD_NETWORK_FIELD, NULL, 0, reason);
	return -1;
}

int bgp_update_parse(const uint8_t *body, size_t len,
		     const struct bgp_codec_ctx *ctx, struct bgp_update *u,
		     struct bgp_error *err)
{
	struct update_parse st;
	size_t wlen, alen, nlri_off;

	update_init(&st, ctx, u);
	wlen = get_be16(body);
	/* RFC 7606 3.b: lengths too large for the message */
	if (len - 4 < wlen) {
		bgp_update_fail(&st, BGP_UPDATE_SESSION_RESET, 0,
				BGP_ERR_UPD_ATTR_LIST, NULL, 0,
				"Withdrawn Routes Length too large");
		goto out;
	}
	alen = get_be16(body + 2 + wlen);
	nlri_off = 4 + wlen + alen;
	if (len < nlri_off) {
		bgp_update_fail(&st, BGP_UPDATE_SESSION_RESET, 0,
				BGP_ERR_UPD_ATTR_LIST, NULL, 0,
				"Total Path Attribute Length too large");
		goto out;
	}
	if (field_check(&st, body + 2, wlen, &u->withdrawn,
			"Withdrawn Routes malformed") ||
	    field_check(&st, body + nlri_off, len - nlri_off, &u->nlri,
			"NLRI malformed"))
		goto out;
	st.has_v4_nlri = u->nlri.count;
	attrs_parse(&st, body + 4 + wlen, alen);
	if (u->error.action == BGP_UPDATE_SESSION_RESET)
		goto out;
	check_mandatory(&st);
	if (!ctx->as4)
		merge_as4(&st);
	check_first_as(&st);
	check_unreachable(&st);
	detect_eor(&st, wlen, alen);
out:
	if (u->error.action != BGP_UPDATE_SESSION_RESET)
		return 0;
	*err = u->error.notify;
	return -EBADMSG;
}
