namespace SecComms.Core.Policy;

/// <summary>The effective policy, identified by the SHA-256 of its YAML source.</summary>
public sealed record SecCommsPolicy(
    string Name,
    string Hash,
    IReadOnlyDictionary<string, Team> Teams,
    IReadOnlyDictionary<string, Category> Categories,
    ExceptionRules Exceptions,
    SafeRules Safe)
{
    public Category? FindCategory(string? key) => key is not null && Categories.TryGetValue(key, out var c) ? c : null;

    public ReleaseRules Releases { get; init; } = ReleaseRules.Default;

    public IncidentRules Incidents { get; init; } = IncidentRules.Default;

    /// <summary>
    /// The teams that, besides each category's owner team, may publish, schedule and withdraw communications and change
    /// what goes out with them: their release, incident, embargo and email audience.
    /// </summary>
    public IReadOnlyList<string> Publishers { get; init; } = [];
}

/// <summary>How security releases and their vulnerabilities are handled, and the templates their communications start from.</summary>
/// <param name="SupportedMinorLines">How many minor lines a release patches: the current one and the ones before it.</param>
/// <param name="DiscloseAfterDays">How many days after its fix ships a vulnerability's details are made public.</param>
/// <param name="Templates">The templates a prepared release renders; null when the policy has none, and releases cannot be prepared.</param>
/// <param name="VulnerabilityTeams">
/// The teams that see vulnerability records, manage security releases and, until a release is published, the communications
/// generated for it.
/// </param>
public sealed record ReleaseRules(int SupportedMinorLines, int DiscloseAfterDays, ReleaseTemplates? Templates, IReadOnlyList<string> VulnerabilityTeams)
{
    public static readonly IReadOnlyList<string> DefaultVulnerabilityTeams = [Identity.Actor.SecurityTeam, "appsec"];

    public static readonly ReleaseRules Default = new(3, 30, null, DefaultVulnerabilityTeams);

    /// <summary>The category a part of a release of this kind is created in: its template's, or the one it had before templates named theirs.</summary>
    public string CategoryOf(Communications.ReleasePart part, Releases.ReleaseKind kind)
    {
        var template = Templates?.Of(part);
        var critical = kind != Releases.ReleaseKind.Planned;
        return (critical ? template?.CriticalCategory : template?.Category) ?? ReleaseTemplate.DefaultCategory(part, critical);
    }
}

/// <summary>Liquid templates for the communications a security release generates.</summary>
public sealed record ReleaseTemplates(ReleaseTemplate BlogPost, ReleaseTemplate CustomerEmail, ReleaseTemplate Advisory)
{
    public ReleaseTemplate Of(Communications.ReleasePart part) => part switch
    {
        Communications.ReleasePart.BlogPost => BlogPost,
        Communications.ReleasePart.CustomerEmail => CustomerEmail,
        _ => Advisory,
    };
}

/// <summary>The title and every channel variant of one generated communication, each a Liquid template.</summary>
/// <remarks>
/// <c>Category</c> and <c>CriticalCategory</c>: the category the part is created in for a planned release, and for a
/// critical or emergency one; null where the policy names none.
/// </remarks>
public sealed record ReleaseTemplate(string Title, string Body, string EmailSubject, string EmailBody, string ShortText)
{
    public string? Category { get; init; }

    public string? CriticalCategory { get; init; }

    /// <summary>What each part was created in before templates named their categories, so such a policy keeps working.</summary>
    public static string DefaultCategory(Communications.ReleasePart part, bool critical) => part switch
    {
        Communications.ReleasePart.CustomerEmail => "customer-security-notice",
        _ => critical ? "critical-security-release" : "security-release",
    };
}

public sealed record Team(string Key, string Name);

/// <summary>One category of external communication: who owns it, who must approve it in which order, and what gates it.</summary>
public sealed record Category(
    string Key,
    string Name,
    string Area,
    string Owner,
    bool ConfidentialByDefault,
    IReadOnlyList<string> Channels,
    IReadOnlyList<ApprovalStage> Approvals,
    IReadOnlyList<string> Consult,
    IReadOnlyList<string> Fyi,
    IReadOnlyList<string> Gates,
    ApprovalDeadlines Deadlines,
    bool OnePersonMayFillSeveralStages,
    CategoryTemplate Template);

/// <summary>A blocking approval by a member of a team; stages run in the order listed.</summary>
/// <param name="Team">The team one of whose members must approve.</param>
/// <param name="Purpose">What the stage is for, such as "final editorial review".</param>
/// <param name="When"><c>always</c>, or <c>customers-affected</c> for a stage needed only when customers are affected.</param>
/// <param name="Backup">Teams asked instead when an emergency deadline passes.</param>
public sealed record ApprovalStage(string Team, string? Purpose, string When, IReadOnlyList<string> Backup);

public sealed record ApprovalDeadlines(TimeSpan Normal, TimeSpan Emergency);

/// <summary>Liquid templates for each channel variant a new communication starts with.</summary>
public sealed record CategoryTemplate(string Body, string EmailSubject, string EmailBody, string ShortText, string SupportFaq = "");

/// <summary>Who approves policy exceptions, for how long at most, and when to remind before they expire.</summary>
public sealed record ExceptionRules(IReadOnlyList<string> Approvers, int MaxPeriodDays, IReadOnlyList<int> ReminderDaysBeforeExpiry);

/// <summary>The team whose approval a flagged SAFE answer adds (Sensitive, Accurate, Financial, Effect); null adds none.</summary>
public sealed record SafeRules(string? Sensitive, string? Accurate, string? Financial, string? Effect);

public static class Channels
{
    public const string Web = "web";
    public const string Email = "email";
    public const string Social = "social";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Web, Email, Social };
}

public static class Areas
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { "incident", "vulnerability", "new-feature" };
}

public static class Gates
{
    public const string FixReleased = "fix-released";
    public const string IncidentContained = "incident-contained";
    public const string EmbargoPassed = "embargo-passed";
    /// <summary>Whichever of the other gates the communication's linked records call for.</summary>
    public const string Linked = "linked";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { FixReleased, IncidentContained, EmbargoPassed, Linked };
}

public static class StageConditions
{
    public const string Always = "always";
    public const string CustomersAffected = "customers-affected";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Always, CustomersAffected };
}
