// The one error for a configuration the server refuses to start with (a connections file with issues,
// an environment variable out of range, credentials that cannot be used). runServer (main.ts) prints its
// message, every issue with its fix, to the terminal instead of logging a stack.
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}
