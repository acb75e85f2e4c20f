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

/**
 * P(X >= k) for X negative binomial with size r > 0 and success probability p (0 < p < 1):
 * pmf(i) = Γ(r+i) / (Γ(r) i!) · p^r (1-p)^i. It is the Poisson count whose rate is Gamma(r, rate
 * p/(1-p)): with a baseline of S tickets over N days, r = S + 0.5 and p = N / (N + 1) is the
 * predictive count of one more day, the baseline's own uncertainty included.
 */
export function negBinUpperTail(k: number, r: number, p: number): number {
  if (k <= 0) return 1;
  const q = 1 - p;
  // ln pmf(i) by the recurrence pmf(i+1) = pmf(i) · (r+i)/(i+1) · q, from ln pmf(0) = r ln p.
  let ln = r * Math.log(p);
  let cdf = 0;
  for (let i = 0; i < k; i++) {
    cdf += Math.exp(ln);
    ln += Math.log((r + i) / (i + 1)) + Math.log(q);
  }
  if (cdf < 0.5) return Math.max(0, 1 - cdf);
  // The tail is small: sum it from pmf(k) on (no cancellation).
  let sum = 0;
  for (let i = k; i < k + 100_000; i++) {
    const term = Math.exp(ln);
    sum += term;
    if (term < sum * 1e-16 || term < 1e-300) break;
    ln += Math.log((r + i) / (i + 1)) + Math.log(q);
  }
  return Math.min(1, sum);
}
