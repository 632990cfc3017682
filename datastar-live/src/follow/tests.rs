//! `follow` against the in-process log: first connection, resumption, unknown ids, a
//! follower that lags behind the tail, and a tail with a hole.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use datastar_core::LastEventId;
use futures_core::Stream;
use futures_util::StreamExt;
use tokio::sync::broadcast;

use super::*;
use crate::{MemoryLog, Retained};

/// What a page would show, and whether it was reset.
#[derive(Debug, Default, PartialEq)]
struct Seen {
    resets: usize,
    messages: Vec<&'static str>,
    ids: Vec<u64>,
}

/// Collects updates until `count` messages arrived (or a second went by).
async fn take<S>(updates: &mut S, seen: &mut Seen, count: usize)
where
    S: Stream<Item = Result<Update<&'static str>, Infallible>> + Unpin,
{
    let wait = tokio::time::timeout(Duration::from_secs(1), async {
        while seen.messages.len() < count {
            match updates.next().await {
                Some(Ok(Update::Reset)) => {
                    seen.resets += 1;
                    seen.messages.clear();
                }
                Some(Ok(Update::Message(entry))) => {
                    seen.messages.push(entry.message);
                    seen.ids.push(entry.id.seq);
                }
                Some(Err(never)) => match never {},
                None => break,
            }
        }
    });
    wait.await.expect("the updates stopped coming");
}

async fn append_all<L: Log<Message = &'static str>>(log: &L, messages: &[&'static str]) {
    for message in messages {
        log.append(message).await.expect("append");
    }
}

fn id(log: &impl Log, seq: u64) -> LastEventId {
    LastEventId(
        Position {
            epoch: log.epoch(),
            seq,
        }
        .to_string(),
    )
}

#[tokio::test]
async fn first_connection_resets_then_replays_then_follows() {
    let log = MemoryLog::new(10);
    append_all(&log, &["a", "b"]).await;
    let mut updates = Box::pin(follow(log.clone(), None));
    let mut seen = Seen::default();
    take(&mut updates, &mut seen, 2).await;
    append_all(&log, &["c"]).await;
    take(&mut updates, &mut seen, 3).await;
    assert_eq!(seen.resets, 1);
    assert_eq!(seen.messages, ["a", "b", "c"]);
    assert_eq!(seen.ids, [1, 2, 3]);
}

#[tokio::test]
async fn a_known_id_resumes_after_it_without_a_reset() {
    let log = MemoryLog::new(10);
    append_all(&log, &["a", "b", "c", "d"]).await;
    let mut updates = Box::pin(follow(log.clone(), Some(&id(&log, 2))));
    let mut seen = Seen::default();
    take(&mut updates, &mut seen, 2).await;
    append_all(&log, &["e"]).await;
    take(&mut updates, &mut seen, 3).await;
    assert_eq!(seen.resets, 0);
    assert_eq!(seen.messages, ["c", "d", "e"]);

    // Up to date: nothing is sent until the next message.
    let mut updates = Box::pin(follow(log.clone(), Some(&id(&log, 5))));
    let mut seen = Seen::default();
    append_all(&log, &["f"]).await;
    take(&mut updates, &mut seen, 1).await;
    assert_eq!((seen.resets, seen.messages), (0, vec!["f"]));
}

#[tokio::test]
async fn an_id_the_log_cannot_continue_from_re_renders() {
    let log = MemoryLog::new(3);
    append_all(&log, &["a", "b", "c", "d", "e"]).await;
    let other_log = MemoryLog::<&str>::new(3);
    let unknown = [
        id(&log, 1),                         // older than the retained history
        id(&log, 9),                         // beyond the end
        id(&other_log, 4),                   // another log (a restarted instance)
        LastEventId("not-an-id".to_owned()), // not ours at all
    ];
    for last in unknown {
        let mut updates = Box::pin(follow(log.clone(), Some(&last)));
        let mut seen = Seen::default();
        take(&mut updates, &mut seen, 3).await;
        assert_eq!(seen.resets, 1, "{last:?}");
        assert_eq!(seen.messages, ["c", "d", "e"], "{last:?}");
    }
    // The last retained id still resumes.
    let mut updates = Box::pin(follow(log.clone(), Some(&id(&log, 2))));
    let mut seen = Seen::default();
    take(&mut updates, &mut seen, 3).await;
    assert_eq!((seen.resets, seen.messages), (0, vec!["c", "d", "e"]));
}

#[tokio::test]
async fn a_lagging_follower_catches_up_from_the_log() {
    // A tail of 2 messages: the follower below lags after the third.
    let log = MemoryLog::with_tail_capacity(100, 2);
    let mut updates = Box::pin(follow(log.clone(), None));
    let mut seen = Seen::default();
    append_all(&log, &["a"]).await;
    take(&mut updates, &mut seen, 1).await;
    append_all(&log, &["b", "c", "d", "e", "f"]).await;
    take(&mut updates, &mut seen, 6).await;
    assert_eq!(seen.resets, 1, "only the first connection's reset");
    assert_eq!(seen.messages, ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(seen.ids, [1, 2, 3, 4, 5, 6]);
}

#[tokio::test]
async fn a_follower_that_lags_past_the_history_re_renders() {
    let log = MemoryLog::with_tail_capacity(3, 2);
    let mut updates = Box::pin(follow(log.clone(), None));
    let mut seen = Seen::default();
    append_all(&log, &["a"]).await;
    take(&mut updates, &mut seen, 1).await;
    append_all(&log, &["b", "c", "d", "e", "f"]).await;
    take(&mut updates, &mut seen, 3).await;
    assert_eq!(seen.resets, 2, "a second reset instead of a silent gap");
    assert_eq!(seen.messages, ["d", "e", "f"]);
}

/// A log whose tail can be fed by hand, to give it a hole (as a JetStream consumer that
/// skipped messages would).
#[derive(Clone)]
struct Scripted {
    entries: Arc<Mutex<Vec<Entry<&'static str>>>>,
    tail: broadcast::Sender<Entry<&'static str>>,
}

impl Log for Scripted {
    type Message = &'static str;
    type Error = Infallible;

    fn epoch(&self) -> u64 {
        7
    }

    fn subscribe(&self) -> broadcast::Receiver<Entry<&'static str>> {
        self.tail.subscribe()
    }

    async fn read_after(&self, seq: u64) -> Result<Retained<&'static str>, Infallible> {
        let entries = self.entries.lock().unwrap();
        Ok(Retained {
            last: entries.last().map_or(0, |entry| entry.id.seq),
            entries: entries.iter().filter(|e| e.id.seq > seq).cloned().collect(),
        })
    }

    async fn append(&self, message: &'static str) -> Result<Position, Infallible> {
        let mut entries = self.entries.lock().unwrap();
        let id = Position {
            epoch: 7,
            seq: entries.len() as u64 + 1,
        };
        entries.push(Entry { id, message });
        Ok(id)
    }
}

#[tokio::test]
async fn a_hole_in_the_tail_is_filled_from_the_log() {
    let (tail, _) = broadcast::channel(16);
    let log = Scripted {
        entries: Arc::default(),
        tail,
    };
    log.append("a").await.unwrap();
    let mut updates = Box::pin(follow(log.clone(), None));
    let mut seen = Seen::default();
    // Replayed from the log, after the follower subscribed to the tail.
    take(&mut updates, &mut seen, 1).await;
    // "b" and "c" are stored, but only "c" reaches the tail.
    log.append("b").await.unwrap();
    let third = log.append("c").await.unwrap();
    log.tail
        .send(Entry {
            id: third,
            message: "c",
        })
        .unwrap();
    take(&mut updates, &mut seen, 3).await;
    assert_eq!(seen.resets, 1);
    assert_eq!(seen.messages, ["a", "b", "c"]);
}

#[test]
fn positions_are_event_ids() {
    let position = Position {
        epoch: u64::MAX,
        seq: 12,
    };
    let text = position.to_string();
    assert_eq!(text, "ffffffffffffffff-12");
    assert!(text.bytes().all(|b| b.is_ascii_graphic()));
    assert_eq!(text.parse(), Ok(position));
    for bad in ["", "-", "1-", "-1", "g-1", "1-x", "+1-1", "1-+1", "1-1-1"] {
        assert!(bad.parse::<Position>().is_err(), "{bad:?}");
    }
}

/// The next snapshot update, within a second.
async fn next_snapshot<S>(updates: &mut S) -> Snapshot<&'static str>
where
    S: Stream<Item = Result<Snapshot<&'static str>, Infallible>> + Unpin,
{
    match tokio::time::timeout(Duration::from_secs(1), updates.next()).await {
        Ok(Some(Ok(update))) => update,
        Ok(Some(Err(never))) => match never {},
        Ok(None) => panic!("the snapshots ended"),
        Err(_) => panic!("no snapshot within a second"),
    }
}

fn messages(entries: &[Entry<&'static str>]) -> Vec<&'static str> {
    entries.iter().map(|entry| entry.message).collect()
}

#[tokio::test]
async fn snapshots_batch_a_reset_and_follow_one_by_one() {
    let log = MemoryLog::new(3);
    append_all(&log, &["a", "b", "c", "d"]).await;
    // A first connection, and an id the log no longer covers: the retained history at once.
    for last in [None, Some(id(&log, 0))] {
        let mut updates = Box::pin(follow_snapshots(log.clone(), last.as_ref()));
        match next_snapshot(&mut updates).await {
            Snapshot::Reset(history) => {
                assert_eq!(messages(&history), ["b", "c", "d"]);
                assert_eq!(history.last().map(|entry| entry.id.seq), Some(4));
            }
            other => panic!("expected a reset, got {other:?}"),
        }
    }
    // A resumption the log can continue: the missed messages one by one, then the tail.
    let mut updates = Box::pin(follow_snapshots(log.clone(), Some(&id(&log, 2))));
    assert!(
        matches!(next_snapshot(&mut updates).await, Snapshot::Message(entry) if entry.message == "c")
    );
    assert!(
        matches!(next_snapshot(&mut updates).await, Snapshot::Message(entry) if entry.message == "d")
    );
    append_all(&log, &["e"]).await;
    assert!(
        matches!(next_snapshot(&mut updates).await, Snapshot::Message(entry) if entry.message == "e" && entry.id.seq == 5)
    );
    // An empty log resets to nothing.
    let empty = MemoryLog::<&'static str>::new(3);
    let mut updates = Box::pin(follow_snapshots(empty, None));
    assert_eq!(
        next_snapshot(&mut updates).await,
        Snapshot::Reset(Vec::new())
    );
}

/// A log out of reach: every read fails.
#[derive(Clone)]
struct Unreachable(broadcast::Sender<Entry<&'static str>>);

#[derive(Debug)]
struct Down;

impl std::fmt::Display for Down {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the log is down")
    }
}

impl std::error::Error for Down {}

impl crate::LogError for Down {
    fn kind(&self) -> crate::ErrorKind {
        crate::ErrorKind::Unavailable
    }
}

impl Log for Unreachable {
    type Message = &'static str;
    type Error = Down;

    fn epoch(&self) -> u64 {
        9
    }

    fn subscribe(&self) -> broadcast::Receiver<Entry<&'static str>> {
        self.0.subscribe()
    }

    async fn read_after(&self, _: u64) -> Result<Retained<&'static str>, Down> {
        Err(Down)
    }

    async fn append(&self, _: &'static str) -> Result<Position, Down> {
        Err(Down)
    }
}

#[tokio::test]
async fn open_snapshots_reports_an_unreadable_log_before_any_response() {
    let log = Unreachable(broadcast::channel(4).0);
    let Err(error) = open_snapshots(log, None).await else {
        panic!("an unreadable log opened");
    };
    assert_eq!(crate::LogError::kind(&error), crate::ErrorKind::Unavailable);
}

#[tokio::test]
async fn open_snapshots_delivers_what_follow_snapshots_does() {
    let log = MemoryLog::new(3);
    append_all(&log, &["a", "b"]).await;
    let mut first = Box::pin(open_snapshots(log.clone(), None).await.unwrap());
    assert_eq!(
        messages(&match next_snapshot(&mut first).await {
            Snapshot::Reset(history) => history,
            other => panic!("expected a reset, got {other:?}"),
        }),
        ["a", "b"]
    );
    // A resumption with nothing missed opens at once, and then follows the tail.
    let mut resumed = Box::pin(
        open_snapshots(log.clone(), Some(&id(&log, 2)))
            .await
            .unwrap(),
    );
    append_all(&log, &["c"]).await;
    assert!(
        matches!(next_snapshot(&mut resumed).await, Snapshot::Message(entry) if entry.message == "c")
    );
    assert!(
        matches!(next_snapshot(&mut first).await, Snapshot::Message(entry) if entry.message == "c")
    );
}
