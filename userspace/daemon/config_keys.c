// SPDX-License-Identifier: GPL-2.0
/*
 * The keys of podnetd.yaml, section by section: what each value must be
 * and where it goes. Documentation/podnetd.md lists the same.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "config_priv.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BGP_PORT	179

/* The field a key writes, in struct podnetd_config or podnetd_peer. */
#define CFG(f)	.off = offsetof(struct podnetd_config, f), \
		.size = sizeof(((struct podnetd_config *)0)->f)
#define PEER(f)	.off = offsetof(struct podnetd_peer, f), \
		.size = sizeof(((struct podnetd_peer *)0)->f)

/* set_uint's arg: 0 is allowed besides min..max (a hold time). */
#define ZERO_TOO	1

static void *field(const struct config_key *key, void *base)
{
	return (char *)base + key->off;
}

static int set_section(struct config_ctx *ctx, const struct config_key *key,
		       yaml_node_t *node, void *base)
{
	return config_walk_map(ctx, node, key->keys, base);
}

static int set_uint(struct config_ctx *ctx, const struct config_key *key,
		    yaml_node_t *node, void *base)
{
	void *p = field(key, base);
	uint32_t v;

	if (config_uint(ctx, node, key->what,
			key->arg == ZERO_TOO ? 0 : key->min, key->max, &v))
		return -EINVAL;
	if (v && v < key->min)
		return config_bad(ctx, node, key->what);
	switch (key->size) {
	case sizeof(uint8_t):
		*(uint8_t *)p = v;
		break;
	case sizeof(uint16_t):
		*(uint16_t *)p = v;
		break;
	default:
		*(uint32_t *)p = v;
		break;
	}
	return 0;
}

static int set_bool(struct config_ctx *ctx, const struct config_key *key,
		    yaml_node_t *node, void *base)
{
	return config_bool(ctx, node, field(key, base));
}

/* A string that fits the field and passes key->valid. */
static int set_text(struct config_ctx *ctx, const struct config_key *key,
		    yaml_node_t *node, void *base)
{
	const char *s = config_string(ctx, node, key->what);

	if (!s)
		return -EINVAL;
	if (strlen(s) >= key->size || (key->valid && !key->valid(s)))
		return config_bad(ctx, node, key->what);
	memcpy(field(key, base), s, strlen(s) + 1);
	return 0;
}

static bool valid_node_name(const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-._", *p))
			return false;
	return p != s;
}

/* What the kernel's dev_valid_name() takes; the length is the field's. */
static bool valid_ifname(const char *s)
{
	return *s && strcmp(s, ".") && strcmp(s, "..") &&
	       !strpbrk(s, "/: \t\n\v\f\r");
}

static bool valid_abs_path(const char *s)
{
	return s[0] == '/';
}

/* A BGP identifier (RFC 6286: not 0), in host order. */
static int set_ipv4_id(struct config_ctx *ctx, const struct config_key *key,
		       yaml_node_t *node, void *base)
{
	const char *s = config_string(ctx, node, key->what);
	struct in_addr a;

	if (!s)
		return -EINVAL;
	if (inet_pton(AF_INET, s, &a) != 1 || !a.s_addr)
		return config_bad(ctx, node, key->what);
	*(uint32_t *)field(key, base) = ntohl(a.s_addr);
	return 0;
}

static int addr_value(struct config_ctx *ctx, yaml_node_t *node,
		      const char *what, struct podnet_addr *out)
{
	const char *s = config_string(ctx, node, what);

	if (!s)
		return -EINVAL;
	if (config_addr_parse(s, out))
		return config_bad(ctx, node, what);
	return 0;
}

static int set_addr(struct config_ctx *ctx, const struct config_key *key,
		    yaml_node_t *node, void *base)
{
	return addr_value(ctx, node, key->what, field(key, base));
}

static int cidr_value(struct config_ctx *ctx, yaml_node_t *node,
		      struct podnetd_cidr *out)
{
	const char *what = "a CIDR (address/length)";
	const char *s = config_string(ctx, node, what);
	char buf[CONFIG_CIDR_STRLEN];
	struct podnetd_cidr c;

	if (!s)
		return -EINVAL;
	if (config_cidr_parse_any(s, &c))
		return config_bad(ctx, node, what);
	*out = c;
	config_cidr_mask(out);
	if (!podnet_addr_equal(&c.addr, &out->addr))
		return config_error(ctx, node,
				    "%s has host bits set, did you mean %s?",
				    s, config_cidr_str(out, buf));
	return 0;
}

static const struct {
	const char *name;
	enum podnet_encap encap;
	bool cross_subnet;
} encaps[] = {
	{ "vxlan", PODNET_ENCAP_VXLAN, false },
	{ "ipip", PODNET_ENCAP_IPIP, false },
	{ "direct", PODNET_ENCAP_DIRECT, false },
	/* VXLAN to other subnets, direct within ours */
	{ "cross-subnet", PODNET_ENCAP_VXLAN, true },
};

static int set_encap(struct config_ctx *ctx, const struct config_key *key,
		     yaml_node_t *node, void *base)
{
	struct podnetd_config *cfg = base;
	const char *s = config_string(ctx, node, key->what);
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(encaps) && strcmp(s, encaps[i].name); i++)
		;
	if (i == ARRAY_SIZE(encaps))
		return config_bad(ctx, node, key->what);
	if (encaps[i].cross_subnet && ctx->cross_subnet_false)
		return config_error(ctx, node,
				    "cross-subnet, but device.cross-subnet is false");
	cfg->encap = encaps[i].encap;
	if (encaps[i].cross_subnet) {
		cfg->cross_subnet = true;
		ctx->encap_cross_subnet = true;
	}
	return 0;
}

static int set_cross_subnet(struct config_ctx *ctx,
			    const struct config_key *key, yaml_node_t *node,
			    void *base)
{
	struct podnetd_config *cfg = base;
	bool v;

	(void)key;
	if (config_bool(ctx, node, &v))
		return -EINVAL;
	if (!v && ctx->encap_cross_subnet)
		return config_error(ctx, node,
				    "false, but device.encap is cross-subnet");
	cfg->cross_subnet = v;
	ctx->cross_subnet_false = !v;
	return 0;
}

static int set_mtu(struct config_ctx *ctx, const struct config_key *key,
		   yaml_node_t *node, void *base)
{
	const char *s = config_string(ctx, node, key->what);

	if (!s)
		return -EINVAL;
	if (strcmp(s, "auto"))
		return set_uint(ctx, key, node, base);
	*(uint32_t *)field(key, base) = 0;
	return 0;
}

/* underlay: one way to find the address, whichever key names it. */
static int claim_underlay(struct config_ctx *ctx, yaml_node_t *node)
{
	if (ctx->underlay_given)
		return config_error(ctx, node,
				    "only one of address, interface, cidr and can-reach");
	ctx->underlay_given = true;
	return 0;
}

static int set_underlay_addr(struct config_ctx *ctx,
			     const struct config_key *key, yaml_node_t *node,
			     void *base)
{
	struct podnetd_underlay *u = &((struct podnetd_config *)base)->underlay;

	if (claim_underlay(ctx, node) ||
	    addr_value(ctx, node, key->what, &u->address))
		return -EINVAL;
	u->method = key->arg;
	return 0;
}

static int set_underlay_interface(struct config_ctx *ctx,
				  const struct config_key *key,
				  yaml_node_t *node, void *base)
{
	struct podnetd_underlay *u = &((struct podnetd_config *)base)->underlay;

	if (claim_underlay(ctx, node) || set_text(ctx, key, node, base))
		return -EINVAL;
	u->method = PODNETD_UNDERLAY_INTERFACE;
	return 0;
}

static int set_underlay_cidr(struct config_ctx *ctx,
			     const struct config_key *key, yaml_node_t *node,
			     void *base)
{
	struct podnetd_underlay *u = &((struct podnetd_config *)base)->underlay;

	(void)key;
	if (claim_underlay(ctx, node) || cidr_value(ctx, node, &u->cidr))
		return -EINVAL;
	u->method = PODNETD_UNDERLAY_CIDR;
	return 0;
}

struct cidr_list {
	struct podnetd_cidr *cidrs;
	size_t *n;
};

static int add_cidr(struct config_ctx *ctx, yaml_node_t *item, size_t i,
		    void *arg)
{
	struct cidr_list *list = arg;

	(void)i;
	if (*list->n == PODNETD_MAX_CIDRS)
		return config_error(ctx, item, "more than %d CIDRs",
				    PODNETD_MAX_CIDRS);
	if (cidr_value(ctx, item, &list->cidrs[*list->n]))
		return -EINVAL;
	(*list->n)++;
	return 0;
}

static int set_pod_cidrs(struct config_ctx *ctx, const struct config_key *key,
			 yaml_node_t *node, void *base)
{
	struct podnetd_config *cfg = base;
	struct cidr_list list = { cfg->pod_cidrs, &cfg->n_pod_cidrs };

	(void)key;
	return config_walk_list(ctx, node, add_cidr, &list);
}

static int set_cluster_cidrs(struct config_ctx *ctx,
			     const struct config_key *key, yaml_node_t *node,
			     void *base)
{
	struct podnetd_config *cfg = base;
	struct cidr_list list = { cfg->cluster_cidrs, &cfg->n_cluster_cidrs };

	(void)key;
	return config_walk_list(ctx, node, add_cidr, &list);
}

/* The next free peer, with what neither list sets: item i of a list. */
static struct podnetd_peer *new_peer(struct config_ctx *ctx,
				     struct podnetd_config *cfg,
				     yaml_node_t *item, size_t i, bool mesh)
{
	struct podnetd_peer *peer;

	if (cfg->n_peers == PODNETD_MAX_PEERS) {
		config_error(ctx, item,
			     "more than %d peers in bgp.mesh and bgp.peers",
			     PODNETD_MAX_PEERS);
		return NULL;
	}
	peer = &cfg->peers[cfg->n_peers];
	memset(peer, 0, sizeof(*peer));
	peer->port = BGP_PORT;
	peer->mesh = mesh;
	snprintf(peer->desc, sizeof(peer->desc), "bgp.%s[%zu]",
		 mesh ? "mesh" : "peers", i);
	return peer;
}

/* Mesh peers are iBGP with every default: just an address each. */
static int add_mesh_peer(struct config_ctx *ctx, yaml_node_t *item,
			 size_t i, void *arg)
{
	struct podnetd_config *cfg = arg;
	struct podnetd_peer *peer = new_peer(ctx, cfg, item, i, true);

	if (!peer || addr_value(ctx, item, "an IP address", &peer->address))
		return -EINVAL;
	cfg->n_peers++;
	return 0;
}

static int set_mesh(struct config_ctx *ctx, const struct config_key *key,
		    yaml_node_t *node, void *base)
{
	(void)key;
	return config_walk_list(ctx, node, add_mesh_peer, base);
}

static int set_passive(struct config_ctx *ctx, const struct config_key *key,
		       yaml_node_t *node, void *base)
{
	struct podnetd_peer *peer = base;

	if (set_bool(ctx, key, node, base))
		return -EINVAL;
	peer->passive_set = true;
	return 0;
}

static int set_next_hop_self(struct config_ctx *ctx,
			     const struct config_key *key, yaml_node_t *node,
			     void *base)
{
	struct podnetd_peer *peer = base;

	if (set_bool(ctx, key, node, base))
		return -EINVAL;
	peer->next_hop_self_set = true;
	return 0;
}

static int set_peer_hold_time(struct config_ctx *ctx,
			      const struct config_key *key, yaml_node_t *node,
			      void *base)
{
	struct podnetd_peer *peer = base;

	if (set_uint(ctx, key, node, base))
		return -EINVAL;
	peer->hold_time_set = true;
	return 0;
}

static const char *const policies[] = {
	[PODNETD_POLICY_NONE] = "none",
	[PODNETD_POLICY_ALL] = "all",
	[PODNETD_POLICY_POD_CIDRS] = "pod-cidrs",
};

/* key->arg: the last policy the key may take (import: no pod-cidrs). */
static int set_policy(struct config_ctx *ctx, const struct config_key *key,
		      yaml_node_t *node, void *base)
{
	const char *s = config_string(ctx, node, key->what);
	int i;

	if (!s)
		return -EINVAL;
	for (i = PODNETD_POLICY_NONE; i <= key->arg; i++) {
		if (!strcmp(s, policies[i])) {
			*(enum podnetd_policy *)field(key, base) = i;
			return 0;
		}
	}
	return config_bad(ctx, node, key->what);
}

static const struct config_key peer_keys[] = {
	{ .name = "address", .set = set_addr, PEER(address),
	  .what = "an IP address" },
	{ .name = "as", .set = set_uint, PEER(as), .min = 1,
	  .max = UINT32_MAX, .what = "an AS number (1..4294967295)" },
	{ .name = "port", .set = set_uint, PEER(port), .min = 1,
	  .max = UINT16_MAX, .what = "a TCP port (1..65535)" },
	{ .name = "passive", .set = set_passive, PEER(passive) },
	{ .name = "multihop", .set = set_uint, PEER(multihop),
	  .max = UINT8_MAX, .what = "a hop count (0..255)" },
	{ .name = "password", .set = set_text, PEER(password),
	  .what = "a password (at most 80 octets)" },
	{ .name = "route-reflector-client", .set = set_bool,
	  PEER(rr_client) },
	{ .name = "next-hop-self", .set = set_next_hop_self,
	  PEER(next_hop_self) },
	{ .name = "hold-time", .set = set_peer_hold_time, PEER(hold_time),
	  .min = 3, .max = UINT16_MAX, .arg = ZERO_TOO,
	  .what = "a hold time (0 or 3..65535)" },
	{ .name = "import", .set = set_policy, PEER(import),
	  .arg = PODNETD_POLICY_ALL,
	  .what = "an import policy (all or none)" },
	{ .name = "export", .set = set_policy, PEER(export),
	  .arg = PODNETD_POLICY_POD_CIDRS,
	  .what = "an export policy (all, none or pod-cidrs)" },
	{}
};

static int add_peer(struct config_ctx *ctx, yaml_node_t *item, size_t i,
		    void *arg)
{
	struct podnetd_config *cfg = arg;
	struct podnetd_peer *peer = new_peer(ctx, cfg, item, i, false);

	if (!peer || config_walk_map(ctx, item, peer_keys, peer))
		return -EINVAL;
	if (!peer->address.family)
		return config_error(ctx, item, "missing address");
	cfg->route_reflector |= peer->rr_client;
	cfg->n_peers++;
	return 0;
}

static int set_peers(struct config_ctx *ctx, const struct config_key *key,
		     yaml_node_t *node, void *base)
{
	(void)key;
	return config_walk_list(ctx, node, add_peer, base);
}

static const struct config_key node_keys[] = {
	{ .name = "name", .set = set_text, CFG(node_name),
	  .valid = valid_node_name,
	  .what = "a node name (1..63 letters, digits, '-', '.' or '_')" },
	{ .name = "router-id", .set = set_ipv4_id, CFG(router_id),
	  .what = "a router ID (a nonzero IPv4 address)" },
	{ .name = "as", .set = set_uint, CFG(as), .min = 1,
	  .max = UINT32_MAX, .what = "an AS number (1..4294967295)" },
	{}
};

static const struct config_key device_keys[] = {
	{ .name = "name", .set = set_text, CFG(device), .valid = valid_ifname,
	  .what = "a device name (1..15 characters, no '/', ':' or spaces)" },
	{ .name = "encap", .set = set_encap,
	  .what = "an encapsulation (vxlan, ipip, direct or cross-subnet)" },
	{ .name = "cross-subnet", .set = set_cross_subnet },
	{ .name = "vni", .set = set_uint, CFG(vni), .min = 1,
	  .max = PODNET_VNI_MAX, .what = "a VNI (1..16777215)" },
	{ .name = "vxlan-port", .set = set_uint, CFG(vxlan_port), .min = 1,
	  .max = UINT16_MAX, .what = "a UDP port (1..65535)" },
	{ .name = "mtu", .set = set_mtu, CFG(mtu), .min = 576,
	  .max = UINT16_MAX, .what = "an MTU (auto or 576..65535)" },
	{ .name = "routes-max", .set = set_uint, CFG(routes_max), .min = 1,
	  .max = PODNET_ROUTES_MAX_LIMIT,
	  .what = "a route limit (1..16777216)" },
	{}
};

static const struct config_key underlay_keys[] = {
	{ .name = "address", .set = set_underlay_addr,
	  .arg = PODNETD_UNDERLAY_ADDRESS, .what = "an IP address" },
	{ .name = "interface", .set = set_underlay_interface,
	  CFG(underlay.interface), .valid = valid_ifname,
	  .what = "an interface name (1..15 characters, no '/', ':' or spaces)" },
	{ .name = "cidr", .set = set_underlay_cidr },
	{ .name = "can-reach", .set = set_underlay_addr,
	  .arg = PODNETD_UNDERLAY_CAN_REACH, .what = "an IP address" },
	{}
};

static const struct config_key bgp_keys[] = {
	{ .name = "enabled", .set = set_bool, CFG(bgp_enabled) },
	{ .name = "listen-port", .set = set_uint, CFG(listen_port),
	  .max = UINT16_MAX, .what = "a TCP port (0..65535)" },
	{ .name = "hold-time", .set = set_uint, CFG(hold_time), .min = 3,
	  .max = UINT16_MAX, .arg = ZERO_TOO,
	  .what = "a hold time (0 or 3..65535)" },
	{ .name = "connect-retry", .set = set_uint, CFG(connect_retry),
	  .min = 1, .max = UINT16_MAX,
	  .what = "a time in seconds (1..65535)" },
	{ .name = "graceful-restart", .set = set_bool,
	  CFG(graceful_restart) },
	/* the GR capability's Restart Time is 12 bits (RFC 4724 3) */
	{ .name = "restart-time", .set = set_uint, CFG(restart_time),
	  .min = 1, .max = 4095, .what = "a time in seconds (1..4095)" },
	{ .name = "stale-time", .set = set_uint, CFG(stale_time), .min = 1,
	  .max = UINT16_MAX, .what = "a time in seconds (1..65535)" },
	{ .name = "cluster-id", .set = set_ipv4_id, CFG(cluster_id),
	  .what = "a cluster ID (a nonzero IPv4 address)" },
	{ .name = "mesh", .set = set_mesh },
	{ .name = "peers", .set = set_peers },
	{}
};

static const struct config_key control_keys[] = {
	{ .name = "socket", .set = set_text, CFG(control_socket),
	  .valid = valid_abs_path,
	  .what = "a socket path (absolute, at most 107 characters)" },
	{ .name = "group", .set = set_text, CFG(control_group),
	  .what = "a group name (at most 31 characters)" },
	{}
};

static const struct config_key root_keys[] = {
	{ .name = "node", .set = set_section, .keys = node_keys },
	{ .name = "device", .set = set_section, .keys = device_keys },
	{ .name = "underlay", .set = set_section, .keys = underlay_keys },
	{ .name = "pod-cidrs", .set = set_pod_cidrs },
	{ .name = "cluster-cidrs", .set = set_cluster_cidrs },
	{ .name = "bgp", .set = set_section, .keys = bgp_keys },
	{ .name = "control", .set = set_section, .keys = control_keys },
	{}
};

int config_walk_root(struct config_ctx *ctx, yaml_node_t *root)
{
	return config_walk_map(ctx, root, root_keys, ctx->cfg);
}
