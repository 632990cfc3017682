//! Every engine of the page bench writes the bytes `html!` writes, so the bench compares
//! the same work.

use datastar_bench::pages::*;

#[test]
fn every_engine_writes_the_same_page() {
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
