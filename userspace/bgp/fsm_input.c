// SPDX-License-Identifier: GPL-2.0
/*
 * What comes into the state machine: events, stops and messages, each
 * made into one step; and what the caller may ask of an FSM.
 */
#include <errno.h>
#include <string.h>

#include "fsm_step.h"

/*
 * A loop's timer may fire a little early from rounding; a stale expiry of
 * a restarted timer is early by a second at least.
 */
#define TIMER_EARLY_MS		100

static void step_init(struct step *s, struct bgp_fsm *fsm,
		      enum bgp_event ev, uint64_t now, struct bgp_actions *out)
{
	memset(s, 0, sizeof(*s));
	s->fsm = fsm;
	s->ev = ev;
	s->now = now;
	s->out = out;
	out->n = 0;
	out->tx_len = 0;
}

int bgp_fsm_init(struct bgp_fsm *fsm, const struct bgp_peer_config *cfg)
{
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_open open;

	if (!cfg->local_as || cfg->local_as == BGP_AS_TRANS ||
	    !cfg->peer_as || cfg->peer_as == BGP_AS_TRANS || !cfg->local_id ||
	    cfg->hold_time == 1 || cfg->hold_time == 2 ||
	    !cfg->connect_retry_time)
		return -EINVAL;
	/* so that sending it later cannot fail */
	bgp_open_from_config(cfg, &open);
	if (bgp_msg_build_open(&open, buf, sizeof(buf)) < 0)
		return -EINVAL;
	memset(fsm, 0, sizeof(*fsm));
	fsm->cfg = cfg;
	fsm->state = BGP_IDLE;
	return 0;
}

static int timer_of(enum bgp_event ev)
{
	switch (ev) {
	case BGP_EV_CONNECT_RETRY_TIMER:
		return BGP_TIMER_CONNECT_RETRY;
	case BGP_EV_HOLD_TIMER:
		return BGP_TIMER_HOLD;
	case BGP_EV_KEEPALIVE_TIMER:
		return BGP_TIMER_KEEPALIVE;
	case BGP_EV_IDLE_HOLD_TIMER:
		return BGP_TIMER_IDLE_HOLD;
	default:
		return -1;
	}
}

int bgp_fsm_event(struct bgp_fsm *fsm, enum bgp_event event, uint64_t now_ms,
		  struct bgp_actions *out)
{
	int timer = timer_of(event);
	struct step s;

	step_init(&s, fsm, event, now_ms, out);
	switch (event) {
	case BGP_EV_MANUAL_START:
	case BGP_EV_MANUAL_STOP:
	case BGP_EV_AUTOMATIC_START:
	case BGP_EV_MANUAL_START_PASSIVE:
	case BGP_EV_AUTOMATIC_START_PASSIVE:
	case BGP_EV_TCP_CR_ACKED:
	case BGP_EV_TCP_CONFIRMED:
	case BGP_EV_TCP_FAILS:
	case BGP_EV_OPEN_COLLISION_DUMP:
		break;
	case BGP_EV_CONNECT_RETRY_TIMER:
	case BGP_EV_HOLD_TIMER:
	case BGP_EV_KEEPALIVE_TIMER:
	case BGP_EV_IDLE_HOLD_TIMER:
		if (!fsm->deadline_ms[timer] ||
		    now_ms + TIMER_EARLY_MS < fsm->deadline_ms[timer])
			return 0;
		fsm->deadline_ms[timer] = 0;
		break;
	default:
		return -EINVAL;
	}
	bgp_fsm_step(&s);
	return 0;
}

int bgp_fsm_stop(struct bgp_fsm *fsm, uint8_t code, uint8_t subcode,
		 uint64_t now_ms, struct bgp_actions *out)
{
	struct bgp_error why = { .code = code, .subcode = subcode };
	struct step s;

	step_init(&s, fsm, BGP_EV_AUTOMATIC_STOP, now_ms, out);
	s.err = &why;
	bgp_fsm_step(&s);
	return 0;
}

static enum bgp_event message_event(const struct bgp_fsm *fsm,
				    const struct bgp_msg *msg,
				    struct bgp_error *err)
{
	switch (msg->type) {
	case BGP_MSG_OPEN:
		if (fsm->state == BGP_OPENSENT &&
		    bgp_open_check(&msg->open, fsm->cfg, err))
			return BGP_EV_OPEN_ERR;
		return BGP_EV_OPEN;
	case BGP_MSG_UPDATE:
		return BGP_EV_UPDATE;
	case BGP_MSG_NOTIFICATION:
		if (msg->notification.code == BGP_ERR_OPEN &&
		    msg->notification.subcode == BGP_ERR_OPEN_VERSION)
			return BGP_EV_NOTIF_VERSION_ERR;
		return BGP_EV_NOTIF;
	case BGP_MSG_KEEPALIVE:
		return BGP_EV_KEEPALIVE;
	default:
		return BGP_EV_ROUTE_REFRESH;
	}
}

static enum bgp_event error_event(const struct bgp_error *err)
{
	switch (err->code) {
	case BGP_ERR_HEADER:
		return BGP_EV_HEADER_ERR;
	case BGP_ERR_OPEN:
		return BGP_EV_OPEN_ERR;
	default:
		return BGP_EV_UPDATE_ERR;
	}
}

int bgp_fsm_message(struct bgp_fsm *fsm, const uint8_t *buf, size_t len,
		    uint64_t now_ms, struct bgp_msg *msg,
		    struct bgp_actions *out)
{
	struct bgp_codec_ctx ctx = bgp_fsm_codec_ctx(fsm);
	struct bgp_error err;
	struct step s;

	step_init(&s, fsm, 0, now_ms, out);
	s.msg = msg;
	s.err = &err;
	if (bgp_msg_parse(buf, len, &ctx, msg, &err))
		s.ev = error_event(&err);
	else
		s.ev = message_event(fsm, msg, &err);
	bgp_fsm_step(&s);
	return s.ev;
}

/* For an eBGP peer the path must start with its AS (RFC 4271 6.3). */
struct bgp_codec_ctx bgp_fsm_codec_ctx(const struct bgp_fsm *fsm)
{
	struct bgp_codec_ctx ctx = {
		.as4 = fsm->session.as4,
		.ebgp = fsm->cfg->local_as != fsm->cfg->peer_as,
	};

	if (ctx.ebgp)
		ctx.first_as = fsm->cfg->peer_as;
	return ctx;
}

bool bgp_fsm_next_timer(const struct bgp_fsm *fsm, enum bgp_timer *timer,
			uint64_t *deadline_ms)
{
	bool found = false;
	int id;

	for (id = 0; id < BGP_TIMER_COUNT; id++) {
		uint64_t at = fsm->deadline_ms[id];

		if (at && (!found || at < *deadline_ms)) {
			*timer = id;
			*deadline_ms = at;
			found = true;
		}
	}
	return found;
}
