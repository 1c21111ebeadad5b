import { PrevodError } from "../errors.js";

export default async function check(): Promise<number> {
  throw new PrevodError("USAGE", "prevod check is not built yet");
}
