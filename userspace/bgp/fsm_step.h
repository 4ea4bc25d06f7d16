/* SPDX-License-Identifier: GPL-2.0 */
/* What the state machine's files share: one step, and the actions it adds */
#ifndef PODNET_BGP_FSM_STEP_H
#define PODNET_BGP_FSM_STEP_H

#include "bgp_fsm.h"

/* One event being handled */
struct step {
	struct bgp_fsm *fsm;
	enum bgp_event ev;
	const struct bgp_msg *msg;	/* for the message events */
	const struct bgp_error *err;	/* for the error events, and stop */
	uint64_t now;
	struct bgp_actions *out;
};

/* fsm.c: the transition the event makes from the FSM's state */
void bgp_fsm_step(struct step *s);

/* fsm_act.c: actions added to s->out, and the FSM's state behind them */
struct bgp_action *fsm_act(struct step *s, enum bgp_action_type type);
void fsm_timer_start(struct step *s, enum bgp_timer id, uint32_t ms);
void fsm_timer_stop(struct step *s, enum bgp_timer id);
void fsm_timers_stop(struct step *s);
void fsm_hold_restart(struct step *s);
void fsm_set_state(struct step *s, enum bgp_state state);
void fsm_send_open(struct step *s);
void fsm_send_keepalive(struct step *s);
void fsm_send_notification(struct step *s, const struct bgp_error *n);

#endif
