//! The TODO app of the CQRS guide (`datastar_core::docs::guides::cqrs`), written only from
//! the shipped docs: one long-lived stream per page re-renders the list on every change;
//! commands (add, toggle, delete) answer `204 No Content`. Template `for` and `if` render
//! the list; `@post('/todos/` (id) `/toggle')` puts a hole in an action URL.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

#[derive(Clone)]
struct Todo {
    id: u64,
    title: String,
    done: bool,
}

/// Shared by every request.
#[derive(Clone)]
struct AppState {
    todos: Arc<Mutex<Vec<Todo>>>,
    next_id: Arc<AtomicU64>,
    /// Ticks on every change; each open stream holds a receiver.
    changes: watch::Sender<()>,
}

impl AppState {
    fn new() -> Self {
        let (changes, _) = watch::channel(());
        AppState {
            todos: Arc::default(),
            next_id: Arc::new(AtomicU64::new(1)),
            changes,
        }
    }

    /// A copy of the list, so that no lock is held while the stream waits.
    fn snapshot(&self) -> Vec<Todo> {
        self.todos.lock().unwrap().clone()
    }

    /// Changes the list, then wakes every open stream.
    fn update(&self, change: impl FnOnce(&mut Vec<Todo>)) {
        change(&mut self.todos.lock().unwrap());
        self.changes.send_replace(());
    }
}

/// `/todos` (the page, and `POST` to add), `/todos/stream`, `/todos/{id}/toggle` and
/// `DELETE /todos/{id}`.
pub fn router() -> Router {
    Router::new()
        .route("/todos", get(page).post(add))
        .route("/todos/stream", get(stream))
        .route("/todos/{id}/toggle", post(toggle))
        .route("/todos/{id}", delete(delete_todo))
        .with_state(AppState::new())
}

/// The page, the list already in it: the stream only brings changes.
async fn page(State(app): State<AppState>) -> Markup {
    let todos = app.snapshot();
    crate::layout(
        "Mission checklist",
        html! {
            #[signals(NewTodo)]
            "<div data-signals=\"" (NewTodo::default()) "\" data-init=\"@get('/todos/stream')\">
  <input id=\"title\" data-bind:title placeholder=\"What needs doing, Dave?\">
  <button id=\"add\" data-on:click=\"@post('/todos'); $title = ''\">Add</button>
  " (todo_list(&todos)) "
</div>"
        },
    )
}

/// The list and its count: rendered into the page, and sent whole on every change.
fn todo_list(todos: &[Todo]) -> Markup {
    let left = todos.iter().filter(|todo| !todo.done).count();
    html! {
        "<ul id=\"todos\">"
            for todo in todos {
                "\n<li id=\"todo-" (todo.id) "\"" if todo.done { " class=\"done\"" } ">"
                "<input type=\"checkbox\"" if todo.done { " checked" }
                " data-on:click=\"@post('/todos/" (todo.id) "/toggle')\"> "
                if todo.done { "<s>" (todo.title) "</s>" } else { (todo.title) }
                " <button data-on:click=\"@delete('/todos/" (todo.id) "')\">Delete</button>"
                "</li>"
            }
            "\n</ul><p id=\"left\">" (left) " left</p>"
    }
}

/// The query: the whole list, then again after every change.
async fn stream(State(app): State<AppState>) -> impl IntoResponse {
    // Subscribe before the first render: a change in between wakes the loop at once.
    let mut changes = app.changes.subscribe();
    datastar! {
        loop {
            // Both top-level elements have an `id`: the client patches them by id.
            elements (todo_list(&app.snapshot()));
            changes.changed().await?;
        }
    }
    .keep_alive(Duration::from_secs(15))
}

/// The page's signals, read back by the `add` command: the one definition of both.
#[derive(Default, Serialize, Deserialize, Signals)]
struct NewTodo {
    title: String,
}

/// A command: adds a todo from the `title` signal.
async fn add(State(app): State<AppState>, ReadSignals(form): ReadSignals<NewTodo>) -> StatusCode {
    let title = form.title.trim();
    if !title.is_empty() {
        let id = app.next_id.fetch_add(1, Ordering::Relaxed);
        app.update(|todos| {
            todos.push(Todo {
                id,
                title: title.to_owned(),
                done: false,
            })
        });
    }
    StatusCode::NO_CONTENT
}

async fn toggle(State(app): State<AppState>, Path(id): Path<u64>) -> StatusCode {
    app.update(|todos| {
        if let Some(todo) = todos.iter_mut().find(|todo| todo.id == id) {
            todo.done = !todo.done;
        }
    });
    StatusCode::NO_CONTENT
}

async fn delete_todo(State(app): State<AppState>, Path(id): Path<u64>) -> StatusCode {
    app.update(|todos| todos.retain(|todo| todo.id != id));
    StatusCode::NO_CONTENT
}
