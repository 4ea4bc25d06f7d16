// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: podnetctl's command line, as NUL-separated words, and the
 * whole input as an address, a prefix and a MAC. What parses must print
 * and parse back to the same thing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "ctl.h"

#define MAX_WORDS 16

static void check_addr(const char *s)
{
	struct podnet_addr addr, again;
	char text[INET6_ADDRSTRLEN], err[256];

	if (ctl_parse_host_addr(s, &addr, err, sizeof(err)))
		return;
	ctl_format_addr(&addr, text);
	if (ctl_parse_host_addr(text, &again, err, sizeof(err)) ||
	    again.family != addr.family ||
	    memcmp(&again.v6, &addr.v6,
		   addr.family == AF_INET ? sizeof(addr.v4) : sizeof(addr.v6)))
		__builtin_trap();
}

/* podnetctl's own IPv4 parser takes exactly what inet_pton() takes. */
static void check_ipv4(const char *s)
{
	struct podnet_addr addr;
	struct in_addr want;
	bool ours = !ctl_parse_addr(s, &addr) && addr.family == AF_INET;
	bool libc = inet_pton(AF_INET, s, &want) == 1;

	if (ours != libc || (ours && addr.v4.s_addr != want.s_addr))
		__builtin_trap();
}

static void check_prefix(const char *s)
{
	struct podnet_addr addr, again;
	char text[CTL_PREFIX_STRLEN], err[256];
	bool has_plen, again_has_plen;
	uint8_t plen, again_plen;

	if (ctl_parse_prefix(s, &addr, &plen, &has_plen, err, sizeof(err)))
		return;
	ctl_format_prefix(&addr, plen, text);
	if (ctl_parse_prefix(text, &again, &again_plen, &again_has_plen, err,
			     sizeof(err)) ||
	    again.family != addr.family || again_plen != plen ||
	    !again_has_plen ||
	    memcmp(&again.v6, &addr.v6,
		   addr.family == AF_INET ? sizeof(addr.v4) : sizeof(addr.v6)))
		__builtin_trap();
}

static void check_mac(const char *s)
{
	uint8_t mac[PODNET_MAC_LEN], again[PODNET_MAC_LEN];
	char text[CTL_MAC_STRLEN], err[256];

	if (ctl_parse_mac(s, mac, err, sizeof(err)))
		return;
	ctl_format_mac(mac, text);
	if (ctl_parse_mac(text, again, err, sizeof(err)) ||
	    memcmp(mac, again, sizeof(mac)))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words[MAX_WORDS + 2] = { "podnetctl" };
	char *text, *p, err[256];
	struct ctl_cmd cmd;
	int argc = 1;

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	check_addr(text);
	check_ipv4(text);
	check_prefix(text);
	check_mac(text);
	for (p = text; argc <= MAX_WORDS && p < text + size; p += strlen(p) + 1)
		words[argc++] = p;
	words[argc] = NULL;
	if (!ctl_parse(argc, words, &cmd, err, sizeof(err)) &&
	    cmd.op > CTL_OP_LAST)
		__builtin_trap();
	free(text);
	return 0;
}
