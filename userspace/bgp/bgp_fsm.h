/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BGP finite state machine of RFC 4271 8, for one TCP connection to a
 * configured peer. Pure: the caller passes in events, received messages and
 * the time (any monotonic millisecond clock), and carries out the actions
 * that come back in order: send these octets, start or stop a timer, open
 * or close the connection, the session is up or down, here is an UPDATE.
 *
 * A peer has one FSM, and briefly a second one while two connections to it
 * race (RFC 4271 6.8): the caller accepts an incoming connection into an FSM
 * in Connect or Active, and runs any other on a second FSM started passive.
 * When an FSM reaches OpenConfirm, bgp_collision_check() against the other
 * says which connection to dump with BGP_EV_OPEN_COLLISION_DUMP.
 */
#ifndef PODNET_BGP_FSM_H
#define PODNET_BGP_FSM_H

#include "bgp_msg.h"

enum bgp_state {
	BGP_IDLE,
	BGP_CONNECT,
	BGP_ACTIVE,
	BGP_OPENSENT,
	BGP_OPENCONFIRM,
	BGP_ESTABLISHED,
};

/* Numbered as in RFC 4271 8.1; optional ones left out are not handled. */
enum bgp_event {
	BGP_EV_MANUAL_START = 1,
	BGP_EV_MANUAL_STOP = 2,
	BGP_EV_AUTOMATIC_START = 3,
	BGP_EV_MANUAL_START_PASSIVE = 4,
	BGP_EV_AUTOMATIC_START_PASSIVE = 5,
	BGP_EV_AUTOMATIC_STOP = 8,	/* by bgp_fsm_stop() */
	BGP_EV_CONNECT_RETRY_TIMER = 9,
	BGP_EV_HOLD_TIMER = 10,
	BGP_EV_KEEPALIVE_TIMER = 11,
	BGP_EV_IDLE_HOLD_TIMER = 13,
	BGP_EV_TCP_CR_ACKED = 16,	/* our connection is up */
	BGP_EV_TCP_CONFIRMED = 17,	/* we accepted the peer's */
	BGP_EV_TCP_FAILS = 18,
	/* from here on made by bgp_fsm_message() */
	BGP_EV_OPEN = 19,
	BGP_EV_HEADER_ERR = 21,
	BGP_EV_OPEN_ERR = 22,
	BGP_EV_OPEN_COLLISION_DUMP = 23,	/* this one is the caller's */
	BGP_EV_NOTIF_VERSION_ERR = 24,
	BGP_EV_NOTIF = 25,
	BGP_EV_KEEPALIVE = 26,
	BGP_EV_UPDATE = 27,
	BGP_EV_UPDATE_ERR = 28,		/* also a bad ROUTE-REFRESH */
	BGP_EV_ROUTE_REFRESH = 100,	/* RFC 2918, not in RFC 4271 */
};

enum bgp_timer {
	BGP_TIMER_CONNECT_RETRY,
	BGP_TIMER_HOLD,
	BGP_TIMER_KEEPALIVE,
	BGP_TIMER_IDLE_HOLD,		/* delays an automatic restart */
	BGP_TIMER_COUNT,
};

enum bgp_action_type {
	BGP_ACT_SEND,		/* write tx[send.off, send.off + send.len) */
	BGP_ACT_TIMER_START,	/* (re)arm timer.id to fire in timer.ms */
	BGP_ACT_TIMER_STOP,
	BGP_ACT_CONNECT,	/* open a connection to the peer */
	BGP_ACT_DISCONNECT,	/* close this FSM's connection or attempt */
	BGP_ACT_SESSION_UP,
	BGP_ACT_SESSION_DOWN,	/* the peer's routes go, or turn stale */
	BGP_ACT_UPDATE,		/* process msg->update */
	BGP_ACT_ROUTE_REFRESH,	/* process msg->route_refresh */
};

struct bgp_action {
	enum bgp_action_type type;
	union {
		struct {
			uint8_t msg_type;
			uint16_t off;
			uint16_t len;
		} send;
		struct {
			enum bgp_timer id;
			uint32_t ms;
		} timer;
		bool graceful;	/* SESSION_DOWN: keep routes, RFC 4724 4.2 */
	};
};

#define BGP_MAX_ACTIONS		16

/* What one call asks of the caller; tx holds the messages to send. */
struct bgp_actions {
	unsigned int n;
	struct bgp_action list[BGP_MAX_ACTIONS];
	size_t tx_len;
	uint8_t tx[BGP_MAX_MSG_LEN];
};

struct bgp_peer_config {
	uint32_t local_as;
	uint32_t peer_as;
	uint32_t local_id;		/* BGP Identifier, host byte order */
	uint16_t hold_time;		/* proposed, seconds: 0 or >= 3 */
	uint16_t connect_retry_time;	/* seconds */
	uint16_t idle_hold_time;	/* seconds to an automatic restart */
	bool passive;			/* never connect, only accept */
	struct bgp_caps caps;		/* offered; the 4-octet AS always */
};

/* What the two OPENs agreed on */
struct bgp_session {
	uint32_t peer_as;
	uint32_t peer_id;		/* host byte order */
	uint16_t hold_time;		/* seconds, 0 for no keepalives */
	uint32_t keepalive_ms;
	bool as4;
	bool route_refresh;
	bool enhanced_route_refresh;
	bool graceful_restart;		/* both sent the capability */
	uint8_t families;		/* 1 << enum bgp_family, both sides */
	struct bgp_gr peer_gr;		/* the peer's restart capability */
};

enum bgp_close_cause {
	BGP_CLOSE_NONE,
	BGP_CLOSE_STOPPED,		/* a stop event */
	BGP_CLOSE_NOTIFY_SENT,
	BGP_CLOSE_NOTIFY_RECEIVED,
	BGP_CLOSE_TCP_FAILED,
	BGP_CLOSE_REPLACED,		/* a new connection, RFC 4724 */
	BGP_CLOSE_PROTOCOL_ERROR,	/* before our OPEN: nothing sent */
};

/* Why the last connection ended */
struct bgp_close {
	enum bgp_close_cause cause;
	uint8_t code;
	uint8_t subcode;
};

struct bgp_fsm {
	const struct bgp_peer_config *cfg;
	enum bgp_state state;
	bool passive;		/* started passive */
	bool outgoing;		/* the connection is the one we opened */
	uint32_t connect_retry_counter;
	uint64_t state_since_ms;
	uint64_t deadline_ms[BGP_TIMER_COUNT];	/* 0: not running */
	struct bgp_session session;
	struct bgp_close last_close;
};

enum bgp_collision {
	BGP_COLLISION_NONE,
	BGP_COLLISION_DUMP_THIS,	/* send it BGP_EV_OPEN_COLLISION_DUMP */
	BGP_COLLISION_DUMP_OTHER,
};

/* -EINVAL if the configuration cannot work. cfg must outlive fsm. */
int bgp_fsm_init(struct bgp_fsm *fsm, const struct bgp_peer_config *cfg);

/*
 * Every event but the messages', which come by bgp_fsm_message(), and
 * AutomaticStop, by bgp_fsm_stop(). A timer event for a timer that is not
 * running or not due is stale and ignored.
 */
int bgp_fsm_event(struct bgp_fsm *fsm, enum bgp_event event, uint64_t now_ms,
		  struct bgp_actions *out);

/*
 * One message as framed by bgp_msg_frame(), parsed into *msg, which must
 * live as long as the actions use it. Returns the event it made.
 */
int bgp_fsm_message(struct bgp_fsm *fsm, const uint8_t *buf, size_t len,
		    uint64_t now_ms, struct bgp_msg *msg,
		    struct bgp_actions *out);

/*
 * AutomaticStop: ends the connection, with a NOTIFICATION of code and
 * subcode if it got as far as an OPEN (e.g. Cease, Maximum Number of
 * Prefixes Reached; or an AFI/SAFI disable the caller makes a reset).
 */
int bgp_fsm_stop(struct bgp_fsm *fsm, uint8_t code, uint8_t subcode,
		 uint64_t now_ms, struct bgp_actions *out);

/* The codec context for messages of this FSM's session */
struct bgp_codec_ctx bgp_fsm_codec_ctx(const struct bgp_fsm *fsm);

/* The first running timer to fire, false if none runs. */
bool bgp_fsm_next_timer(const struct bgp_fsm *fsm, enum bgp_timer *timer,
			uint64_t *deadline_ms);

/* session.c: OPEN handling, pure functions of the two OPENs */
void bgp_open_from_config(const struct bgp_peer_config *cfg,
			  struct bgp_open *open);
int bgp_open_check(const struct bgp_open *open,
		   const struct bgp_peer_config *cfg, struct bgp_error *err);
uint16_t bgp_hold_time_negotiate(uint16_t local, uint16_t remote);
void bgp_session_negotiate(struct bgp_session *session,
			   const struct bgp_peer_config *cfg,
			   const struct bgp_open *peer);

/* collision.c: RFC 4271 6.8 with RFC 6286 2.3 */
bool bgp_collision_keep_local(uint32_t local_id, uint32_t remote_id,
			      uint32_t local_as, uint32_t remote_as);
enum bgp_collision bgp_collision_check(const struct bgp_fsm *fsm,
				       const struct bgp_fsm *other);

const char *bgp_state_name(enum bgp_state state);
const char *bgp_event_name(enum bgp_event event);

#endif
