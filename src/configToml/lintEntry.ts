// Bundled on its own into dist/lint.js (the rules of config.toml, about 9 KB)
// and loaded when a config.toml is first linted or completed, not at activation.
export { KNOWN_KEYS, lintConfig } from '../core/configLint';
