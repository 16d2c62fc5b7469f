// Bundled on its own into dist/undici.js and loaded on the first HTTP call,
// so activation does not pay for undici.
export { Agent, request } from 'undici';
