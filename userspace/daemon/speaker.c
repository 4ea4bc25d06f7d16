// SPDX-License-Identifier: GPL-2.0
/*
 * Routes between the BGP sessions, the RIB and the kernel: UPDATEs in,
 * best-path changes out to the peers (batched into packed UPDATEs) and to
 * podnet0, graceful restart's stale routes and End-of-RIB.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <event2/event.h>

#include "log.h"
#include "podnetd.h"

/* What one peer is sent by the next flush: a prefix and its best path. */
struct out_item {
	struct rib_prefix prefix;
	const struct rib_entry *entry;
	const struct rib_path *path;	/* NULL: withdraw */
};

struct peer_out {
	size_t n, cap;
	struct out_item *items;
};

/* Scratch for exporting: struct bgp_attrs is big, one is enough. */
static struct bgp_attrs export_attrs;

static int out_push(struct peer *p, const struct rib_entry *e,
		    const struct rib_path *path)
{
	struct peer_out *o = p->out;

	if (!o) {
		o = calloc(1, sizeof(*o));
		if (!o)
			return -ENOMEM;
		p->out = o;
	}
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		struct out_item *items = realloc(o->items,
						 cap * sizeof(*items));

		if (!items)
			return -ENOMEM;
		o->items = items;
		o->cap = cap;
	}
	o->items[o->n].prefix = *rib_entry_prefix(e);
	o->items[o->n].entry = e;
	o->items[o->n].path = path;
	o->n++;
	return 0;
}

/* Withdrawals first, then by family and path, so runs share an UPDATE. */
static int out_item_cmp(const void *a, const void *b)
{
	const struct out_item *x = a, *y = b;

	if (!x->path != !y->path)
		return x->path ? 1 : -1;
	if (x->prefix.family != y->prefix.family)
		return x->prefix.family < y->prefix.family ? -1 : 1;
	if (x->path != y->path) {
		if (!x->path || !y->path)
			return 0;
		if (x->path->attrs != y->path->attrs)
			return x->path->attrs < y->path->attrs ? -1 : 1;
		if (x->path->source != y->path->source)
			return x->path->source < y->path->source ? -1 : 1;
		return memcmp(&x->path->nexthop, &y->path->nexthop,
			      sizeof(x->path->nexthop));
	}
	return 0;
}

/* Whether two items make the same UPDATE but for the prefixes */
static bool out_same_run(const struct out_item *a, const struct out_item *b)
{
	if (!a->path != !b->path || a->prefix.family != b->prefix.family)
		return false;
	if (!a->path)
		return true;
	return a->path->attrs == b->path->attrs &&
	       a->path->source == b->path->source &&
	       !memcmp(&a->path->nexthop, &b->path->nexthop,
		       sizeof(a->path->nexthop));
}

static void nexthop_to_bgp(const struct podnet_addr *nh, int family,
			   struct bgp_nexthop *out)
{
	memset(out, 0, sizeof(*out));
	if (family == AF_INET) {
		out->len = 4;
		out->v4 = nh->v4;
		return;
	}
	out->len = 16;
	if (nh->family == AF_INET6) {
		out->global = nh->v6;
	} else {
		/* an IPv6 route through an IPv4 underlay: mapped */
		out->global.s6_addr[10] = 0xff;
		out->global.s6_addr[11] = 0xff;
		memcpy(&out->global.s6_addr[12], &nh->v4, 4);
	}
}

static void send_run(struct peer *p, struct out_item *run, size_t n)
{
	struct bgp_codec_ctx ctx = bgp_fsm_codec_ctx(peer_fsm(p));
	struct bgp_prefix *prefixes;
	struct podnet_addr nh;
	struct bgp_nexthop bnh;
	uint8_t buf[BGP_MAX_MSG_LEN];
	size_t i, done = 0, packed;
	int len;

	prefixes = malloc(n * sizeof(*prefixes));
	if (!prefixes)
		return;
	for (i = 0; i < n; i++)
		rib_prefix_to_bgp(&prefixes[i], &run[i].prefix);
	if (run->path && !rib_export(p->d->rib, run->entry, run->path,
				     p->source, &export_attrs, &nh))
		goto out;
	if (run->path)
		nexthop_to_bgp(&nh, run->prefix.family, &bnh);
	while (done < n) {
		if (run->path)
			len = bgp_msg_build_announce(&ctx, &export_attrs, &bnh,
						     prefixes + done, n - done,
						     &packed, buf,
						     sizeof(buf));
		else
			len = bgp_msg_build_withdraw(prefixes + done, n - done,
						     &packed, buf,
						     sizeof(buf));
		if (len < 0 || !packed) {
			log_err("peer %s: cannot build an UPDATE: %s",
				peer_name(p), strerror(-len));
			break;
		}
		peer_send(p, buf, len);
		p->updates_out++;
		if (run->path)
			p->sent += packed;
		done += packed;
	}
out:
	free(prefixes);
}

static void peer_flush(struct peer *p)
{
	struct peer_out *o = p->out;
	size_t start, end;

	if (!o || !o->n)
		return;
	qsort(o->items, o->n, sizeof(*o->items), out_item_cmp);
	for (start = 0; start < o->n; start = end) {
		for (end = start + 1; end < o->n; end++)
			if (!out_same_run(&o->items[start], &o->items[end]))
				break;
		send_run(p, &o->items[start], end - start);
	}
	o->n = 0;
}

/* The Adj-RIB-Out of one prefix for one peer, after its best changed */
static void export_entry(struct peer *p, struct rib_entry *e,
			 const struct rib_path *best)
{
	struct rib *rib = p->d->rib;
	struct podnet_addr nh;

	if (best && rib_export(rib, e, best, p->source, &export_attrs, &nh)) {
		if (!out_push(p, e, best))
			rib_adj_out_set(e, p->source, true);
	} else if (rib_adj_out_test(e, p->source)) {
		if (!out_push(p, e, NULL))
			rib_adj_out_set(e, p->source, false);
	}
}

void speaker_drain(struct podnetd *d)
{
	struct rib_entry *e;
	size_t i;

	while ((e = rib_dirty_next(d->rib))) {
		const struct rib_path *best = rib_best(e);

		kernel_program(d, e);
		for (i = 0; i < d->n_peers; i++)
			if (d->peers[i].table_sent)
				export_entry(&d->peers[i], e, best);
	}
	kernel_commit(d);
	for (i = 0; i < d->n_peers; i++)
		peer_flush(&d->peers[i]);
}

static void on_drain(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	speaker_drain(arg);
}

/* After this turn of the loop: UPDATEs read together are drained once. */
void speaker_schedule_drain(struct podnetd *d)
{
	if (!d->drain_ev)
		d->drain_ev = event_new(d->base, -1, 0, on_drain, d);
	if (d->drain_ev)
		event_active(d->drain_ev, 0, 0);
}

struct table_walk {
	struct peer *p;
	int family;
};

static int send_table_entry(const struct rib_entry *ce, void *arg)
{
	struct table_walk *w = arg;
	struct rib_entry *e = (struct rib_entry *)ce;
	const struct rib_path *best = rib_best(e);

	if (best && (!w->family || rib_entry_prefix(e)->family == w->family))
		export_entry(w->p, e, best);
	return 0;
}

static void send_eor(struct peer *p, int family)
{
	uint8_t buf[64];
	int len;

	len = bgp_msg_build_eor(family == AF_INET ? BGP_AFI_IPV4 : BGP_AFI_IPV6,
				BGP_SAFI_UNICAST, buf, sizeof(buf));
	if (len > 0)
		peer_send(p, buf, len);
}

static bool family_negotiated(const struct peer *p, int family)
{
	int f = family == AF_INET ? BGP_FAMILY_IPV4_UNICAST :
				    BGP_FAMILY_IPV6_UNICAST;

	return peer_session(p)->families & (1 << f);
}

static void send_refresh_marker(struct peer *p, int family, uint8_t subtype)
{
	struct bgp_route_refresh rr = {
		.afi = family == AF_INET ? BGP_AFI_IPV4 : BGP_AFI_IPV6,
		.safi = BGP_SAFI_UNICAST,
		.subtype = subtype,
	};
	uint8_t buf[64];
	int len = bgp_msg_build_route_refresh(&rr, buf, sizeof(buf));

	if (len > 0)
		peer_send(p, buf, len);
}

/*
 * Our whole table to a peer: when the session comes up (family 0), then
 * End-of-RIB per family (RFC 4724 2); or again for one family on a
 * refresh, between BoRR and EoRR if enhanced (RFC 7313 4).
 */
static void send_table(struct peer *p, int family)
{
	struct table_walk w = { .p = p, .family = family };
	bool markers = family && peer_session(p)->enhanced_route_refresh;

	speaker_drain(p->d);
	if (markers)
		send_refresh_marker(p, family, BGP_RR_BORR);
	rib_walk(p->d->rib, send_table_entry, &w);
	p->table_sent = true;
	peer_flush(p);
	if (markers) {
		send_refresh_marker(p, family, BGP_RR_EORR);
		return;
	}
	if (family)
		return;
	if (family_negotiated(p, AF_INET))
		send_eor(p, AF_INET);
	if (family_negotiated(p, AF_INET6))
		send_eor(p, AF_INET6);
}

static void on_stale_timer(evutil_socket_t fd, short what, void *arg)
{
	struct peer *p = arg;
	size_t n;

	(void)fd;
	(void)what;
	n = rib_source_sweep_stale(p->d->rib, p->source);
	p->stale = false;
	log_info("peer %s: %zu stale routes removed: %s", peer_name(p), n,
		 peer_established(p) ? "no End-of-RIB in time" :
				       "it did not come back in time");
	speaker_schedule_drain(p->d);
}

static void stale_timer_start(struct peer *p, unsigned int seconds)
{
	struct timeval tv = { .tv_sec = seconds };

	if (!p->stale_timer)
		p->stale_timer = event_new(p->d->base, -1, 0, on_stale_timer,
					   p);
	if (p->stale_timer)
		event_add(p->stale_timer, &tv);
}

/* Startup: the kernel's old routes go once every peer has told us all. */
static void check_converged(struct podnetd *d)
{
	size_t i;

	if (d->converged)
		return;
	for (i = 0; i < d->n_peers; i++) {
		struct peer *p = &d->peers[i];
		uint8_t want;

		if (!peer_established(p))
			return;
		want = peer_session(p)->families;
		if ((p->eor_received & want) != want)
			return;
	}
	kernel_converged(d, "End-of-RIB from every peer");
}

void speaker_session_up(struct peer *p)
{
	struct podnetd *d = p->d;
	struct rib_source src = *rib_source_get(d->rib, p->source);

	src.router_id = peer_session(p)->peer_id;
	rib_source_set(d->rib, p->source, &src);
	p->eor_received = 0;
	if (p->stale)
		/* RFC 4724 4.2: its stale routes wait for End-of-RIB */
		stale_timer_start(p, d->cfg.stale_time);
	send_table(p, 0);
}

void speaker_session_down(struct peer *p, bool graceful)
{
	struct podnetd *d = p->d;
	const struct bgp_session *s = peer_session(p);
	size_t n;

	p->table_sent = false;
	p->eor_received = 0;
	if (p->out)
		p->out->n = 0;
	rib_source_reset_adj_out(d->rib, p->source);
	if (graceful && d->cfg.graceful_restart && s->peer_gr.time) {
		n = rib_source_mark_stale(d->rib, p->source);
		p->stale = true;
		stale_timer_start(p, s->peer_gr.time);
		log_info("peer %s: %zu routes kept stale for %u s",
			 peer_name(p), n, s->peer_gr.time);
	} else {
		n = rib_source_flush(d->rib, p->source);
		p->stale = false;
		if (p->stale_timer)
			event_del(p->stale_timer);
		log_info("peer %s: %zu routes removed", peer_name(p), n);
	}
	speaker_schedule_drain(d);
}

static void nexthop_from_bgp(const struct bgp_nexthop *nh,
			     struct podnet_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (nh->len == 4) {
		out->family = AF_INET;
		out->v4 = nh->v4;
	} else if (IN6_IS_ADDR_V4MAPPED(&nh->global)) {
		out->family = AF_INET;
		memcpy(&out->v4, &nh->global.s6_addr[12], 4);
	} else {
		out->family = AF_INET6;
		out->v6 = nh->global;
	}
}

static void withdraw_nlri(struct peer *p, const struct bgp_nlri *nlri)
{
	struct bgp_prefix bp;
	struct rib_prefix rp;
	uint16_t off = 0;

	while (bgp_nlri_next(nlri, &off, &bp)) {
		rib_prefix_from_bgp(&rp, &bp);
		rib_withdraw(p->d->rib, p->source, &rp);
	}
}

static void announce_nlri(struct peer *p, const struct bgp_nlri *nlri,
			  struct rib_attrs *ra, const struct podnet_addr *nh)
{
	struct bgp_prefix bp;
	struct rib_prefix rp;
	uint16_t off = 0;

	while (bgp_nlri_next(nlri, &off, &bp)) {
		rib_prefix_from_bgp(&rp, &bp);
		if (rib_update(p->d->rib, p->source, &rp, rib_attrs_get(ra),
			       nh))
			log_err("peer %s: out of memory for a route",
				peer_name(p));
	}
}

static void end_of_rib(struct peer *p, const struct bgp_afi_safi *f)
{
	int family = bgp_family_of(f->afi, f->safi);
	uint8_t want = peer_session(p)->families;
	size_t n;

	if (family < 0)
		return;
	p->eor_received |= 1 << family;
	log_info("peer %s: End-of-RIB for AFI %u SAFI %u", peer_name(p),
		 f->afi, f->safi);
	if (p->stale && (p->eor_received & want) == want) {
		n = rib_source_sweep_stale(p->d->rib, p->source);
		p->stale = false;
		if (p->stale_timer)
			event_del(p->stale_timer);
		log_info("peer %s: %zu stale routes removed after End-of-RIB",
			 peer_name(p), n);
	}
	check_converged(p->d);
}

static bool import_allowed(const struct peer *p)
{
	enum podnetd_policy pol = p->cfg->import;

	/* RFC 8212: nothing from an eBGP peer without a policy saying so */
	return pol == PODNETD_POLICY_ALL ||
	       (pol == PODNETD_POLICY_DEFAULT && !p->ebgp);
}

void speaker_update(struct peer *p, const struct bgp_update *u)
{
	struct podnetd *d = p->d;
	const struct bgp_update_error *err = &u->error;
	struct rib_attrs *ra;
	struct podnet_addr nh;

	p->updates_in++;
	if (u->end_of_rib) {
		end_of_rib(p, &u->eor);
		return;
	}
	if (err->action != BGP_UPDATE_OK)
		log_warn("peer %s: malformed UPDATE (attribute %u: %s): %s",
			 peer_name(p), err->attr, err->reason,
			 bgp_update_action_name(err->action));
	if (err->action == BGP_UPDATE_AFI_SAFI_DISABLE) {
		/* RFC 7606 5.3 allows a reset for it; simpler than a
		 * session with a family turned off
		 */
		peer_reset(p, err->notify.code, err->notify.subcode);
		return;
	}
	withdraw_nlri(p, &u->withdrawn);
	if (u->mp_unreach.size)
		withdraw_nlri(p, &u->mp_unreach);
	p->received += u->nlri.count + u->mp_reach.count;
	if (err->action == BGP_UPDATE_TREAT_AS_WITHDRAW || !import_allowed(p)) {
		withdraw_nlri(p, &u->nlri);
		if (u->mp_reach.size)
			withdraw_nlri(p, &u->mp_reach);
		speaker_schedule_drain(d);
		return;
	}
	if (u->nlri.count || u->mp_reach.count) {
		ra = rib_attrs_intern(d->rib, &u->attrs);
		if (!ra) {
			log_err("peer %s: out of memory for attributes",
				peer_name(p));
			return;
		}
		if (u->nlri.count) {
			nh.family = AF_INET;
			nh.v4 = u->attrs.next_hop;
			announce_nlri(p, &u->nlri, ra, &nh);
		}
		if (u->mp_reach.count) {
			nexthop_from_bgp(&u->mp_nexthop, &nh);
			announce_nlri(p, &u->mp_reach, ra, &nh);
		}
		rib_attrs_put(d->rib, ra);
	}
	speaker_schedule_drain(d);
}

void speaker_route_refresh(struct peer *p, const struct bgp_route_refresh *rr)
{
	int family = rr->afi == BGP_AFI_IPV4 ? AF_INET :
		     rr->afi == BGP_AFI_IPV6 ? AF_INET6 : -1;

	/*
	 * A peer's BoRR and EoRR are taken as plain UPDATEs in between: its
	 * paths not sent again stay until withdrawn (RFC 7313 lets a
	 * speaker ignore them).
	 */
	if (rr->subtype != BGP_RR_REQUEST || family < 0 ||
	    rr->safi != BGP_SAFI_UNICAST)
		return;
	log_info("peer %s: route refresh for AFI %u", peer_name(p), rr->afi);
	/* what it had is sent again: forget it was sent */
	send_table(p, family);
}

/* This node's pod CIDRs, as paths of the local source */
int speaker_originate(struct podnetd *d)
{
	struct bgp_attrs *a = &export_attrs;
	struct rib_attrs *ra;
	struct rib_prefix rp;
	size_t i;
	int err = 0;

	memset(a, 0, sizeof(*a));
	a->present = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
		     BGP_ATTR_BIT(BGP_ATTR_AS_PATH);
	a->origin = BGP_ORIGIN_IGP;
	ra = rib_attrs_intern(d->rib, a);
	if (!ra)
		return -ENOMEM;
	for (i = 0; i < d->cfg.n_pod_cidrs && !err; i++) {
		const struct podnetd_cidr *c = &d->cfg.pod_cidrs[i];

		memset(&rp, 0, sizeof(rp));
		rp.family = c->addr.family;
		rp.plen = c->plen;
		memcpy(rp.addr, &c->addr.v6, c->addr.family == AF_INET ? 4 : 16);
		err = rib_update(d->rib, RIB_SOURCE_LOCAL, &rp,
				 rib_attrs_get(ra), &d->underlay.addr);
	}
	rib_attrs_put(d->rib, ra);
	speaker_schedule_drain(d);
	return err;
}

void speaker_free_peer(struct peer *p)
{
	if (p->stale_timer)
		event_free(p->stale_timer);
	if (p->out)
		free(p->out->items);
	free(p->out);
}
