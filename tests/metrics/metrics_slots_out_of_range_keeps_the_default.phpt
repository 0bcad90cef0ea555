--TEST--
clusterfile.metrics_slots outside 1..65536 is refused at startup with a warning naming it; the default 256 stays
--EXTENSIONS--
clusterfile
--INI--
clusterfile.metrics_slots=0
--FILE--
<?php
var_dump(ini_get('clusterfile.metrics_slots'));
echo str_starts_with(ClusterFile\metrics(), '# HELP clusterfile_') ? "metrics on\n" : "metrics off\n";
?>
--EXPECTF--
%AWarning: PHP Startup: clusterfile.metrics_slots must be between 1 and 65536, "0" given in Unknown on line 0
string(3) "256"
metrics on
