import type { ShellCommand } from '../CommandContext';
import { curl, wget } from './download';
import { gunzip, gzip, zcat } from './gzip';
import { cat, echo, head, printf, tail, wc } from './text';
import { cp, ls, mkdir, mv, rm } from './files';
import { falseCommand, pwd, sleep, trueCommand } from './misc';

/** Every command the browser shell knows (builtins such as cd, export, set are handled by the shell). */
export const COMMANDS: Record<string, ShellCommand> = {
  wget,
  curl,
  gunzip,
  gzip,
  zcat,
  cat,
  head,
  tail,
  wc,
  echo,
  printf,
  ls,
  mkdir,
  cp,
  mv,
  rm,
  sleep,
  pwd,
  true: trueCommand,
  false: falseCommand,
};
