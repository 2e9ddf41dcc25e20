/**
 * Returns how far users' true interests moved: the mean total variation distance
 *
 *   TV(θ_u⁰, θ_u) = ½ Σ_t |θ_ut − θ⁰_ut|   ∈ [0, 1]
 *
 * between each user's interests at the start (θ⁰) and now (θ), both
 * row-major [users, T] probability vectors. The result is 0 when no user
 * moved, and 1 when every user's interests moved entirely onto topics they had no weight on.
 * Returns 0 for zero users.
 */
export function meanInterestShift(start: Float32Array, now: Float32Array, users: number, T: number): number {
  if (start.length !== users * T || now.length !== users * T) {
    throw new Error(`Invalid interest matrices for meanInterestShift: expected two [${users}, ${T}] matrices, got lengths ${start.length} and ${now.length}`);
  }
  if (users === 0) {
    return 0;
  }
  let sum = 0;
  for (let u = 0; u < users; u += 1) {
    let distance = 0;
    for (let t = 0; t < T; t += 1) {
      distance += Math.abs(now[u * T + t] - start[u * T + t]);
    }
    sum += distance / 2;
  }
  return sum / users;
}

/**
 * Computes each user's total variation distance ½ Σ_t |θ_ut − θ⁰_ut| between
 * the interests at the start and now, [users], each in [0, 1]; the mean of
 * the result is {@link meanInterestShift}.
 */
export function interestShiftPerUser(start: Float32Array, now: Float32Array, users: number, T: number): Float32Array {
  if (start.length !== users * T || now.length !== users * T) {
    throw new Error(`Invalid interest matrices for interestShiftPerUser: expected two [${users}, ${T}] matrices, got lengths ${start.length} and ${now.length}`);
  }
  const shifts = new Float32Array(users);
  for (let u = 0; u < users; u += 1) {
    let distance = 0;
    for (let t = 0; t < T; t += 1) {
      distance += Math.abs(now[u * T + t] - start[u * T + t]);
    }
    shifts[u] = distance / 2;
  }
  return shifts;
}
