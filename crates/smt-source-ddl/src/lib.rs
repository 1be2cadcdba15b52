//! Offline source for smt: reads schema dumps into the IR
