/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internal to libpodnet: a device's overlay settings, which rtnetlink
 * (IFLA_PODNET_*) and the podnet family (PODNET_A_*) carry alike, under
 * different attribute types.
 */
#ifndef PODNET_OVERLAY_H
#define PODNET_OVERLAY_H

#include <stdint.h>

#include "podnet.h"

struct nl_msg;
struct nlattr;

/* The attribute type of each setting. */
struct podnet_overlay_attrs {
	uint16_t encap;
	uint16_t cross_subnet;
	uint16_t vni;
	uint16_t vxlan_port;
	uint16_t local4;
	uint16_t local6;
	uint16_t underlay;
	uint16_t routes_max;
};

extern const struct podnet_overlay_attrs podnet_link_overlay_attrs;
extern const struct podnet_overlay_attrs podnet_genl_overlay_attrs;

/* The settings p marks as set; a libnl error when out of room. */
int podnet_overlay_put(struct nl_msg *msg, const struct podnet_overlay_attrs *a,
		       const struct podnet_overlay_params *p);
/*
 * From attributes indexed by type, sizes unchecked (they are checked
 * here): -EBADMSG when one the module always reports is missing, or any is
 * malformed. The unspecified address reads as no local address.
 */
int podnet_overlay_get(struct nlattr *const *tb,
		       const struct podnet_overlay_attrs *a,
		       struct podnet_overlay *out);

#endif /* PODNET_OVERLAY_H */
