// SPDX-License-Identifier: GPL-2.0
/* One received message: its header checked, its body to its parser. */
#include <errno.h>

#include "codec.h"

int bgp_msg_parse(const uint8_t *buf, size_t len,
		  const struct bgp_codec_ctx *ctx, struct bgp_msg *msg,
		  struct bgp_error *err)
{
	static const struct bgp_codec_ctx first_contact;
	int framed = bgp_msg_frame(buf, len, err);
	const uint8_t *body;

	if (framed < 0)
		return framed;
	/* the caller framed it with bgp_msg_frame(): a mismatch is a bug */
	if (framed == 0 || (size_t)framed != len) {
		err->code = BGP_ERR_HEADER;
		err->subcode = BGP_ERR_HDR_BAD_LENGTH;
		err->data = framed ? buf + BGP_MARKER_LEN : NULL;
		err->len = framed ? 2 : 0;
		return -EBADMSG;
	}
	if (!ctx)
		ctx = &first_contact;
	body = buf + BGP_HEADER_LEN;
	msg->type = buf[BGP_HEADER_LEN - 1];
	msg->len = len;
	len -= BGP_HEADER_LEN;
	switch (msg->type) {
	case BGP_MSG_OPEN:
		return bgp_open_parse(body, len, &msg->open, err);
	case BGP_MSG_UPDATE:
		return bgp_update_parse(body, len, ctx, &msg->update, err);
	case BGP_MSG_NOTIFICATION:
		bgp_notification_parse(body, len, &msg->notification);
		return 0;
	case BGP_MSG_ROUTE_REFRESH:
		return bgp_route_refresh_parse(buf, msg->len,
					       &msg->route_refresh, err);
	default:
		return 0;	/* KEEPALIVE: the header is all of it */
	}
}
