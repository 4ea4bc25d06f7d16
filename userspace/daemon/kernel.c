// SPDX-License-Identifier: GPL-2.0
/*
 * podnet0's route table, programmed from the RIB's best paths. Every route
 * written carries the daemon's generation; at start the old ones stay and
 * keep forwarding until every peer has sent End-of-RIB (or the restart time
 * is up), and only then go with a flush of older generations: a restart
 * causes no blackout.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "host.h"
#include "log.h"
#include "podnetd.h"

struct kernel_batch {
	size_t n, cap;
	struct podnet_route *routes;
	struct podnet_route_change *changes;
	struct rib_entry **entries;	/* what each route was written for */
};

static struct kernel_batch batch;

static bool prefix_in(const struct podnetd_cidr *c, const struct rib_prefix *p)
{
	struct podnet_addr a = { .family = p->family };

	memcpy(&a.v6, p->addr, p->family == AF_INET ? 4 : 16);
	return podnetd_cidr_contains(c, &a, p->plen);
}

/* A pod route: another node's prefix inside the cluster, via that node */
bool kernel_wants(const struct podnetd *d, const struct rib_entry *e,
		  struct podnet_addr *via)
{
	const struct rib_path *best = rib_best(e);
	const struct rib_prefix *p = rib_entry_prefix(e);
	bool inside = false;
	size_t i;

	if (!best || best->source == RIB_SOURCE_LOCAL)
		return false;
	for (i = 0; i < d->cfg.n_pod_cidrs; i++)
		if (prefix_in(&d->cfg.pod_cidrs[i], p))
			return false;
	for (i = 0; i < d->cfg.n_cluster_cidrs && !inside; i++)
		inside = prefix_in(&d->cfg.cluster_cidrs[i], p);
	if (!inside || podnet_addr_equal(&best->nexthop, &d->underlay.addr))
		return false;
	*via = best->nexthop;
	return true;
}

static int batch_push(struct rib_entry *e, const struct podnet_addr *via,
		      bool del, uint32_t generation)
{
	const struct rib_prefix *p = rib_entry_prefix(e);
	struct podnet_route *rt;

	if (batch.n == batch.cap) {
		size_t cap = batch.cap ? batch.cap * 2 : 1024;
		void *r = realloc(batch.routes, cap * sizeof(*batch.routes));

		if (!r)
			return -ENOMEM;
		batch.routes = r;
		r = realloc(batch.changes, cap * sizeof(*batch.changes));
		if (!r)
			return -ENOMEM;
		batch.changes = r;
		r = realloc(batch.entries, cap * sizeof(*batch.entries));
		if (!r)
			return -ENOMEM;
		batch.entries = r;
		batch.cap = cap;
	}
	rt = &batch.routes[batch.n];
	memset(rt, 0, sizeof(*rt));
	rt->dst.family = p->family;
	memcpy(&rt->dst.v6, p->addr, p->family == AF_INET ? 4 : 16);
	rt->plen = p->plen;
	if (via)
		rt->via = *via;
	batch.changes[batch.n] = (struct podnet_route_change){
		.del = del, .replace = !del, .generation = generation,
	};
	batch.entries[batch.n] = e;
	batch.n++;
	return 0;
}

int kernel_program(struct podnetd *d, struct rib_entry *e)
{
	struct podnet_addr via, cur;
	bool want = kernel_wants(d, e, &via);
	bool have = rib_entry_installed(e, &cur);
	int err = 0;

	if (want && (!have || !podnet_addr_equal(&via, &cur))) {
		err = batch_push(e, &via, false, d->generation);
		if (!err)
			rib_entry_set_installed(e, &via);
	} else if (!want && have) {
		err = batch_push(e, NULL, true, 0);
		if (!err)
			rib_entry_set_installed(e, NULL);
	}
	return err;
}

/* What the kernel refused is logged and skipped; the rest goes in. */
int kernel_commit(struct podnetd *d)
{
	char errbuf[256];
	size_t done = 0, failed;
	int err, ret = 0;

	while (done < batch.n) {
		err = podnet_routes_apply(d->cfg.device, batch.routes + done,
					  batch.changes + done, batch.n - done,
					  &failed, errbuf, sizeof(errbuf));
		if (!err) {
			d->installed += batch.n - done;
			break;
		}
		if (failed == PODNET_ROUTE_UNKNOWN) {
			log_err("%s: programming %zu routes: %s", d->cfg.device,
				batch.n - done, errbuf);
			d->kernel_errors++;
			ret = err;
			break;
		}
		done += failed;
		/* a delete of a route someone else removed is no harm */
		if (err != -ENOENT || !batch.changes[done].del) {
			log_err("%s: route %zu of %zu: %s", d->cfg.device,
				done + 1, batch.n, errbuf);
			d->kernel_errors++;
			ret = err;
			/* not in the kernel: the next resync tries again */
			if (!batch.changes[done].del)
				rib_entry_set_installed(batch.entries[done],
							NULL);
		}
		done++;
	}
	batch.n = 0;
	return ret;
}

static int resync_entry(const struct rib_entry *ce, void *arg)
{
	struct podnetd *d = arg;
	struct rib_entry *e = (struct rib_entry *)ce;
	struct podnet_addr via;

	if (kernel_wants(d, e, &via)) {
		rib_entry_set_installed(e, &via);
		return batch_push(e, &via, false, d->generation);
	}
	return 0;
}

static void flush_older(struct podnetd *d)
{
	char errbuf[256];
	int err;

	err = podnet_routes_flush(d->cfg.device, &d->generation, errbuf,
				  sizeof(errbuf));
	if (err)
		log_err("%s: flushing old routes: %s", d->cfg.device, errbuf);
}

static uint32_t next_generation(uint32_t g)
{
	return g + 1 ? g + 1 : 1;
}

/*
 * Every route rewritten under a new generation, then the ones not
 * rewritten flushed: after a netlink overrun, a device that came back, or
 * someone else's change to the table.
 */
int kernel_resync(struct podnetd *d, const char *why)
{
	int err;

	log_info("%s: full resync: %s", d->cfg.device, why);
	speaker_drain(d);
	d->generation = next_generation(d->generation);
	err = rib_walk(d->rib, resync_entry, d);
	if (!err)
		err = kernel_commit(d);
	if (!err && d->converged)
		flush_older(d);
	return err;
}

void kernel_converged(struct podnetd *d, const char *why)
{
	if (d->converged)
		return;
	d->converged = true;
	speaker_drain(d);
	flush_older(d);
	peers_update_caps(d);
	log_info("routes converged (%s); routes of generations before %u "
		 "removed", why, d->generation);
	sd_notify(0, "STATUS=converged");
}

struct gen_scan {
	bool any;
	uint32_t max;
	size_t count;
};

static void gen_scan_restart(void *arg)
{
	struct gen_scan *s = arg;

	memset(s, 0, sizeof(*s));
}

static int gen_scan_route(const struct podnet_route *rt, void *arg)
{
	struct gen_scan *s = arg;

	/* serial arithmetic, as the module compares them */
	if (!s->any || (int32_t)(rt->generation - s->max) > 0)
		s->max = rt->generation;
	s->any = true;
	s->count++;
	return 0;
}

static void overlay_params(const struct podnetd *d,
			   struct podnet_overlay_params *o)
{
	const struct podnetd_config *cfg = &d->cfg;
	const struct underlay_state *u = &d->underlay;

	memset(o, 0, sizeof(*o));
	o->encap_set = true;
	o->encap = cfg->encap;
	o->cross_subnet_set = true;
	o->cross_subnet = cfg->cross_subnet;
	o->vni_set = true;
	o->vni = cfg->vni;
	o->vxlan_port_set = true;
	o->vxlan_port = cfg->vxlan_port;
	o->local4_set = u->has_v4;
	o->local4 = u->v4;
	o->local6_set = u->has_v6;
	o->local6 = u->v6;
	o->underlay_set = u->ifindex > 0;
	o->underlay = u->ifindex;
	o->routes_max_set = cfg->routes_max != 0;
	o->routes_max = cfg->routes_max;
}

/* The device as configured: made if missing, adopted (and set) if not. */
int kernel_device(struct podnetd *d)
{
	struct podnet_link_info info;
	struct podnet_dev_params dp;
	char errbuf[256];
	int err;

	err = podnet_link_get(d->cfg.device, &info, errbuf, sizeof(errbuf));
	if (err == -ENODEV) {
		struct podnet_link_params lp = {
			.mode_set = true, .mode = PODNET_MODE_ROUTED,
		};

		overlay_params(d, &lp.overlay);
		err = podnet_link_add(d->cfg.device, &lp, errbuf,
				      sizeof(errbuf));
		if (!err)
			log_info("%s: created", d->cfg.device);
	} else if (!err) {
		memset(&dp, 0, sizeof(dp));
		dp.mode_set = info.mode != PODNET_MODE_ROUTED;
		dp.mode = PODNET_MODE_ROUTED;
		overlay_params(d, &dp.overlay);
		err = podnet_dev_set(d->cfg.device, &dp, errbuf,
				     sizeof(errbuf));
		if (!err)
			log_info("%s: adopted", d->cfg.device);
	}
	if (err) {
		log_err("%s: %s", d->cfg.device, errbuf);
		return err;
	}
	return kernel_device_up(d);
}

int kernel_device_up(struct podnetd *d)
{
	char errbuf[256];
	int err;

	err = host_link_up(d->cfg.device, d->cfg.mtu, &d->ifindex, errbuf,
			   sizeof(errbuf));
	if (err)
		log_err("%s: %s", d->cfg.device, errbuf);
	return err;
}

int kernel_setup(struct podnetd *d)
{
	struct gen_scan scan = { 0 };
	char errbuf[256];
	int err;

	err = kernel_device(d);
	if (err)
		return err;
	err = podnet_route_dump(d->cfg.device, gen_scan_route,
				gen_scan_restart, &scan, errbuf,
				sizeof(errbuf));
	if (err) {
		log_err("%s: reading its routes: %s", d->cfg.device, errbuf);
		return err;
	}
	d->restarting = scan.count > 0;
	d->generation = next_generation(scan.any ? scan.max : 0);
	if (d->restarting)
		log_info("%s: %zu routes from before kept until the peers "
			 "have resent theirs (generation %u now)",
			 d->cfg.device, scan.count, d->generation);
	return kernel_cluster_routes(d);
}

int kernel_cluster_routes(struct podnetd *d)
{
	char errbuf[256];
	int err = host_routes_sync(d->ifindex, d->cfg.cluster_cidrs,
				   d->cfg.n_cluster_cidrs, PODNETD_RTPROT,
				   errbuf, sizeof(errbuf));

	if (err)
		log_err("cluster routes to %s: %s", d->cfg.device, errbuf);
	return err;
}

/* With graceful restart the forwarding state stays for the next run. */
void kernel_shutdown(struct podnetd *d, bool keep_forwarding)
{
	char errbuf[256];

	if (keep_forwarding) {
		log_info("%s: routes left in place for the restart",
			 d->cfg.device);
	} else {
		if (podnet_routes_flush(d->cfg.device, NULL, errbuf,
					sizeof(errbuf)))
			log_err("%s: flushing routes: %s", d->cfg.device,
				errbuf);
		host_routes_sync(d->ifindex, NULL, 0, PODNETD_RTPROT, errbuf,
				 sizeof(errbuf));
	}
	free(batch.routes);
	free(batch.changes);
	free(batch.entries);
	batch = (struct kernel_batch){ 0 };
}
