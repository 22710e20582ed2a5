export {
  loadConfig,
  ConfigError,
  Secret,
  type Config,
  type ServerConfig,
  type Env,
} from './load.js';
export { configSchema, type ConfigInput } from './schema.js';
