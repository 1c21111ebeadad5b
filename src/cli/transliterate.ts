import { PrevodError } from "../errors.js";

export default async function transliterate(): Promise<number> {
  throw new PrevodError("USAGE", "prevod transliterate is not built yet");
}
