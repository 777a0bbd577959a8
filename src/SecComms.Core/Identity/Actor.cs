namespace SecComms.Core.Identity;

/// <summary>The signed-in person on whose behalf a rule is checked and an audit event is written.</summary>
public sealed record Actor(Guid UserId, string Email, string Name, UserRole Role, IReadOnlySet<string> Teams)
{
    public const string SecurityTeam = "security";

    public bool IsAdmin => Role == UserRole.Admin;
    public bool CanWrite => Role != UserRole.Viewer;
    public bool IsInTeam(string team) => Teams.Contains(team);

    public static Actor From(User user) =>
        new(user.Id, user.Email, user.Name, user.Role, user.Teams.Select(t => t.Team).ToHashSet(StringComparer.Ordinal));
}
