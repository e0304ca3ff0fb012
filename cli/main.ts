import { runCli } from './run-cli';

const output = { out: (text: string) => console.log(text), err: (text: string) => console.error(text) };
process.exitCode = await runCli(process.argv.slice(2), output);
