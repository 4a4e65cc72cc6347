//! Each allow-rule of the sanitizer's policy, as a reader would notice it.

use feedreader::core::sanitize::sanitize_markup;
use feedreader::core::{Markup, MarkupKind};

const BASE: &str = "https://blog.example.com/2024/05/post.html";

fn html(body: &str) -> String {
    with_base(body, Some(BASE))
}

fn with_base(body: &str, base: Option<&str>) -> String {
    let markup = Markup { kind: MarkupKind::Html, body: body.into(), base: base.map(Into::into) };
    sanitize_markup(&markup).as_str().to_owned()
}

fn text(body: &str) -> String {
    sanitize_markup(&Markup { kind: MarkupKind::Text, body: body.into(), base: None }).as_str().to_owned()
}

#[test]
fn article_markup_survives() {
    let body = "<h2>Title</h2><p><em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <u>e</u> <s>f</s> \
        <mark>g</mark> <small>h</small> x<sup>2</sup> H<sub>2</sub>O <abbr title=\"HyperText\">HTML</abbr> \
        <time datetime=\"2024-05-01\">May 1</time><br></p><hr><ul><li>one</li></ul><ol start=\"3\"><li>three</li></ol>\
        <dl><dt>term</dt><dd>definition</dd></dl><blockquote><p>quote</p></blockquote>\
        <pre><code>fn main() {}</code></pre><details open=\"\"><summary>More</summary><p>hidden</p></details>";
    assert_eq!(html(body), body);
}

#[test]
fn tables_keep_rowspan_and_colspan() {
    let out = html(
        "<table><caption>Results</caption><thead><tr><th colspan=2 scope=col>H</th></tr></thead>\
        <tbody><tr><td rowspan=\"2\">a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>",
    );
    assert!(out.contains("<caption>Results</caption>"), "{out}");
    assert!(out.contains("<th colspan=\"2\" scope=\"col\">H</th>"), "{out}");
    assert!(out.contains("<td rowspan=\"2\">a</td>"), "{out}");
}

#[test]
fn figures_pictures_and_srcset_survive_with_absolute_urls() {
    let out = html("<figure><picture><source srcset=\"a.avif 1x, /img/a@2x.avif 2x\" type=\"image/avif\" media=\"(min-width: 600px)\">\
        <img src=\"a.jpg\" srcset=\"a-480.jpg 480w, a-800.jpg 800w\" sizes=\"(max-width: 600px) 480px, 800px\" alt=\"A cat\" width=\"800\" height=\"600\"></picture>\
        <figcaption>A cat</figcaption></figure>");
    assert!(out.contains("<source srcset=\"https://blog.example.com/2024/05/a.avif 1x, https://blog.example.com/img/a@2x.avif 2x\" type=\"image/avif\" media=\"(min-width: 600px)\">"), "{out}");
    assert!(out.contains("src=\"https://blog.example.com/2024/05/a.jpg\""), "{out}");
    assert!(
        out.contains("srcset=\"https://blog.example.com/2024/05/a-480.jpg 480w, https://blog.example.com/2024/05/a-800.jpg 800w\""),
        "{out}"
    );
    assert!(out.contains("sizes=\"(max-width: 600px) 480px, 800px\" alt=\"A cat\" width=\"800\" height=\"600\""), "{out}");
    assert!(out.contains("<figcaption>A cat</figcaption></figure>"), "{out}");
}

#[test]
fn relative_urls_resolve_against_the_entry_base() {
    let out = html(
        "<a href=\"../04/older.html#x\">older</a><a href=\"//cdn.example.net/f.pdf\">pdf</a>\
        <a href=\"?page=2\">next</a><video src=\"v.mp4\" poster=\"/p.png\"></video>",
    );
    assert!(out.contains("href=\"https://blog.example.com/2024/04/older.html#x\""), "{out}");
    assert!(out.contains("href=\"https://cdn.example.net/f.pdf\""), "{out}");
    assert!(out.contains("href=\"https://blog.example.com/2024/05/post.html?page=2\""), "{out}");
    assert!(out.contains("src=\"https://blog.example.com/2024/05/v.mp4\""), "{out}");
    assert!(out.contains("poster=\"https://blog.example.com/p.png\""), "{out}");
}

#[test]
fn relative_urls_without_a_usable_base_are_dropped_not_pointed_at_the_app() {
    for base in [None, Some("javascript:alert(1)//"), Some("data:text/html,x"), Some("not a url")] {
        let out = with_base("<a href=\"/x\">x</a><img src=\"y.png\" alt=\"y\">", base);
        assert!(!out.contains("href"), "{base:?}: {out}");
        assert!(!out.contains("y.png"), "{base:?}: {out}");
        assert!(out.contains(">x</a>"), "{base:?}: {out}");
    }
}

#[test]
fn each_body_uses_its_own_base() {
    let a = with_base("<a href=\"x\">x</a>", Some("https://a.example/dir/"));
    let none = with_base("<a href=\"x\">x</a>", None);
    let b = with_base("<a href=\"x\">x</a>", Some("https://b.example/"));
    assert!(a.contains("https://a.example/dir/x"), "{a}");
    assert!(!none.contains("href"), "{none}");
    assert!(b.contains("https://b.example/x") && !b.contains("a.example"), "{b}");
}

#[test]
fn links_open_in_a_new_tab_without_opener_or_referrer() {
    let out = html("<a href=\"https://example.org/\" target=\"_self\" rel=\"opener\">x</a>");
    assert!(out.contains("target=\"_blank\""), "{out}");
    assert!(out.contains("rel=\"noopener noreferrer\""), "{out}");
    assert!(out.contains("referrerpolicy=\"no-referrer\""), "{out}");
    assert!(!out.contains("_self") && !out.contains("\"opener\""), "{out}");
}

#[test]
fn mailto_links_survive() {
    let out = html("<a href=\"mailto:editor@example.com\">write</a>");
    assert!(out.contains("href=\"mailto:editor@example.com\""), "{out}");
}

#[test]
fn images_load_lazily_without_referrer() {
    let out = html("<img src=\"https://example.org/a.png\" alt=\"a\" loading=\"eager\">");
    assert!(out.contains("loading=\"lazy\""), "{out}");
    assert!(out.contains("decoding=\"async\""), "{out}");
    assert!(out.contains("referrerpolicy=\"no-referrer\""), "{out}");
    assert!(!out.contains("eager"), "{out}");
}

#[test]
fn class_style_and_id_are_dropped_but_content_stays() {
    let out = html("<p class=\"lead\" style=\"color:red\" id=\"intro\">Hello</p>");
    assert_eq!(out, "<p>Hello</p>");
}

#[test]
fn script_and_style_content_never_leaks_as_text() {
    let out = html("<p>a</p><script>var secret = 1;</script><style>p { color: red }</style><noscript>enable js</noscript><p>b</p>");
    assert_eq!(out, "<p>a</p><p>b</p>");
}

#[test]
fn tracking_pixels_are_removed() {
    for pixel in [
        "<img src=\"https://example.org/t.gif\" width=\"1\" height=\"1\">",
        "<img src=\"https://example.org/t.gif\" width=\"0\" height=\"0\" alt=\"\">",
        "<img src=\"https://example.org/t.gif\" width=\"1px\" height=\" 1 \">",
        "<img src=\"http://feeds.feedburner.com/~r/Blog/~4/abcdef\">",
        "<img src=\"https://stats.wordpress.com/b.gif?host=x\">",
        "<img src=\"https://pixel.wp.com/g.gif?v=1\">",
        "<img src=\"http://da.feedsportal.com/r/1/rc.img\">",
        "<img src=\"https://ad.doubleclick.net/ddm/x\">",
        "<img src=\"https://www.google-analytics.com/collect?v=1\">",
        "<IMG SRC=\"https://STATS.WORDPRESS.COM/b.gif\">",
    ] {
        let out = html(&format!("<p>text{pixel}</p>"));
        assert_eq!(out, "<p>text</p>", "{pixel}");
    }
}

#[test]
fn ordinary_images_are_not_mistaken_for_pixels() {
    for image in [
        "<img src=\"https://example.org/rule.png\" width=\"1\" height=\"400\">",
        "<img src=\"https://feeds.feedburner.com/logo.png\">",
        "<img src=\"https://wordpress.com/i/blank.png\">",
        "<img src=\"https://i0.wp.com/example.org/photo.jpg\">",
    ] {
        assert!(html(image).contains("<img"), "{image}");
    }
}

#[test]
fn raster_data_images_survive_svg_ones_do_not() {
    let png = html("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">");
    assert!(png.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), "{png}");
    let svg = html("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"dot\">");
    assert!(!svg.contains("data:"), "{svg}");
}

#[test]
fn allowlisted_iframes_are_sandboxed_with_nothing_else() {
    for src in [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://player.vimeo.com/video/76979871",
        "https://www.dailymotion.com/embed/video/x7tgad0",
        "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1",
        "https://bandcamp.com/EmbeddedPlayer/album=1/size=large/",
        "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC",
    ] {
        let out = html(&format!(
            "<iframe src=\"{src}\" width=\"560\" height=\"315\" frameborder=\"0\" allow=\"autoplay\" allowfullscreen style=\"x\">fallback</iframe>"
        ));
        let expected_src = src.replace('&', "&amp;");
        assert_eq!(
            out,
            format!("<iframe src=\"{expected_src}\" sandbox=\"allow-scripts allow-same-origin allow-popups\" loading=\"lazy\" referrerpolicy=\"no-referrer\"></iframe>"),
            "{src}"
        );
    }
}

#[test]
fn other_iframes_become_links_to_their_source() {
    let out = html("<p><iframe src=\"https://maps.example.org/embed?q=1\"></iframe></p>");
    assert!(out.contains("<a href=\"https://maps.example.org/embed?q=1\""), "{out}");
    assert!(out.contains(">https://maps.example.org/embed?q=1</a>"), "{out}");
    assert!(!out.contains("<iframe"), "{out}");
    let relative = html("<iframe src=\"/widgets/poll\"></iframe>");
    assert!(relative.contains(">https://blog.example.com/widgets/poll</a>"), "{relative}");
}

#[test]
fn media_keep_controls_and_never_autoplay() {
    let out = html(
        "<video src=\"https://example.org/v.mp4\" autoplay muted loop poster=\"https://example.org/p.jpg\"></video>\
        <audio src=\"https://example.org/a.mp3\" autoplay></audio>",
    );
    assert!(!out.contains("autoplay"), "{out}");
    assert_eq!(out.matches("controls=\"\"").count(), 2, "{out}");
    assert!(out.contains("poster=\"https://example.org/p.jpg\""), "{out}");
}

#[test]
fn plain_text_is_escaped_never_parsed() {
    assert_eq!(
        text("Use <script>alert(1)</script> & \"quotes\"\nsecond line\r\n\r\nnew paragraph"),
        "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;<br>second line</p><p>new paragraph</p>"
    );
    assert_eq!(text(""), "");
    assert_eq!(text("<img src=x onerror=alert(1)>"), "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
}

#[test]
fn xhtml_is_sanitized_like_html() {
    let markup = Markup {
        kind: MarkupKind::Xhtml,
        body: "<p xmlns=\"http://www.w3.org/1999/xhtml\">Hi <a href=\"x\" onclick=\"alert(1)\">x</a><br/></p><script>alert(1)</script>"
            .into(),
        base: Some(BASE.into()),
    };
    let out = sanitize_markup(&markup);
    assert!(out.as_str().starts_with("<p>Hi <a href=\"https://blog.example.com/2024/05/x\""), "{}", out.as_str());
    assert!(!out.as_str().contains("alert"), "{}", out.as_str());
}

#[test]
fn deep_nesting_neither_overflows_nor_panics() {
    let deep = format!("{}<script>alert(1)</script>ok", "<div>".repeat(5000));
    let out = html(&deep);
    assert!(out.contains("ok") && !out.contains("script"));
    let formatting = format!("{}ok<img src=x onerror=alert(1)>", "<b><i><u>".repeat(1000));
    let out = html(&formatting);
    assert!(out.contains("ok") && !out.contains("onerror"));
    let iframes = "<iframe src=\"https://evil.example/\"></iframe>".repeat(2000);
    assert_eq!(html(&iframes).matches("<a ").count(), 2000);
}

#[test]
fn mathml_formulas_are_kept_without_links_html_or_svg_inside() {
    let kept = html(
        r#"<p>Euler: <math display="block"><mrow><msup><mi>e</mi><mrow><mi>i</mi><mi>π</mi></mrow></msup><mo>+</mo><mn>1</mn><mo>=</mo><mn>0</mn></mrow></math></p>"#,
    );
    assert!(kept.contains(r#"<math display="block"><mrow><msup><mi>e</mi>"#), "{kept}");
    assert!(kept.contains("<mo>=</mo><mn>0</mn></mrow></math>"), "{kept}");
    let fraction = html(r#"<math><mfrac linethickness="2px"><mi href="https://e.x/" onclick="x()">a</mi><mn>2</mn></mfrac></math>"#);
    assert_eq!(fraction, r#"<math><mfrac linethickness="2px"><mi>a</mi><mn>2</mn></mfrac></math>"#);
    let mixed = html(
        r#"<math><mtext>see <b>bold</b><img src="https://e.x/a.png"></mtext><annotation-xml encoding="text/html"><p>html</p></annotation-xml><svg><circle/></svg></math>"#,
    );
    assert_eq!(mixed, "<math><mtext>see </mtext></math>", "HTML, SVG and annotation-xml inside a formula go");
}
