using SecComms.Core.Communications;
using SecComms.Core.Policy;

namespace SecComms.Core.Releases;

/// <summary>The policy's <c>releases</c> section: how releases are handled and what preparing one generates, in which categories.</summary>
/// <param name="SupportedMinorLines">How many minor lines a release patches.</param>
/// <param name="DiscloseAfterDays">Days after its fix ships until a vulnerability's details are made public, unless its record says otherwise.</param>
/// <param name="VulnerabilityTeams">The teams that see vulnerabilities and manage releases.</param>
/// <param name="Parts">Each communication preparing a release generates, with its category per kind of release.</param>
/// <param name="Templates">The Liquid templates each part is rendered from; null when the policy has none and releases cannot be prepared.</param>
public sealed record ReleasePolicyView(
    int SupportedMinorLines,
    int DiscloseAfterDays,
    IReadOnlyList<string> VulnerabilityTeams,
    IReadOnlyList<ReleasePartView> Parts,
    ReleaseTemplates? Templates)
{
    public static ReleasePolicyView From(SecCommsPolicy policy) => new(
        policy.Releases.SupportedMinorLines,
        policy.Releases.DiscloseAfterDays,
        policy.Releases.VulnerabilityTeams,
        [.. Enum.GetValues<ReleasePart>().Select(part => new ReleasePartView(part, [.. Enum.GetValues<ReleaseKind>().Select(kind =>
        {
            var key = policy.Releases.CategoryOf(part, kind);
            var category = policy.FindCategory(key);
            return new ReleasePartCategory(kind, key, category is not null, category?.Channels ?? []);
        })]))],
        policy.Releases.Templates);
}

/// <param name="Part">blog-post, customer-email or advisory (one per vulnerability).</param>
/// <param name="Categories">The category it is created in for each kind of release.</param>
public sealed record ReleasePartView(ReleasePart Part, IReadOnlyList<ReleasePartCategory> Categories);

/// <param name="Kind">planned, critical or emergency.</param>
/// <param name="Category">The category key.</param>
/// <param name="InPolicy">Whether the policy defines that category; preparing a release that needs a missing one is refused.</param>
/// <param name="Channels">Where that category goes out: the web (the public site and its feeds) for the posts, email for the customer email.</param>
public sealed record ReleasePartCategory(ReleaseKind Kind, string Category, bool InPolicy, IReadOnlyList<string> Channels);
