<?php

// The scrape endpoint answers before TYPO3 resolves a site, a page or a user: a scrape never
// boots a page, and it works on a host name no site is configured for (the pod's own address).
return [
    'frontend' => [
        'clusterfile/metrics' => [
            'target' => \ClusterFile\Typo3Extension\Middleware\MetricsMiddleware::class,
            'before' => [
                'typo3/cms-frontend/timetracker',
                'typo3/cms-core/normalized-params-attribute',
                'typo3/cms-core/verify-host-header',
                'typo3/cms-frontend/site',
            ],
        ],
    ],
];
