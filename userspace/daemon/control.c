// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's control socket server. Each connection is read up to its
 * newline (or EOF) before its deadline, answered by the daemon's handler
 * and closed once the answer is sent. Nothing here blocks: it all runs
 * from the daemon's event loop.
 */
#define _GNU_SOURCE		/* struct ucred */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "control.h"
#include "control_socket.h"

/* After accept() failed, out of descriptors say: wait rather than spin. */
#define ACCEPT_PAUSE_MS 100

struct control_conn {
	struct control_server *srv;
	struct bufferevent *bev;
	struct event *deadline;		/* for the whole request */
	struct control_conn *prev, *next;
};

struct control_server {
	struct event_base *base;
	struct evconnlistener *listener;
	struct event *accept_resume;
	control_handler_fn handler;
	void *arg;
	gid_t group;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct stat sock_stat;		/* ours: remove only that file */
	struct timeval timeout;
	struct control_conn *conns;
	unsigned int n_conns;
};

bool control_peer_allowed(uid_t uid, gid_t gid, gid_t group)
{
	return uid == 0 || gid == group;
}

/* SO_PEERCRED has only the primary group; SO_PEERGROUPS the others. */
static bool peer_in_group(int fd, gid_t group)
{
	socklen_t len = 0;
	bool found = false;
	gid_t *groups;
	size_t i;

	/* Asked with no room, the kernel says how much it needs. */
	if (!getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, NULL, &len) ||
	    errno != ERANGE)
		return false;
	groups = malloc(len);
	if (groups && !getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len))
		for (i = 0; i < len / sizeof(*groups); i++)
			found |= groups[i] == group;
	free(groups);
	return found;
}

static bool peer_allowed(int fd, gid_t group)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
		return false;
	return control_peer_allowed(cred.uid, cred.gid, group) ||
	       peer_in_group(fd, group);
}

static void conn_free(struct control_conn *conn)
{
	struct control_server *srv = conn->srv;

	if (conn->prev)
		conn->prev->next = conn->next;
	else
		srv->conns = conn->next;
	if (conn->next)
		conn->next->prev = conn->prev;
	srv->n_conns--;
	if (conn->deadline)
		event_free(conn->deadline);
	bufferevent_free(conn->bev);
	free(conn);
}

static void conn_sent(struct bufferevent *bev __attribute__((unused)),
		      void *ctx)
{
	conn_free(ctx);
}

static void conn_timed_out(evutil_socket_t fd __attribute__((unused)),
			   short what __attribute__((unused)), void *ctx)
{
	conn_free(ctx);
}

static int add_to_evbuffer(const char *buf, size_t size, void *out)
{
	return evbuffer_add(out, buf, size);
}

static void conn_event(struct bufferevent *bev, short what, void *ctx);

/* Queues reply, taking it, and its newline; closes once they are sent. */
static void conn_reply(struct control_conn *conn, json_t *reply)
{
	struct evbuffer *out = bufferevent_get_output(conn->bev);
	bool failed;

	bufferevent_disable(conn->bev, EV_READ);
	event_del(conn->deadline);
	failed = !reply ||
		 json_dump_callback(reply, add_to_evbuffer, out,
				    JSON_COMPACT) ||
		 evbuffer_add(out, "\n", 1);
	json_decref(reply);
	if (failed) {
		conn_free(conn);
		return;
	}
	/* A big reply may take a while: a client must only keep reading. */
	bufferevent_set_timeouts(conn->bev, NULL, &conn->srv->timeout);
	bufferevent_setcb(conn->bev, NULL, conn_sent, conn_event, conn);
}

static void conn_serve(struct control_conn *conn, size_t len)
{
	struct control_server *srv = conn->srv;
	struct evbuffer *in = bufferevent_get_input(conn->bev);
	const char *text = (const char *)evbuffer_pullup(in, len);
	struct control_request req;
	char errbuf[256] = "";
	json_t *reply;

	if (control_request_parse(text, len, &req, errbuf, sizeof(errbuf))) {
		reply = control_error_reply(errbuf);
	} else {
		reply = srv->handler(&req, srv->arg, errbuf, sizeof(errbuf));
		if (!reply)
			reply = control_error_reply(errbuf[0] ? errbuf :
						    "podnetd could not answer");
	}
	conn_reply(conn, reply);
}

/*
 * The request is what comes before the first newline. The read watermark
 * stops reading one octet past the limit: the parser refuses that.
 */
static void conn_read(struct bufferevent *bev, void *ctx)
{
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_ptr eol = evbuffer_search(in, "\n", 1, NULL);

	if (eol.pos >= 0)
		conn_serve(ctx, eol.pos + 1);
	else if (evbuffer_get_length(in) > CONTROL_REQUEST_MAX)
		conn_serve(ctx, evbuffer_get_length(in));
}

/* EOF ends a request without a newline; anything else ends the client. */
static void conn_event(struct bufferevent *bev, short what, void *ctx)
{
	struct evbuffer *in = bufferevent_get_input(bev);

	if ((what & BEV_EVENT_EOF) && (what & BEV_EVENT_READING))
		conn_serve(ctx, evbuffer_get_length(in));
	else
		conn_free(ctx);
}

static void conn_link(struct control_server *srv, struct control_conn *conn)
{
	conn->srv = srv;
	conn->next = srv->conns;
	if (srv->conns)
		srv->conns->prev = conn;
	srv->conns = conn;
	srv->n_conns++;
}

/* Takes fd. */
static void conn_start(struct control_server *srv, evutil_socket_t fd)
{
	struct control_conn *conn = calloc(1, sizeof(*conn));
	struct bufferevent *bev = NULL;

	if (conn)
		bev = bufferevent_socket_new(srv->base, fd,
					     BEV_OPT_CLOSE_ON_FREE);
	if (!bev) {
		free(conn);
		close(fd);
		return;
	}
	conn->bev = bev;
	conn_link(srv, conn);
	conn->deadline = evtimer_new(srv->base, conn_timed_out, conn);
	if (!conn->deadline || evtimer_add(conn->deadline, &srv->timeout)) {
		conn_free(conn);
		return;
	}
	bufferevent_setwatermark(bev, EV_READ, 0, CONTROL_REQUEST_MAX + 1);
	bufferevent_setcb(bev, conn_read, NULL, conn_event, conn);
	if (bufferevent_enable(bev, EV_READ))
		conn_free(conn);
}

/*
 * A refusal needs no connection state: a new socket's buffer takes these
 * few octets at once, and a client that is already gone cannot read them.
 */
static void refuse(evutil_socket_t fd, const char *reply_line)
{
	ssize_t sent = send(fd, reply_line, strlen(reply_line),
			    MSG_DONTWAIT | MSG_NOSIGNAL);

	(void)sent;
	close(fd);
}

static void on_accept(struct evconnlistener *listener __attribute__((unused)),
		      evutil_socket_t fd,
		      struct sockaddr *addr __attribute__((unused)),
		      int addrlen __attribute__((unused)), void *arg)
{
	struct control_server *srv = arg;

	if (!peer_allowed(fd, srv->group))
		refuse(fd, "{\"error\":\"permission denied\"}\n");
	else if (srv->n_conns >= CONTROL_CONNECTIONS_MAX)
		refuse(fd, "{\"error\":\"too many connections\"}\n");
	else
		conn_start(srv, fd);
}

static void on_accept_error(struct evconnlistener *listener, void *arg)
{
	struct control_server *srv = arg;
	struct timeval pause = { 0, ACCEPT_PAUSE_MS * 1000 };

	evconnlistener_disable(listener);
	evtimer_add(srv->accept_resume, &pause);
}

static void accept_resume(evutil_socket_t fd __attribute__((unused)),
			  short what __attribute__((unused)), void *arg)
{
	struct control_server *srv = arg;

	evconnlistener_enable(srv->listener);
}

/* Takes fd. */
static int start_listening(struct control_server *srv, evutil_socket_t fd,
			   char *errbuf, size_t errlen)
{
	srv->accept_resume = evtimer_new(srv->base, accept_resume, srv);
	if (srv->accept_resume)
		srv->listener = evconnlistener_new(srv->base, on_accept, srv,
						   LEV_OPT_CLOSE_ON_FREE, 0,
						   fd);
	if (!srv->listener) {
		if (srv->accept_resume)
			event_free(srv->accept_resume);
		close(fd);
		snprintf(errbuf, errlen, "%s: cannot listen: out of memory",
			 srv->path);
		return -ENOMEM;
	}
	evconnlistener_set_error_cb(srv->listener, on_accept_error);
	return 0;
}

struct control_server *control_server_new(struct event_base *base,
					  const char *path, const char *group,
					  control_handler_fn handler,
					  void *arg, char *errbuf,
					  size_t errlen)
{
	struct control_server *srv = calloc(1, sizeof(*srv));
	int fd, err = -ENOMEM;

	if (!srv) {
		snprintf(errbuf, errlen, "out of memory");
		goto fail;
	}
	srv->base = base;
	srv->handler = handler;
	srv->arg = arg;
	control_server_set_timeout(srv, CONTROL_TIMEOUT_MS);
	err = control_group_gid(group, &srv->group, errbuf, errlen);
	if (err)
		goto fail;
	fd = control_socket_open(path, srv->group, &srv->sock_stat,
				 errbuf, errlen);
	if (fd < 0) {
		err = fd;
		goto fail;
	}
	strcpy(srv->path, path);
	err = start_listening(srv, fd, errbuf, errlen);
	if (err) {
		control_socket_remove(srv->path, &srv->sock_stat);
		goto fail;
	}
	signal(SIGPIPE, SIG_IGN);
	return srv;
fail:
	free(srv);
	errno = -err;
	return NULL;
}

void control_server_free(struct control_server *srv)
{
	if (!srv)
		return;
	while (srv->conns)
		conn_free(srv->conns);
	evconnlistener_free(srv->listener);
	event_free(srv->accept_resume);
	control_socket_remove(srv->path, &srv->sock_stat);
	free(srv);
}

void control_server_set_timeout(struct control_server *srv, unsigned int ms)
{
	srv->timeout.tv_sec = ms / 1000;
	srv->timeout.tv_usec = ms % 1000 * 1000;
}
