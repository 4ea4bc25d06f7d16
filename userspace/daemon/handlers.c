// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket's answers: peers, routes and status as JSON
 * (Documentation/podnetd.md names the fields).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "control.h"
#include "host.h"
#include "podnetd.h"

static json_t *addr_json(const struct podnet_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	if (a->family != AF_INET && a->family != AF_INET6)
		return json_null();
	inet_ntop(a->family, &a->v6, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *id_json(uint32_t id)
{
	struct in_addr a = { .s_addr = htonl(id) };
	char buf[INET_ADDRSTRLEN];

	if (!id)
		return json_null();
	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *cidrs_json(const struct podnetd_cidr *c, size_t n)
{
	json_t *arr = json_array();
	char buf[INET6_ADDRSTRLEN + 8];
	size_t i, len;

	for (i = 0; i < n; i++) {
		inet_ntop(c[i].addr.family, &c[i].addr.v6, buf, sizeof(buf));
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "/%u", c[i].plen);
		json_array_append_new(arr, json_string(buf));
	}
	return arr;
}

struct source_counts {
	size_t n;
	uint64_t *paths;		/* indexed by RIB source */
	uint64_t prefixes, paths_total, installed;
	const struct podnetd *d;
};

static int count_entry(const struct rib_entry *e, void *arg)
{
	struct source_counts *c = arg;
	const struct rib_path *p;
	struct podnet_addr via;

	c->prefixes++;
	for (p = rib_best(e); p; p = p->next) {
		c->paths_total++;
		if (p->source < c->n)
			c->paths[p->source]++;
	}
	if (rib_entry_installed(e, &via))
		c->installed++;
	return 0;
}

static void count_paths(const struct podnetd *d, struct source_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->n = RIB_MAX_SOURCES;
	c->paths = calloc(c->n, sizeof(*c->paths));
	if (!c->paths)
		c->n = 0;
	c->d = d;
	rib_walk(d->rib, count_entry, c);
}

static json_t *peer_json(const struct peer *p, const struct source_counts *c)
{
	const struct bgp_fsm *fsm = peer_fsm(p);
	bool up = fsm->state == BGP_ESTABLISHED;
	uint64_t now = podnetd_now_ms();
	char desc[64];

	snprintf(desc, sizeof(desc), "%s", p->cfg->desc);
	return json_pack("{s:o s:i s:I s:s s:s s:I s:o s:i s:i s:I s:I s:I "
			 "s:b s:b s:b s:b s:b s:o s:s}",
			 "address", addr_json(&p->cfg->address),
			 "port", p->cfg->port,
			 "as", (json_int_t)p->bgp.peer_as,
			 "type", p->ebgp ? "ebgp" : "ibgp",
			 "state", bgp_state_name(fsm->state),
			 "state_seconds",
			 (json_int_t)((now - fsm->state_since_ms) / 1000),
			 "router_id", up ? id_json(fsm->session.peer_id) :
					   json_null(),
			 "hold_time", up ? fsm->session.hold_time :
					   p->bgp.hold_time,
			 "keepalive", up ? (int)(fsm->session.keepalive_ms /
						 1000) : p->bgp.hold_time / 3,
			 "received", (json_int_t)p->received,
			 "accepted", (json_int_t)(p->source < c->n ?
						  c->paths[p->source] : 0),
			 "sent", (json_int_t)p->sent,
			 "graceful_restart", up && fsm->session.graceful_restart,
			 "rr_client", p->cfg->rr_client,
			 "passive", p->bgp.passive,
			 "mesh", p->cfg->mesh,
			 "md5", *p->cfg->password != '\0',
			 "last_error", *p->last_error ?
				json_string(p->last_error) : json_null(),
			 "description", desc);
}

static json_t *peers_reply(struct podnetd *d)
{
	struct source_counts c;
	json_t *arr = json_array();
	size_t i;

	count_paths(d, &c);
	for (i = 0; i < d->n_peers; i++)
		json_array_append_new(arr, peer_json(&d->peers[i], &c));
	free(c.paths);
	return json_pack("{s:o}", "peers", arr);
}

static const char *const origin_names[] = { "igp", "egp", "incomplete" };

static json_t *as_path_json(const struct bgp_as_path *path)
{
	char buf[1024];
	size_t len = 0;
	unsigned int s, i, k = 0;

	buf[0] = '\0';
	for (s = 0; s < path->n_segs && len < sizeof(buf) - 16; s++) {
		bool set = path->segs[s].type == BGP_AS_SET;

		if (set)
			len += snprintf(buf + len, sizeof(buf) - len, "%s{",
					len ? " " : "");
		for (i = 0; i < path->segs[s].len &&
		     len < sizeof(buf) - 16; i++, k++)
			len += snprintf(buf + len, sizeof(buf) - len, "%s%u",
					(len && !(set && !i)) ? " " : "",
					path->asns[k]);
		if (set)
			len += snprintf(buf + len, sizeof(buf) - len, "}");
	}
	return json_string(buf);
}

static json_t *communities_json(const struct bgp_attrs *a)
{
	json_t *arr = json_array();
	char buf[16];
	unsigned int i;

	for (i = 0; i < a->n_communities; i++) {
		snprintf(buf, sizeof(buf), "%u:%u", a->communities[i] >> 16,
			 a->communities[i] & 0xffff);
		json_array_append_new(arr, json_string(buf));
	}
	return arr;
}

static json_t *clusters_json(const struct bgp_attrs *a)
{
	json_t *arr = json_array();
	unsigned int i;

	for (i = 0; i < a->n_clusters; i++)
		json_array_append_new(arr, id_json(a->clusters[i]));
	return arr;
}

static struct bgp_attrs route_attrs;

static json_t *path_json(struct podnetd *d, const struct rib_path *p,
			 bool best)
{
	struct bgp_attrs *a = &route_attrs;
	const struct rib_source *src;
	json_t *from;

	rib_attrs_expand(p->attrs, a);
	if (p->source == RIB_SOURCE_LOCAL) {
		from = json_string("local");
	} else {
		src = rib_source_get(d->rib, p->source);
		from = src ? addr_json(&src->address) : json_null();
	}
	return json_pack("{s:b s:o s:o s:o s:s s:o s:o s:b s:o s:o s:o}",
			 "best", best,
			 "next_hop", addr_json(&p->nexthop),
			 "from", from,
			 "as_path", as_path_json(&a->as_path),
			 "origin", origin_names[a->origin < 3 ? a->origin : 2],
			 "local_pref",
			 a->present & BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF) ?
				json_integer(a->local_pref) : json_null(),
			 "med", a->present & BGP_ATTR_BIT(BGP_ATTR_MED) ?
				json_integer(a->med) : json_null(),
			 "stale", p->stale,
			 "originator_id",
			 a->present & BGP_ATTR_BIT(BGP_ATTR_ORIGINATOR_ID) ?
				id_json(ntohl(a->originator_id.s_addr)) :
				json_null(),
			 "cluster_list", clusters_json(a),
			 "communities", communities_json(a));
}

struct routes_walk {
	struct podnetd *d;
	const struct control_request *req;
	json_t *arr;
};

static int route_entry(const struct rib_entry *e, void *arg)
{
	struct routes_walk *w = arg;
	const struct rib_prefix *pfx = rib_entry_prefix(e);
	const struct rib_path *p = rib_best(e);
	struct podnet_addr via;
	char buf[INET6_ADDRSTRLEN + 8];
	json_t *paths;

	if (!p || (w->req->family && pfx->family != w->req->family))
		return 0;
	rib_prefix_format(pfx, buf, sizeof(buf));
	if (w->req->has_prefix && strcmp(buf, w->req->prefix))
		return 0;
	paths = json_array();
	for (; p; p = p->next)
		json_array_append_new(paths, path_json(w->d, p,
						       p == rib_best(e)));
	json_array_append_new(w->arr, json_pack("{s:s s:o s:b}",
						"prefix", buf,
						"paths", paths,
						"installed",
						rib_entry_installed(e, &via)));
	return 0;
}

static json_t *routes_reply(struct podnetd *d, const struct control_request *r)
{
	struct routes_walk w = { .d = d, .req = r, .arr = json_array() };

	rib_walk(d->rib, route_entry, &w);
	return json_pack("{s:o}", "routes", w.arr);
}

static const char *encap_name(const struct podnetd_config *cfg)
{
	switch (cfg->encap) {
	case PODNET_ENCAP_IPIP:
		return "ipip";
	case PODNET_ENCAP_DIRECT:
		return "direct";
	default:
		return "vxlan";
	}
}

static const char *const method_names[] = {
	[PODNETD_UNDERLAY_AUTO] = "auto",
	[PODNETD_UNDERLAY_ADDRESS] = "address",
	[PODNETD_UNDERLAY_INTERFACE] = "interface",
	[PODNETD_UNDERLAY_CIDR] = "cidr",
	[PODNETD_UNDERLAY_CAN_REACH] = "can-reach",
};

static json_t *status_reply(struct podnetd *d)
{
	const struct podnetd_config *cfg = &d->cfg;
	struct source_counts c;
	struct rib_stats st;
	size_t i, established = 0;
	uint32_t mtu = 0;
	json_t *reply;

	for (i = 0; i < d->n_peers; i++)
		established += peer_established(&d->peers[i]);
	count_paths(d, &c);
	free(c.paths);
	rib_get_stats(d->rib, &st);
	host_link_mtu(cfg->device, &mtu);
	reply = json_pack("{s:s s:s s:o s:I s:s s:i s:{s:s s:o s:s} s:i s:s "
			  "s:b s:I s:i s:o s:o s:I s:b s:b s:I "
			  "s:{s:I s:I} s:{s:I s:I s:I s:I}}",
			  "version", PODNET_VERSION,
			  "node", cfg->node_name,
			  "router_id", id_json(d->router_id),
			  "as", (json_int_t)cfg->as,
			  "device", cfg->device,
			  "ifindex", d->ifindex,
			  "underlay",
			  "interface", d->underlay.ifname,
			  "address", addr_json(&d->underlay.addr),
			  "method", method_names[cfg->underlay.method],
			  "mtu", (int)mtu,
			  "encap", encap_name(cfg),
			  "cross_subnet", cfg->cross_subnet,
			  "vni", (json_int_t)cfg->vni,
			  "vxlan_port", cfg->vxlan_port,
			  "pod_cidrs", cidrs_json(cfg->pod_cidrs,
						  cfg->n_pod_cidrs),
			  "cluster_cidrs", cidrs_json(cfg->cluster_cidrs,
						      cfg->n_cluster_cidrs),
			  "generation", (json_int_t)d->generation,
			  "ready", d->ready,
			  "converged", d->converged,
			  "uptime_seconds",
			  (json_int_t)((podnetd_now_ms() - d->started_ms) /
				       1000),
			  "peers",
			  "configured", (json_int_t)d->n_peers,
			  "established", (json_int_t)established,
			  "routes",
			  "prefixes", (json_int_t)c.prefixes,
			  "paths", (json_int_t)c.paths_total,
			  "installed", (json_int_t)c.installed,
			  "rib_bytes", (json_int_t)st.bytes);
	return reply;
}

json_t *podnetd_control_handle(const struct control_request *req, void *arg,
			       char *errbuf, size_t errlen)
{
	struct podnetd *d = arg;
	json_t *reply = NULL;

	switch (req->command) {
	case CONTROL_PEERS:
		reply = peers_reply(d);
		break;
	case CONTROL_ROUTES:
		reply = routes_reply(d, req);
		break;
	case CONTROL_STATUS:
		reply = status_reply(d);
		break;
	}
	if (!reply)
		snprintf(errbuf, errlen, "out of memory");
	return reply;
}
