<?php

$EM_CONF[$_EXTKEY] = [
    'title' => 'clusterfile',
    'description' => 'Console commands (clusterfile:check, clusterfile:gc, clusterfile:stats), a cache:warmup check and a Prometheus metrics endpoint for the clusterfile PHP extension\'s cache backend.',
    'category' => 'be',
    'state' => 'beta',
    'author' => 'clusterfile',
    'version' => '0.1.0',
    'constraints' => [
        'depends' => [
            'typo3' => '14.3.0-14.99.99',
            'php' => '8.2.0-8.99.99',
        ],
        'conflicts' => [],
        'suggests' => [],
    ],
];
