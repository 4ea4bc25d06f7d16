/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network byte order reads, and a writer that stops at the end of its
 * buffer: builders write blindly and check once, at the end, that
 * everything fit.
 */
#ifndef PODNET_BGP_WIRE_H
#define PODNET_BGP_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void set_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

struct wbuf {
	uint8_t *buf;
	size_t size;
	size_t len;
	bool overflow;
};

static inline void wbuf_init(struct wbuf *w, uint8_t *buf, size_t size)
{
	w->buf = buf;
	w->size = size;
	w->len = 0;
	w->overflow = false;
}

/* Room for n more octets; marks the buffer overflowed if there is none. */
static inline uint8_t *wbuf_reserve(struct wbuf *w, size_t n)
{
	uint8_t *p;

	if (w->overflow || w->size - w->len < n) {
		w->overflow = true;
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

static inline void put_u8(struct wbuf *w, uint8_t v)
{
	uint8_t *p = wbuf_reserve(w, 1);

	if (p)
		*p = v;
}

static inline void put_be16(struct wbuf *w, uint16_t v)
{
	uint8_t *p = wbuf_reserve(w, 2);

	if (p)
		set_be16(p, v);
}

static inline void put_be32(struct wbuf *w, uint32_t v)
{
	uint8_t *p = wbuf_reserve(w, 4);

	if (p) {
		set_be16(p, v >> 16);
		set_be16(p + 2, v);
	}
}

static inline void put_bytes(struct wbuf *w, const void *src, size_t n)
{
	uint8_t *p = wbuf_reserve(w, n);

	if (p && n)
		memcpy(p, src, n);
}

#endif
