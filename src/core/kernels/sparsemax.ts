// Sparsemax of one row: the Euclidean projection of z onto the probability simplex (Martins & Astudillo
// 2016), p_i = max(z_i − τ, 0) with τ = (S_k − 1)/k, S_j the sum of the j largest entries and k the
// largest j with 1 + j·z_(j) > S_j. Keras 3.16 sums the cumulative sums over the support instead of
// taking S_k, which is wrong whenever two or more entries survive (keras-team/keras#23425); this is the
// true projection.
//
// Accuracy: p_i = (k·z_i − (S_k − 1))/k cancels when z_i is close to τ. Every term is exact in double
// (k·z_i has at most 24 + 29 bits) or carried exactly as a double-double (S_j, S_k − 1), so the
// numerator is exact up to 2^-104 of the largest term and the one division rounds it: the result is
// correctly rounded unless the cancellation exceeds 2^50 (entries of wildly different magnitudes whose
// output is ~2^-50 of the largest). The support test 1 + j·z_(j) > S_j is evaluated in the same way.

/**
 * Writes sparsemax of the row x[start + k·stride], k < size (finite, or −∞ but not all −∞) to `out`.
 * `sorted` is scratch space of `size` doubles.
 */
export function sparsemaxRow(x: Float32Array, out: Float32Array, start: number, size: number, stride: number, sorted: Float64Array): void {
  for (let k = 0, p = start; k < size; k++, p += stride) sorted[k] = x[p];
  sorted.sort();

  // S_j as a double-double (sumHi + sumLo), j = 1, 2, … over the entries in decreasing order; the
  // support test holds exactly for j ≤ k, so stop at the first failure.
  let sumHi = 0;
  let sumLo = 0;
  let support = 0;
  let supportHi = 0;
  let supportLo = 0;
  for (let j = 1; j <= size; j++) {
    const z = sorted[size - j];
    // (sumHi, sumLo) += z, error-free (two-sum, then renormalised).
    const s = sumHi + z;
    const sb = s - sumHi;
    const lo = sumLo + (sumHi - (s - sb) + (z - sb));
    sumHi = s + lo;
    sumLo = lo - (sumHi - s);
    // Sign of (j·z + 1) − S_j: j·z is exact, the rest is carried as double-doubles.
    const jz = j * z;
    const a = jz + 1;
    const ab = a - jz;
    const aLo = jz - (a - ab) + (1 - ab);
    const d = a - sumHi;
    const db = d - a;
    const dLo = a - (d - db) + (-sumHi - db);
    // With −∞ entries this is NaN, which fails the test as it should.
    if (!(d + (dLo + aLo - sumLo) > 0)) break;
    support = j;
    supportHi = sumHi;
    supportLo = sumLo;
  }

  // T = S_k − 1 as a double-double, then p_i = (k·z_i − T)/k with the subtraction carried exactly.
  const t = supportHi - 1;
  const tb = t - supportHi;
  const tLo0 = supportHi - (t - tb) + (-1 - tb) + supportLo;
  const tHi = t + tLo0;
  const tLo = tLo0 - (tHi - t);
  for (let k = 0, p = start; k < size; k++, p += stride) {
    const kz = support * x[p];
    const h = kz - tHi;
    const hb = h - kz;
    const hLo = kz - (h - hb) + (-tHi - hb);
    const numerator = h + (hLo - tLo);
    // NaN here comes only from a −∞ entry, whose output is 0.
    out[p] = numerator > 0 ? numerator / support : 0;
  }
}
