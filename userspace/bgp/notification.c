// SPDX-License-Identifier: GPL-2.0
/* NOTIFICATION, RFC 4271 4.5: code, subcode, data to the end. */
#include "codec.h"

void bgp_notification_parse(const uint8_t *body, size_t len,
			    struct bgp_error *notification)
{
	notification->code = body[0];
	notification->subcode = body[1];
	notification->data = body + 2;
	notification->len = len - 2;
}

/* Data that would not fit is cut: the code and subcode matter most. */
int bgp_msg_build_notification(const struct bgp_error *notify, uint8_t *buf,
			       size_t size)
{
	size_t room = BGP_MAX_MSG_LEN - BGP_NOTIFICATION_MIN_LEN;
	struct wbuf w;

	bgp_msg_begin(&w, buf, size, BGP_MSG_NOTIFICATION);
	put_u8(&w, notify->code);
	put_u8(&w, notify->subcode);
	put_bytes(&w, notify->data, notify->len < room ? notify->len : room);
	return bgp_msg_end(&w);
}
