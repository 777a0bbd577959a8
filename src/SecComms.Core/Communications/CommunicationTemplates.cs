using Fluid;
using SecComms.Core.Errors;
using SecComms.Core.Policy;
using SecComms.Core.Templates;

namespace SecComms.Core.Communications;

/// <summary>Renders a category's Liquid template into the first draft of each channel variant.</summary>
public static class CommunicationTemplates
{
    /// <remarks>
    /// <para><c>values</c>: Further variables the template may use, such as an incident message's part.</para>
    /// </remarks>
    public static CommunicationContent Render(Category category, string title, IReadOnlyDictionary<string, object?>? values = null)
    {
        var context = BoundedLiquid.NewContext();
        context.SetValue("title", title);
        context.SetValue("category", category.Name);
        foreach (var (name, value) in values ?? new Dictionary<string, object?>())
        {
            context.SetValue(name, value);
        }
        var t = category.Template;
        return new CommunicationContent(title, Apply(t.Body, context), Apply(t.EmailSubject, context), Apply(t.EmailBody, context), Apply(t.ShortText, context),
            Apply(t.SupportFaq, context));
    }

    /// <summary>Returns the parse error of a template, or null when it is valid Liquid.</summary>
    public static string? Check(string source) => BoundedLiquid.TryParse(source, out _, out var error) ? null : error;

    /// <summary>Renders a template once with a sample title; returns the limit it exceeds, or null when it stays within them.</summary>
    public static string? CheckLimits(string categoryName, string source)
    {
        if (!BoundedLiquid.TryParse(source, out var template, out _))
        {
            return null;
        }
        var context = BoundedLiquid.NewContext();
        context.SetValue("title", "Sample title");
        context.SetValue("category", categoryName);
        try
        {
            BoundedLiquid.Render(template, context);
            return null;
        }
        catch (TemplateLimitException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static string Apply(string source, TemplateContext context)
    {
        if (!BoundedLiquid.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"Template is not valid Liquid: {error}");
        }
        try
        {
            return BoundedLiquid.Render(template, context);
        }
        catch (TemplateLimitException e)
        {
            throw new ConflictException($"The category template cannot be used: {e.Message}. Fix it in the policy; nothing was created.");
        }
    }
}
