// SPDX-License-Identifier: GPL-2.0
/*
 * What an entry says besides its paths: the next hop the kernel has for it
 * and the peers it was announced to. Both live in the entry's ext, which is
 * allocated only while needed: an installed next hop is normally named by
 * the source whose path has it, and copied only when that path goes before
 * the daemon has installed another.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "rib_impl.h"

#define WORD_BITS	64

const struct rib_path *rib_best(const struct rib_entry *e)
{
	return e->head.attrs ? &e->head : NULL;
}

const struct rib_prefix *rib_entry_prefix(const struct rib_entry *e)
{
	return &e->prefix;
}

size_t rib_entry_ext_size(const struct rib_entry *e)
{
	if (!e->ext)
		return 0;
	return offsetof(struct rib_entry_ext, adj_out) +
	       e->ext->adj_out_words * sizeof(e->ext->adj_out[0]);
}

bool rib_entry_unused(const struct rib_entry *e)
{
	return !e->installed && !e->ext;
}

/* Room for that many words of Adj-RIB-Out bits; new ones are clear */
static int ext_reserve(struct rib_entry *e, uint16_t words)
{
	uint16_t have = e->ext ? e->ext->adj_out_words : 0;
	struct rib_entry_ext *ext;

	if (e->ext && have >= words)
		return 0;
	ext = realloc(e->ext, offsetof(struct rib_entry_ext, adj_out) +
			      words * sizeof(ext->adj_out[0]));
	if (!ext)
		return -ENOMEM;
	if (!e->ext)
		memset(&ext->installed, 0, sizeof(ext->installed));
	memset(ext->adj_out + have, 0, (words - have) * sizeof(ext->adj_out[0]));
	ext->adj_out_words = words;
	e->ext = ext;
	return 0;
}

/* Frees the ext once nothing is in it */
static void ext_trim(struct rib_entry *e)
{
	uint16_t i;

	if (!e->ext || e->installed_copy)
		return;
	for (i = 0; i < e->ext->adj_out_words; i++)
		if (e->ext->adj_out[i])
			return;
	free(e->ext);
	e->ext = NULL;
}

/*
 * p's next hop is about to change or p to go: an installed next hop named
 * by it moves to another path with the same one, or into a copy.
 */
void rib_installed_release(struct rib_entry *e, const struct rib_path *p)
{
	const struct rib_path *q;

	if (!e->installed || e->installed_copy || e->installed_lost ||
	    e->installed_source != p->source)
		return;
	for (q = rib_best(e); q; q = q->next) {
		if (q != p && podnet_addr_equal(&q->nexthop, &p->nexthop)) {
			e->installed_source = q->source;
			return;
		}
	}
	if (ext_reserve(e, 0)) {
		e->installed_lost = 1;
		return;
	}
	e->ext->installed = p->nexthop;
	e->installed_copy = 1;
}

bool rib_entry_installed(const struct rib_entry *e,
			 struct podnet_addr *nexthop)
{
	const struct rib_path *p;

	if (!e->installed)
		return false;
	if (!nexthop)
		return true;
	if (e->installed_copy) {
		*nexthop = e->ext->installed;
	} else if (e->installed_lost) {
		memset(nexthop, 0, sizeof(*nexthop));
		nexthop->family = AF_UNSPEC;
	} else {
		for (p = rib_best(e); p->source != e->installed_source;
		     p = p->next)
			;
		*nexthop = p->nexthop;
	}
	return true;
}

void rib_entry_set_installed(struct rib_entry *e,
			     const struct podnet_addr *nexthop)
{
	const struct rib_path *p;
	struct podnet_addr nh;

	e->installed = 0;
	e->installed_copy = 0;
	e->installed_lost = 0;
	if (nexthop) {
		rib_addr_normalize(&nh, nexthop);
		e->installed = 1;
		for (p = rib_best(e); p; p = p->next)
			if (podnet_addr_equal(&p->nexthop, &nh))
				break;
		if (p) {
			e->installed_source = p->source;
		} else if (ext_reserve(e, 0)) {
			e->installed_lost = 1;
		} else {
			e->ext->installed = nh;
			e->installed_copy = 1;
		}
	}
	ext_trim(e);
}

bool rib_adj_out_test(const struct rib_entry *e, uint16_t to)
{
	return e->ext && to / WORD_BITS < e->ext->adj_out_words &&
	       (e->ext->adj_out[to / WORD_BITS] >> (to % WORD_BITS) & 1);
}

int rib_adj_out_set(struct rib_entry *e, uint16_t to, bool announced)
{
	uint64_t bit = 1ULL << (to % WORD_BITS);

	if (to >= RIB_MAX_SOURCES)
		return -EINVAL;
	if (!announced) {
		if (rib_adj_out_test(e, to)) {
			e->ext->adj_out[to / WORD_BITS] &= ~bit;
			ext_trim(e);
		}
		return 0;
	}
	if (ext_reserve(e, to / WORD_BITS + 1))
		return -ENOMEM;
	e->ext->adj_out[to / WORD_BITS] |= bit;
	return 0;
}
