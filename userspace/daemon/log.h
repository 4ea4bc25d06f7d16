/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetd logs to stderr. Under systemd (stderr is the journal stream) each
 * line starts with the <N> priority prefix journald reads; elsewhere with
 * the level's name.
 */
#ifndef PODNETD_LOG_H
#define PODNETD_LOG_H

#include <syslog.h>

void log_init(int max_level);
void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
