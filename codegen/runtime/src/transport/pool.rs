//! The connections of a default client: at most a limit of them open per host, idle ones kept
//! for reuse, and callers over the limit queued until one is free (the blocking client waits on
//! a condition variable, the async one is woken by the connection's release).

use super::http1::Target;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::Waker;
use std::time::{Duration, Instant};

/// Idle connections kept for reuse, over all hosts, while no caller waits for a connection
/// (one that waits takes an idle connection soon: closing it would only make another open).
const MAX_IDLE: usize = 16;
/// How long an idle connection is kept.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// The connections (`C`) of a client, shared by its clones.
pub(super) struct Pool<C> {
    state: Mutex<State<C>>,
    /// Wakes the blocking callers waiting for a connection.
    freed: Condvar,
}

struct State<C> {
    idle: Vec<Idle<C>>,
    /// The connections open to each host: in use, being opened, or idle.
    open: HashMap<Target, usize>,
    /// The async callers to wake when a connection or a place may be free.
    waiting: Vec<Waker>,
    /// The callers waiting for a connection, blocking or async.
    waiters: usize,
}

struct Idle<C> {
    target: Target,
    connection: C,
    since: Instant,
}

/// The right to one open connection to a host, and that connection once there is one. Dropped,
/// it closes the connection and frees its place; [`Lease::keep`] keeps the connection idle for
/// reuse instead.
pub(super) struct Lease<C> {
    pool: Arc<Pool<C>>,
    target: Target,
    /// An idle connection taken for reuse, or `None` for the caller to open one.
    pub(super) connection: Option<C>,
    kept: bool,
}

impl<C> Pool<C> {
    pub(super) fn new() -> Arc<Pool<C>> {
        let state = State { idle: Vec::new(), open: HashMap::new(), waiting: Vec::new(), waiters: 0 };
        Arc::new(Pool { state: Mutex::new(state), freed: Condvar::new() })
    }

    fn lock(&self) -> MutexGuard<'_, State<C>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many connections are idle.
    pub(super) fn idle_len(&self) -> usize {
        self.lock().idle.len()
    }

    /// A lease on a connection to `target`, waiting while `limit` are open until `deadline`
    /// (`None` once it passed). `usable` tells an idle connection still good for a request.
    #[cfg(feature = "blocking")]
    pub(super) fn lease_blocking(
        self: &Arc<Self>,
        target: &Target,
        limit: usize,
        deadline: Option<Instant>,
        usable: &dyn Fn(&C) -> bool,
    ) -> Option<Lease<C>> {
        let mut state = self.lock();
        if let Some(lease) = self.try_lease(&mut state, target, limit, usable) {
            return Some(lease);
        }
        state.waiters += 1;
        let lease = loop {
            state = match deadline {
                None => self.freed.wait(state).unwrap_or_else(PoisonError::into_inner),
                Some(deadline) => match deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) {
                    Some(left) => self.freed.wait_timeout(state, left).unwrap_or_else(PoisonError::into_inner).0,
                    None => break None,
                },
            };
            if let Some(lease) = self.try_lease(&mut state, target, limit, usable) {
                break Some(lease);
            }
        };
        state.waiters -= 1;
        lease
    }

    /// [`Pool::lease_blocking`] for async callers, without a deadline (the caller races one).
    #[cfg(feature = "rt-tokio")]
    pub(super) async fn lease(
        self: &Arc<Self>,
        target: &Target,
        limit: usize,
        usable: &(dyn Fn(&C) -> bool + Sync),
    ) -> Lease<C> {
        // Counted among the waiters from the first miss until it has a lease or is dropped.
        struct Waiting<'a, C> {
            pool: &'a Pool<C>,
            counted: bool,
        }
        impl<C> Drop for Waiting<'_, C> {
            fn drop(&mut self) {
                if self.counted {
                    self.pool.lock().waiters -= 1;
                }
            }
        }
        let mut waiting = Waiting { pool: self, counted: false };
        std::future::poll_fn(|cx| {
            let mut state = self.lock();
            match self.try_lease(&mut state, target, limit, usable) {
                Some(lease) => std::task::Poll::Ready(lease),
                None => {
                    if !state.waiting.iter().any(|waker| waker.will_wake(cx.waker())) {
                        state.waiting.push(cx.waker().clone());
                    }
                    if !waiting.counted {
                        waiting.counted = true;
                        state.waiters += 1;
                    }
                    std::task::Poll::Pending
                }
            }
        })
        .await
    }

    /// A lease if one is free now: the most recent idle connection to `target` that is usable,
    /// else a place for a new one while fewer than `limit` (at least 1) are open.
    fn try_lease(
        self: &Arc<Self>,
        state: &mut State<C>,
        target: &Target,
        limit: usize,
        usable: &dyn Fn(&C) -> bool,
    ) -> Option<Lease<C>> {
        let State { idle, open, waiting, .. } = state;
        // Idle connections past their time, and this host's unusable ones, are closed.
        let before = idle.len();
        idle.retain(|c| {
            let keep = c.since.elapsed() < IDLE_TIMEOUT && (c.target != *target || usable(&c.connection));
            if !keep {
                release(open, &c.target);
            }
            keep
        });
        if idle.len() < before {
            self.wake(waiting);
        }
        if let Some(position) = idle.iter().rposition(|c| c.target == *target) {
            let connection = idle.remove(position).connection;
            let connection = Some(connection);
            return Some(Lease { pool: self.clone(), target: target.clone(), connection, kept: false });
        }
        let count = open.entry(target.clone()).or_insert(0);
        if *count >= limit.max(1) {
            return None;
        }
        *count += 1;
        Some(Lease { pool: self.clone(), target: target.clone(), connection: None, kept: false })
    }

    /// Tells the waiting callers that a connection or a place may be free: all of them, since
    /// they may wait for different hosts, and one woken but gone must not swallow the news.
    fn wake(&self, waiting: &mut Vec<Waker>) {
        self.freed.notify_all();
        for waker in waiting.drain(..) {
            waker.wake();
        }
    }
}

/// One connection to `target` fewer.
fn release(open: &mut HashMap<Target, usize>, target: &Target) {
    if let Some(count) = open.get_mut(target) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            open.remove(target);
        }
    }
}

impl<C> Lease<C> {
    /// Keeps the connection idle for the next request to its host (the oldest idle connections
    /// of all are closed when [`MAX_IDLE`] are kept and no caller waits).
    pub(super) fn keep(mut self) {
        let Some(connection) = self.connection.take() else { return };
        self.kept = true;
        let mut state = self.pool.lock();
        let State { idle, open, waiting, waiters } = &mut *state;
        while idle.len() >= MAX_IDLE && *waiters == 0 {
            let oldest = idle.remove(0);
            release(open, &oldest.target);
        }
        idle.push(Idle { target: self.target.clone(), connection, since: Instant::now() });
        self.pool.wake(waiting);
    }
}

impl<C> Drop for Lease<C> {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        // Closed before its place is given to another.
        self.connection = None;
        let mut state = self.pool.lock();
        let State { open, waiting, .. } = &mut *state;
        release(open, &self.target);
        self.pool.wake(waiting);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(host: &str) -> Target {
        Target::of(&format!("http://{host}/").parse().unwrap()).unwrap()
    }

    #[cfg(feature = "blocking")]
    #[test]
    fn a_host_gets_at_most_its_limit() {
        let pool: Arc<Pool<&str>> = Pool::new();
        let (a, b) = (target("a"), target("b"));
        let usable = |_: &&str| true;
        let first = pool.lease_blocking(&a, 2, None, &usable).unwrap();
        let second = pool.lease_blocking(&a, 2, None, &usable).unwrap();
        assert!(first.connection.is_none() && second.connection.is_none());
        // A third waits until its deadline; another host is not held up.
        let started = Instant::now();
        assert!(pool.lease_blocking(&a, 2, Some(Instant::now() + Duration::from_millis(20)), &usable).is_none());
        assert!(started.elapsed() >= Duration::from_millis(20));
        let mut other = pool.lease_blocking(&b, 2, Some(Instant::now()), &usable).unwrap();
        other.connection = Some("b1");
        other.keep();
        // A connection kept idle is reused; one dropped frees its place.
        let mut first = first;
        first.connection = Some("a1");
        first.keep();
        let reused = pool.lease_blocking(&a, 2, Some(Instant::now()), &usable).unwrap();
        assert_eq!(reused.connection, Some("a1"));
        assert_eq!(pool.idle_len(), 1, "b1");
        drop(second);
        let fresh = pool.lease_blocking(&a, 2, Some(Instant::now()), &usable).unwrap();
        assert!(fresh.connection.is_none());
        // An unusable idle connection is closed, and its place given.
        drop((reused, fresh));
        let mut kept = pool.lease_blocking(&a, 1, None, &usable).unwrap();
        kept.connection = Some("dead");
        kept.keep();
        let lease = pool.lease_blocking(&a, 1, Some(Instant::now()), &|c: &&str| *c != "dead").unwrap();
        assert!(lease.connection.is_none());
        assert_eq!(pool.lock().open.get(&a), Some(&1));
    }

    #[cfg(feature = "blocking")]
    #[test]
    fn a_waiting_caller_gets_the_connection_released() {
        let pool: Arc<Pool<u32>> = Pool::new();
        let a = target("a");
        let mut held = pool.lease_blocking(&a, 1, None, &|_| true).unwrap();
        held.connection = Some(7);
        let waiter = {
            let (pool, a) = (pool.clone(), a.clone());
            std::thread::spawn(move || pool.lease_blocking(&a, 1, None, &|_| true).map(|mut lease| lease.connection.take()))
        };
        held.keep();
        assert_eq!(waiter.join().unwrap(), Some(Some(7)));
    }

    #[test]
    fn idle_connections_are_capped() {
        let pool: Arc<Pool<usize>> = Pool::new();
        let leases: Vec<_> = (0..MAX_IDLE + 4)
            .map(|i| {
                let mut lease = Lease { pool: pool.clone(), target: target(&format!("h{i}")), connection: None, kept: false };
                pool.lock().open.insert(lease.target.clone(), 1);
                lease.connection = Some(i);
                lease
            })
            .collect();
        for lease in leases {
            lease.keep();
        }
        let mut state = pool.lock();
        assert_eq!(state.idle.len(), MAX_IDLE);
        // The oldest were closed, and no longer count as open.
        assert_eq!(state.idle[0].connection, 4);
        assert_eq!(state.open.len(), MAX_IDLE);
        // While a caller waits, a connection kept is not closed to make room: it is the waiter's.
        state.waiters = 1;
        drop(state);
        let lease = Lease { pool: pool.clone(), target: target("h0"), connection: Some(100), kept: false };
        pool.lock().open.insert(lease.target.clone(), 1);
        lease.keep();
        assert_eq!(pool.idle_len(), MAX_IDLE + 1);
    }
}
