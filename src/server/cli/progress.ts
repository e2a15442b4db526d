/** Progress for long CLI work: a redrawn line on a terminal, a line every 10 % otherwise (CI logs). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return (done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% (${done}/${total})`,
      );
      if (done >= total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(pct / 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${label}: ${pct}% (${done}/${total})\n`);
    }
  };
}
