// SPDX-License-Identifier: GPL-2.0
/*
 * Capabilities, RFC 5492: code, length, value triples in an OPEN's
 * optional parameter of type 2. Unknown ones are kept as they came.
 */
#include "codec.h"

static int cap_multiprotocol(struct bgp_caps *caps, const uint8_t *v,
			     uint8_t len)
{
	struct bgp_afi_safi family;
	int i;

	/* RFC 4760 8: AFI, a reserved octet, SAFI */
	if (len != 4)
		return -1;
	family.afi = get_be16(v);
	family.safi = v[3];
	for (i = 0; i < caps->n_families; i++)
		if (caps->families[i].afi == family.afi &&
		    caps->families[i].safi == family.safi)
			return 0;
	/* past the bound only families nobody here speaks could be lost */
	if (caps->n_families < BGP_MAX_FAMILIES)
		caps->families[caps->n_families++] = family;
	return 0;
}

static int cap_graceful_restart(struct bgp_caps *caps, const uint8_t *v,
				uint8_t len)
{
	struct bgp_gr *gr = &caps->gr;
	int i;

	if (len < 2 || (len - 2) % 4)
		return -1;
	/* RFC 4724 3: all but the last instance are ignored */
	caps->graceful_restart = true;
	gr->flags = v[0] >> 4;
	gr->time = get_be16(v) & BGP_GR_TIME_MAX;
	gr->count = (len - 2) / 4;
	for (i = 0; i < gr->count; i++) {
		const uint8_t *f = v + 2 + 4 * i;

		gr->families[i].afi = get_be16(f);
		gr->families[i].safi = f[2];
		gr->families[i].flags = f[3];
	}
	return 0;
}

static void cap_unknown(struct bgp_caps *caps, uint8_t code,
			const uint8_t *v, uint8_t len)
{
	struct bgp_raw_cap *raw;

	if (caps->n_unknown == BGP_MAX_UNKNOWN_CAPS) {
		caps->n_unknown_skipped++;
		return;
	}
	raw = &caps->unknown[caps->n_unknown++];
	raw->code = code;
	raw->len = len;
	raw->value = v;
}

static int cap_parse(struct bgp_caps *caps, uint8_t code, const uint8_t *v,
		     uint8_t len)
{
	switch (code) {
	case BGP_CAP_MULTIPROTOCOL:
		return cap_multiprotocol(caps, v, len);
	case BGP_CAP_ROUTE_REFRESH:
		caps->route_refresh = true;
		return len ? -1 : 0;
	case BGP_CAP_ENHANCED_RR:
		caps->enhanced_route_refresh = true;
		return len ? -1 : 0;
	case BGP_CAP_AS4:
		if (len != 4)
			return -1;
		caps->as4 = true;
		caps->asn = get_be32(v);
		return 0;
	case BGP_CAP_GRACEFUL_RESTART:
		return cap_graceful_restart(caps, v, len);
	default:
		cap_unknown(caps, code, v, len);
		return 0;
	}
}

/* Returns -1 if a triple overruns the parameter or a known one is bad. */
int bgp_caps_parse(const uint8_t *p, size_t len, struct bgp_caps *caps)
{
	size_t off = 0;

	while (off < len) {
		uint8_t code, cap_len;

		if (len - off < 2)
			return -1;
		code = p[off];
		cap_len = p[off + 1];
		off += 2;
		if (len - off < cap_len)
			return -1;
		if (cap_parse(caps, code, p + off, cap_len))
			return -1;
		off += cap_len;
	}
	return 0;
}

static void put_gr(struct wbuf *w, const struct bgp_gr *gr)
{
	int i;

	put_u8(w, BGP_CAP_GRACEFUL_RESTART);
	put_u8(w, 2 + 4 * gr->count);
	put_be16(w, (gr->flags & 0xf) << 12 | (gr->time & BGP_GR_TIME_MAX));
	for (i = 0; i < gr->count; i++) {
		put_be16(w, gr->families[i].afi);
		put_u8(w, gr->families[i].safi);
		put_u8(w, gr->families[i].flags);
	}
}

void bgp_caps_put(struct wbuf *w, const struct bgp_caps *caps)
{
	int i;

	for (i = 0; i < caps->n_families; i++) {
		put_u8(w, BGP_CAP_MULTIPROTOCOL);
		put_u8(w, 4);
		put_be16(w, caps->families[i].afi);
		put_u8(w, 0);
		put_u8(w, caps->families[i].safi);
	}
	if (caps->route_refresh) {
		put_u8(w, BGP_CAP_ROUTE_REFRESH);
		put_u8(w, 0);
	}
	if (caps->enhanced_route_refresh) {
		put_u8(w, BGP_CAP_ENHANCED_RR);
		put_u8(w, 0);
	}
	if (caps->as4) {
		put_u8(w, BGP_CAP_AS4);
		put_u8(w, 4);
		put_be32(w, caps->asn);
	}
	if (caps->graceful_restart)
		put_gr(w, &caps->gr);
	for (i = 0; i < caps->n_unknown; i++) {
		put_u8(w, caps->unknown[i].code);
		put_u8(w, caps->unknown[i].len);
		put_bytes(w, caps->unknown[i].value, caps->unknown[i].len);
	}
}
