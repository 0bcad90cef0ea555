<?php

/**
 * @generate-function-entries
 * @undocumentable
 */

namespace ClusterFile {
    /**
     * Ends the current unit of work for every backend of this PHP process: their L1s (metadata
     * records, payloads, verified PHP files) are emptied before their next use. Worker runtimes
     * (FrankenPHP worker mode, RoadRunner, Swoole, queue consumers) call it once per unit of work.
     */
    function reset(): void {}
}
