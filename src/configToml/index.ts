// Bundled on its own into dist/configFileCommands.js and loaded when a
// config.toml command (open, create, choose, add a profile, set influxctl's path, save as
// UTF-8) first runs, so activation does not pay for them.
export { AddProfile } from './addProfile';
export { ConfigFileCommands } from './configFileCommands';
