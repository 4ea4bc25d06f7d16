/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BGP-4 numbers: message types, NOTIFICATION codes, path attribute and
 * capability codes, as the RFCs named beside them assign them.
 */
#ifndef PODNET_BGP_PROTO_H
#define PODNET_BGP_PROTO_H

/* RFC 4271 4.1: the fixed header and the largest message */
#define BGP_MARKER_LEN		16
#define BGP_HEADER_LEN		19
#define BGP_MAX_MSG_LEN		4096

#define BGP_MSG_OPEN		1
#define BGP_MSG_UPDATE		2
#define BGP_MSG_NOTIFICATION	3
#define BGP_MSG_KEEPALIVE	4
#define BGP_MSG_ROUTE_REFRESH	5	/* RFC 2918 */

/* Smallest length of each message type, header included */
#define BGP_OPEN_MIN_LEN	29
#define BGP_UPDATE_MIN_LEN	23
#define BGP_NOTIFICATION_MIN_LEN 21
#define BGP_KEEPALIVE_LEN	19
#define BGP_ROUTE_REFRESH_LEN	23

#define BGP_VERSION		4
#define BGP_AS_TRANS		23456	/* RFC 6793 */

/* RFC 4271 4.5 NOTIFICATION error codes, subcodes after each */
#define BGP_ERR_HEADER		1
#define BGP_ERR_HDR_NOT_SYNC		1
#define BGP_ERR_HDR_BAD_LENGTH		2
#define BGP_ERR_HDR_BAD_TYPE		3

#define BGP_ERR_OPEN		2
#define BGP_ERR_OPEN_UNSPECIFIC		0
#define BGP_ERR_OPEN_VERSION		1
#define BGP_ERR_OPEN_BAD_PEER_AS	2
#define BGP_ERR_OPEN_BAD_ID		3
#define BGP_ERR_OPEN_UNSUP_PARAM	4
#define BGP_ERR_OPEN_HOLD_TIME		6
#define BGP_ERR_OPEN_UNSUP_CAP		7	/* RFC 5492 */

#define BGP_ERR_UPDATE		3
#define BGP_ERR_UPD_ATTR_LIST		1
#define BGP_ERR_UPD_UNKNOWN_WELLKNOWN	2
#define BGP_ERR_UPD_MISSING_WELLKNOWN	3
#define BGP_ERR_UPD_ATTR_FLAGS		4
#define BGP_ERR_UPD_ATTR_LENGTH		5
#define BGP_ERR_UPD_ORIGIN		6
#define BGP_ERR_UPD_NEXT_HOP		8
#define BGP_ERR_UPD_OPTIONAL_ATTR	9
#define BGP_ERR_UPD_NETWORK_FIELD	10
#define BGP_ERR_UPD_AS_PATH		11

#define BGP_ERR_HOLD_TIMER	4

#define BGP_ERR_FSM		5
#define BGP_ERR_FSM_UNSPECIFIC		0	/* RFC 6608 */
#define BGP_ERR_FSM_IN_OPENSENT		1
#define BGP_ERR_FSM_IN_OPENCONFIRM	2
#define BGP_ERR_FSM_IN_ESTABLISHED	3

#define BGP_ERR_CEASE		6
#define BGP_ERR_CEASE_UNSPECIFIC	0	/* RFC 4486 */
#define BGP_ERR_CEASE_MAX_PREFIXES	1
#define BGP_ERR_CEASE_ADMIN_SHUTDOWN	2
#define BGP_ERR_CEASE_PEER_DECONFIGURED	3
#define BGP_ERR_CEASE_ADMIN_RESET	4
#define BGP_ERR_CEASE_REJECTED		5
#define BGP_ERR_CEASE_CONFIG_CHANGE	6
#define BGP_ERR_CEASE_COLLISION		7
#define BGP_ERR_CEASE_NO_RESOURCES	8

#define BGP_ERR_ROUTE_REFRESH	7	/* RFC 7313 */
#define BGP_ERR_RR_BAD_LENGTH		1

/* OPEN optional parameter types */
#define BGP_OPT_CAPABILITIES	2	/* RFC 5492 */
#define BGP_OPT_EXTENDED	255	/* RFC 9072 marker */

/* Capability codes */
#define BGP_CAP_MULTIPROTOCOL	1	/* RFC 4760 */
#define BGP_CAP_ROUTE_REFRESH	2	/* RFC 2918 */
#define BGP_CAP_GRACEFUL_RESTART 64	/* RFC 4724 */
#define BGP_CAP_AS4		65	/* RFC 6793 */
#define BGP_CAP_ENHANCED_RR	70	/* RFC 7313 */

/* RFC 4724 3: Restart Flags (top 4 bits of 16) and per-family flags */
#define BGP_GR_RESTART_STATE	0x8
#define BGP_GR_TIME_MAX		0xfff
#define BGP_GR_AF_FORWARDING	0x80

/* Path attribute flags and type codes */
#define BGP_ATTR_FLAG_OPTIONAL	0x80
#define BGP_ATTR_FLAG_TRANSITIVE 0x40
#define BGP_ATTR_FLAG_PARTIAL	0x20
#define BGP_ATTR_FLAG_EXTENDED	0x10

#define BGP_ATTR_ORIGIN		1
#define BGP_ATTR_AS_PATH	2
#define BGP_ATTR_NEXT_HOP	3
#define BGP_ATTR_MED		4
#define BGP_ATTR_LOCAL_PREF	5
#define BGP_ATTR_ATOMIC_AGGREGATE 6
#define BGP_ATTR_AGGREGATOR	7
#define BGP_ATTR_COMMUNITIES	8	/* RFC 1997 */
#define BGP_ATTR_ORIGINATOR_ID	9	/* RFC 4456 */
#define BGP_ATTR_CLUSTER_LIST	10	/* RFC 4456 */
#define BGP_ATTR_MP_REACH_NLRI	14	/* RFC 4760 */
#define BGP_ATTR_MP_UNREACH_NLRI 15	/* RFC 4760 */
#define BGP_ATTR_AS4_PATH	17	/* RFC 6793 */
#define BGP_ATTR_AS4_AGGREGATOR	18	/* RFC 6793 */

#define BGP_ORIGIN_IGP		0
#define BGP_ORIGIN_EGP		1
#define BGP_ORIGIN_INCOMPLETE	2

#define BGP_AS_SET		1
#define BGP_AS_SEQUENCE		2
#define BGP_AS_CONFED_SEQUENCE	3	/* RFC 5065 */
#define BGP_AS_CONFED_SET	4

/* ROUTE-REFRESH subtypes, RFC 7313 */
#define BGP_RR_REQUEST		0
#define BGP_RR_BORR		1
#define BGP_RR_EORR		2

#define BGP_AFI_IPV4		1
#define BGP_AFI_IPV6		2
#define BGP_SAFI_UNICAST	1

#endif
