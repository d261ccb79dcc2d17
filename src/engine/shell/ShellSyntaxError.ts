export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(`sh: syntax error: ${message}`);
    this.name = 'ShellSyntaxError';
  }
}
