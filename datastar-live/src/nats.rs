//! The log in a NATS JetStream stream: shared by every instance, kept by the server.
//!
//! One stream per topic, with one subject. Appending is a JetStream publish (answered once
//! the server stored the message, with its stream sequence number); reading is a
//! short-lived consumer from a start sequence; the live tail is one ordered push consumer
//! per instance, fanned out in process to every stream of that instance. So the order is
//! the stream's, the same on every instance, and an id handed out by one instance is
//! understood by all of them, before and after restarts.

use std::fmt;
use std::hash::Hasher;
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::consumer::{AckPolicy, DeliverPolicy, pull, push};
use async_nats::jetstream::stream::{self, DiscardPolicy, StorageType};
use async_nats::jetstream::{self, Context};
use bytes::Bytes;
use futures_util::StreamExt;
use tokio::sync::broadcast;

use crate::{Entry, ErrorKind, Log, LogError, Position, Retained};

pub use async_nats;

/// How many messages an instance's streams may fall behind its tail before they lag (and
/// catch up from NATS).
const TAIL_CAPACITY: usize = 1024;
/// How many messages one read asks the server for at a time.
const READ_BATCH: u64 = 1000;

/// A [`Log`] in a JetStream stream: messages are the payloads (`Bytes`) of the stream's
/// one subject, numbered by the stream's sequence.
///
/// ```no_run
/// use datastar_live::{JetStreamLog, Log, async_nats};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
/// let client = async_nats::connect("nats://127.0.0.1:4222").await?;
/// let mut config = JetStreamLog::config("chat");
/// config.max_messages = 500;
/// let log = JetStreamLog::open(async_nats::jetstream::new(client), config).await?;
/// let id = log.append("hello".into()).await?;
/// println!("stored as {id}");
/// # Ok(())
/// # }
/// ```
///
/// Cloning shares the log and its tail. The tail runs in a task of its own until the
/// last clone is dropped; it survives reconnections to the server, resuming after the
/// last message it delivered.
///
/// # When the server is unreachable
///
/// The client reconnects by itself. Meanwhile [`append`](Log::append) and
/// [`read_after`](Log::read_after) fail at once (in the moment before the client notices
/// a lost connection, a publish fails after the 5 s acknowledgement timeout, and is not
/// stored), so a command can answer 503 and a new stream ends with its error; streams
/// already open keep waiting, and get what was appended in between from the tail once
/// the connection is back. With a file store (the default of [`config`](Self::config)),
/// a restarted server keeps the history and the numbering, so ids stay valid.
#[derive(Clone, Debug)]
pub struct JetStreamLog {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    context: Context,
    stream: String,
    subject: String,
    epoch: u64,
    /// The largest message the stream and the server store, in bytes.
    max_message: usize,
    tail: broadcast::Sender<Entry<Bytes>>,
    tail_task: tokio::task::JoinHandle<()>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.tail_task.abort();
    }
}

/// A NATS request that failed: what was being done, the client's error, and its
/// [`kind`](LogError::kind): a message too large for the stream, the server out of
/// reach, or something else.
#[derive(Debug)]
pub struct NatsError {
    doing: &'static str,
    kind: ErrorKind,
    source: async_nats::Error,
}

impl NatsError {
    /// For `map_err`: an error of the client's boxed kind, while `doing`.
    fn boxed(doing: &'static str) -> impl FnOnce(async_nats::Error) -> NatsError {
        move |source| NatsError {
            doing,
            kind: ErrorKind::Other,
            source,
        }
    }

    /// For `map_err`: any other error, while `doing`.
    fn doing<E: std::error::Error + Send + Sync + 'static>(
        doing: &'static str,
    ) -> impl FnOnce(E) -> NatsError {
        move |source| NatsError {
            doing,
            kind: ErrorKind::Other,
            source: Box::new(source),
        }
    }

    /// For `map_err` on a publish: a timeout or a broken connection is
    /// [`ErrorKind::Unavailable`], the client's own size check [`ErrorKind::TooLarge`].
    fn publishing(
        doing: &'static str,
        limit: usize,
    ) -> impl FnOnce(jetstream::context::PublishError) -> NatsError {
        move |source| {
            use jetstream::context::PublishErrorKind;
            let kind = match source.kind() {
                PublishErrorKind::TimedOut | PublishErrorKind::BrokenPipe => ErrorKind::Unavailable,
                PublishErrorKind::MaxPayloadExceeded => ErrorKind::TooLarge { limit },
                _ => ErrorKind::Other,
            };
            NatsError {
                doing,
                kind,
                source: Box::new(source),
            }
        }
    }
}

impl LogError for NatsError {
    fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for NatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NATS JetStream: {}: {}", self.doing, self.source)
    }
}

impl std::error::Error for NatsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

impl JetStreamLog {
    /// The stream for `topic` with the limits of a live page: named `topic`, with the one
    /// subject `topic`, kept on disk, at most 1,000 messages, 64 MiB and 64 KiB per
    /// message, the oldest dropped first. Change the fields before [`open`](Self::open)
    /// (`max_age`, replicas, …); keep exactly one subject.
    pub fn config(topic: &str) -> stream::Config {
        stream::Config {
            name: topic.to_owned(),
            subjects: vec![topic.to_owned()],
            max_messages: 1000,
            max_bytes: 64 * 1024 * 1024,
            max_message_size: 64 * 1024,
            discard: DiscardPolicy::Old,
            storage: StorageType::File,
            ..Default::default()
        }
    }

    /// Creates the stream, or updates its limits to `config`, and starts this instance's
    /// tail after the stream's last message.
    pub async fn open(context: Context, config: stream::Config) -> Result<Self, NatsError> {
        Self::open_with_tail_capacity(context, config, TAIL_CAPACITY).await
    }

    /// The same, with a tail that holds `capacity` messages for a slow stream (at least
    /// one) before it lags.
    pub async fn open_with_tail_capacity(
        context: Context,
        config: stream::Config,
        capacity: usize,
    ) -> Result<Self, NatsError> {
        let [subject] =
            <[String; 1]>::try_from(config.subjects.clone()).map_err(|_| NatsError {
                doing: "opening the stream",
                kind: ErrorKind::Other,
                source: "a JetStreamLog stream has exactly one subject".into(),
            })?;
        let info = context
            .create_or_update_stream(config)
            .await
            .map_err(NatsError::doing("creating the stream"))?;
        let epoch = epoch_of(&info);
        // The largest message both the stream and the server take (`-1`: no stream limit).
        let server_limit = context.client().server_info().max_payload;
        let max_message = usize::try_from(info.config.max_message_size)
            .ok()
            .filter(|&limit| limit > 0)
            .map_or(server_limit, |limit| {
                if server_limit == 0 {
                    limit
                } else {
                    limit.min(server_limit)
                }
            });
        let (tail, _) = broadcast::channel(capacity.max(1));
        let tail_task = tokio::spawn(run_tail(
            context.clone(),
            info.config.name.clone(),
            epoch,
            info.state.last_sequence + 1,
            tail.clone(),
        ));
        Ok(JetStreamLog {
            inner: Arc::new(Inner {
                context,
                stream: info.config.name,
                subject,
                epoch,
                max_message,
                tail,
                tail_task,
            }),
        })
    }

    /// The stream's name.
    pub fn stream_name(&self) -> &str {
        &self.inner.stream
    }

    /// Fails at once, instead of after a timeout, while the client is not connected.
    fn connected(&self, doing: &'static str) -> Result<(), NatsError> {
        match self.inner.context.client().connection_state() {
            async_nats::connection::State::Connected => Ok(()),
            state => Err(NatsError {
                doing,
                kind: ErrorKind::Unavailable,
                source: format!("not connected to the server ({state})").into(),
            }),
        }
    }
}

/// The epoch is the stream's creation time, which every instance reads the same and
/// which changes when the stream is deleted and created again (numbering restarts at 1).
/// Hashed from its text so that it does not depend on which date-time crate async-nats
/// was built with.
fn epoch_of(info: &stream::Info) -> u64 {
    // FNV-1a: stable across processes and Rust versions, unlike the standard hashers.
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for byte in bytes {
                self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    hasher.write(info.created.to_string().as_bytes());
    hasher.finish()
}

/// Delivers every message from `next` on to `tail`, for as long as the log lives. The
/// ordered consumer recreates itself after a lost connection or heartbeat, from the last
/// sequence it delivered; when it gives up, it is created again here.
async fn run_tail(
    context: Context,
    stream: String,
    epoch: u64,
    mut next: u64,
    tail: broadcast::Sender<Entry<Bytes>>,
) {
    loop {
        if let Err(error) = follow_stream(&context, &stream, epoch, &mut next, &tail).await {
            tracing::warn!(%error, stream, "JetStream tail interrupted; starting it again");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn follow_stream(
    context: &Context,
    stream: &str,
    epoch: u64,
    next: &mut u64,
    tail: &broadcast::Sender<Entry<Bytes>>,
) -> Result<(), NatsError> {
    let consumer = context
        .create_consumer_on_stream(
            push::OrderedConfig {
                deliver_subject: context.client().new_inbox(),
                deliver_policy: DeliverPolicy::ByStartSequence {
                    start_sequence: *next,
                },
                ..Default::default()
            },
            stream,
        )
        .await
        .map_err(NatsError::doing("creating the tail consumer"))?;
    let mut messages = consumer
        .messages()
        .await
        .map_err(NatsError::doing("subscribing to the tail"))?;
    while let Some(message) = messages.next().await {
        let message = match message {
            Ok(message) => message,
            // The ordered consumer recreates itself on the next poll.
            Err(error) => {
                tracing::debug!(%error, stream, "JetStream tail consumer recreated");
                continue;
            }
        };
        let seq = message
            .info()
            .map_err(NatsError::boxed("reading a message's metadata"))?
            .stream_sequence;
        *next = seq + 1;
        // An error only means that no stream of this instance is open.
        let _ = tail.send(Entry {
            id: Position { epoch, seq },
            message: message.message.payload,
        });
    }
    Ok(())
}

impl Log for JetStreamLog {
    type Message = Bytes;
    type Error = NatsError;

    fn epoch(&self) -> u64 {
        self.inner.epoch
    }

    fn subscribe(&self) -> broadcast::Receiver<Entry<Bytes>> {
        self.inner.tail.subscribe()
    }

    async fn read_after(&self, seq: u64) -> Result<Retained<Bytes>, NatsError> {
        // A request made while disconnected waits for the client's request timeout
        // (10 s) before failing; a page retries sooner if told at once.
        self.connected("reading the stream's state")?;
        let inner = &self.inner;
        let stream = inner
            .context
            .get_stream(&inner.stream)
            .await
            .map_err(NatsError::doing("reading the stream's state"))?;
        let state = &stream.cached_info().state;
        let last = state.last_sequence;
        let mut entries = Vec::new();
        let start = (seq + 1).max(state.first_sequence);
        if start > last {
            return Ok(Retained { last, entries });
        }
        // A consumer of our own from `start`, without acks, kept in memory, and deleted
        // once read (or by the server after a while if this task dies first).
        let consumer = stream
            .create_consumer(pull::Config {
                deliver_policy: DeliverPolicy::ByStartSequence {
                    start_sequence: start,
                },
                ack_policy: AckPolicy::None,
                inactive_threshold: Duration::from_secs(30),
                memory_storage: true,
                ..Default::default()
            })
            .await
            .map_err(NatsError::doing("creating a reader"))?;
        let read = read_until(&consumer, inner.epoch, last, &mut entries).await;
        let name = consumer.cached_info().name.clone();
        if let Err(error) = stream.delete_consumer(&name).await {
            tracing::debug!(%error, "deleting a JetStream reader; the server will expire it");
        }
        read?;
        Ok(Retained { last, entries })
    }

    async fn append(&self, message: Bytes) -> Result<Position, NatsError> {
        // While disconnected the client would queue the message and send it on
        // reconnection, long after the caller gave up waiting for the acknowledgement: a
        // command answered "failed" would then appear anyway. Refuse it now instead.
        let limit = self.inner.max_message;
        if limit > 0 && message.len() > limit {
            return Err(NatsError {
                doing: "publishing",
                kind: ErrorKind::TooLarge { limit },
                source: format!(
                    "the message has {} bytes; the stream stores at most {limit}",
                    message.len()
                )
                .into(),
            });
        }
        self.connected("publishing")?;
        let ack = self
            .inner
            .context
            .publish(self.inner.subject.clone(), message)
            .await
            .map_err(NatsError::publishing("publishing", limit))?
            .await
            .map_err(NatsError::publishing("storing a message", limit))?;
        Ok(Position {
            epoch: self.inner.epoch,
            seq: ack.sequence,
        })
    }
}

/// Reads the consumer's messages into `entries` up to sequence `last`. Stops early when
/// the server has nothing more: messages dropped by a limit during the read, which
/// [`follow`](crate::follow) sees as missing.
async fn read_until(
    consumer: &async_nats::jetstream::consumer::PullConsumer,
    epoch: u64,
    last: u64,
    entries: &mut Vec<Entry<Bytes>>,
) -> Result<(), NatsError> {
    loop {
        let done = entries.last().map_or(0, |entry| entry.id.seq);
        let wanted = READ_BATCH.min(last.saturating_sub(done)).max(1);
        let mut batch = consumer
            .fetch()
            .max_messages(usize::try_from(wanted).unwrap_or(usize::MAX))
            .messages()
            .await
            .map_err(NatsError::doing("reading messages"))?;
        let mut got = 0;
        while let Some(message) = batch.next().await {
            let message = message.map_err(NatsError::boxed("reading messages"))?;
            let seq = message
                .info()
                .map_err(NatsError::boxed("reading a message's metadata"))?
                .stream_sequence;
            got += 1;
            if seq > last {
                return Ok(());
            }
            entries.push(Entry {
                id: Position { epoch, seq },
                message: message.message.payload,
            });
            if seq == last {
                return Ok(());
            }
        }
        if got == 0 {
            return Ok(());
        }
    }
}
