// SPDX-License-Identifier: GPL-2.0
/*
 * The prefix table: entries in an arena of fixed blocks, named by 32-bit
 * indexes; a linear-probing hash table of those indexes, at most three
 * quarters full; the dirty queue and the free list linked through the
 * entries. Deleting shifts the following slots back, so there are no
 * tombstones and lookups stay short however the table churns.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "rib_impl.h"

#define SLOTS_MIN	64

static struct rib_block *block_of(const struct rib *rib, uint32_t idx)
{
	return &rib->blocks[(idx - 1) >> RIB_BLOCK_SHIFT];
}

static bool prefix_equal(const struct rib_prefix *a,
			 const struct rib_prefix *b)
{
	return a->family == b->family && a->plen == b->plen &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

int rib_table_init(struct rib *rib)
{
	rib->slots = calloc(SLOTS_MIN, sizeof(*rib->slots));
	if (!rib->slots)
		return -ENOMEM;
	rib->slot_mask = SLOTS_MIN - 1;
	return 0;
}

void rib_table_destroy(struct rib *rib)
{
	uint32_t b;

	for (b = 0; b < rib->n_blocks; b++)
		free(rib->blocks[b].entries);
	free(rib->blocks);
	free(rib->slots);
}

static void push_free(struct rib *rib, uint32_t idx)
{
	struct rib_entry *e = rib_entry_at(rib, idx);

	e->prefix.family = AF_UNSPEC;
	e->link = rib->free_head;
	rib->free_head = idx;
}

/* A new block of free entries, in the place of a given-back one if any */
static int add_block(struct rib *rib)
{
	struct rib_entry *entries;
	uint32_t b, i;

	for (b = 0; b < rib->n_blocks && rib->blocks[b].entries; b++)
		;
	if (b == rib->n_blocks) {
		struct rib_block *blocks;

		if (rib->n_blocks == UINT32_MAX >> RIB_BLOCK_SHIFT)
			return -ENOSPC;
		blocks = realloc(rib->blocks, (b + 1) * sizeof(*blocks));
		if (!blocks)
			return -ENOMEM;
		rib->blocks = blocks;
	}
	entries = malloc(RIB_BLOCK_ENTRIES * sizeof(*entries));
	if (!entries)
		return -ENOMEM;
	if (b == rib->n_blocks)
		rib->n_blocks++;
	rib->blocks[b].entries = entries;
	rib->blocks[b].live = 0;
	rib->held_blocks++;
	rib->empty_blocks++;
	/* lowest index first, so the arena fills in order */
	for (i = RIB_BLOCK_ENTRIES; i > 0; i--)
		push_free(rib, (b << RIB_BLOCK_SHIFT) + i);
	return 0;
}

static uint32_t entry_alloc(struct rib *rib)
{
	struct rib_block *block;
	uint32_t idx;

	if (!rib->free_head && add_block(rib))
		return 0;
	idx = rib->free_head;
	rib->free_head = rib_entry_at(rib, idx)->link;
	block = block_of(rib, idx);
	if (!block->live++)
		rib->empty_blocks--;
	rib->entries++;
	return idx;
}

static void entry_release(struct rib *rib, uint32_t idx)
{
	push_free(rib, idx);
	if (!--block_of(rib, idx)->live)
		rib->empty_blocks++;
	rib->entries--;
}

static int resize_slots(struct rib *rib, uint32_t n)
{
	uint32_t *slots = calloc(n, sizeof(*slots)), i;

	if (!slots)
		return -ENOMEM;
	for (i = 0; i <= rib->slot_mask; i++) {
		uint32_t idx = rib->slots[i], j;

		if (!idx)
			continue;
		j = rib_prefix_hash(&rib_entry_at(rib, idx)->prefix) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = idx;
	}
	free(rib->slots);
	rib->slots = slots;
	rib->slot_mask = n - 1;
	return 0;
}

/* Halves the table while it would stay at most three eighths full */
static void shrink_slots(struct rib *rib)
{
	uint32_t n = rib->slot_mask + 1;

	while (n > SLOTS_MIN && rib->entries * 8 <= (size_t)n / 2 * 3)
		n /= 2;
	if (n < rib->slot_mask + 1)
		resize_slots(rib, n);
}

/*
 * Gives back the empty blocks but one once they are a quarter of the
 * arena, rebuilding the free list without them: O(arena), paid for by the
 * many frees it takes to empty that many blocks. The table shrinks with
 * it.
 */
void rib_table_trim(struct rib *rib)
{
	uint32_t b, i, keep = 0;

	if (rib->empty_blocks < 2 || rib->empty_blocks * 4 < rib->held_blocks)
		return;
	shrink_slots(rib);
	while (!rib->blocks[keep].entries || rib->blocks[keep].live)
		keep++;
	rib->free_head = 0;
	for (b = rib->n_blocks; b-- > 0;) {
		struct rib_block *block = &rib->blocks[b];

		if (!block->entries)
			continue;
		if (!block->live && b != keep) {
			free(block->entries);
			block->entries = NULL;
			rib->held_blocks--;
			continue;
		}
		for (i = RIB_BLOCK_ENTRIES; i > 0; i--) {
			uint32_t idx = (b << RIB_BLOCK_SHIFT) + i;

			if (rib_entry_at(rib, idx)->prefix.family == AF_UNSPEC)
				push_free(rib, idx);
		}
	}
	rib->empty_blocks = 1;
	while (rib->n_blocks && !rib->blocks[rib->n_blocks - 1].entries)
		rib->n_blocks--;
}

uint32_t rib_table_next(const struct rib *rib, uint32_t idx)
{
	while (idx < rib->n_blocks << RIB_BLOCK_SHIFT) {
		const struct rib_block *block = block_of(rib, ++idx);

		if (!block->entries)
			idx = (block - rib->blocks + 1) << RIB_BLOCK_SHIFT;
		else if (rib_entry_at(rib, idx)->prefix.family != AF_UNSPEC)
			return idx;
	}
	return 0;
}

/* Where p is, or the free slot it would go in */
static uint32_t probe(const struct rib *rib, const struct rib_prefix *p)
{
	uint32_t i = rib_prefix_hash(p) & rib->slot_mask;

	while (rib->slots[i] &&
	       !prefix_equal(&rib_entry_at(rib, rib->slots[i])->prefix, p))
		i = (i + 1) & rib->slot_mask;
	return i;
}

uint32_t rib_table_find(const struct rib *rib, const struct rib_prefix *p)
{
	return rib->slots[probe(rib, p)];
}

struct rib_entry *rib_lookup(const struct rib *rib, const struct rib_prefix *p)
{
	struct rib_prefix key;
	uint32_t idx;

	if (!rib_prefix_normalize(&key, p))
		return NULL;
	idx = rib_table_find(rib, &key);
	return idx ? rib_entry_at(rib, idx) : NULL;
}

/* A new entry without paths for p, which is not in the table; 0: ENOMEM */
uint32_t rib_table_add(struct rib *rib, const struct rib_prefix *p)
{
	struct rib_entry *e;
	uint32_t idx;

	if ((rib->entries + 1) * 4 > ((size_t)rib->slot_mask + 1) * 3 &&
	    resize_slots(rib, (rib->slot_mask + 1) * 2))
		return 0;
	idx = entry_alloc(rib);
	if (!idx)
		return 0;
	e = rib_entry_at(rib, idx);
	memset(e, 0, sizeof(*e));
	e->prefix = *p;
	rib->slots[probe(rib, p)] = idx;
	return idx;
}

void rib_table_del(struct rib *rib, uint32_t idx)
{
	uint32_t mask = rib->slot_mask;
	uint32_t i = probe(rib, &rib_entry_at(rib, idx)->prefix), j = i;

	rib->slots[i] = 0;
	for (;;) {
		uint32_t home;

		j = (j + 1) & mask;
		if (!rib->slots[j])
			break;
		home = rib_prefix_hash(&rib_entry_at(rib, rib->slots[j])->prefix)
		       & mask;
		/* it may fill the hole if the hole lies between home and j */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			rib->slots[i] = rib->slots[j];
			rib->slots[j] = 0;
			i = j;
		}
	}
	if (rib->handed == idx)
		rib->handed = 0;
	entry_release(rib, idx);
}

void rib_entry_reap(struct rib *rib, uint32_t idx)
{
	const struct rib_entry *e = rib_entry_at(rib, idx);

	if (!e->head.attrs && !e->dirty && rib_entry_unused(e) &&
	    idx != rib->handed)
		rib_table_del(rib, idx);
}

void rib_dirty_mark(struct rib *rib, uint32_t idx)
{
	struct rib_entry *e = rib_entry_at(rib, idx);

	if (e->dirty)
		return;
	e->dirty = 1;
	e->link = 0;
	if (rib->dirty_tail)
		rib_entry_at(rib, rib->dirty_tail)->link = idx;
	else
		rib->dirty_head = idx;
	rib->dirty_tail = idx;
}

struct rib_entry *rib_dirty_next(struct rib *rib)
{
	struct rib_entry *e;
	uint32_t idx = rib->handed;

	if (idx) {
		rib->handed = 0;
		rib_entry_reap(rib, idx);
	}
	idx = rib->dirty_head;
	if (!idx) {
		rib_table_trim(rib);
		return NULL;
	}
	e = rib_entry_at(rib, idx);
	rib->dirty_head = e->link;
	if (!rib->dirty_head)
		rib->dirty_tail = 0;
	e->dirty = 0;
	rib->handed = idx;
	return e;
}
