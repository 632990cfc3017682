use datastar_core::prelude::*;

// `src` of the `<script>` that `script` writes follows the template rule for
// `<script src>`: a value could load code from any host (`data:` included).
fn main() {
    let v = String::from("data:text/javascript,window.__xss = 1");
    let _ = datastar! {
        script "console.log(1)", attributes = { src: (v) };
    };
}
