// SPDX-License-Identifier: GPL-2.0
/* podnetctl show [DEV], podnetctl set DEV SETTING VALUE... */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

int ctl_parse_show(struct ctl_args *a, struct ctl_cmd *cmd)
{
	int err = 0;

	cmd->op = CTL_SHOW;
	if (a->next < a->argc)
		err = ctl_arg_dev(a, &cmd->dev);
	return err ? err : ctl_arg_end(a);
}

static int parse_mode(struct ctl_args *a, struct podnet_dev_params *p)
{
	const char *s;
	int err;

	if (p->mode_set)
		return ctl_usage_error(a, "mode given twice");
	err = ctl_arg_value(a, "mode", &s);
	if (err)
		return err;
	if (podnet_mode_from_string(s, &p->mode))
		return ctl_usage_error(a, "bad mode '%s': bridge or routed", s);
	p->mode_set = true;
	return 0;
}

static int parse_ageing(struct ctl_args *a, struct podnet_dev_params *p)
{
	const char *s;
	int err;

	if (p->ageing_time_set)
		return ctl_usage_error(a, "ageing given twice");
	err = ctl_arg_value(a, "ageing", &s);
	if (err)
		return err;
	if (ctl_parse_u32(s, PODNET_AGEING_TIME_MIN, PODNET_AGEING_TIME_MAX,
			  &p->ageing_time))
		return ctl_usage_error(a, "bad ageing time '%s': %u to %u seconds",
				       s, PODNET_AGEING_TIME_MIN,
				       PODNET_AGEING_TIME_MAX);
	p->ageing_time_set = true;
	return 0;
}

#define SETTINGS "mode, ageing, encap, cross-subnet, vni, port, local, " \
	"underlay or routes-max"

int ctl_parse_set(struct ctl_args *a, struct ctl_cmd *cmd)
{
	struct podnet_dev_params *p = &cmd->dev_params;
	const char *key;
	int err;

	cmd->op = CTL_SET;
	err = ctl_arg_dev(a, &cmd->dev);
	while (!err && (key = ctl_arg_next(a))) {
		if (!strcmp(key, "mode"))
			err = parse_mode(a, p);
		else if (!strcmp(key, "ageing"))
			err = parse_ageing(a, p);
		else
			err = ctl_parse_overlay(a, key, cmd);
		if (err == -ENOENT)
			err = ctl_usage_error(a, "unknown setting '%s': " SETTINGS,
					      key);
	}
	if (!err && !p->mode_set && !p->ageing_time_set &&
	    !ctl_overlay_any(&p->overlay))
		err = ctl_usage_error(a, "set needs one of " SETTINGS);
	return err;
}

void ctl_dev_text(FILE *f, const struct podnet_dev *dev, const char *underlay)
{
	fprintf(f, "%s: ifindex %d mode %s ageing %us ports %u endpoints %u fdb %u routes %u\n",
		dev->name, dev->ifindex, podnet_mode_to_string(dev->mode),
		dev->ageing_time, dev->port_count, dev->endpoint_count,
		dev->fdb_count, dev->route_count);
	ctl_overlay_text(f, &dev->overlay, underlay);
}

json_t *ctl_dev_json(const struct podnet_dev *dev, const char *underlay)
{
	json_t *obj;

	obj = json_pack("{s:s, s:i, s:s, s:I, s:I, s:I, s:I, s:I}",
			"ifname", dev->name,
			"ifindex", dev->ifindex,
			"mode", podnet_mode_to_string(dev->mode),
			"ageing_time", (json_int_t)dev->ageing_time,
			"port_count", (json_int_t)dev->port_count,
			"endpoint_count", (json_int_t)dev->endpoint_count,
			"fdb_count", (json_int_t)dev->fdb_count,
			"route_count", (json_int_t)dev->route_count);
	if (obj && ctl_overlay_json(obj, &dev->overlay, underlay)) {
		json_decref(obj);
		obj = NULL;
	}
	return obj;
}

static int print_devs(const struct ctl_cmd *cmd, FILE *out,
		      const struct podnet_dev *devs, size_t count)
{
	json_t *doc = cmd->json ? json_array() : NULL;
	char buf[IF_NAMESIZE];
	const char *underlay;
	size_t i;

	for (i = 0; i < count; i++) {
		underlay = devs[i].overlay.underlay ?
			ctl_ifname(devs[i].overlay.underlay, buf) : NULL;
		if (cmd->json)
			ctl_json_append(&doc, ctl_dev_json(&devs[i], underlay));
		else
			ctl_dev_text(out, &devs[i], underlay);
	}
	return cmd->json ? ctl_emit_json(out, doc) : 0;
}

int ctl_run_show(const struct ctl_cmd *cmd, FILE *out,
		 char *errbuf, size_t errlen)
{
	struct podnet_dev *devs, one;
	size_t count = 1;
	int err;

	if (cmd->dev) {
		devs = &one;
		err = podnet_dev_get(cmd->dev, &one, errbuf, errlen);
	} else {
		err = podnet_dev_list(&devs, &count, errbuf, errlen);
	}
	if (err)
		return err;
	err = print_devs(cmd, out, devs, count);
	if (!cmd->dev)
		free(devs);
	return err;
}

/* Quiet, as ip is; with -j, the device as it now is. */
int ctl_run_set(const struct ctl_cmd *cmd, FILE *out,
		char *errbuf, size_t errlen)
{
	struct podnet_dev_params p = cmd->dev_params;
	struct podnet_dev dev;
	int err;

	err = ctl_resolve_underlay(cmd, &p.overlay, errbuf, errlen);
	if (!err)
		err = podnet_dev_set(cmd->dev, &p, errbuf, errlen);
	if (err || !cmd->json)
		return err;
	err = podnet_dev_get(cmd->dev, &dev, errbuf, errlen);
	return err ? err : print_devs(cmd, out, &dev, 1);
}
