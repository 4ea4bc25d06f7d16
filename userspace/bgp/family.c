// SPDX-License-Identifier: GPL-2.0
/* The (AFI, SAFI) pairs whose NLRI the codec parses. */
#include <errno.h>

#include "bgp_msg.h"

static const struct bgp_afi_safi families[BGP_FAMILY_COUNT] = {
	[BGP_FAMILY_IPV4_UNICAST] = { BGP_AFI_IPV4, BGP_SAFI_UNICAST },
	[BGP_FAMILY_IPV6_UNICAST] = { BGP_AFI_IPV6, BGP_SAFI_UNICAST },
};

int bgp_family_of(uint16_t afi, uint8_t safi)
{
	int i;

	for (i = 0; i < BGP_FAMILY_COUNT; i++)
		if (families[i].afi == afi && families[i].safi == safi)
			return i;
	return -EAFNOSUPPORT;
}
