// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "overlay.h"

const struct podnet_overlay_attrs podnet_link_overlay_attrs = {
	.encap = IFLA_PODNET_ENCAP,
	.cross_subnet = IFLA_PODNET_CROSS_SUBNET,
	.vni = IFLA_PODNET_VNI,
	.vxlan_port = IFLA_PODNET_VXLAN_PORT,
	.local4 = IFLA_PODNET_LOCAL4,
	.local6 = IFLA_PODNET_LOCAL6,
	.underlay = IFLA_PODNET_UNDERLAY,
	.routes_max = IFLA_PODNET_ROUTES_MAX,
};

const struct podnet_overlay_attrs podnet_genl_overlay_attrs = {
	.encap = PODNET_A_ENCAP,
	.cross_subnet = PODNET_A_CROSS_SUBNET,
	.vni = PODNET_A_VNI,
	.vxlan_port = PODNET_A_VXLAN_PORT,
	.local4 = PODNET_A_LOCAL4,
	.local6 = PODNET_A_LOCAL6,
	.underlay = PODNET_A_UNDERLAY,
	.routes_max = PODNET_A_ROUTES_MAX,
};

int podnet_overlay_put(struct nl_msg *msg, const struct podnet_overlay_attrs *a,
		       const struct podnet_overlay_params *p)
{
	int err = 0;

	if (p->encap_set)
		err = nla_put_u32(msg, a->encap, p->encap);
	if (!err && p->cross_subnet_set)
		err = nla_put_u8(msg, a->cross_subnet, p->cross_subnet);
	if (!err && p->vni_set)
		err = nla_put_u32(msg, a->vni, p->vni);
	if (!err && p->vxlan_port_set)
		err = nla_put_u16(msg, a->vxlan_port, p->vxlan_port);
	if (!err && p->local4_set)
		err = nla_put(msg, a->local4, sizeof(p->local4), &p->local4);
	if (!err && p->local6_set)
		err = nla_put(msg, a->local6, sizeof(p->local6), &p->local6);
	if (!err && p->underlay_set)
		err = nla_put_u32(msg, a->underlay, p->underlay);
	if (!err && p->routes_max_set)
		err = nla_put_u32(msg, a->routes_max, p->routes_max);
	return err;
}

static bool sized(const struct nlattr *nla, int len)
{
	return nla && nla_len(nla) == len;
}

int podnet_overlay_get(struct nlattr *const *tb,
		       const struct podnet_overlay_attrs *a,
		       struct podnet_overlay *out)
{
	const struct nlattr *local4 = tb[a->local4], *local6 = tb[a->local6];
	const struct nlattr *underlay = tb[a->underlay];
	struct podnet_overlay o = { 0 };
	uint32_t v;

	if (!sized(tb[a->encap], 4) || !sized(tb[a->cross_subnet], 1) ||
	    !sized(tb[a->vni], 4) || !sized(tb[a->vxlan_port], 2) ||
	    !sized(tb[a->routes_max], 4) ||
	    (local4 && !sized(local4, sizeof(o.local4))) ||
	    (local6 && !sized(local6, sizeof(o.local6))) ||
	    (underlay && !sized(underlay, 4)))
		return -EBADMSG;
	o.encap = nla_get_u32(tb[a->encap]);
	v = nla_get_u8(tb[a->cross_subnet]);
	if ((unsigned int)o.encap > PODNET_ENCAP_MAX || v > 1)
		return -EBADMSG;
	o.cross_subnet = v;
	o.vni = nla_get_u32(tb[a->vni]);
	o.vxlan_port = nla_get_u16(tb[a->vxlan_port]);
	o.routes_max = nla_get_u32(tb[a->routes_max]);
	if (local4) {
		memcpy(&o.local4, nla_data(local4), sizeof(o.local4));
		o.has_local4 = o.local4.s_addr != INADDR_ANY;
	}
	if (local6) {
		memcpy(&o.local6, nla_data(local6), sizeof(o.local6));
		o.has_local6 = !IN6_IS_ADDR_UNSPECIFIED(&o.local6);
	}
	if (underlay) {
		v = nla_get_u32(underlay);
		if (v > INT_MAX)
			return -EBADMSG;
		o.underlay = v;
	}
	*out = o;
	return 0;
}
