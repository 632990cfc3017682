//! The in-process log: one instance, nothing to install, history gone on restart.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::broadcast;

use crate::{Entry, Log, Position, Retained};

/// How many messages a tail subscriber may fall behind before it gets `Lagged` (and
/// [`follow`](crate::follow) catches up from the log).
const TAIL_CAPACITY: usize = 256;

/// A [`Log`] in this process's memory, keeping the last `max_messages` messages.
///
/// Every stream of one instance sees every message in the same order; other instances
/// see nothing of it. A restart starts a new epoch, so pages that reconnect afterwards
/// re-render (with an empty history) instead of resuming. Cloning shares the log.
///
/// ```
/// use datastar_live::{Log, MemoryLog};
///
/// # tokio_test_block_on(async {
/// let log = MemoryLog::new(2);
/// for text in ["a", "b", "c"] {
///     log.append(text).await.unwrap();
/// }
/// let retained = log.read_after(0).await.unwrap();
/// assert_eq!(retained.last, 3);
/// let kept: Vec<_> = retained.entries.iter().map(|e| e.message).collect();
/// assert_eq!(kept, ["b", "c"]);
/// # });
/// # fn tokio_test_block_on(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug)]
pub struct MemoryLog<T> {
    inner: Arc<Inner<T>>,
}

impl<T> Clone for MemoryLog<T> {
    fn clone(&self) -> Self {
        MemoryLog {
            inner: self.inner.clone(),
        }
    }
}

#[derive(Debug)]
struct Inner<T> {
    epoch: u64,
    max_messages: usize,
    state: Mutex<State<T>>,
    tail: broadcast::Sender<Entry<T>>,
}

#[derive(Debug)]
struct State<T> {
    entries: VecDeque<Entry<T>>,
    last: u64,
}

impl<T: Clone + Send + Sync + 'static> MemoryLog<T> {
    /// An empty log that keeps at most `max_messages` messages (at least one).
    pub fn new(max_messages: usize) -> Self {
        Self::with_tail_capacity(max_messages, TAIL_CAPACITY)
    }

    /// The same, with a tail that holds `capacity` messages for a slow subscriber (at
    /// least one) before it lags.
    pub fn with_tail_capacity(max_messages: usize, capacity: usize) -> Self {
        let (tail, _) = broadcast::channel(capacity.max(1));
        MemoryLog {
            inner: Arc::new(Inner {
                epoch: new_epoch(),
                max_messages: max_messages.max(1),
                state: Mutex::new(State {
                    entries: VecDeque::new(),
                    last: 0,
                }),
                tail,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State<T>> {
        // The state is consistent between statements; a panic elsewhere cannot break it.
        self.inner
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A value no earlier log in this or another process is likely to have had: the standard
/// library's randomly keyed hasher over the clock.
fn new_epoch() -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    std::hash::RandomState::new().hash_one((now, std::process::id()))
}

impl<T: Clone + Send + Sync + 'static> Log for MemoryLog<T> {
    type Message = T;
    type Error = Infallible;

    fn epoch(&self) -> u64 {
        self.inner.epoch
    }

    fn subscribe(&self) -> broadcast::Receiver<Entry<T>> {
        self.inner.tail.subscribe()
    }

    async fn read_after(&self, seq: u64) -> Result<Retained<T>, Infallible> {
        let state = self.state();
        let skip = state.entries.partition_point(|entry| entry.id.seq <= seq);
        Ok(Retained {
            last: state.last,
            entries: state.entries.range(skip..).cloned().collect(),
        })
    }

    async fn append(&self, message: T) -> Result<Position, Infallible> {
        let mut state = self.state();
        state.last += 1;
        let id = Position {
            epoch: self.inner.epoch,
            seq: state.last,
        };
        let entry = Entry { id, message };
        if state.entries.len() == self.inner.max_messages {
            state.entries.pop_front();
        }
        state.entries.push_back(entry.clone());
        // Sent under the lock, so the tail's order is the log's order even when commands
        // arrive concurrently. An error only means that no stream is open.
        let _ = self.inner.tail.send(entry);
        Ok(id)
    }
}
