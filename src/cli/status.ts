import { PrevodError } from "../errors.js";

export default async function status(): Promise<number> {
  throw new PrevodError("USAGE", "prevod status is not built yet");
}
