// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>

#include "ctl.h"

const char *ctl_ifname(int ifindex, char buf[IF_NAMESIZE])
{
	return if_indextoname(ifindex, buf);
}

const char *ctl_iflabel(int ifindex, const char *name, char buf[IF_NAMESIZE])
{
	if (name)
		return name;
	snprintf(buf, IF_NAMESIZE, "if%d", ifindex);
	return buf;
}

int ctl_emit_json(FILE *f, json_t *doc)
{
	int err;

	if (!doc)
		return -ENOMEM;
	err = json_dumpf(doc, f, JSON_COMPACT) || fputc('\n', f) == EOF;
	json_decref(doc);
	return err ? -EIO : 0;
}

void ctl_json_append(json_t **array, json_t *item)
{
	if (!*array) {
		json_decref(item);
	} else if (json_array_append_new(*array, item)) {
		json_decref(*array);
		*array = NULL;
	}
}
