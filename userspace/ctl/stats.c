// SPDX-License-Identifier: GPL-2.0
/* podnetctl stats DEV */
#include <inttypes.h>

#include "ctl.h"

int ctl_parse_stats(struct ctl_args *a, struct ctl_cmd *cmd)
{
	int err;

	cmd->op = CTL_STATS;
	err = ctl_arg_dev(a, &cmd->dev);
	return err ? err : ctl_arg_end(a);
}

static bool reported(const struct podnet_stats *stats, unsigned int i)
{
	return podnet_stats_name(i) && (stats->reported & (1U << i));
}

void ctl_stats_text(FILE *f, const struct podnet_stats *stats)
{
	unsigned int i;

	for (i = 0; i <= PODNET_STATS_A_MAX; i++)
		if (reported(stats, i))
			fprintf(f, "%-18s %" PRIu64 "\n", podnet_stats_name(i),
				stats->counter[i]);
}

/* jansson's integers are signed: a counter past 2^63 would read negative. */
json_t *ctl_stats_json(const struct podnet_stats *stats)
{
	json_t *doc = json_object();
	unsigned int i;

	for (i = 0; doc && i <= PODNET_STATS_A_MAX; i++) {
		if (reported(stats, i) &&
		    json_object_set_new(doc, podnet_stats_name(i),
					json_integer(stats->counter[i]))) {
			json_decref(doc);
			doc = NULL;
		}
	}
	return doc;
}

int ctl_run_stats(const struct ctl_cmd *cmd, FILE *out,
		  char *errbuf, size_t errlen)
{
	struct podnet_stats stats;
	int err;

	err = podnet_stats_get(cmd->dev, &stats, errbuf, errlen);
	if (err)
		return err;
	if (cmd->json)
		return ctl_emit_json(out, ctl_stats_json(&stats));
	ctl_stats_text(out, &stats);
	return 0;
}
