// SPDX-License-Identifier: GPL-2.0
/*
 * The OPENs: ours from the configuration, the peer's checked (RFC 4271
 * 6.2, RFC 6793, RFC 6286) and the session both agree on.
 */
#include <errno.h>

#include "bgp_fsm.h"

void bgp_open_from_config(const struct bgp_peer_config *cfg,
			  struct bgp_open *open)
{
	open->version = BGP_VERSION;
	/* RFC 6793 4.2.1: AS_TRANS if the AS does not fit two octets */
	open->my_as = cfg->local_as <= UINT16_MAX ? cfg->local_as
						  : BGP_AS_TRANS;
	open->hold_time = cfg->hold_time;
	open->bgp_id = cfg->local_id;
	open->extended = false;
	open->caps = cfg->caps;
	open->caps.as4 = true;
	open->caps.asn = cfg->local_as;
}

int bgp_open_check(const struct bgp_open *open,
		   const struct bgp_peer_config *cfg, struct bgp_error *err)
{
	/* RFC 6793 4.1: the capability's AS, in lieu of My AS */
	uint32_t peer_as = open->caps.as4 ? open->caps.asn : open->my_as;
	bool ibgp = cfg->local_as == cfg->peer_as;

	err->code = BGP_ERR_OPEN;
	err->data = NULL;
	err->len = 0;
	if (peer_as != cfg->peer_as)
		err->subcode = BGP_ERR_OPEN_BAD_PEER_AS;
	else if (open->hold_time == 1 || open->hold_time == 2)
		err->subcode = BGP_ERR_OPEN_HOLD_TIME;
	/* RFC 6286 2.2: unique within the AS, and not zero */
	else if (!open->bgp_id || (ibgp && open->bgp_id == cfg->local_id))
		err->subcode = BGP_ERR_OPEN_BAD_ID;
	else
		return 0;
	return -EBADMSG;
}

/* RFC 4271 4.2: the smaller of the two, both 0 or at least 3 */
uint16_t bgp_hold_time_negotiate(uint16_t local, uint16_t remote)
{
	return local < remote ? local : remote;
}

/* RFC 4760 8: a speaker that names no family speaks IPv4 unicast. */
static uint8_t families_of(const struct bgp_caps *caps)
{
	uint8_t set = 0;
	int i, family;

	if (!caps->n_families)
		return 1 << BGP_FAMILY_IPV4_UNICAST;
	for (i = 0; i < caps->n_families; i++) {
		family = bgp_family_of(caps->families[i].afi,
				       caps->families[i].safi);
		if (family >= 0)
			set |= 1 << family;
	}
	return set;
}

void bgp_session_negotiate(struct bgp_session *session,
			   const struct bgp_peer_config *cfg,
			   const struct bgp_open *peer)
{
	const struct bgp_caps *ours = &cfg->caps, *theirs = &peer->caps;

	session->peer_as = theirs->as4 ? theirs->asn : peer->my_as;
	session->peer_id = peer->bgp_id;
	session->hold_time = bgp_hold_time_negotiate(cfg->hold_time,
						     peer->hold_time);
	/* RFC 4271 10: a third of the hold time */
	session->keepalive_ms = session->hold_time * 1000U / 3;
	session->as4 = theirs->as4;
	session->route_refresh = ours->route_refresh && theirs->route_refresh;
	session->enhanced_route_refresh = ours->enhanced_route_refresh &&
					  theirs->enhanced_route_refresh;
	session->graceful_restart = ours->graceful_restart &&
				    theirs->graceful_restart;
	session->peer_gr = theirs->gr;
	session->families = families_of(ours) & families_of(theirs);
}
