namespace SecComms.Core.Policy;

/// <summary>The effective policy: teams, categories and their templates, identified by the hash of its source.</summary>
public sealed record SecCommsPolicy(
    string Name,
    string Hash,
    IReadOnlyDictionary<string, Team> Teams,
    IReadOnlyDictionary<string, Category> Categories)
{
    public Category? FindCategory(string? key) => key is not null && Categories.TryGetValue(key, out var c) ? c : null;
}

public sealed record Team(string Key, string Name);

public sealed record Category(
    string Key,
    string Name,
    string Area,
    string Owner,
    bool ConfidentialByDefault,
    IReadOnlyList<string> Channels,
    CategoryTemplate Template);

/// <summary>Liquid templates for each channel variant a new communication starts with.</summary>
public sealed record CategoryTemplate(string Body, string EmailSubject, string EmailBody, string ShortText);

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
