/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetd's control socket: a Unix stream socket, one JSON request per
 * connection, one JSON reply, then close. Documentation/podnetd.md has the
 * requests and the replies' fields.
 *
 *   request:  {"command": "peers" | "routes" | "status", ...}\n
 *   reply:    {...}\n  or  {"error": "what went wrong"}\n
 *
 * The socket file is mode 0660, owned by root and the configured group;
 * a client must also pass the SO_PEERCRED check (uid 0, or that group,
 * primary or, by SO_PEERGROUPS, supplementary).
 */
#ifndef PODNETD_CONTROL_H
#define PODNETD_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

#define CONTROL_REQUEST_MAX	4096
#define CONTROL_TIMEOUT_MS	5000
/* Clients being served at once; more are told so and closed. */
#define CONTROL_CONNECTIONS_MAX	32

enum control_command {
	CONTROL_PEERS,
	CONTROL_ROUTES,
	CONTROL_STATUS,
};

struct control_request {
	enum control_command command;
	int family;			/* routes: AF_INET, AF_INET6, 0 both */
	bool has_prefix;		/* routes: only this prefix */
	char prefix[64];
};

/*
 * Pure: one request's text, at most CONTROL_REQUEST_MAX octets, into req;
 * -EINVAL with errbuf saying why. Fuzzed.
 */
int control_request_parse(const char *text, size_t len,
			  struct control_request *req,
			  char *errbuf, size_t errlen);

/* {"error": message}, message made printable ASCII; NULL without memory. */
json_t *control_error_reply(const char *message);

/* The daemon's answer to a request: a new reference, or NULL and errbuf. */
typedef json_t *(*control_handler_fn)(const struct control_request *req,
				      void *arg, char *errbuf, size_t errlen);

struct event_base;
struct control_server;

/*
 * Listens on path (replacing a stale socket file; refusing a live one:
 * EADDRINUSE), chowned to group ("" for root's) with mode 0660, serving
 * each request with handler. Connections are nonblocking and bounded in
 * size and time. NULL, errno and errbuf set, on failure. Sets SIGPIPE to
 * be ignored: a client gone before its reply must not kill the daemon.
 */
struct control_server *control_server_new(struct event_base *base,
					  const char *path, const char *group,
					  control_handler_fn handler,
					  void *arg, char *errbuf,
					  size_t errlen);
/* Removes the socket file, if still ours, and closes every connection. */
void control_server_free(struct control_server *srv);

/*
 * How long a client has to send its request, and to take each part of the
 * reply: CONTROL_TIMEOUT_MS unless set. For tests.
 */
void control_server_set_timeout(struct control_server *srv,
				unsigned int ms);

/* Whether a client with these credentials may talk to us. */
bool control_peer_allowed(uid_t uid, gid_t gid, gid_t group);

#endif
