//! Bucket counts and size-driven partitioning, following the original tool's formula.
//!
//! The original estimates how much data one partition will hold: a table's bytes per day of
//! age, scaled to a year (or a month, or a day for very fast-growing tables), then one bucket per
//! GiB, rounded up to a multiple of the backend count once it exceeds it.

const GIB: u64 = 1 << 30;

/// Partition granularity the formula chose for a very large table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// One partition per day.
    Day,
    /// One partition per month.
    Month,
    /// One partition per year.
    Year,
}

impl Granularity {
    /// The `EVERY (INTERVAL 1 <unit>)` unit and the dynamic-partition time unit.
    pub fn unit(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Month => "month",
            Granularity::Year => "year",
        }
    }
}

/// What the size formula decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeDecision {
    /// Estimated bytes per partition (the whole table when not partitioned).
    pub partition_bytes: u64,
    /// Partition granularity when the table is large enough (>= 100 GiB) to be partitioned.
    pub partition: Option<Granularity>,
}

/// Apply the original's `calculatePartitions`: `bytes` of data in a table created `age_secs`
/// seconds ago.
pub fn size_decision(bytes: u64, age_secs: i64) -> SizeDecision {
    let days = u64::try_from(age_secs.max(0))
        .unwrap_or(0)
        .div_ceil(86_400)
        .max(1);
    let per_day = bytes / days;
    let big = bytes >= 100 * GIB;
    if per_day > 10 * GIB {
        SizeDecision {
            partition_bytes: per_day,
            partition: big.then_some(Granularity::Day),
        }
    } else if per_day > GIB {
        SizeDecision {
            partition_bytes: per_day.saturating_mul(30),
            partition: big.then_some(Granularity::Month),
        }
    } else {
        SizeDecision {
            partition_bytes: per_day.saturating_mul(365),
            partition: big.then_some(Granularity::Year),
        }
    }
}

/// The original's `calculateBuckets`: 1 below 1 GiB, one per GiB up to `be_num` GiB, then one per
/// GiB rounded up to a multiple of `be_num`. Capped at `max` (StarRocks hangs on absurd counts).
pub fn buckets_for(partition_bytes: u64, be_num: u32, max: u32) -> u32 {
    let be = u64::from(be_num.max(1));
    let n = if partition_bytes < GIB {
        1
    } else if partition_bytes < be * GIB {
        partition_bytes.div_ceil(GIB)
    } else {
        partition_bytes.div_ceil(GIB).div_ceil(be) * be
    };
    u32::try_from(n).unwrap_or(u32::MAX).clamp(1, max.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;
    const DAY: i64 = 86_400;

    #[test]
    fn examples_from_the_reference() {
        // 500 MiB, 100 days old: 5 MiB/day x 365 = ~1.8 GiB -> 2 buckets.
        let d = size_decision(500 * MIB, 100 * DAY);
        assert_eq!(d.partition, None);
        assert_eq!(buckets_for(d.partition_bytes, 3, 1024), 2);
        // 50 GiB, 10 days: 5 GiB/day x 30 = 150 GiB -> 150 buckets with be_num 3.
        let d = size_decision(50 * GIB, 10 * DAY);
        assert_eq!(buckets_for(d.partition_bytes, 3, 1024), 150);
        // Tiny table.
        assert_eq!(buckets_for(0, 3, 1024), 1);
    }

    #[test]
    fn rounding_to_be_num() {
        assert_eq!(buckets_for(2 * GIB + 1, 3, 1024), 3);
        assert_eq!(buckets_for(4 * GIB, 3, 1024), 6);
        assert_eq!(buckets_for(u64::MAX / 2, 3, 1024), 1024);
    }

    #[test]
    fn large_tables_partition() {
        let d = size_decision(200 * GIB, 10 * DAY);
        assert_eq!(d.partition, Some(Granularity::Day));
        let d = size_decision(200 * GIB, 100 * DAY);
        assert_eq!(d.partition, Some(Granularity::Month));
        let d = size_decision(200 * GIB, 1000 * DAY);
        assert_eq!(d.partition, Some(Granularity::Year));
    }
}
