<?php
/*
 * A Prometheus scrape endpoint for clusterfile's shared counters (ClusterFile\metrics()).
 *
 * Place it in the same PHP-FPM pool as the application (the counters are shared by the workers of
 * one master) and expose it to the scraper only, e.g. with nginx:
 *
 *   location = /-/clusterfile-metrics {
 *       allow 10.0.0.0/8; deny all;
 *       include fastcgi_params;
 *       fastcgi_param SCRIPT_FILENAME /app/examples/metrics.php;
 *       fastcgi_pass unix:/run/php/php8.2-fpm.sock;
 *   }
 *
 * examples/kubernetes.yaml serves it on a port of its own instead (9253, /metrics), which no Service
 * exposes, with the scrape configuration that adds the pod label the Grafana dashboard uses.
 */
declare(strict_types=1);

if (!function_exists('ClusterFile\metrics')) {
    http_response_code(503);
    header('Content-Type: text/plain; charset=utf-8');
    echo "# the clusterfile extension is not loaded\n";
    return;
}
header('Content-Type: text/plain; version=0.0.4; charset=utf-8');
header('Cache-Control: no-store');
echo ClusterFile\metrics();
