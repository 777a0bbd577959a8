using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecComms.Core.Communications;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Core.Workflow;

/// <summary>
/// The current answers to the four SAFE questions for a public communication, with who gave them for which revision.
/// They can change until publication; every change is in the audit trail.
/// </summary>
public sealed class SafeCheck
{
    public Guid CommunicationId { get; init; }
    /// <summary>Does it disclose sensitive information? Yes flags a risk.</summary>
    public bool Sensitive { get; set; }
    /// <summary>Is every statement verified? No flags a risk.</summary>
    public bool Accurate { get; set; }
    /// <summary>Could it affect financial results or disclosures? Yes flags a risk.</summary>
    public bool Financial { get; set; }
    /// <summary>Could it affect reputation, customers or partners beyond the intended audience? Yes flags a risk.</summary>
    public bool Effect { get; set; }
    public string? Notes { get; set; }
    public Guid AnsweredById { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
    /// <summary>The revision, and its content hash, the answers were given for.</summary>
    public int RevisionNumber { get; set; }
    public required string ContentHash { get; set; }

    /// <summary>The questions whose answers flag a risk, in SAFE order.</summary>
    public IReadOnlyList<string> Flags() =>
    [
        .. new[]
        {
            (Risk: Sensitive, Question: SafeQuestions.Sensitive),
            (Risk: !Accurate, Question: SafeQuestions.Accurate),
            (Risk: Financial, Question: SafeQuestions.Financial),
            (Risk: Effect, Question: SafeQuestions.Effect),
        }.Where(a => a.Risk).Select(a => a.Question),
    ];
}

/// <summary>The SAFE questions and the approval stages their flagged answers add.</summary>
public static class SafeQuestions
{
    public const string Sensitive = "sensitive";
    public const string Accurate = "accurate";
    public const string Financial = "financial";
    public const string Effect = "effect";

    /// <summary>The four questions as people read them, in SAFE order.</summary>
    public static readonly IReadOnlyList<SafeQuestion> All =
    [
        new(Sensitive, "Sensitive", "Does it disclose sensitive information?", RiskWhen: true),
        new(Accurate, "Accurate", "Is every statement verified?", RiskWhen: false),
        new(Financial, "Financial", "Could it affect financial results or disclosures?", RiskWhen: true),
        new(Effect, "Effect", "Could it affect reputation, customers or partners beyond the intended audience?", RiskWhen: true),
    ];

    /// <summary>The <see cref="ApprovalStage.When"/> of a stage added by a flagged SAFE answer.</summary>
    public const string StageCondition = "safe-check";

    /// <remarks>Confidential communications are never published to the public, so they need no SAFE check.</remarks>
    public static bool AreRequired(Communication communication) => !communication.IsConfidential;

    /// <summary>An author of the communication (<paramref name="wroteIt"/>) or a member of its category's owner team answers its SAFE questions.</summary>
    public static bool MayAnswer(Actor actor, Category category, bool wroteIt) => wroteIt || actor.IsInTeam(category.Owner);

    public static string? TeamFor(SafeRules rules, string question) => question switch
    {
        Sensitive => rules.Sensitive,
        Accurate => rules.Accurate,
        Financial => rules.Financial,
        Effect => rules.Effect,
        _ => null,
    };

    /// <summary>
    /// The stages flagged answers add after the category's: one for each team the policy names for a flagged question,
    /// in SAFE order, except teams already among the category's required stages.
    /// </summary>
    public static IReadOnlyList<ApprovalStage> AddedStages(Category category, SafeRules rules, Communication communication, SafeCheck? answers)
    {
        if (answers is null || !AreRequired(communication))
        {
            return [];
        }
        var required = category.Approvals.Where(s => ApprovalProgress.Applies(s, communication)).Select(s => s.Team).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. answers.Flags()
                .SelectMany(question => TeamFor(rules, question) is { } team && !required.Contains(team) ? [(Question: question, Team: team)] : Array.Empty<(string Question, string Team)>())
                .GroupBy(f => f.Team, f => f.Question, StringComparer.Ordinal)
                .Select(g => new ApprovalStage(g.Key, $"flagged in the SAFE check: {string.Join(", ", g)}", StageCondition, [])),
        ];
    }
}

/// <summary>One SAFE question.</summary>
/// <param name="Key">Its name in the API and the audit trail (<c>sensitive</c>).</param>
/// <param name="Name">Its name for people (<c>Sensitive</c>).</param>
/// <param name="Text">The question itself.</param>
/// <param name="RiskWhen">The answer that flags a risk: yes for every question but <c>accurate</c>.</param>
public sealed record SafeQuestion(string Key, string Name, string Text, bool RiskWhen)
{
    public bool? AnswerIn(SafeAnswersView answers) => Key switch
    {
        SafeQuestions.Sensitive => answers.Sensitive,
        SafeQuestions.Accurate => answers.Accurate,
        SafeQuestions.Financial => answers.Financial,
        SafeQuestions.Effect => answers.Effect,
        _ => null,
    };
}

internal sealed class SafeCheckConfiguration : IEntityTypeConfiguration<SafeCheck>
{
    public void Configure(EntityTypeBuilder<SafeCheck> builder)
    {
        builder.ToTable("safe_checks");
        builder.HasKey(s => s.CommunicationId);
        builder.HasOne<Communication>().WithOne().HasForeignKey<SafeCheck>(s => s.CommunicationId);
        builder.Property(s => s.Notes).HasMaxLength(WorkflowLimits.Comment);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
    }
}
