<?php
/*
 * A small "site" for the demo and the cluster scenarios: pages rendered deterministically (the
 * same page renders to the same bytes on every pod, as a real TYPO3 page does for the same
 * content), with TYPO3-style page-cache tags. Rendering costs real CPU, so a cache hit shows.
 */
declare(strict_types=1);

final class DemoSite
{
    public const PAGES = 12;

    /**
     * One page request: the page itself from the page cache (rendered and stored on a miss), and
     * the site menu, which the page uses three times (header, footer, sitemap) - the second and
     * third use come from the request-scoped payload L1.
     *
     * $edition stands for the page's content in the database: an editor's save bumps it.
     *
     * @return array{hit: bool, bytes: int, edition: int}
     */
    public function serve(\TYPO3\CMS\Core\Cache\Frontend\FrontendInterface $pages, int $page, int $edition = 1): array
    {
        for ($use = 0; $use < 3; $use++) {
            if (!is_string($pages->get('menu'))) {
                $pages->set('menu', $this->menu(), ['site_1', 'menu'], 3600);
            }
        }
        $id = 'page_' . $page;
        $html = $pages->get($id);
        $hit = is_string($html);
        if (!$hit) {
            $html = $this->render($page, $edition);
            $pages->set($id, $html, ['pageId_' . $page, 'site_1'], 3600);
        }
        preg_match('/<!-- edition (\d+) -->/', $html, $m);
        return ['hit' => $hit, 'bytes' => strlen($html), 'edition' => (int)($m[1] ?? 0)];
    }

    public function menu(): string
    {
        $out = '<nav><ul>';
        for ($p = 1; $p <= self::PAGES; $p++) {
            $out .= '<li><a href="/page-' . $p . '">Page ' . $p . '</a></li>';
        }
        return $out . "</ul></nav>\n";
    }

    public function render(int $page, int $edition = 1): string
    {
        $title = "Page $page of the clusterfile demo site";
        $out = "<!doctype html><html><head><title>$title</title></head><body><!-- edition $edition --><h1>$title</h1>\n";
        $seed = "page-$page-edition-$edition";
        // Stand-in for TYPO3's rendering work: a few milliseconds of deterministic CPU.
        for ($i = 0; $i < 400; $i++) {
            $seed = hash('sha256', $seed . $i);
            $out .= '<p class="c' . ($i % 7) . '">Paragraph ' . $i . ': ' . str_repeat(substr($seed, 0, 16) . ' ', 8) . "</p>\n";
        }
        return $out . "</body></html>\n";
    }
}
