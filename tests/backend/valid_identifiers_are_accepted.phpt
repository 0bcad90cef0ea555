--TEST--
Identifiers of exactly 250 characters and TYPO3-style identifiers with % & - _ are accepted and round-trip
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
$ids = [str_repeat('a', 250), 'tx_news_domain_model_news%5B1%5D', 'a&b', '-leading-dash', '___', 'Z9', 'pageId_42-lang_0%26x&y'];
foreach ($ids as $i => $id) {
    $b->set($id, "value $i", ['tag']);
}
$fresh = cf_pod($meta, $dir);
foreach ($ids as $i => $id) {
    printf("%s: has %s, get %s, remove %s\n", strlen($id) > 40 ? strlen($id) . ' chars' : $id,
        json_encode($fresh->has($id)), json_encode($fresh->get($id) === "value $i"), json_encode($fresh->remove($id)));
}
?>
--EXPECT--
250 chars: has true, get true, remove true
tx_news_domain_model_news%5B1%5D: has true, get true, remove true
a&b: has true, get true, remove true
-leading-dash: has true, get true, remove true
___: has true, get true, remove true
Z9: has true, get true, remove true
pageId_42-lang_0%26x&y: has true, get true, remove true
