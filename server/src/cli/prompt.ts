/** Reading a password for the command line: hidden prompt on a terminal, else one line of stdin. */
import readline from 'node:readline';

const readLineFromStdin = async (): Promise<string> => {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
};

const promptHidden = (question: string): Promise<string> =>
  new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    output._writeToOutput = (text: string) => {
      if (text.startsWith(question)) process.stdout.write(question);
    };
  });

export const readNewPassword = async (): Promise<string> => {
  if (!process.stdin.isTTY) return readLineFromStdin();
  const first = await promptHidden('新密码：');
  const second = await promptHidden('再次输入：');
  if (first !== second) throw new Error('两次输入的密码不一致');
  return first;
};
