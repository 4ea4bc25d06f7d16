/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetd's routing information base: pure code, no sockets, no timers.
 *
 * One table of prefixes (IPv4 and IPv6 unicast). Each prefix has the paths
 * the sources gave for it (at most one per source: a BGP peer, or this node
 * for its own pod CIDRs), kept best first by the RFC 4271 9.1.2.2 decision
 * process with the RFC 4456 9 tie-breaks. Path attributes are interned:
 * the many prefixes a peer sends with the same attributes share one copy.
 *
 * Every change that moves a prefix's best path (another source, other
 * attributes or another next hop, or no path any more) marks the prefix
 * dirty; the daemon drains the dirty ones (rib_dirty_next()) to program the
 * kernel and to advertise, as often as it likes, so changes are batched.
 *
 * What each peer was sent is kept per prefix (the Adj-RIB-Out as one bit per
 * source), so a prefix is withdrawn only from peers that had it.
 */
#ifndef PODNETD_RIB_H
#define PODNETD_RIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgp_msg.h"
#include "podnet.h"

#define RIB_MAX_SOURCES		1024
#define RIB_SOURCE_LOCAL	0	/* this node: its own prefixes */
#define RIB_LOCAL_PREF_DEFAULT	100

struct rib;
struct rib_entry;

/* An interned, refcounted, compact copy of a struct bgp_attrs. */
struct rib_attrs;

/* Where paths come from: registered once, then named by id. */
struct rib_source {
	uint32_t router_id;		/* the peer's BGP Identifier, host order
					 * (set when its session comes up) */
	uint32_t as;			/* the peer's AS */
	struct podnet_addr address;	/* the peer's address */
	bool ebgp;
	bool rr_client;			/* RFC 4456: we reflect for it */
	bool next_hop_self;
	bool export_all;		/* policy allows our best paths to it */
	bool export_local_only;		/* only RIB_SOURCE_LOCAL's paths */
};

/* What the RIB knows of this node, for exporting and loop checks. */
struct rib_local {
	uint32_t as;
	uint32_t router_id;		/* host order */
	uint32_t cluster_id;		/* host order; RFC 4456 */
	struct podnet_addr nexthop4;	/* next-hop-self and local paths */
	struct podnet_addr nexthop6;	/* AF_UNSPEC if none */
};

struct rib_path {
	struct rib_path *next;		/* another path: the first is best */
	struct rib_attrs *attrs;
	struct podnet_addr nexthop;	/* IPv4, or the IPv6 global one */
	uint16_t source;
	bool stale;			/* RFC 4724: kept over a restart */
};

struct rib_prefix {
	uint8_t family;			/* AF_INET, AF_INET6 */
	uint8_t plen;
	uint8_t addr[16];		/* network order, bits past plen zero */
};

struct rib *rib_new(const struct rib_local *local);
void rib_free(struct rib *rib);
/* Later loop checks use it; paths already held are not checked again. */
void rib_set_local(struct rib *rib, const struct rib_local *local);

/*
 * Source ids 1 .. RIB_MAX_SOURCES - 1, lowest free first; -ENOSPC when
 * full. RIB_SOURCE_LOCAL is always there (rib_source_get() gives this
 * node's AS and router ID for it).
 */
int rib_source_add(struct rib *rib, const struct rib_source *src);
/*
 * Updates what rib_source_add() set, e.g. the router ID at session up; a
 * change the decision process reads (ebgp, router ID, address) re-sorts
 * the source's paths, marking dirty the prefixes whose best moves: O(N).
 */
void rib_source_set(struct rib *rib, uint16_t id, const struct rib_source *src);
const struct rib_source *rib_source_get(const struct rib *rib, uint16_t id);
/* The paths the source has in the table */
size_t rib_source_paths(const struct rib *rib, uint16_t id);
/*
 * Its paths should be gone (rib_source_flush()); what is left is flushed.
 * The id may be reused.
 */
void rib_source_del(struct rib *rib, uint16_t id);

/*
 * Attributes: rib_attrs_intern() returns a reference to the shared copy of
 * a (NULL on allocation failure); each reference is given back by
 * rib_attrs_put() (NULL is fine). Sets that bgp_attrs_equal() finds equal
 * share one copy. rib_update() takes over the reference it is passed, also
 * when it fails. rib_attrs_expand() fills out (a struct of about 22 KiB)
 * from it, writing only the used part of each array; unknown attributes
 * point into the interned copy, in type order, their flags Optional and
 * Transitive only (the builder sets Partial). References still held at
 * rib_free() die with the RIB.
 */
struct rib_attrs *rib_attrs_intern(struct rib *rib, const struct bgp_attrs *a);
struct rib_attrs *rib_attrs_get(struct rib_attrs *ra);
void rib_attrs_put(struct rib *rib, struct rib_attrs *ra);
void rib_attrs_expand(const struct rib_attrs *ra, struct bgp_attrs *out);
/* Cheap accessors for the decision process and for the tests */
/* LOCAL_PREF, or RIB_LOCAL_PREF_DEFAULT when absent */
uint32_t rib_attrs_local_pref(const struct rib_attrs *ra);
unsigned int rib_attrs_refs(const struct rib_attrs *ra);
size_t rib_attrs_count(const struct rib *rib);	/* distinct ones held */

/*
 * The source's path for prefix becomes (attrs, nexthop), replacing the one
 * it had, which stops being stale (nexthop NULL: none, AF_UNSPEC). Paths
 * failing the loop checks (our AS in an eBGP path, our router ID as
 * ORIGINATOR_ID, our cluster ID in the CLUSTER_LIST) are treated as
 * withdrawn: returns 0 and drops attrs. -EINVAL for an unknown source or
 * a prefix that is no IPv4 or IPv6 one; -ENOMEM leaves the table as it
 * was. O(1) on average, plus O(paths of the prefix).
 */
int rib_update(struct rib *rib, uint16_t source, const struct rib_prefix *p,
	       struct rib_attrs *attrs, const struct podnet_addr *nexthop);
/* 0, or -ENOENT if the source had no path for prefix. */
int rib_withdraw(struct rib *rib, uint16_t source, const struct rib_prefix *p);

/*
 * Walks of the whole table, O(N), returning how many of the source's
 * paths they changed. RFC 4724: every path of the source turns stale
 * (not dirty: stale paths are selected like the others) / the stale ones
 * go.
 */
size_t rib_source_mark_stale(struct rib *rib, uint16_t source);
size_t rib_source_sweep_stale(struct rib *rib, uint16_t source);
/* Every path of the source goes; what it was sent is forgotten too. */
size_t rib_source_flush(struct rib *rib, uint16_t source);
/* Forgets what the source was sent (its session went down). */
void rib_source_reset_adj_out(struct rib *rib, uint16_t source);

/* Best first; NULL when the prefix has no path (see rib_dirty_next()). */
const struct rib_path *rib_best(const struct rib_entry *e);
const struct rib_prefix *rib_entry_prefix(const struct rib_entry *e);
struct rib_entry *rib_lookup(const struct rib *rib, const struct rib_prefix *p);

/*
 * Dirty prefixes, each once, in the order they became dirty; the entry
 * stays valid until the next call of rib_dirty_next() (or of anything that
 * changes the table). NULL when none is left.
 *
 * Freeing: an entry whose last path goes stays, dirty, until this hands it
 * out with rib_best() NULL. The daemon uninstalls it and withdraws it from
 * the peers it was announced to (rib_entry_set_installed(e, NULL),
 * rib_adj_out_set(e, to, false)); the next call of rib_dirty_next() then
 * frees it, unless it got a path again. One left installed or announced
 * stays (rib_walk() shows it, without path) until a table walk
 * (rib_source_*()) finds it cleared, or rib_free().
 */
struct rib_entry *rib_dirty_next(struct rib *rib);

/*
 * The kernel's copy, so only real changes are programmed. nexthop NULL:
 * not installed. The installed next hop is kept after the path that had
 * it goes; if there was no memory to keep it, rib_entry_installed() gives
 * it as AF_UNSPEC (reprogram to be sure).
 */
bool rib_entry_installed(const struct rib_entry *e,
			 struct podnet_addr *nexthop);
void rib_entry_set_installed(struct rib_entry *e,
			     const struct podnet_addr *nexthop);

/* The Adj-RIB-Out: whether prefix was announced to source `to`. */
bool rib_adj_out_test(const struct rib_entry *e, uint16_t to);
/* 0, -EINVAL for a source id out of range, -ENOMEM */
int rib_adj_out_set(struct rib_entry *e, uint16_t to, bool announced);

/*
 * Export: whether best goes to peer `to` (RFC 4271 9.1.3, RFC 4456 8:
 * nothing back to the source it came from; iBGP-learned paths to iBGP
 * peers only when we reflect: from a client to everyone, from a non-client
 * to clients; the source's export policy, RFC 8212: export_all, or
 * export_local_only for RIB_SOURCE_LOCAL's paths only). If it does, out
 * and nexthop get what to send: AS prepended and MED/LOCAL_PREF/
 * ORIGINATOR_ID/CLUSTER_LIST dropped for eBGP, LOCAL_PREF set for iBGP
 * (the path's, the default for eBGP-learned ones), ORIGINATOR_ID and our
 * cluster ID prepended when reflecting, next hop ourselves (local's
 * nexthop4 or nexthop6 by the prefix's family) for local paths, eBGP and
 * next-hop-self. out never has NEXT_HOP: *nexthop is it. False too when we
 * have no next hop of the prefix's family, or the AS path or cluster list
 * is full.
 */
bool rib_export(const struct rib *rib, const struct rib_entry *e,
		const struct rib_path *best, uint16_t to,
		struct bgp_attrs *out, struct podnet_addr *nexthop);

/*
 * The decision process between two paths: < 0 when a is better than b.
 * Local paths first; then RFC 4271 9.1.2.2: higher LOCAL_PREF (eBGP paths
 * count as RIB_LOCAL_PREF_DEFAULT), shorter AS path, lower ORIGIN, lower MED
 * (absent: 0) only when both come from the same neighbouring AS (the
 * path's first AS, ours for an empty one), eBGP over iBGP, lower router ID
 * (ORIGINATOR_ID if there), shorter CLUSTER_LIST (RFC 4456 9), lower peer
 * address; last the lower source id, so only a path ties with itself.
 * Because of MED this is no total order: a prefix's best is chosen from
 * all its paths at once as 9.1.2.2 eliminates them, which this agrees
 * with for two; the other paths follow sorted by these steps with the
 * neighbouring AS compared before MED.
 */
int rib_path_compare(const struct rib *rib, const struct rib_path *a,
		     const struct rib_path *b);

/*
 * Walk every entry (control socket's `bgp routes`, resyncs), in no
 * particular order, until fn returns non-zero (which is returned). fn must
 * not change the table.
 */
typedef int (*rib_walk_fn)(const struct rib_entry *e, void *arg);
int rib_walk(const struct rib *rib, rib_walk_fn fn, void *arg);

/* O(N): the Adj-RIB-Out's memory is counted entry by entry. */
struct rib_stats {
	size_t prefixes;		/* entries, those without path too */
	size_t paths;
	size_t attrs;			/* distinct interned sets */
	size_t bytes;			/* memory the RIB holds, roughly */
};
void rib_get_stats(const struct rib *rib, struct rib_stats *st);

/* Conversions with the codec's prefix */
void rib_prefix_from_bgp(struct rib_prefix *out, const struct bgp_prefix *in);
void rib_prefix_to_bgp(struct bgp_prefix *out, const struct rib_prefix *in);
/* "10.244.1.0/24": its length, -ENOSPC if len is short, -EAFNOSUPPORT */
int rib_prefix_format(const struct rib_prefix *p, char *buf, size_t len);

#endif
