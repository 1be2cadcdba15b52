//! The smt plan: rules, keys, buckets, shard merge, and result writing
