// SPDX-License-Identifier: GPL-2.0
/*
 * The words of one route, the same on the command line and in a batch:
 *   PREFIX via ADDRESS [encap E] [mac MAC] [generation N] [replace]
 *   PREFIX
 */
#include <errno.h>
#include <string.h>

#include "ctl.h"

static int arg_prefix(struct ctl_args *a, struct podnet_route *rt)
{
	const char *s = ctl_arg_next(a);
	bool has_plen;

	if (!s)
		return ctl_usage_error(a, "missing prefix");
	return ctl_parse_prefix(s, &rt->dst, &rt->plen, &has_plen, a->errbuf,
				a->errlen);
}

static int parse_via(struct ctl_args *a, const char *s, struct podnet_route *rt)
{
	if (ctl_parse_addr(s, &rt->via))
		return ctl_usage_error(a, "bad via address '%s'", s);
	if (!ctl_addr_is_unicast(&rt->via))
		return ctl_usage_error(a, "bad via address '%s': not a unicast address",
				       s);
	return 0;
}

static int parse_encap(struct ctl_args *a, const char *s,
		       struct podnet_route *rt)
{
	if (podnet_encap_from_string(s, &rt->encap))
		return ctl_usage_error(a, "bad encap '%s': default, direct, vxlan or ipip",
				       s);
	return 0;
}

int ctl_parse_generation(struct ctl_args *a, const char *key, uint32_t *gen)
{
	const char *s;
	int err;

	err = ctl_arg_value(a, key, &s);
	if (!err && ctl_parse_u32(s, 0, UINT32_MAX, gen))
		err = ctl_usage_error(a, "bad generation '%s': 0 to %u", s,
				      UINT32_MAX);
	return err;
}

/* Each option once; seen has a bit per option. */
enum { VIA, ENCAP, MAC, GENERATION, REPLACE };

static int parse_add_option(struct ctl_args *a, const char *key,
			    unsigned int *seen, struct podnet_route *rt,
			    struct podnet_route_change *change)
{
	static const char *const names[] = {
		[VIA] = "via", [ENCAP] = "encap", [MAC] = "mac",
		[GENERATION] = "generation", [REPLACE] = "replace",
	};
	const char *s = NULL;
	unsigned int i;
	int err = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(key, names[i]))
			break;
	if (i == sizeof(names) / sizeof(names[0]))
		return ctl_usage_error(a, "unknown route option '%s': via, encap, mac, generation or replace",
				       key);
	if (*seen & 1U << i)
		return ctl_usage_error(a, "%s given twice", key);
	*seen |= 1U << i;
	if (i != REPLACE && i != GENERATION)
		err = ctl_arg_value(a, key, &s);
	if (err)
		return err;
	switch (i) {
	case VIA:
		return parse_via(a, s, rt);
	case ENCAP:
		return parse_encap(a, s, rt);
	case MAC:
		rt->has_mac = true;
		return ctl_parse_mac(s, rt->mac, a->errbuf, a->errlen);
	case GENERATION:
		return ctl_parse_generation(a, key, &change->generation);
	}
	change->replace = true;
	return 0;
}

int ctl_parse_route_add(struct ctl_args *a, struct podnet_route *rt,
			struct podnet_route_change *change)
{
	unsigned int seen = 0;
	const char *key;
	int err;

	*rt = (struct podnet_route){ 0 };
	*change = (struct podnet_route_change){ 0 };
	err = arg_prefix(a, rt);
	while (!err && (key = ctl_arg_next(a)))
		err = parse_add_option(a, key, &seen, rt, change);
	if (!err && !(seen & 1U << VIA))
		err = ctl_usage_error(a, "missing via ADDRESS");
	/* The outer header of IPIP is IPv4 (protocol 4 or 41). */
	if (!err && rt->encap == PODNET_ENCAP_IPIP && rt->via.family != AF_INET)
		err = ctl_usage_error(a, "encap ipip needs an IPv4 via address");
	return err;
}

int ctl_parse_route_del(struct ctl_args *a, struct podnet_route *rt)
{
	int err;

	*rt = (struct podnet_route){ 0 };
	err = arg_prefix(a, rt);
	return err ? err : ctl_arg_end(a);
}
