// SPDX-License-Identifier: GPL-2.0
/* Names of the codec's enums, for logs and podnetctl. */
#include "bgp_msg.h"

const char *bgp_update_action_name(enum bgp_update_action action)
{
	static const char *const names[] = {
		[BGP_UPDATE_OK] = "ok",
		[BGP_UPDATE_ATTR_DISCARD] = "attribute-discard",
		[BGP_UPDATE_TREAT_AS_WITHDRAW] = "treat-as-withdraw",
		[BGP_UPDATE_AFI_SAFI_DISABLE] = "afi-safi-disable",
		[BGP_UPDATE_SESSION_RESET] = "session-reset",
	};

	if ((unsigned int)action >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[action];
}
