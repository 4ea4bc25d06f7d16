// SPDX-License-Identifier: GPL-2.0
/* podnetctl: inspect and configure podnet devices. See podnetctl(8). */
#include <stdio.h>

#include "ctl.h"

int main(int argc, char **argv)
{
	return ctl_main(argc, argv, stdout, stderr);
}
