/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PODNET_KUNIT_UTIL_H
#define _PODNET_KUNIT_UTIL_H

#include <kunit/test.h>

#include "../podnet.h"

/* A registered podnet device in init_net, unregistered when the test ends. */
struct podnet_dev *podnet_test_dev(struct kunit *test);

/*
 * A stand-in port of @pn: the tables only compare port pointers and read
 * the device for its ifindex.
 */
struct podnet_port *podnet_test_port(struct kunit *test, struct podnet_dev *pn);

#endif /* _PODNET_KUNIT_UTIL_H */
