--TEST--
examples/kubernetes.yaml: the cluster-cache emptyDir's sizeLimit is at least the sum of the localMaxBytes of examples/settings.php's clusterfile caches, and every localPath lies on that volume
--INI--
; PCRE's JIT code reads past the subject under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
$root = dirname(__DIR__, 2);
$yaml = (string)file_get_contents("$root/examples/kubernetes.yaml");
// settings.php needs no TYPO3: X::class of an imported name is resolved when compiling
$settings = require "$root/examples/settings.php";

/** Bytes of a Kubernetes quantity (2Gi, 1536Mi, 2G, 2147483648); null for anything else. */
function quantity(string $q): ?int
{
    $units = ['' => 1, 'k' => 1000, 'M' => 1000 ** 2, 'G' => 1000 ** 3, 'T' => 1000 ** 4,
        'Ki' => 1024, 'Mi' => 1024 ** 2, 'Gi' => 1024 ** 3, 'Ti' => 1024 ** 4];
    if (!preg_match('/^"?([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?"?$/', $q, $m)) {
        return null;
    }
    return (int)floor((float)$m[1] * $units[$m[2] ?? '']);
}

// The volume: "- name: cluster-cache" followed by "emptyDir:" and its sizeLimit.
preg_match_all('/- name: cluster-cache\n\s+emptyDir:\n\s+sizeLimit: *(\S+)/', $yaml, $m);
echo 'emptyDir volumes named cluster-cache: ', count($m[1]), "\n";
$limit = quantity($m[1][0] ?? '');
echo 'sizeLimit: ', $m[1][0] ?? '-', ' = ', $limit ?? 'unreadable', "\n";
// Where the web container (and the GC sidecar) mount it.
preg_match_all('/- name: cluster-cache\n\s+mountPath: *(\S+)/', $yaml, $m);
$mounts = array_unique($m[1]);
echo 'mountPath: ', implode(', ', $mounts), "\n";

// Each distinct localPath counts once, with the largest budget any cache on it has.
$budgets = [];
foreach ($settings['SYS']['caching']['cacheConfigurations'] as $name => $conf) {
    if (!in_array(strtolower(ltrim($conf['backend'] ?? '', '\\')), ['clusterfile\typo3\clusterfilebackend', 'clusterfile\nativebackend'], true)) {
        continue;
    }
    $path = rtrim($conf['options']['localPath'], '/');
    $bytes = $conf['options']['localMaxBytes'] ?? 1073741824;
    if ($bytes === 0) {
        echo "$name: localMaxBytes 0 (unlimited) fits no sizeLimit\n";
    }
    $onVolume = false;
    foreach ($mounts as $mount) {
        $onVolume = $onVolume || str_starts_with($path . '/', rtrim($mount, '/') . '/');
    }
    echo "$name: ", $bytes, ' bytes in ', $path, $onVolume ? '' : ' (NOT on the volume)', "\n";
    $budgets[$path] = max($budgets[$path] ?? 0, $bytes);
}
$sum = array_sum($budgets);
echo 'sum of the budgets: ', $sum, "\n";
echo 'sizeLimit holds them: ', $limit !== null && $limit >= $sum ? 'yes' : 'NO', ', headroom ', ($limit ?? 0) - $sum, " bytes\n";
?>
--EXPECT--
emptyDir volumes named cluster-cache: 1
sizeLimit: 2Gi = 2147483648
mountPath: /app/var/cache/cluster
pages: 1073741824 bytes in /app/var/cache/cluster/pages
rootline: 268435456 bytes in /app/var/cache/cluster/rootline
typoscript: 268435456 bytes in /app/var/cache/cluster/typoscript
sum of the budgets: 1610612736
sizeLimit holds them: yes, headroom 536870912 bytes
