// SPDX-License-Identifier: GPL-2.0
/* podnetd's control requests: one JSON object in, a struct out. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "control.h"

/* How much of a client's string an error message quotes. */
#define QUOTE_MAX 32

static const char *const command_names[] = {
	[CONTROL_PEERS] = "peers",
	[CONTROL_ROUTES] = "routes",
	[CONTROL_STATUS] = "status",
};

/* Not isprint(): the locale must not let other octets through. */
static char printable(char c)
{
	return c >= 0x20 && c < 0x7f ? c : '?';
}

/*
 * Error texts go back to the client inside JSON, which must be UTF-8: only
 * printable ASCII of what the client sent is quoted.
 */
static const char *quote(const char *s, char buf[QUOTE_MAX + 4])
{
	size_t i;

	for (i = 0; s[i] && i < QUOTE_MAX; i++)
		buf[i] = printable(s[i]);
	strcpy(buf + i, s[i] ? "..." : "");
	return buf;
}

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int parse_command(json_t *root, struct control_request *req,
			 char *errbuf, size_t errlen)
{
	json_t *value = json_object_get(root, "command");
	char q[QUOTE_MAX + 4];
	size_t i;

	if (!value)
		return fail(errbuf, errlen, "missing \"command\"");
	if (!json_is_string(value))
		return fail(errbuf, errlen, "\"command\" is not a string");
	for (i = 0; i < sizeof(command_names) / sizeof(command_names[0]); i++) {
		if (!strcmp(json_string_value(value), command_names[i])) {
			req->command = i;
			return 0;
		}
	}
	return fail(errbuf, errlen,
		    "unknown command '%s': peers, routes or status",
		    quote(json_string_value(value), q));
}

static int parse_family(json_t *value, struct control_request *req,
			char *errbuf, size_t errlen)
{
	const char *s = json_string_value(value);
	char q[QUOTE_MAX + 4];

	if (!s)
		return fail(errbuf, errlen, "\"family\" is not a string");
	if (!strcmp(s, "ipv4"))
		req->family = AF_INET;
	else if (!strcmp(s, "ipv6"))
		req->family = AF_INET6;
	else
		return fail(errbuf, errlen, "bad family '%s': ipv4 or ipv6",
			    quote(s, q));
	return 0;
}

/* Whether addr has no bits set past the first plen. */
static bool host_bits_clear(const uint8_t *addr, size_t size,
			    unsigned int plen)
{
	size_t i;

	for (i = plen / 8; i < size; i++) {
		uint8_t mask = i == plen / 8 ? 0xff >> (plen % 8) : 0xff;

		if (addr[i] & mask)
			return false;
	}
	return true;
}

/* "ADDRESS/LENGTH", kept in req->prefix as inet_ntop() writes it. */
static int parse_prefix(json_t *value, struct control_request *req,
			char *errbuf, size_t errlen)
{
	const char *s = json_string_value(value);
	char addr_text[INET6_ADDRSTRLEN], q[QUOTE_MAX + 4];
	const char *slash, *p;
	uint8_t addr[16];
	unsigned int plen = 0, max;
	int family;

	if (!s)
		return fail(errbuf, errlen, "\"prefix\" is not a string");
	slash = strchr(s, '/');
	if (!slash || (size_t)(slash - s) >= sizeof(addr_text) || !slash[1] ||
	    strlen(slash + 1) > 3)
		goto bad;
	memcpy(addr_text, s, slash - s);
	addr_text[slash - s] = '\0';
	family = strchr(addr_text, ':') ? AF_INET6 : AF_INET;
	max = family == AF_INET ? 32 : 128;
	if (inet_pton(family, addr_text, addr) != 1)
		goto bad;
	for (p = slash + 1; *p; p++) {
		if (!isdigit((unsigned char)*p))
			goto bad;
		plen = plen * 10 + (*p - '0');
	}
	if (plen > max || (slash[1] == '0' && slash[2]))
		goto bad;
	if (!host_bits_clear(addr, max / 8, plen))
		return fail(errbuf, errlen,
			    "bad prefix '%s': bits set past the length",
			    quote(s, q));
	req->has_prefix = true;
	inet_ntop(family, addr, addr_text, sizeof(addr_text));
	snprintf(req->prefix, sizeof(req->prefix), "%s/%u", addr_text, plen);
	return 0;
bad:
	return fail(errbuf, errlen, "bad prefix '%s': ADDRESS/LENGTH",
		    quote(s, q));
}

static int parse_routes_field(const char *key, json_t *value,
			      struct control_request *req,
			      char *errbuf, size_t errlen)
{
	if (!strcmp(key, "family"))
		return parse_family(value, req, errbuf, errlen);
	if (!strcmp(key, "prefix"))
		return parse_prefix(value, req, errbuf, errlen);
	return -ENOENT;
}

/* A prefix implies its family; a different one asked for is an error. */
static int check_prefix_family(struct control_request *req,
			       char *errbuf, size_t errlen)
{
	int family = strchr(req->prefix, ':') ? AF_INET6 : AF_INET;

	if (!req->has_prefix)
		return 0;
	if (req->family && req->family != family)
		return fail(errbuf, errlen, "prefix %s is not %s", req->prefix,
			    req->family == AF_INET ? "ipv4" : "ipv6");
	req->family = family;
	return 0;
}

static int parse_fields(json_t *root, struct control_request *req,
			char *errbuf, size_t errlen)
{
	char q[QUOTE_MAX + 4];
	const char *key;
	json_t *value;
	int err;

	json_object_foreach(root, key, value) {
		if (!strcmp(key, "command"))
			continue;
		err = -ENOENT;
		if (req->command == CONTROL_ROUTES)
			err = parse_routes_field(key, value, req, errbuf,
						 errlen);
		if (err == -ENOENT)
			return fail(errbuf, errlen,
				    "unknown field '%s' for %s", quote(key, q),
				    command_names[req->command]);
		if (err)
			return err;
	}
	return check_prefix_family(req, errbuf, errlen);
}

int control_request_parse(const char *text, size_t len,
			  struct control_request *req,
			  char *errbuf, size_t errlen)
{
	json_error_t jerr;
	json_t *root;
	int err;

	*req = (struct control_request){ 0 };
	if (!len)
		return fail(errbuf, errlen, "empty request");
	if (len > CONTROL_REQUEST_MAX)
		return fail(errbuf, errlen, "request longer than %d octets",
			    CONTROL_REQUEST_MAX);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return fail(errbuf, errlen, "bad JSON: %s", jerr.text);
	if (!json_is_object(root))
		err = fail(errbuf, errlen, "the request is not a JSON object");
	else
		err = parse_command(root, req, errbuf, errlen);
	if (!err)
		err = parse_fields(root, req, errbuf, errlen);
	json_decref(root);
	return err;
}

json_t *control_error_reply(const char *message)
{
	char text[256];
	size_t i;

	for (i = 0; message[i] && i < sizeof(text) - 1; i++)
		text[i] = printable(message[i]);
	text[i] = '\0';
	return json_pack("{s:s}", "error", text);
}
