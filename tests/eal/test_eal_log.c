/* Logging: global and per-type levels, patterns and regexes (also applied to
 * types registered later), dynamic registration, stream redirection, and
 * the current-message level/type seen from inside the stream. */
#include <rte_log.h>
#include <rte_eal.h>
#include "test.h"

RTE_LOG_REGISTER(test_logtype, test.early, NOTICE);

static char buf[8192];

static FILE *capture(void)
{
	memset(buf, 0, sizeof(buf));
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	REQUIRE(f != NULL);
	rte_openlog_stream(f);
	return f;
}

int main(void)
{
	FILE *f = capture();

	/* constructor-registered type got its default level */
	CHECK(test_logtype >= RTE_LOGTYPE_FIRST_EXT_ID);
	CHECK(rte_log_get_level(test_logtype) == (int)RTE_LOG_NOTICE);

	rte_log_set_global_level(RTE_LOG_DEBUG);
	CHECK(RTE_LOG(INFO, EAL, "hello %d\n", 42) > 0);
	fflush(f);
	CHECK(strstr(buf, "EAL: hello 42") != NULL);

	/* per-type level filters */
	CHECK(rte_log_set_level(RTE_LOGTYPE_RING, RTE_LOG_ERR) == 0);
	CHECK(RTE_LOG(INFO, RING, "hidden\n") == 0);
	fflush(f);
	CHECK(strstr(buf, "hidden") == NULL);
	CHECK(rte_log_can_log(RTE_LOGTYPE_RING, RTE_LOG_ERR));
	CHECK(!rte_log_can_log(RTE_LOGTYPE_RING, RTE_LOG_INFO));

	/* global level filters too */
	rte_log_set_global_level(RTE_LOG_WARNING);
	CHECK(RTE_LOG(NOTICE, EAL, "also hidden\n") == 0);
	CHECK(rte_log_get_global_level() == RTE_LOG_WARNING);
	rte_log_set_global_level(RTE_LOG_DEBUG);

	/* bad input */
	CHECK(rte_log_set_level(RTE_LOGTYPE_RING, 99) == -1);
	CHECK(rte_log_set_level(100000, RTE_LOG_INFO) == -1);
	CHECK(rte_log_get_level(100000) == -1);
	CHECK(rte_log_register(NULL) < 0);
	CHECK(rte_log_set_level_regexp("(", RTE_LOG_INFO) == -1);
	CHECK(rte_log_set_level_pattern(NULL, RTE_LOG_INFO) == -1);

	/* registration is idempotent by name */
	int a = rte_log_register("test.dyn.a");
	CHECK(a >= RTE_LOGTYPE_FIRST_EXT_ID);
	CHECK(rte_log_register("test.dyn.a") == a);
	CHECK(rte_log_get_level(a) == (int)RTE_LOG_INFO);

	/* patterns apply now and to later registrations */
	CHECK(rte_log_set_level_pattern("test.dyn.*", RTE_LOG_DEBUG) == 0);
	CHECK(rte_log_get_level(a) == (int)RTE_LOG_DEBUG);
	int b = rte_log_register_type_and_pick_level("test.dyn.b", RTE_LOG_ERR);
	CHECK(rte_log_get_level(b) == (int)RTE_LOG_DEBUG);
	CHECK(rte_log_set_level_regexp("^test\\.dyn\\.b$", RTE_LOG_CRIT) == 0);
	CHECK(rte_log_get_level(b) == (int)RTE_LOG_CRIT && rte_log_get_level(a) == (int)RTE_LOG_DEBUG);

	/* dump lists the types */
	fclose(f);
	f = capture();
	rte_log_dump(f);
	fflush(f);
	CHECK(strstr(buf, "test.dyn.a") != NULL && strstr(buf, "lib.eal") != NULL);
	fclose(f);
	f = capture();
	rte_log_list_types(f, "\t> ");
	fflush(f);
	CHECK(strstr(buf, "\t> test.dyn.b\n") != NULL && strstr(buf, "\t> lib.eal\n") != NULL);

	/* current message level and type are visible while printing */
	rte_log(RTE_LOG_WARNING, a, "x\n");
	CHECK(rte_log_cur_msg_loglevel() == (int)RTE_LOG_WARNING);
	CHECK(rte_log_cur_msg_logtype() == a);

	/* --log-level via rte_eal_init, including a type registered afterwards */
	fclose(f);
	f = capture();
	test_eal_init("log", (const char *const[]){ "-l", "0", "--log-level=test.late.*:warning",
						    "--log-level", "lib.mempool,3", NULL });
	int late = rte_log_register("test.late.x");
	CHECK(rte_log_get_level(late) == (int)RTE_LOG_WARNING);
	CHECK(rte_log_get_level(RTE_LOGTYPE_MEMPOOL) == (int)RTE_LOG_CRIT);
	rte_eal_cleanup();

	/* NULL stream means stderr */
	rte_openlog_stream(NULL);
	CHECK(rte_log_get_stream() == stderr);
	fclose(f);
	return test_done();
}
