using System.Net;
using Ganss.Xss;
using Markdig;

namespace SecComms.Core.Communications;

/// <summary>Turns a Markdown body into HTML that is safe to show: no scripts, no event handlers, no foreign frames.</summary>
public static class MarkdownRenderer
{
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

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        return sanitizer;
    }
}
