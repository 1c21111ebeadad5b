import { PrevodError } from "../errors.js";

export default async function bulletin(): Promise<number> {
  throw new PrevodError("USAGE", "prevod bulletin is not built yet");
}
