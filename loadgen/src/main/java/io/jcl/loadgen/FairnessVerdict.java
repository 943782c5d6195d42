package io.jcl.loadgen;

/** Whether the workers got their expected share, judged with Bonferroni-adjusted Wilson intervals. */
public enum FairnessVerdict {
  /** Every worker's interval lies within expected·(1 ± δ). */
  FAIR,
  /** Some worker's interval lies wholly outside expected·(1 ± δ), or an eligible worker got nothing. */
  UNFAIR,
  /** Neither can be said yet: more requests are needed. */
  INCONCLUSIVE
}
