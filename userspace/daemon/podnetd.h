/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetd's state, shared by its parts: main.c sets it up, peer*.c run the
 * BGP sessions, speaker.c moves routes between them and the RIB, kernel.c
 * programs podnet0 and the host's routes, netwatch.c follows rtnetlink.
 * One thread, one libevent loop.
 */
#ifndef PODNETD_H
#define PODNETD_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include <jansson.h>

#include "bgp_fsm.h"
#include "config.h"
#include "podnet.h"
#include "rib.h"

struct event;
struct event_base;
struct bufferevent;
struct control_server;
struct netwatch;

/* The route protocol of the cluster routes podnetd installs (rt_protos) */
#define PODNETD_RTPROT		99

/* One TCP connection of a peer and the FSM that runs it. */
struct conn {
	struct peer *peer;
	struct bgp_fsm fsm;
	int fd;				/* -1: none */
	bool connecting;		/* a connect() in progress */
	struct event *connect_ev;	/* writable: connect() finished */
	struct bufferevent *bev;	/* once connected */
	struct event *timer;		/* the FSM's next deadline */
};

struct peer {
	struct podnetd *d;
	const struct podnetd_peer *cfg;
	struct bgp_peer_config bgp;
	uint16_t source;		/* in the RIB */
	bool ebgp;
	struct conn main;
	struct conn second;		/* an incoming one, while they race */
	bool second_used;
	/* RFC 4724 helper: its routes are stale until End-of-RIB or this */
	struct event *stale_timer;
	bool stale;
	uint8_t eor_received;		/* 1 << enum bgp_family */
	bool table_sent;		/* our table and End-of-RIB went out */
	uint64_t received;		/* prefixes announced to us, total */
	uint64_t accepted;		/* paths in the RIB now */
	uint64_t sent;			/* prefixes announced by us */
	uint64_t updates_in, updates_out;
	char last_error[128];
	int connect_errno;		/* the last connect() failure logged */
	bool reset_pending;		/* peer_reset() */
	uint8_t reset_code, reset_subcode;
	struct peer_out *out;		/* queued announcements, speaker.c */
};

struct underlay_state {
	bool found;
	int ifindex;
	char ifname[IF_NAMESIZE];
	struct podnet_addr addr;	/* the one peers reach us at */
	bool has_v4, has_v6;
	struct in_addr v4;
	struct in6_addr v6;
	uint32_t mtu;
};

struct podnetd {
	struct podnetd_config cfg;
	struct event_base *base;
	struct rib *rib;
	struct control_server *control;
	struct netwatch *netwatch;
	struct event *sig_term, *sig_int, *sig_hup;
	struct event *drain_ev;		/* RIB changes to kernel and peers */
	struct event *converge_timer;	/* startup: stop waiting for EoRs */
	struct event *resync_timer;	/* periodic full resync */
	struct event *reconcile_ev;	/* debounced link/address changes */
	int listen_fd;
	struct event *listen_ev;
	size_t n_peers;
	struct peer *peers;
	struct underlay_state underlay;
	uint32_t router_id;		/* host order */
	int ifindex;			/* podnet0 */
	uint32_t generation;		/* stamped on what we program now */
	bool converged;			/* the startup resync is done */
	bool restarting;		/* routes from a previous run were there */
	bool ready;
	bool stopping;
	uint64_t started_ms;
	uint64_t installed;		/* routes in the kernel from us */
	uint64_t kernel_errors;
	struct bgp_msg *msg;		/* scratch, one message at a time */
	uint8_t rx[BGP_MAX_MSG_LEN];	/* its octets, which *msg points into */
	struct bgp_actions *acts;
};

uint64_t podnetd_now_ms(void);

/* peer.c */
int peers_init(struct podnetd *d);
void peers_start(struct podnetd *d);
void peers_stop(struct podnetd *d, bool graceful);
void peers_free(struct podnetd *d);
int peers_listen(struct podnetd *d);
struct peer *peer_by_source(struct podnetd *d, uint16_t source);
void peer_send(struct peer *p, const uint8_t *buf, size_t len);
bool peer_established(const struct peer *p);
const struct bgp_session *peer_session(const struct peer *p);
const struct bgp_fsm *peer_fsm(const struct peer *p);
const char *peer_name(const struct peer *p);
void peers_update_caps(struct podnetd *d);
void peer_reset(struct peer *p, uint8_t code, uint8_t subcode);

/* speaker.c */
void speaker_session_up(struct peer *p);
void speaker_session_down(struct peer *p, bool graceful);
void speaker_update(struct peer *p, const struct bgp_update *u);
void speaker_route_refresh(struct peer *p, const struct bgp_route_refresh *rr);
void speaker_schedule_drain(struct podnetd *d);
void speaker_drain(struct podnetd *d);
int speaker_originate(struct podnetd *d);
void speaker_free_peer(struct peer *p);

/* kernel.c */
int kernel_setup(struct podnetd *d);
int kernel_device(struct podnetd *d);
int kernel_device_up(struct podnetd *d);
int kernel_program(struct podnetd *d, struct rib_entry *e);
int kernel_commit(struct podnetd *d);
int kernel_resync(struct podnetd *d, const char *why);
void kernel_converged(struct podnetd *d, const char *why);
int kernel_cluster_routes(struct podnetd *d);
void kernel_shutdown(struct podnetd *d, bool keep_forwarding);
bool kernel_wants(const struct podnetd *d, const struct rib_entry *e,
		  struct podnet_addr *via);

/* underlay.c */
int underlay_detect(const struct podnetd_underlay *how,
		    struct underlay_state *out, char *errbuf, size_t errlen);

/* netwatch.c */
struct netwatch *netwatch_new(struct podnetd *d);
void netwatch_free(struct netwatch *nw);

/* reconcile.c */
#define RECONCILE_PERIOD_S	30
void podnetd_reconcile(struct podnetd *d, const char *why);
void podnetd_on_reconcile(int fd, short what, void *arg);
void podnetd_rib_local(const struct podnetd *d, struct rib_local *l);
void podnetd_log_underlay(const struct underlay_state *u);

/* handlers.c: the control socket's answers */
struct control_request;
json_t *podnetd_control_handle(const struct control_request *req, void *arg,
			       char *errbuf, size_t errlen);

#endif
