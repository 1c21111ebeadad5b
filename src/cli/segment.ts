import { PrevodError } from "../errors.js";

export default async function segment(): Promise<number> {
  throw new PrevodError("USAGE", "prevod segment is not built yet");
}
