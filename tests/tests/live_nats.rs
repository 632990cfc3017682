//! `JetStreamLog` and `follow` against a real `nats-server -js` (one per test, on a free
//! port, with a temporary store): two "instances" (two clients, two logs) on one stream,
//! resumption by id across them, ids older than the retention, a follower lagging behind
//! its instance's tail, and the NATS server crashing and coming back.
#![forbid(unsafe_code)]

#[path = "support/nats_server.rs"]
mod nats_server;

use std::time::Duration;

use bytes::Bytes;
use datastar_core::LastEventId;
use datastar_live::async_nats::jetstream;
use datastar_live::{ErrorKind, JetStreamLog, Log, LogError, NatsError, Position, Update, follow};
use futures_util::{Stream, StreamExt};
use nats_server::NatsServer;

type Updates = std::pin::Pin<Box<dyn Stream<Item = Result<Update<Bytes>, NatsError>> + Send>>;

/// What a page would show: the messages since the last reset, with their sequence numbers.
#[derive(Debug, Default)]
struct Page {
    resets: usize,
    shown: Vec<(u64, String)>,
}

impl Page {
    fn texts(&self) -> Vec<&str> {
        self.shown.iter().map(|(_, text)| text.as_str()).collect()
    }

    /// Applies updates until `count` messages are shown; fails after 10 s.
    async fn until(&mut self, updates: &mut Updates, count: usize) {
        let wait = tokio::time::timeout(Duration::from_secs(10), async {
            while self.shown.len() < count {
                match updates.next().await.expect("the updates ended") {
                    Ok(Update::Reset) => {
                        self.resets += 1;
                        self.shown.clear();
                    }
                    Ok(Update::Message(entry)) => self.shown.push((
                        entry.id.seq,
                        String::from_utf8_lossy(&entry.message).into_owned(),
                    )),
                    Err(error) => panic!("the log failed: {error}"),
                }
            }
        });
        if wait.await.is_err() {
            panic!("timed out with {self:?}, waiting for {count} messages");
        }
    }
}

/// One instance's log on `server`: its own client, as a separate process would have.
async fn instance(server: &NatsServer, max_messages: i64) -> JetStreamLog {
    let client = datastar_live::async_nats::connect(server.url())
        .await
        .expect("connecting to nats-server");
    let mut config = JetStreamLog::config("live");
    config.max_messages = max_messages;
    JetStreamLog::open(jetstream::new(client), config)
        .await
        .expect("opening the stream")
}

async fn append(log: &JetStreamLog, texts: &[&str]) -> Vec<Position> {
    let mut ids = Vec::new();
    for text in texts {
        ids.push(log.append(Bytes::from(text.to_string())).await.unwrap());
    }
    ids
}

fn updates(log: &JetStreamLog, last: Option<Position>) -> Updates {
    let last = last.map(|id| LastEventId(id.to_string()));
    Box::pin(follow(log.clone(), last.as_ref()))
}

#[tokio::test]
async fn every_instance_sees_every_message_in_the_stream_order() {
    let server = NatsServer::start().unwrap();
    let (a, b) = (instance(&server, 100).await, instance(&server, 100).await);
    assert_eq!(
        a.epoch(),
        b.epoch(),
        "ids must mean the same on every instance"
    );
    append(&a, &["before"]).await;

    let mut on_a = updates(&a, None);
    let mut on_b = updates(&b, None);
    let (mut page_a, mut page_b) = (Page::default(), Page::default());
    page_a.until(&mut on_a, 1).await;
    page_b.until(&mut on_b, 1).await;
    // Both instances append at once: the stream decides one order for everybody.
    let (from_a, from_b) = tokio::join!(append(&a, &["a1", "a2", "a3"]), append(&b, &["b1", "b2"]));
    page_a.until(&mut on_a, 6).await;
    page_b.until(&mut on_b, 6).await;
    assert_eq!(page_a.shown, page_b.shown);
    assert_eq!((page_a.resets, page_b.resets), (1, 1));
    let seqs: Vec<u64> = page_a.shown.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6]);
    for id in from_a.iter().chain(&from_b) {
        let (_, text) = &page_b.shown[id.seq as usize - 1];
        assert!(text.starts_with(if from_a.contains(id) { 'a' } else { 'b' }));
    }
}

#[tokio::test]
async fn an_id_from_one_instance_resumes_on_another() {
    let server = NatsServer::start().unwrap();
    let (a, b) = (instance(&server, 100).await, instance(&server, 100).await);
    let ids = append(&a, &["one", "two", "three", "four"]).await;

    let mut on_b = updates(&b, Some(ids[1]));
    let mut page = Page::default();
    page.until(&mut on_b, 2).await;
    append(&a, &["five"]).await;
    page.until(&mut on_b, 3).await;
    assert_eq!(page.resets, 0, "a known id resumes without a reset");
    assert_eq!(page.texts(), ["three", "four", "five"]);

    // A third instance, started later (a restarted one), understands the same ids.
    let c = instance(&server, 100).await;
    let mut on_c = updates(&c, Some(ids[3]));
    let mut page = Page::default();
    page.until(&mut on_c, 1).await;
    assert_eq!((page.resets, page.texts()), (0, vec!["five"]));
}

#[tokio::test]
async fn an_id_older_than_the_retention_re_renders() {
    let server = NatsServer::start().unwrap();
    let log = instance(&server, 3).await;
    let ids = append(&log, &["1", "2", "3", "4", "5", "6"]).await;

    let mut stale = updates(&log, Some(ids[0]));
    let mut page = Page::default();
    page.until(&mut stale, 3).await;
    assert_eq!(page.resets, 1, "a reset, not an error or a gap");
    assert_eq!(page.texts(), ["4", "5", "6"]);

    // The oldest retained id still resumes; an id of a deleted and re-created stream
    // (numbering restarted) does not.
    let mut fresh = updates(&log, Some(ids[3]));
    let mut page = Page::default();
    page.until(&mut fresh, 2).await;
    assert_eq!((page.resets, page.texts()), (0, vec!["5", "6"]));

    let client = datastar_live::async_nats::connect(server.url())
        .await
        .unwrap();
    jetstream::new(client).delete_stream("live").await.unwrap();
    let renewed = instance(&server, 3).await;
    assert_ne!(renewed.epoch(), log.epoch());
    append(&renewed, &["x", "y", "z", "w"]).await;
    let mut old = updates(&renewed, Some(ids[1]));
    let mut page = Page::default();
    page.until(&mut old, 3).await;
    assert_eq!((page.resets, page.texts()), (1, vec!["y", "z", "w"]));
}

#[tokio::test]
async fn a_lagging_stream_catches_up_from_nats() {
    let server = NatsServer::start().unwrap();
    let client = datastar_live::async_nats::connect(server.url())
        .await
        .unwrap();
    let mut config = JetStreamLog::config("live");
    config.max_messages = 100;
    // A tail of 2: the stream below, not polled while 20 messages arrive, lags.
    let log = JetStreamLog::open_with_tail_capacity(jetstream::new(client), config, 2)
        .await
        .unwrap();
    let mut stream = updates(&log, None);
    append(&log, &["first"]).await;
    let mut page = Page::default();
    page.until(&mut stream, 1).await;
    let texts: Vec<String> = (2..=21).map(|n| n.to_string()).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    append(&log, &texts).await;
    // Let the tail overrun the channel before the stream reads again.
    tokio::time::sleep(Duration::from_millis(200)).await;
    page.until(&mut stream, 21).await;
    assert_eq!(page.resets, 1, "only the first connection's reset");
    let seqs: Vec<u64> = page.shown.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(
        seqs,
        (1..=21).collect::<Vec<_>>(),
        "every message once, in order"
    );
}

#[tokio::test]
async fn streams_survive_a_nats_crash_and_the_history_is_kept() {
    let mut server = NatsServer::start().unwrap();
    let (a, b) = (instance(&server, 100).await, instance(&server, 100).await);
    append(&a, &["before the crash"]).await;
    let mut on_b = updates(&b, None);
    let mut page = Page::default();
    page.until(&mut on_b, 1).await;

    server.kill();
    // Once the client has seen the connection drop, a command is refused at once (the
    // POST answers 503) rather than queued for later. (In the moment before, a publish is
    // written to the dead socket and times out after 5 s: refused too, never applied.)
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    let refused = a.append(Bytes::from_static(b"lost")).await;
    assert!(
        matches!(&refused, Err(error) if error.kind() == ErrorKind::Unavailable),
        "appending with NATS down: {refused:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // A page connecting now gets an error at once (its stream ends; the page retries).
    let mut refused = updates(&b, None);
    let first = tokio::time::timeout(Duration::from_secs(1), refused.next()).await;
    assert!(
        matches!(first, Ok(Some(Err(_)))),
        "following with NATS down: {first:?}"
    );

    server.restart().unwrap();
    // The clients reconnect by themselves (with a backoff); retry the command as a user
    // would press Send again.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let restarted = std::time::Instant::now();
    while a
        .append(Bytes::from_static(b"after the crash"))
        .await
        .is_err()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "NATS did not come back"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!("appending again after {:?}", restarted.elapsed());
    page.until(&mut on_b, 2).await;
    eprintln!(
        "delivered on the other instance after {:?}",
        restarted.elapsed()
    );
    assert_eq!(page.resets, 1);
    assert_eq!(page.texts(), ["before the crash", "after the crash"]);

    // The history survived in the server's store: a new stream replays it.
    let mut later = updates(&b, None);
    let mut page = Page::default();
    page.until(&mut later, 2).await;
    assert_eq!(page.texts(), ["before the crash", "after the crash"]);
}

#[tokio::test]
async fn a_message_too_large_for_the_stream_says_so_with_the_limit() {
    let server = NatsServer::start().unwrap();
    let log = instance(&server, 100).await;
    // `JetStreamLog::config` stores at most 64 KiB per message.
    let limit = 64 * 1024;
    let refused = log.append(Bytes::from(vec![b'x'; limit + 1])).await;
    assert!(
        matches!(&refused, Err(error) if error.kind() == ErrorKind::TooLarge { limit }),
        "{refused:?}"
    );
    let stored = log.append(Bytes::from(vec![b'x'; limit])).await;
    assert!(stored.is_ok(), "{stored:?}");
    let retained = log.read_after(0).await.unwrap();
    assert_eq!(
        retained.last, 1,
        "only the message within the limit is stored"
    );
}
