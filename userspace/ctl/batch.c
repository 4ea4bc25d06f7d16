// SPDX-License-Identifier: GPL-2.0
/*
 * Route batch files, one change a line:
 *
 *   # comment
 *   add 10.244.1.0/24 via 192.168.1.11 encap vxlan
 *   del 10.244.2.0/24
 *
 * The whole file is read before anything is sent, so a bad line programs
 * nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctl.h"

#define READ_CHUNK 4096

/* What a byte does to a line's words. */
enum {
	BLANK = 1,		/* ends a word */
	STOP = 2,		/* '#' or NUL: ends the words, and a word */
};

static const uint8_t byte_class[256] = {
	['\0'] = STOP, ['#'] = STOP,
	[' '] = BLANK, ['\t'] = BLANK, ['\n'] = BLANK, ['\v'] = BLANK,
	['\f'] = BLANK, ['\r'] = BLANK,
};

/*
 * The words of the line [s, eol), comment cut off, split in place (*eol
 * is overwritten): their count, -E2BIG for too many, or -EILSEQ for a NUL
 * byte before the comment. One table lookup a byte: at 100k lines under
 * emulation, strtok_r() and its like cost more than the rest together.
 */
static int split_words(char *s, char *eol, char *words[CTL_BATCH_MAX_WORDS])
{
	uint8_t c;
	int n = 0;

	*eol = '\0';
	for (;;) {
		while ((c = byte_class[(uint8_t)*s]) == BLANK)
			s++;
		if (c == STOP)
			break;
		if (n == CTL_BATCH_MAX_WORDS)
			return -E2BIG;
		words[n++] = s;
		while (!(c = byte_class[(uint8_t)*s]))
			s++;
		if (c == STOP)
			break;
		*s++ = '\0';
	}
	/* The line's own end, or a comment, or a NUL that has no business here. */
	if (s < eol && !*s)
		return -EILSEQ;
	*s = '\0';
	return n;
}

static int parse_words(char *s, char *eol, struct podnet_route *rt,
		       struct podnet_route_change *change, bool *parsed,
		       char *errbuf, size_t errlen)
{
	char *words[CTL_BATCH_MAX_WORDS];
	struct ctl_args a = {
		.argv = words,
		.errbuf = errbuf,
		.errlen = errlen,
	};
	const char *verb;
	int err;

	*parsed = false;
	a.argc = split_words(s, eol, words);
	if (a.argc == -EILSEQ)
		return ctl_usage_error(&a, "NUL byte in the line");
	if (a.argc < 0)
		return ctl_usage_error(&a, "more than %d words",
				       CTL_BATCH_MAX_WORDS);
	verb = ctl_arg_next(&a);
	if (!verb)
		return 0;
	if (!strcmp(verb, "add")) {
		err = ctl_parse_route_add(&a, rt, change);
	} else if (!strcmp(verb, "del")) {
		err = ctl_parse_route_del(&a, rt);
		*change = (struct podnet_route_change){ .del = true };
	} else {
		return ctl_usage_error(&a, "unknown batch command '%s': add or del",
				       verb);
	}
	*parsed = !err;
	return err;
}

int ctl_batch_parse_line(char *line, struct podnet_route *rt,
			 struct podnet_route_change *change, bool *parsed,
			 char *errbuf, size_t errlen)
{
	return parse_words(line, line + strlen(line), rt, change, parsed,
			   errbuf, errlen);
}

/* Room for capacity routes in all, at once: no copies as the file goes. */
static int reserve(struct ctl_batch *b, size_t capacity)
{
	struct podnet_route_change *changes;
	struct podnet_route *routes;
	unsigned long *lines;

	if (capacity <= b->capacity)
		return 0;
	routes = reallocarray(b->routes, capacity, sizeof(*routes));
	if (routes)
		b->routes = routes;
	changes = reallocarray(b->changes, capacity, sizeof(*changes));
	if (changes)
		b->changes = changes;
	lines = reallocarray(b->lines, capacity, sizeof(*lines));
	if (lines)
		b->lines = lines;
	if (!routes || !changes || !lines)
		return -ENOMEM;
	b->capacity = capacity;
	return 0;
}

static size_t count_lines(const char *s, const char *end)
{
	size_t n = 1;

	while ((s = memchr(s, '\n', end - s))) {
		s++;
		n++;
	}
	return n;
}

/* The whole stream, and a byte more for the last line's end. */
static int slurp(FILE *f, char **text, size_t *len)
{
	size_t size = READ_CHUNK, n;
	char *buf = NULL, *bigger;
	struct stat st;

	/* A file says how much there is; a pipe is read in doubling steps. */
	if (fileno(f) >= 0 && !fstat(fileno(f), &st) && S_ISREG(st.st_mode))
		size += st.st_size;
	*len = 0;
	do {
		if (!buf || size - *len < READ_CHUNK) {
			size = buf ? 2 * size : size;
			bigger = realloc(buf, size + 1);
			if (!bigger) {
				free(buf);
				return -ENOMEM;
			}
			buf = bigger;
		}
		n = fread(buf + *len, 1, size - *len, f);
		*len += n;
	} while (n);
	if (ferror(f)) {
		free(buf);
		return errno ? -errno : -EIO;
	}
	*text = buf;
	return 0;
}

/* Every line of text into b, to the first bad one. */
static int parse_text(char *text, size_t len, const char *name,
		      struct ctl_batch *b, char *errbuf, size_t errlen)
{
	char *s = text, *end = text + len, *eol;
	unsigned long lineno = 0;
	char msg[256];
	bool parsed;
	int err;

	if (reserve(b, b->count + count_lines(s, end))) {
		snprintf(errbuf, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	while (s < end) {
		lineno++;
		eol = memchr(s, '\n', end - s);
		if (!eol)
			eol = end;
		err = parse_words(s, eol, &b->routes[b->count],
				  &b->changes[b->count], &parsed, msg,
				  sizeof(msg));
		if (err) {
			snprintf(errbuf, errlen, "%s:%lu: %s", name, lineno, msg);
			return err;
		}
		if (parsed)
			b->lines[b->count++] = lineno;
		s = eol + 1;
	}
	return 0;
}

int ctl_batch_read(FILE *f, const char *name, struct ctl_batch *b,
		   char *errbuf, size_t errlen)
{
	size_t len;
	char *text;
	int err;

	errno = 0;
	err = slurp(f, &text, &len);
	if (err) {
		snprintf(errbuf, errlen, "%s: %s", name, strerror(-err));
		return err;
	}
	err = parse_text(text, len, name, b, errbuf, errlen);
	free(text);
	return err;
}

void ctl_batch_free(struct ctl_batch *b)
{
	free(b->routes);
	free(b->changes);
	free(b->lines);
	*b = (struct ctl_batch){ 0 };
}
