// One helper called from two lines, the second with four times the work: a line's time includes
// the calls it makes, so the second call site should read about 80 % and the first about 20 %.

function checksum(n: number): number {
  let h = 0;
  for (let i = 0; i < n; i++) h = (h * 31 + (i % 251)) | 0;
  return h;
}

export function twoCalls(n: number): number {
  const small = checksum(n);
  const big = checksum(4 * n);
  return small ^ big;
}
