import { PrevodError } from "../errors.js";

export default async function run(): Promise<number> {
  throw new PrevodError("USAGE", "prevod run is not built yet");
}
