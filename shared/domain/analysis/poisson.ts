// The Poisson upper tail, for the spike test: P(X >= k) when X ~ Poisson(lambda).

const lnFactCache: number[] = [0];
/** ln(k!) by summing logs (exact enough; k is a count of tickets). */
export function lnFactorial(k: number): number {
  for (let i = lnFactCache.length; i <= k; i++) lnFactCache[i] = lnFactCache[i - 1] + Math.log(i);
  return lnFactCache[k];
}

/**
 * P(X >= k) for X ~ Poisson(lambda), lambda > 0, k an integer >= 0. Sums the upper tail from its
 * first term (no 1 - cdf cancellation, so tiny p-values stay right) while terms still matter.
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    // The lower part is the smaller sum here: 1 - P(X <= k - 1).
    let term = Math.exp(-lambda);
    let cdf = term;
    for (let i = 1; i < k; i++) {
      term *= lambda / i;
      cdf += term;
    }
    return Math.max(0, 1 - cdf);
  }
  let term = Math.exp(-lambda + k * Math.log(lambda) - lnFactorial(k));
  let sum = 0;
  for (let i = k; term > 1e-300; i++) {
    sum += term;
    if (term < sum * 1e-16) break;
    term *= lambda / (i + 1);
  }
  return Math.min(1, sum);
}
