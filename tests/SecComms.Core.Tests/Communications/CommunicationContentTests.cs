using SecComms.Core.Communications;
using SecComms.Core.Errors;

namespace SecComms.Core.Tests.Communications;

public sealed class CommunicationContentTests
{
    [Fact]
    public void Line_endings_do_not_change_the_hash()
    {
        var unix = CommunicationContent.Normalize("T", "a\nb", "S", "e\nf", "x");
        var windows = CommunicationContent.Normalize(" T ", "a\r\nb", "S", "e\r\nf", "x");

        Assert.Equal(unix, windows);
        Assert.Equal(unix.Hash(), windows.Hash());
    }

    [Fact]
    public void Moving_text_between_variants_changes_the_hash()
    {
        var a = new CommunicationContent("T", "ab", "", "", "");
        var b = new CommunicationContent("T", "a", "b", "", "");

        Assert.NotEqual(a.Hash(), b.Hash());
        Assert.Matches("^[0-9a-f]{64}$", a.Hash());
    }

    [Fact]
    public void Every_broken_limit_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationException>(() =>
            CommunicationContent.Normalize("", "", "two\nlines", "", new string('x', ContentLimits.ShortText + 1)));

        Assert.Equal(["emailSubject", "shortText", "title"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Markdown_nested_too_deeply_to_render_is_shown_as_plain_escaped_text()
    {
        var html = MarkdownRenderer.ToSafeHtml(new string('>', 90_000) + "<b>");

        Assert.StartsWith("<pre>", html, StringComparison.Ordinal);
        Assert.EndsWith("&lt;b&gt;</pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_markdown_keeps_formatting_and_drops_scripts_and_dangerous_links()
    {
        var html = MarkdownRenderer.ToSafeHtml("# Fixed\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) and [advisory](https://example.com/a)\n\n<img src=x onerror=alert(1)>");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/a\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_link_to_a_heading_reaches_it_and_no_other_element_keeps_an_id()
    {
        const string title = "Path traversal in 'Import' (CE/EE)";
        var anchor = MarkdownRenderer.HeadingId(title);
        var html = MarkdownRenderer.ToSafeHtml($"| Fix |\n| --- |\n| [{title}](#{anchor}) |\n\n### {title}\n\n### {title}\n\nText {{#main}}\n");

        Assert.Contains($"href=\"#{anchor}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<h3 id=\"{anchor}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h3 id=\"{anchor}-1\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"main\"", html, StringComparison.Ordinal);
    }
}
