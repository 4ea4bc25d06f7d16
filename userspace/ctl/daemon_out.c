// SPDX-License-Identifier: GPL-2.0
/*
 * How podnetctl prints podnetd's replies. A reply is checked whole before
 * anything is printed: a field amiss fails the command, not half a table.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "ctl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum field_type {
	FIELD_STRING,
	FIELD_INT,
	FIELD_BOOL,
	FIELD_STRINGS,
	FIELD_OBJECT,
	FIELD_ARRAY,
};

struct field {
	const char *key;
	enum field_type type;
	bool nullable;
};

#define REQUIRED(key, type) { (key), (type), false }
#define NULLABLE(key, type) { (key), (type), true }

static const char *const type_names[] = {
	[FIELD_STRING] = "a string",
	[FIELD_INT] = "an integer",
	[FIELD_BOOL] = "true or false",
	[FIELD_STRINGS] = "a list of strings",
	[FIELD_OBJECT] = "an object",
	[FIELD_ARRAY] = "a list",
};

static bool all_strings(json_t *array)
{
	json_t *item;
	size_t i;

	json_array_foreach(array, i, item)
		if (!json_is_string(item))
			return false;
	return true;
}

static bool has_type(json_t *value, enum field_type type)
{
	switch (type) {
	case FIELD_STRING:
		return json_is_string(value);
	case FIELD_INT:
		return json_is_integer(value);
	case FIELD_BOOL:
		return json_is_boolean(value);
	case FIELD_STRINGS:
		return json_is_array(value) && all_strings(value);
	case FIELD_OBJECT:
		return json_is_object(value);
	case FIELD_ARRAY:
		return json_is_array(value);
	}
	return false;
}

static int amiss(char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int amiss(char *errbuf, size_t errlen, const char *fmt, ...)
{
	int len = snprintf(errbuf, errlen, "unexpected reply from podnetd: ");
	va_list ap;

	va_start(ap, fmt);
	if (len >= 0 && (size_t)len < errlen)
		vsnprintf(errbuf + len, errlen - len, fmt, ap);
	va_end(ap);
	return -EPROTO;
}

/* where names obj for the message: "" for the reply, "routes[2]". */
static int check_fields(json_t *obj, const char *where,
			const struct field *fields, size_t n,
			char *errbuf, size_t errlen)
{
	const char *dot = where[0] ? "." : "";
	json_t *value;
	size_t i;

	if (!json_is_object(obj))
		return amiss(errbuf, errlen, "%s is not an object", where);
	for (i = 0; i < n; i++) {
		value = json_object_get(obj, fields[i].key);
		if (!value)
			return amiss(errbuf, errlen, "%s%s%s is missing", where,
				     dot, fields[i].key);
		if (json_is_null(value) ? !fields[i].nullable :
		    !has_type(value, fields[i].type))
			return amiss(errbuf, errlen, "%s%s%s is not %s", where,
				     dot, fields[i].key,
				     type_names[fields[i].type]);
	}
	return 0;
}

/* Each object of the list at obj's key, as "where.key[i]". */
static int check_list(json_t *obj, const char *where, const char *key,
		      const struct field *fields, size_t n,
		      int (*check_more)(json_t *item, const char *where,
					char *errbuf, size_t errlen),
		      char *errbuf, size_t errlen)
{
	char item_where[128];
	json_t *item;
	size_t i;
	int err;

	json_array_foreach(json_object_get(obj, key), i, item) {
		snprintf(item_where, sizeof(item_where), "%s%s%s[%zu]", where,
			 where[0] ? "." : "", key, i);
		err = check_fields(item, item_where, fields, n, errbuf, errlen);
		if (!err && check_more)
			err = check_more(item, item_where, errbuf, errlen);
		if (err)
			return err;
	}
	return 0;
}

/* Once checked, a field is there and of its type, or null. */
static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static const char *str_or_dash(json_t *obj, const char *key)
{
	const char *s = str(obj, key);

	return s && s[0] ? s : "-";
}

static long long num(json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

static bool flag(json_t *obj, const char *key)
{
	return json_is_true(json_object_get(obj, key));
}

static void print_strings(FILE *f, json_t *obj, const char *key,
			  const char *sep)
{
	json_t *item;
	size_t i;

	json_array_foreach(json_object_get(obj, key), i, item)
		fprintf(f, "%s%s", i ? sep : "", json_string_value(item));
}

/* "45s", "2m5s", "1h2m", "3d4h": the two largest units. */
static void format_duration(long long s, char buf[32])
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, 32, "%llds", s);
	else if (s < 3600)
		snprintf(buf, 32, "%lldm%llds", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, 32, "%lldh%lldm", s / 3600, s % 3600 / 60);
	else
		snprintf(buf, 32, "%lldd%lldh", s / 86400, s % 86400 / 3600);
}

/* peers */

static const struct field peers_fields[] = {
	REQUIRED("peers", FIELD_ARRAY),
};

static const struct field peer_fields[] = {
	REQUIRED("address", FIELD_STRING),
	REQUIRED("port", FIELD_INT),
	REQUIRED("as", FIELD_INT),
	REQUIRED("type", FIELD_STRING),
	REQUIRED("state", FIELD_STRING),
	REQUIRED("state_seconds", FIELD_INT),
	REQUIRED("received", FIELD_INT),
	REQUIRED("accepted", FIELD_INT),
	REQUIRED("sent", FIELD_INT),
	NULLABLE("last_error", FIELD_STRING),
};

int ctl_peers_check(json_t *reply, char *errbuf, size_t errlen)
{
	int err;

	err = check_fields(reply, "", peers_fields, ARRAY_SIZE(peers_fields),
			   errbuf, errlen);
	return err ? err : check_list(reply, "", "peers", peer_fields,
				      ARRAY_SIZE(peer_fields), NULL, errbuf,
				      errlen);
}

#define PEER_COLUMNS 8
#define CELL_MAX 64

static const char *const peer_headers[PEER_COLUMNS] = {
	"PEER", "AS", "TYPE", "STATE", "SINCE", "RECEIVED", "ACCEPTED", "SENT",
};

/* Numbers and durations align right. */
static const bool peer_right[PEER_COLUMNS] = {
	false, true, false, false, true, true, true, true,
};

/* The address, with the port when it is not BGP's. */
static void peer_label(json_t *peer, char buf[CELL_MAX])
{
	const char *addr = str(peer, "address");
	long long port = num(peer, "port");

	if (port == 179)
		snprintf(buf, CELL_MAX, "%s", addr);
	else if (strchr(addr, ':'))
		snprintf(buf, CELL_MAX, "[%s]:%lld", addr, port);
	else
		snprintf(buf, CELL_MAX, "%s:%lld", addr, port);
}

static void peer_cells(json_t *peer, char cells[PEER_COLUMNS][CELL_MAX])
{
	peer_label(peer, cells[0]);
	snprintf(cells[1], CELL_MAX, "%lld", num(peer, "as"));
	snprintf(cells[2], CELL_MAX, "%s", str(peer, "type"));
	snprintf(cells[3], CELL_MAX, "%s", str(peer, "state"));
	format_duration(num(peer, "state_seconds"), cells[4]);
	snprintf(cells[5], CELL_MAX, "%lld", num(peer, "received"));
	snprintf(cells[6], CELL_MAX, "%lld", num(peer, "accepted"));
	snprintf(cells[7], CELL_MAX, "%lld", num(peer, "sent"));
}

static void widen(int width[], size_t n, const char *const cells[])
{
	size_t i;
	int len;

	for (i = 0; i < n; i++) {
		len = strlen(cells[i]);
		if (len > width[i])
			width[i] = len;
	}
}

/* Two spaces between columns, none after the last. */
static void print_row(FILE *f, const int width[], const bool right[],
		      size_t n, const char *const cells[])
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (right[i])
			fprintf(f, "%*s", width[i], cells[i]);
		else if (i + 1 < n)
			fprintf(f, "%-*s", width[i], cells[i]);
		else
			fputs(cells[i], f);
		fputs(i + 1 < n ? "  " : "\n", f);
	}
}

static void cell_pointers(char cells[PEER_COLUMNS][CELL_MAX],
			  const char *ptrs[PEER_COLUMNS])
{
	size_t i;

	for (i = 0; i < PEER_COLUMNS; i++)
		ptrs[i] = cells[i];
}

void ctl_peers_text(FILE *f, json_t *reply)
{
	char cells[PEER_COLUMNS][CELL_MAX];
	const char *ptrs[PEER_COLUMNS];
	int width[PEER_COLUMNS] = { 0 };
	json_t *peers = json_object_get(reply, "peers"), *peer;
	size_t i;

	cell_pointers(cells, ptrs);
	widen(width, PEER_COLUMNS, peer_headers);
	json_array_foreach(peers, i, peer) {
		peer_cells(peer, cells);
		widen(width, PEER_COLUMNS, ptrs);
	}
	print_row(f, width, peer_right, PEER_COLUMNS, peer_headers);
	json_array_foreach(peers, i, peer) {
		peer_cells(peer, cells);
		print_row(f, width, peer_right, PEER_COLUMNS, ptrs);
		if (str(peer, "last_error"))
			fprintf(f, "  last error: %s\n",
				str(peer, "last_error"));
	}
}

/* bgp routes */

static const struct field routes_fields[] = {
	REQUIRED("routes", FIELD_ARRAY),
};

static const struct field route_fields[] = {
	REQUIRED("prefix", FIELD_STRING),
	REQUIRED("paths", FIELD_ARRAY),
	REQUIRED("installed", FIELD_BOOL),
};

static const struct field path_fields[] = {
	REQUIRED("best", FIELD_BOOL),
	NULLABLE("next_hop", FIELD_STRING),
	NULLABLE("from", FIELD_STRING),
	REQUIRED("as_path", FIELD_STRING),
	REQUIRED("origin", FIELD_STRING),
	NULLABLE("local_pref", FIELD_INT),
	NULLABLE("med", FIELD_INT),
	REQUIRED("stale", FIELD_BOOL),
	NULLABLE("originator_id", FIELD_STRING),
	REQUIRED("cluster_list", FIELD_STRINGS),
	REQUIRED("communities", FIELD_STRINGS),
};

static int check_paths(json_t *route, const char *where,
		       char *errbuf, size_t errlen)
{
	return check_list(route, where, "paths", path_fields,
			  ARRAY_SIZE(path_fields), NULL, errbuf, errlen);
}

int ctl_bgp_routes_check(json_t *reply, char *errbuf, size_t errlen)
{
	int err;

	err = check_fields(reply, "", routes_fields,
			   ARRAY_SIZE(routes_fields), errbuf, errlen);
	return err ? err : check_list(reply, "", "routes", route_fields,
				      ARRAY_SIZE(route_fields), check_paths,
				      errbuf, errlen);
}

/* Widths of the prefix, next hop and from columns. */
struct route_widths {
	int prefix, next_hop, from;
};

static void max_width(int *width, const char *s)
{
	int len = strlen(s);

	if (len > *width)
		*width = len;
}

static void measure_routes(json_t *routes, struct route_widths *w)
{
	json_t *route, *path;
	size_t i, j;

	json_array_foreach(routes, i, route) {
		max_width(&w->prefix, str(route, "prefix"));
		json_array_foreach(json_object_get(route, "paths"), j, path) {
			max_width(&w->next_hop, str_or_dash(path, "next_hop"));
			max_width(&w->from, str_or_dash(path, "from"));
		}
	}
}

/* BGP's one-letter codes, as bird and gobgp show them. */
static char origin_code(const char *origin)
{
	if (!strcmp(origin, "igp"))
		return 'i';
	if (!strcmp(origin, "egp"))
		return 'e';
	return '?';
}

/* What only some paths have, each with its name. */
static void print_path_extras(FILE *f, json_t *path)
{
	if (str(path, "as_path")[0])
		fprintf(f, " as-path %s", str(path, "as_path"));
	if (json_is_integer(json_object_get(path, "local_pref")))
		fprintf(f, " local-pref %lld", num(path, "local_pref"));
	if (json_is_integer(json_object_get(path, "med")))
		fprintf(f, " med %lld", num(path, "med"));
	if (str(path, "originator_id"))
		fprintf(f, " originator %s", str(path, "originator_id"));
	if (json_array_size(json_object_get(path, "cluster_list"))) {
		fputs(" cluster-list ", f);
		print_strings(f, path, "cluster_list", ",");
	}
	if (json_array_size(json_object_get(path, "communities"))) {
		fputs(" communities ", f);
		print_strings(f, path, "communities", ",");
	}
	if (flag(path, "stale"))
		fputs(" stale", f);
}

/* '*' marks the best path, 'K' the best path in the kernel. */
static void print_path(FILE *f, json_t *route, json_t *path,
		       const struct route_widths *w)
{
	bool best = flag(path, "best");

	fprintf(f, "%c%c %-*s via %-*s from %-*s [%c]", best ? '*' : ' ',
		best && flag(route, "installed") ? 'K' : ' ',
		w->prefix, str(route, "prefix"),
		w->next_hop, str_or_dash(path, "next_hop"),
		w->from, str_or_dash(path, "from"),
		origin_code(str(path, "origin")));
	print_path_extras(f, path);
	fputc('\n', f);
}

void ctl_bgp_routes_text(FILE *f, json_t *reply)
{
	json_t *routes = json_object_get(reply, "routes"), *route, *path;
	struct route_widths w = { 0 };
	size_t i, j;

	measure_routes(routes, &w);
	json_array_foreach(routes, i, route)
		json_array_foreach(json_object_get(route, "paths"), j, path)
			print_path(f, route, path, &w);
}

/* status */

static const struct field status_fields[] = {
	REQUIRED("version", FIELD_STRING),
	REQUIRED("node", FIELD_STRING),
	NULLABLE("router_id", FIELD_STRING),
	REQUIRED("as", FIELD_INT),
	REQUIRED("device", FIELD_STRING),
	REQUIRED("ifindex", FIELD_INT),
	REQUIRED("underlay", FIELD_OBJECT),
	REQUIRED("mtu", FIELD_INT),
	REQUIRED("encap", FIELD_STRING),
	REQUIRED("cross_subnet", FIELD_BOOL),
	REQUIRED("vni", FIELD_INT),
	REQUIRED("vxlan_port", FIELD_INT),
	REQUIRED("pod_cidrs", FIELD_STRINGS),
	REQUIRED("cluster_cidrs", FIELD_STRINGS),
	REQUIRED("generation", FIELD_INT),
	REQUIRED("ready", FIELD_BOOL),
	REQUIRED("uptime_seconds", FIELD_INT),
	REQUIRED("peers", FIELD_OBJECT),
	REQUIRED("routes", FIELD_OBJECT),
};

static const struct field underlay_fields[] = {
	NULLABLE("interface", FIELD_STRING),
	NULLABLE("address", FIELD_STRING),
	REQUIRED("method", FIELD_STRING),
};

static const struct field peer_count_fields[] = {
	REQUIRED("configured", FIELD_INT),
	REQUIRED("established", FIELD_INT),
};

static const struct field route_count_fields[] = {
	REQUIRED("prefixes", FIELD_INT),
	REQUIRED("paths", FIELD_INT),
	REQUIRED("installed", FIELD_INT),
	REQUIRED("rib_bytes", FIELD_INT),
};

int ctl_status_check(json_t *reply, char *errbuf, size_t errlen)
{
	int err;

	err = check_fields(reply, "", status_fields, ARRAY_SIZE(status_fields),
			   errbuf, errlen);
	if (!err)
		err = check_fields(json_object_get(reply, "underlay"),
				   "underlay", underlay_fields,
				   ARRAY_SIZE(underlay_fields), errbuf, errlen);
	if (!err)
		err = check_fields(json_object_get(reply, "peers"), "peers",
				   peer_count_fields,
				   ARRAY_SIZE(peer_count_fields), errbuf,
				   errlen);
	if (!err)
		err = check_fields(json_object_get(reply, "routes"), "routes",
				   route_count_fields,
				   ARRAY_SIZE(route_count_fields), errbuf,
				   errlen);
	return err;
}

/* "key:", padded so that the values line up. */
static void label(FILE *f, const char *key)
{
	fprintf(f, "%s:%*s", key, (int)(15 - strlen(key)), "");
}

static void print_cidrs(FILE *f, json_t *reply, const char *key,
			const char *name)
{
	label(f, name);
	if (json_array_size(json_object_get(reply, key)))
		print_strings(f, reply, key, " ");
	else
		fputc('-', f);
	fputc('\n', f);
}

static void print_encap(FILE *f, json_t *reply)
{
	label(f, "encap");
	fputs(str(reply, "encap"), f);
	if (!strcmp(str(reply, "encap"), "vxlan"))
		fprintf(f, " vni %lld port %lld", num(reply, "vni"),
			num(reply, "vxlan_port"));
	fprintf(f, " cross-subnet %s\n",
		flag(reply, "cross_subnet") ? "on" : "off");
}

static void print_underlay(FILE *f, json_t *underlay)
{
	label(f, "underlay");
	fprintf(f, "%s %s (%s)\n", str_or_dash(underlay, "interface"),
		str_or_dash(underlay, "address"), str(underlay, "method"));
}

void ctl_status_text(FILE *f, json_t *reply)
{
	json_t *peers = json_object_get(reply, "peers");
	json_t *routes = json_object_get(reply, "routes");
	char uptime[32];

	format_duration(num(reply, "uptime_seconds"), uptime);
	label(f, "version");
	fprintf(f, "%s\n", str(reply, "version"));
	label(f, "node");
	fprintf(f, "%s\n", str(reply, "node"));
	label(f, "router id");
	fprintf(f, "%s\n", str_or_dash(reply, "router_id"));
	label(f, "as");
	fprintf(f, "%lld\n", num(reply, "as"));
	label(f, "ready");
	fprintf(f, "%s\n", flag(reply, "ready") ? "yes" : "no");
	label(f, "uptime");
	fprintf(f, "%s\n", uptime);
	label(f, "device");
	fprintf(f, "%s ifindex %lld mtu %lld\n", str(reply, "device"),
		num(reply, "ifindex"), num(reply, "mtu"));
	print_underlay(f, json_object_get(reply, "underlay"));
	print_encap(f, reply);
	print_cidrs(f, reply, "pod_cidrs", "pod cidrs");
	print_cidrs(f, reply, "cluster_cidrs", "cluster cidrs");
	label(f, "generation");
	fprintf(f, "%lld\n", num(reply, "generation"));
	label(f, "peers");
	fprintf(f, "%lld configured, %lld established\n",
		num(peers, "configured"), num(peers, "established"));
	label(f, "routes");
	fprintf(f,
		"%lld prefixes, %lld paths, %lld installed, RIB %lld bytes\n",
		num(routes, "prefixes"), num(routes, "paths"),
		num(routes, "installed"), num(routes, "rib_bytes"));
}
