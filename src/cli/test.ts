import { PrevodError } from "../errors.js";

export default async function testCommand(): Promise<number> {
  throw new PrevodError("USAGE", "prevod test is not built yet");
}
