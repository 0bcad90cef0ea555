--TEST--
clusterfile:check and clusterfile:stats on a metadataDsn cache whose Redis port is closed: check exits 1 (metadata failed, round trip not run) in the table and in JSON, stats shows the metadata as "native"; check shows only the DSN as the extension redacts it (no password), stats not even that, on stdout or stderr
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php require __DIR__ . '/inc/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
require __DIR__ . '/inc/typo3ext.inc';

$dir = cf_tmpdir('ext-dsn');
$secret = 'pa55-w0rd-never-shown';
// the native records' HMAC key when no recordKey option is given
$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = str_repeat('k', 96);
cf_ext_configure([
    'pages' => cf_ext_cache([
        'localPath' => $dir,
        // port 1 on loopback: nothing listens, the connect is refused at once
        'metadataDsn' => "redis://cache-user:$secret@127.0.0.1:1/2?prefix=site-a&timeout=0.2",
        'namespace' => ['environment' => 'prod', 'instance' => 'site-a'],
    ]),
]);

$all = '';
foreach ([[], ['--json' => true]] as $input) {
    [$code, $out, $err] = cf_ext_run('clusterfile:check', $input);
    $all .= $out . $err;
    echo 'check', $input ? ' --json' : '', ": exit $code\n";
}
$r = cf_ext_json_lines($out)[0];
echo 'failed: ', json_encode($r['failed']), ', metadata: ', $r['checks']['metadata']['message'], "\n";
echo 'roundTrip: ', $r['checks']['roundTrip']['message'], "\n";

echo 'check printed the password: ', var_export(str_contains($all, $secret), true), ', the redacted DSN: ', var_export(str_contains($all, 'redis://cache-user:***@127.0.0.1:1/2'), true), "\n";

$all = '';
[$code, $out, $err] = cf_ext_run('clusterfile:stats', ['--json' => true]);
$all .= $out . $err;
$s = cf_ext_json_lines($out)[0];
echo "stats --json: exit $code, metadata ", json_encode($s['metadata']), "\n";
[$code, $out, $err] = cf_ext_run('clusterfile:stats');
$all .= $out . $err;
echo "stats: exit $code, native in the table: ", var_export(preg_match('/\| pages +\| [^|]+\| 1073741824 +\| native +\|/', $out) === 1, true), "\n";

echo 'stats printed the password: ', var_export(str_contains($all, $secret), true), ', user printed: ', var_export(str_contains($all, 'cache-user'), true), ', DSN printed: ', var_export(str_contains($all, 'redis://'), true), "\n";
?>
--EXPECTF--
check: exit 1
check --json: exit 1
failed: ["metadata","roundTrip"], metadata: %s127.0.0.1:1%s
roundTrip: not run: %s
check printed the password: false, the redacted DSN: true
stats --json: exit 0, metadata {"kind":"native"}
stats: exit 0, native in the table: true
stats printed the password: false, user printed: false, DSN printed: false
