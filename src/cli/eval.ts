import { PrevodError } from "../errors.js";

export default async function evalCommand(): Promise<number> {
  throw new PrevodError("USAGE", "prevod eval is not built yet");
}
