// The defects the sample data carries on purpose, at documented rates. Tests, quality rulesets and
// the demo check against these constants, so change them only together with what reads them.

/**
 * Per unique order. The value defects (missing value, invalid email, out-of-range amount) are
 * mutually exclusive, so each rate is exactly the chance that an order carries that defect.
 * Date formats and duplication are drawn independently of them.
 */
export const ORDER_DEFECT_RATES = {
  /** One of ORDER_NULLABLE_FIELDS is null. */
  missingValue: 0.02,
  /** customer_email fails EMAIL_PATTERN (no '@', '@@', a space, no top-level domain …). */
  invalidEmail: 0.015,
  /** amount is negative or absurdly large, outside ORDER_AMOUNT_VALID_RANGE. */
  outOfRangeAmount: 0.005,
  /** The order's line appears a second time, byte for byte, a few lines later in the same file. */
  duplicate: 0.01,
  /** order_ts is written 'dd/MM/yyyy HH:mm' instead of ISO 8601. */
  dateDayFirst: 0.03,
  /** order_ts is a number of seconds since the epoch instead of an ISO 8601 string. */
  dateEpochSeconds: 0.02,
} as const;

/** The fields a missing-value defect may null out. */
export const ORDER_NULLABLE_FIELDS = ['customer_email', 'channel', 'shipping_country', 'status'] as const;

/** Amounts outside this range (in the order's currency) are defects; every genuine order lies inside. */
export const ORDER_AMOUNT_VALID_RANGE = { min: 0.01, max: 50_000 } as const;

/** What a valid email looks like, for tests and quality rules. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Customers follow the Kaggle set: 24 of its 2,240 rows have no Income. The set's own oddities
 * (Marital_Status 'Alone', 'Absurd', 'YOLO'; birth years before 1901; an Income of 666666) are
 * reproduced at its frequencies too.
 */
export const CUSTOMER_DEFECT_RATES = {
  missingIncome: 24 / 2240,
  oddMaritalStatus: 7 / 2240,
  implausibleBirthYear: 3 / 2240,
  /** Income 666666, the original's one absurd value. */
  extremeIncome: 1 / 2240,
} as const;

export const REVIEW_DEFECT_RATES = {
  /** title is empty. */
  missingTitle: 0.05,
} as const;

/** Not defects but the CSV traps reviews exercise: newlines and double quotes inside fields. */
export const REVIEW_TEXT_RATES = {
  multiLine: 0.2,
  quoted: 0.1,
} as const;

export const PRODUCT_DEFECT_RATES = {
  /** brand is null. */
  missingBrand: 0.02,
} as const;
