/** `npm run bench`: every benchmark of the project, printed as plain lines. */
import { benchEmulator } from "./emulator.bench";
import { benchPipeline, benchSigning } from "./client.bench";
import { formatResult } from "./load";

async function main(): Promise<void> {
  console.log("client");
  console.log(benchSigning());
  console.log(await benchPipeline());
  console.log("emulator (separate process, signed requests)");
  for (const result of await benchEmulator()) console.log(formatResult(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
