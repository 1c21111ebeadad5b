import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { glob } from "tinyglobby";
import { INPUT_EXTENSIONS, isInputFile, unreadable } from "./files.js";

/**
 * The input files under a folder, recursively, in a stable order (names sorted by code point,
 * depth first). Only one directory listing is held at a time per level, so a folder of 100,000
 * files costs their names, never their contents. Hidden entries (".git", ".DS_Store") are
 * skipped; symbolic links are followed, each real folder once, so a link loop ends.
 * @throws PrevodError INPUT_INVALID when the folder itself cannot be read.
 */
export async function* walkFolder(root: string, warn: (message: string) => void): AsyncGenerator<string> {
  const visited = new Set<string>();
  async function* walk(folder: string, isRoot: boolean): AsyncGenerator<string> {
    let names: string[];
    try {
      const real = await realpath(folder);
      if (visited.has(real)) return;
      visited.add(real);
      names = (await readdir(folder)).sort();
    } catch (error) {
      if (isRoot) throw unreadable(folder, error);
      warn(`${unreadable(folder, error).message}; skipped`);
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const path = join(folder, name);
      let info;
      try {
        info = await stat(path);
      } catch (error) {
        warn(`${unreadable(path, error).message}; skipped`);
        continue;
      }
      if (info.isDirectory()) yield* walk(path, false);
      else if (info.isFile() && isInputFile(name)) yield path;
    }
  }
  yield* walk(root, true);
}

/**
 * The files a glob pattern matches, sorted. Paths keep the pattern's form (relative or absolute).
 * The matched names are held in memory (tinyglobby returns them at once); contents never are.
 * Matched files with an extension prevod does not read are reported and left out.
 */
export async function expandGlob(pattern: string, warn: (message: string) => void): Promise<string[]> {
  const paths = await glob(pattern, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(pattern) });
  const inputs: string[] = [];
  for (const path of paths.sort()) {
    if (isInputFile(path)) inputs.push(path);
    else warn(`${path}: matched ${pattern} but is not an input file (${INPUT_EXTENSIONS.join(" ")}); skipped`);
  }
  return inputs;
}
