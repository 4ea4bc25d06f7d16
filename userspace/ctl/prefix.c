// SPDX-License-Identifier: GPL-2.0
/* Route prefixes, "10.244.1.0/24" and "fd00:1::/64", both ways. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"

static unsigned int max_plen(const struct podnet_addr *addr)
{
	return addr->family == AF_INET ? 32 : 128;
}

/* Bits past plen, which a prefix must not have. */
static bool host_bits_set(const struct podnet_addr *addr, unsigned int plen)
{
	const uint8_t *bytes = addr->family == AF_INET ?
		(const uint8_t *)&addr->v4 : addr->v6.s6_addr;
	unsigned int i, n = max_plen(addr) / 8;

	for (i = plen / 8; i < n; i++) {
		uint8_t host = i == plen / 8 ? 0xff >> (plen % 8) : 0xff;

		if (bytes[i] & host)
			return true;
	}
	return false;
}

static void clear_host_bits(struct podnet_addr *addr, unsigned int plen)
{
	uint8_t *bytes = addr->family == AF_INET ?
		(uint8_t *)&addr->v4 : addr->v6.s6_addr;
	unsigned int i, n = max_plen(addr) / 8;

	for (i = plen / 8; i < n; i++)
		bytes[i] &= i == plen / 8 ? ~(0xff >> (plen % 8)) : 0;
}

int ctl_parse_prefix(const char *s, struct podnet_addr *addr, uint8_t *plen,
		     bool *has_plen, char *errbuf, size_t errlen)
{
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	char text[INET6_ADDRSTRLEN], hint[CTL_PREFIX_STRLEN];
	struct podnet_addr parsed = { 0 };
	uint32_t n;

	if (len >= sizeof(text)) {
		snprintf(errbuf, errlen, "bad prefix '%s'", s);
		return -EINVAL;
	}
	memcpy(text, s, len);
	text[len] = '\0';
	if (ctl_parse_addr(text, &parsed)) {
		snprintf(errbuf, errlen, "bad prefix '%s'", s);
		return -EINVAL;
	}
	n = max_plen(&parsed);
	/* "/07" reads as 7 elsewhere, and as a mistake here. */
	if (slash && (ctl_parse_u32(slash + 1, 0, n, &n) ||
		      (slash[1] == '0' && slash[2]))) {
		snprintf(errbuf, errlen, "bad prefix length '/%s' in '%s': 0 to %u",
			 slash + 1, s, max_plen(&parsed));
		return -EINVAL;
	}
	if (host_bits_set(&parsed, n)) {
		clear_host_bits(&parsed, n);
		ctl_format_prefix(&parsed, n, hint);
		snprintf(errbuf, errlen,
			 "bad prefix '%s': bits set past the length (%s?)", s,
			 hint);
		return -EINVAL;
	}
	*addr = parsed;
	*plen = n;
	*has_plen = slash != NULL;
	return 0;
}

void ctl_format_prefix(const struct podnet_addr *addr, uint8_t plen,
		       char buf[CTL_PREFIX_STRLEN])
{
	char text[INET6_ADDRSTRLEN];

	ctl_format_addr(addr, text);
	snprintf(buf, CTL_PREFIX_STRLEN, "%s/%u", text, plen);
}
