//! The counting allocator, installed in this test binary of its own (one test, so no other test
//! allocates meanwhile).

use bench_harness::{count_allocations, start_counting, stop_counting, CountingAlloc};
use std::hint::black_box;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

#[test]
fn counts_allocations_and_bytes_only_while_on() {
    // Four runs of one 100-byte vector each: one allocation and 100 bytes per run.
    let (allocs, bytes) = count_allocations(4, || drop(black_box(vec![0u8; 100])));
    assert!((1.0..2.0).contains(&allocs), "{allocs} allocations per run");
    assert!((100.0..200.0).contains(&bytes), "{bytes} bytes per run");
    // Growing a vector is a `realloc`, which counts too, with its new size.
    start_counting();
    let mut v: Vec<u8> = black_box(Vec::with_capacity(8));
    v.extend_from_slice(black_box(&[1u8; 64]));
    let (allocs, bytes) = stop_counting();
    assert!(allocs >= 2 && bytes >= 72, "{allocs} allocations, {bytes} bytes");
    // Off: nothing is counted.
    drop(black_box(vec![0u8; 1000]));
    assert_eq!(stop_counting(), (allocs, bytes));
}
