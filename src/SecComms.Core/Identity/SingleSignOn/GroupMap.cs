using SecComms.Core.Policy;

namespace SecComms.Core.Identity.SingleSignOn;

/// <summary>The teams and role a person's provider groups give them; <see cref="Matched"/> is false when none of their groups is mapped.</summary>
public sealed record MappedAccess(bool Matched, IReadOnlyList<string> Teams, UserRole Role, IReadOnlyList<string> UnknownTeams);

/// <summary>Reads <see cref="SingleSignOnOptions.Groups"/>: group names are compared exactly, as the provider sends them.</summary>
public static class GroupMap
{
    /// <remarks>A team the policy does not have is left out (and reported), so a policy change never blocks signing in.</remarks>
    public static MappedAccess Map(SingleSignOnOptions options, IEnumerable<string> groups, SecCommsPolicy policy)
    {
        var held = groups.ToHashSet(StringComparer.Ordinal);
        var mappings = options.Groups.Where(m => m.Group is not null && held.Contains(m.Group)).ToList();
        var teams = mappings.SelectMany(m => m.Teams).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var roles = mappings.Where(m => m.Role is not null).Select(m => m.Role!.Value).ToList();
        var role = roles.Count == 0 ? UserRole.Member : roles.MaxBy(Rank);
        return new MappedAccess(mappings.Count > 0, [.. teams.Where(policy.Teams.ContainsKey)], role, [.. teams.Where(t => !policy.Teams.ContainsKey(t))]);
    }

    private static int Rank(UserRole role) => role switch
    {
        UserRole.Admin => 2,
        UserRole.Member => 1,
        _ => 0,
    };
}
