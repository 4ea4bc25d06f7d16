// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: podnetd's control requests. What parses must make sense and
 * parse back the same from the request it stands for; what does not must
 * say why, in text an error reply can carry.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "control.h"

static const char *const command_names[] = {
	[CONTROL_PEERS] = "peers",
	[CONTROL_ROUTES] = "routes",
	[CONTROL_STATUS] = "status",
};

static void check_parsed(const struct control_request *req)
{
	struct control_request again;
	char err[256];
	json_t *doc;
	char *text;

	if (req->command > CONTROL_STATUS ||
	    (req->family && req->family != AF_INET &&
	     req->family != AF_INET6) ||
	    (req->has_prefix && !req->family) ||
	    strnlen(req->prefix, sizeof(req->prefix)) == sizeof(req->prefix))
		__builtin_trap();
	doc = json_pack("{s:s, s:s*, s:s*}",
			"command", command_names[req->command],
			"family", req->family == AF_INET ? "ipv4" :
				  req->family == AF_INET6 ? "ipv6" : NULL,
			"prefix", req->has_prefix ? req->prefix : NULL);
	text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text)
		return;
	if (control_request_parse(text, strlen(text), &again, err,
				  sizeof(err)) ||
	    again.command != req->command || again.family != req->family ||
	    again.has_prefix != req->has_prefix ||
	    strcmp(again.prefix, req->prefix))
		__builtin_trap();
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct control_request req;
	char err[256] = "";
	json_t *reply;

	if (!control_request_parse((const char *)data, size, &req, err,
				   sizeof(err))) {
		check_parsed(&req);
		return 0;
	}
	reply = control_error_reply(err);
	if (!err[0] || !reply)
		__builtin_trap();
	json_decref(reply);
	return 0;
}
