// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "ctl.h"

const char *ctl_arg_next(struct ctl_args *a)
{
	return a->next < a->argc ? a->argv[a->next++] : NULL;
}

int ctl_usage_error(struct ctl_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->errbuf, a->errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int ctl_arg_end(struct ctl_args *a)
{
	const char *extra = ctl_arg_next(a);

	if (extra)
		return ctl_usage_error(a, "unexpected argument '%s'", extra);
	return 0;
}

/* dev_valid_name() in the kernel. */
bool ctl_valid_ifname(const char *s)
{
	size_t len = strlen(s);

	return len && len < IF_NAMESIZE && strcmp(s, ".") && strcmp(s, "..") &&
	       !strpbrk(s, "/: \t\n\v\f\r");
}

static int arg_ifname(struct ctl_args *a, const char **name, const char *what)
{
	const char *s = ctl_arg_next(a);

	if (!s)
		return ctl_usage_error(a, "missing %s name", what);
	if (!ctl_valid_ifname(s))
		return ctl_usage_error(a, "bad %s name '%s'", what, s);
	*name = s;
	return 0;
}

int ctl_arg_dev(struct ctl_args *a, const char **dev)
{
	return arg_ifname(a, dev, "device");
}

int ctl_arg_port(struct ctl_args *a, const char **port)
{
	return arg_ifname(a, port, "port");
}

int ctl_arg_value(struct ctl_args *a, const char *key, const char **value)
{
	*value = ctl_arg_next(a);
	if (!*value)
		return ctl_usage_error(a, "missing value after '%s'", key);
	return 0;
}

/* Not strtoul(): it takes signs and spaces, and costs more per route. */
int ctl_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *v)
{
	uint64_t n = 0;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		n = n * 10 + (*s - '0');
		if (n > max)
			return -EINVAL;
	}
	if (*s || n < min)
		return -EINVAL;
	*v = n;
	return 0;
}
