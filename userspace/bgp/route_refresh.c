// SPDX-License-Identifier: GPL-2.0
/* ROUTE-REFRESH, RFC 2918, with the RFC 7313 subtypes. */
#include <errno.h>

#include "codec.h"

int bgp_route_refresh_parse(const uint8_t *msg, size_t len,
			    struct bgp_route_refresh *rr,
			    struct bgp_error *err)
{
	const uint8_t *body = msg + BGP_HEADER_LEN;

	rr->afi = get_be16(body);
	rr->subtype = body[2];
	rr->safi = body[3];
	/*
	 * RFC 7313 5: a BoRR or EoRR of another length is an error naming the
	 * whole message; a request may be longer (ORF entries, which nobody
	 * asked of us), any other subtype is ignored.
	 */
	if ((rr->subtype == BGP_RR_BORR || rr->subtype == BGP_RR_EORR) &&
	    len != BGP_ROUTE_REFRESH_LEN) {
		err->code = BGP_ERR_ROUTE_REFRESH;
		err->subcode = BGP_ERR_RR_BAD_LENGTH;
		err->data = msg;
		err->len = len;
		return -EBADMSG;
	}
	return 0;
}

int bgp_msg_build_route_refresh(const struct bgp_route_refresh *rr,
				uint8_t *buf, size_t size)
{
	struct wbuf w;

	bgp_msg_begin(&w, buf, size, BGP_MSG_ROUTE_REFRESH);
	put_be16(&w, rr->afi);
	put_u8(&w, rr->subtype);
	put_u8(&w, rr->safi);
	return bgp_msg_end(&w);
}
