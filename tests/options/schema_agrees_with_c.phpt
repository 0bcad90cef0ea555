--TEST--
schema/options.schema.json and the C validator agree: defaults, ranges, enums, patterns, lengths, types, required keys and additionalProperties
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Exception\InvalidCacheException;

$schema = json_decode(file_get_contents(__DIR__ . '/../../schema/options.schema.json'), true, 512, JSON_THROW_ON_ERROR);
$base = ['localPath' => '/tmp/cf-schema', 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => ['environment' => 'prod', 'instance' => 'site']];
$checks = 0;
$problems = [];

/** true: constructed; false: InvalidCacheException 1747500003 (anything else is a problem). */
$accepts = function (array $o) use (&$problems): bool {
    try {
        new ClusterFileBackend($o);
        return true;
    } catch (InvalidCacheException $e) {
        if ($e->getCode() !== 1747500003) {
            $problems[] = 'unexpected code ' . $e->getCode();
        }
        return false;
    }
};
$dsnBase = $base;
unset($dsnBase['metadataCacheIdentifier']);
$dsnBase['metadataDsn'] = 'redis://127.0.0.1:6379';
$with = function (?string $parent, string $prop, mixed $v) use ($base, $dsnBase, $schema): array {
    // an option that only applies beside another (dependentRequired) is tried beside it
    if ($parent === null && in_array('metadataDsn', $schema['dependentRequired'][$prop] ?? [], true)) {
        $base = $dsnBase;
        if ($prop !== 'recordKey') {
            $base['recordKey'] = str_repeat('k', 16); // the native store's records are signed
        }
    }
    if ($parent === null) {
        $base[$prop] = $v;
    } else {
        $base[$parent][$prop] = $v;
    }
    return $base;
};
$expect = function (bool $want, ?string $parent, string $prop, mixed $v, string $why) use ($accepts, $with, &$checks, &$problems): void {
    $checks++;
    if ($accepts($with($parent, $prop, $v)) !== $want) {
        $shown = is_string($v) && strlen($v) > 40 ? strlen($v) . ' bytes' : var_export($v, true);
        $problems[] = ($parent ? "$parent." : '') . "$prop = $shown: schema says " . ($want ? 'accept' : 'reject') . " ($why)";
    }
};

// Strings to try against every pattern (plus some random ones from a fixed seed).
mt_srand(20240501);
$samples = ['', 'a', 'A', '0', '_', '-', '/', '//', '/x', '/var/cache/../x', 'x/', 'abc', 'ABC', 'aB9', 'a-b', 'a_b', 'a.b', 'a b',
    'IMAGE_TAG', '_X', '9X', 'X9', 'site-01', 'cluster_meta', "a\n", "/a\n", str_repeat('a', 64), str_repeat('a', 65),
    str_repeat('A', 64), 'A' . str_repeat('_', 63), 'A' . str_repeat('_', 64), str_repeat('9', 64), '%', '&'];
$alphabet = 'aZ09_-/. %';
for ($i = 0; $i < 60; $i++) {
    $s = '';
    for ($n = mt_rand(1, 70); $n > 0; $n--) {
        $s .= $alphabet[mt_rand(0, strlen($alphabet) - 1)];
    }
    $samples[] = $s;
}

$minimal = new ClusterFileBackend($base);
$options = $minimal->getOptions();
$synonym = ['defaultLifetime' => 'defaultLifetimeSeconds'];

$walk = function (array $node, ?string $parent) use (&$walk, $expect, $accepts, $with, $samples, $options, $synonym, $base, &$checks, &$problems): void {
    // required
    foreach ($node['required'] ?? [] as $req) {
        $o = $base;
        if ($parent === null) {
            unset($o[$req]);
        } else {
            unset($o[$parent][$req]);
        }
        $checks++;
        if ($accepts($o)) {
            $problems[] = "without required " . ($parent ? "$parent." : '') . "$req: accepted";
        }
    }
    // additionalProperties
    if (($node['additionalProperties'] ?? true) === false) {
        $expect(false, $parent, 'notAnOption', 1, 'additionalProperties false');
    }
    foreach ($node['properties'] as $prop => $def) {
        $types = (array) ($def['type'] ?? []);
        $key = $synonym[$prop] ?? $prop;
        if (array_key_exists('default', $def)) {
            $checks++;
            $actual = $parent === null ? ($options[$key] ?? '(missing)') : ($options[$parent][$key] ?? '(missing)');
            if ($actual !== $def['default']) {
                $problems[] = "default of $prop: schema " . var_export($def['default'], true) . ', getOptions() ' . var_export($actual, true);
            }
        }
        if (in_array('object', $types, true) && isset($def['properties'])) {
            $expect(false, $parent, $prop, 'not-an-object', 'type object');
            $walk($def, $prop);
            continue;
        }
        if ($types === ['object']) {
            $expect(true, $parent, $prop, new FakeMetaFrontend(), 'type object');
            $expect(false, $parent, $prop, 'x', 'type object');
            continue;
        }
        if (in_array('integer', $types, true)) {
            $expect(false, $parent, $prop, '1', 'integer type, no coercion');
            $expect(false, $parent, $prop, 1.0, 'integer type, no coercion');
            if (isset($def['minimum'])) {
                $expect(true, $parent, $prop, $def['minimum'], 'minimum');
                $expect(false, $parent, $prop, $def['minimum'] - 1, 'minimum - 1');
            }
            if (isset($def['maximum'])) {
                $expect(true, $parent, $prop, $def['maximum'], 'maximum');
                $expect(false, $parent, $prop, $def['maximum'] + 1, 'maximum + 1');
            }
            continue;
        }
        if (isset($def['enum'])) {
            foreach ($def['enum'] as $v) {
                $expect(true, $parent, $prop, $v, 'enum member');
            }
            $expect(false, $parent, $prop, 'not-in-enum', 'enum non-member');
            if (!in_array('boolean', $types, true)) {
                $expect(false, $parent, $prop, true, 'type ' . implode('|', $types));
            }
            $expect(false, $parent, $prop, 7, 'type ' . implode('|', $types));
            continue;
        }
        if ($types === ['boolean']) {
            $expect(true, $parent, $prop, true, 'boolean');
            $expect(true, $parent, $prop, false, 'boolean');
            $expect(false, $parent, $prop, 1, 'boolean type, no coercion');
            continue;
        }
        if ($types === ['string']) {
            $expect(false, $parent, $prop, 7, 'type string');
            $max = $def['maxLength'] ?? null;
            if (isset($def['pattern'])) {
                // JSON-schema regexes: unanchored unless written so, and "$" never matches before a final "\n"
                $re = '#' . $def['pattern'] . '#D';
                foreach ($samples as $s) {
                    $want = preg_match($re, $s) === 1 && ($max === null || strlen($s) <= $max);
                    $expect($want, $parent, $prop, $s, 'pattern ' . $def['pattern']);
                }
            }
            if (isset($def['minLength'])) {
                $expect(true, $parent, $prop, str_repeat('k', $def['minLength']), 'minLength');
                $expect(false, $parent, $prop, str_repeat('k', $def['minLength'] - 1), 'minLength - 1');
            }
            if ($max !== null) {
                // a valid value of exactly maxLength characters, and one more
                $ok = $base[$prop] ?? str_repeat('x', $def['minLength'] ?? 1);
                $expect(true, $parent, $prop, str_pad($ok, $max, 'a'), 'maxLength');
                $expect(false, $parent, $prop, str_pad($ok, $max + 1, 'a'), 'maxLength + 1');
            }
            continue;
        }
        $problems[] = "$prop: this test does not know how to check " . json_encode($def);
    }
};
$walk($schema, null);

// anyOf: one of metadataCacheIdentifier / metadataCache is required
foreach ($schema['anyOf'] ?? [] as $alt) {
    $o = $base;
    unset($o['metadataCacheIdentifier']);
    foreach ($alt['required'] as $req) {
        $o[$req] ??= match ($req) {
            'metadataCache' => new FakeMetaFrontend(),
            'metadataDsn' => 'redis://127.0.0.1:6379',
            default => 'cluster_meta',
        };
        if ($req === 'metadataDsn') {
            $o['recordKey'] = str_repeat('k', 16); // or SYS.encryptionKey: the store's records are signed
        }
    }
    $checks++;
    if (!$accepts($o)) {
        $problems[] = 'anyOf alternative ' . json_encode($alt['required']) . ' rejected';
    }
}
$o = $base;
unset($o['metadataCacheIdentifier']);
$checks++;
if ($accepts($o)) {
    $problems[] = 'neither anyOf alternative given: accepted';
}

// dependentSchemas: metadataDsn excludes the other two; dependentRequired: recordKey needs metadataDsn
foreach (['metadataCacheIdentifier' => 'cluster_meta', 'metadataCache' => new FakeMetaFrontend()] as $other => $v) {
    $checks++;
    if ($accepts($dsnBase + [$other => $v])) {
        $problems[] = "metadataDsn beside $other: accepted";
    }
}
$checks++;
if ($accepts($base + ['recordKey' => str_repeat('k', 16)])) {
    $problems[] = 'recordKey without metadataDsn: accepted';
}
// getOptions() of a native backend names its options too
$options += (new ClusterFileBackend($dsnBase + ['recordKey' => str_repeat('k', 16)]))->getOptions();

// the same option names on both sides (defaultLifetime is reported as defaultLifetimeSeconds)
$schemaNames = array_map(fn ($p) => $synonym[$p] ?? $p, array_keys($schema['properties']));
echo "getOptions() keys missing from the schema: ", json_encode(array_values(array_diff(array_keys($options), $schemaNames))), "\n";
echo "schema properties missing from getOptions(): ", json_encode(array_values(array_diff($schemaNames, array_keys($options)))), "\n";
echo "checks >= 300: ", json_encode($checks >= 300), "\n";
echo "problems: ", $problems ? "\n" . implode("\n", $problems) : 'none', "\n";
?>
--EXPECT--
getOptions() keys missing from the schema: []
schema properties missing from getOptions(): []
checks >= 300: true
problems: none
