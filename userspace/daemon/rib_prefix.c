// SPDX-License-Identifier: GPL-2.0
/*
 * Prefixes and addresses as the RIB keeps them: every octet past what the
 * family and length use is zero, so they compare and hash as octets.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "rib_impl.h"

static int family_bits(int family)
{
	switch (family) {
	case AF_INET:
		return 32;
	case AF_INET6:
		return 128;
	default:
		return -1;
	}
}

static void clear_host_bits(struct rib_prefix *p)
{
	unsigned int i;

	for (i = 0; i < sizeof(p->addr); i++) {
		unsigned int first = i * 8;

		if (first >= p->plen)
			p->addr[i] = 0;
		else if (p->plen - first < 8)
			p->addr[i] &= 0xff << (8 - (p->plen - first));
	}
}

/* Clears the bits past plen; false for what is no IPv4 or IPv6 prefix. */
bool rib_prefix_normalize(struct rib_prefix *out, const struct rib_prefix *p)
{
	int bits = family_bits(p->family);

	if (bits < 0 || p->plen > bits)
		return false;
	*out = *p;
	clear_host_bits(out);
	return true;
}

/* A 64-bit multiply-xorshift mix: sequential prefixes spread well. */
uint32_t rib_prefix_hash(const struct rib_prefix *p)
{
	uint64_t w[2], h;

	memcpy(w, p->addr, sizeof(w));
	h = (uint64_t)p->family << 8 | p->plen;
	h = (h ^ w[0]) * 0x9e3779b97f4a7c15ULL;
	h ^= h >> 32;
	h = (h ^ w[1]) * 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	h *= 0x94d049bb133111ebULL;
	return h >> 32;
}

void rib_addr_normalize(struct podnet_addr *out, const struct podnet_addr *a)
{
	memset(out, 0, sizeof(*out));
	if (!a)
		return;
	out->family = a->family;
	if (a->family == AF_INET)
		out->v4 = a->v4;
	else if (a->family == AF_INET6)
		out->v6 = a->v6;
	else
		out->family = AF_UNSPEC;
}

/* IPv4 before IPv6, then by address; for the decision's last step */
int rib_addr_cmp(const struct podnet_addr *a, const struct podnet_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (a->family == AF_INET)
		return memcmp(&a->v4, &b->v4, sizeof(a->v4));
	if (a->family == AF_INET6)
		return memcmp(&a->v6, &b->v6, sizeof(a->v6));
	return 0;
}

void rib_prefix_from_bgp(struct rib_prefix *out, const struct bgp_prefix *in)
{
	out->family = in->afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET;
	out->plen = in->len;
	memcpy(out->addr, in->addr, sizeof(out->addr));
	clear_host_bits(out);
}

void rib_prefix_to_bgp(struct bgp_prefix *out, const struct rib_prefix *in)
{
	memset(out, 0, sizeof(*out));
	out->afi = in->family == AF_INET6 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
	out->len = in->plen;
	memcpy(out->addr, in->addr, sizeof(out->addr));
}

int rib_prefix_format(const struct rib_prefix *p, char *buf, size_t len)
{
	char addr[INET6_ADDRSTRLEN];
	int n;

	if (family_bits(p->family) < 0)
		return -EAFNOSUPPORT;
	if (!inet_ntop(p->family, p->addr, addr, sizeof(addr)))
		return -errno;
	n = snprintf(buf, len, "%s/%u", addr, p->plen);
	if (n < 0 || (size_t)n >= len)
		return -ENOSPC;
	return n;
}
