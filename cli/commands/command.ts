/** Where a command writes; tests capture both streams. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** One `keyhold` subcommand: its name, a one-line summary for --help, and what it does. */
export interface Command {
  name: string;
  summary: string;
  /** The full usage text `keyhold <name> --help` prints. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: string[], output: Output): Promise<number>;
}
