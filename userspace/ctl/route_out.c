// SPDX-License-Identifier: GPL-2.0
/* How podnetctl prints routes. */
#include <string.h>

#include "ctl.h"

/* What route add takes back, then what only the kernel knows. */
void ctl_route_text(FILE *f, const struct podnet_route *rt)
{
	char dst[CTL_PREFIX_STRLEN], via[INET6_ADDRSTRLEN], mac[CTL_MAC_STRLEN];

	ctl_format_prefix(&rt->dst, rt->plen, dst);
	ctl_format_addr(&rt->via, via);
	fprintf(f, "%s via %s encap %s", dst, via,
		podnet_encap_to_string(rt->encap));
	if (rt->has_mac) {
		ctl_format_mac(rt->mac, mac);
		fprintf(f, " mac %s", mac);
	}
	fprintf(f, " generation %u", rt->generation);
	if (rt->path != PODNET_ENCAP_DEFAULT)
		fprintf(f, " path %s", podnet_encap_to_string(rt->path));
	fputc('\n', f);
}

json_t *ctl_route_json(const struct podnet_route *rt)
{
	char dst[CTL_PREFIX_STRLEN], via[INET6_ADDRSTRLEN], mac[CTL_MAC_STRLEN];

	ctl_format_prefix(&rt->dst, rt->plen, dst);
	ctl_format_addr(&rt->via, via);
	if (rt->has_mac)
		ctl_format_mac(rt->mac, mac);
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I, s:s?}",
			 "dst", dst,
			 "family", rt->dst.family == AF_INET6 ? "inet6" : "inet",
			 "via", via,
			 "encap", podnet_encap_to_string(rt->encap),
			 "mac", rt->has_mac ? mac : NULL,
			 "generation", (json_int_t)rt->generation,
			 "path", rt->path != PODNET_ENCAP_DEFAULT ?
				 podnet_encap_to_string(rt->path) : NULL);
}

int ctl_route_compare(const void *a, const void *b)
{
	const struct podnet_route *x = a, *y = b;
	int d;

	if (x->dst.family != y->dst.family)
		return x->dst.family == AF_INET ? -1 : 1;
	d = x->dst.family == AF_INET ?
		memcmp(&x->dst.v4, &y->dst.v4, sizeof(x->dst.v4)) :
		memcmp(&x->dst.v6, &y->dst.v6, sizeof(x->dst.v6));
	return d ? d : (int)x->plen - (int)y->plen;
}
