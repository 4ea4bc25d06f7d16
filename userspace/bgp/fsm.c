// SPDX-License-Identifier: GPL-2.0
/*
 * The RFC 4271 8.2.2 state machine. Where this differs from the RFC, the
 * comment says so; the optional session attributes it leaves out (DelayOpen,
 * DampPeerOscillations, ...) are as if set to FALSE.
 */
#include <string.h>

#include "fsm_step.h"

/* RFC 4271 8.2.2: the hold time while waiting for the OPEN, 4 minutes */
#define OPENSENT_HOLD_MS	(4 * 60 * 1000U)

/* How a connection ends */
#define END_MANUAL	0x1	/* by the user: no restart, counter reset */
#define END_NO_RESTART	0x2	/* nor an automatic one */
#define END_GRACEFUL	0x4	/* RFC 4724 4.2: the peer's routes stay */

/* The steps every way to Idle shares; the routes go at once or later. */
static void close_to_idle(struct step *s, enum bgp_close_cause cause,
			  const struct bgp_error *why, unsigned int how)
{
	struct bgp_fsm *fsm = s->fsm;

	fsm->last_close.cause = cause;
	fsm->last_close.code = why ? why->code : 0;
	fsm->last_close.subcode = why ? why->subcode : 0;
	if (fsm->state == BGP_ESTABLISHED)
		fsm_act(s, BGP_ACT_SESSION_DOWN)->graceful = how & END_GRACEFUL;
	fsm_act(s, BGP_ACT_DISCONNECT);
	fsm_timers_stop(s);
	fsm->connect_retry_counter = how & END_MANUAL ? 0 :
				     fsm->connect_retry_counter + 1;
	fsm_set_state(s, BGP_IDLE);
	if (!(how & (END_MANUAL | END_NO_RESTART)) && fsm->cfg->idle_hold_time)
		fsm_timer_start(s, BGP_TIMER_IDLE_HOLD,
				fsm->cfg->idle_hold_time * 1000U);
}

static void notify_and_close(struct step *s, uint8_t code, uint8_t subcode,
			     const uint8_t *data, uint16_t len,
			     unsigned int how)
{
	struct bgp_error n = {
		.code = code, .subcode = subcode, .data = data, .len = len,
	};

	fsm_send_notification(s, &n);
	close_to_idle(s, BGP_CLOSE_NOTIFY_SENT, &n, how);
}

static void error_and_close(struct step *s, const struct bgp_error *err,
			    unsigned int how)
{
	notify_and_close(s, err->code, err->subcode, err->data, err->len, how);
}

/* RFC 4724 4: a NOTIFICATION ends a session the normal way. */
static void notified_and_close(struct step *s)
{
	close_to_idle(s, BGP_CLOSE_NOTIFY_RECEIVED, &s->msg->notification, 0);
}

/* RFC 6608: a message this state does not expect, its type as data */
static void unexpected(struct step *s)
{
	static const uint8_t types[] = {
		BGP_MSG_OPEN, BGP_MSG_UPDATE, BGP_MSG_NOTIFICATION,
		BGP_MSG_KEEPALIVE, BGP_MSG_ROUTE_REFRESH,
	};
	static const uint8_t subcodes[] = {
		[BGP_OPENSENT] = BGP_ERR_FSM_IN_OPENSENT,
		[BGP_OPENCONFIRM] = BGP_ERR_FSM_IN_OPENCONFIRM,
		[BGP_ESTABLISHED] = BGP_ERR_FSM_IN_ESTABLISHED,
	};

	notify_and_close(s, BGP_ERR_FSM, subcodes[s->fsm->state],
			 &types[s->msg->type - 1], 1, 0);
}

/*
 * Passive start waits in Active for the peer. Unlike RFC 4271, which has
 * the ConnectRetryTimer connect after a while anyway, it never connects:
 * the side that is to be passive in a mesh must stay so.
 */
static void start(struct step *s, bool passive)
{
	struct bgp_fsm *fsm = s->fsm;

	fsm_timer_stop(s, BGP_TIMER_IDLE_HOLD);
	fsm->connect_retry_counter = 0;
	fsm->passive = passive || fsm->cfg->passive;
	if (fsm->passive) {
		fsm_set_state(s, BGP_ACTIVE);
		return;
	}
	fsm_timer_start(s, BGP_TIMER_CONNECT_RETRY,
			fsm->cfg->connect_retry_time * 1000U);
	fsm_act(s, BGP_ACT_CONNECT);
	fsm_set_state(s, BGP_CONNECT);
}

static void connect_again(struct step *s)
{
	fsm_timer_start(s, BGP_TIMER_CONNECT_RETRY,
			s->fsm->cfg->connect_retry_time * 1000U);
	fsm_act(s, BGP_ACT_CONNECT);
	fsm_set_state(s, BGP_CONNECT);
}

static void connection_up(struct step *s)
{
	struct bgp_fsm *fsm = s->fsm;

	fsm->outgoing = s->ev == BGP_EV_TCP_CR_ACKED;
	memset(&fsm->session, 0, sizeof(fsm->session));
	fsm_timer_stop(s, BGP_TIMER_CONNECT_RETRY);
	fsm_send_open(s);
	fsm_timer_start(s, BGP_TIMER_HOLD, OPENSENT_HOLD_MS);
	fsm_set_state(s, BGP_OPENSENT);
}

static void open_received(struct step *s)
{
	struct bgp_session *session = &s->fsm->session;

	bgp_session_negotiate(session, s->fsm->cfg, &s->msg->open);
	fsm_send_keepalive(s);
	if (session->hold_time) {
		fsm_timer_start(s, BGP_TIMER_KEEPALIVE, session->keepalive_ms);
		fsm_hold_restart(s);
	} else {
		fsm_timer_stop(s, BGP_TIMER_HOLD);
	}
	fsm_set_state(s, BGP_OPENCONFIRM);
}

static void keepalive_due(struct step *s)
{
	fsm_send_keepalive(s);
	fsm_timer_start(s, BGP_TIMER_KEEPALIVE, s->fsm->session.keepalive_ms);
}

/* Ends without a NOTIFICATION: none may be sent before our OPEN. */
static void drop_unopened(struct step *s, unsigned int how)
{
	switch (s->ev) {
	case BGP_EV_TCP_FAILS:
		close_to_idle(s, BGP_CLOSE_TCP_FAILED, NULL, how);
		break;
	case BGP_EV_NOTIF:
	case BGP_EV_NOTIF_VERSION_ERR:
		notified_and_close(s);
		break;
	case BGP_EV_HEADER_ERR:
	case BGP_EV_OPEN_ERR:
	case BGP_EV_UPDATE_ERR:
		close_to_idle(s, BGP_CLOSE_PROTOCOL_ERROR, s->err, how);
		break;
	default:
		close_to_idle(s, BGP_CLOSE_PROTOCOL_ERROR, NULL, how);
		break;
	}
}

static void step_idle(struct step *s)
{
	switch (s->ev) {
	case BGP_EV_MANUAL_START:
	case BGP_EV_AUTOMATIC_START:
		start(s, false);
		break;
	case BGP_EV_MANUAL_START_PASSIVE:
	case BGP_EV_AUTOMATIC_START_PASSIVE:
		start(s, true);
		break;
	case BGP_EV_IDLE_HOLD_TIMER:
		start(s, s->fsm->passive);
		break;
	case BGP_EV_MANUAL_STOP:
		fsm_timer_stop(s, BGP_TIMER_IDLE_HOLD);
		s->fsm->connect_retry_counter = 0;
		break;
	case BGP_EV_TCP_CR_ACKED:
	case BGP_EV_TCP_CONFIRMED:
		/* Idle refuses connections */
		fsm_act(s, BGP_ACT_DISCONNECT);
		break;
	default:
		break;
	}
}

/* Connect: our connection is under way; Active: we wait for the peer's. */
static void step_unopened(struct step *s)
{
	switch (s->ev) {
	case BGP_EV_MANUAL_START:
	case BGP_EV_AUTOMATIC_START:
	case BGP_EV_MANUAL_START_PASSIVE:
	case BGP_EV_AUTOMATIC_START_PASSIVE:
		break;
	case BGP_EV_MANUAL_STOP:
		close_to_idle(s, BGP_CLOSE_STOPPED, NULL, END_MANUAL);
		break;
	case BGP_EV_AUTOMATIC_STOP:
		close_to_idle(s, BGP_CLOSE_STOPPED, NULL, END_NO_RESTART);
		break;
	case BGP_EV_CONNECT_RETRY_TIMER:
		/* Connect gives up on its attempt, Active makes one */
		if (s->fsm->state == BGP_CONNECT)
			fsm_act(s, BGP_ACT_DISCONNECT);
		connect_again(s);
		break;
	case BGP_EV_TCP_CR_ACKED:
	case BGP_EV_TCP_CONFIRMED:
		connection_up(s);
		break;
	default:
		drop_unopened(s, 0);
		break;
	}
}

/* OpenSent: our OPEN is out, the peer's awaited. */
static void step_opensent(struct step *s)
{
	struct bgp_fsm *fsm = s->fsm;

	switch (s->ev) {
	case BGP_EV_TCP_FAILS:
		/* back to waiting for a connection */
		fsm->last_close.cause = BGP_CLOSE_TCP_FAILED;
		fsm_act(s, BGP_ACT_DISCONNECT);
		fsm_timers_stop(s);
		if (!fsm->passive)
			fsm_timer_start(s, BGP_TIMER_CONNECT_RETRY,
					fsm->cfg->connect_retry_time * 1000U);
		fsm_set_state(s, BGP_ACTIVE);
		break;
	case BGP_EV_OPEN:
		open_received(s);
		break;
	case BGP_EV_KEEPALIVE:
	case BGP_EV_UPDATE:
	case BGP_EV_UPDATE_ERR:
	case BGP_EV_ROUTE_REFRESH:
		unexpected(s);
		break;
	default:
		break;
	}
}

/* OpenConfirm: OPENs exchanged, the peer's KEEPALIVE awaited. */
static void step_openconfirm(struct step *s)
{
	switch (s->ev) {
	case BGP_EV_KEEPALIVE_TIMER:
		keepalive_due(s);
		break;
	case BGP_EV_TCP_FAILS:
		close_to_idle(s, BGP_CLOSE_TCP_FAILED, NULL, 0);
		break;
	case BGP_EV_KEEPALIVE:
		fsm_hold_restart(s);
		fsm_set_state(s, BGP_ESTABLISHED);
		fsm_act(s, BGP_ACT_SESSION_UP);
		break;
	case BGP_EV_OPEN:
	case BGP_EV_UPDATE:
	case BGP_EV_UPDATE_ERR:
	case BGP_EV_ROUTE_REFRESH:
		/* a second OPEN on one connection too */
		unexpected(s);
		break;
	default:
		break;
	}
}

/* RFC 2918 4, RFC 7313 5: what to ignore */
static bool refresh_wanted(const struct bgp_fsm *fsm,
			   const struct bgp_route_refresh *rr)
{
	int family = bgp_family_of(rr->afi, rr->safi);

	if (family < 0 || !(fsm->session.families & 1 << family))
		return false;
	switch (rr->subtype) {
	case BGP_RR_REQUEST:
		return fsm->session.route_refresh;
	case BGP_RR_BORR:
	case BGP_RR_EORR:
		return fsm->session.enhanced_route_refresh;
	default:
		return false;
	}
}

static bool retains_routes(const struct bgp_fsm *fsm)
{
	return fsm->session.graceful_restart && fsm->session.peer_gr.count;
}

static void step_established(struct step *s)
{
	struct bgp_fsm *fsm = s->fsm;

	switch (s->ev) {
	case BGP_EV_KEEPALIVE_TIMER:
		keepalive_due(s);
		break;
	case BGP_EV_TCP_CR_ACKED:
	case BGP_EV_TCP_CONFIRMED:
		/*
		 * RFC 4724 4.2: a peer that restarts gracefully reconnects
		 * while its old connection still looks up; this one goes.
		 * Without the capability the new one is a collision.
		 */
		if (retains_routes(fsm))
			close_to_idle(s, BGP_CLOSE_REPLACED, NULL,
				      END_GRACEFUL | END_NO_RESTART);
		break;
	case BGP_EV_TCP_FAILS:
		close_to_idle(s, BGP_CLOSE_TCP_FAILED, NULL,
			      retains_routes(fsm) ? END_GRACEFUL : 0);
		break;
	case BGP_EV_KEEPALIVE:
		fsm_hold_restart(s);
		break;
	case BGP_EV_UPDATE:
		fsm_hold_restart(s);
		fsm_act(s, BGP_ACT_UPDATE);
		break;
	case BGP_EV_ROUTE_REFRESH:
		fsm_hold_restart(s);
		if (refresh_wanted(fsm, &s->msg->route_refresh))
			fsm_act(s, BGP_ACT_ROUTE_REFRESH);
		break;
	case BGP_EV_UPDATE_ERR:
		error_and_close(s, s->err, 0);
		break;
	case BGP_EV_OPEN:
	case BGP_EV_OPEN_ERR:
		unexpected(s);
		break;
	default:
		break;
	}
}

/*
 * What OpenSent, OpenConfirm and Established do alike: a connection is up
 * and our OPEN went out on it. True if the event was handled.
 */
static bool step_opened(struct step *s)
{
	static const struct bgp_error admin_shutdown = {
		.code = BGP_ERR_CEASE, .subcode = BGP_ERR_CEASE_ADMIN_SHUTDOWN,
	};
	static const struct bgp_error hold_expired = {
		.code = BGP_ERR_HOLD_TIMER,
	};
	static const struct bgp_error collision = {
		.code = BGP_ERR_CEASE, .subcode = BGP_ERR_CEASE_COLLISION,
	};

	switch (s->ev) {
	case BGP_EV_MANUAL_START:
	case BGP_EV_AUTOMATIC_START:
	case BGP_EV_MANUAL_START_PASSIVE:
	case BGP_EV_AUTOMATIC_START_PASSIVE:
		return true;
	case BGP_EV_MANUAL_STOP:
		error_and_close(s, &admin_shutdown, END_MANUAL);
		return true;
	case BGP_EV_AUTOMATIC_STOP:
		error_and_close(s, s->err, END_NO_RESTART);
		return true;
	case BGP_EV_HOLD_TIMER:
		error_and_close(s, &hold_expired, 0);
		return true;
	case BGP_EV_OPEN_COLLISION_DUMP:
		error_and_close(s, &collision, END_NO_RESTART);
		return true;
	/*
	 * RFC 4271 has OpenSent answer a NOTIFICATION with an FSM error, to
	 * a peer that has closed already: it is not sent.
	 */
	case BGP_EV_NOTIF:
	case BGP_EV_NOTIF_VERSION_ERR:
		notified_and_close(s);
		return true;
	case BGP_EV_HEADER_ERR:
		/* RFC 4271 6.1 over 8.2.2's FSM error in Established */
		error_and_close(s, s->err, 0);
		return true;
	case BGP_EV_OPEN_ERR:
		if (s->fsm->state == BGP_ESTABLISHED)
			return false;
		error_and_close(s, s->err, 0);
		return true;
	default:
		return false;
	}
}

void bgp_fsm_step(struct step *s)
{
	switch (s->fsm->state) {
	case BGP_IDLE:
		step_idle(s);
		break;
	case BGP_CONNECT:
	case BGP_ACTIVE:
		step_unopened(s);
		break;
	case BGP_OPENSENT:
		if (!step_opened(s))
			step_opensent(s);
		break;
	case BGP_OPENCONFIRM:
		if (!step_opened(s))
			step_openconfirm(s);
		break;
	case BGP_ESTABLISHED:
		if (!step_opened(s))
			step_established(s);
		break;
	}
}
