//! Template control flow: `for` loops and `if`s inside templates, with exact SSE bytes for
//! every branch and the evaluation order of holes, conditions and iterators.

use datastar_core::prelude::*;
use datastar_core::testing::drain;

fn cart(items: Vec<&'static str>) -> impl Stream<Item = Event> {
    datastar! {
        elements "<ul id=\"cart\">"
            for (row, item) in items.iter().enumerate() {
                "\n<li id=\"row-" (row) "\">" (item) "</li>"
            }
            "\n</ul>";
    }
}

#[test]
fn template_loops_write_the_body_once_per_item() {
    assert_eq!(
        drain(cart(vec![])),
        "event: datastar-patch-elements\ndata: elements <ul id=\"cart\">\ndata: elements </ul>\n\n"
    );
    assert_eq!(
        drain(cart(vec!["Pod bay door"])),
        "event: datastar-patch-elements\n\
         data: elements <ul id=\"cart\">\n\
         data: elements <li id=\"row-0\">Pod bay door</li>\n\
         data: elements </ul>\n\n"
    );
    assert_eq!(
        drain(cart(vec!["Pod bay door", "EVA helmet", "Chess board"])),
        "event: datastar-patch-elements\n\
         data: elements <ul id=\"cart\">\n\
         data: elements <li id=\"row-0\">Pod bay door</li>\n\
         data: elements <li id=\"row-1\">EVA helmet</li>\n\
         data: elements <li id=\"row-2\">Chess board</li>\n\
         data: elements </ul>\n\n"
    );
}

#[test]
fn holes_in_template_loops_are_escaped() {
    let hostile = vec!["<img src=x onerror=alert(1)>", "\"'&\nnext"];
    let sse = drain(datastar! {
        elements "<ul id=\"list\">"
            for item in &hostile {
                "<li id=\"i-" (item) "\" data-text=\"$prefix + " (item) "\">" (item) "</li>"
            }
            "</ul>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: elements <ul id=\"list\">\
         <li id=\"i-&lt;img src=x onerror=alert(1)&gt;\" \
         data-text=\"$prefix + &quot;\\u003cimg src=x onerror=alert(1)\\u003e&quot;\">\
         &lt;img src=x onerror=alert(1)&gt;</li>\
         <li id=\"i-&quot;&#39;&amp;\n\
         data: elements next\" data-text=\"$prefix + &quot;\\u0022\\u0027\\u0026\\nnext&quot;\">&quot;&#39;&amp;\n\
         data: elements next</li></ul>\n\n"
    );
}

#[test]
fn nested_template_loops_and_loops_in_attribute_values() {
    let groups = vec![
        ("crew", vec!["Dave", "Frank"]),
        ("empty", vec![]),
        ("ship", vec!["HAL"]),
    ];
    let sse = drain(datastar! {
        elements "<div id=\"groups\">"
            for (name, members) in &groups {
                "<ul id=\"group-" (name) "\" class=\"group" for _ in members.iter().take(1) { " filled" } "\">"
                for member in members { "<li>" (member) "</li>" }
                "</ul>"
            }
            "</div>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: elements <div id=\"groups\">\
         <ul id=\"group-crew\" class=\"group filled\"><li>Dave</li><li>Frank</li></ul>\
         <ul id=\"group-empty\" class=\"group\"></ul>\
         <ul id=\"group-ship\" class=\"group filled\"><li>HAL</li></ul>\
         </div>\n\n"
    );
}

#[test]
fn template_loops_in_scripts_and_at_the_start() {
    let names = vec!["Dave", "</script>"];
    let sse = drain(datastar! {
        script "const names = [];" for name in &names { "\nnames.push(" (name) ");" } "\nshow(names);";
        elements for name in &names { "<li id=\"crew-" (name) "\">" (name) "</li>" },
            selector = "#crew", mode = append;
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">const names = [];\n\
         data: elements names.push(\"Dave\");\n\
         data: elements names.push(\"\\u003c/script>\");\n\
         data: elements show(names);</script>\n\n\
         event: datastar-patch-elements\n\
         data: selector #crew\n\
         data: mode append\n\
         data: elements <li id=\"crew-Dave\">Dave</li>\
         <li id=\"crew-&lt;/script&gt;\">&lt;/script&gt;</li>\n\n"
    );
}

fn tick(counter: &std::cell::Cell<u32>) -> u32 {
    counter.set(counter.get() + 1);
    counter.get()
}

#[test]
fn template_loops_keep_the_evaluation_order() {
    // Values before the first loop are evaluated before the buffer is sized for the
    // loop; the order stays the order of the wire: `id`, then the template.
    let sse = drain(datastar! {
        let counter = std::cell::Cell::new(0);
        elements "<p id=\"p\">" (tick(&counter)) for n in 0..tick(&counter) { " " (n) } " " (tick(&counter)) "</p>",
            id = (tick(&counter).to_string());
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\nid: 1\ndata: elements <p id=\"p\">2 0 1 2 4</p>\n\n"
    );
    // A value read before the loop may come from what the loop then consumes.
    let items = vec![String::from("a"), String::from("b")];
    let sse = drain(datastar! {
        elements "<p id=\"count\">" (items.len()) " items:" for item in items { " " (item) } "</p>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <p id=\"count\">2 items: a b</p>\n\n"
    );
}

struct Todo {
    id: u32,
    title: &'static str,
    done: bool,
    urgent: bool,
}

fn todo_item(todo: &Todo) -> impl Stream<Item = Event> + '_ {
    datastar! {
        elements "<li id=\"todo-" (todo.id) "\"" if todo.done { " class=\"done\"" } ">"
            "<input type=\"checkbox\"" if todo.done { " checked" } ">"
            if todo.done { "<s>" (todo.title) "</s>" } else if todo.urgent { "<b>" (todo.title) "</b>" } else { (todo.title) }
            "</li>", selector = "#todos", mode = append;
    }
}

#[test]
fn template_ifs_write_the_branch_taken() {
    let todo = |done, urgent| Todo {
        id: 7,
        title: "Open <the> pod bay doors",
        done,
        urgent,
    };
    let prefix =
        "event: datastar-patch-elements\ndata: selector #todos\ndata: mode append\ndata: elements ";
    assert_eq!(
        drain(todo_item(&todo(true, true))),
        format!(
            "{prefix}<li id=\"todo-7\" class=\"done\"><input type=\"checkbox\" checked><s>Open &lt;the&gt; pod bay doors</s></li>\n\n"
        )
    );
    assert_eq!(
        drain(todo_item(&todo(false, true))),
        format!(
            "{prefix}<li id=\"todo-7\"><input type=\"checkbox\"><b>Open &lt;the&gt; pod bay doors</b></li>\n\n"
        )
    );
    assert_eq!(
        drain(todo_item(&todo(false, false))),
        format!(
            "{prefix}<li id=\"todo-7\"><input type=\"checkbox\">Open &lt;the&gt; pod bay doors</li>\n\n"
        )
    );
}

#[test]
fn template_ifs_in_loops_attribute_values_and_scripts() {
    let todos = [(1, true), (2, false)];
    let filter: Option<&str> = Some("done & <gone>");
    let sse = drain(datastar! {
        elements "<ul id=\"todos\" class=\"list" if filter.is_some() { " filtered" } "\">"
            for (id, done) in todos {
                "<li id=\"t-" (id) "\" data-on:click=\"@post('/todos/" (id) if done { "/reopen" } else { "/close" } "')\">"
                if let Some(filter) = filter { (filter) } "</li>"
            }
            "</ul>";
        script "const done = " if todos[0].1 { (todos[0].0) } else { "null" } ";";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\n\
         data: elements <ul id=\"todos\" class=\"list filtered\">\
         <li id=\"t-1\" data-on:click=\"@post('/todos/1/reopen')\">done &amp; &lt;gone&gt;</li>\
         <li id=\"t-2\" data-on:click=\"@post('/todos/2/close')\">done &amp; &lt;gone&gt;</li></ul>\n\n\
         event: datastar-patch-elements\n\
         data: selector body\n\
         data: mode append\n\
         data: elements <script data-effect=\"el.remove()\">const done = 1;</script>\n\n"
    );
}

#[test]
fn template_ifs_evaluate_conditions_in_order() {
    let counter = std::cell::Cell::new(0);
    let sse = drain(datastar! {
        elements "<p id=\"p\">" (tick(&counter)) if tick(&counter) == 2 { " two " (tick(&counter)) } else { " other" }
            for n in 0..tick(&counter) { " " (n) } "</p>";
    });
    assert_eq!(
        sse,
        "event: datastar-patch-elements\ndata: elements <p id=\"p\">1 two 3 0 1 2 3</p>\n\n"
    );
}
