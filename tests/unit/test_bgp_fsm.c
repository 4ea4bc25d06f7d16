// SPDX-License-Identifier: GPL-2.0
/*
 * The BGP state machine, RFC 4271 8: events and messages in, actions out,
 * from Idle to Established and back by every way down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "bgp_fsm.h"

#define PEER_ID		0x0a000002

static struct bgp_peer_config cfg;
static struct bgp_fsm fsm;
static struct bgp_actions out;
static struct bgp_msg msg;
static uint64_t now;

/* what the peer sends, and where its messages are built */
static struct bgp_open peer_open;
static uint8_t buf[BGP_MAX_MSG_LEN];

static void add_family(struct bgp_caps *caps, uint16_t afi)
{
	caps->families[caps->n_families].afi = afi;
	caps->families[caps->n_families++].safi = BGP_SAFI_UNICAST;
}

static void add_gr_family(struct bgp_gr *gr, uint16_t afi)
{
	gr->families[gr->count].afi = afi;
	gr->families[gr->count].safi = BGP_SAFI_UNICAST;
	gr->families[gr->count++].flags = BGP_GR_AF_FORWARDING;
}

static int setup(void **state)
{
	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.local_as = 64512;
	cfg.peer_as = 64512;
	cfg.local_id = 0x0a000001;
	cfg.hold_time = 90;
	cfg.connect_retry_time = 5;
	cfg.idle_hold_time = 3;
	cfg.caps.route_refresh = true;
	cfg.caps.enhanced_route_refresh = true;
	cfg.caps.graceful_restart = true;
	cfg.caps.gr.time = 120;
	add_gr_family(&cfg.caps.gr, BGP_AFI_IPV4);
	add_family(&cfg.caps, BGP_AFI_IPV4);
	add_family(&cfg.caps, BGP_AFI_IPV6);
	memset(&peer_open, 0, sizeof(peer_open));
	peer_open.version = BGP_VERSION;
	peer_open.my_as = 64512;
	peer_open.hold_time = 180;
	peer_open.bgp_id = PEER_ID;
	peer_open.caps = cfg.caps;
	peer_open.caps.as4 = true;
	peer_open.caps.asn = 64512;
	now = 1000;
	assert_int_equal(bgp_fsm_init(&fsm, &cfg), 0);
	return 0;
}

static void event(enum bgp_event ev)
{
	assert_int_equal(bgp_fsm_event(&fsm, ev, now, &out), 0);
}

static int receive(int len)
{
	assert_true(len > 0);
	return bgp_fsm_message(&fsm, buf, len, now, &msg, &out);
}

static int open_len(void)
{
	return bgp_msg_build_open(&peer_open, buf, sizeof(buf));
}

static int keepalive_len(void)
{
	return bgp_msg_build_keepalive(buf, sizeof(buf));
}

static int notification_len(uint8_t code, uint8_t subcode)
{
	struct bgp_error n = { .code = code, .subcode = subcode };

	return bgp_msg_build_notification(&n, buf, sizeof(buf));
}

static int update_len(void)
{
	static struct bgp_attrs attrs;
	struct bgp_prefix p = { .afi = BGP_AFI_IPV4, .len = 24,
				.addr = { 10, 244, 1 } };
	struct bgp_nexthop nh = { .len = 4 };
	struct bgp_codec_ctx ctx = bgp_fsm_codec_ctx(&fsm);
	size_t packed;

	memset(&attrs, 0, sizeof(attrs));
	attrs.present = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
			BGP_ATTR_BIT(BGP_ATTR_AS_PATH);
	nh.v4.s_addr = htonl(0x0a000002);
	return bgp_msg_build_announce(&ctx, &attrs, &nh, &p, 1, &packed, buf,
				      sizeof(buf));
}

static int route_refresh_len(uint16_t afi, uint8_t subtype)
{
	struct bgp_route_refresh rr = {
		.afi = afi, .subtype = subtype, .safi = BGP_SAFI_UNICAST,
	};

	return bgp_msg_build_route_refresh(&rr, buf, sizeof(buf));
}

/* The actions, by type, are these and no more. */
static void expect(int n, ...)
{
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n && (unsigned int)i < out.n; i++)
		assert_int_equal(out.list[i].type, va_arg(ap, int));
	va_end(ap);
	assert_int_equal(out.n, n);
}

static const struct bgp_action *find(enum bgp_action_type type)
{
	unsigned int i;

	for (i = 0; i < out.n; i++)
		if (out.list[i].type == type)
			return &out.list[i];
	return NULL;
}

static const struct bgp_action *find_timer(enum bgp_action_type type,
					   enum bgp_timer id)
{
	unsigned int i;

	for (i = 0; i < out.n; i++)
		if (out.list[i].type == type && out.list[i].timer.id == id)
			return &out.list[i];
	return NULL;
}

/* The one message sent, parsed */
static const struct bgp_msg *sent(uint8_t type)
{
	static struct bgp_msg m;
	const struct bgp_action *a = find(BGP_ACT_SEND);
	struct bgp_codec_ctx ctx = bgp_fsm_codec_ctx(&fsm);
	struct bgp_error err;

	assert_non_null(a);
	assert_int_equal(a->send.msg_type, type);
	assert_int_equal(bgp_msg_parse(out.tx + a->send.off, a->send.len,
				       &ctx, &m, &err), 0);
	assert_int_equal(m.type, type);
	return &m;
}

static void assert_notified(uint8_t code, uint8_t subcode)
{
	const struct bgp_msg *m = sent(BGP_MSG_NOTIFICATION);

	assert_int_equal(m->notification.code, code);
	assert_int_equal(m->notification.subcode, subcode);
}

static void to_opensent(void)
{
	event(BGP_EV_MANUAL_START);
	event(BGP_EV_TCP_CR_ACKED);
	assert_int_equal(fsm.state, BGP_OPENSENT);
}

static void to_established(void)
{
	to_opensent();
	assert_int_equal(receive(open_len()), BGP_EV_OPEN);
	assert_int_equal(receive(keepalive_len()), BGP_EV_KEEPALIVE);
	assert_int_equal(fsm.state, BGP_ESTABLISHED);
}

static void test_init_refuses(void **state)
{
	struct bgp_fsm f;

	(void)state;
	cfg.hold_time = 2;
	assert_int_equal(bgp_fsm_init(&f, &cfg), -EINVAL);
	cfg.hold_time = 0;
	assert_int_equal(bgp_fsm_init(&f, &cfg), 0);
	cfg.peer_as = BGP_AS_TRANS;
	assert_int_equal(bgp_fsm_init(&f, &cfg), -EINVAL);
	cfg.peer_as = 0;
	assert_int_equal(bgp_fsm_init(&f, &cfg), -EINVAL);
	cfg.peer_as = 65001;
	cfg.local_id = 0;
	assert_int_equal(bgp_fsm_init(&f, &cfg), -EINVAL);
	cfg.local_id = 1;
	cfg.connect_retry_time = 0;
	assert_int_equal(bgp_fsm_init(&f, &cfg), -EINVAL);
}

static void test_to_established(void **state)
{
	const struct bgp_action *a;
	const struct bgp_msg *m;

	(void)state;
	assert_int_equal(fsm.state, BGP_IDLE);
	event(BGP_EV_MANUAL_START);
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_CONNECT);
	assert_int_equal(out.list[0].timer.id, BGP_TIMER_CONNECT_RETRY);
	assert_int_equal(out.list[0].timer.ms, 5000);
	assert_int_equal(fsm.state, BGP_CONNECT);

	now += 20;
	event(BGP_EV_TCP_CR_ACKED);
	expect(3, BGP_ACT_TIMER_STOP, BGP_ACT_SEND, BGP_ACT_TIMER_START);
	assert_int_equal(out.list[2].timer.id, BGP_TIMER_HOLD);
	assert_int_equal(out.list[2].timer.ms, 240000);
	m = sent(BGP_MSG_OPEN);
	assert_int_equal(m->open.my_as, 64512);
	assert_int_equal(m->open.hold_time, 90);
	assert_int_equal(m->open.bgp_id, cfg.local_id);
	assert_true(m->open.caps.as4);
	assert_true(m->open.caps.graceful_restart);
	assert_int_equal(m->open.caps.n_families, 2);
	assert_true(fsm.outgoing);
	assert_int_equal(fsm.state, BGP_OPENSENT);
	assert_int_equal(fsm.state_since_ms, now);

	assert_int_equal(receive(open_len()), BGP_EV_OPEN);
	expect(3, BGP_ACT_SEND, BGP_ACT_TIMER_START, BGP_ACT_TIMER_START);
	sent(BGP_MSG_KEEPALIVE);
	assert_int_equal(out.list[1].timer.id, BGP_TIMER_KEEPALIVE);
	assert_int_equal(out.list[1].timer.ms, 30000);
	assert_int_equal(out.list[2].timer.id, BGP_TIMER_HOLD);
	assert_int_equal(out.list[2].timer.ms, 90000);
	assert_int_equal(fsm.state, BGP_OPENCONFIRM);
	assert_int_equal(fsm.session.peer_id, PEER_ID);
	assert_true(fsm.session.graceful_restart);

	assert_int_equal(receive(keepalive_len()), BGP_EV_KEEPALIVE);
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_SESSION_UP);
	assert_int_equal(fsm.state, BGP_ESTABLISHED);

	now += 1000;
	assert_int_equal(receive(update_len()), BGP_EV_UPDATE);
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_UPDATE);
	assert_int_equal(msg.update.nlri.count, 1);

	now = fsm.deadline_ms[BGP_TIMER_KEEPALIVE];
	event(BGP_EV_KEEPALIVE_TIMER);
	expect(2, BGP_ACT_SEND, BGP_ACT_TIMER_START);
	sent(BGP_MSG_KEEPALIVE);
	assert_int_equal(out.list[1].timer.id, BGP_TIMER_KEEPALIVE);
	a = find_timer(BGP_ACT_TIMER_START, BGP_TIMER_KEEPALIVE);
	assert_int_equal(fsm.deadline_ms[BGP_TIMER_KEEPALIVE],
			 now + a->timer.ms);
}

static void test_passive(void **state)
{
	(void)state;
	event(BGP_EV_MANUAL_START_PASSIVE);
	expect(0);
	assert_int_equal(fsm.state, BGP_ACTIVE);
	event(BGP_EV_TCP_CONFIRMED);
	assert_int_equal(fsm.state, BGP_OPENSENT);
	assert_false(fsm.outgoing);
	sent(BGP_MSG_OPEN);
	/* passive by configuration too, and it stays so */
	cfg.passive = true;
	assert_int_equal(bgp_fsm_init(&fsm, &cfg), 0);
	event(BGP_EV_AUTOMATIC_START);
	expect(0);
	assert_int_equal(fsm.state, BGP_ACTIVE);
	event(BGP_EV_TCP_CONFIRMED);
	event(BGP_EV_TCP_FAILS);
	assert_int_equal(fsm.state, BGP_ACTIVE);
	assert_null(find(BGP_ACT_TIMER_START));
}

static void test_hold_timer_expires(void **state)
{
	const struct bgp_action *a;

	(void)state;
	to_established();
	now = fsm.deadline_ms[BGP_TIMER_HOLD];
	event(BGP_EV_HOLD_TIMER);
	expect(5, BGP_ACT_SEND, BGP_ACT_SESSION_DOWN, BGP_ACT_DISCONNECT,
	       BGP_ACT_TIMER_STOP, BGP_ACT_TIMER_START);
	assert_notified(BGP_ERR_HOLD_TIMER, 0);
	assert_false(find(BGP_ACT_SESSION_DOWN)->graceful);
	a = find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD);
	assert_int_equal(a->timer.ms, 3000);
	assert_int_equal(fsm.state, BGP_IDLE);
	assert_int_equal(fsm.last_close.cause, BGP_CLOSE_NOTIFY_SENT);
	assert_int_equal(fsm.last_close.code, BGP_ERR_HOLD_TIMER);
	assert_int_equal(fsm.connect_retry_counter, 1);
	/* and it starts again by itself */
	now += 3000;
	event(BGP_EV_IDLE_HOLD_TIMER);
	assert_non_null(find(BGP_ACT_CONNECT));
	assert_int_equal(fsm.state, BGP_CONNECT);
}

static void test_hold_timer_in_opensent(void **state)
{
	(void)state;
	to_opensent();
	now += 240000;
	event(BGP_EV_HOLD_TIMER);
	assert_notified(BGP_ERR_HOLD_TIMER, 0);
	assert_int_equal(fsm.state, BGP_IDLE);
}

/* A timer not running, or not due yet, fired stale: nothing happens. */
static void test_stale_timers_ignored(void **state)
{
	(void)state;
	to_established();
	now = fsm.deadline_ms[BGP_TIMER_HOLD] - 1000;
	event(BGP_EV_HOLD_TIMER);
	expect(0);
	event(BGP_EV_CONNECT_RETRY_TIMER);
	expect(0);
	event(BGP_EV_IDLE_HOLD_TIMER);
	expect(0);
	assert_int_equal(fsm.state, BGP_ESTABLISHED);
	/* a little early is rounding, not staleness */
	now = fsm.deadline_ms[BGP_TIMER_HOLD] - 50;
	event(BGP_EV_HOLD_TIMER);
	assert_int_equal(fsm.state, BGP_IDLE);
}

static void test_hold_time_zero(void **state)
{
	enum bgp_timer timer;
	uint64_t when;

	(void)state;
	peer_open.hold_time = 0;
	to_opensent();
	receive(open_len());
	expect(2, BGP_ACT_SEND, BGP_ACT_TIMER_STOP);
	assert_int_equal(out.list[1].timer.id, BGP_TIMER_HOLD);
	receive(keepalive_len());
	expect(1, BGP_ACT_SESSION_UP);
	assert_false(bgp_fsm_next_timer(&fsm, &timer, &when));
	receive(update_len());
	expect(1, BGP_ACT_UPDATE);
}

static void open_refused(uint8_t subcode)
{
	to_opensent();
	assert_int_equal(receive(open_len()), BGP_EV_OPEN_ERR);
	assert_notified(BGP_ERR_OPEN, subcode);
	assert_non_null(find(BGP_ACT_DISCONNECT));
	assert_null(find(BGP_ACT_SESSION_DOWN));
	assert_int_equal(fsm.state, BGP_IDLE);
	assert_non_null(find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD));
}

static void test_open_refused(void **state)
{
	int len;

	(void)state;
	peer_open.caps.asn = 64513;
	open_refused(BGP_ERR_OPEN_BAD_PEER_AS);
	peer_open.caps.asn = 64512;
	peer_open.hold_time = 2;
	open_refused(BGP_ERR_OPEN_HOLD_TIME);
	peer_open.hold_time = 90;
	peer_open.bgp_id = cfg.local_id;
	open_refused(BGP_ERR_OPEN_BAD_ID);
	peer_open.bgp_id = PEER_ID;
	setup(NULL);
	to_opensent();
	len = open_len();
	buf[19] = 3;
	assert_int_equal(receive(len), BGP_EV_OPEN_ERR);
	assert_notified(BGP_ERR_OPEN, BGP_ERR_OPEN_VERSION);
}

static void test_notification_received(void **state)
{
	(void)state;
	to_established();
	assert_int_equal(receive(notification_len(BGP_ERR_CEASE,
						  BGP_ERR_CEASE_ADMIN_RESET)),
			 BGP_EV_NOTIF);
	assert_null(find(BGP_ACT_SEND));
	assert_false(find(BGP_ACT_SESSION_DOWN)->graceful);
	assert_int_equal(fsm.state, BGP_IDLE);
	assert_int_equal(fsm.last_close.cause, BGP_CLOSE_NOTIFY_RECEIVED);
	assert_int_equal(fsm.last_close.code, BGP_ERR_CEASE);
	assert_int_equal(fsm.last_close.subcode, BGP_ERR_CEASE_ADMIN_RESET);
	/* not even answered in OpenSent */
	setup(NULL);
	to_opensent();
	assert_int_equal(receive(notification_len(BGP_ERR_OPEN,
						  BGP_ERR_OPEN_VERSION)),
			 BGP_EV_NOTIF_VERSION_ERR);
	assert_null(find(BGP_ACT_SEND));
	assert_int_equal(fsm.state, BGP_IDLE);
}

static void assert_fsm_error(uint8_t subcode, uint8_t type)
{
	const struct bgp_msg *m = sent(BGP_MSG_NOTIFICATION);

	assert_int_equal(m->notification.code, BGP_ERR_FSM);
	assert_int_equal(m->notification.subcode, subcode);
	assert_int_equal(m->notification.len, 1);
	assert_int_equal(m->notification.data[0], type);
	assert_int_equal(fsm.state, BGP_IDLE);
}

/* RFC 6608: which message was unexpected where */
static void test_unexpected_messages(void **state)
{
	(void)state;
	to_opensent();
	receive(keepalive_len());
	assert_fsm_error(BGP_ERR_FSM_IN_OPENSENT, BGP_MSG_KEEPALIVE);
	setup(NULL);
	to_opensent();
	receive(route_refresh_len(BGP_AFI_IPV4, BGP_RR_REQUEST));
	assert_fsm_error(BGP_ERR_FSM_IN_OPENSENT, BGP_MSG_ROUTE_REFRESH);
	setup(NULL);
	to_opensent();
	receive(open_len());
	receive(update_len());
	assert_fsm_error(BGP_ERR_FSM_IN_OPENCONFIRM, BGP_MSG_UPDATE);
	setup(NULL);
	to_opensent();
	receive(open_len());
	receive(open_len());
	assert_fsm_error(BGP_ERR_FSM_IN_OPENCONFIRM, BGP_MSG_OPEN);
	setup(NULL);
	to_established();
	receive(open_len());
	assert_fsm_error(BGP_ERR_FSM_IN_ESTABLISHED, BGP_MSG_OPEN);
	assert_non_null(find(BGP_ACT_SESSION_DOWN));
}

static void test_bad_messages_established(void **state)
{
	int len;

	(void)state;
	to_established();
	/* treat-as-withdraw: delivered, the session lives */
	len = update_len();
	buf[26] = 7;		/* ORIGIN undefined */
	assert_int_equal(receive(len), BGP_EV_UPDATE);
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_UPDATE);
	assert_int_equal(msg.update.error.action,
			 BGP_UPDATE_TREAT_AS_WITHDRAW);
	/* session reset */
	len = update_len();
	buf[22] = 200;		/* Total Path Attribute Length */
	assert_int_equal(receive(len), BGP_EV_UPDATE_ERR);
	assert_notified(BGP_ERR_UPDATE, BGP_ERR_UPD_ATTR_LIST);
	assert_non_null(find(BGP_ACT_SESSION_DOWN));
	assert_int_equal(fsm.state, BGP_IDLE);
	/* a header error says so, not FSM error */
	setup(NULL);
	to_established();
	len = keepalive_len();
	buf[3] = 0;
	assert_int_equal(receive(len), BGP_EV_HEADER_ERR);
	assert_notified(BGP_ERR_HEADER, BGP_ERR_HDR_NOT_SYNC);
	assert_int_equal(fsm.state, BGP_IDLE);
}

static void test_tcp_fails_established(void **state)
{
	(void)state;
	/* RFC 4724 4.2: graceful restart keeps the routes, stale */
	to_established();
	event(BGP_EV_TCP_FAILS);
	assert_true(find(BGP_ACT_SESSION_DOWN)->graceful);
	assert_null(find(BGP_ACT_SEND));
	assert_int_equal(fsm.last_close.cause, BGP_CLOSE_TCP_FAILED);
	/* not if the peer keeps no forwarding state of any family */
	setup(NULL);
	peer_open.caps.gr.count = 0;
	to_established();
	event(BGP_EV_TCP_FAILS);
	assert_false(find(BGP_ACT_SESSION_DOWN)->graceful);
	/* nor if we did not offer it */
	setup(NULL);
	cfg.caps.graceful_restart = false;
	to_established();
	event(BGP_EV_TCP_FAILS);
	assert_false(find(BGP_ACT_SESSION_DOWN)->graceful);
}

static void test_tcp_fails_opensent(void **state)
{
	(void)state;
	to_opensent();
	event(BGP_EV_TCP_FAILS);
	expect(3, BGP_ACT_DISCONNECT, BGP_ACT_TIMER_STOP,
	       BGP_ACT_TIMER_START);
	assert_int_equal(out.list[2].timer.id, BGP_TIMER_CONNECT_RETRY);
	assert_int_equal(fsm.state, BGP_ACTIVE);
	now = fsm.deadline_ms[BGP_TIMER_CONNECT_RETRY];
	event(BGP_EV_CONNECT_RETRY_TIMER);
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_CONNECT);
	assert_int_equal(fsm.state, BGP_CONNECT);
	/* Connect gives up its attempt for a new one */
	now = fsm.deadline_ms[BGP_TIMER_CONNECT_RETRY];
	event(BGP_EV_CONNECT_RETRY_TIMER);
	expect(3, BGP_ACT_DISCONNECT, BGP_ACT_TIMER_START, BGP_ACT_CONNECT);
	event(BGP_EV_TCP_FAILS);
	assert_int_equal(fsm.state, BGP_IDLE);
	assert_non_null(find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD));
}

/* RFC 4724 4.2: the restarted peer is back before its old connection died */
static void test_new_connection_established(void **state)
{
	(void)state;
	to_established();
	event(BGP_EV_TCP_CONFIRMED);
	expect(4, BGP_ACT_SESSION_DOWN, BGP_ACT_DISCONNECT,
	       BGP_ACT_TIMER_STOP, BGP_ACT_TIMER_STOP);
	assert_true(out.list[0].graceful);
	assert_int_equal(fsm.last_close.cause, BGP_CLOSE_REPLACED);
	assert_int_equal(fsm.state, BGP_IDLE);
	/* without graceful restart it is a collision, for the caller */
	setup(NULL);
	cfg.caps.graceful_restart = false;
	to_established();
	event(BGP_EV_TCP_CONFIRMED);
	expect(0);
	assert_int_equal(fsm.state, BGP_ESTABLISHED);
}

static void test_manual_stop(void **state)
{
	(void)state;
	to_established();
	event(BGP_EV_MANUAL_STOP);
	assert_notified(BGP_ERR_CEASE, BGP_ERR_CEASE_ADMIN_SHUTDOWN);
	assert_false(find(BGP_ACT_SESSION_DOWN)->graceful);
	assert_null(find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD));
	assert_int_equal(fsm.connect_retry_counter, 0);
	assert_int_equal(fsm.last_close.cause, BGP_CLOSE_NOTIFY_SENT);
	/* in Connect nothing is sent */
	event(BGP_EV_MANUAL_START);
	event(BGP_EV_MANUAL_STOP);
	expect(2, BGP_ACT_DISCONNECT, BGP_ACT_TIMER_STOP);
	assert_int_equal(fsm.state, BGP_IDLE);
}

static void test_manual_stop_cancels_restart(void **state)
{
	(void)state;
	to_opensent();
	event(BGP_EV_TCP_FAILS);
	event(BGP_EV_TCP_FAILS);
	assert_int_equal(fsm.state, BGP_IDLE);
	assert_non_null(find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD));
	event(BGP_EV_MANUAL_STOP);
	expect(1, BGP_ACT_TIMER_STOP);
	now += 10000;
	event(BGP_EV_IDLE_HOLD_TIMER);
	expect(0);
	assert_int_equal(fsm.state, BGP_IDLE);
}

static void test_automatic_stop(void **state)
{
	(void)state;
	to_established();
	assert_int_equal(bgp_fsm_stop(&fsm, BGP_ERR_CEASE,
				      BGP_ERR_CEASE_MAX_PREFIXES, now, &out),
			 0);
	assert_notified(BGP_ERR_CEASE, BGP_ERR_CEASE_MAX_PREFIXES);
	assert_non_null(find(BGP_ACT_SESSION_DOWN));
	assert_null(find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD));
	assert_int_equal(fsm.state, BGP_IDLE);
	/* before an OPEN went out, nothing to notify */
	event(BGP_EV_MANUAL_START);
	bgp_fsm_stop(&fsm, BGP_ERR_CEASE, 0, now, &out);
	assert_null(find(BGP_ACT_SEND));
	assert_int_equal(fsm.state, BGP_IDLE);
	/* in Idle it is nothing */
	bgp_fsm_stop(&fsm, BGP_ERR_CEASE, 0, now, &out);
	expect(0);
}

/* RFC 4271 6.8 with two connections to one peer */
static void test_collision(void **state)
{
	struct bgp_fsm incoming;

	(void)state;
	to_opensent();
	assert_int_equal(bgp_fsm_init(&incoming, &cfg), 0);
	assert_int_equal(bgp_fsm_event(&incoming,
				       BGP_EV_AUTOMATIC_START_PASSIVE, now,
				       &out), 0);
	assert_int_equal(bgp_fsm_event(&incoming, BGP_EV_TCP_CONFIRMED, now,
				       &out), 0);
	assert_int_equal(bgp_fsm_message(&incoming, buf, open_len(), now,
					 &msg, &out), BGP_EV_OPEN);
	assert_int_equal(bgp_collision_check(&incoming, &fsm),
			 BGP_COLLISION_NONE);
	receive(open_len());
	/* the peer has the higher Identifier: its connection stays */
	assert_int_equal(bgp_collision_check(&fsm, &incoming),
			 BGP_COLLISION_DUMP_THIS);
	event(BGP_EV_OPEN_COLLISION_DUMP);
	assert_notified(BGP_ERR_CEASE, BGP_ERR_CEASE_COLLISION);
	assert_null(find_timer(BGP_ACT_TIMER_START, BGP_TIMER_IDLE_HOLD));
	assert_int_equal(fsm.state, BGP_IDLE);
	assert_int_equal(bgp_fsm_message(&incoming, buf, keepalive_len(), now,
					 &msg, &out), BGP_EV_KEEPALIVE);
	assert_int_equal(incoming.state, BGP_ESTABLISHED);
}

static void test_idle_refuses_connections(void **state)
{
	(void)state;
	event(BGP_EV_TCP_CONFIRMED);
	expect(1, BGP_ACT_DISCONNECT);
	assert_int_equal(fsm.state, BGP_IDLE);
	/* and messages mean nothing there */
	receive(keepalive_len());
	expect(0);
}

static void test_route_refresh(void **state)
{
	(void)state;
	to_established();
	receive(route_refresh_len(BGP_AFI_IPV6, BGP_RR_REQUEST));
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_ROUTE_REFRESH);
	assert_int_equal(msg.route_refresh.afi, BGP_AFI_IPV6);
	receive(route_refresh_len(BGP_AFI_IPV4, BGP_RR_BORR));
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_ROUTE_REFRESH);
	/* RFC 2918 4: a family not negotiated is ignored */
	receive(route_refresh_len(3, BGP_RR_REQUEST));
	expect(1, BGP_ACT_TIMER_START);
	/* RFC 7313 5: an unknown subtype too */
	receive(route_refresh_len(BGP_AFI_IPV4, 9));
	expect(1, BGP_ACT_TIMER_START);
	/* and a BoRR of the wrong length is an error */
	route_refresh_len(BGP_AFI_IPV4, BGP_RR_EORR);
	buf[17] = 24;
	assert_int_equal(receive(24), BGP_EV_UPDATE_ERR);
	assert_notified(BGP_ERR_ROUTE_REFRESH, BGP_ERR_RR_BAD_LENGTH);
	/* BoRR and EoRR need the enhanced capability */
	setup(NULL);
	peer_open.caps.enhanced_route_refresh = false;
	to_established();
	receive(route_refresh_len(BGP_AFI_IPV4, BGP_RR_BORR));
	expect(1, BGP_ACT_TIMER_START);
	receive(route_refresh_len(BGP_AFI_IPV4, BGP_RR_REQUEST));
	expect(2, BGP_ACT_TIMER_START, BGP_ACT_ROUTE_REFRESH);
}

/* A peer without 4-octet ASes: 2-octet AS_PATH both ways */
static void test_old_speaker(void **state)
{
	struct bgp_codec_ctx ctx;

	(void)state;
	peer_open.caps.as4 = false;
	to_established();
	ctx = bgp_fsm_codec_ctx(&fsm);
	assert_false(ctx.as4);
	assert_false(ctx.ebgp);
	assert_int_equal(receive(update_len()), BGP_EV_UPDATE);
	assert_int_equal(msg.update.error.action, BGP_UPDATE_OK);
	assert_int_equal(buf[29], 0);	/* an empty AS_PATH */
}

static void test_ebgp_codec_ctx(void **state)
{
	struct bgp_codec_ctx ctx;

	(void)state;
	cfg.peer_as = 65001;
	peer_open.my_as = 65001;
	peer_open.caps.asn = 65001;
	to_established();
	ctx = bgp_fsm_codec_ctx(&fsm);
	assert_true(ctx.as4);
	assert_true(ctx.ebgp);
	assert_int_equal(ctx.first_as, 65001);
}

static void test_next_timer(void **state)
{
	enum bgp_timer timer;
	uint64_t when;

	(void)state;
	assert_false(bgp_fsm_next_timer(&fsm, &timer, &when));
	to_established();
	assert_true(bgp_fsm_next_timer(&fsm, &timer, &when));
	assert_int_equal(timer, BGP_TIMER_KEEPALIVE);
	assert_int_equal(when, fsm.deadline_ms[BGP_TIMER_KEEPALIVE]);
}

static void test_message_events_need_messages(void **state)
{
	(void)state;
	assert_int_equal(bgp_fsm_event(&fsm, BGP_EV_OPEN, now, &out),
			 -EINVAL);
	assert_int_equal(bgp_fsm_event(&fsm, BGP_EV_UPDATE, now, &out),
			 -EINVAL);
	assert_int_equal(bgp_fsm_event(&fsm, BGP_EV_AUTOMATIC_STOP, now, &out),
			 -EINVAL);
	assert_int_equal(bgp_fsm_event(&fsm, 12, now, &out), -EINVAL);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(bgp_state_name(BGP_OPENCONFIRM), "OpenConfirm");
	assert_string_equal(bgp_state_name(99), "?");
	assert_string_equal(bgp_event_name(BGP_EV_HOLD_TIMER),
			    "HoldTimer_Expires");
	assert_string_equal(bgp_event_name(12), "?");
	assert_string_equal(bgp_event_name(1000), "?");
}

#define FSM_TEST(f)	cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FSM_TEST(test_init_refuses),
		FSM_TEST(test_to_established),
		FSM_TEST(test_passive),
		FSM_TEST(test_hold_timer_expires),
		FSM_TEST(test_hold_timer_in_opensent),
		FSM_TEST(test_stale_timers_ignored),
		FSM_TEST(test_hold_time_zero),
		FSM_TEST(test_open_refused),
		FSM_TEST(test_notification_received),
		FSM_TEST(test_unexpected_messages),
		FSM_TEST(test_bad_messages_established),
		FSM_TEST(test_tcp_fails_established),
		FSM_TEST(test_tcp_fails_opensent),
		FSM_TEST(test_new_connection_established),
		FSM_TEST(test_manual_stop),
		FSM_TEST(test_manual_stop_cancels_restart),
		FSM_TEST(test_automatic_stop),
		FSM_TEST(test_collision),
		FSM_TEST(test_idle_refuses_connections),
		FSM_TEST(test_route_refresh),
		FSM_TEST(test_old_speaker),
		FSM_TEST(test_ebgp_codec_ctx),
		FSM_TEST(test_next_timer),
		FSM_TEST(test_message_events_need_messages),
		FSM_TEST(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
