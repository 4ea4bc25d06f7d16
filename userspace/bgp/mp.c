// SPDX-License-Identifier: GPL-2.0
/*
 * MP_REACH_NLRI and MP_UNREACH_NLRI, RFC 4760 3 and 4. Families the codec
 * does not know are noted and left unparsed; faults in a known one disable
 * that family (RFC 4760 7, RFC 7606 7.11), or reset the session when not
 * even the family can be read.
 */
#include <string.h>

#include "codec.h"

#define MP_REACH_FIXED_LEN	5	/* AFI, SAFI, next hop len, reserved */
#define MP_UNREACH_FIXED_LEN	3	/* AFI, SAFI */

static bool family_read(struct update_parse *st, const uint8_t *a,
			size_t hdr, size_t len, struct bgp_nlri *nlri)
{
	if (len < MP_UNREACH_FIXED_LEN) {
		bgp_update_fail(st, BGP_UPDATE_SESSION_RESET, a[1],
				BGP_ERR_UPD_OPTIONAL_ATTR, a, hdr + len,
				"multiprotocol attribute too short");
		return false;
	}
	nlri->afi = get_be16(a + hdr);
	nlri->safi = a[hdr + 2];
	return true;
}

static void disable(struct update_parse *st, const uint8_t *a, size_t hdr,
		    size_t len, const struct bgp_nlri *nlri,
		    const char *reason)
{
	struct bgp_update_error *e = &st->u->error;

	if (bgp_update_fail(st, BGP_UPDATE_AFI_SAFI_DISABLE, a[1],
			    BGP_ERR_UPD_OPTIONAL_ATTR, a, hdr + len, reason)) {
		e->family.afi = nlri->afi;
		e->family.safi = nlri->safi;
	}
}

static bool nexthop_read(struct bgp_nexthop *nh, int family,
			 const uint8_t *p, uint8_t len)
{
	memset(nh, 0, sizeof(*nh));
	nh->len = len;
	if (family == BGP_FAMILY_IPV4_UNICAST) {
		if (len != 4)
			return false;
		memcpy(&nh->v4, p, 4);
		return true;
	}
	/* RFC 2545 3: a global address, maybe a link-local one after it */
	if (len != 16 && len != 32)
		return false;
	memcpy(&nh->global, p, 16);
	if (len == 32)
		memcpy(&nh->link_local, p + 16, 16);
	return true;
}

void bgp_mp_reach_parse(struct update_parse *st, const uint8_t *a,
			size_t hdr, size_t len)
{
	struct bgp_update *u = st->u;
	const uint8_t *v = a + hdr;
	size_t nh_len;
	int family;

	st->reachable_mp = true;
	if (!family_read(st, a, hdr, len, &u->mp_reach))
		return;
	family = bgp_family_of(u->mp_reach.afi, u->mp_reach.safi);
	if (family < 0) {
		u->attrs.present |= BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI);
		return;
	}
	nh_len = len > 3 ? v[3] : 0;
	if (len < MP_REACH_FIXED_LEN || len - MP_REACH_FIXED_LEN < nh_len) {
		disable(st, a, hdr, len, &u->mp_reach,
			"MP_REACH_NLRI next hop overruns it");
		return;
	}
	if (!nexthop_read(&u->mp_nexthop, family, v + 4, nh_len)) {
		disable(st, a, hdr, len, &u->mp_reach,
			"MP_REACH_NLRI next hop length wrong");
		return;
	}
	if (bgp_nlri_check(v + MP_REACH_FIXED_LEN + nh_len,
			   len - MP_REACH_FIXED_LEN - nh_len, &u->mp_reach)) {
		disable(st, a, hdr, len, &u->mp_reach,
			"MP_REACH_NLRI prefixes malformed");
		return;
	}
	if (family == BGP_FAMILY_IPV4_UNICAST &&
	    !bgp_ipv4_is_host((const uint8_t *)&u->mp_nexthop.v4))
		bgp_update_fail(st, BGP_UPDATE_TREAT_AS_WITHDRAW, a[1],
				BGP_ERR_UPD_NEXT_HOP, a, hdr + len,
				"MP_REACH_NLRI next hop not a host address");
	st->reachable_mp = u->mp_reach.count;
	u->attrs.present |= BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI);
}

void bgp_mp_unreach_parse(struct update_parse *st, const uint8_t *a,
			  size_t hdr, size_t len)
{
	struct bgp_update *u = st->u;

	if (!family_read(st, a, hdr, len, &u->mp_unreach))
		return;
	if (bgp_family_of(u->mp_unreach.afi, u->mp_unreach.safi) >= 0 &&
	    bgp_nlri_check(a + hdr + MP_UNREACH_FIXED_LEN,
			   len - MP_UNREACH_FIXED_LEN, &u->mp_unreach)) {
		disable(st, a, hdr, len, &u->mp_unreach,
			"MP_UNREACH_NLRI prefixes malformed");
		return;
	}
	st->mp_unreach_empty = len == MP_UNREACH_FIXED_LEN;
	u->attrs.present |= BGP_ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI);
}
