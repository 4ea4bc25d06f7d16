// SPDX-License-Identifier: GPL-2.0
/*
 * UPDATEs we send: announcements and withdrawals packed with as many
 * prefixes of one family as a message holds, and End-of-RIB markers. Each
 * carries one kind of NLRI only (RFC 7606 5.1).
 */
#include <errno.h>

#include "codec.h"

/* The Withdrawn Routes or Total Path Attribute Length at offset field */
static void set_field_len(struct wbuf *w, size_t field)
{
	if (!w->overflow)
		set_be16(w->buf + field, w->len - field - 2);
}

/*
 * Writes the prefixes of family afi from the start of the array that fit
 * with reserve octets to spare; returns how many, or -EINVAL if the first
 * cannot be encoded.
 */
static int put_prefixes(struct wbuf *w, const struct bgp_prefix *prefixes,
			size_t n, size_t reserve)
{
	size_t i;

	for (i = 0; i < n && prefixes[i].afi == prefixes[0].afi; i++) {
		int len = bgp_prefix_wire_len(&prefixes[i]);

		if (len < 0)
			return i ? (int)i : len;
		if (w->overflow || w->size - w->len < len + reserve)
			break;
		bgp_prefix_put(w, &prefixes[i]);
	}
	return i;
}

static int family_of_prefixes(const struct bgp_prefix *prefixes, size_t n)
{
	return n ? bgp_family_of(prefixes[0].afi, BGP_SAFI_UNICAST)
		 : -EINVAL;
}

static bool nexthop_fits(int family, const struct bgp_nexthop *nh)
{
	if (family == BGP_FAMILY_IPV4_UNICAST)
		return nh->len == 4;
	return nh->len == 16 || nh->len == 32;
}

static void put_mp_nexthop(struct wbuf *w, const struct bgp_nexthop *nh)
{
	put_u8(w, nh->len);
	put_bytes(w, &nh->global, 16);
	if (nh->len == 32)
		put_bytes(w, &nh->link_local, 16);
	put_u8(w, 0);		/* reserved */
}

static int finish(struct wbuf *w, int count, size_t *packed)
{
	if (count <= 0)
		return count ? count : -EMSGSIZE;
	*packed = count;
	return bgp_msg_end(w);
}

int bgp_msg_build_announce(const struct bgp_codec_ctx *ctx,
			   const struct bgp_attrs *attrs,
			   const struct bgp_nexthop *nexthop,
			   const struct bgp_prefix *prefixes, size_t n,
			   size_t *packed, uint8_t *buf, size_t size)
{
	uint32_t needed = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
			  BGP_ATTR_BIT(BGP_ATTR_AS_PATH);
	int family = family_of_prefixes(prefixes, n), count;
	uint8_t others[BGP_MAX_MSG_LEN];
	struct wbuf w, o;
	size_t attrs_at, mp;

	*packed = 0;
	if (family < 0 || (attrs->present & needed) != needed ||
	    !nexthop_fits(family, nexthop))
		return -EINVAL;
	wbuf_init(&o, others, sizeof(others));
	bgp_attrs_put(&o, ctx, attrs, family == BGP_FAMILY_IPV4_UNICAST ?
		      &nexthop->v4 : NULL);
	if (o.overflow)
		return -EMSGSIZE;
	bgp_msg_begin(&w, buf, size, BGP_MSG_UPDATE);
	put_be16(&w, 0);
	attrs_at = w.len;
	put_be16(&w, 0);
	if (family == BGP_FAMILY_IPV4_UNICAST) {
		put_bytes(&w, others, o.len);
		set_field_len(&w, attrs_at);
		count = put_prefixes(&w, prefixes, n, 0);
	} else {
		mp = bgp_attr_begin(&w, BGP_ATTR_FLAG_OPTIONAL,
				    BGP_ATTR_MP_REACH_NLRI);
		put_be16(&w, prefixes[0].afi);
		put_u8(&w, BGP_SAFI_UNICAST);
		put_mp_nexthop(&w, nexthop);
		count = put_prefixes(&w, prefixes, n, o.len);
		bgp_attr_end(&w, mp);
		put_bytes(&w, others, o.len);
		set_field_len(&w, attrs_at);
	}
	return finish(&w, count, packed);
}

int bgp_msg_build_withdraw(const struct bgp_prefix *prefixes, size_t n,
			   size_t *packed, uint8_t *buf, size_t size)
{
	int family = family_of_prefixes(prefixes, n), count;
	size_t len_at, mp;
	struct wbuf w;

	*packed = 0;
	if (family < 0)
		return -EINVAL;
	bgp_msg_begin(&w, buf, size, BGP_MSG_UPDATE);
	len_at = w.len;
	put_be16(&w, 0);
	if (family == BGP_FAMILY_IPV4_UNICAST) {
		count = put_prefixes(&w, prefixes, n, 2);
		set_field_len(&w, len_at);
		put_be16(&w, 0);
	} else {
		len_at = w.len;
		put_be16(&w, 0);
		mp = bgp_attr_begin(&w, BGP_ATTR_FLAG_OPTIONAL,
				    BGP_ATTR_MP_UNREACH_NLRI);
		put_be16(&w, prefixes[0].afi);
		put_u8(&w, BGP_SAFI_UNICAST);
		count = put_prefixes(&w, prefixes, n, 0);
		bgp_attr_end(&w, mp);
		set_field_len(&w, len_at);
	}
	return finish(&w, count, packed);
}

/* RFC 4724 2 */
int bgp_msg_build_eor(uint16_t afi, uint8_t safi, uint8_t *buf, size_t size)
{
	size_t attrs_at, mp;
	struct wbuf w;

	bgp_msg_begin(&w, buf, size, BGP_MSG_UPDATE);
	put_be16(&w, 0);
	attrs_at = w.len;
	put_be16(&w, 0);
	if (afi != BGP_AFI_IPV4 || safi != BGP_SAFI_UNICAST) {
		mp = bgp_attr_begin(&w, BGP_ATTR_FLAG_OPTIONAL,
				    BGP_ATTR_MP_UNREACH_NLRI);
		put_be16(&w, afi);
		put_u8(&w, safi);
		bgp_attr_end(&w, mp);
		set_field_len(&w, attrs_at);
	}
	return bgp_msg_end(&w);
}
