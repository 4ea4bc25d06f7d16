// SPDX-License-Identifier: GPL-2.0
/*
 * OPEN, RFC 4271 4.2, its optional parameters in either the classic or the
 * RFC 9072 extended encoding.
 */
#include <errno.h>
#include <string.h>

#include "codec.h"

#define OPEN_FIXED_LEN		10	/* version to Opt Parm Len */
#define OPEN_EXT_FIXED_LEN	13	/* ... to Extended Opt. Parm. Length */

static int open_error(struct bgp_error *err, uint8_t subcode,
		      const uint8_t *data, uint16_t len)
{
	err->code = BGP_ERR_OPEN;
	err->subcode = subcode;
	err->data = data;
	err->len = len;
	return -EBADMSG;
}

static int params_parse(const uint8_t *p, size_t len, bool extended,
			struct bgp_open *open, struct bgp_error *err)
{
	size_t hdr = extended ? 3 : 2;
	size_t off = 0;

	while (off < len) {
		uint8_t type;
		size_t plen;

		if (len - off < hdr)
			return open_error(err, BGP_ERR_OPEN_UNSPECIFIC,
					  NULL, 0);
		type = p[off];
		plen = extended ? get_be16(p + off + 1) : p[off + 1];
		off += hdr;
		if (len - off < plen)
			return open_error(err, BGP_ERR_OPEN_UNSPECIFIC,
					  NULL, 0);
		/* RFC 9072 3: a 255 past the first is just unsupported */
		if (type != BGP_OPT_CAPABILITIES)
			return open_error(err, BGP_ERR_OPEN_UNSUP_PARAM,
					  NULL, 0);
		if (bgp_caps_parse(p + off, plen, &open->caps))
			return open_error(err, BGP_ERR_OPEN_UNSPECIFIC,
					  NULL, 0);
		off += plen;
	}
	return 0;
}

int bgp_open_parse(const uint8_t *body, size_t len, struct bgp_open *open,
		   struct bgp_error *err)
{
	static const uint8_t version[2] = { 0, BGP_VERSION };
	size_t start = OPEN_FIXED_LEN, params_len = body[9];

	open->version = body[0];
	if (open->version != BGP_VERSION)
		return open_error(err, BGP_ERR_OPEN_VERSION, version, 2);
	open->my_as = get_be16(body + 1);
	open->hold_time = get_be16(body + 3);
	open->bgp_id = get_be32(body + 5);
	memset(&open->caps, 0, sizeof(open->caps));
	/* RFC 9072 2: the octet after a non-zero length says which form */
	open->extended = params_len && len > OPEN_FIXED_LEN &&
			 body[OPEN_FIXED_LEN] == BGP_OPT_EXTENDED;
	if (open->extended) {
		if (len < OPEN_EXT_FIXED_LEN)
			return open_error(err, BGP_ERR_OPEN_UNSPECIFIC,
					  NULL, 0);
		start = OPEN_EXT_FIXED_LEN;
		params_len = get_be16(body + OPEN_FIXED_LEN + 1);
	}
	if (start + params_len != len)
		return open_error(err, BGP_ERR_OPEN_UNSPECIFIC, NULL, 0);
	return params_parse(body + start, params_len, open->extended, open,
			    err);
}

/* All capabilities go in one optional parameter. */
int bgp_msg_build_open(const struct bgp_open *open, uint8_t *buf, size_t size)
{
	uint8_t caps[BGP_MAX_MSG_LEN];
	struct wbuf w, c;
	bool extended;

	wbuf_init(&c, caps, sizeof(caps));
	bgp_caps_put(&c, &open->caps);
	if (c.overflow)
		return -EMSGSIZE;
	/* RFC 9072 2: the extended form only when needed, or asked for */
	extended = open->extended || c.len + 2 > UINT8_MAX;
	bgp_msg_begin(&w, buf, size, BGP_MSG_OPEN);
	put_u8(&w, BGP_VERSION);
	put_be16(&w, open->my_as);
	put_be16(&w, open->hold_time);
	put_be32(&w, open->bgp_id);
	if (extended) {
		put_u8(&w, BGP_OPT_EXTENDED);
		put_u8(&w, BGP_OPT_EXTENDED);
		put_be16(&w, c.len ? c.len + 3 : 0);
	} else {
		put_u8(&w, c.len ? c.len + 2 : 0);
	}
	if (c.len) {
		put_u8(&w, BGP_OPT_CAPABILITIES);
		if (extended)
			put_be16(&w, c.len);
		else
			put_u8(&w, c.len);
		put_bytes(&w, caps, c.len);
	}
	return bgp_msg_end(&w);
}
