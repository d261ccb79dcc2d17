// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import rehypeFocusableTables from './src/plugins/rehypeFocusableTables.mjs';
import cspIntegration from './src/plugins/cspIntegration.mjs';

// BASE_PATH lets a teacher host the site under a sub-path, e.g. a GitHub Pages
// project site: BASE_PATH=/my-repo/ npm run build
const base = process.env.BASE_PATH || '/';
const site = process.env.SITE_URL || undefined;

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  markdown: { rehypePlugins: [rehypeFocusableTables] },
  integrations: [
    starlight({
      title: { en: 'Kestra Playground · DE Zoomcamp Module 2', 'zh-TW': 'Kestra 練習場 · DE Zoomcamp 第二單元' },
      description: 'Workflow orchestration with Kestra, with flows that run in your browser.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-tw': { label: '繁體中文', lang: 'zh-TW' },
      },
      favicon: '/favicon.svg',
      // wrap long lines in code listings instead of scrolling them sideways
      expressiveCode: { defaultProps: { wrap: true } },
      customCss: ['./src/styles/playground.css', './src/styles/playground-views.css'],
      sidebar: [
        {
          label: 'Module 2: Workflow Orchestration',
          translations: { 'zh-TW': '第二單元：工作流程協調' },
          items: [
            { slug: 'what-is-orchestration' },
            { slug: 'learn-kestra' },
            { slug: 'etl-postgres' },
            { slug: 'scheduling-backfills' },
            { slug: 'dbt' },
          ],
        },
        {
          label: 'Reference',
          translations: { 'zh-TW': '參考資料' },
          items: [
            { slug: 'run-on-kestra' },
            { slug: 'glossary' },
          ],
        },
      ],
    }),
    react(),
    cspIntegration(),
  ],
  vite: {
    optimizeDeps: { exclude: ['@electric-sql/pglite', 'pyodide', '@duckdb/duckdb-wasm'] },
    worker: { format: 'es' },
  },
});
