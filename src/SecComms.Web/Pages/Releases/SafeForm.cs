using SecComms.Core.Workflow;

namespace SecComms.Web.Pages.Releases;

/// <summary>The four SAFE answers as a release form sends them for the whole package, bound as <c>Safe</c>; each is null until chosen.</summary>
public sealed class SafeForm
{
    public bool? Sensitive { get; set; }

    public bool? Accurate { get; set; }

    public bool? Financial { get; set; }

    public bool? Effect { get; set; }

    public string? Notes { get; set; }

    /// <summary>Whether any question was answered, so that a form where they are optional sends answers at all.</summary>
    public bool Answered => Sensitive is not null || Accurate is not null || Financial is not null || Effect is not null || !string.IsNullOrWhiteSpace(Notes);

    /// <summary>The names Core gives the fields of a SAFE answer.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        SafeQuestions.Sensitive, SafeQuestions.Accurate, SafeQuestions.Financial, SafeQuestions.Effect, "notes",
    };

    public SafeRequest ToRequest() => new(Sensitive, Accurate, Financial, Effect, Notes);

    public bool? Choice(SafeQuestion question) => question.Key switch
    {
        SafeQuestions.Sensitive => Sensitive,
        SafeQuestions.Accurate => Accurate,
        SafeQuestions.Financial => Financial,
        SafeQuestions.Effect => Effect,
        _ => null,
    };

    /// <summary>The input of a Core field on a page that binds this form as <c>Safe</c>: <c>Safe.Sensitive</c> for <c>sensitive</c>.</summary>
    public static string InputOf(string field) => PageSupport.InputOf("Safe", field);
}
