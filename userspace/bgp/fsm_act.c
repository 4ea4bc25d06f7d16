// SPDX-License-Identifier: GPL-2.0
/*
 * The actions one step of the state machine adds, and the FSM's own record
 * of them: timer deadlines, when the state began, messages built into tx.
 */
#include <assert.h>

#include "fsm_step.h"

struct bgp_action *fsm_act(struct step *s, enum bgp_action_type type)
{
	struct bgp_actions *out = s->out;
	struct bgp_action *a;

	/* no transition adds more than 8 */
	assert(out->n < BGP_MAX_ACTIONS);
	a = &out->list[out->n++];
	a->type = type;
	return a;
}

void fsm_timer_start(struct step *s, enum bgp_timer id, uint32_t ms)
{
	struct bgp_action *a = fsm_act(s, BGP_ACT_TIMER_START);

	s->fsm->deadline_ms[id] = s->now + ms;
	a->timer.id = id;
	a->timer.ms = ms;
}

void fsm_timer_stop(struct step *s, enum bgp_timer id)
{
	if (!s->fsm->deadline_ms[id])
		return;
	s->fsm->deadline_ms[id] = 0;
	fsm_act(s, BGP_ACT_TIMER_STOP)->timer.id = id;
}

void fsm_timers_stop(struct step *s)
{
	int id;

	for (id = 0; id < BGP_TIMER_COUNT; id++)
		fsm_timer_stop(s, id);
}

void fsm_set_state(struct step *s, enum bgp_state state)
{
	if (s->fsm->state != state)
		s->fsm->state_since_ms = s->now;
	s->fsm->state = state;
}

/* One message per step at most, so tx always has room for it. */
static void send_built(struct step *s, uint8_t type, int len)
{
	struct bgp_action *a;

	assert(len > 0);
	a = fsm_act(s, BGP_ACT_SEND);
	a->send.msg_type = type;
	a->send.off = s->out->tx_len;
	a->send.len = len;
	s->out->tx_len += len;
}

static uint8_t *tx_room(struct step *s, size_t *size)
{
	*size = sizeof(s->out->tx) - s->out->tx_len;
	return s->out->tx + s->out->tx_len;
}

void fsm_send_open(struct step *s)
{
	struct bgp_open open;
	uint8_t *buf;
	size_t size;

	bgp_open_from_config(s->fsm->cfg, &open);
	buf = tx_room(s, &size);
	send_built(s, BGP_MSG_OPEN, bgp_msg_build_open(&open, buf, size));
}

void fsm_send_keepalive(struct step *s)
{
	size_t size;
	uint8_t *buf = tx_room(s, &size);

	send_built(s, BGP_MSG_KEEPALIVE, bgp_msg_build_keepalive(buf, size));
}

void fsm_send_notification(struct step *s, const struct bgp_error *n)
{
	size_t size;
	uint8_t *buf = tx_room(s, &size);

	send_built(s, BGP_MSG_NOTIFICATION,
		   bgp_msg_build_notification(n, buf, size));
}

void fsm_hold_restart(struct step *s)
{
	if (s->fsm->session.hold_time)
		fsm_timer_start(s, BGP_TIMER_HOLD,
				s->fsm->session.hold_time * 1000U);
}
