import { PrevodError } from "../errors.js";

export default async function langid(): Promise<number> {
  throw new PrevodError("USAGE", "prevod langid is not built yet");
}
