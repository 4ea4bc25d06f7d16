// SPDX-License-Identifier: GPL-2.0
/*
 * podnetctl set DEV [encap E] [cross-subnet on|off] [vni N] [port N]
 *                   [local ADDRESS] [underlay DEV|none] [routes-max N]
 * and how show prints them.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "ctl.h"

static int parse_encap(struct ctl_args *a, const char *s,
		       struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;

	if (p->encap_set)
		return ctl_usage_error(a, "encap given twice");
	/* A device's encap is how routes without their own go: never default. */
	if (podnet_encap_from_string(s, &p->encap) ||
	    p->encap == PODNET_ENCAP_DEFAULT)
		return ctl_usage_error(a, "bad encap '%s': vxlan, ipip or direct",
				       s);
	p->encap_set = true;
	return 0;
}

static int parse_cross_subnet(struct ctl_args *a, const char *s,
			      struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;

	if (p->cross_subnet_set)
		return ctl_usage_error(a, "cross-subnet given twice");
	if (strcmp(s, "on") && strcmp(s, "off"))
		return ctl_usage_error(a, "bad cross-subnet setting '%s': on or off",
				       s);
	p->cross_subnet = !strcmp(s, "on");
	p->cross_subnet_set = true;
	return 0;
}

static int parse_vni(struct ctl_args *a, const char *s,
		     struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;

	if (p->vni_set)
		return ctl_usage_error(a, "vni given twice");
	if (ctl_parse_u32(s, 0, PODNET_VNI_MAX, &p->vni))
		return ctl_usage_error(a, "bad vni '%s': 0 to %u", s,
				       PODNET_VNI_MAX);
	p->vni_set = true;
	return 0;
}

static int parse_port(struct ctl_args *a, const char *s,
		      struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;
	uint32_t v;

	if (p->vxlan_port_set)
		return ctl_usage_error(a, "port given twice");
	if (ctl_parse_u32(s, 1, UINT16_MAX, &v))
		return ctl_usage_error(a, "bad port '%s': 1 to %u", s,
				       UINT16_MAX);
	p->vxlan_port = v;
	p->vxlan_port_set = true;
	return 0;
}

/* The unspecified address gives the choice back to the underlay route. */
static int parse_local(struct ctl_args *a, const char *s,
		       struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;
	struct podnet_addr addr;
	bool unspecified;

	if (ctl_parse_addr(s, &addr))
		return ctl_usage_error(a, "bad local address '%s'", s);
	unspecified = addr.family == AF_INET ?
		addr.v4.s_addr == htonl(INADDR_ANY) :
		IN6_IS_ADDR_UNSPECIFIED(&addr.v6);
	if (!unspecified && !ctl_addr_is_unicast(&addr))
		return ctl_usage_error(a, "bad local address '%s': not a unicast address",
				       s);
	if (addr.family == AF_INET) {
		if (p->local4_set)
			return ctl_usage_error(a, "local IPv4 address given twice");
		p->local4 = addr.v4;
		p->local4_set = true;
	} else {
		if (p->local6_set)
			return ctl_usage_error(a, "local IPv6 address given twice");
		p->local6 = addr.v6;
		p->local6_set = true;
	}
	return 0;
}

/* The name is looked up when the command runs; "none" is ifindex 0. */
static int parse_underlay(struct ctl_args *a, const char *s,
			  struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;

	if (p->underlay_set)
		return ctl_usage_error(a, "underlay given twice");
	if (strcmp(s, "none") && !ctl_valid_ifname(s))
		return ctl_usage_error(a, "bad underlay name '%s'", s);
	cmd->underlay = strcmp(s, "none") ? s : NULL;
	p->underlay = 0;
	p->underlay_set = true;
	return 0;
}

static int parse_routes_max(struct ctl_args *a, const char *s,
			    struct ctl_cmd *cmd)
{
	struct podnet_overlay_params *p = &cmd->dev_params.overlay;

	if (p->routes_max_set)
		return ctl_usage_error(a, "routes-max given twice");
	if (ctl_parse_u32(s, 1, PODNET_ROUTES_MAX_LIMIT, &p->routes_max))
		return ctl_usage_error(a, "bad routes-max '%s': 1 to %u", s,
				       PODNET_ROUTES_MAX_LIMIT);
	p->routes_max_set = true;
	return 0;
}

static const struct {
	const char *name;
	int (*parse)(struct ctl_args *a, const char *s, struct ctl_cmd *cmd);
} settings[] = {
	{ "encap", parse_encap },
	{ "cross-subnet", parse_cross_subnet },
	{ "vni", parse_vni },
	{ "port", parse_port },
	{ "local", parse_local },
	{ "underlay", parse_underlay },
	{ "routes-max", parse_routes_max },
};

int ctl_parse_overlay(struct ctl_args *a, const char *key, struct ctl_cmd *cmd)
{
	const char *s;
	size_t i;
	int err;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		if (strcmp(key, settings[i].name))
			continue;
		err = ctl_arg_value(a, key, &s);
		return err ? err : settings[i].parse(a, s, cmd);
	}
	return -ENOENT;
}

bool ctl_overlay_any(const struct podnet_overlay_params *p)
{
	return p->encap_set || p->cross_subnet_set || p->vni_set ||
	       p->vxlan_port_set || p->local4_set || p->local6_set ||
	       p->underlay_set || p->routes_max_set;
}

int ctl_resolve_underlay(const struct ctl_cmd *cmd,
			 struct podnet_overlay_params *p,
			 char *errbuf, size_t errlen)
{
	if (!cmd->underlay)
		return 0;
	p->underlay = if_nametoindex(cmd->underlay);
	if (!p->underlay) {
		snprintf(errbuf, errlen, "no such underlay device '%s'",
			 cmd->underlay);
		return -ENODEV;
	}
	return 0;
}

static const char *underlay_label(const struct podnet_overlay *o,
				  const char *name, char buf[IF_NAMESIZE])
{
	return o->underlay ? ctl_iflabel(o->underlay, name, buf) : NULL;
}

void ctl_overlay_text(FILE *f, const struct podnet_overlay *o,
		      const char *underlay)
{
	char addr[INET6_ADDRSTRLEN], buf[IF_NAMESIZE];

	fprintf(f, "    encap %s cross-subnet %s vni %u port %u routes-max %u",
		podnet_encap_to_string(o->encap), o->cross_subnet ? "on" : "off",
		o->vni, o->vxlan_port, o->routes_max);
	if (o->has_local4)
		fprintf(f, " local %s", inet_ntop(AF_INET, &o->local4, addr,
						  sizeof(addr)));
	if (o->has_local6)
		fprintf(f, " local %s", inet_ntop(AF_INET6, &o->local6, addr,
						  sizeof(addr)));
	if (o->underlay)
		fprintf(f, " underlay %s", underlay_label(o, underlay, buf));
	fputc('\n', f);
}

int ctl_overlay_json(json_t *obj, const struct podnet_overlay *o,
		     const char *underlay)
{
	char local4[INET6_ADDRSTRLEN], local6[INET6_ADDRSTRLEN];
	char buf[IF_NAMESIZE];
	json_t *more;
	int err;

	inet_ntop(AF_INET, &o->local4, local4, sizeof(local4));
	inet_ntop(AF_INET6, &o->local6, local6, sizeof(local6));
	more = json_pack("{s:s, s:b, s:I, s:i, s:s?, s:s?, s:s?, s:i, s:I}",
			 "encap", podnet_encap_to_string(o->encap),
			 "cross_subnet", o->cross_subnet,
			 "vni", (json_int_t)o->vni,
			 "vxlan_port", o->vxlan_port,
			 "local4", o->has_local4 ? local4 : NULL,
			 "local6", o->has_local6 ? local6 : NULL,
			 "underlay", underlay_label(o, underlay, buf),
			 "underlay_ifindex", o->underlay,
			 "routes_max", (json_int_t)o->routes_max);
	if (!more)
		return -ENOMEM;
	err = json_object_update(obj, more);
	json_decref(more);
	return err ? -ENOMEM : 0;
}
