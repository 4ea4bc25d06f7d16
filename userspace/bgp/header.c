// SPDX-License-Identifier: GPL-2.0
/* The fixed message header, RFC 4271 4.1, and its checks, 6.1. */
#include <errno.h>

#include "codec.h"

static int header_error(struct bgp_error *err, uint8_t subcode,
			const uint8_t *data, uint16_t len)
{
	err->code = BGP_ERR_HEADER;
	err->subcode = subcode;
	err->data = data;
	err->len = len;
	return -EBADMSG;
}

static bool length_fits_type(uint8_t type, uint16_t len)
{
	switch (type) {
	case BGP_MSG_OPEN:
		return len >= BGP_OPEN_MIN_LEN;
	case BGP_MSG_UPDATE:
		return len >= BGP_UPDATE_MIN_LEN;
	case BGP_MSG_NOTIFICATION:
		return len >= BGP_NOTIFICATION_MIN_LEN;
	case BGP_MSG_KEEPALIVE:
		return len == BGP_KEEPALIVE_LEN;
	default:
		/* longer ones may carry ORF entries (RFC 5291) */
		return len >= BGP_ROUTE_REFRESH_LEN;
	}
}

int bgp_msg_frame(const uint8_t *buf, size_t avail, struct bgp_error *err)
{
	const uint8_t *len_field, *type;
	uint16_t len;
	int i;

	if (avail < BGP_HEADER_LEN)
		return 0;
	len_field = buf + BGP_MARKER_LEN;
	type = buf + BGP_HEADER_LEN - 1;
	for (i = 0; i < BGP_MARKER_LEN; i++)
		if (buf[i] != 0xff)
			return header_error(err, BGP_ERR_HDR_NOT_SYNC, NULL, 0);
	len = get_be16(len_field);
	if (len < BGP_HEADER_LEN || len > BGP_MAX_MSG_LEN)
		return header_error(err, BGP_ERR_HDR_BAD_LENGTH, len_field, 2);
	if (*type < BGP_MSG_OPEN || *type > BGP_MSG_ROUTE_REFRESH)
		return header_error(err, BGP_ERR_HDR_BAD_TYPE, type, 1);
	if (!length_fits_type(*type, len))
		return header_error(err, BGP_ERR_HDR_BAD_LENGTH, len_field, 2);
	return len;
}

void bgp_msg_begin(struct wbuf *w, uint8_t *buf, size_t size, uint8_t type)
{
	static const uint8_t marker[BGP_MARKER_LEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};

	wbuf_init(w, buf, size < BGP_MAX_MSG_LEN ? size : BGP_MAX_MSG_LEN);
	put_bytes(w, marker, sizeof(marker));
	put_be16(w, 0);
	put_u8(w, type);
}

int bgp_msg_end(struct wbuf *w)
{
	if (w->overflow)
		return -EMSGSIZE;
	set_be16(w->buf + BGP_MARKER_LEN, w->len);
	return w->len;
}

int bgp_msg_build_keepalive(uint8_t *buf, size_t size)
{
	struct wbuf w;

	bgp_msg_begin(&w, buf, size, BGP_MSG_KEEPALIVE);
	return bgp_msg_end(&w);
}
