import { PrevodError } from "../errors.js";

export default async function validate(): Promise<number> {
  throw new PrevodError("USAGE", "prevod validate is not built yet");
}
