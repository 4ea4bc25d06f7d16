// SPDX-License-Identifier: GPL-2.0
/*
 * Prefixes as RFC 4271 4.3 and RFC 4760 5 encode them: a length in bits,
 * then just enough octets to hold that many bits.
 */
#include <errno.h>
#include <string.h>

#include "codec.h"

static int afi_bits(uint16_t afi)
{
	switch (afi) {
	case BGP_AFI_IPV4:
		return 32;
	case BGP_AFI_IPV6:
		return 128;
	default:
		return -1;
	}
}

/*
 * RFC 7606 5.3: a prefix longer than its family allows, or one running
 * past the field, makes the field syntactically incorrect.
 */
int bgp_nlri_check(const uint8_t *p, size_t len, struct bgp_nlri *nlri)
{
	int max = afi_bits(nlri->afi);
	size_t off = 0;

	nlri->data = p;
	nlri->size = len;
	nlri->count = 0;
	while (off < len) {
		int bits = p[off++];
		size_t octets = (bits + 7) / 8;

		if (bits > max || len - off < octets)
			return -1;
		off += octets;
		nlri->count++;
	}
	return 0;
}

bool bgp_nlri_next(const struct bgp_nlri *nlri, uint16_t *off,
		   struct bgp_prefix *prefix)
{
	uint8_t bits;
	size_t octets;

	if (*off >= nlri->size)
		return false;
	bits = nlri->data[*off];
	octets = (bits + 7) / 8;
	memset(prefix, 0, sizeof(*prefix));
	prefix->afi = nlri->afi;
	prefix->len = bits;
	memcpy(prefix->addr, nlri->data + *off + 1, octets);
	/* RFC 4271 4.3: the trailing bits are irrelevant, so cleared */
	if (bits % 8)
		prefix->addr[octets - 1] &= 0xff << (8 - bits % 8);
	*off += 1 + octets;
	return true;
}

int bgp_prefix_wire_len(const struct bgp_prefix *prefix)
{
	if (prefix->len > afi_bits(prefix->afi))
		return -EINVAL;
	return 1 + (prefix->len + 7) / 8;
}

void bgp_prefix_put(struct wbuf *w, const struct bgp_prefix *prefix)
{
	size_t octets = (prefix->len + 7) / 8;
	uint8_t *p;

	put_u8(w, prefix->len);
	p = wbuf_reserve(w, octets);
	if (!p || !octets)
		return;
	memcpy(p, prefix->addr, octets);
	if (prefix->len % 8)
		p[octets - 1] &= 0xff << (8 - prefix->len % 8);
}
