// SPDX-License-Identifier: GPL-2.0
/*
 * podnetctl peers, bgp routes and status: their command lines, requests,
 * podnetd's replies (canned) as text and JSON, and each way asking fails,
 * against a stand-in for podnetd on a socket in a temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "ctl.h"

#define ARGV(...) ((char *const[]){ "podnetctl", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *const[]){ "podnetctl", __VA_ARGS__ }) / \
			 sizeof(char *)))
#define PARSE(cmd, err, ...) \
	ctl_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (cmd), (err), sizeof(err))

#define assert_usage_error(text, ...)					\
	do {								\
		struct ctl_cmd cmd_;					\
		char err_[256] = "";					\
		assert_int_equal(PARSE(&cmd_, err_, __VA_ARGS__), -EINVAL); \
		assert_string_equal(err_, (text));			\
	} while (0)

/* The request line a command line makes. */
static void assert_request(const char *expected, struct ctl_cmd *cmd)
{
	char *line = ctl_daemon_request(cmd);

	assert_non_null(line);
	assert_string_equal(line, expected);
	free(line);
}

static void test_args(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "peers"), 0);
	assert_int_equal(cmd.op, CTL_PEERS);
	assert_null(cmd.socket);
	assert_request("{\"command\":\"peers\"}\n", &cmd);
	assert_int_equal(PARSE(&cmd, err, "-j", "-s", "/tmp/p.sock", "status"),
			 0);
	assert_int_equal(cmd.op, CTL_STATUS);
	assert_true(cmd.json);
	assert_string_equal(cmd.socket, "/tmp/p.sock");
	assert_request("{\"command\":\"status\"}\n", &cmd);
	assert_int_equal(PARSE(&cmd, err, "--socket", "x", "-j", "peers"), 0);
	assert_string_equal(cmd.socket, "x");
	assert_true(cmd.json);
}

static void test_args_bgp_routes(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "bgp", "routes"), 0);
	assert_int_equal(cmd.op, CTL_BGP_ROUTES);
	assert_int_equal(cmd.bgp_family, 0);
	assert_false(cmd.bgp_has_prefix);
	assert_request("{\"command\":\"routes\"}\n", &cmd);
	assert_int_equal(PARSE(&cmd, err, "bgp", "routes", "ipv6"), 0);
	assert_int_equal(cmd.bgp_family, AF_INET6);
	assert_request("{\"command\":\"routes\",\"family\":\"ipv6\"}\n", &cmd);
	assert_int_equal(PARSE(&cmd, err, "bgp", "routes", "10.244.1.0/24"), 0);
	assert_int_equal(cmd.bgp_family, 0);
	assert_true(cmd.bgp_has_prefix);
	assert_request("{\"command\":\"routes\",\"prefix\":\"10.244.1.0/24\"}\n",
		       &cmd);
	assert_int_equal(PARSE(&cmd, err, "bgp", "routes", "ipv4", "10.0.0.7"),
			 0);
	assert_request("{\"command\":\"routes\",\"family\":\"ipv4\","
		       "\"prefix\":\"10.0.0.7/32\"}\n", &cmd);
	assert_int_equal(PARSE(&cmd, err, "bgp", "routes", "FD00:1::/64"), 0);
	assert_request("{\"command\":\"routes\",\"prefix\":\"fd00:1::/64\"}\n",
		       &cmd);
}

static void test_args_errors(void **state)
{
	(void)state;
	assert_usage_error("missing value after '-s'", "-s");
	assert_usage_error("missing value after '--socket'", "--socket");
	assert_usage_error("unexpected argument 'x'", "peers", "x");
	assert_usage_error("unexpected argument 'all'", "status", "all");
	assert_usage_error("bgp needs routes", "bgp");
	assert_usage_error("unknown command 'bgp peers'", "bgp", "peers");
	assert_usage_error("bad prefix 'inet'", "bgp", "routes", "inet");
	assert_usage_error("bad prefix 'ipv6'", "bgp", "routes", "ipv4", "ipv6");
	assert_usage_error("bad prefix '10.244.1.1/24': bits set past the length (10.244.1.0/24?)",
			   "bgp", "routes", "10.244.1.1/24");
	assert_usage_error("prefix '10.244.1.0/24' is not ipv6",
			   "bgp", "routes", "ipv6", "10.244.1.0/24");
	assert_usage_error("unexpected argument 'x'",
			   "bgp", "routes", "ipv4", "10.0.0.0/8", "x");
}

/* Replies */

static json_t *reply_of(const char *text)
{
	char err[256];
	json_t *reply;

	if (ctl_daemon_reply_parse(text, strlen(text), &reply, err,
				   sizeof(err)))
		fail_msg("%s: %s", text, err);
	return reply;
}

static void assert_reply_refused(const char *text, int code,
				 const char *message)
{
	json_t *reply = (json_t *)1;
	char err[256];

	assert_int_equal(ctl_daemon_reply_parse(text, strlen(text), &reply,
						err, sizeof(err)), code);
	assert_null(reply);
	assert_string_equal(err, message);
}

static void test_reply_parse(void **state)
{
	json_t *reply = reply_of("{\"peers\":[]}\n");

	(void)state;
	assert_true(json_is_array(json_object_get(reply, "peers")));
	json_decref(reply);
	assert_reply_refused("{\"error\":\"permission denied\"}\n", -EREMOTEIO,
			     "podnetd: permission denied");
	assert_reply_refused("{\"error\":7}\n", -EPROTO,
			     "podnetd's reply has an error that is not a string");
	assert_reply_refused("", -EPROTO,
			     "podnetd closed the connection without a reply");
	assert_reply_refused("{\"peers\":[]}", -EPROTO,
			     "podnetd's reply was cut short after 12 octets");
	assert_reply_refused("{\"peers\":[\n", -EPROTO,
			     "podnetd's reply is not JSON: ']' expected near end of file");
	assert_reply_refused("[]\n", -EPROTO,
			     "podnetd's reply is not a JSON object");
}

/* Captures what a printer writes. */
struct capture {
	FILE *f;
	char *text;
	size_t len;
};

static void capture_start(struct capture *c)
{
	c->f = open_memstream(&c->text, &c->len);
	assert_non_null(c->f);
}

static void assert_captured(struct capture *c, const char *expected)
{
	assert_int_equal(fclose(c->f), 0);
	assert_string_equal(c->text, expected);
	free(c->text);
}

typedef int (*check_fn)(json_t *reply, char *errbuf, size_t errlen);
typedef void (*text_fn)(FILE *f, json_t *reply);

static void assert_text(const char *reply_text, check_fn check, text_fn text,
			const char *expected)
{
	json_t *reply = reply_of(reply_text);
	struct capture c;
	char err[256];

	if (check(reply, err, sizeof(err)))
		fail_msg("%s", err);
	capture_start(&c);
	text(c.f, reply);
	assert_captured(&c, expected);
	json_decref(reply);
}

static void assert_check_fails(const char *reply_text, check_fn check,
			       const char *message)
{
	json_t *reply = reply_of(reply_text);
	char err[256];

	assert_int_equal(check(reply, err, sizeof(err)), -EPROTO);
	assert_string_equal(err, message);
	json_decref(reply);
}

#define PEER_IBGP \
	"{\"address\":\"10.0.0.2\",\"port\":179,\"as\":64512,\"type\":\"ibgp\"," \
	"\"state\":\"Established\",\"state_seconds\":3723," \
	"\"router_id\":\"10.0.0.2\",\"hold_time\":90,\"keepalive\":30," \
	"\"received\":12,\"accepted\":12,\"sent\":3," \
	"\"graceful_restart\":true,\"rr_client\":false,\"passive\":false," \
	"\"mesh\":true,\"md5\":false,\"last_error\":null," \
	"\"description\":\"bgp.mesh[1]\"}"
#define PEER_EBGP \
	"{\"address\":\"fd00::3\",\"port\":1790,\"as\":4200000001," \
	"\"type\":\"ebgp\",\"state\":\"Active\",\"state_seconds\":45," \
	"\"router_id\":null,\"hold_time\":90,\"keepalive\":30," \
	"\"received\":0,\"accepted\":0,\"sent\":0," \
	"\"graceful_restart\":false,\"rr_client\":false,\"passive\":false," \
	"\"mesh\":false,\"md5\":true," \
	"\"last_error\":\"Cease/Administrative Shutdown\"," \
	"\"description\":\"bgp.peers[0]\"}"
#define PEERS_REPLY "{\"peers\":[" PEER_IBGP "," PEER_EBGP "]}\n"

static void test_peers_text(void **state)
{
	(void)state;
	assert_text(PEERS_REPLY, ctl_peers_check, ctl_peers_text,
		"PEER                    AS  TYPE  STATE        SINCE  RECEIVED  ACCEPTED  SENT\n"
		"10.0.0.2             64512  ibgp  Established   1h2m        12        12     3\n"
		"[fd00::3]:1790  4200000001  ebgp  Active         45s         0         0     0\n"
		"  last error: Cease/Administrative Shutdown\n");
	assert_text("{\"peers\":[]}\n", ctl_peers_check, ctl_peers_text,
		    "PEER  AS  TYPE  STATE  SINCE  RECEIVED  ACCEPTED  SENT\n");
}

static void test_peers_check(void **state)
{
	(void)state;
	assert_check_fails("{}\n", ctl_peers_check,
			   "unexpected reply from podnetd: peers is missing");
	assert_check_fails("{\"peers\":{}}\n", ctl_peers_check,
			   "unexpected reply from podnetd: peers is not a list");
	assert_check_fails("{\"peers\":[" PEER_IBGP ",7]}\n", ctl_peers_check,
			   "unexpected reply from podnetd: peers[1] is not an object");
	assert_check_fails("{\"peers\":[{\"address\":\"10.0.0.2\","
			   "\"port\":\"179\"}]}\n", ctl_peers_check,
			   "unexpected reply from podnetd: peers[0].port is not an integer");
	assert_check_fails("{\"peers\":[{\"address\":null}]}\n",
			   ctl_peers_check,
			   "unexpected reply from podnetd: peers[0].address is not a string");
}

#define PATH_BEST \
	"{\"best\":true,\"next_hop\":\"10.0.0.2\",\"from\":\"10.0.0.2\"," \
	"\"as_path\":\"64513 {64514 64515}\",\"origin\":\"igp\"," \
	"\"local_pref\":100,\"med\":0,\"stale\":false," \
	"\"originator_id\":null,\"cluster_list\":[]," \
	"\"communities\":[\"65000:1\",\"65000:2\"]}"
#define PATH_OTHER \
	"{\"best\":false,\"next_hop\":\"10.0.0.3\",\"from\":\"10.0.0.33\"," \
	"\"as_path\":\"\",\"origin\":\"incomplete\",\"local_pref\":null," \
	"\"med\":null,\"stale\":true,\"originator_id\":\"10.0.0.9\"," \
	"\"cluster_list\":[\"10.0.0.1\",\"10.0.0.5\"],\"communities\":[]}"
#define PATH_LOCAL \
	"{\"best\":true,\"next_hop\":\"10.0.0.1\",\"from\":\"local\"," \
	"\"as_path\":\"\",\"origin\":\"igp\",\"local_pref\":null," \
	"\"med\":null,\"stale\":false,\"originator_id\":null," \
	"\"cluster_list\":[],\"communities\":[]}"
#define ROUTES_REPLY \
	"{\"routes\":[" \
	"{\"prefix\":\"10.244.1.0/24\",\"paths\":[" PATH_LOCAL "]," \
	"\"installed\":false}," \
	"{\"prefix\":\"10.244.2.0/24\",\"paths\":[" PATH_BEST "," PATH_OTHER \
	"],\"installed\":true}," \
	"{\"prefix\":\"fd00:1::/64\",\"paths\":[" PATH_BEST "]," \
	"\"installed\":false}]}\n"

static void test_routes_text(void **state)
{
	(void)state;
	assert_text(ROUTES_REPLY, ctl_bgp_routes_check, ctl_bgp_routes_text,
		"*  10.244.1.0/24 via 10.0.0.1 from local     [i]\n"
		"*K 10.244.2.0/24 via 10.0.0.2 from 10.0.0.2  [i] as-path 64513 {64514 64515} local-pref 100 med 0 communities 65000:1,65000:2\n"
		"   10.244.2.0/24 via 10.0.0.3 from 10.0.0.33 [?] originator 10.0.0.9 cluster-list 10.0.0.1,10.0.0.5 stale\n"
		"*  fd00:1::/64   via 10.0.0.2 from 10.0.0.2  [i] as-path 64513 {64514 64515} local-pref 100 med 0 communities 65000:1,65000:2\n");
	assert_text("{\"routes\":[]}\n", ctl_bgp_routes_check,
		    ctl_bgp_routes_text, "");
}

static void test_routes_check(void **state)
{
	(void)state;
	assert_check_fails("{\"routes\":[{\"prefix\":\"10.244.1.0/24\","
			   "\"paths\":[],\"installed\":1}]}\n",
			   ctl_bgp_routes_check,
			   "unexpected reply from podnetd: routes[0].installed is not true or false");
	assert_check_fails("{\"routes\":[{\"prefix\":\"10.244.1.0/24\","
			   "\"paths\":[" PATH_BEST ",{\"best\":false}],"
			   "\"installed\":true}]}\n",
			   ctl_bgp_routes_check,
			   "unexpected reply from podnetd: routes[0].paths[1].next_hop is missing");
	assert_check_fails("{\"routes\":[{\"prefix\":\"10.244.1.0/24\","
			   "\"paths\":[{\"best\":true,\"next_hop\":null,"
			   "\"from\":null,\"as_path\":\"\",\"origin\":\"igp\","
			   "\"local_pref\":null,\"med\":null,\"stale\":false,"
			   "\"originator_id\":null,\"cluster_list\":[],"
			   "\"communities\":[1]}],\"installed\":true}]}\n",
			   ctl_bgp_routes_check,
			   "unexpected reply from podnetd: routes[0].paths[0].communities is not a list of strings");
}

#define STATUS_REPLY \
	"{\"version\":\"0.1.0\",\"node\":\"node1\",\"router_id\":\"10.0.0.1\"," \
	"\"as\":64512,\"device\":\"podnet0\",\"ifindex\":5," \
	"\"underlay\":{\"interface\":\"eth0\",\"address\":\"10.0.0.1\"," \
	"\"method\":\"interface\"},\"mtu\":1450,\"encap\":\"vxlan\"," \
	"\"cross_subnet\":false,\"vni\":1,\"vxlan_port\":4789," \
	"\"pod_cidrs\":[\"10.244.1.0/24\",\"fd00:1::/64\"]," \
	"\"cluster_cidrs\":[\"10.244.0.0/16\"],\"generation\":3," \
	"\"ready\":true,\"uptime_seconds\":90061," \
	"\"peers\":{\"configured\":2,\"established\":1}," \
	"\"routes\":{\"prefixes\":10,\"paths\":12,\"installed\":8," \
	"\"rib_bytes\":1234}}\n"

static void test_status_text(void **state)
{
	(void)state;
	assert_text(STATUS_REPLY, ctl_status_check, ctl_status_text,
		    "version:        0.1.0\n"
		    "node:           node1\n"
		    "router id:      10.0.0.1\n"
		    "as:             64512\n"
		    "ready:          yes\n"
		    "uptime:         1d1h\n"
		    "device:         podnet0 ifindex 5 mtu 1450\n"
		    "underlay:       eth0 10.0.0.1 (interface)\n"
		    "encap:          vxlan vni 1 port 4789 cross-subnet off\n"
		    "pod cidrs:      10.244.1.0/24 fd00:1::/64\n"
		    "cluster cidrs:  10.244.0.0/16\n"
		    "generation:     3\n"
		    "peers:          2 configured, 1 established\n"
		    "routes:         10 prefixes, 12 paths, 8 installed, RIB 1234 bytes\n");
	assert_text("{\"version\":\"0.1.0\",\"node\":\"n\",\"router_id\":null,"
		    "\"as\":1,\"device\":\"podnet0\",\"ifindex\":0,"
		    "\"underlay\":{\"interface\":null,\"address\":null,"
		    "\"method\":\"auto\"},\"mtu\":0,\"encap\":\"ipip\","
		    "\"cross_subnet\":true,\"vni\":1,\"vxlan_port\":4789,"
		    "\"pod_cidrs\":[],\"cluster_cidrs\":[],\"generation\":0,"
		    "\"ready\":false,\"uptime_seconds\":125,"
		    "\"peers\":{\"configured\":0,\"established\":0},"
		    "\"routes\":{\"prefixes\":0,\"paths\":0,\"installed\":0,"
		    "\"rib_bytes\":0}}\n",
		    ctl_status_check, ctl_status_text,
		    "version:        0.1.0\n"
		    "node:           n\n"
		    "router id:      -\n"
		    "as:             1\n"
		    "ready:          no\n"
		    "uptime:         2m5s\n"
		    "device:         podnet0 ifindex 0 mtu 0\n"
		    "underlay:       - - (auto)\n"
		    "encap:          ipip cross-subnet on\n"
		    "pod cidrs:      -\n"
		    "cluster cidrs:  -\n"
		    "generation:     0\n"
		    "peers:          0 configured, 0 established\n"
		    "routes:         0 prefixes, 0 paths, 0 installed, RIB 0 bytes\n");
}

static void test_status_check(void **state)
{
	(void)state;
	assert_check_fails("{\"version\":\"0.1.0\"}\n", ctl_status_check,
			   "unexpected reply from podnetd: node is missing");
	assert_check_fails("{\"version\":\"0.1.0\",\"node\":\"node1\","
			   "\"router_id\":\"10.0.0.1\",\"as\":64512,"
			   "\"device\":\"podnet0\",\"ifindex\":5,"
			   "\"underlay\":{\"interface\":\"eth0\","
			   "\"address\":\"10.0.0.1\"},\"mtu\":1450,"
			   "\"encap\":\"vxlan\",\"cross_subnet\":false,\"vni\":1,"
			   "\"vxlan_port\":4789,\"pod_cidrs\":[],"
			   "\"cluster_cidrs\":[],\"generation\":3,"
			   "\"ready\":true,\"uptime_seconds\":42,"
			   "\"peers\":{},\"routes\":{}}\n",
			   ctl_status_check,
			   "unexpected reply from podnetd: underlay.method is missing");
}

/* podnetctl against a stand-in for podnetd */

struct fixture {
	char dir[64];
	char path[96];
	int listener;
	pid_t server;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	assert_non_null(f);
	strcpy(f->dir, "/tmp/podnetctl-daemon-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/podnetd.sock", f->dir);
	strcpy(sun.sun_path, f->path);
	f->listener = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(f->listener >= 0);
	assert_int_equal(bind(f->listener, (struct sockaddr *)&sun,
			      sizeof(sun)), 0);
	assert_int_equal(listen(f->listener, 4), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	close(f->listener);
	unlink(f->path);
	assert_int_equal(rmdir(f->dir), 0);
	free(f);
	return 0;
}

/* The child's side: no cmocka; its exit status says how it went. */
static int serve_once(int listener, const char *request, const char *reply)
{
	char got[4096];
	size_t len = 0;
	ssize_t n;
	int fd = accept(listener, NULL, NULL);

	if (fd < 0)
		return 2;
	while (len < sizeof(got) - 1 && (!len || got[len - 1] != '\n')) {
		n = read(fd, got + len, sizeof(got) - 1 - len);
		if (n <= 0)
			return 3;
		len += n;
	}
	got[len] = '\0';
	if (write(fd, reply, strlen(reply)) != (ssize_t)strlen(reply))
		return 4;
	close(fd);
	return strcmp(got, request) ? 5 : 0;
}

/* Answers one request, which must be request, with reply. */
static void serve(struct fixture *f, const char *request, const char *reply)
{
	f->server = fork();
	assert_true(f->server >= 0);
	if (!f->server)
		_exit(serve_once(f->listener, request, reply));
}

static void assert_served(struct fixture *f)
{
	int status;

	assert_int_equal(waitpid(f->server, &status, 0), f->server);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

struct run {
	int status;
	char *out;
	char *err;
};

static struct run run(int argc, char *const argv[])
{
	struct run r;
	size_t out_len, err_len;
	FILE *out = open_memstream(&r.out, &out_len);
	FILE *err = open_memstream(&r.err, &err_len);

	assert_non_null(out);
	assert_non_null(err);
	r.status = ctl_main(argc, argv, out, err);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(fclose(err), 0);
	return r;
}

#define RUN(...) run(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

static void assert_run(struct run r, int status, const char *out,
		       const char *err)
{
	assert_string_equal(r.out, out);
	assert_string_equal(r.err, err);
	assert_int_equal(r.status, status);
	free(r.out);
	free(r.err);
}

static void test_run_peers(void **state)
{
	struct fixture *f = *state;

	serve(f, "{\"command\":\"peers\"}\n", "{\"peers\":[]}\n");
	assert_run(RUN("-s", f->path, "peers"), CTL_EXIT_OK,
		   "PEER  AS  TYPE  STATE  SINCE  RECEIVED  ACCEPTED  SENT\n", "");
	assert_served(f);
}

/* -j prints the reply as it came, keys in its order, on one line. */
static void test_run_json(void **state)
{
	struct fixture *f = *state;

	serve(f, "{\"command\":\"routes\",\"family\":\"ipv4\"}\n",
	      ROUTES_REPLY);
	assert_run(RUN("-j", "-s", f->path, "bgp", "routes", "ipv4"),
		   CTL_EXIT_OK, ROUTES_REPLY, "");
	assert_served(f);
	serve(f, "{\"command\":\"status\"}\n", STATUS_REPLY);
	assert_run(RUN("--json", "--socket", f->path, "status"), CTL_EXIT_OK,
		   STATUS_REPLY, "");
	assert_served(f);
}

static void test_run_error_reply(void **state)
{
	struct fixture *f = *state;

	serve(f, "{\"command\":\"peers\"}\n",
	      "{\"error\":\"permission denied\"}\n");
	assert_run(RUN("-s", f->path, "peers"), CTL_EXIT_FAIL, "",
		   "podnetctl: podnetd: permission denied\n");
	assert_served(f);
}

static void test_run_bad_replies(void **state)
{
	struct fixture *f = *state;

	serve(f, "{\"command\":\"status\"}\n", "{\"version\":\"0.1");
	assert_run(RUN("-s", f->path, "status"), CTL_EXIT_FAIL, "",
		   "podnetctl: podnetd's reply was cut short after 15 octets\n");
	assert_served(f);
	serve(f, "{\"command\":\"peers\"}\n", "{\"peers\":[{}]}\n");
	assert_run(RUN("-j", "-s", f->path, "peers"), CTL_EXIT_FAIL, "",
		   "podnetctl: unexpected reply from podnetd: peers[0].address is missing\n");
	assert_served(f);
}

static void test_not_running(void **state)
{
	struct fixture *f = *state;
	char expected[256];

	close(f->listener);
	f->listener = -1;
	snprintf(expected, sizeof(expected),
		 "podnetctl: podnetd is not running (nothing listens on %s)\n",
		 f->path);
	assert_run(RUN("-s", f->path, "peers"), CTL_EXIT_FAIL, "", expected);
	assert_int_equal(unlink(f->path), 0);
	snprintf(expected, sizeof(expected),
		 "podnetctl: podnetd is not running (no %s)\n", f->path);
	assert_run(RUN("-s", f->path, "status"), CTL_EXIT_FAIL, "", expected);
}

/* The default socket's message, whether or not that podnetd runs here. */
static void test_not_running_default(void **state)
{
	json_t *reply;
	char err[256];

	(void)state;
	if (!access(CTL_DAEMON_SOCKET, F_OK))
		skip();
	assert_int_equal(ctl_daemon_call(CTL_DAEMON_SOCKET,
					 "{\"command\":\"peers\"}\n", 1000,
					 &reply, err, sizeof(err)), -ENOENT);
	assert_string_equal(err, "podnetd is not running (no /run/podnetd/podnetd.sock)");
}

/* Accepted by the kernel's backlog, never answered. */
static void test_no_answer(void **state)
{
	struct fixture *f = *state;
	char err[256], expected[256];
	json_t *reply;

	assert_int_equal(ctl_daemon_call(f->path, "{\"command\":\"peers\"}\n",
					 200, &reply, err, sizeof(err)),
			 -ETIMEDOUT);
	assert_null(reply);
	snprintf(expected, sizeof(expected),
		 "podnetd did not answer within 200 ms (%s)", f->path);
	assert_string_equal(err, expected);
}

/* A daemon that refuses before reading still has its reply read. */
static void test_refused_unread(void **state)
{
	struct fixture *f = *state;
	json_t *reply;
	char err[256];
	pid_t child = fork();
	int status;

	assert_true(child >= 0);
	if (!child) {
		int fd = accept(f->listener, NULL, NULL);
		static const char refusal[] = "{\"error\":\"too many connections\"}\n";

		usleep(50 * 1000);
		_exit(fd < 0 || write(fd, refusal, sizeof(refusal) - 1) !=
		      (ssize_t)sizeof(refusal) - 1);
	}
	assert_int_equal(ctl_daemon_call(f->path, "{\"command\":\"peers\"}\n",
					 2000, &reply, err, sizeof(err)),
			 -EREMOTEIO);
	assert_string_equal(err, "podnetd: too many connections");
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(status, 0);
}

static void test_help_lists_commands(void **state)
{
	struct run r = RUN("help");

	(void)state;
	assert_non_null(strstr(r.out, "  peers "));
	assert_non_null(strstr(r.out, "  bgp routes [ipv4|ipv6] [PREFIX] "));
	assert_non_null(strstr(r.out, "  status "));
	assert_non_null(strstr(r.out, "-s, --socket PATH"));
	free(r.out);
	free(r.err);
}

#define LIVE(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_args_bgp_routes),
		cmocka_unit_test(test_args_errors),
		cmocka_unit_test(test_reply_parse),
		cmocka_unit_test(test_peers_text),
		cmocka_unit_test(test_peers_check),
		cmocka_unit_test(test_routes_text),
		cmocka_unit_test(test_routes_check),
		cmocka_unit_test(test_status_text),
		cmocka_unit_test(test_status_check),
		cmocka_unit_test(test_not_running_default),
		cmocka_unit_test(test_help_lists_commands),
		LIVE(test_run_peers),
		LIVE(test_run_json),
		LIVE(test_run_error_reply),
		LIVE(test_run_bad_replies),
		LIVE(test_not_running),
		LIVE(test_no_answer),
		LIVE(test_refused_unread),
	};

	return cmocka_run_group_tests_name("podnetctl and podnetd", tests,
					   NULL, NULL);
}
