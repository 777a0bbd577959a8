using Fluid;
using SecComms.Core.Errors;
using SecComms.Core.Templates;

namespace SecComms.Core.Distribution;

/// <summary>The values a message is personalized with, as its Liquid placeholders name them.</summary>
/// <param name="Name">The recipient's name: <c>{{ recipient.name }}</c>.</param>
/// <param name="Email">The recipient's address: <c>{{ recipient.email }}</c>.</param>
/// <param name="Organization">Their organization: <c>{{ organization.name }}</c>.</param>
/// <param name="ProductVersion">The version their organization runs: <c>{{ organization.product_version }}</c>.</param>
public sealed record Recipient(string Name, string Email, string? Organization, string? ProductVersion);

/// <summary>
/// A dispatch's approved subject and body, parsed once and filled in per recipient. Text without placeholders is sent
/// exactly as approved; <c>{{ affected_versions }}</c> and <c>{{ fixed_versions }}</c> come from the linked release.
/// </summary>
public sealed class PersonalMessage
{
    private readonly IFluidTemplate? _subject;
    private readonly IFluidTemplate? _body;
    private readonly string _subjectText;
    private readonly string _bodyText;
    private readonly string _affectedVersions;
    private readonly string _fixedVersions;

    private PersonalMessage(string subject, string body, string affectedVersions, string fixedVersions)
    {
        (_subjectText, _bodyText, _affectedVersions, _fixedVersions) = (subject, body, affectedVersions, fixedVersions);
        _subject = Parse(subject, "email subject");
        _body = Parse(body, "email body");
    }

    /// <summary>Parses the text and renders it once for a sample recipient, so a broken placeholder refuses publication instead of failing every send.</summary>
    public static PersonalMessage Prepare(string subject, string body, string affectedVersions = "", string fixedVersions = "")
    {
        var message = new PersonalMessage(subject, body, affectedVersions, fixedVersions);
        try
        {
            message.Render(new Recipient("Alice Example", "alice@example.com", "Example Corp", "1.0.0"));
        }
        catch (Exception e) when (e is not (OperationCanceledException or ConflictException))
        {
            throw new ConflictException($"The email cannot be personalized: {e.Message}");
        }
        return message;
    }

    public (string Subject, string Body) Render(Recipient recipient)
    {
        if (_subject is null && _body is null)
        {
            return (_subjectText, _bodyText);
        }
        var context = BoundedLiquid.NewContext();
        context.SetValue("recipient", new Dictionary<string, object?> { ["name"] = recipient.Name, ["email"] = recipient.Email });
        context.SetValue("organization", new Dictionary<string, object?> { ["name"] = recipient.Organization, ["product_version"] = recipient.ProductVersion });
        context.SetValue("affected_versions", _affectedVersions);
        context.SetValue("fixed_versions", _fixedVersions);
        var subject = _subject is null ? _subjectText : BoundedLiquid.Render(_subject, context);
        return (subject.ReplaceLineEndings(" ").Trim(), _body is null ? _bodyText : BoundedLiquid.Render(_body, context));
    }

    private static IFluidTemplate? Parse(string text, string what)
    {
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal))
        {
            return null;
        }
        return BoundedLiquid.TryParse(text, out var template, out var error)
            ? template
            : throw new ConflictException($"The {what} has a placeholder that is not valid Liquid: {error}");
    }
}
