// SPDX-License-Identifier: GPL-2.0
/*
 * Reconciling with the host: the underlay (its address may move), the
 * device (deleted, replaced, set down) and the cluster routes (gone with a
 * flap, or deleted by hand) are looked at afresh and put right, on each
 * rtnetlink notification (debounced) and every RECONCILE_PERIOD_S.
 */
#include <string.h>
#include <arpa/inet.h>
#include <event2/event.h>

#include "log.h"
#include "podnetd.h"

#define RECONCILE_DELAY_MS	200

static bool underlay_same(const struct underlay_state *a,
			  const struct underlay_state *b)
{
	return a->ifindex == b->ifindex && a->has_v4 == b->has_v4 &&
	       a->has_v6 == b->has_v6 && a->v4.s_addr == b->v4.s_addr &&
	       !memcmp(&a->v6, &b->v6, sizeof(a->v6)) &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr));
}

void podnetd_rib_local(const struct podnetd *d, struct rib_local *l)
{
	const struct underlay_state *u = &d->underlay;

	memset(l, 0, sizeof(*l));
	l->as = d->cfg.as;
	l->router_id = d->router_id;
	l->cluster_id = d->cfg.cluster_id ? d->cfg.cluster_id : d->router_id;
	l->nexthop4.family = AF_INET;
	l->nexthop4.v4 = u->v4;
	if (!u->has_v4)
		l->nexthop4 = u->addr;
	/* IPv6 pod routes reach us over IPv4 too: the module does both */
	l->nexthop6 = u->has_v6 ? (struct podnet_addr){
		.family = AF_INET6, .v6 = u->v6 } : l->nexthop4;
}

void podnetd_log_underlay(const struct underlay_state *u)
{
	char buf[INET6_ADDRSTRLEN];

	inet_ntop(u->addr.family, &u->addr.v6, buf, sizeof(buf));
	log_info("underlay %s on %s (mtu %u)", buf, u->ifname, u->mtu);
}

/* The underlay moved: the device, and what we announce, follow it. */
static void underlay_changed(struct podnetd *d,
			     const struct underlay_state *now)
{
	struct rib_local local;

	d->underlay = *now;
	podnetd_log_underlay(now);
	if (kernel_device(d))
		return;
	podnetd_rib_local(d, &local);
	rib_set_local(d->rib, &local);
	speaker_originate(d);
}

static void reconcile_now(struct podnetd *d)
{
	struct underlay_state now;
	struct podnet_link_info info;
	char errbuf[256];
	int old_ifindex = d->ifindex;

	if (underlay_detect(&d->cfg.underlay, &now, errbuf, sizeof(errbuf)))
		log_warn("underlay: %s; keeping the last one", errbuf);
	else if (!underlay_same(&now, &d->underlay))
		underlay_changed(d, &now);
	if (podnet_link_get(d->cfg.device, &info, errbuf, sizeof(errbuf)) ||
	    info.ifindex != d->ifindex) {
		log_warn("%s: gone or replaced: setting it up again",
			 d->cfg.device);
		if (kernel_device(d))
			return;
		if (d->ifindex != old_ifindex)
			kernel_resync(d, "the device is new");
	} else {
		/* a link flap takes the device down, and its routes */
		kernel_device_up(d);
	}
	kernel_cluster_routes(d);
}

void podnetd_on_reconcile(evutil_socket_t fd, short what, void *arg)
{
	struct podnetd *d = arg;
	struct timeval tv = { .tv_sec = RECONCILE_PERIOD_S };

	(void)fd;
	(void)what;
	reconcile_now(d);
	/* and again later, for what no notification tells */
	event_add(d->resync_timer, &tv);
}

void podnetd_reconcile(struct podnetd *d, const char *why)
{
	struct timeval tv = { .tv_usec = RECONCILE_DELAY_MS * 1000 };

	if (why) {
		log_info("reconciling: %s", why);
		reconcile_now(d);
		return;
	}
	if (!event_pending(d->reconcile_ev, EV_TIMEOUT, NULL))
		event_add(d->reconcile_ev, &tv);
}

