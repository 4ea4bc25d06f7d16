// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: on load it commits the fault named by its "kind"
 * parameter, so that tests/vm/splat.sh can check that scripts/vm-run fails
 * the run when the kernel reports it. Never built into podnet.ko.
 */
#include <linux/module.h>
#include <linux/slab.h>

static char *kind = "";
module_param(kind, charp, 0444);
MODULE_PARM_DESC(kind, "warn, kasan, leak or ubsan");

/* Global so the compiler cannot prove the faults away. */
static void *leaked;
static int shift = 40;

/*
 * Leaks several objects: a stale copy of the last pointer may survive on
 * some stack, which kmemleak scans, but not of all of them.
 */
static void podnet_splat_leak(void)
{
	int i;

	for (i = 0; i < 16; i++) {
		WRITE_ONCE(leaked, kmalloc(1024, GFP_KERNEL));
		WRITE_ONCE(leaked, NULL);
	}
}

static int __init podnet_splat_init(void)
{
	char *buf;

	if (!strcmp(kind, "warn")) {
		WARN(1, "podnet_splat: deliberate warning\n");
	} else if (!strcmp(kind, "kasan")) {
		buf = kmalloc(8, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		pr_info("out of bounds: %d\n", READ_ONCE(buf[8 + READ_ONCE(shift) % 2]));
		kfree(buf);
	} else if (!strcmp(kind, "leak")) {
		podnet_splat_leak();
	} else if (!strcmp(kind, "ubsan")) {
		pr_info("shift: %d\n", 1 << READ_ONCE(shift));
	} else {
		return -EINVAL;
	}
	return 0;
}

static void __exit podnet_splat_exit(void)
{
}

module_init(podnet_splat_init);
module_exit(podnet_splat_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("podnet test-only fault injector for the splat scan");

