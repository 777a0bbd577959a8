using SecComms.Core.Policy;

namespace SecComms.Core.Communications;

/// <summary>
/// Whether a communication says anything beyond its category's template. A template gives headings and set phrases; a
/// text made only of its lines, however rearranged, has not been written yet.
/// </summary>
public static class TemplateOnly
{
    /// <summary>The variants that will go out and still hold nothing but template lines: "body", "email body".</summary>
    /// <remarks>An email body missing altogether for an audience is reported as an audience gap (<see cref="Workflow.Readiness"/>), not here.</remarks>
    /// <param name="category">The communication's category, whose template and channels apply.</param>
    /// <param name="communication">The communication, for the values its template was rendered with.</param>
    /// <param name="content">Its current text.</param>
    /// <param name="emailed">Whether it has an email audience.</param>
    public static IReadOnlyList<string> Unwritten(Category category, Communication communication, CommunicationContent content, bool emailed)
    {
        var bare = CommunicationTemplates.Render(category, content.Title, communication.IncidentPart is { } part
            ? new Dictionary<string, object?> { ["part"] = Workflow.AuditNames.Of(part) }
            : null);
        var unwritten = new List<string>();
        var web = category.Channels.Contains(Channels.Web);
        if (web && Holds(content.Body, bare.Body))
        {
            unwritten.Add("body");
        }
        var emailGoesOut = category.Channels.Contains(Channels.Email) && (emailed || !web);
        var noEmailToAudience = emailed && content.EmailBody.Trim().Length == 0;
        if (emailGoesOut && !noEmailToAudience && Holds(content.EmailBody, bare.EmailBody))
        {
            unwritten.Add("email body");
        }
        return unwritten;
    }

    private static bool Holds(string text, string template)
    {
        var lines = Lines(template).ToHashSet(StringComparer.Ordinal);
        return Lines(text).All(lines.Contains);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
