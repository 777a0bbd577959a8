using Fluid;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Policy;
using SecComms.Core.Templates;

namespace SecComms.Core.Releases;

/// <summary>
/// Renders one release template into a communication's variants. Any error, at parse or at render, refuses the whole
/// preparation: no communication is ever created from a half-rendered template.
/// </summary>
internal static class ReleaseTemplateRenderer
{
    public static CommunicationContent Render(string name, ReleaseTemplate template, IReadOnlyDictionary<string, object?> values)
    {
        var context = BoundedLiquid.NewContext();
        foreach (var (key, value) in values)
        {
            context.SetValue(key, value);
        }
        var title = Apply(name, "title", template.Title, context).Trim();
        context.SetValue("title", title);
        var content = new CommunicationContent(
            title,
            Apply(name, "body", template.Body, context),
            Apply(name, "email-subject", template.EmailSubject, context).Trim(),
            Apply(name, "email-body", template.EmailBody, context),
            Apply(name, "short-text", template.ShortText, context).Trim());
        Check(name, "title", content.Title, ContentLimits.Title);
        Check(name, "body", content.Body, ContentLimits.Body);
        Check(name, "email-subject", content.EmailSubject, ContentLimits.EmailSubject);
        Check(name, "email-body", content.EmailBody, ContentLimits.EmailBody);
        Check(name, "short-text", content.ShortText, ContentLimits.ShortText);
        return content;
    }

    private static string Apply(string name, string field, string source, TemplateContext context)
    {
        if (!BoundedLiquid.TryParse(source, out var template, out var error))
        {
            throw new ConflictException($"The release template {name} {field} is not valid Liquid: {error}. Fix it in the policy.");
        }
        try
        {
            return BoundedLiquid.Render(template, context);
        }
        catch (TemplateLimitException e)
        {
            throw new ConflictException($"The release template {name} {field} was stopped: {e.Message}. Fix it in the policy; nothing was created.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ConflictException($"The release template {name} {field} failed to render: {e.Message}. Fix it in the policy; nothing was created.");
        }
    }

    private static void Check(string name, string field, string text, int max)
    {
        if (text.Length == 0 && field is "title")
        {
            throw new ConflictException($"The release template {name} renders an empty {field}; nothing was created.");
        }
        if (text.Length > max)
        {
            throw new ConflictException($"The release template {name} renders a {field} of {text.Length:N0} characters; at most {max:N0} fit. Nothing was created.");
        }
    }
}
