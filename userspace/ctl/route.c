// SPDX-License-Identifier: GPL-2.0
/*
 * podnetctl route add DEV PREFIX via ADDRESS [encap E] [mac MAC]
 *                                            [generation N] [replace]
 * podnetctl route del DEV PREFIX
 * podnetctl route get DEV ADDRESS|PREFIX
 * podnetctl route list DEV
 * podnetctl route flush DEV [older-than N]
 * podnetctl route batch DEV [FILE|-]
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static int parse_get(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *s = ctl_arg_next(a);
	int err;

	if (!s)
		return ctl_usage_error(a, "missing address or prefix");
	err = ctl_parse_prefix(s, &cmd->route.dst, &cmd->route.plen,
			       &cmd->route_exact, a->errbuf, a->errlen);
	return err ? err : ctl_arg_end(a);
}

static int parse_flush(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *key = ctl_arg_next(a);
	int err;

	if (!key)
		return 0;
	if (strcmp(key, "older-than"))
		return ctl_usage_error(a, "unknown flush option '%s': older-than",
				       key);
	err = ctl_parse_generation(a, key, &cmd->older_than);
	cmd->older_than_set = !err;
	return err ? err : ctl_arg_end(a);
}

static int parse_list(struct ctl_args *a,
		      struct ctl_cmd *cmd __attribute__((unused)))
{
	return ctl_arg_end(a);
}

static int parse_batch(struct ctl_args *a, struct ctl_cmd *cmd)
{
	cmd->file = ctl_arg_next(a);
	return ctl_arg_end(a);
}

static const struct {
	const char *verb;
	enum ctl_op op;
	int (*parse)(struct ctl_args *a, struct ctl_cmd *cmd);
} verbs[] = {
	{ "add", CTL_ROUTE_ADD, NULL },
	{ "del", CTL_ROUTE_DEL, NULL },
	{ "get", CTL_ROUTE_GET, parse_get },
	{ "list", CTL_ROUTE_LIST, parse_list },
	{ "flush", CTL_ROUTE_FLUSH, parse_flush },
	{ "batch", CTL_ROUTE_BATCH, parse_batch },
};

int ctl_parse_route(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *verb = ctl_arg_next(a);
	size_t i;
	int err;

	if (!verb)
		return ctl_usage_error(a, "route needs add, del, get, list, flush or batch");
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(verb, verbs[i].verb))
			break;
	if (i == sizeof(verbs) / sizeof(verbs[0]))
		return ctl_usage_error(a, "unknown command 'route %s'", verb);
	cmd->op = verbs[i].op;
	err = ctl_arg_dev(a, &cmd->dev);
	if (err)
		return err;
	if (cmd->op == CTL_ROUTE_ADD)
		return ctl_parse_route_add(a, &cmd->route, &cmd->change);
	if (cmd->op == CTL_ROUTE_DEL)
		return ctl_parse_route_del(a, &cmd->route);
	return verbs[i].parse(a, cmd);
}

/* What the kernel said, or words of ours when it said nothing. */
static void explain(int err, bool del, const struct podnet_route *rt,
		    const char *dev, char *errbuf, size_t errlen)
{
	char dst[CTL_PREFIX_STRLEN];

	if (errbuf[0])
		return;
	ctl_format_prefix(&rt->dst, rt->plen, dst);
	if (err == -EEXIST && !del)
		snprintf(errbuf, errlen, "%s already has a route on %s (add 'replace')",
			 dst, dev);
	else if (err == -ENOENT && del)
		snprintf(errbuf, errlen, "no route %s on %s", dst, dev);
	else if (err == -ENOSPC && !del)
		snprintf(errbuf, errlen, "the route table of %s is full (routes-max)",
			 dev);
}

int ctl_run_route_add(const struct ctl_cmd *cmd,
		      FILE *out __attribute__((unused)),
		      char *errbuf, size_t errlen)
{
	int err;

	err = podnet_routes_add(cmd->dev, &cmd->route, 1, cmd->change.generation,
				cmd->change.replace, NULL, errbuf, errlen);
	if (err)
		explain(err, false, &cmd->route, cmd->dev, errbuf, errlen);
	return err;
}

int ctl_run_route_del(const struct ctl_cmd *cmd,
		      FILE *out __attribute__((unused)),
		      char *errbuf, size_t errlen)
{
	int err;

	err = podnet_routes_del(cmd->dev, &cmd->route, 1, NULL, errbuf, errlen);
	if (err)
		explain(err, true, &cmd->route, cmd->dev, errbuf, errlen);
	return err;
}

static int print_routes(const struct ctl_cmd *cmd, FILE *out,
			const struct podnet_route *routes, size_t count)
{
	json_t *doc = cmd->json ? json_array() : NULL;
	size_t i;

	for (i = 0; i < count; i++) {
		if (cmd->json)
			ctl_json_append(&doc, ctl_route_json(&routes[i]));
		else
			ctl_route_text(out, &routes[i]);
	}
	return cmd->json ? ctl_emit_json(out, doc) : 0;
}

int ctl_run_route_get(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen)
{
	char dst[CTL_PREFIX_STRLEN], addr[INET6_ADDRSTRLEN];
	struct podnet_route rt;
	int err;

	err = podnet_route_get(cmd->dev, &cmd->route.dst,
			       cmd->route_exact ? cmd->route.plen : -1, &rt,
			       errbuf, errlen);
	if (err == -ENOENT && !errbuf[0] && cmd->route_exact) {
		ctl_format_prefix(&cmd->route.dst, cmd->route.plen, dst);
		snprintf(errbuf, errlen, "no route %s on %s", dst, cmd->dev);
	} else if (err == -ENOENT && !errbuf[0]) {
		ctl_format_addr(&cmd->route.dst, addr);
		snprintf(errbuf, errlen, "no route to %s on %s", addr, cmd->dev);
	}
	return err ? err : print_routes(cmd, out, &rt, 1);
}

int ctl_run_route_list(const struct ctl_cmd *cmd, FILE *out,
		       char *errbuf, size_t errlen)
{
	struct podnet_route *routes;
	size_t count;
	int err;

	err = podnet_route_list(cmd->dev, &routes, &count, errbuf, errlen);
	if (err)
		return err;
	qsort(routes, count, sizeof(*routes), ctl_route_compare);
	err = print_routes(cmd, out, routes, count);
	free(routes);
	return err;
}

int ctl_run_route_flush(const struct ctl_cmd *cmd,
			FILE *out __attribute__((unused)),
			char *errbuf, size_t errlen)
{
	return podnet_routes_flush(cmd->dev,
				   cmd->older_than_set ? &cmd->older_than : NULL,
				   errbuf, errlen);
}

/* file:line of the route the kernel refused, when it said which. */
static void explain_batch(int err, const struct ctl_batch *b, size_t failed,
			  const char *name, const char *dev, char *detail,
			  size_t detail_len, char *errbuf, size_t errlen)
{
	bool del;

	if (failed >= b->count) {
		snprintf(errbuf, errlen, "%s", detail);
		return;
	}
	del = b->changes[failed].del;
	explain(err, del, &b->routes[failed], dev, detail, detail_len);
	snprintf(errbuf, errlen, "%s:%lu: %s", name, b->lines[failed],
		 ctl_error_text(err, detail));
}

int ctl_run_route_batch(const struct ctl_cmd *cmd,
			FILE *out __attribute__((unused)),
			char *errbuf, size_t errlen)
{
	bool from_stdin = !cmd->file || !strcmp(cmd->file, "-");
	const char *name = from_stdin ? "<stdin>" : cmd->file;
	struct ctl_batch b = { 0 };
	char detail[512] = "";
	size_t failed;
	FILE *f;
	int err;

	f = from_stdin ? stdin : fopen(cmd->file, "r");
	if (!f) {
		err = -errno;
		snprintf(errbuf, errlen, "%s: %s", name, strerror(errno));
		return err;
	}
	err = ctl_batch_read(f, name, &b, errbuf, errlen);
	if (!from_stdin)
		fclose(f);
	if (!err) {
		err = podnet_routes_apply(cmd->dev, b.routes, b.changes, b.count,
					  &failed, detail, sizeof(detail));
		if (err)
			explain_batch(err, &b, failed, name, cmd->dev, detail,
				      sizeof(detail), errbuf, errlen);
	}
	ctl_batch_free(&b);
	return err;
}
