// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "ctl.h"

bool ctl_addr_is_unicast(const struct podnet_addr *addr)
{
	if (addr->family == AF_INET6)
		return !IN6_IS_ADDR_UNSPECIFIED(&addr->v6) &&
		       !IN6_IS_ADDR_MULTICAST(&addr->v6);
	return addr->v4.s_addr != htonl(INADDR_ANY) &&
	       addr->v4.s_addr != htonl(INADDR_BROADCAST) &&
	       !IN_MULTICAST(ntohl(addr->v4.s_addr));
}

/*
 * What inet_pton(AF_INET) takes, four decimal octets without leading
 * zeroes, at a fraction of its cost: a route batch has two addresses a
 * line, and 100k lines under emulation made inet_pton() a fifth of it.
 */
static int parse_ipv4(const char *s, struct in_addr *addr)
{
	uint32_t v = 0, octet;
	int i, digits;

	for (i = 0; i < 4; i++) {
		if (i && *s++ != '.')
			return -EINVAL;
		octet = 0;
		for (digits = 0; *s >= '0' && *s <= '9'; digits++, s++) {
			if (digits == 3 || (digits == 1 && !octet))
				return -EINVAL;
			octet = octet * 10 + (*s - '0');
		}
		if (!digits || octet > 255)
			return -EINVAL;
		v = v << 8 | octet;
	}
	if (*s)
		return -EINVAL;
	addr->s_addr = htonl(v);
	return 0;
}

int ctl_parse_addr(const char *s, struct podnet_addr *addr)
{
	if (!parse_ipv4(s, &addr->v4))
		addr->family = AF_INET;
	else if (inet_pton(AF_INET6, s, &addr->v6) == 1)
		addr->family = AF_INET6;
	else
		return -EINVAL;
	return 0;
}

/* An endpoint is one pod's address: "/32" or "/128" may say so, no other. */
int ctl_parse_host_addr(const char *s, struct podnet_addr *addr,
			char *errbuf, size_t errlen)
{
	const char *slash = strchr(s, '/');
	char text[INET6_ADDRSTRLEN];
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	struct podnet_addr parsed = { 0 };
	const char *host_prefix;

	if (len >= sizeof(text)) {
		snprintf(errbuf, errlen, "bad address '%s'", s);
		return -EINVAL;
	}
	memcpy(text, s, len);
	text[len] = '\0';
	if (ctl_parse_addr(text, &parsed)) {
		snprintf(errbuf, errlen, "bad address '%s'", s);
		return -EINVAL;
	}
	host_prefix = parsed.family == AF_INET ? "32" : "128";
	if (slash && strcmp(slash + 1, host_prefix)) {
		snprintf(errbuf, errlen,
			 "bad prefix '/%s' in '%s': an endpoint is one address (/%s)",
			 slash + 1, s, host_prefix);
		return -EINVAL;
	}
	if (!ctl_addr_is_unicast(&parsed)) {
		snprintf(errbuf, errlen,
			 "bad address '%s': not a unicast host address", s);
		return -EINVAL;
	}
	*addr = parsed;
	return 0;
}

static int hex_value(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* Six groups of one or two hex digits, separated by colons. */
static int parse_mac_groups(const char *s, uint8_t mac[PODNET_MAC_LEN])
{
	int i, digits;

	for (i = 0; i < PODNET_MAC_LEN; i++) {
		if (i && *s++ != ':')
			return -EINVAL;
		mac[i] = 0;
		for (digits = 0; isxdigit((unsigned char)*s); digits++, s++) {
			if (digits == 2)
				return -EINVAL;
			mac[i] = mac[i] << 4 | hex_value(*s);
		}
		if (!digits)
			return -EINVAL;
	}
	return *s ? -EINVAL : 0;
}

int ctl_parse_mac(const char *s, uint8_t mac[PODNET_MAC_LEN],
		  char *errbuf, size_t errlen)
{
	static const uint8_t zero[PODNET_MAC_LEN];
	uint8_t parsed[PODNET_MAC_LEN];

	if (parse_mac_groups(s, parsed)) {
		snprintf(errbuf, errlen, "bad MAC '%s'", s);
		return -EINVAL;
	}
	/* A pod's own address: the group bit or all zeroes is a mistake. */
	if ((parsed[0] & 1) || !memcmp(parsed, zero, sizeof(zero))) {
		snprintf(errbuf, errlen, "bad MAC '%s': not a unicast address", s);
		return -EINVAL;
	}
	memcpy(mac, parsed, sizeof(parsed));
	return 0;
}

void ctl_format_addr(const struct podnet_addr *addr,
		     char buf[INET6_ADDRSTRLEN])
{
	const void *bytes = addr->family == AF_INET6 ? (const void *)&addr->v6 :
						       (const void *)&addr->v4;

	if (!inet_ntop(addr->family, bytes, buf, INET6_ADDRSTRLEN))
		snprintf(buf, INET6_ADDRSTRLEN, "?");
}

void ctl_format_mac(const uint8_t mac[PODNET_MAC_LEN],
		    char buf[CTL_MAC_STRLEN])
{
	snprintf(buf, CTL_MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}
