/*
 * clusterfile: the monotonic clock of ages and rechecks (L1 age, the guard's horizon, the Sentinel
 * recheck): wall-clock jumps never lengthen or shorten them. Zend-free.
 */
#ifndef CF_CLOCK_H
#define CF_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Milliseconds of CLOCK_MONOTONIC; 0 when the clock cannot be read. */
static inline int64_t cf_monotonic_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0;
	}
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
