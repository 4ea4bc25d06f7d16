// SPDX-License-Identifier: GPL-2.0
/* Names of the FSM's states and events, as RFC 4271 8 spells them. */
#include "bgp_fsm.h"

const char *bgp_state_name(enum bgp_state state)
{
	static const char *const names[] = {
		[BGP_IDLE] = "Idle",
		[BGP_CONNECT] = "Connect",
		[BGP_ACTIVE] = "Active",
		[BGP_OPENSENT] = "OpenSent",
		[BGP_OPENCONFIRM] = "OpenConfirm",
		[BGP_ESTABLISHED] = "Established",
	};

	if ((unsigned int)state >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[state];
}

const char *bgp_event_name(enum bgp_event event)
{
	static const char *const names[] = {
		[BGP_EV_MANUAL_START] = "ManualStart",
		[BGP_EV_MANUAL_STOP] = "ManualStop",
		[BGP_EV_AUTOMATIC_START] = "AutomaticStart",
		[BGP_EV_MANUAL_START_PASSIVE] =
			"ManualStart_with_PassiveTcpEstablishment",
		[BGP_EV_AUTOMATIC_START_PASSIVE] =
			"AutomaticStart_with_PassiveTcpEstablishment",
		[BGP_EV_AUTOMATIC_STOP] = "AutomaticStop",
		[BGP_EV_CONNECT_RETRY_TIMER] = "ConnectRetryTimer_Expires",
		[BGP_EV_HOLD_TIMER] = "HoldTimer_Expires",
		[BGP_EV_KEEPALIVE_TIMER] = "KeepaliveTimer_Expires",
		[BGP_EV_IDLE_HOLD_TIMER] = "IdleHoldTimer_Expires",
		[BGP_EV_TCP_CR_ACKED] = "Tcp_CR_Acked",
		[BGP_EV_TCP_CONFIRMED] = "TcpConnectionConfirmed",
		[BGP_EV_TCP_FAILS] = "TcpConnectionFails",
		[BGP_EV_OPEN] = "BGPOpen",
		[BGP_EV_HEADER_ERR] = "BGPHeaderErr",
		[BGP_EV_OPEN_ERR] = "BGPOpenMsgErr",
		[BGP_EV_OPEN_COLLISION_DUMP] = "OpenCollisionDump",
		[BGP_EV_NOTIF_VERSION_ERR] = "NotifMsgVerErr",
		[BGP_EV_NOTIF] = "NotifMsg",
		[BGP_EV_KEEPALIVE] = "KeepAliveMsg",
		[BGP_EV_UPDATE] = "UpdateMsg",
		[BGP_EV_UPDATE_ERR] = "UpdateMsgErr",
		[BGP_EV_ROUTE_REFRESH] = "RouteRefreshMsg",
	};

	if ((unsigned int)event >= sizeof(names) / sizeof(names[0]) ||
	    !names[event])
		return "?";
	return names[event];
}
