/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: the start of every podnet family request. */
#ifndef PODNET_GENL_MSG_H
#define PODNET_GENL_MSG_H

#include <stddef.h>
#include <stdint.h>

struct nl_msg;

/* A request of size bytes at most about the device ifindex; NULL: no memory. */
struct nl_msg *podnet_genl_msg_new(int family, uint8_t cmd, int flags,
				   int ifindex, size_t size);
/* Frees msg when err is set: builders end with "return ...(msg, err)". */
struct nl_msg *podnet_genl_msg_done(struct nl_msg *msg, int err);

#endif /* PODNET_GENL_MSG_H */
