// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: one BGP message as a peer sends it. It is parsed under each
 * codec context (2- and 4-octet ASes, internal and external peer); what
 * parses is built again and must parse to the same; a NOTIFICATION the
 * parser asks for must build. Then a state machine in OpenSent and one in
 * Established take it, and what they send must parse.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bgp_fsm.h"

#define CHECK(cond)	do { if (!(cond)) abort(); } while (0)

static const struct bgp_codec_ctx ctxs[] = {
	{ .as4 = false },
	{ .as4 = true },
	{ .as4 = false, .ebgp = true, .first_as = 65001 },
	{ .as4 = true, .ebgp = true, .first_as = 65001 },
};

static struct bgp_msg msg, again;
static uint8_t buf[BGP_MAX_MSG_LEN];
static struct bgp_prefix prefixes[BGP_MAX_MSG_LEN];

static void check_error(const struct bgp_error *err)
{
	CHECK(err->code >= BGP_ERR_HEADER &&
	      err->code <= BGP_ERR_ROUTE_REFRESH);
	/* building it reads all of its data */
	CHECK(bgp_msg_build_notification(err, buf, sizeof(buf)) > 0);
}

static const struct bgp_msg *reparse(const struct bgp_codec_ctx *ctx,
				     int len)
{
	struct bgp_error err;

	CHECK(len > 0);
	CHECK(bgp_msg_parse(buf, len, ctx, &again, &err) == 0);
	CHECK(again.type == msg.type);
	return &again;
}

static void check_caps(const struct bgp_caps *a, const struct bgp_caps *b)
{
	int i;

	CHECK(a->as4 == b->as4 && a->asn == b->asn);
	CHECK(a->route_refresh == b->route_refresh);
	CHECK(a->enhanced_route_refresh == b->enhanced_route_refresh);
	CHECK(a->n_families == b->n_families);
	CHECK(!memcmp(a->families, b->families,
		      a->n_families * sizeof(a->families[0])));
	CHECK(a->graceful_restart == b->graceful_restart);
	CHECK(a->gr.flags == b->gr.flags && a->gr.time == b->gr.time);
	CHECK(a->gr.count == b->gr.count);
	CHECK(!memcmp(a->gr.families, b->gr.families,
		      a->gr.count * sizeof(a->gr.families[0])));
	CHECK(a->n_unknown == b->n_unknown);
	for (i = 0; i < a->n_unknown; i++)
		CHECK(a->unknown[i].code == b->unknown[i].code &&
		      a->unknown[i].len == b->unknown[i].len &&
		      !memcmp(a->unknown[i].value, b->unknown[i].value,
			      a->unknown[i].len));
}

static void round_trip_open(const struct bgp_codec_ctx *ctx)
{
	int len = bgp_msg_build_open(&msg.open, buf, sizeof(buf));
	const struct bgp_open *o = &reparse(ctx, len)->open;

	CHECK(o->my_as == msg.open.my_as && o->hold_time == msg.open.hold_time);
	CHECK(o->bgp_id == msg.open.bgp_id);
	CHECK(o->extended || !msg.open.extended);
	check_caps(&o->caps, &msg.open.caps);
}

static size_t collect(const struct bgp_nlri *nlri)
{
	uint16_t off = 0;
	size_t n = 0;

	while (bgp_nlri_next(nlri, &off, &prefixes[n]))
		n++;
	CHECK(n == nlri->count);
	return n;
}

/* The attributes an announcement of that family carries */
static bool same_attrs(struct bgp_attrs *a, struct bgp_attrs *b, bool v4)
{
	uint32_t ignore = BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI) |
			  BGP_ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI);

	if (!v4)
		ignore |= BGP_ATTR_BIT(BGP_ATTR_NEXT_HOP);
	a->present &= ~ignore;
	b->present &= ~ignore;
	return bgp_attrs_equal(a, b);
}

/* An UPDATE good enough to use is announced again the same. */
static void round_trip_update(const struct bgp_codec_ctx *ctx)
{
	struct bgp_update *u = &msg.update;
	bool v4 = u->nlri.count;
	struct bgp_nexthop nh = u->mp_nexthop;
	const struct bgp_nlri *nlri = v4 ? &u->nlri : &u->mp_reach;
	uint16_t off = 0;
	size_t n, packed, i;
	struct bgp_prefix p;
	int len;

	if (u->error.action > BGP_UPDATE_ATTR_DISCARD)
		return;
	if (!v4 && (!(u->attrs.present &
		      BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI)) ||
		    bgp_family_of(u->mp_reach.afi, u->mp_reach.safi) !=
		    BGP_FAMILY_IPV6_UNICAST || !u->mp_reach.count))
		return;
	if (v4) {
		nh.len = 4;
		nh.v4 = u->attrs.next_hop;
	}
	n = collect(nlri);
	len = bgp_msg_build_announce(ctx, &u->attrs, &nh, prefixes, n,
				     &packed, buf, sizeof(buf));
	/* AS4_PATH whole where it came partial may not fit */
	if (len == -EMSGSIZE)
		return;
	reparse(ctx, len);
	CHECK(again.update.error.action == BGP_UPDATE_OK);
	nlri = v4 ? &again.update.nlri : &again.update.mp_reach;
	CHECK(nlri->count == packed);
	for (i = 0; i < packed; i++) {
		CHECK(bgp_nlri_next(nlri, &off, &p));
		CHECK(!memcmp(&p, &prefixes[i], sizeof(p)));
	}
	CHECK(same_attrs(&u->attrs, &again.update.attrs, v4));
}

static void round_trip(const struct bgp_codec_ctx *ctx)
{
	const struct bgp_msg *m;
	int len;

	switch (msg.type) {
	case BGP_MSG_OPEN:
		round_trip_open(ctx);
		break;
	case BGP_MSG_UPDATE:
		round_trip_update(ctx);
		break;
	case BGP_MSG_NOTIFICATION:
		len = bgp_msg_build_notification(&msg.notification, buf,
						 sizeof(buf));
		m = reparse(ctx, len);
		CHECK(m->notification.code == msg.notification.code);
		CHECK(m->notification.subcode == msg.notification.subcode);
		CHECK(m->notification.len == msg.notification.len);
		CHECK(!memcmp(m->notification.data, msg.notification.data,
			      m->notification.len));
		break;
	case BGP_MSG_ROUTE_REFRESH:
		len = bgp_msg_build_route_refresh(&msg.route_refresh, buf,
						  sizeof(buf));
		m = reparse(ctx, len);
		CHECK(!memcmp(&m->route_refresh, &msg.route_refresh,
			      sizeof(m->route_refresh)));
		break;
	}
}

static struct bgp_peer_config cfg = {
	.local_as = 64512, .peer_as = 64512, .local_id = 1, .hold_time = 90,
	.connect_retry_time = 5, .idle_hold_time = 1,
	.caps = { .route_refresh = true, .enhanced_route_refresh = true,
		  .graceful_restart = true },
};

static void check_sent(const struct bgp_actions *out)
{
	struct bgp_error err;
	unsigned int i;

	for (i = 0; i < out->n; i++) {
		const struct bgp_action *a = &out->list[i];

		if (a->type != BGP_ACT_SEND)
			continue;
		CHECK(a->send.off + a->send.len <= out->tx_len);
		CHECK(!bgp_msg_parse(out->tx + a->send.off, a->send.len,
				     NULL, &again, &err));
	}
}

/* The peer's OPEN and KEEPALIVE take an FSM to OpenConfirm, Established */
static void feed(const uint8_t *data, size_t size, int steps)
{
	static struct bgp_actions out;
	static struct bgp_open open;
	static struct bgp_fsm fsm;
	uint8_t peer[BGP_MAX_MSG_LEN];
	int i, len;

	CHECK(!bgp_fsm_init(&fsm, &cfg));
	bgp_fsm_event(&fsm, BGP_EV_MANUAL_START, 0, &out);
	bgp_fsm_event(&fsm, BGP_EV_TCP_CR_ACKED, 0, &out);
	bgp_open_from_config(&cfg, &open);
	open.bgp_id = 2;
	for (i = 0; i < steps; i++) {
		len = i ? bgp_msg_build_keepalive(peer, sizeof(peer))
			: bgp_msg_build_open(&open, peer, sizeof(peer));
		bgp_fsm_message(&fsm, peer, len, 1, &msg, &out);
	}
	bgp_fsm_message(&fsm, data, size, 2, &msg, &out);
	check_sent(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bgp_error err;
	size_t i;
	int len;

	len = bgp_msg_frame(data, size, &err);
	if (len < 0)
		check_error(&err);
	/* one message, the rest of the input left over */
	if (len > 0 && (size_t)len < size)
		size = len;
	for (i = 0; i < sizeof(ctxs) / sizeof(ctxs[0]); i++) {
		if (bgp_msg_parse(data, size, &ctxs[i], &msg, &err))
			check_error(&err);
		else
			round_trip(&ctxs[i]);
	}
	feed(data, size, 0);
	feed(data, size, 2);
	return 0;
}
