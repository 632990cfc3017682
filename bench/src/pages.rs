//! The page bench: `html!` against maud, askama and hypertext on the two workloads of
//! template-benchmarks-rs (big-table: a 100 × 100 table of integers; teams: a short
//! page with a list and a condition). Every engine writes the same bytes (checked by
//! `tests/pages.rs` and before timing).

use datastar_core::prelude::{Markup, html};

/// The side of the big table.
pub const SIZE: usize = 100;

/// `SIZE` rows of `SIZE` integers.
pub fn big_table_data() -> Vec<Vec<usize>> {
    (0..SIZE)
        .map(|row| (0..SIZE).map(|col| row * SIZE + col).collect())
        .collect()
}

/// big-table with `html!`.
pub fn big_table_html(table: &[Vec<usize>]) -> Markup {
    html! {
        "<table>"
        for row in table {
            "<tr>" for col in row { "<td>" (col) "</td>" } "</tr>"
        }
        "</table>"
    }
}

/// big-table with maud.
pub fn big_table_maud(table: &[Vec<usize>]) -> String {
    maud::html! {
        table {
            @for row in table {
                tr { @for col in row { td { (col) } } }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<table>{% for row in table %}<tr>{% for col in row %}<td>{{ col }}</td>{% endfor %}</tr>{% endfor %}</table>",
    ext = "html"
)]
struct BigTable<'a> {
    table: &'a [Vec<usize>],
}

/// big-table with askama.
pub fn big_table_askama(table: &[Vec<usize>]) -> String {
    askama::Template::render(&BigTable { table }).expect("askama renders")
}

/// big-table with hypertext.
pub fn big_table_hypertext(table: &[Vec<usize>]) -> String {
    use hypertext::prelude::*;
    maud! {
        table {
            @for row in table {
                tr { @for col in row { td { (col) } } }
            }
        }
    }
    .render()
    .into_inner()
}

/// A team of the teams workload.
pub struct Team {
    /// Its name.
    pub name: &'static str,
    /// Its score.
    pub score: u16,
}

/// The teams workload's data.
pub const YEAR: u16 = 2015;
/// The teams, the champion first.
pub const TEAMS: [Team; 4] = [
    Team {
        name: "Jiangsu",
        score: 43,
    },
    Team {
        name: "Beijing",
        score: 27,
    },
    Team {
        name: "Guangzhou",
        score: 22,
    },
    Team {
        name: "Shandong",
        score: 12,
    },
];

/// teams with `html!`.
pub fn teams_html(year: u16, teams: &[Team]) -> Markup {
    html! {
        "<!DOCTYPE html><html><head><title>" (year) "</title></head><body><h1>CSL " (year) "</h1><ul>"
        for (index, team) in teams.iter().enumerate() {
            "<li class=\"" if index == 0 { "champion" } "\"><b>" (team.name) "</b>: " (team.score) "</li>"
        }
        "</ul></body></html>"
    }
}

/// teams with maud.
pub fn teams_maud(year: u16, teams: &[Team]) -> String {
    maud::html! {
        (maud::DOCTYPE)
        html {
            head { title { (year) } }
            body {
                h1 { "CSL " (year) }
                ul {
                    @for (index, team) in teams.iter().enumerate() {
                        li class=(if index == 0 { "champion" } else { "" }) {
                            b { (team.name) } ": " (team.score)
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

#[derive(askama::Template)]
#[template(
    source = "<!DOCTYPE html><html><head><title>{{ year }}</title></head><body><h1>CSL {{ year }}</h1><ul>{% for team in teams %}<li class=\"{% if loop.first %}champion{% endif %}\"><b>{{ team.name }}</b>: {{ team.score }}</li>{% endfor %}</ul></body></html>",
    ext = "html"
)]
struct Teams<'a> {
    year: u16,
    teams: &'a [Team],
}

/// teams with askama.
pub fn teams_askama(year: u16, teams: &[Team]) -> String {
    askama::Template::render(&Teams { year, teams }).expect("askama renders")
}

/// teams with hypertext.
pub fn teams_hypertext(year: u16, teams: &[Team]) -> String {
    use hypertext::prelude::*;
    maud! {
        !DOCTYPE
        html {
            head { title { (year) } }
            body {
                h1 { "CSL " (year) }
                ul {
                    @for (index, team) in teams.iter().enumerate() {
                        li class=(if index == 0 { "champion" } else { "" }) {
                            b { (team.name) } ": " (team.score)
                        }
                    }
                }
            }
        }
    }
    .render()
    .into_inner()
}

/// Every engine writes the bytes `html!` writes, on both workloads; panics otherwise.
pub fn assert_same_bytes() {
    let table = big_table_data();
    let expected = big_table_html(&table).into_string();
    assert!(expected.starts_with("<table><tr><td>0</td><td>1</td>"));
    assert_eq!(big_table_maud(&table), expected, "maud, big-table");
    assert_eq!(big_table_askama(&table), expected, "askama, big-table");
    assert_eq!(
        big_table_hypertext(&table),
        expected,
        "hypertext, big-table"
    );
    let expected = teams_html(YEAR, &TEAMS).into_string();
    assert!(expected.contains("<li class=\"champion\"><b>Jiangsu</b>: 43</li><li class=\"\">"));
    assert_eq!(teams_maud(YEAR, &TEAMS), expected, "maud, teams");
    assert_eq!(teams_askama(YEAR, &TEAMS), expected, "askama, teams");
    assert_eq!(teams_hypertext(YEAR, &TEAMS), expected, "hypertext, teams");
}
