// Pulls the shared Fluent files from ../locales into the bundle as text, so the server and the app speak from one source.

/** `lang -> file name -> source`, e.g. `sources.hi['app.ftl']`. errors.ftl is written by the server team and may be missing. */
export type FtlSources = Record<string, Record<string, string>>;

const files = import.meta.glob<string>('../../../locales/*/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const sources: FtlSources = {};
for (const [path, text] of Object.entries(files)) {
  const m = /locales\/([^/]+)\/([^/]+\.ftl)$/.exec(path);
  if (!m) continue;
  const [, lang, file] = m as unknown as [string, string, string];
  (sources[lang] ??= {})[file] = text;
}
