// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed UPDATEs and the RFC 7606 approach each one gets: session
 * reset (with its NOTIFICATION), AFI/SAFI disable, treat-as-withdraw or
 * attribute discard.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "bgp_msg.h"

static const struct bgp_codec_ctx ibgp;
static const struct bgp_codec_ctx ibgp4 = { .as4 = true };
static const struct bgp_codec_ctx ebgp = { .ebgp = true, .first_as = 65001 };

#define BYTES(...)	(const uint8_t[]){ __VA_ARGS__ }, \
			sizeof((const uint8_t[]){ __VA_ARGS__ })
#define NONE		NULL, 0

#define ORIGIN		0x40, BGP_ATTR_ORIGIN, 1, 0
#define AS_PATH		0x40, BGP_ATTR_AS_PATH, 4, BGP_AS_SEQUENCE, 1, \
			0xfd, 0xe9
#define AS_PATH4	0x40, BGP_ATTR_AS_PATH, 6, BGP_AS_SEQUENCE, 1, \
			0, 0, 0xfd, 0xe9
#define NEXT_HOP	0x40, BGP_ATTR_NEXT_HOP, 4, 192, 0, 2, 1
#define MANDATORY	ORIGIN, AS_PATH, NEXT_HOP
#define NLRI		BYTES(24, 10, 244, 1)
#define WITHDRAWN	BYTES(24, 10, 244, 2)
/* MP_REACH_NLRI for fd00::/8 through 2001:db8::1 */
#define MP_REACH	0x80, BGP_ATTR_MP_REACH_NLRI, 23, 0, 2, 1, 16, \
			0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, \
			0, 0, 0, 0, 0, 0, 0, 1, 0, 8, 0xfd
#define MP_UNREACH	0x80, BGP_ATTR_MP_UNREACH_NLRI, 5, 0, 2, 1, 8, 0xfd

#define OK		BGP_UPDATE_OK, 0, 0
#define DISCARD		BGP_UPDATE_ATTR_DISCARD
#define WITHDRAW	BGP_UPDATE_TREAT_AS_WITHDRAW
#define DISABLE		BGP_UPDATE_AFI_SAFI_DISABLE
#define RESET		BGP_UPDATE_SESSION_RESET
#define UNCHECKED	BGP_UPDATE_OK, 0, 0	/* the test looks itself */

struct malformed {
	const char *what;
	const struct bgp_codec_ctx *ctx;
	const uint8_t *withdrawn;
	size_t withdrawn_len;
	const uint8_t *attrs;
	size_t attrs_len;
	const uint8_t *nlri;
	size_t nlri_len;
	enum bgp_update_action action;
	uint8_t attr;		/* the attribute it is about */
	uint8_t subcode;	/* of UPDATE Message Error, if it resets */
};

static const struct malformed cases[] = {
	{ "well formed", &ibgp, NONE, BYTES(MANDATORY), NLRI, OK },
	{ "empty AS_PATH inside the AS", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, BGP_ATTR_AS_PATH, 0, NEXT_HOP), NLRI, OK },

	/* 7.1 ORIGIN */
	{ "ORIGIN of 2 octets", &ibgp, NONE,
	  BYTES(0x40, 1, 2, 0, 0, AS_PATH, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_ORIGIN, BGP_ERR_UPD_ATTR_LENGTH },
	{ "ORIGIN undefined", &ibgp, NONE,
	  BYTES(0x40, 1, 1, 3, AS_PATH, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_ORIGIN, BGP_ERR_UPD_ORIGIN },
	{ "ORIGIN marked optional", &ibgp, NONE,
	  BYTES(0xc0, 1, 1, 0, AS_PATH, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_ORIGIN, BGP_ERR_UPD_ATTR_FLAGS },

	/* 7.2 AS_PATH */
	{ "AS_PATH segment of unknown type", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 5, 1, 0xfd, 0xe9, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH segment of no AS", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 2, 2, 0, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH segment overrun", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 2, 2, 0xfd, 0xe9, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH underrun", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 5, 2, 1, 0xfd, 0xe9, 2, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH of 4-octet ASes cut short", &ibgp4, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 2, 1, 0xfd, 0xe9, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH with a confederation (RFC 5065 5)", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 3, 1, 0xfd, 0xe8, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH with AS 0 (RFC 7607)", &ibgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 2, 1, 0, 0, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH marked optional", &ibgp, NONE,
	  BYTES(ORIGIN, 0xc0, 2, 4, 2, 1, 0xfd, 0xe9, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_ATTR_FLAGS },
	{ "AS_PATH not from the eBGP peer", &ebgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 2, 1, 0xfd, 0xea, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "empty AS_PATH from an eBGP peer", &ebgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 0, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH from eBGP starting with a set", &ebgp, NONE,
	  BYTES(ORIGIN, 0x40, 2, 4, 1, 1, 0xfd, 0xe9, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_AS_PATH },
	{ "AS_PATH from the eBGP peer", &ebgp, NONE, BYTES(MANDATORY), NLRI,
	  OK },

	/* 7.3 NEXT_HOP */
	{ "NEXT_HOP of 5 octets", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0x40, 3, 5, 192, 0, 2, 1, 0), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_ATTR_LENGTH },
	{ "NEXT_HOP 0.0.0.0", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0x40, 3, 4, 0, 0, 0, 0), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_NEXT_HOP },
	{ "NEXT_HOP loopback", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0x40, 3, 4, 127, 0, 0, 1), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_NEXT_HOP },
	{ "NEXT_HOP multicast", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0x40, 3, 4, 224, 0, 0, 5), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_NEXT_HOP },
	{ "NEXT_HOP broadcast", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0x40, 3, 4, 255, 255, 255, 255), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_NEXT_HOP },
	{ "NEXT_HOP marked optional", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0xc0, 3, 4, 192, 0, 2, 1), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_ATTR_FLAGS },
	/* RFC 4760 3: without IPv4 NLRI it would be ignored anyway */
	{ "bad NEXT_HOP beside MP_REACH_NLRI only", &ibgp, NONE,
	  BYTES(MP_REACH, ORIGIN, AS_PATH, 0x40, 3, 3, 192, 0, 2), NONE,
	  DISCARD, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_ATTR_LENGTH },

	/* 7.4 MULTI_EXIT_DISC */
	{ "MED of 3 octets", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 4, 3, 0, 0, 1), NLRI,
	  WITHDRAW, BGP_ATTR_MED, BGP_ERR_UPD_ATTR_LENGTH },
	{ "MED marked transitive", &ibgp, NONE,
	  BYTES(MANDATORY, 0xc0, 4, 4, 0, 0, 0, 1), NLRI,
	  WITHDRAW, BGP_ATTR_MED, BGP_ERR_UPD_ATTR_FLAGS },

	/* 7.5 LOCAL_PREF */
	{ "LOCAL_PREF of 2 octets", &ibgp, NONE,
	  BYTES(MANDATORY, 0x40, 5, 2, 0, 100), NLRI,
	  WITHDRAW, BGP_ATTR_LOCAL_PREF, BGP_ERR_UPD_ATTR_LENGTH },
	{ "LOCAL_PREF from an eBGP peer", &ebgp, NONE,
	  BYTES(MANDATORY, 0x40, 5, 4, 0, 0, 0, 100), NLRI,
	  DISCARD, BGP_ATTR_LOCAL_PREF, BGP_ERR_UPD_ATTR_LIST },
	{ "bad LOCAL_PREF from an eBGP peer", &ebgp, NONE,
	  BYTES(MANDATORY, 0x80, 5, 2, 0, 100), NLRI,
	  DISCARD, BGP_ATTR_LOCAL_PREF, BGP_ERR_UPD_ATTR_LIST },

	/* 7.6 ATOMIC_AGGREGATE, 7.7 AGGREGATOR, 3.f */
	{ "ATOMIC_AGGREGATE of 1 octet", &ibgp, NONE,
	  BYTES(MANDATORY, 0x40, 6, 1, 0), NLRI,
	  DISCARD, BGP_ATTR_ATOMIC_AGGREGATE, BGP_ERR_UPD_ATTR_LENGTH },
	{ "ATOMIC_AGGREGATE marked optional", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 6, 0), NLRI,
	  DISCARD, BGP_ATTR_ATOMIC_AGGREGATE, BGP_ERR_UPD_ATTR_FLAGS },
	{ "AGGREGATOR of 8 octets between old speakers", &ibgp, NONE,
	  BYTES(MANDATORY, 0xc0, 7, 8, 0, 0, 0xfd, 0xe9, 10, 0, 0, 1), NLRI,
	  DISCARD, BGP_ATTR_AGGREGATOR, BGP_ERR_UPD_ATTR_LENGTH },
	{ "AGGREGATOR of 6 octets between new speakers", &ibgp4, NONE,
	  BYTES(ORIGIN, AS_PATH4, NEXT_HOP,
		0xc0, 7, 6, 0xfd, 0xe9, 10, 0, 0, 1), NLRI,
	  DISCARD, BGP_ATTR_AGGREGATOR, BGP_ERR_UPD_ATTR_LENGTH },
	{ "AGGREGATOR not transitive", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 7, 6, 0xfd, 0xe9, 10, 0, 0, 1), NLRI,
	  DISCARD, BGP_ATTR_AGGREGATOR, BGP_ERR_UPD_ATTR_FLAGS },

	/* 7.8 COMMUNITIES */
	{ "COMMUNITIES empty", &ibgp, NONE, BYTES(MANDATORY, 0xc0, 8, 0),
	  NLRI, WITHDRAW, BGP_ATTR_COMMUNITIES, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "COMMUNITIES of 5 octets", &ibgp, NONE,
	  BYTES(MANDATORY, 0xc0, 8, 5, 0, 0, 0, 1, 2), NLRI,
	  WITHDRAW, BGP_ATTR_COMMUNITIES, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "COMMUNITIES marked well-known", &ibgp, NONE,
	  BYTES(MANDATORY, 0x40, 8, 4, 0, 0, 0, 1), NLRI,
	  WITHDRAW, BGP_ATTR_COMMUNITIES, BGP_ERR_UPD_ATTR_FLAGS },

	/* 7.9 ORIGINATOR_ID, 7.10 CLUSTER_LIST */
	{ "ORIGINATOR_ID of 3 octets", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 9, 3, 10, 0, 0), NLRI,
	  WITHDRAW, BGP_ATTR_ORIGINATOR_ID, BGP_ERR_UPD_ATTR_LENGTH },
	{ "ORIGINATOR_ID from an eBGP peer", &ebgp, NONE,
	  BYTES(MANDATORY, 0x80, 9, 4, 10, 0, 0, 1), NLRI,
	  DISCARD, BGP_ATTR_ORIGINATOR_ID, BGP_ERR_UPD_ATTR_LIST },
	{ "CLUSTER_LIST of 6 octets", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 10, 6, 10, 0, 0, 1, 0, 0), NLRI,
	  WITHDRAW, BGP_ATTR_CLUSTER_LIST, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "CLUSTER_LIST empty", &ibgp, NONE, BYTES(MANDATORY, 0x80, 10, 0),
	  NLRI, WITHDRAW, BGP_ATTR_CLUSTER_LIST, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "CLUSTER_LIST from an eBGP peer", &ebgp, NONE,
	  BYTES(MANDATORY, 0x80, 10, 4, 10, 0, 0, 1), NLRI,
	  DISCARD, BGP_ATTR_CLUSTER_LIST, BGP_ERR_UPD_ATTR_LIST },

	/* 3.d missing well-known mandatory attributes */
	{ "ORIGIN missing", &ibgp, NONE, BYTES(AS_PATH, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_ORIGIN, BGP_ERR_UPD_MISSING_WELLKNOWN },
	{ "AS_PATH missing", &ibgp, NONE, BYTES(ORIGIN, NEXT_HOP), NLRI,
	  WITHDRAW, BGP_ATTR_AS_PATH, BGP_ERR_UPD_MISSING_WELLKNOWN },
	{ "NEXT_HOP missing", &ibgp, NONE, BYTES(ORIGIN, AS_PATH), NLRI,
	  WITHDRAW, BGP_ATTR_NEXT_HOP, BGP_ERR_UPD_MISSING_WELLKNOWN },
	{ "no NEXT_HOP with MP_REACH_NLRI only", &ibgp, NONE,
	  BYTES(MP_REACH, ORIGIN, AS_PATH), NONE, OK },
	{ "ORIGIN missing with MP_REACH_NLRI", &ibgp, NONE,
	  BYTES(MP_REACH, AS_PATH), NONE,
	  WITHDRAW, BGP_ATTR_ORIGIN, BGP_ERR_UPD_MISSING_WELLKNOWN },
	{ "no attributes for a withdrawal", &ibgp, WITHDRAWN, NONE, NONE,
	  OK },

	/* 3.g repeated attributes */
	{ "ORIGIN twice", &ibgp, NONE, BYTES(MANDATORY, 0x40, 1, 1, 2), NLRI,
	  DISCARD, BGP_ATTR_ORIGIN, BGP_ERR_UPD_ATTR_LIST },
	{ "unknown attribute twice", &ibgp, NONE,
	  BYTES(MANDATORY, 0xc0, 99, 0, 0xc0, 99, 0), NLRI,
	  DISCARD, 99, BGP_ERR_UPD_ATTR_LIST },
	{ "MP_REACH_NLRI twice", &ibgp, NONE,
	  BYTES(MP_REACH, ORIGIN, AS_PATH, MP_REACH), NONE,
	  RESET, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_ATTR_LIST },
	{ "MP_UNREACH_NLRI twice", &ibgp, NONE,
	  BYTES(MP_UNREACH, MP_UNREACH), NONE,
	  RESET, BGP_ATTR_MP_UNREACH_NLRI, BGP_ERR_UPD_ATTR_LIST },

	/* 4: attribute lengths against the list's */
	{ "attribute header cut", &ibgp, NONE, BYTES(MANDATORY, 0xc0, 8),
	  NLRI, WITHDRAW, 0, BGP_ERR_UPD_ATTR_LIST },
	{ "extended attribute header cut", &ibgp, NONE,
	  BYTES(MANDATORY, 0xd0, 8, 0), NLRI, WITHDRAW, 0,
	  BGP_ERR_UPD_ATTR_LIST },
	{ "attribute overruns the list", &ibgp, NONE,
	  BYTES(MANDATORY, 0xc0, 8, 8, 0, 0, 0, 1), NLRI,
	  WITHDRAW, BGP_ATTR_COMMUNITIES, BGP_ERR_UPD_ATTR_LIST },
	{ "extended length attribute", &ibgp, NONE,
	  BYTES(MANDATORY, 0xd0, 8, 0, 4, 0, 0, 0, 1), NLRI, OK },

	/* RFC 4271 5 and 6.3: attributes we do not know */
	{ "unrecognized well-known attribute", &ibgp, NONE,
	  BYTES(MANDATORY, 0x40, 99, 1, 0), NLRI,
	  RESET, 99, BGP_ERR_UPD_UNKNOWN_WELLKNOWN },
	{ "unknown optional non-transitive", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 99, 1, 0), NLRI, OK },
	{ "unknown optional transitive", &ibgp, NONE,
	  BYTES(MANDATORY, 0xe0, 99, 1, 0), NLRI, OK },

	/* 7.11, 7.12 and RFC 4760 7: the multiprotocol attributes */
	{ "MP_REACH_NLRI without a family", &ibgp, NONE,
	  BYTES(0x80, 14, 2, 0, 2, ORIGIN, AS_PATH), NONE,
	  RESET, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI with no next hop length", &ibgp, NONE,
	  BYTES(0x80, 14, 3, 0, 2, 1, ORIGIN, AS_PATH), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI IPv6 next hop of 8", &ibgp, NONE,
	  BYTES(0x80, 14, 14, 0, 2, 1, 8, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 1,
		0, 8, 0xfd, ORIGIN, AS_PATH), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI next hop overrun", &ibgp, NONE,
	  BYTES(0x80, 14, 8, 0, 2, 1, 16, 0x20, 1, 0xd, 0xb8,
		ORIGIN, AS_PATH), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI IPv4 next hop of 16", &ibgp, NONE,
	  BYTES(0x80, 14, 23, 0, 1, 1, 16, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1, 0, 8, 10, ORIGIN, AS_PATH), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI IPv4 next hop of 0, last", &ibgp, NONE,
	  BYTES(ORIGIN, AS_PATH, 0x80, 14, 5, 0, 1, 1, 0, 0), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI IPv4 next hop 0.0.0.0", &ibgp, NONE,
	  BYTES(0x80, 14, 11, 0, 1, 1, 4, 0, 0, 0, 0, 0, 8, 10,
		ORIGIN, AS_PATH), NONE,
	  WITHDRAW, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_NEXT_HOP },
	{ "MP_REACH_NLRI IPv4", &ibgp, NONE,
	  BYTES(0x80, 14, 11, 0, 1, 1, 4, 192, 0, 2, 1, 0, 8, 10,
		ORIGIN, AS_PATH), NONE, OK },
	{ "MP_REACH_NLRI prefix of 129 bits", &ibgp, NONE,
	  BYTES(0x80, 14, 23, 0, 2, 1, 16, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1, 0, 129, 0xfd, ORIGIN, AS_PATH), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI prefix overrun", &ibgp, NONE,
	  BYTES(0x80, 14, 23, 0, 2, 1, 16, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1, 0, 64, 0xfd, ORIGIN, AS_PATH), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_REACH_NLRI marked transitive", &ibgp, NONE,
	  BYTES(0xc0, 14, 23, 0, 2, 1, 16, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1, 0, 8, 0xfd, ORIGIN, AS_PATH), NONE,
	  RESET, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_ATTR_FLAGS },
	{ "MP_REACH_NLRI of a family not parsed", &ibgp, NONE,
	  BYTES(0x80, 14, 7, 0, 25, 65, 1, 2, 0, 3, ORIGIN, AS_PATH), NONE,
	  OK },
	{ "MP_UNREACH_NLRI without a family", &ibgp, NONE,
	  BYTES(0x80, 15, 1, 0), NONE,
	  RESET, BGP_ATTR_MP_UNREACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_UNREACH_NLRI prefix overrun", &ibgp, NONE,
	  BYTES(0x80, 15, 5, 0, 2, 1, 16, 0xfd), NONE,
	  DISABLE, BGP_ATTR_MP_UNREACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "MP_UNREACH_NLRI of a family not parsed", &ibgp, NONE,
	  BYTES(0x80, 15, 5, 0, 25, 65, 1, 2), NONE, OK },

	/* 5.2: attributes but no reachable NLRI */
	{ "withdrawal with a bad ORIGIN", &ibgp, WITHDRAWN,
	  BYTES(0x40, 1, 1, 9), NONE,
	  RESET, BGP_ATTR_ORIGIN, BGP_ERR_UPD_ORIGIN },
	{ "withdrawal with a bad ATOMIC_AGGREGATE", &ibgp, WITHDRAWN,
	  BYTES(0x40, 6, 1, 0), NONE,
	  DISCARD, BGP_ATTR_ATOMIC_AGGREGATE, BGP_ERR_UPD_ATTR_LENGTH },
	{ "MP_UNREACH_NLRI with a bad ORIGIN", &ibgp, NONE,
	  BYTES(MP_UNREACH, 0x40, 1, 1, 9), NONE,
	  RESET, BGP_ATTR_ORIGIN, BGP_ERR_UPD_ORIGIN },
	{ "empty MP_REACH_NLRI with a bad MED", &ibgp, NONE,
	  BYTES(0x80, 14, 21, 0, 2, 1, 16, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 1, 0, ORIGIN, AS_PATH, 0x80, 4, 1, 0),
	  NONE, RESET, BGP_ATTR_MED, BGP_ERR_UPD_ATTR_LENGTH },
	{ "bad MP_REACH_NLRI alone", &ibgp, NONE,
	  BYTES(0x80, 14, 3, 0, 2, 1), NONE,
	  DISABLE, BGP_ATTR_MP_REACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },

	/* 3.h: the strongest approach, the first of equals */
	{ "bad AGGREGATOR and bad MED", &ibgp, NONE,
	  BYTES(MANDATORY, 0xc0, 7, 1, 0, 0x80, 4, 1, 0), NLRI,
	  WITHDRAW, BGP_ATTR_MED, BGP_ERR_UPD_ATTR_LENGTH },
	{ "bad MED and bad COMMUNITIES", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 4, 1, 0, 0xc0, 8, 1, 0), NLRI,
	  WITHDRAW, BGP_ATTR_MED, BGP_ERR_UPD_ATTR_LENGTH },
	{ "bad MED and bad MP_UNREACH_NLRI", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 4, 1, 0, 0x80, 15, 4, 0, 2, 1, 200), NLRI,
	  DISABLE, BGP_ATTR_MP_UNREACH_NLRI, BGP_ERR_UPD_OPTIONAL_ATTR },
	{ "bad MED and an unknown well-known", &ibgp, NONE,
	  BYTES(MANDATORY, 0x80, 4, 1, 0, 0x40, 99, 0), NLRI,
	  RESET, 99, BGP_ERR_UPD_UNKNOWN_WELLKNOWN },
};

static uint8_t buf[BGP_MAX_MSG_LEN];
static struct bgp_msg msg;

static void put_field(size_t *off, const uint8_t *p, size_t len)
{
	buf[(*off)++] = len >> 8;
	buf[(*off)++] = len;
	if (len)
		memcpy(buf + *off, p, len);
	*off += len;
}

static int parse_case(const struct malformed *c, struct bgp_error *err)
{
	size_t off = BGP_HEADER_LEN;

	memset(buf, 0xff, BGP_MARKER_LEN);
	buf[18] = BGP_MSG_UPDATE;
	put_field(&off, c->withdrawn, c->withdrawn_len);
	put_field(&off, c->attrs, c->attrs_len);
	if (c->nlri_len)
		memcpy(buf + off, c->nlri, c->nlri_len);
	off += c->nlri_len;
	buf[16] = off >> 8;
	buf[17] = off;
	return bgp_msg_parse(buf, off, c->ctx, &msg, err);
}

/* One case of the table, each its own test */
static void test_case(void **state)
{
	const struct malformed *c = *state;
	const struct bgp_update_error *e = &msg.update.error;
	struct bgp_error err;
	int ret = parse_case(c, &err);

	assert_int_equal(e->action, c->action);
	assert_int_equal(e->attr, c->attr);
	if (c->action == BGP_UPDATE_SESSION_RESET) {
		assert_int_equal(ret, -EBADMSG);
		assert_int_equal(err.code, BGP_ERR_UPDATE);
		assert_int_equal(err.subcode, c->subcode);
		return;
	}
	assert_int_equal(ret, 0);
	if (c->action != BGP_UPDATE_OK) {
		assert_non_null(e->reason);
		assert_int_equal(e->notify.code, BGP_ERR_UPDATE);
		assert_int_equal(e->notify.subcode, c->subcode);
	}
}

static int parse_raw(const uint8_t *update, size_t len, struct bgp_error *err)
{
	return bgp_msg_parse(update, len, &ibgp, &msg, err);
}

/* 3.b: lengths that do not fit the message */
static void test_lengths_beyond_the_message(void **state)
{
	static const uint8_t withdrawn[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 25, BGP_MSG_UPDATE, 0, 5, 24, 10, 0, 0,
	};
	static const uint8_t attrs[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 27, BGP_MSG_UPDATE, 0, 0, 0, 5, 0x40, 1, 1, 0,
	};
	struct bgp_error err;

	(void)state;
	assert_int_equal(parse_raw(withdrawn, sizeof(withdrawn), &err),
			 -EBADMSG);
	assert_int_equal(err.code, BGP_ERR_UPDATE);
	assert_int_equal(err.subcode, BGP_ERR_UPD_ATTR_LIST);
	assert_int_equal(parse_raw(attrs, sizeof(attrs), &err), -EBADMSG);
	assert_int_equal(err.code, BGP_ERR_UPDATE);
	assert_int_equal(err.subcode, BGP_ERR_UPD_ATTR_LIST);
}

/* 3.i, 5.3: NLRI and Withdrawn Routes nobody can parse reset */
static void test_bad_prefix_fields(void **state)
{
	const struct malformed bad[] = {
		{ "withdrawn /33", &ibgp, BYTES(33, 10, 0, 0, 0, 0), NONE,
		  NONE, UNCHECKED },
		{ "withdrawn overrun", &ibgp, BYTES(24, 10, 0), NONE, NONE,
		  UNCHECKED },
		{ "NLRI /33", &ibgp, NONE, BYTES(MANDATORY),
		  BYTES(33, 10, 0, 0, 0, 0), UNCHECKED },
		{ "NLRI overrun", &ibgp, NONE, BYTES(MANDATORY),
		  BYTES(32, 10, 0, 0), UNCHECKED },
	};
	struct bgp_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i].what);
		assert_int_equal(parse_case(&bad[i], &err), -EBADMSG);
		assert_int_equal(err.code, BGP_ERR_UPDATE);
		assert_int_equal(err.subcode, BGP_ERR_UPD_NETWORK_FIELD);
	}
}

/* Treat-as-withdraw needs the NLRI: they are all there to withdraw. */
static void test_withdraw_keeps_the_nlri(void **state)
{
	const struct malformed both = {
		"bad MED", &ibgp, NONE,
		BYTES(MP_REACH, MANDATORY, 0x80, 4, 1, 0),
		BYTES(24, 10, 244, 1, 16, 10, 245), UNCHECKED
	};
	struct bgp_error err;

	(void)state;
	assert_int_equal(parse_case(&both, &err), 0);
	assert_int_equal(msg.update.error.action,
			 BGP_UPDATE_TREAT_AS_WITHDRAW);
	assert_int_equal(msg.update.nlri.count, 2);
	assert_int_equal(msg.update.mp_reach.count, 1);
}

static void test_discarded_attributes_are_gone(void **state)
{
	const struct malformed lp = {
		"LOCAL_PREF from eBGP", &ebgp, NONE,
		BYTES(MANDATORY, 0x40, 5, 4, 0, 0, 0, 100), NLRI, UNCHECKED
	};
	const struct malformed twice = {
		"ORIGIN twice", &ibgp, NONE,
		BYTES(0x40, 1, 1, 1, AS_PATH, NEXT_HOP, 0x40, 1, 1, 2), NLRI,
		UNCHECKED
	};
	const struct malformed agg = {
		"bad AGGREGATOR", &ibgp, NONE,
		BYTES(MANDATORY, 0xc0, 7, 1, 0), NLRI, UNCHECKED
	};
	struct bgp_error err;

	(void)state;
	assert_int_equal(parse_case(&lp, &err), 0);
	assert_false(msg.update.attrs.present &
		     BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF));
	assert_int_equal(parse_case(&twice, &err), 0);
	assert_int_equal(msg.update.attrs.origin, BGP_ORIGIN_EGP);
	assert_int_equal(parse_case(&agg, &err), 0);
	assert_false(msg.update.attrs.present &
		     BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR));
	assert_int_equal(msg.update.nlri.count, 1);
}

/* RFC 4271 5: optional transitive ones travel on, the others not */
static void test_unknown_attributes_kept_or_not(void **state)
{
	const struct malformed kept = {
		"unknown", &ibgp, NONE,
		BYTES(MANDATORY, 0xe0, 99, 2, 7, 8, 0x80, 98, 1, 0), NLRI,
		UNCHECKED
	};
	const struct bgp_raw_attr *raw = &msg.update.attrs.unknown[0];
	struct bgp_error err;

	(void)state;
	assert_int_equal(parse_case(&kept, &err), 0);
	assert_int_equal(msg.update.attrs.n_unknown, 1);
	assert_int_equal(raw->type, 99);
	assert_int_equal(raw->flags, 0xe0);
	assert_int_equal(raw->len, 2);
	assert_memory_equal(raw->value, ((const uint8_t[]){ 7, 8 }), 2);
}

/* RFC 4271 6.3: the data each NOTIFICATION carries */
static void test_notification_data(void **state)
{
	const struct malformed unknown = {
		"unknown well-known", &ibgp, NONE,
		BYTES(MANDATORY, 0x40, 99, 2, 1, 2), NLRI, UNCHECKED
	};
	const struct malformed missing = {
		"withdrawal, ORIGIN missing", &ibgp, NONE,
		BYTES(AS_PATH, NEXT_HOP), NLRI, UNCHECKED
	};
	const struct malformed disable = {
		"bad MP_UNREACH_NLRI", &ibgp, NONE,
		BYTES(0x80, 15, 4, 0, 2, 1, 200), NONE, UNCHECKED
	};
	const struct bgp_update_error *e = &msg.update.error;
	struct bgp_error err;

	(void)state;
	assert_int_equal(parse_case(&unknown, &err), -EBADMSG);
	assert_int_equal(err.len, 5);
	assert_memory_equal(err.data, ((const uint8_t[]){ 0x40, 99, 2, 1, 2 }),
			    5);
	assert_int_equal(parse_case(&missing, &err), 0);
	assert_int_equal(e->notify.len, 1);
	assert_int_equal(e->notify.data[0], BGP_ATTR_ORIGIN);
	assert_int_equal(parse_case(&disable, &err), 0);
	assert_int_equal(e->family.afi, BGP_AFI_IPV6);
	assert_int_equal(e->family.safi, BGP_SAFI_UNICAST);
	assert_int_equal(e->notify.len, 7);
	assert_string_equal(bgp_update_action_name(e->action),
			    "afi-safi-disable");
}

#define N_CASES		(sizeof(cases) / sizeof(cases[0]))

int main(void)
{
	static const struct CMUnitTest more[] = {
		cmocka_unit_test(test_lengths_beyond_the_message),
		cmocka_unit_test(test_bad_prefix_fields),
		cmocka_unit_test(test_withdraw_keeps_the_nlri),
		cmocka_unit_test(test_discarded_attributes_are_gone),
		cmocka_unit_test(test_unknown_attributes_kept_or_not),
		cmocka_unit_test(test_notification_data),
	};
	static struct CMUnitTest tests[N_CASES + sizeof(more) /
				       sizeof(more[0])];
	size_t i;

	for (i = 0; i < N_CASES; i++) {
		tests[i].name = cases[i].what;
		tests[i].test_func = test_case;
		tests[i].initial_state = (void *)&cases[i];
	}
	memcpy(tests + N_CASES, more, sizeof(more));
	return _cmocka_run_group_tests("test_bgp_rfc7606", tests,
				       sizeof(tests) / sizeof(tests[0]),
				       NULL, NULL);
}
