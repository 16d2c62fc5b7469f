/**
 * Set by esbuild.js: whether switches meant for tests (environment variables
 * INFLUXDB_TOKENS_TEST, INFLUXDB_TOKENS_CONSOLE_URL) work. False in a release
 * build, where the code behind it is removed.
 */
declare const TEST_SWITCHES: boolean;
