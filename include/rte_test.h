/* SPDX-License-Identifier: BSD-3-Clause
 * Assertion macros for test functions that return int: on failure they log
 * one EAL error line naming the function and line, call
 * RTE_TEST_TRACE_FAILURE (define it before including this header to hook
 * failures), and return -1 from the calling function. */
#ifndef _RTE_TEST_H_
#define _RTE_TEST_H_

#include <rte_log.h>

#ifndef RTE_TEST_TRACE_FAILURE
#define RTE_TEST_TRACE_FAILURE(_file, _line, _func)
#endif

#define RTE_TEST_ASSERT(cond, msg, ...) do { \
	if (!(cond)) { \
		RTE_LOG(ERR, EAL, "Test assert %s line %d failed: " msg "\n", \
			__func__, __LINE__, ##__VA_ARGS__); \
		RTE_TEST_TRACE_FAILURE(__FILE__, __LINE__, __func__); \
		return -1; \
	} \
} while (0)

#define RTE_TEST_ASSERT_EQUAL(a, b, msg, ...) RTE_TEST_ASSERT(a == b, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_NOT_EQUAL(a, b, msg, ...) RTE_TEST_ASSERT(a != b, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_SUCCESS(val, msg, ...) RTE_TEST_ASSERT(val == 0, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_FAIL(val, msg, ...) RTE_TEST_ASSERT(val != 0, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_NULL(val, msg, ...) RTE_TEST_ASSERT(val == NULL, msg, ##__VA_ARGS__)
#define RTE_TEST_ASSERT_NOT_NULL(val, msg, ...) RTE_TEST_ASSERT(val != NULL, msg, ##__VA_ARGS__)

#endif
