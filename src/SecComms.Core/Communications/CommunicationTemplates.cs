using Fluid;
using SecComms.Core.Policy;

namespace SecComms.Core.Communications;

/// <summary>Renders a category's Liquid template into the first draft of each channel variant.</summary>
public static class CommunicationTemplates
{
    private static readonly FluidParser Parser = new();

    /// <remarks>
    /// <para><c>values</c>: Further variables the template may use, such as an incident message's part.</para>
    /// </remarks>
    public static CommunicationContent Render(Category category, string title, IReadOnlyDictionary<string, object?>? values = null)
    {
        var context = new TemplateContext();
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
    public static string? Check(string source) => Parser.TryParse(source, out _, out var error) ? null : error;

    private static string Apply(string source, TemplateContext context) =>
        Parser.TryParse(source, out var template, out var error)
            ? template.Render(context, NullEncoder.Default)
            : throw new InvalidOperationException($"Template is not valid Liquid: {error}");
}
