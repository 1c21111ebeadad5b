import { z } from "zod";

/** A whole number option; a string of digits (from an environment variable) is read as one. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess((value) => (typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value), z.int().min(min).max(max));
