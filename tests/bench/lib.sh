# shellcheck shell=bash
# What the benchmark scripts share: messages, time, medians and ratios.

say() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
# median: of the numbers on stdin (space or newline separated), "-" if none
median() { tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -g |
	awk '{a[NR]=$1} END {if (!NR) print "-"; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# ratio A B: "A/Bx", or n/a unless both are positive
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a+0 > 0 && b+0 > 0) printf "%.2fx", a / b; else printf "n/a"}'; }
# kmem_kb: the kernel's Slab + VmallocUsed in KiB (the FIB's large trie
# nodes are vmalloc'd, so both count)
kmem_kb() { awk '$1 == "Slab:" || $1 == "VmallocUsed:" {s += $2} END {print s}' /proc/meminfo; }
