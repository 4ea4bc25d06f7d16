// SPDX-License-Identifier: GPL-2.0
/*
 * podnetctl [-s SOCKET] peers
 * podnetctl [-s SOCKET] bgp routes [ipv4|ipv6] [PREFIX]
 * podnetctl [-s SOCKET] status
 *
 * Asked of podnetd over its control socket: one JSON request line, one JSON
 * reply line, then the daemon closes.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl.h"

static int fail(int err, char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(int err, char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return err;
}

int ctl_parse_peers(struct ctl_args *a, struct ctl_cmd *cmd)
{
	cmd->op = CTL_PEERS;
	return ctl_arg_end(a);
}

int ctl_parse_status(struct ctl_args *a, struct ctl_cmd *cmd)
{
	cmd->op = CTL_STATUS;
	return ctl_arg_end(a);
}

static const char *family_name(int family)
{
	return family == AF_INET ? "ipv4" : family == AF_INET6 ? "ipv6" : NULL;
}

static int parse_bgp_prefix(struct ctl_args *a, const char *s,
			    struct ctl_cmd *cmd)
{
	bool has_plen;
	int err;

	err = ctl_parse_prefix(s, &cmd->bgp_prefix, &cmd->bgp_plen, &has_plen,
			       a->errbuf, a->errlen);
	if (err)
		return err;
	if (cmd->bgp_family && cmd->bgp_family != cmd->bgp_prefix.family)
		return ctl_usage_error(a, "prefix '%s' is not %s", s,
				       family_name(cmd->bgp_family));
	cmd->bgp_has_prefix = true;
	return ctl_arg_end(a);
}

int ctl_parse_bgp(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *verb = ctl_arg_next(a);
	const char *s;

	if (!verb)
		return ctl_usage_error(a, "bgp needs routes");
	if (strcmp(verb, "routes"))
		return ctl_usage_error(a, "unknown command 'bgp %s'", verb);
	cmd->op = CTL_BGP_ROUTES;
	s = ctl_arg_next(a);
	if (s && !strcmp(s, "ipv4"))
		cmd->bgp_family = AF_INET;
	else if (s && !strcmp(s, "ipv6"))
		cmd->bgp_family = AF_INET6;
	if (cmd->bgp_family)
		s = ctl_arg_next(a);
	return s ? parse_bgp_prefix(a, s, cmd) : 0;
}

static const char *command_name(enum ctl_op op)
{
	return op == CTL_PEERS ? "peers" :
	       op == CTL_BGP_ROUTES ? "routes" : "status";
}

char *ctl_daemon_request(const struct ctl_cmd *cmd)
{
	char prefix[CTL_PREFIX_STRLEN], *text, *line;
	json_t *doc;
	size_t len;

	if (cmd->bgp_has_prefix)
		ctl_format_prefix(&cmd->bgp_prefix, cmd->bgp_plen, prefix);
	doc = json_pack("{s:s, s:s*, s:s*}",
			"command", command_name(cmd->op),
			"family", family_name(cmd->bgp_family),
			"prefix", cmd->bgp_has_prefix ? prefix : NULL);
	text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text)
		return NULL;
	len = strlen(text);
	line = malloc(len + 2);
	if (line) {
		memcpy(line, text, len);
		strcpy(line + len, "\n");
	}
	free(text);
	return line;
}

int ctl_daemon_reply_parse(const char *text, size_t len, json_t **reply,
			   char *errbuf, size_t errlen)
{
	json_error_t jerr;
	json_t *doc, *error;
	int err;

	*reply = NULL;
	if (!len)
		return fail(-EPROTO, errbuf, errlen,
			    "podnetd closed the connection without a reply");
	if (text[len - 1] != '\n')
		return fail(-EPROTO, errbuf, errlen,
			    "podnetd's reply was cut short after %zu octets",
			    len);
	doc = json_loadb(text, len, 0, &jerr);
	if (!doc)
		return fail(-EPROTO, errbuf, errlen,
			    "podnetd's reply is not JSON: %s", jerr.text);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return fail(-EPROTO, errbuf, errlen,
			    "podnetd's reply is not a JSON object");
	}
	error = json_object_get(doc, "error");
	if (error) {
		if (json_is_string(error))
			err = fail(-EREMOTEIO, errbuf, errlen, "podnetd: %s",
				   json_string_value(error));
		else
			err = fail(-EPROTO, errbuf, errlen,
				   "podnetd's reply has an error that is not a string");
		json_decref(doc);
		return err;
	}
	*reply = doc;
	return 0;
}

static void format_wait(int ms, char buf[32])
{
	if (ms % 1000)
		snprintf(buf, 32, "%d ms", ms);
	else
		snprintf(buf, 32, "%d s", ms / 1000);
}

static int timed_out(const char *path, int timeout_ms,
		     char *errbuf, size_t errlen)
{
	char wait[32];

	format_wait(timeout_ms, wait);
	return fail(-ETIMEDOUT, errbuf, errlen,
		    "podnetd did not answer within %s (%s)", wait, path);
}

static int connect_failed(int err, const char *path, int timeout_ms,
			  char *errbuf, size_t errlen)
{
	if (err == -ENOENT)
		return fail(err, errbuf, errlen,
			    "podnetd is not running (no %s)", path);
	if (err == -ECONNREFUSED)
		return fail(err, errbuf, errlen,
			    "podnetd is not running (nothing listens on %s)",
			    path);
	if (err == -EACCES || err == -EPERM)
		return fail(err, errbuf, errlen,
			    "permission denied on %s: needs root or podnetd's control group",
			    path);
	/* Its backlog full, podnetd is there but not answering. */
	if (err == -EAGAIN)
		return timed_out(path, timeout_ms, errbuf, errlen);
	return fail(err, errbuf, errlen, "%s: %s", path, strerror(-err));
}

static int connect_daemon(const char *path, int timeout_ms,
			  char *errbuf, size_t errlen)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval tv = {
		.tv_sec = timeout_ms / 1000,
		.tv_usec = timeout_ms % 1000 * 1000,
	};
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path))
		return fail(-ENAMETOOLONG, errbuf, errlen,
			    "%s: too long for a Unix socket", path);
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(-errno, errbuf, errlen, "socket: %s",
			    strerror(errno));
	/* Bounds connect() and send(): a Unix socket's connect() obeys it. */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		err = -errno;
		close(fd);
		return connect_failed(err, path, timeout_ms, errbuf, errlen);
	}
	return fd;
}

/*
 * Failing to send is no failure yet: a daemon that refused us may have
 * closed first, its reply waiting to be read.
 */
static void send_request(int fd, const char *request)
{
	size_t len = strlen(request);
	ssize_t n;

	while (len) {
		n = send(fd, request, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		request += n;
		len -= n;
	}
}

struct reply_buf {
	char *text;
	size_t len;
	size_t size;
};

/* Room for one more read: 0, or -EMSGSIZE past the limit, or -ENOMEM. */
static int reply_grow(struct reply_buf *b)
{
	size_t size = b->size ? b->size * 2 : 4096;
	char *text;

	if (b->len < b->size)
		return 0;
	if (b->size >= CTL_DAEMON_REPLY_MAX)
		return -EMSGSIZE;
	text = realloc(b->text, size);
	if (!text)
		return -ENOMEM;
	b->text = text;
	b->size = size;
	return 0;
}

/*
 * Until EOF. A reset after the reply is an end too: the daemon closed
 * with part of what we sent unread.
 */
static int read_reply(int fd, struct reply_buf *b, const char *path,
		      int timeout_ms, char *errbuf, size_t errlen)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int err;

	for (;;) {
		err = reply_grow(b);
		if (err)
			return fail(err, errbuf, errlen,
				    "podnetd's reply is too long (%d MiB at most)",
				    CTL_DAEMON_REPLY_MAX >> 20);
		n = poll(&pfd, 1, timeout_ms);
		if (n == 0)
			return timed_out(path, timeout_ms, errbuf, errlen);
		if (n > 0)
			n = read(fd, b->text + b->len, b->size - b->len);
		if (n > 0)
			b->len += n;
		else if (n == 0 || (errno == ECONNRESET && b->len))
			return 0;
		else if (errno != EINTR)
			return fail(-errno, errbuf, errlen, "reading %s: %s",
				    path, strerror(errno));
	}
}

int ctl_daemon_call(const char *path, const char *request, int timeout_ms,
		    json_t **reply, char *errbuf, size_t errlen)
{
	struct reply_buf b = { 0 };
	int fd, err;

	*reply = NULL;
	fd = connect_daemon(path, timeout_ms, errbuf, errlen);
	if (fd < 0)
		return fd;
	send_request(fd, request);
	err = read_reply(fd, &b, path, timeout_ms, errbuf, errlen);
	close(fd);
	if (!err)
		err = ctl_daemon_reply_parse(b.text, b.len, reply, errbuf,
					     errlen);
	free(b.text);
	return err;
}

typedef int (*reply_check_fn)(json_t *reply, char *errbuf, size_t errlen);
typedef void (*reply_text_fn)(FILE *f, json_t *reply);

static int run(const struct ctl_cmd *cmd, FILE *out, reply_check_fn check,
	       reply_text_fn text, char *errbuf, size_t errlen)
{
	char *request = ctl_daemon_request(cmd);
	json_t *reply = NULL;
	int err;

	if (!request)
		return fail(-EIO, errbuf, errlen, "out of memory");
	err = ctl_daemon_call(cmd->socket ? cmd->socket : CTL_DAEMON_SOCKET,
			      request, CTL_DAEMON_TIMEOUT_MS, &reply, errbuf,
			      errlen);
	free(request);
	if (!err)
		err = check(reply, errbuf, errlen);
	if (err) {
		json_decref(reply);
		/* errbuf says it all: no kernel's text in its place. */
		return -EIO;
	}
	if (cmd->json)
		return ctl_emit_json(out, reply);
	text(out, reply);
	json_decref(reply);
	return 0;
}

int ctl_run_peers(const struct ctl_cmd *cmd, FILE *out,
		  char *errbuf, size_t errlen)
{
	return run(cmd, out, ctl_peers_check, ctl_peers_text, errbuf, errlen);
}

int ctl_run_bgp_routes(const struct ctl_cmd *cmd, FILE *out,
		       char *errbuf, size_t errlen)
{
	return run(cmd, out, ctl_bgp_routes_check, ctl_bgp_routes_text,
		   errbuf, errlen);
}

int ctl_run_status(const struct ctl_cmd *cmd, FILE *out,
		   char *errbuf, size_t errlen)
{
	return run(cmd, out, ctl_status_check, ctl_status_text, errbuf,
		   errlen);
}
