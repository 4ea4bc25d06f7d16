// SPDX-License-Identifier: GPL-2.0
/* podnetctl's command line: options, commands, exit status. */
#include <errno.h>
#include <string.h>

#include "ctl.h"

#ifndef PODNET_VERSION
#error "PODNET_VERSION must be defined by the build"
#endif

static const char usage_text[] =
	"usage: podnetctl [-j] COMMAND\n"
	"\n"
	"  show [DEV]                                  podnet devices\n"
	"  set DEV SETTING VALUE...                    change a device:\n"
	"      mode bridge|routed, ageing SECONDS, encap vxlan|ipip|direct,\n"
	"      cross-subnet on|off, vni N, port UDPPORT, local ADDRESS,\n"
	"      underlay DEV|none, routes-max N\n"
	"  port list DEV\n"
	"  port set DEV PORT hairpin on|off\n"
	"  endpoint add DEV ADDRESS PORT [mac MAC] [replace]\n"
	"  endpoint del DEV ADDRESS\n"
	"  endpoint list DEV\n"
	"  fdb DEV                                     learned MAC addresses\n"
	"  stats DEV                                   counters\n"
	"  route add DEV PREFIX via ADDRESS [encap default|direct|vxlan|ipip]\n"
	"            [mac MAC] [generation N] [replace]\n"
	"  route del DEV PREFIX\n"
	"  route get DEV ADDRESS|PREFIX                the route taken, and how\n"
	"  route list DEV\n"
	"  route flush DEV [older-than N]\n"
	"  route batch DEV [FILE|-]                    lines 'add ...', 'del ...'\n"
	"  peers                                       podnetd's BGP peers\n"
	"  bgp routes [ipv4|ipv6] [PREFIX]             podnetd's BGP routes\n"
	"  status                                      podnetd's state\n"
	"  help                                        this text\n"
	"\n"
	"  -j, --json         one JSON document on standard output\n"
	"  -s, --socket PATH  podnetd's control socket (" CTL_DAEMON_SOCKET ")\n"
	"  -h, --help         this text\n"
	"  -V, --version      podnetctl's version\n"
	"\n"
	"ADDRESS is one IPv4 or IPv6 address; an endpoint's may end in /32 or /128.\n"
	"PREFIX is ADDRESS/LENGTH, or an address alone for one host.\n";

static int parse_help(struct ctl_args *a, struct ctl_cmd *cmd)
{
	cmd->op = CTL_HELP;
	return ctl_arg_end(a);
}

static const struct {
	const char *name;
	int (*parse)(struct ctl_args *a, struct ctl_cmd *cmd);
} commands[] = {
	{ "show", ctl_parse_show },
	{ "set", ctl_parse_set },
	{ "port", ctl_parse_port },
	{ "endpoint", ctl_parse_endpoint },
	{ "fdb", ctl_parse_fdb },
	{ "stats", ctl_parse_stats },
	{ "route", ctl_parse_route },
	{ "peers", ctl_parse_peers },
	{ "bgp", ctl_parse_bgp },
	{ "status", ctl_parse_status },
	{ "help", parse_help },
};

/* Options come before the command; help and version end the line. */
static int parse_options(struct ctl_args *a, struct ctl_cmd *cmd, bool *done)
{
	const char *opt;

	while (a->next < a->argc && a->argv[a->next][0] == '-') {
		opt = ctl_arg_next(a);
		if (!strcmp(opt, "-j") || !strcmp(opt, "--json")) {
			cmd->json = true;
		} else if (!strcmp(opt, "-s") || !strcmp(opt, "--socket")) {
			if (ctl_arg_value(a, opt, &cmd->socket))
				return -EINVAL;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			cmd->op = CTL_HELP;
			*done = true;
			return 0;
		} else if (!strcmp(opt, "-V") || !strcmp(opt, "--version")) {
			cmd->op = CTL_VERSION;
			*done = true;
			return 0;
		} else {
			return ctl_usage_error(a, "unknown option '%s'", opt);
		}
	}
	return 0;
}

int ctl_parse(int argc, char *const argv[], struct ctl_cmd *cmd,
	      char *errbuf, size_t errlen)
{
	struct ctl_args a = {
		.argv = argv,
		.argc = argc,
		.next = 1,
		.errbuf = errbuf,
		.errlen = errlen,
	};
	bool done = false;
	const char *name;
	size_t i;
	int err;

	*cmd = (struct ctl_cmd){ 0 };
	err = parse_options(&a, cmd, &done);
	if (err || done)
		return err;
	name = ctl_arg_next(&a);
	if (!name)
		return ctl_usage_error(&a, "missing command");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(name, commands[i].name))
			return commands[i].parse(&a, cmd);
	return ctl_usage_error(&a, "unknown command '%s'", name);
}

const char *ctl_error_text(int err, const char *detail)
{
	if (err == -ENOPKG)
		return "podnet kernel module not loaded (modprobe podnet)";
	if (err == -EPERM || err == -EACCES)
		return "permission denied: needs CAP_NET_ADMIN";
	if (detail && detail[0])
		return detail;
	return strerror(-err);
}

typedef int (*ctl_run_fn)(const struct ctl_cmd *cmd, FILE *out,
			  char *errbuf, size_t errlen);

static const ctl_run_fn runners[] = {
	[CTL_SHOW] = ctl_run_show,
	[CTL_SET] = ctl_run_set,
	[CTL_PORT_LIST] = ctl_run_port_list,
	[CTL_PORT_SET] = ctl_run_port_set,
	[CTL_ENDPOINT_ADD] = ctl_run_endpoint_add,
	[CTL_ENDPOINT_DEL] = ctl_run_endpoint_del,
	[CTL_ENDPOINT_LIST] = ctl_run_endpoint_list,
	[CTL_FDB] = ctl_run_fdb,
	[CTL_STATS] = ctl_run_stats,
	[CTL_ROUTE_ADD] = ctl_run_route_add,
	[CTL_ROUTE_DEL] = ctl_run_route_del,
	[CTL_ROUTE_GET] = ctl_run_route_get,
	[CTL_ROUTE_LIST] = ctl_run_route_list,
	[CTL_ROUTE_FLUSH] = ctl_run_route_flush,
	[CTL_ROUTE_BATCH] = ctl_run_route_batch,
	[CTL_PEERS] = ctl_run_peers,
	[CTL_BGP_ROUTES] = ctl_run_bgp_routes,
	[CTL_STATUS] = ctl_run_status,
};

int ctl_main(int argc, char *const argv[], FILE *out, FILE *errf)
{
	struct ctl_cmd cmd;
	char errbuf[512];
	int err;

	if (ctl_parse(argc, argv, &cmd, errbuf, sizeof(errbuf))) {
		fprintf(errf, "podnetctl: %s\nTry 'podnetctl help'.\n", errbuf);
		return CTL_EXIT_USAGE;
	}
	if (cmd.op == CTL_HELP) {
		fputs(usage_text, out);
		return CTL_EXIT_OK;
	}
	if (cmd.op == CTL_VERSION) {
		fprintf(out, "podnetctl %s\n", PODNET_VERSION);
		return CTL_EXIT_OK;
	}
	errbuf[0] = '\0';
	err = runners[cmd.op](&cmd, out, errbuf, sizeof(errbuf));
	if (!err && fflush(out))
		err = -errno;
	if (err) {
		fprintf(errf, "podnetctl: %s\n", ctl_error_text(err, errbuf));
		return CTL_EXIT_FAIL;
	}
	return CTL_EXIT_OK;
}
