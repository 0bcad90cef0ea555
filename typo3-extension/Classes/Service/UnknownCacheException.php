<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Service;

/** A --cache name that is not configured, or not a clusterfile cache (a usage error: exit code 2). */
final class UnknownCacheException extends \InvalidArgumentException
{
}
