// SPDX-License-Identifier: GPL-2.0
/* Two connections to one peer: which one stays, RFC 4271 6.8. */
#include "bgp_fsm.h"

/*
 * The connection opened by the side with the higher BGP Identifier stays;
 * with equal ones (possible on eBGP, RFC 6286 2.3) the higher AS's.
 */
bool bgp_collision_keep_local(uint32_t local_id, uint32_t remote_id,
			      uint32_t local_as, uint32_t remote_as)
{
	if (local_id != remote_id)
		return local_id > remote_id;
	return local_as > remote_as;
}

/*
 * fsm has just received its OPEN. Only a connection in OpenConfirm knows
 * the peer's Identifier to compare with; one Established stays.
 */
enum bgp_collision bgp_collision_check(const struct bgp_fsm *fsm,
				       const struct bgp_fsm *other)
{
	bool keep_local;

	if (fsm->state != BGP_OPENCONFIRM)
		return BGP_COLLISION_NONE;
	if (other->state == BGP_ESTABLISHED)
		return BGP_COLLISION_DUMP_THIS;
	if (other->state != BGP_OPENCONFIRM)
		return BGP_COLLISION_NONE;
	keep_local = bgp_collision_keep_local(fsm->cfg->local_id,
					      fsm->session.peer_id,
					      fsm->cfg->local_as,
					      fsm->session.peer_as);
	return fsm->outgoing == keep_local ? BGP_COLLISION_DUMP_OTHER
					   : BGP_COLLISION_DUMP_THIS;
}
