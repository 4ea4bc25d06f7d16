// SPDX-License-Identifier: GPL-2.0
/*
 * BGP peers: their TCP connections and timers around the pure FSM of
 * userspace/bgp. Each FSM call returns actions, carried out here in order;
 * sessions coming up or down and UPDATEs go to speaker.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "log.h"
#include "podnetd.h"
#include "sock.h"

#define IDLE_HOLD_SECONDS	1	/* before an automatic restart */
#define EBGP_TTL		1	/* a directly connected eBGP peer */

static void conn_apply(struct conn *c, struct bgp_actions *acts);

const char *peer_name(const struct peer *p)
{
	static char buf[INET6_ADDRSTRLEN];

	inet_ntop(p->cfg->address.family, &p->cfg->address.v6, buf,
		  sizeof(buf));
	return buf;
}

bool peer_established(const struct peer *p)
{
	return p->main.fsm.state == BGP_ESTABLISHED;
}

const struct bgp_session *peer_session(const struct peer *p)
{
	return &p->main.fsm.session;
}

const struct bgp_fsm *peer_fsm(const struct peer *p)
{
	return &p->main.fsm;
}

struct peer *peer_by_source(struct podnetd *d, uint16_t source)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++)
		if (d->peers[i].source == source)
			return &d->peers[i];
	return NULL;
}

static struct peer *peer_by_addr(struct podnetd *d,
				 const struct podnet_addr *a)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++)
		if (podnet_addr_equal(&d->peers[i].cfg->address, a))
			return &d->peers[i];
	return NULL;
}

static void conn_close(struct conn *c)
{
	if (c->connect_ev) {
		event_free(c->connect_ev);
		c->connect_ev = NULL;
	}
	if (c->bev) {
		/* a NOTIFICATION may still be queued: one try to send it */
		evbuffer_write(bufferevent_get_output(c->bev), c->fd);
		shutdown(c->fd, SHUT_RDWR);
		/* it closes the fd once libevent is done with it */
		bufferevent_free(c->bev);
		c->bev = NULL;
	} else if (c->fd >= 0) {
		close(c->fd);
	}
	c->fd = -1;
	c->connecting = false;
}

static void conn_timer_arm(struct conn *c)
{
	enum bgp_timer id;
	uint64_t deadline, now = podnetd_now_ms();
	struct timeval tv;

	if (!bgp_fsm_next_timer(&c->fsm, &id, &deadline)) {
		event_del(c->timer);
		return;
	}
	deadline = deadline > now ? deadline - now : 0;
	tv.tv_sec = deadline / 1000;
	tv.tv_usec = (deadline % 1000) * 1000;
	event_add(c->timer, &tv);
}

static const enum bgp_event timer_events[BGP_TIMER_COUNT] = {
	[BGP_TIMER_CONNECT_RETRY] = BGP_EV_CONNECT_RETRY_TIMER,
	[BGP_TIMER_HOLD] = BGP_EV_HOLD_TIMER,
	[BGP_TIMER_KEEPALIVE] = BGP_EV_KEEPALIVE_TIMER,
	[BGP_TIMER_IDLE_HOLD] = BGP_EV_IDLE_HOLD_TIMER,
};

static void conn_event(struct conn *c, enum bgp_event ev)
{
	struct bgp_actions *acts = c->peer->d->acts;

	bgp_fsm_event(&c->fsm, ev, podnetd_now_ms(), acts);
	conn_apply(c, acts);
}

static void on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	enum bgp_timer id;
	uint64_t deadline;

	(void)fd;
	(void)what;
	if (bgp_fsm_next_timer(&c->fsm, &id, &deadline))
		conn_event(c, timer_events[id]);
	else
		conn_timer_arm(c);
}

static void on_read(struct bufferevent *bev, void *arg);
static void on_bev_event(struct bufferevent *bev, short what, void *arg);

static int conn_attach(struct conn *c, int fd)
{
	c->fd = fd;
	c->bev = bufferevent_socket_new(c->peer->d->base, fd,
					 BEV_OPT_CLOSE_ON_FREE);
	if (!c->bev)
		return -ENOMEM;
	bufferevent_setcb(c->bev, on_read, NULL, on_bev_event, c);
	bufferevent_enable(c->bev, EV_READ);
	return 0;
}

/* Logged once per kind of failure: a peer not up yet retries every second */
static void connect_failed(struct peer *p, int err)
{
	if (err == p->connect_errno)
		return;
	p->connect_errno = err;
	log_info("peer %s: connect: %s", peer_name(p), strerror(err));
}

static void on_connected(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	socklen_t len = sizeof(int);
	int err = 0;

	(void)what;
	event_free(c->connect_ev);
	c->connect_ev = NULL;
	c->connecting = false;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) || err ||
	    conn_attach(c, fd)) {
		connect_failed(c->peer, err ? err : errno);
		close(fd);
		c->fd = -1;
		conn_event(c, BGP_EV_TCP_FAILS);
		return;
	}
	c->peer->connect_errno = 0;
	log_debug("peer %s: connected", peer_name(c->peer));
	conn_event(c, BGP_EV_TCP_CR_ACKED);
}

static void conn_connect(struct conn *c)
{
	struct peer *p = c->peer;
	const struct podnetd_peer *pc = p->cfg;
	int ttl = pc->multihop ? pc->multihop : p->ebgp ? EBGP_TTL : 0;
	int fd;

	conn_close(c);
	fd = sock_connect(&pc->address, pc->port, &p->d->underlay.addr,
			  pc->password, ttl);
	if (fd < 0) {
		connect_failed(p, -fd);
		/* the FSM's ConnectRetry timer tries again */
		return;
	}
	c->fd = fd;
	c->connecting = true;
	c->connect_ev = event_new(p->d->base, fd, EV_WRITE, on_connected, c);
	event_add(c->connect_ev, NULL);
}

/* RFC 4724: what our restart capability says, per session. */
static void peer_gr_caps(struct peer *p)
{
	struct podnetd *d = p->d;
	struct bgp_caps *caps = &p->bgp.caps;
	int i;

	caps->graceful_restart = d->cfg.graceful_restart;
	if (!caps->graceful_restart)
		return;
	caps->gr.flags = d->restarting && !d->converged ?
			 BGP_GR_RESTART_STATE : 0;
	caps->gr.time = d->cfg.restart_time;
	caps->gr.count = 2;
	for (i = 0; i < 2; i++) {
		caps->gr.families[i].afi = i ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
		caps->gr.families[i].safi = BGP_SAFI_UNICAST;
		/* the kernel keeps forwarding while we restart */
		caps->gr.families[i].flags = BGP_GR_AF_FORWARDING;
	}
}

static void conn_session_up(struct conn *c)
{
	struct peer *p = c->peer;

	if (c == &p->second) {
		/* the incoming connection won: it becomes the peer's */
		conn_close(&p->main);
		event_del(p->main.timer);
		p->main.fsm = p->second.fsm;
		p->main.fd = p->second.fd;
		p->main.bev = p->second.bev;
		bufferevent_setcb(p->main.bev, on_read, NULL, on_bev_event,
				  &p->main);
		p->second.bev = NULL;
		p->second.fd = -1;
		p->second_used = false;
		event_del(p->second.timer);
		conn_timer_arm(&p->main);
	}
	log_info("peer %s: established (AS %u, hold %u s)", peer_name(p),
		 p->main.fsm.session.peer_as, p->main.fsm.session.hold_time);
	p->last_error[0] = '\0';
	speaker_session_up(p);
}

static void note_close(struct peer *p, const struct bgp_fsm *fsm)
{
	const struct bgp_close *lc = &fsm->last_close;

	switch (lc->cause) {
	case BGP_CLOSE_NOTIFY_SENT:
	case BGP_CLOSE_NOTIFY_RECEIVED:
		snprintf(p->last_error, sizeof(p->last_error),
			 "NOTIFICATION %s %u/%u",
			 lc->cause == BGP_CLOSE_NOTIFY_SENT ? "sent" :
							      "received",
			 lc->code, lc->subcode);
		break;
	case BGP_CLOSE_TCP_FAILED:
		snprintf(p->last_error, sizeof(p->last_error),
			 "connection lost");
		break;
	case BGP_CLOSE_REPLACED:
		snprintf(p->last_error, sizeof(p->last_error),
			 "replaced by a new connection");
		break;
	default:
		break;
	}
}

/* RFC 4271 6.8 once an FSM reaches OpenConfirm with the other running */
static void conn_collision(struct conn *c)
{
	struct peer *p = c->peer;
	struct conn *other = c == &p->main ? &p->second : &p->main;
	enum bgp_collision what;

	if (!p->second_used)
		return;
	what = bgp_collision_check(&c->fsm, &other->fsm);
	if (what == BGP_COLLISION_DUMP_THIS)
		conn_event(c, BGP_EV_OPEN_COLLISION_DUMP);
	else if (what == BGP_COLLISION_DUMP_OTHER)
		conn_event(other, BGP_EV_OPEN_COLLISION_DUMP);
}

static void conn_apply(struct conn *c, struct bgp_actions *acts)
{
	struct peer *p = c->peer;
	enum bgp_state before = c->fsm.state;
	unsigned int i;

	for (i = 0; i < acts->n; i++) {
		struct bgp_action *a = &acts->list[i];

		switch (a->type) {
		case BGP_ACT_SEND:
			if (c->bev)
				bufferevent_write(c->bev,
						  acts->tx + a->send.off,
						  a->send.len);
			if (a->send.msg_type == BGP_MSG_NOTIFICATION)
				log_info("peer %s: NOTIFICATION sent %u/%u",
					 peer_name(p),
					 acts->tx[a->send.off + 19],
					 acts->tx[a->send.off + 20]);
			break;
		case BGP_ACT_TIMER_START:
		case BGP_ACT_TIMER_STOP:
			break;
		case BGP_ACT_CONNECT:
			conn_connect(c);
			break;
		case BGP_ACT_DISCONNECT:
			conn_close(c);
			note_close(p, &c->fsm);
			break;
		case BGP_ACT_SESSION_UP:
			conn_session_up(c);
			c = &p->main;
			break;
		case BGP_ACT_SESSION_DOWN:
			log_info("peer %s: session down%s", peer_name(p),
				 a->graceful ? ", routes kept (graceful)" : "");
			speaker_session_down(p, a->graceful);
			break;
		case BGP_ACT_UPDATE:
			speaker_update(p, &p->d->msg->update);
			break;
		case BGP_ACT_ROUTE_REFRESH:
			speaker_route_refresh(p, &p->d->msg->route_refresh);
			break;
		}
	}
	if (p->reset_pending && c == &p->main) {
		/* asked for while these actions ran: they are done now */
		p->reset_pending = false;
		bgp_fsm_stop(&c->fsm, p->reset_code, p->reset_subcode,
			     podnetd_now_ms(), acts);
		conn_apply(c, acts);
		return;
	}
	if (c == &p->second && c->fsm.state == BGP_IDLE) {
		conn_close(c);
		event_del(c->timer);
		p->second_used = false;
		return;
	}
	conn_timer_arm(c);
	if (before != BGP_OPENCONFIRM && c->fsm.state == BGP_OPENCONFIRM)
		conn_collision(c);
}

static void on_read(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	struct peer *p = c->peer;
	struct evbuffer *in = bufferevent_get_input(bev);
	uint8_t *buf = p->d->rx;
	struct bgp_error err;
	size_t avail;
	int len;

	/* each message may close c, so look at it afresh every time */
	while (c->bev == bev && (avail = evbuffer_get_length(in)) >=
	       BGP_HEADER_LEN) {
		evbuffer_copyout(in, buf, BGP_HEADER_LEN);
		len = bgp_msg_frame(buf, BGP_HEADER_LEN, &err);
		/* a bad header goes in too, as far as it came: the FSM
		 * answers it
		 */
		if (len < 0)
			len = avail < BGP_MAX_MSG_LEN ? avail : BGP_MAX_MSG_LEN;
		else if ((size_t)len > avail)
			return;
		/*
		 * Out of the evbuffer before the actions run: the parsed
		 * message points into these octets until speaker.c is done
		 * with it.
		 */
		evbuffer_remove(in, buf, len);
		bgp_fsm_message(&c->fsm, buf, len, podnetd_now_ms(),
				p->d->msg, p->d->acts);
		conn_apply(c, p->d->acts);
		/* conn_apply may have moved the session from second to main */
		if (c == &p->second && p->main.bev == bev)
			c = &p->main;
	}
}

static void on_bev_event(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;

	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		log_debug("peer %s: connection %s", peer_name(c->peer),
			  what & BEV_EVENT_EOF ? "closed" : "failed");
		conn_close(c);
		conn_event(c, BGP_EV_TCP_FAILS);
	}
}

static void on_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct podnetd *d = arg;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct podnet_addr from;
	struct peer *p;
	struct conn *c;
	int fd;

	(void)what;
	fd = accept4(lfd, (struct sockaddr *)&ss, &len,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	sock_addr_read(&ss, &from);
	p = peer_by_addr(d, &from);
	if (!p || d->stopping) {
		char buf[INET6_ADDRSTRLEN];

		inet_ntop(from.family, &from.v6, buf, sizeof(buf));
		log_debug("connection from %s refused: not a peer", buf);
		close(fd);
		return;
	}
	c = &p->main;
	if (c->fsm.state == BGP_ESTABLISHED &&
	    c->fsm.session.graceful_restart && c->fsm.session.peer_gr.count) {
		/* RFC 4724 4.2: it restarted; the old session goes */
		conn_event(c, BGP_EV_TCP_CONFIRMED);
		conn_event(c, BGP_EV_MANUAL_START_PASSIVE);
	}
	if (c->fsm.state == BGP_CONNECT || c->fsm.state == BGP_ACTIVE) {
		conn_close(c);
	} else if (!p->second_used) {
		c = &p->second;
		bgp_fsm_init(&c->fsm, &p->bgp);
		p->second_used = true;
		conn_event(c, BGP_EV_MANUAL_START_PASSIVE);
	} else {
		close(fd);
		return;
	}
	if (conn_attach(c, fd)) {
		close(fd);
		conn_event(c, BGP_EV_TCP_FAILS);
		return;
	}
	log_debug("peer %s: accepted a connection", peer_name(p));
	conn_event(c, BGP_EV_TCP_CONFIRMED);
}

int peers_listen(struct podnetd *d)
{
	size_t i;
	int fd, err;

	d->listen_fd = -1;
	if (!d->cfg.listen_port)
		return 0;
	fd = sock_listen(d->cfg.listen_port);
	if (fd < 0) {
		log_err("listen on port %u: %s", d->cfg.listen_port,
			strerror(-fd));
		return fd;
	}
	/* RFC 2385: the listener needs each peer's key too */
	for (i = 0; i < d->n_peers; i++) {
		const struct podnetd_peer *pc = d->peers[i].cfg;
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);

		if (!*pc->password)
			continue;
		getsockname(fd, (struct sockaddr *)&ss, &len);
		err = sock_md5_set(fd, ss.ss_family, &pc->address,
				   pc->password);
		if (err) {
			log_err("peer %s: TCP MD5 on the listener: %s",
				peer_name(&d->peers[i]), strerror(-err));
			close(fd);
			return err;
		}
	}
	d->listen_fd = fd;
	d->listen_ev = event_new(d->base, fd, EV_READ | EV_PERSIST, on_accept,
				 d);
	event_add(d->listen_ev, NULL);
	return 0;
}

/* Calico's mesh rule: the node with the higher address waits. */
static bool mesh_passive(const struct podnetd *d, const struct podnetd_peer *pc)
{
	const struct podnet_addr *me = &d->underlay.addr;

	if (me->family != pc->address.family)
		return false;
	if (me->family == AF_INET)
		return ntohl(me->v4.s_addr) > ntohl(pc->address.v4.s_addr);
	return memcmp(&me->v6, &pc->address.v6, sizeof(me->v6)) > 0;
}

static int peer_init(struct podnetd *d, struct peer *p,
		     const struct podnetd_peer *pc)
{
	const struct podnetd_config *cfg = &d->cfg;
	struct bgp_peer_config *b = &p->bgp;
	struct rib_source src = { 0 };
	int source;

	p->d = d;
	p->cfg = pc;
	b->local_as = cfg->as;
	b->peer_as = pc->as ? pc->as : cfg->as;
	b->local_id = d->router_id;
	b->hold_time = pc->hold_time_set ? pc->hold_time : cfg->hold_time;
	b->connect_retry_time = cfg->connect_retry;
	b->idle_hold_time = IDLE_HOLD_SECONDS;
	b->passive = pc->passive_set ? pc->passive :
		     pc->mesh && mesh_passive(d, pc);
	b->caps.n_families = 2;
	b->caps.families[0].afi = BGP_AFI_IPV4;
	b->caps.families[0].safi = BGP_SAFI_UNICAST;
	b->caps.families[1].afi = BGP_AFI_IPV6;
	b->caps.families[1].safi = BGP_SAFI_UNICAST;
	b->caps.route_refresh = true;
	b->caps.enhanced_route_refresh = true;
	p->ebgp = b->peer_as != b->local_as;
	peer_gr_caps(p);

	src.as = b->peer_as;
	src.address = pc->address;
	src.ebgp = p->ebgp;
	src.rr_client = pc->rr_client;
	src.next_hop_self = pc->next_hop_self_set ? pc->next_hop_self :
			    p->ebgp;
	src.export_all = pc->export == PODNETD_POLICY_ALL ||
			 (pc->export == PODNETD_POLICY_DEFAULT && !p->ebgp);
	src.export_local_only = pc->export == PODNETD_POLICY_POD_CIDRS;
	source = rib_source_add(d->rib, &src);
	if (source < 0)
		return source;
	p->source = source;
	p->main.peer = p;
	p->second.peer = p;
	p->main.fd = -1;
	p->second.fd = -1;
	p->main.timer = event_new(d->base, -1, 0, on_timer, &p->main);
	p->second.timer = event_new(d->base, -1, 0, on_timer, &p->second);
	if (!p->main.timer || !p->second.timer)
		return -ENOMEM;
	if (bgp_fsm_init(&p->main.fsm, b))
		return -EINVAL;
	return 0;
}

int peers_init(struct podnetd *d)
{
	const struct podnetd_config *cfg = &d->cfg;
	size_t i;
	int err;

	d->peers = calloc(cfg->n_peers ? cfg->n_peers : 1, sizeof(*d->peers));
	if (!d->peers)
		return -ENOMEM;
	for (i = 0; i < cfg->n_peers; i++) {
		const struct podnetd_peer *pc = &cfg->peers[i];

		/* the mesh lists every node, this one too */
		if (pc->mesh && podnet_addr_equal(&pc->address, &d->underlay.addr))
			continue;
		err = peer_init(d, &d->peers[d->n_peers], pc);
		if (err) {
			log_err("%s: cannot set up the peer: %s", pc->desc,
				strerror(-err));
			d->n_peers++;
			return err;
		}
		d->n_peers++;
	}
	return 0;
}

void peers_start(struct podnetd *d)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++) {
		struct peer *p = &d->peers[i];

		log_info("peer %s: AS %u, %s%s", peer_name(p), p->bgp.peer_as,
			 p->ebgp ? "eBGP" : "iBGP",
			 p->bgp.passive ? ", passive" : "");
		conn_event(&p->main, p->bgp.passive ?
			   BGP_EV_MANUAL_START_PASSIVE : BGP_EV_MANUAL_START);
	}
}

/*
 * With graceful restart the sessions just close: the peers keep our routes
 * as stale (RFC 4724 4.2) until we are back. Otherwise a Cease.
 */
void peers_stop(struct podnetd *d, bool graceful)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++) {
		struct peer *p = &d->peers[i];

		if (!graceful)
			conn_event(&p->main, BGP_EV_MANUAL_STOP);
		conn_close(&p->main);
		conn_close(&p->second);
	}
}

void peers_free(struct podnetd *d)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++) {
		struct peer *p = &d->peers[i];

		conn_close(&p->main);
		conn_close(&p->second);
		if (p->main.timer)
			event_free(p->main.timer);
		if (p->second.timer)
			event_free(p->second.timer);
		speaker_free_peer(p);
	}
	if (d->listen_ev)
		event_free(d->listen_ev);
	if (d->listen_fd >= 0)
		close(d->listen_fd);
	free(d->peers);
}

void peer_send(struct peer *p, const uint8_t *buf, size_t len)
{
	if (p->main.bev)
		bufferevent_write(p->main.bev, buf, len);
}

/* Our restart state changes once the startup resync is done. */
void peers_update_caps(struct podnetd *d)
{
	size_t i;

	for (i = 0; i < d->n_peers; i++)
		peer_gr_caps(&d->peers[i]);
}

/* Ends the session with a NOTIFICATION once the current actions are done */
void peer_reset(struct peer *p, uint8_t code, uint8_t subcode)
{
	p->reset_pending = true;
	p->reset_code = code;
	p->reset_subcode = subcode;
}
