/* SPDX-License-Identifier: BSD-3-Clause
 * EAL command-line options: the usage text, the parsers for each option and
 * eal_parse_args(), which fills eal.opt. Touches nothing but eal.opt (and the
 * getopt globals, restored on return); every check that needs the system
 * (cpus present, sizes) reads lcore.c's topology, detected before parsing.
 * May call: state, log, errno, lcore (topology queries only). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <poll.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_version.h>
#include "eal_private.h"
#include "eal_service.h"
#include "eal_cpu.h"

static rte_usage_hook_t usage_hook;

/* ---- usage ----------------------------------------------------------------------------- */
rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t f)
{
	rte_usage_hook_t old = usage_hook;
	usage_hook = f;
	return old;
}

static void eal_usage(const char *prg)
{
	printf("Usage: %s [EAL options] -- [application options]\n\n"
	       "EAL options:\n"
	       "  -l, --lcores LIST     lcores to run on: '0-3,5' or '(0-1)@2,3@(4,5)'\n"
	       "  -c COREMASK           hexadecimal mask of lcores\n"
	       "  -s SERVICE_COREMASK   hexadecimal mask of service lcores\n"
	       "  -S SERVICE_CORELIST   list of service lcores\n"
	       "  --main-lcore ID       lcore that runs main()\n"
	       "  -n N, -r N            memory channels / ranks (informational)\n"
	       "  -m MB                 memory to use (limit)\n"
	       "  --socket-mem MB,..    memory to preallocate per socket\n"
	       "  --socket-limit MB,..  memory limit per socket\n"
	       "  --huge-dir DIR        hugetlbfs mount to use\n"
	       "  --no-huge             use ordinary 4 KiB pages (still shareable)\n"
	       "  --in-memory           no runtime files at all\n"
	       "  --legacy-mem          map memory up front, never release it\n"
	       "  --single-file-segments, --huge-unlink[=existing|always|never]\n"
	       "  --file-prefix NAME    runtime namespace (default 'rte'): files in\n"
	       "                        /var/run/dpdk/NAME (root), $XDG_RUNTIME_DIR/dpdk/NAME,\n"
	       "                        /tmp/dpdk/NAME or /tmp/dpdk-UID/NAME\n"
	       "  --proc-type TYPE      primary | secondary | auto\n"
	       "  --base-virtaddr ADDR  base address for shared memory\n"
	       "  --iova-mode pa|va\n"
	       "  --log-level LEVEL     N, or TYPE:LEVEL (glob), or REGEX,LEVEL\n"
	       "  --vdev DEV[,ARGS]     add a virtual device\n"
	       "  --no-telemetry, --no-shconf, --no-pci, -a/-b PCI (accepted, no PCI)\n"
	       "  -v                    print version\n"
	       "  -h, --help            this help\n", prg);
	if (usage_hook)
		usage_hook(prg);
}

/* ---- parsing helpers ----------------------------------------------------------------------- */
static int parse_uint(const char *s, unsigned long long max, unsigned long long *out, int base)
{
	char *end;
	if (s == NULL || *s == '\0' || *s == '-')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, base);
	if (errno || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse "a,b-c,d" (optionally in parentheses) into a cpu/lcore set. Returns
 * the number of characters consumed, or -1. Ids must be < limit. */
static int parse_set(const char *s, cpu_set_t *set, unsigned int limit)
{
	const char *p = s;
	bool paren = false;

	CPU_ZERO(set);
	if (*p == '(') {
		paren = true;
		p++;
	}
	for (;;) {
		char *end;
		if (*p < '0' || *p > '9')
			return -1;
		unsigned long a = strtoul(p, &end, 10), b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (*p < '0' || *p > '9')
				return -1;
			b = strtoul(p, &end, 10);
			p = end;
		}
		if (a > b || b >= limit)
			return -1;
		for (unsigned long i = a; i <= b; i++)
			CPU_SET(i, set);
		if (*p == ',' && paren) {
			p++;
			continue;
		}
		break;
	}
	if (paren) {
		if (*p != ')')
			return -1;
		p++;
	}
	return (int)(p - s);
}

static void lcores_reset(struct eal_options *o)
{
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
		o->lcore_role[i] = ROLE_OFF;
		CPU_ZERO(&o->lcore_cpuset[i]);
	}
}

static int check_cpu(const char *opt, unsigned int lcore, unsigned int cpu)
{
	if (!eal_cpu_detected(cpu)) {
		EAL_LOG(ERR, "option %s: lcore %u: cpu %u does not exist on this machine\n",
			opt, lcore, cpu);
		return -1;
	}
	return 0;
}

/* -l 0-3,5 : lcore i runs on cpu i */
static int parse_lcore_list(struct eal_options *o, const char *arg)
{
	lcores_reset(o);
	const char *p = arg;
	for (;;) {
		cpu_set_t set;
		int n = parse_set(p, &set, RTE_MAX_LCORE);
		if (n <= 0 || p[0] == '(')
			goto bad;
		p += n;
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			if (!CPU_ISSET(i, &set))
				continue;
			if (check_cpu("-l", i, i) < 0)
				return -1;
			o->lcore_role[i] = ROLE_RTE;
			CPU_SET(i, &o->lcore_cpuset[i]);
		}
		if (*p == '\0')
			break;
		if (*p != ',')
			goto bad;
		p++;
	}
	return 0;
bad:
	EAL_LOG(ERR, "option -l: malformed lcore list '%s' (ids must be < %d)\n", arg, RTE_MAX_LCORE);
	return -1;
}

/* --lcores '(0-1)@2,3,4@(5,6)' : lcore sets mapped to cpu sets */
static int parse_lcores(struct eal_options *o, const char *arg)
{
	lcores_reset(o);
	const char *p = arg;
	while (*p) {
		cpu_set_t lset, cset;
		int n = parse_set(p, &lset, RTE_MAX_LCORE);
		if (n <= 0)
			goto bad;
		p += n;
		bool mapped = false;
		if (*p == '@') {
			p++;
			n = parse_set(p, &cset, CPU_SETSIZE);
			if (n <= 0)
				goto bad;
			p += n;
			mapped = true;
		}
		for (unsigned int i = 0; i < RTE_MAX_LCORE; i++) {
			if (!CPU_ISSET(i, &lset))
				continue;
			if (o->lcore_role[i] == ROLE_RTE) {
				EAL_LOG(ERR, "option --lcores: lcore %u given twice in '%s'\n", i, arg);
				return -1;
			}
			o->lcore_role[i] = ROLE_RTE;
			if (mapped) {
				o->lcore_cpuset[i] = cset;
			} else {
				CPU_ZERO(&o->lcore_cpuset[i]);
				CPU_SET(i, &o->lcore_cpuset[i]);
			}
			for (unsigned int c = 0; c < CPU_SETSIZE; c++)
				if (CPU_ISSET(c, &o->lcore_cpuset[i]) && check_cpu("--lcores", i, c) < 0)
					return -1;
		}
		if (*p == ',')
			p++;
		else if (*p != '\0')
			goto bad;
	}
	return 0;
bad:
	EAL_LOG(ERR, "option --lcores: malformed lcore map '%s'\n", arg);
	return -1;
}

static int parse_coremask(struct eal_options *o, const char *arg)
{
	const char *p = arg;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	size_t len = strlen(p);
	if (len == 0)
		goto bad;
	lcores_reset(o);
	bool any = false;
	for (size_t k = 0; k < len; k++) {
		char c = p[len - 1 - k];
		int v;
		if (c >= '0' && c <= '9') v = c - '0';
		else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
		else goto bad;
		for (int b = 0; b < 4; b++) {
			if (!(v & (1 << b)))
				continue;
			unsigned int id = (unsigned int)(k * 4 + (size_t)b);
			if (id >= RTE_MAX_LCORE)
				goto bad;
			if (check_cpu("-c", id, id) < 0)
				return -1;
			o->lcore_role[id] = ROLE_RTE;
			CPU_SET(id, &o->lcore_cpuset[id]);
			any = true;
		}
	}
	if (!any)
		goto bad;
	return 0;
bad:
	EAL_LOG(ERR, "option -c: invalid coremask '%s'\n", arg);
	return -1;
}

static int parse_mb_list(const char *opt, const char *arg, uint64_t *out)
{
	const char *p = arg;
	unsigned int i = 0;
	memset(out, 0, sizeof(uint64_t) * RTE_MAX_NUMA_NODES);
	while (*p) {
		char *end;
		if (*p < '0' || *p > '9' || i >= RTE_MAX_NUMA_NODES)
			goto bad;
		unsigned long long mb = strtoull(p, &end, 10);
		if (mb > RTE_MAX_MEM_MB)
			goto bad;
		out[i++] = (uint64_t)mb << 20;
		p = end;
		if (*p == ',' && p[1] != '\0')
			p++;
		else if (*p != '\0')
			goto bad;
	}
	if (i == 0)
		goto bad;
	return 0;
bad:
	EAL_LOG(ERR, "option %s: expected MB values per socket like '1024,0', got '%s'\n", opt, arg);
	return -1;
}

/* -a/-b: DPDK hands these to its PCI bus, which takes [DOMAIN:]BUS:DEV.FUNC
 * (hex; bus <= ff, dev <= 1f, func <= 7) optionally followed by ",args". */
static bool eal_devargs_is_pci(const char *s)
{
	unsigned long part[4];
	int n = 0;
	const char *p = s;
	char *end;
	for (;;) {
		if (!isxdigit((unsigned char)*p))
			return false;
		part[n++] = strtoul(p, &end, 16);
		p = end;
		if (n == 4 || *p != ':')
			break;
		p++;
	}
	if (*p != '.' || n < 2 || n > 3 || !isxdigit((unsigned char)p[1]))
		return false;
	unsigned long fn = strtoul(p + 1, &end, 16);
	if (*end != '\0' && *end != ',')
		return false;
	unsigned long bus = part[n - 2], dev = part[n - 1];
	if (n == 3 && part[0] > 0xffffffffUL)
		return false;
	return bus <= 0xff && dev <= 0x1f && fn <= 7;
}

static bool eal_syslog_facility_ok(const char *f)
{
	static const char *const names[] = {
		"auth", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog",
		"user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5",
		"local6", "local7",
	};
	for (unsigned int i = 0; i < RTE_DIM(names); i++)
		if (strcmp(f, names[i]) == 0)
			return true;
	return false;
}

static bool eal_stack_kb_ok(const char *s)
{
	char *end;
	if (!isdigit((unsigned char)s[0]))
		return s[0] == '\0';
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && v != 0 && v < (unsigned long)-1 / 1024;
}

enum {
	OPT_LONG_MIN = 256,
	OPT_MAIN_LCORE, OPT_SOCKET_MEM, OPT_SOCKET_LIMIT, OPT_HUGE_DIR, OPT_FILE_PREFIX,
	OPT_PROC_TYPE, OPT_NO_HUGE, OPT_IN_MEMORY, OPT_LEGACY_MEM, OPT_SINGLE_FILE,
	OPT_HUGE_UNLINK, OPT_BASE_VIRTADDR, OPT_IOVA_MODE, OPT_LOG_LEVEL, OPT_NO_TELEMETRY,
	OPT_TELEMETRY, OPT_VDEV, OPT_NO_PCI, OPT_NO_SHCONF, OPT_HELP, OPT_LCORES,
	OPT_MBUF_POOL_OPS, OPT_SYSLOG, OPT_MATCH_ALLOC, OPT_CREATE_UIO, OPT_VFIO_INTR,
	OPT_HUGE_WORKER_STACK, OPT_TRACE, OPT_VMWARE_TSC, OPT_ALLOW, OPT_BLOCK,
	OPT_FORCE_MAX_SIMD, OPT_NO_HPET,
};

static const struct option long_opts[] = {
	{ "lcores", required_argument, NULL, OPT_LCORES },
	{ "main-lcore", required_argument, NULL, OPT_MAIN_LCORE },
	{ "socket-mem", required_argument, NULL, OPT_SOCKET_MEM },
	{ "socket-limit", required_argument, NULL, OPT_SOCKET_LIMIT },
	{ "huge-dir", required_argument, NULL, OPT_HUGE_DIR },
	{ "file-prefix", required_argument, NULL, OPT_FILE_PREFIX },
	{ "proc-type", required_argument, NULL, OPT_PROC_TYPE },
	{ "no-huge", no_argument, NULL, OPT_NO_HUGE },
	{ "in-memory", no_argument, NULL, OPT_IN_MEMORY },
	{ "legacy-mem", no_argument, NULL, OPT_LEGACY_MEM },
	{ "single-file-segments", no_argument, NULL, OPT_SINGLE_FILE },
	{ "huge-unlink", optional_argument, NULL, OPT_HUGE_UNLINK },
	{ "base-virtaddr", required_argument, NULL, OPT_BASE_VIRTADDR },
	{ "iova-mode", required_argument, NULL, OPT_IOVA_MODE },
	{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
	{ "no-telemetry", no_argument, NULL, OPT_NO_TELEMETRY },
	{ "telemetry", no_argument, NULL, OPT_TELEMETRY },
	{ "vdev", required_argument, NULL, OPT_VDEV },
	{ "no-pci", no_argument, NULL, OPT_NO_PCI },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "block", required_argument, NULL, OPT_BLOCK },
	{ "no-shconf", no_argument, NULL, OPT_NO_SHCONF },
	{ "mbuf-pool-ops-name", required_argument, NULL, OPT_MBUF_POOL_OPS },
	{ "syslog", required_argument, NULL, OPT_SYSLOG },
	{ "no-hpet", no_argument, NULL, OPT_NO_HPET },
	{ "match-allocations", no_argument, NULL, OPT_MATCH_ALLOC },
	{ "create-uio-dev", no_argument, NULL, OPT_CREATE_UIO },
	{ "vfio-intr", required_argument, NULL, OPT_VFIO_INTR },
	{ "huge-worker-stack", optional_argument, NULL, OPT_HUGE_WORKER_STACK },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "vmware-tsc-map", no_argument, NULL, OPT_VMWARE_TSC },
	{ "force-max-simd-bitwidth", required_argument, NULL, OPT_FORCE_MAX_SIMD },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

void eal_options_defaults(struct eal_options *o)
{
	for (unsigned int i = 0; i < o->nb_vdevs; i++)
		free(o->vdevs[i]);
	free(o->mbuf_pool_ops);
	memset(o, 0, sizeof(*o));
	eal_service_opt_reset();
	eal_vect_force(0);
	o->proc_type = RTE_PROC_PRIMARY;
	o->iova_mode = RTE_IOVA_DC;
	snprintf(o->file_prefix, sizeof(o->file_prefix), "rte");
	/* default lcores: every CPU this process may run on */
	cpu_set_t aff;
	lcores_reset(o);
	if (sched_getaffinity(0, sizeof(aff), &aff) != 0) {
		CPU_ZERO(&aff);
		CPU_SET(0, &aff);
	}
	for (unsigned int c = 0; c < RTE_MAX_LCORE; c++)
		if (CPU_ISSET(c, &aff) && eal_cpu_detected(c)) {
			o->lcore_role[c] = ROLE_RTE;
			CPU_SET(c, &o->lcore_cpuset[c]);
		}
}

/* Returns the index of the first argument not consumed, -1 on error, or -2 when
 * --help/-v asked to print and stop. */
int eal_parse_args(int argc, char **argv)
{
	struct eal_options *o = &eal.opt;
	unsigned long long v;
	int opt, idx, ret = -1;
	bool have_m = false, have_socket_mem = false, huge_worker_stack = false;
	char *prgname = argv[0];

	/* save and reset getopt's global state: the application may use it too */
	int saved_optind = optind, saved_opterr = opterr, saved_optopt = optopt;
	char *saved_optarg = optarg;
	optind = 0;   /* 0: full glibc reinitialisation */
	opterr = 0;

	while ((opt = getopt_long(argc, argv, ":b:c:l:m:n:r:a:d:s:S:hv", long_opts, &idx)) != -1) {
		const char *name = opt >= OPT_LONG_MIN && idx >= 0 ? long_opts[idx].name : NULL;
		switch (opt) {
		case '?':
			if (optopt)
				EAL_LOG(ERR, "unknown option -%c\n", optopt);
			else
				EAL_LOG(ERR, "unknown option %s\n", argv[optind - 1]);
			goto out;
		case ':':
			EAL_LOG(ERR, "option %s requires an argument\n", argv[optind - 1]);
			goto out;
		case 'l':
			if (parse_lcore_list(o, optarg) < 0)
				goto out;
			o->lcores_given = true;
			break;
		case OPT_LCORES:
			if (parse_lcores(o, optarg) < 0)
				goto out;
			o->lcores_given = true;
			break;
		case 'c':
			if (parse_coremask(o, optarg) < 0)
				goto out;
			o->lcores_given = true;
			break;
		case OPT_MAIN_LCORE:
			if (parse_uint(optarg, RTE_MAX_LCORE - 1, &v, 10) < 0) {
				EAL_LOG(ERR, "option --main-lcore: invalid lcore id '%s'\n", optarg);
				goto out;
			}
			o->main_lcore = (unsigned int)v;
			o->main_lcore_set = true;
			break;
		case 'n':
		case 'r':
			/* DPDK 22.11: -n any positive count, -r 1..16 ranks */
			if (parse_uint(optarg, opt == 'r' ? 16 : 64, &v, 10) < 0 || v == 0) {
				EAL_LOG(ERR, "option -%c: invalid number '%s'\n", opt, optarg);
				goto out;
			}
			if (opt == 'n')
				o->nchannel = (unsigned int)v;
			else
				o->nrank = (unsigned int)v;
			break;
		case 'm':
			if (parse_uint(optarg, RTE_MAX_MEM_MB, &v, 10) < 0 || v == 0) {
				EAL_LOG(ERR, "option -m: invalid memory size '%s' (MB)\n", optarg);
				goto out;
			}
			o->memory = (uint64_t)v << 20;
			have_m = true;
			break;
		case OPT_SOCKET_MEM:
			if (parse_mb_list("--socket-mem", optarg, o->socket_mem) < 0)
				goto out;
			o->force_sockets = true;
			have_socket_mem = true;
			break;
		case OPT_SOCKET_LIMIT:
			if (parse_mb_list("--socket-limit", optarg, o->socket_limit) < 0)
				goto out;
			o->force_socket_limits = true;
			break;
		case OPT_HUGE_DIR:
			if (optarg[0] == '\0' || strlen(optarg) >= sizeof(o->hugepage_dir)) {
				EAL_LOG(ERR, "option --huge-dir: invalid directory '%s'\n", optarg);
				goto out;
			}
			snprintf(o->hugepage_dir, sizeof(o->hugepage_dir), "%s", optarg);
			break;
		case OPT_FILE_PREFIX:
			if (optarg[0] == '\0' || strchr(optarg, '/') != NULL ||
			    strlen(optarg) >= sizeof(o->file_prefix) || strcmp(optarg, ".") == 0 ||
			    strcmp(optarg, "..") == 0) {
				EAL_LOG(ERR, "option --file-prefix: invalid prefix '%s' "
					"(1-%zu characters, no '/')\n", optarg, sizeof(o->file_prefix) - 1);
				goto out;
			}
			snprintf(o->file_prefix, sizeof(o->file_prefix), "%s", optarg);
			break;
		case OPT_PROC_TYPE:
			if (strcmp(optarg, "primary") == 0)
				o->proc_type = RTE_PROC_PRIMARY;
			else if (strcmp(optarg, "secondary") == 0)
				o->proc_type = RTE_PROC_SECONDARY;
			else if (strcmp(optarg, "auto") == 0)
				o->proc_type = RTE_PROC_AUTO;
			else {
				EAL_LOG(ERR, "option --proc-type: expected primary, secondary or auto, got '%s'\n", optarg);
				goto out;
			}
			break;
		case OPT_NO_HUGE: o->no_hugetlbfs = true; break;
		case OPT_IN_MEMORY: o->in_memory = true; o->no_shconf = true; o->huge_unlink = true; break;
		case OPT_LEGACY_MEM: o->legacy_mem = true; break;
		case OPT_SINGLE_FILE: o->single_file_segments = true; break;
		case OPT_HUGE_UNLINK:
			if (optarg == NULL || strcmp(optarg, "existing") == 0 || strcmp(optarg, "always") == 0)
				o->huge_unlink = true;
			else if (strcmp(optarg, "never") == 0)
				o->huge_unlink = false;
			else {
				EAL_LOG(ERR, "option --huge-unlink: expected existing, always or never, got '%s'\n", optarg);
				goto out;
			}
			break;
		case OPT_BASE_VIRTADDR:
			/* DPDK 22.11: any hex address, rounded up to 16 MiB; 0 = choose */
			if (parse_uint(optarg, UINT64_MAX - (16u << 20), &v, 16) < 0) {
				EAL_LOG(ERR, "option --base-virtaddr: invalid hex address '%s'\n", optarg);
				goto out;
			}
			o->base_virtaddr = RTE_ALIGN_CEIL(v, (uint64_t)16 << 20);
			break;
		case OPT_IOVA_MODE:
			if (strcmp(optarg, "pa") == 0)
				o->iova_mode = RTE_IOVA_PA;
			else if (strcmp(optarg, "va") == 0)
				o->iova_mode = RTE_IOVA_VA;
			else {
				EAL_LOG(ERR, "option --iova-mode: expected pa or va, got '%s'\n", optarg);
				goto out;
			}
			break;
		case OPT_LOG_LEVEL:
			if (eal_parse_log_level(optarg) < 0) {
				EAL_LOG(ERR, "option --log-level: invalid level '%s' "
					"(N, name, TYPE:LEVEL or REGEX,LEVEL)\n", optarg);
				goto out;
			}
			break;
		case OPT_NO_TELEMETRY: o->no_telemetry = true; break;
		case OPT_TELEMETRY: o->no_telemetry = false; break;
		case OPT_VDEV:
			if (optarg[0] == '\0' || o->nb_vdevs >= RTE_DIM(o->vdevs)) {
				EAL_LOG(ERR, "option --vdev: empty device or too many devices\n");
				goto out;
			}
			if ((o->vdevs[o->nb_vdevs] = strdup(optarg)) == NULL)
				goto out;
			o->nb_vdevs++;
			break;
		case OPT_NO_PCI: o->no_pci = true; break;
		case 'a': case 'b': case OPT_ALLOW: case OPT_BLOCK:
			if (!eal_devargs_is_pci(optarg)) {
				EAL_LOG(ERR, "option %s: '%s' is not a PCI address "
					"([DOMAIN:]BUS:DEV.FUNC[,args], e.g. 0000:09:0b.3); "
					"virtual devices go in --vdev\n", opt == 'a' ? "-a" : opt == 'b' ?
					"-b" : opt == OPT_ALLOW ? "--allow" : "--block", optarg);
				goto out;
			}
			EAL_LOG(DEBUG, "PCI device '%s' ignored: dplite has no PCI bus\n", optarg);
			break;
		case OPT_SYSLOG:
			if (!eal_syslog_facility_ok(optarg)) {
				EAL_LOG(ERR, "option --syslog: unknown facility '%s' (auth, cron, "
					"daemon, ftp, kern, lpr, mail, news, syslog, user, uucp, "
					"local0..local7)\n", optarg);
				goto out;
			}
			break;
		case OPT_HUGE_WORKER_STACK:
			if (optarg != NULL && !eal_stack_kb_ok(optarg)) {
				EAL_LOG(ERR, "option --huge-worker-stack: invalid size '%s' (kB)\n", optarg);
				goto out;
			}
			huge_worker_stack = true;
			break;
		case OPT_NO_HPET:
			break;   /* DPDK accepts it; dplite never uses an HPET */
		case OPT_VFIO_INTR:
			if (strcmp(optarg, "legacy") != 0 && strcmp(optarg, "msi") != 0 &&
			    strcmp(optarg, "msix") != 0) {
				EAL_LOG(ERR, "option --vfio-intr: expected legacy, msi or msix, got '%s'\n",
					optarg);
				goto out;
			}
			break;   /* no VFIO devices: nothing uses it */
		case OPT_NO_SHCONF: o->no_shconf = true; break;
		case OPT_MBUF_POOL_OPS:
			free(o->mbuf_pool_ops);
			if ((o->mbuf_pool_ops = strdup(optarg)) == NULL)
				goto out;
			break;
		case OPT_FORCE_MAX_SIMD:
			if (parse_uint(optarg, UINT16_MAX, &v, 0) < 0 || eal_vect_force((uint16_t)v) < 0) {
				EAL_LOG(ERR, "option --force-max-simd-bitwidth: invalid width '%s'\n", optarg);
				goto out;
			}
			break;
		case 's': case 'S':
			if (eal_service_opt_parse((char)opt, optarg) < 0)
				goto out;
			break;
		case 'd': case OPT_MATCH_ALLOC: case OPT_CREATE_UIO:
		case OPT_TRACE: case OPT_VMWARE_TSC:
			EAL_LOG(DEBUG, "option %s accepted and ignored\n", name ? name : argv[optind - 1]);
			break;
		case 'v':
			printf("%s\n", rte_version());
			break;
		case 'h':
		case OPT_HELP:
			eal_usage(prgname);
			ret = -2;
			goto out;
		default:
			EAL_LOG(ERR, "unhandled option %s\n", argv[optind - 1]);
			goto out;
		}
	}

	/* cross-option checks */
	if (have_m && have_socket_mem) {
		EAL_LOG(ERR, "options -m and --socket-mem cannot be used together\n");
		goto out;
	}
	/* as DPDK: asking memory of a socket the machine does not have fails */
	for (int s = 0; have_socket_mem && s < RTE_MAX_NUMA_NODES; s++) {
		bool exists = false;
		for (unsigned int i = 0; i < rte_socket_count(); i++)
			exists = exists || rte_socket_id_by_idx(i) == s;
		if (o->socket_mem[s] != 0 && !exists) {
			EAL_LOG(ERR, "option --socket-mem: memory asked on socket %d, which this "
				"machine does not have (%u socket%s)\n", s, rte_socket_count(),
				rte_socket_count() == 1 ? "" : "s");
			goto out;
		}
	}
	if (o->no_hugetlbfs && (have_socket_mem || o->force_socket_limits)) {
		EAL_LOG(ERR, "options --socket-mem/--socket-limit cannot be used with --no-huge\n");
		goto out;
	}
	if (o->no_hugetlbfs && huge_worker_stack) {
		EAL_LOG(ERR, "option --huge-worker-stack cannot be used with --no-huge "
			"(worker stacks come from hugepage memory)\n");
		goto out;
	}
	if (o->legacy_mem && o->force_socket_limits) {
		EAL_LOG(ERR, "option --socket-limit cannot be used with --legacy-mem\n");
		goto out;
	}
	if (o->in_memory && o->proc_type == RTE_PROC_SECONDARY) {
		EAL_LOG(ERR, "option --in-memory cannot be used by a secondary process\n");
		goto out;
	}
	unsigned int n_enabled = 0, first = RTE_MAX_LCORE;
	for (unsigned int i = 0; i < RTE_MAX_LCORE; i++)
		if (o->lcore_role[i] == ROLE_RTE) {
			n_enabled++;
			if (first == RTE_MAX_LCORE)
				first = i;
		}
	if (n_enabled == 0) {
		EAL_LOG(ERR, "no lcore enabled\n");
		goto out;
	}
	if (o->main_lcore_set) {
		if (o->lcore_role[o->main_lcore] != ROLE_RTE) {
			EAL_LOG(ERR, "option --main-lcore: lcore %u is not in the lcore list\n", o->main_lcore);
			goto out;
		}
	} else {
		o->main_lcore = first;
	}
	ret = optind;
out:
	if (ret >= 1)
		argv[ret - 1] = prgname;
	optind = saved_optind;
	opterr = saved_opterr;
	optopt = saved_optopt;
	optarg = saved_optarg;
	return ret;
}

