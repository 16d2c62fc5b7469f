/** What influxctl accepts in config.toml: a bundle of its own (dist/lint.js), loaded on first use. */
export function configRules(): typeof import('./lintEntry') {
  return require('./lint.js');
}
