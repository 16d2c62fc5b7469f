// Bundled on its own into dist/lint.js (the rules of config.toml and their
// words) and loaded when a config.toml is first linted or completed, not at activation.
export { KNOWN_KEYS } from '../core/configKeyLint';
export { lintConfig } from '../core/configLint';
export { configFixTitle, describeConfigProblem } from './configProblemText';
