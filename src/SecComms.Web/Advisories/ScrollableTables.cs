using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SecComms.Web.Advisories;

/// <summary>
/// Puts each table of a rendered body in a box of its own that scrolls sideways, so that on a narrow screen a wide table
/// keeps its words whole and the page itself never scrolls sideways.
/// </summary>
/// <remarks>
/// The box can take the keyboard's focus, so that it can be scrolled without a pointer, and is named after the heading
/// just before the table when there is one. The HTML is changed as a document, never as text: an attribute of the
/// sanitized body may hold anything that looks like a tag.
/// </remarks>
public static class ScrollableTables
{
    private static readonly HtmlParser Parser = new();

    public static string Wrap(string html)
    {
        if (!html.Contains("<table", StringComparison.Ordinal))
        {
            return html;
        }
        var document = Parser.ParseDocument("");
        var body = document.Body ?? throw new InvalidOperationException("An HTML document has a body.");
        var nodes = Parser.ParseFragment(html, body);
        body.Append([.. nodes]);
        var number = 0;
        foreach (var table in body.QuerySelectorAll("table").ToList())
        {
            number++;
            var box = document.CreateElement("div");
            box.ClassName = "table-scroll";
            box.SetAttribute("role", "region");
            box.SetAttribute("tabindex", "0");
            box.SetAttribute("aria-label", Name(table, number));
            table.Replace(box);
            box.AppendChild(table);
        }
        return body.InnerHtml;
    }

    private static string Name(IElement table, int number) =>
        table.PreviousElementSibling is { LocalName: "h1" or "h2" or "h3" or "h4" or "h5" or "h6" } heading && heading.TextContent.Trim() is { Length: > 0 } text
            ? text
            : $"Table {number}";
}
