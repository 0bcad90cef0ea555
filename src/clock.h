/*
 * clusterfile: the monotonic clock of ages, rechecks and durations (L1 age, the guard's horizon,
 * the Sentinel recheck, check()'s step times): wall-clock jumps never lengthen or shorten them.
 * Zend-free.
 */
#ifndef CF_CLOCK_H
#define CF_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Nanoseconds of CLOCK_MONOTONIC; 0 when the clock cannot be read. */
static inline int64_t cf_monotonic_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0;
	}
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Milliseconds of CLOCK_MONOTONIC; 0 when the clock cannot be read. */
static inline int64_t cf_monotonic_ms(void)
{
	return cf_monotonic_ns() / 1000000;
}

#endif
