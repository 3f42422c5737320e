/** A logistic model over named features: what `cli fit` writes into a pack's calibration.yaml. */
export interface LinearModel {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** P(yes) for `values` (one per model feature, in the model's order). */
export function predict(model: LinearModel, values: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (values[i] ?? 0);
  return sigmoid(z);
}

/** Training defaults: ridge strength, gradient steps and step size on standardised features. */
export const FIT_DEFAULTS = Object.freeze({ l2: 1e-3, iterations: 400, rate: 1 });

/**
 * Fits P(y = 1 | x) by gradient descent on standardised features (deterministic: zero start), then folds
 * the standardisation into the weights so the model applies to raw values. `weights` weighs examples.
 */
export function fitLogistic(
  features: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: { weights?: readonly number[]; l2?: number; iterations?: number; rate?: number } = {},
): LinearModel {
  const { l2, iterations, rate } = { ...FIT_DEFAULTS, ...options };
  const d = features.length;
  const n = rows.length;
  const w8 = options.weights ?? rows.map(() => 1);
  const total = w8.reduce((a, b) => a + b, 0) || 1;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  for (const row of rows) for (let j = 0; j < d; j++) sd[j]! += (row[j]! - mean[j]!) ** 2 / n;
  // A feature that never varies in the samples teaches nothing: it keeps weight 0 (and no rounding blow-up).
  const constant = Array.from(sd, (v) => Math.sqrt(v) < 1e-6);
  for (let j = 0; j < d; j++) sd[j] = constant[j] ? 1 : Math.sqrt(sd[j]!);
  const z = rows.map((row) => Float64Array.from(row, (v, j) => (constant[j] ? 0 : (v - mean[j]!) / sd[j]!)));
  const w = new Float64Array(d);
  let b = 0;
  const gradient = new Float64Array(d);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * x[j]!;
      const error = (sigmoid(s) - labels[i]!) * w8[i]!;
      gb += error;
      for (let j = 0; j < d; j++) gradient[j]! += error * x[j]!;
    }
    b -= (rate * gb) / total;
    for (let j = 0; j < d; j++) w[j]! -= rate * (gradient[j]! / total + l2 * w[j]!);
  }
  const weights = Array.from(w, (wj, j) => round(wj / sd[j]!));
  const bias = round(b - Array.from(w).reduce((s, wj, j) => s + (wj * mean[j]!) / sd[j]!, 0));
  return { features: [...features], weights, bias };
}

// Six significant digits keep calibration.yaml readable and diffs small.
const round = (x: number) => Number(x.toPrecision(6));
