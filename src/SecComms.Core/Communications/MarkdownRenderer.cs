using System.Net;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace SecComms.Core.Communications;

/// <summary>Turns a Markdown body into HTML that is safe to show: no scripts, no event handlers, no foreign frames.</summary>
public static partial class MarkdownRenderer
{
    /// <remarks>The advanced extensions give every heading an id from its text (<see cref="HeadingId"/>), so a link to <c>#its-id</c> works.</remarks>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <remarks>Text Markdig refuses (nesting deeper than it allows) is shown as it was written rather than failing the page.</remarks>
    public static string ToSafeHtml(string markdown)
    {
        try
        {
            return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
        }
        catch (ArgumentException)
        {
            return $"<pre>{WebUtility.HtmlEncode(markdown)}</pre>";
        }
    }

    /// <summary>
    /// The id the first heading reading <paramref name="text"/> gets, such as <c>stored-xss-in-merge-request-titles</c>:
    /// what a link to that heading names after <c>#</c>. A later heading of the same text gets <c>-1</c>, <c>-2</c>, … appended.
    /// </summary>
    public static string HeadingId(string text)
    {
        var document = Markdown.Parse("# " + text.ReplaceLineEndings(" "), Pipeline);
        return document.Descendants<HeadingBlock>().FirstOrDefault()?.GetAttributes().Id ?? "";
    }

    /// <remarks>
    /// Ids survive only on headings, and only as lower-case words joined by dashes, dots or underscores: what a link into
    /// the text needs, and no id on a link, a form or any other element a body could write.
    /// </remarks>
    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.RemovingAttribute += (_, e) =>
            e.Cancel = e.Reason == RemoveReason.NotAllowedAttribute && e.Attribute.Name == "id"
                && e.Tag.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" && HeadingIdPattern().IsMatch(e.Attribute.Value);
        return sanitizer;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingIdPattern();
}
