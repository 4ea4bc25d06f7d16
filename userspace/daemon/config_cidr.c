// SPDX-License-Identifier: GPL-2.0
/* Addresses and prefixes of the configuration. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "config_priv.h"

static uint8_t *addr_bytes(struct podnet_addr *a)
{
	return a->family == AF_INET ? (uint8_t *)&a->v4 : a->v6.s6_addr;
}

static const uint8_t *addr_cbytes(const struct podnet_addr *a)
{
	return a->family == AF_INET ? (const uint8_t *)&a->v4 : a->v6.s6_addr;
}

static unsigned int addr_bits(const struct podnet_addr *a)
{
	return a->family == AF_INET ? 32 : 128;
}

int config_addr_parse(const char *s, struct podnet_addr *out)
{
	struct podnet_addr a = { .family = strchr(s, ':') ? AF_INET6 : AF_INET };

	if (inet_pton(a.family, s, addr_bytes(&a)) != 1)
		return -EINVAL;
	*out = a;
	return 0;
}

/* Decimal without sign or leading zeros, at most max. */
static int parse_plen(const char *s, unsigned int max, uint8_t *out)
{
	unsigned int v = 0;
	size_t i, len = strlen(s);

	if (!len || len > 3 || (s[0] == '0' && len > 1))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int config_cidr_parse_any(const char *s, struct podnetd_cidr *out)
{
	const char *slash = strchr(s, '/');
	char addr[INET6_ADDRSTRLEN];
	struct podnetd_cidr c;

	if (!slash || (size_t)(slash - s) >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, slash - s);
	addr[slash - s] = '\0';
	if (config_addr_parse(addr, &c.addr) ||
	    parse_plen(slash + 1, addr_bits(&c.addr), &c.plen))
		return -EINVAL;
	*out = c;
	return 0;
}

void config_cidr_mask(struct podnetd_cidr *c)
{
	uint8_t *b = addr_bytes(&c->addr);
	unsigned int i, n = addr_bits(&c->addr) / 8;

	for (i = c->plen / 8; i < n; i++)
		b[i] &= i == c->plen / 8 ? 0xff << (8 - c->plen % 8) : 0;
}

int podnetd_cidr_parse(const char *s, struct podnetd_cidr *out)
{
	struct podnetd_cidr c, masked;

	if (config_cidr_parse_any(s, &c))
		return -EINVAL;
	masked = c;
	config_cidr_mask(&masked);
	if (!podnet_addr_equal(&c.addr, &masked.addr))
		return -EINVAL;
	*out = c;
	return 0;
}

bool podnetd_cidr_contains(const struct podnetd_cidr *outer,
			   const struct podnet_addr *addr, uint8_t plen)
{
	const uint8_t *a = addr_cbytes(&outer->addr), *b = addr_cbytes(addr);
	unsigned int whole = outer->plen / 8, rest = outer->plen % 8;

	if (addr->family != outer->addr.family || plen < outer->plen ||
	    memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (0xff << (8 - rest)));
}

const char *config_addr_str(const struct podnet_addr *a,
			    char buf[INET6_ADDRSTRLEN])
{
	inet_ntop(a->family, addr_cbytes(a), buf, INET6_ADDRSTRLEN);
	return buf;
}

const char *config_cidr_str(const struct podnetd_cidr *c,
			    char buf[CONFIG_CIDR_STRLEN])
{
	char addr[INET6_ADDRSTRLEN];

	snprintf(buf, CONFIG_CIDR_STRLEN, "%s/%u",
		 config_addr_str(&c->addr, addr), c->plen);
	return buf;
}
