// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's control socket: the request parser, table-driven, and the
 * server live on a socket in a temporary directory, driven by an event loop
 * in this process while the test is its client.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <cmocka.h>

#include <event2/event.h>

#include "control.h"

/* The parser */

struct good_case {
	const char *text;
	enum control_command command;
	int family;
	const char *prefix;		/* NULL: none */
};

static const struct good_case good_cases[] = {
	{ "{\"command\":\"peers\"}\n", CONTROL_PEERS, 0, NULL },
	{ "{\"command\":\"status\"}", CONTROL_STATUS, 0, NULL },
	{ " { \"command\" : \"routes\" } \n", CONTROL_ROUTES, 0, NULL },
	{ "{\"command\":\"routes\",\"family\":\"ipv4\"}",
	  CONTROL_ROUTES, AF_INET, NULL },
	{ "{\"family\":\"ipv6\",\"command\":\"routes\"}",
	  CONTROL_ROUTES, AF_INET6, NULL },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0/24\"}",
	  CONTROL_ROUTES, AF_INET, "10.244.1.0/24" },
	{ "{\"command\":\"routes\",\"prefix\":\"FD00:0:0::/64\","
	  "\"family\":\"ipv6\"}", CONTROL_ROUTES, AF_INET6, "fd00::/64" },
	{ "{\"command\":\"routes\",\"prefix\":\"0.0.0.0/0\"}",
	  CONTROL_ROUTES, AF_INET, "0.0.0.0/0" },
	{ "{\"command\":\"routes\",\"prefix\":\"::/0\"}",
	  CONTROL_ROUTES, AF_INET6, "::/0" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.0.0.1/32\"}",
	  CONTROL_ROUTES, AF_INET, "10.0.0.1/32" },
};

static const struct {
	const char *text;
	const char *error;
} bad_cases[] = {
	{ "", "empty request" },
	{ "\n", "bad JSON: '[' or '{' expected near end of file" },
	{ "hello\n", "bad JSON: '[' or '{' expected near 'hello'" },
	{ "{\"command\":\"peers\"", "bad JSON: '}' expected near end of file" },
	{ "{\"command\":\"peers\"}\n{}", "bad JSON: end of file expected near '{'" },
	{ "[\"peers\"]", "the request is not a JSON object" },
	{ "{}", "missing \"command\"" },
	{ "{\"command\":1}", "\"command\" is not a string" },
	{ "{\"command\":null}", "\"command\" is not a string" },
	{ "{\"command\":\"Peers\"}",
	  "unknown command 'Peers': peers, routes or status" },
	{ "{\"command\":\"peers\",\"command\":\"status\"}",
	  "bad JSON: duplicate object key near '\"command\"'" },
	{ "{\"command\":\"peers\",\"family\":\"ipv4\"}",
	  "unknown field 'family' for peers" },
	{ "{\"command\":\"status\",\"x\":1}", "unknown field 'x' for status" },
	{ "{\"command\":\"routes\",\"famliy\":\"ipv4\"}",
	  "unknown field 'famliy' for routes" },
	{ "{\"command\":\"routes\",\"family\":4}", "\"family\" is not a string" },
	{ "{\"command\":\"routes\",\"family\":\"inet\"}",
	  "bad family 'inet': ipv4 or ipv6" },
	{ "{\"command\":\"routes\",\"prefix\":[]}", "\"prefix\" is not a string" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0\"}",
	  "bad prefix '10.244.1.0': ADDRESS/LENGTH" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0/33\"}",
	  "bad prefix '10.244.1.0/33': ADDRESS/LENGTH" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0/024\"}",
	  "bad prefix '10.244.1.0/024': ADDRESS/LENGTH" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0/+4\"}",
	  "bad prefix '10.244.1.0/+4': ADDRESS/LENGTH" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0/\"}",
	  "bad prefix '10.244.1.0/': ADDRESS/LENGTH" },
	{ "{\"command\":\"routes\",\"prefix\":\"fd00::/129\"}",
	  "bad prefix 'fd00::/129': ADDRESS/LENGTH" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.1/24\"}",
	  "bad prefix '10.244.1.1/24': bits set past the length" },
	{ "{\"command\":\"routes\",\"prefix\":\"10.244.1.0/24\","
	  "\"family\":\"ipv6\"}", "prefix 10.244.1.0/24 is not ipv6" },
	{ "{\"command\":\"routes\",\"family\":\"ipv4\",\"prefix\":\"fd00::/8\"}",
	  "prefix fd00::/8 is not ipv4" },
	{ "{\"command\":\"\\u0007\\u00e9" "0123456789012345678901234567890123\"}",
	  "unknown command '???01234567890123456789012345678...': "
	  "peers, routes or status" },
};

static void test_parse_good(void **state)
{
	struct control_request req;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
		const struct good_case *c = &good_cases[i];

		if (control_request_parse(c->text, strlen(c->text), &req, err,
					  sizeof(err)))
			fail_msg("%s: %s", c->text, err);
		assert_int_equal(req.command, c->command);
		assert_int_equal(req.family, c->family);
		assert_int_equal(req.has_prefix, c->prefix != NULL);
		if (c->prefix)
			assert_string_equal(req.prefix, c->prefix);
	}
}

static void test_parse_bad(void **state)
{
	struct control_request req;
	const char *text;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		text = bad_cases[i].text;
		err[0] = '\0';
		assert_int_equal(control_request_parse(text, strlen(text), &req,
						       err, sizeof(err)),
				 -EINVAL);
		assert_string_equal(err, bad_cases[i].error);
	}
}

/* The limit counts the newline; the text need not end in NUL. */
static void test_parse_length(void **state)
{
	static const char request[] = "{\"command\":\"peers\"}";
	char text[CONTROL_REQUEST_MAX + 1], err[256];
	struct control_request req;

	(void)state;
	memset(text, ' ', sizeof(text));
	memcpy(text, request, strlen(request));
	text[CONTROL_REQUEST_MAX - 1] = '\n';
	assert_int_equal(control_request_parse(text, CONTROL_REQUEST_MAX, &req,
					       err, sizeof(err)), 0);
	assert_int_equal(req.command, CONTROL_PEERS);
	text[CONTROL_REQUEST_MAX - 1] = ' ';
	text[CONTROL_REQUEST_MAX] = '\n';
	assert_int_equal(control_request_parse(text, CONTROL_REQUEST_MAX + 1,
					       &req, err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "request longer than 4096 octets");
	assert_int_equal(control_request_parse("{\"command\":\"status\"}xyz",
					       20, &req, err, sizeof(err)), 0);
	assert_int_equal(req.command, CONTROL_STATUS);
	assert_int_equal(control_request_parse("{\"command\":\"st\0tus\"}",
					       20, &req, err, sizeof(err)),
			 -EINVAL);
}

static void assert_error_reply(const char *message, const char *expected)
{
	json_t *reply = control_error_reply(message);
	char *text;

	assert_non_null(reply);
	text = json_dumps(reply, JSON_COMPACT);
	assert_string_equal(text, expected);
	free(text);
	json_decref(reply);
}

static void test_error_reply(void **state)
{
	(void)state;
	assert_error_reply("permission denied",
			   "{\"error\":\"permission denied\"}");
	assert_error_reply("a \"quote\"\n\xc3", "{\"error\":\"a \\\"quote\\\"??\"}");
}

static void test_peer_allowed(void **state)
{
	static const struct {
		uid_t uid;
		gid_t gid, group;
		bool allowed;
	} cases[] = {
		{ 0, 0, 0, true },
		{ 0, 1000, 0, true },
		{ 0, 1000, 998, true },
		{ 1000, 998, 998, true },
		{ 1000, 0, 0, true },
		{ 1000, 1000, 0, false },
		{ 1000, 1000, 998, false },
		{ 65534, 65534, 998, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(control_peer_allowed(cases[i].uid,
						      cases[i].gid,
						      cases[i].group),
				 cases[i].allowed);
}

/* The server, live */

/* libevent's clock is CLOCK_MONOTONIC_COARSE: its 100 ms may seem less. */
#define NEARLY_100_MS 90

struct fixture {
	char dir[64];
	char path[96];
	struct event_base *base;
	struct control_server *srv;
	struct control_request last;
	int requests;
};

/* Echoes what it was asked; status stands for a daemon that cannot answer. */
static json_t *handler(const struct control_request *req, void *arg,
		       char *errbuf, size_t errlen)
{
	struct fixture *f = arg;

	f->last = *req;
	f->requests++;
	switch (req->command) {
	case CONTROL_PEERS:
		return json_pack("{s:[]}", "peers");
	case CONTROL_ROUTES:
		return json_pack("{s:[], s:i, s:s?}", "routes", "family",
				 req->family, "prefix",
				 req->has_prefix ? req->prefix : NULL);
	case CONTROL_STATUS:
		break;
	}
	snprintf(errbuf, errlen, "not ready");
	return NULL;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	assert_non_null(f);
	strcpy(f->dir, "/tmp/podnetd-control-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/podnetd.sock", f->dir);
	f->base = event_base_new();
	assert_non_null(f->base);
	f->srv = control_server_new(f->base, f->path, "", handler, f, err,
				    sizeof(err));
	if (!f->srv)
		fail_msg("control_server_new: %s", err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	control_server_free(f->srv);
	unlink(f->path);
	assert_int_equal(rmdir(f->dir), 0);
	event_base_free(f->base);
	free(f);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int client_connect(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	strcpy(sun.sun_path, path);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	return fd;
}

static void send_all(int fd, const char *data, size_t len)
{
	assert_int_equal(send(fd, data, len, MSG_NOSIGNAL), (ssize_t)len);
}

/*
 * Runs the server until it closes fd's connection, or 2 s; returns what
 * it sent. A server that closes with our bytes unread resets: that is an
 * end too.
 */
static char *pump_reply(struct fixture *f, int fd)
{
	static char reply[8192];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long deadline = now_ms() + 2000;
	size_t len = 0;
	ssize_t n;

	while (now_ms() < deadline) {
		event_base_loop(f->base, EVLOOP_NONBLOCK);
		if (poll(&pfd, 1, 5) <= 0)
			continue;
		n = read(fd, reply + len, sizeof(reply) - 1 - len);
		if (n <= 0) {
			assert_true(n == 0 || errno == ECONNRESET);
			reply[len] = '\0';
			close(fd);
			return reply;
		}
		len += n;
	}
	fail_msg("no end of reply in 2 s");
	return NULL;
}

static char *exchange(struct fixture *f, const char *request)
{
	int fd = client_connect(f->path);

	send_all(fd, request, strlen(request));
	return pump_reply(f, fd);
}

static void test_socket_file(void **state)
{
	struct fixture *f = *state;
	struct stat st;

	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0660);
	assert_int_equal(st.st_gid, 0);
}

static void test_requests(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"peers\":[]}\n");
	assert_int_equal(f->last.command, CONTROL_PEERS);
	assert_string_equal(exchange(f, "{\"command\":\"routes\","
					"\"prefix\":\"fd00:1::/64\"}\n"),
			    "{\"routes\":[],\"family\":10,"
			    "\"prefix\":\"fd00:1::/64\"}\n");
	assert_string_equal(exchange(f, "{\"command\":\"status\"}\n"),
			    "{\"error\":\"not ready\"}\n");
	assert_int_equal(f->requests, 3);
}

static void test_refused_requests(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(exchange(f, "hello\n"),
			    "{\"error\":\"bad JSON: '[' or '{' expected near 'hello'\"}\n");
	assert_string_equal(exchange(f, "{\"command\":\"peers\",\"x\":\"\xff\"}\n"),
			    "{\"error\":\"bad JSON: unable to decode byte 0xff near '\\\"'\"}\n");
	assert_string_equal(exchange(f, "{\"command\":\"reboot\"}\n"),
			    "{\"error\":\"unknown command 'reboot': peers, routes or status\"}\n");
	assert_int_equal(f->requests, 0);
}

/* The newline ends the request: what follows is never read as one. */
static void test_newline_ends_request(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\nrest"),
			    "{\"peers\":[]}\n");
}

static void test_eof_ends_request(void **state)
{
	struct fixture *f = *state;
	int fd = client_connect(f->path);

	send_all(fd, "{\"command\":\"peers\"}", 19);
	assert_int_equal(shutdown(fd, SHUT_WR), 0);
	assert_string_equal(pump_reply(f, fd), "{\"peers\":[]}\n");
	fd = client_connect(f->path);
	assert_int_equal(shutdown(fd, SHUT_WR), 0);
	assert_string_equal(pump_reply(f, fd),
			    "{\"error\":\"empty request\"}\n");
}

static void test_oversize_request(void **state)
{
	struct fixture *f = *state;
	char big[3 * CONTROL_REQUEST_MAX];
	int fd;

	memset(big, ' ', sizeof(big));
	memcpy(big, "{\"command\":\"peers\"}", 19);
	big[CONTROL_REQUEST_MAX - 1] = '\n';
	fd = client_connect(f->path);
	send_all(fd, big, CONTROL_REQUEST_MAX);
	assert_string_equal(pump_reply(f, fd), "{\"peers\":[]}\n");

	big[CONTROL_REQUEST_MAX - 1] = ' ';
	big[CONTROL_REQUEST_MAX] = '\n';
	fd = client_connect(f->path);
	send_all(fd, big, CONTROL_REQUEST_MAX + 1);
	assert_string_equal(pump_reply(f, fd),
			    "{\"error\":\"request longer than 4096 octets\"}\n");

	big[CONTROL_REQUEST_MAX] = ' ';
	fd = client_connect(f->path);
	send_all(fd, big, sizeof(big));
	assert_string_equal(pump_reply(f, fd),
			    "{\"error\":\"request longer than 4096 octets\"}\n");
	assert_int_equal(f->requests, 1);
}

static void test_slow_client_cut_off(void **state)
{
	struct fixture *f = *state;
	long start = now_ms();
	int fd;

	control_server_set_timeout(f->srv, 100);
	fd = client_connect(f->path);
	send_all(fd, "{\"command\":", 11);
	assert_string_equal(pump_reply(f, fd), "");
	assert_true(now_ms() - start >= NEARLY_100_MS);
	assert_int_equal(f->requests, 0);
	/* Those that are quick enough are still served. */
	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"peers\":[]}\n");
}

/* A client that never reads a reply is dropped, and the server goes on. */
static void test_client_gone_before_reply(void **state)
{
	struct fixture *f = *state;
	int fd = client_connect(f->path);

	send_all(fd, "{\"command\":\"peers\"}\n", 20);
	close(fd);
	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"peers\":[]}\n");
}

static void test_too_many_connections(void **state)
{
	struct fixture *f = *state;
	int fds[CONTROL_CONNECTIONS_MAX];
	size_t i;

	/* Accepted one by one: the backlog is shorter. */
	for (i = 0; i < CONTROL_CONNECTIONS_MAX; i++) {
		fds[i] = client_connect(f->path);
		event_base_loop(f->base, EVLOOP_NONBLOCK);
	}
	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"error\":\"too many connections\"}\n");
	send_all(fds[0], "{\"command\":\"peers\"}\n", 20);
	assert_string_equal(pump_reply(f, fds[0]), "{\"peers\":[]}\n");
	for (i = 1; i < CONTROL_CONNECTIONS_MAX; i++)
		close(fds[i]);
	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"peers\":[]}\n");
}

#define FILLERS_MAX 256

/* One past the highest descriptor open. */
static int fd_end(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *d;
	int end = 0;

	assert_non_null(dir);
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.' && atoi(d->d_name) >= end)
			end = atoi(d->d_name) + 1;
	closedir(dir);
	return end;
}

/*
 * Takes every free descriptor below the limit, and lowers the limit to
 * the end of those in use: the next one asked for fails with EMFILE.
 */
static void exhaust_fds(struct rlimit *old, int fillers[], size_t *n)
{
	struct rlimit low;
	int fd;

	assert_int_equal(getrlimit(RLIMIT_NOFILE, old), 0);
	low = *old;
	low.rlim_cur = fd_end();
	for (*n = 0; (fd = dup(0)) >= 0 && fd < (int)low.rlim_cur; )
		fillers[(*n)++] = fd;
	if (fd >= 0)
		close(fd);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
}

static void restore_fds(const struct rlimit *old, int fillers[], size_t n)
{
	assert_int_equal(setrlimit(RLIMIT_NOFILE, old), 0);
	while (n)
		close(fillers[--n]);
}

/*
 * Out of descriptors, the server stops accepting for a while (100 ms)
 * rather than spin; then it takes the client waiting.
 */
static void test_accept_error_pauses(void **state)
{
	struct fixture *f = *state;
	int fd, fillers[FILLERS_MAX];
	struct rlimit old;
	long failed_at;
	size_t n;

	/* Valgrind's own descriptors sit past the end of ours. */
	if (fd_end() > FILLERS_MAX)
		skip();
	fd = client_connect(f->path);
	send_all(fd, "{\"command\":\"peers\"}\n", 20);
	exhaust_fds(&old, fillers, &n);
	event_base_loop(f->base, EVLOOP_NONBLOCK);
	failed_at = now_ms();
	restore_fds(&old, fillers, n);
	assert_string_equal(pump_reply(f, fd), "{\"peers\":[]}\n");
	assert_true(now_ms() - failed_at >= NEARLY_100_MS);
}

/*
 * A child process, as nobody, asks for the peers: 0 if the reply is
 * expected. No cmocka here: its failures belong to the parent.
 */
static int ask_as_nobody(const char *path, bool in_root_group,
			 const char *expected)
{
	static const gid_t root_group = 0;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char reply[256] = "";
	int fd;

	if (setgroups(in_root_group, &root_group) || setgid(65534) ||
	    setuid(65534))
		return 2;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    send(fd, "{\"command\":\"peers\"}\n", 20, 0) != 20 ||
	    read(fd, reply, sizeof(reply) - 1) < 0)
		return 3;
	return strcmp(reply, expected) ? 4 : 0;
}

static void assert_child_gets(struct fixture *f, bool in_root_group,
			      const char *expected)
{
	pid_t child = fork();
	int status;

	assert_true(child >= 0);
	if (!child)
		_exit(ask_as_nobody(f->path, in_root_group, expected));
	while (!waitpid(child, &status, WNOHANG)) {
		event_base_loop(f->base, EVLOOP_NONBLOCK);
		usleep(1000);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The group, root's here, may be a supplementary one. */
static void test_peer_credentials(void **state)
{
	struct fixture *f = *state;

	if (geteuid() != 0)
		skip();
	/* Past the file's barrier, to reach the SO_PEERCRED one. */
	assert_int_equal(chmod(f->dir, 0755), 0);
	assert_int_equal(chmod(f->path, 0666), 0);
	assert_child_gets(f, false, "{\"error\":\"permission denied\"}\n");
	assert_child_gets(f, true, "{\"peers\":[]}\n");
	assert_int_equal(f->requests, 1);
}

static void test_group_owner(void **state)
{
	struct fixture *f = *state;
	struct group *grp = getgrgid(1);
	struct control_server *srv;
	char err[256];
	struct stat st;

	if (geteuid() != 0 || !grp)
		skip();
	control_server_free(f->srv);
	f->srv = NULL;
	srv = control_server_new(f->base, f->path, grp->gr_name, handler, f,
				 err, sizeof(err));
	assert_non_null(srv);
	assert_int_equal(lstat(f->path, &st), 0);
	assert_int_equal(st.st_gid, 1);
	assert_int_equal(st.st_mode & 07777, 0660);
	control_server_free(srv);
}

static void assert_new_fails(struct fixture *f, const char *group, int err,
			     const char *message)
{
	char text[256];
	char expected[256];

	errno = 0;
	assert_null(control_server_new(f->base, f->path, group, handler, f,
				       text, sizeof(text)));
	assert_int_equal(errno, err);
	snprintf(expected, sizeof(expected), message, f->path);
	assert_string_equal(text, expected);
}

static void test_live_socket_kept(void **state)
{
	struct fixture *f = *state;

	assert_new_fails(f, "", EADDRINUSE,
			 "%s: another podnetd is listening there");
	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"peers\":[]}\n");
}

static void test_stale_socket_replaced(void **state)
{
	struct fixture *f = *state;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char err[256];
	int fd;

	control_server_free(f->srv);
	f->srv = NULL;
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	strcpy(sun.sun_path, f->path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	close(fd);
	f->srv = control_server_new(f->base, f->path, "", handler, f, err,
				    sizeof(err));
	assert_non_null(f->srv);
	assert_string_equal(exchange(f, "{\"command\":\"peers\"}\n"),
			    "{\"peers\":[]}\n");
}

static void test_bad_places(void **state)
{
	struct fixture *f = *state;
	int fd;

	control_server_free(f->srv);
	f->srv = NULL;
	fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_new_fails(f, "", EEXIST, "%s exists and is not a socket");
	assert_int_equal(unlink(f->path), 0);
	assert_new_fails(f, "no-such-group-podnetd", ENOENT,
			 "control group 'no-such-group-podnetd' does not exist");
	assert_int_equal(access(f->path, F_OK), -1);
}

/* Freed, the server removes its socket file, but not a newer one's. */
static void test_free_removes_only_its_file(void **state)
{
	struct fixture *f = *state;
	int fd;

	control_server_free(f->srv);
	f->srv = NULL;
	assert_int_equal(access(f->path, F_OK), -1);
	assert_int_equal(errno, ENOENT);
	f->srv = control_server_new(f->base, f->path, "", handler, f, NULL, 0);
	assert_non_null(f->srv);
	assert_int_equal(unlink(f->path), 0);
	fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	control_server_free(f->srv);
	f->srv = NULL;
	assert_int_equal(access(f->path, F_OK), 0);
}

#define LIVE(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_length),
		cmocka_unit_test(test_error_reply),
		cmocka_unit_test(test_peer_allowed),
		LIVE(test_socket_file),
		LIVE(test_requests),
		LIVE(test_refused_requests),
		LIVE(test_newline_ends_request),
		LIVE(test_eof_ends_request),
		LIVE(test_oversize_request),
		LIVE(test_slow_client_cut_off),
		LIVE(test_client_gone_before_reply),
		LIVE(test_too_many_connections),
		LIVE(test_accept_error_pauses),
		LIVE(test_peer_credentials),
		LIVE(test_group_owner),
		LIVE(test_live_socket_kept),
		LIVE(test_stale_socket_replaced),
		LIVE(test_bad_places),
		LIVE(test_free_removes_only_its_file),
	};

	return cmocka_run_group_tests_name("podnetd control socket", tests,
					   NULL, NULL);
}
